"""The gradients the post reasons with, in float64 (optimization-failure.md, "What is W₇? Why can't it
increase?" and "Small asymmetry favoring tilt").

Loss convention (as in training): L = (1/n²) Σⱼ Σᵢ (ReLU(WᵢᵀWⱼ + bᵢ) − δᵢⱼ)², example j = eⱼ. The
post writes its gradients per example without the 1/n² and with a loose factor 2; the functions
here return the exact gradients of L (tests/toy/test_forces.py checks them against autograd).
"""
from __future__ import annotations

import numpy as np


def residuals(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """E (n, n): dL/d(pre-activation of output i on example j) = (2/n²)(ReLU(p) − δᵢⱼ)·1[p > 0]."""
    W, b = np.asarray(W, np.float64), np.asarray(b, np.float64)
    n = W.shape[1]
    p = W.T @ W + b[:, None]                     # p[i, j]: output i on example j
    return np.where(p > 0, 2.0 / n ** 2 * (np.maximum(p, 0) - np.eye(n)), 0.0)


def loss(W: np.ndarray, b: np.ndarray) -> float:
    """L of one model, float64."""
    W, b = np.asarray(W, np.float64), np.asarray(b, np.float64)
    n = W.shape[1]
    return float(((np.maximum(W.T @ W + b[:, None], 0) - np.eye(n)) ** 2).mean())


def gradients(W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(dL/dW (m, n), dL/db (n,)), derived by hand: dL/dW_k = Σⱼ (E_kj + E_jk) Wⱼ, dL/db_i = Σⱼ E_ij."""
    E = residuals(W, b)
    return np.asarray(W, np.float64) @ (E + E.T), E.sum(axis=1)


def example_gradients(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """G (n, m, n): G[j, :, k] = ∂L(xⱼ)/∂W_k, the pull of example j on column k (sums to dL/dW over j):
    ∂L(xⱼ)/∂W_k = δ_kj Σᵢ E_ij Wᵢ + E_kj Wⱼ."""
    W = np.asarray(W, np.float64)
    E = residuals(W, b)
    m, n = W.shape
    G = np.einsum("kj,aj->jak", E, W)                    # E_kj Wⱼ on column k
    own = W @ E                                           # (m, n): column j = Σᵢ E_ij Wᵢ
    G[np.arange(n), :, np.arange(n)] += own.T
    return G


def updates(W: np.ndarray, b: np.ndarray, lr: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """The plain gradient-descent update −lr·∇ of every column and bias at (W, b): (m, n), (n,)
    (for the post's update-arrow video)."""
    gW, gb = gradients(W, b)
    return -lr * gW, -lr * gb


def three_forces(W: np.ndarray, b: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """The post's three forces around an unlearnt feature k:

    - "own": ∂L(x_k)/∂W_k, from its own example (pulls W_k outward when ‖W_k‖² + b_k < 1);
    - "tilt": Σ_{j≠k} ∂L(xⱼ)/∂W_k, from the other examples through the tilt (untilts);
    - "on_learnt": (m, n), column j = ∂L(x_k)/∂Wⱼ for j ≠ k, the push on the learnt features that
      W_k ≠ 0 creates (along −W_k), zero in column k.
    """
    G = example_gradients(W, b)
    others = [j for j in range(G.shape[0]) if j != k]
    on_learnt = G[k].copy()
    on_learnt[:, k] = 0.0
    return {"own": G[k, :, k], "tilt": G[others, :, k].sum(axis=0), "on_learnt": on_learnt}


def tilt_condition(W: np.ndarray, b: np.ndarray, k: int, direction=None) -> tuple[float, float, bool]:
    """The post's condition for the gradient to favour more tilt along W_k:
    2[1 − (‖W_k‖² + b_k)] > Σ_{j≠k} (Ŵ_kᵀWⱼ)². Returns (lhs, rhs, lhs > rhs). When W_k = 0 the unit
    `direction` stands for Ŵ_k (required then)."""
    W = np.asarray(W, np.float64)
    wk = W[:, k]
    nk = np.linalg.norm(wk)
    if nk > 0:
        u = wk / nk
    elif direction is None:
        raise ValueError("W_k = 0: give the direction of the tilt")
    else:
        u = np.asarray(direction, np.float64) / np.linalg.norm(direction)
    lhs = 2.0 * (1.0 - (nk ** 2 + float(b[k])))
    proj = u @ np.delete(W, k, axis=1)
    rhs = float((proj ** 2).sum())
    return lhs, rhs, lhs > rhs


def frozen_column_optimum(W: np.ndarray, b: np.ndarray, k: int, start=None, train_bias: bool = True,
                          tol: float = 1e-14) -> tuple[np.ndarray, float, float]:
    """The local optimum of column k (and of b_k when `train_bias`) with every other weight frozen,
    by L-BFGS in float64 from `start` (default: the current W_k). Returns (W_k*, b_k*, loss)."""
    from scipy.optimize import minimize
    W = np.array(W, np.float64)
    b = np.array(b, np.float64)
    m = W.shape[0]
    x0 = np.r_[W[:, k] if start is None else np.asarray(start, np.float64), b[k]]

    def f(x):
        W[:, k] = x[:m]
        if train_bias:
            b[k] = x[m]
        gW, gb = gradients(W, b)
        return loss(W, b), np.r_[gW[:, k], gb[k] if train_bias else 0.0]

    res = minimize(f, x0, jac=True, method="L-BFGS-B", options={"gtol": tol, "ftol": tol, "maxiter": 10_000})
    return res.x[:m].copy(), float(res.x[m] if train_bias else b[k]), float(res.fun)

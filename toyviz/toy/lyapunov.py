"""Is training chaotic? The largest Lyapunov exponent of the training map, by twin runs (issue 23;
optimization-failure.md, "Asymmetric Recovery is Chaotic").

One full-batch optimiser step is a deterministic map of the whole state x = (W, b, m, v) (Adam's
moments are part of it), so sensitivity to initial conditions can be measured directly. Benettin's
method: run a twin displaced by `d0` along a random direction, and every `every` steps record the
log of how much the displacement grew and shrink it back to `d0` along its current direction. The
mean log growth per step over a window is the finite-time exponent there.

A plateau near a saddle separates twins along its unstable direction without any chaos, so beside
each exponent we report the log spectral radius of the linearised map (the one-step Jacobian, by
central finite differences in float64) at the plateau state: only growth beyond it counts.

Everything here is float64 numpy, batched over leading axes. `toy_step` is the engine's optimiser
step (the numba kernel's arithmetic: mean squared error over the n×n identity outputs, torch's
AdamW/Adam/SGD update), tested against torch autograd in float64 and against the float32 kernel.
State layout (..., 3P), P = m·n + n: W latent-major, then b, then first and second moments.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .config import ToyConfig
from .data import lr_multipliers


def pack(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fresh optimiser state (zero moments) from W (..., m, n) and b (..., n) → (..., 3P) float64."""
    W, b = np.asarray(W, np.float64), np.asarray(b, np.float64)
    flat = np.concatenate([W.reshape(W.shape[:-2] + (-1,)), b], axis=-1)
    return np.concatenate([flat, np.zeros_like(flat), np.zeros_like(flat)], axis=-1)


def unpack(x: np.ndarray, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """W (..., m, n) and b (..., n) of a state (views)."""
    return x[..., :m * n].reshape(x.shape[:-1] + (m, n)), x[..., m * n:m * n + n]


def gradient(W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """d loss / d(W, b) of the mean squared error of ReLU(WᵀW x + b) over the identity data.
    Output i of example j has pre-activation p_ij = (WᵀW)_ij + b_i and dL/dp_ij = E_ij =
    (2/n²)(relu(p_ij) − δ_ij)·1[p_ij > 0]; dL/db_i = Σ_j E_ij, dL/dW = W (E + Eᵀ)."""
    n = W.shape[-1]
    p = np.einsum("...ai,...aj->...ij", W, W) + b[..., :, None]
    E = np.where(p > 0, (2.0 / (n * n)) * (p - np.eye(n)), 0.0)
    return W @ (E + np.swapaxes(E, -1, -2)), E.sum(axis=-1)


def toy_step(config: ToyConfig, lr) -> Callable[[np.ndarray, int], np.ndarray]:
    """The training map of `config`'s optimiser as `step(x, t) → x'` (t: the 0-based step), with a
    learning rate `lr` broadcastable against x[..., 0] (one per seed, or a scalar)."""
    m, n, P = config.m, config.n, config.m * config.n + config.n
    mult = lr_multipliers(config)
    b1, b2, eps, wd, opt = config.beta1, config.beta2, config.eps, config.wd, config.optimizer
    lr = np.asarray(lr, np.float64)

    def step(x: np.ndarray, t: int) -> np.ndarray:
        W, b = unpack(x, m, n)
        gW, gb = gradient(W, b)
        theta = x[..., :P]
        g = np.concatenate([gW.reshape(gW.shape[:-2] + (-1,)), gb], axis=-1)
        lr_t = (lr * mult[min(t, len(mult) - 1)])[..., None]
        if opt == "sgd":
            return np.concatenate([theta - lr_t * (g + wd * theta), x[..., P:]], axis=-1)
        if opt == "adam":
            g = g + wd * theta
        mo = b1 * x[..., P:2 * P] + (1 - b1) * g
        vo = b2 * x[..., 2 * P:] + (1 - b2) * g * g
        bc1, bc2s = 1 - b1 ** (t + 1), np.sqrt(1 - b2 ** (t + 1))
        decayed = theta * (1 - lr_t * wd) if opt == "adamw" else theta
        theta = decayed - (lr_t / bc1) * mo / (np.sqrt(vo) / bc2s + eps)
        return np.concatenate([theta, mo, vo], axis=-1)
    return step


def benettin(step: Callable, x0: np.ndarray, steps: int, every: int = 10, d0: float = 1e-8,
             seed: int = 0, observe: Callable | None = None, on_interval: Callable | None = None,
             movable: np.ndarray | None = None, domain: Callable | None = None) -> dict:
    """Twin-run Lyapunov estimate for a batch of starting states.

    Args:
        step: the map, `step(x, t) → x'`, on (..., D) arrays (the reference and its twin are
            stepped together as a leading axis of 2).
        x0: (K, D) starting states (float64).
        steps: map applications; the twin is renormalised every `every` of them.
        d0: the twin's distance (Euclidean norm over the whole state).
        seed: the random directions (one per start, normalised).
        observe: optional `observe(x) → (K,)` of the reference state, recorded at each interval's end
            (e.g. how many features are dead: which phase the interval belongs to).
        on_interval: optional callback after each interval (progress bars).
        movable: optional (D,) booleans: the first displacement only moves these coordinates (the
            toy map displaces the weights of a fresh start, whose moments are all 0).
        domain: optional `domain(x) → x` bringing a renormalised twin back into the state space
            (the toy map clips second moments at 0, which a rescaled displacement could cross).
    Returns:
        {"log_growth": (K, I) log(|δ_end| / d0) per interval of `every` steps, "observed": (K, I) or
        None, "x": (K, D) the reference's final state}; I = steps // every.
    """
    x0 = np.asarray(x0, np.float64)
    K, D = x0.shape
    u = np.random.default_rng(seed).standard_normal((K, D))
    if movable is not None:
        u *= np.asarray(movable, bool)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    pair = np.stack([x0, x0 + d0 * u])                               # (2, K, D)
    intervals = steps // every
    growth = np.empty((K, intervals))
    seen = np.empty((K, intervals)) if observe is not None else None
    t = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(intervals):
            for _ in range(every):
                pair = step(pair, t)
                t += 1
            d = pair[1] - pair[0]
            r = np.linalg.norm(d, axis=1)
            growth[:, i] = np.log(r / d0)
            ok = np.isfinite(r) & (r > 0)                               # a lost twin restarts along u
            d = np.where(ok[:, None], d / np.where(ok, r, 1.0)[:, None], u)
            pair[1] = pair[0] + d0 * d
            if domain is not None:
                pair[1] = domain(pair[1])
            if seen is not None:
                seen[:, i] = observe(pair[0])
            if on_interval is not None:
                on_interval()
    return {"log_growth": growth, "observed": seen, "x": pair[0]}


def toy_domain(P: int) -> tuple[np.ndarray, Callable]:
    """`movable` and `domain` of `benettin` for a toy state of 3P entries: weights move, second
    moments stay non-negative."""
    def clip(x):
        x[..., 2 * P:] = np.maximum(x[..., 2 * P:], 0.0)
        return x
    return np.arange(3 * P) < P, clip


def window_exponent(log_growth: np.ndarray, mask: np.ndarray, every: int) -> np.ndarray:
    """Mean log growth per step over the intervals where `mask` (K, I) holds; NaN where none do."""
    g = np.where(mask & np.isfinite(log_growth), log_growth, 0.0)
    count = (mask & np.isfinite(log_growth)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, g.sum(axis=1) / (count * every), np.nan)


def jacobian(step: Callable, x: np.ndarray, t: int, h: np.ndarray | None = None) -> np.ndarray:
    """One-step Jacobians dF/dx (..., D, D) of `step(·, t)` at states x (..., D), by central
    differences with steps h (..., D) (default 1e-6·max(|x|, 1)), all 2D perturbed states of every
    state in one batched call (so `step` sees (..., 2D, D); a per-state learning rate must
    broadcast against that). A coordinate with h = 0 gets a zero column."""
    x = np.asarray(x, np.float64)
    D = x.shape[-1]
    h = 1e-6 * np.maximum(np.abs(x), 1.0) if h is None else np.asarray(h, np.float64)
    eye = np.eye(D) * h[..., None, :]                                    # (..., D, D): row i moves x_i
    X = np.concatenate([x[..., None, :] + eye, x[..., None, :] - eye], axis=-2)
    F = step(X, t)
    with np.errstate(invalid="ignore", divide="ignore"):
        cols = np.where(h[..., :, None] > 0, (F[..., :D, :] - F[..., D:, :]) / (2 * h[..., :, None]), 0.0)
    return np.swapaxes(cols, -1, -2)


def toy_fd_steps(x: np.ndarray, P: int, rel: float = 1e-6) -> np.ndarray:
    """Finite-difference steps for toy states (..., 3P): weights move by rel·max(|x|, 1), first moments
    by rel·max(|m|, rms(m)); second moments by rel·v, since a second moment must stay non-negative
    (v = 0 only where a coordinate never had a gradient, and there m = 0 makes the map flat in v)."""
    x = np.abs(np.asarray(x, np.float64))
    mo = x[..., P:2 * P]
    rms = np.sqrt(np.mean(mo ** 2, axis=-1, keepdims=True))
    return rel * np.concatenate([np.maximum(x[..., :P], 1.0), np.maximum(mo, rms), x[..., 2 * P:]], axis=-1)


def log_spectral_radius(J: np.ndarray) -> np.ndarray:
    """ln max |eigenvalue| of J (..., D, D): the per-step log growth of the linearised map's fastest
    mode (a float for one matrix)."""
    with np.errstate(divide="ignore"):
        r = np.log(np.max(np.abs(np.linalg.eigvals(J)), axis=-1))
    return float(r) if r.ndim == 0 else r

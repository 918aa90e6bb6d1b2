"""MAP coefficients ŝ = argmin_s ‖x − As‖²/(2σ²) + ‖s‖₁/λ, for every data point at once.

Post "ICA vs SAEs", E2 (the post solves it by projected gradient descent). Three solvers:

- `map_exact`: x is low-dimensional (m = 2 here), so some minimiser has at most m non-zero
  coefficients on linearly independent columns (a basic solution). Enumerating every support of size
  ≤ m (and its signs, for the Laplace prior), solving each small system for all points at once and
  keeping the cheapest sign-consistent candidate gives the optimum exactly; the largest KKT violation
  comes back beside ŝ as a certificate. Parallel or repeated columns make a pair's system singular:
  such pairs are skipped (a single column represents the same points at no greater cost); x = 0 and
  points on a column fall out of the size-0 and size-1 candidates.
- `map_pgd`: the post's method, s ← ReLU(s − η∇) (soft-thresholding for the Laplace prior), kept for
  the figures, with its iterates on request.
- `map_fista`: accelerated proximal gradient with adaptive restart, run to a stated relative duality
  gap, for problems where enumeration stops paying (many latent dimensions).

Shapes: X is (..., N, m), A is (..., m, k); leading axes (seeds) broadcast; ŝ is (..., N, k).
Internally the objective is scaled by σ²: Q(s) = ½‖x − As‖² + c‖s‖₁ with c = σ²/λ, F = Q/σ².
"""
from __future__ import annotations

from itertools import combinations, product
from typing import NamedTuple

import numpy as np


class MapResult(NamedTuple):
    s: np.ndarray            # ŝ  # (..., N, k)
    kkt: np.ndarray          # largest KKT violation per point, in units of 1/λ  # (..., N)
    gap: np.ndarray          # duality gap per point, relative to the objective  # (..., N)
    iterations: int          # iterations run (0 for the exact solver)
    path: np.ndarray | None  # iterates, (T+1, ..., N, k), when asked for


def check_problem(X, A, sigma: float, lam: float):
    """Validate and convert a problem; raises ValueError for bad input."""
    X = np.asarray(X, dtype=np.float64)
    A = np.asarray(A, dtype=np.float64)
    if A.ndim < 2 or A.shape[-1] < 1:
        raise ValueError(f"A must be (..., m, k) with k ≥ 1 columns, got shape {A.shape}")
    if X.ndim < 2 or X.shape[-1] != A.shape[-2]:
        raise ValueError(f"dimension mismatch: X is {X.shape} (points × m) but A is {A.shape} (m × k)")
    if not sigma > 0:
        raise ValueError(f"σ must be > 0, got {sigma}")
    if not lam > 0:
        raise ValueError(f"λ (the prior's scale) must be > 0, got {lam}")
    if not (np.isfinite(X).all() and np.isfinite(A).all()):
        raise ValueError("X and A must be finite")
    return X, A


def _gram(A):
    return np.swapaxes(A, -1, -2) @ A  # (..., k, k)


def objective(X, A, S, sigma: float, lam: float) -> np.ndarray:
    """F(s) = ‖x − As‖²/(2σ²) + ‖s‖₁/λ per point. # (..., N)"""
    r = X - S @ np.swapaxes(A, -1, -2)
    return 0.5 * np.sum(r * r, -1) / sigma**2 + np.sum(np.abs(S), -1) / lam


def kkt_violation(X, A, S, sigma: float, lam: float, nonneg: bool = True) -> np.ndarray:
    """Largest violation of the optimality conditions per point, in units of 1/λ. # (..., N)

    With g = Aᵀ(As − x)/σ²: an active s_i needs g_i + sign(s_i)/λ = 0; an inactive one needs
    g_i + 1/λ ≥ 0 (s ≥ 0) or |g_i| ≤ 1/λ (signed).
    """
    g = (S @ _gram(A) - X @ A) * (lam / sigma**2)  # gradient of the smooth part, times λ
    active = S != 0
    on = np.abs(g + np.sign(S))
    off = np.maximum(-(g + 1.0), 0.0) if nonneg else np.maximum(np.abs(g) - 1.0, 0.0)
    if nonneg:
        off = np.where(S < 0, np.inf, off)
    return np.max(np.where(active, on, off), axis=-1)


def duality_gap(X, A, S, sigma: float, lam: float, nonneg: bool = True) -> np.ndarray:
    """Lasso duality gap per point, relative to F(s) (an upper bound on F(s)/F* − 1). # (..., N)

    The dual point is the residual scaled into the dual feasible set {θ: Aᵀθ ≤ c} (s ≥ 0) or
    {θ: |Aᵀθ| ≤ c} (signed); D(θ) = θᵀx − ½‖θ‖².
    """
    c = sigma**2 / lam
    r = X - S @ np.swapaxes(A, -1, -2)
    corr = r @ A  # (..., N, k)
    worst = np.max(corr if nonneg else np.abs(corr), axis=-1)
    scale = np.where(worst > c, c / np.maximum(worst, 1e-300), 1.0)
    theta = r * scale[..., None]
    primal = 0.5 * np.sum(r * r, -1) + c * np.sum(np.abs(S), -1)
    dual = np.sum(theta * X, -1) - 0.5 * np.sum(theta * theta, -1)
    gap = np.maximum(primal - dual, 0.0)
    return gap / np.maximum(primal, 1e-300)


def map_exact(X, A, sigma: float = 1.0, lam: float = 1.0, nonneg: bool = True,
              gap: bool = True) -> MapResult:
    """Exact MAP coefficients by enumerating supports of size ≤ m (see the module docstring).

    The KKT certificate always comes back; the duality gap only when `gap` (else nan)."""
    X, A = check_problem(X, A, sigma, lam)
    S = map_coefficients(X, A, sigma, lam, nonneg)
    kkt = kkt_violation(X, A, S, sigma, lam, nonneg)
    return MapResult(S, kkt, duality_gap(X, A, S, sigma, lam, nonneg) if gap else np.full_like(kkt, np.nan),
                     0, None)


def map_coefficients(X, A, sigma: float, lam: float, nonneg: bool = True) -> np.ndarray:
    """`map_exact`'s ŝ alone, for checked float arrays (no certificate). # (..., N, k)"""
    c = sigma**2 / lam
    if A.shape[-2] == 2:
        from .enumerate_kernel import enumerate_2d
        return enumerate_2d(X, A, c, nonneg)
    return _enumerate_general(X, A, c, nonneg)


def _singular(Gii, Gjj, Gij):
    """Pairs whose 2×2 Gram matrix is (numerically) singular: parallel, repeated or zero columns."""
    hadamard = Gii * Gjj
    return ~((hadamard > 0) & (Gii * Gjj - Gij * Gij > 1e-12 * hadamard))


def _enumerate_2d_numpy(X, A, c, nonneg):
    """m = 2: every candidate of every point in one (..., C, N) array, written out by hand. The
    reference for the compiled `enumerate_kernel.enumerate_2d` (same candidates, same order)."""
    k = A.shape[-1]
    G = _gram(A)
    Yt = np.swapaxes(X @ A, -1, -2)                                   # (..., k, N)
    x0, x1 = X[..., None, :, 0], X[..., None, :, 1]                   # (..., 1, N)
    signs = (1.0,) if nonneg else (1.0, -1.0)
    objs, firsts, seconds, cols = [], [], [], []
    # supports of size 1: s_i = (aᵢᵀx − c·sign)/‖aᵢ‖²
    d = np.diagonal(G, axis1=-2, axis2=-1)[..., :, None]              # (..., k, 1)
    a0, a1 = A[..., 0, :, None], A[..., 1, :, None]
    for sg in signs:
        s = (Yt - c * sg) / np.where(d > 0, d, 1.0)
        r0, r1 = x0 - a0 * s, x1 - a1 * s
        obj = 0.5 * (r0 * r0 + r1 * r1) + c * np.abs(s)
        objs.append(np.where((s * sg > 0) & (d > 0), obj, np.inf))
        firsts.append(s)
        seconds.append(np.zeros_like(s))
        cols.append(np.stack([np.arange(k), np.arange(k)], 1))
    # supports of size 2: Cramer's rule on the pair's Gram matrix
    if k >= 2:
        I, J = np.array(list(combinations(range(k), 2))).T            # (P,), (P,)
        Gii, Gjj, Gij = G[..., I, I, None], G[..., J, J, None], G[..., I, J, None]
        bad = _singular(Gii, Gjj, Gij)                                # (..., P, 1)
        det = np.where(bad, 1.0, Gii * Gjj - Gij * Gij)
        ai0, ai1, aj0, aj1 = A[..., 0, I, None], A[..., 1, I, None], A[..., 0, J, None], A[..., 1, J, None]
        for si, sj in product(signs, repeat=2):
            bi, bj = Yt[..., I, :] - c * si, Yt[..., J, :] - c * sj
            s_i = (Gjj * bi - Gij * bj) / det
            s_j = (Gii * bj - Gij * bi) / det
            r0 = x0 - ai0 * s_i - aj0 * s_j
            r1 = x1 - ai1 * s_i - aj1 * s_j
            obj = 0.5 * (r0 * r0 + r1 * r1) + c * (np.abs(s_i) + np.abs(s_j))
            objs.append(np.where((s_i * si > 0) & (s_j * sj > 0) & ~bad, obj, np.inf))
            firsts.append(s_i)
            seconds.append(s_j)
            cols.append(np.stack([I, J], 1))
    obj = np.concatenate(objs, -2)                                     # (..., C, N)
    win = np.argmin(obj, -2)                                          # (..., N)
    o = np.take_along_axis(obj, win[..., None, :], -2)[..., 0, :]
    zero = o >= 0.5 * np.sum(X * X, -1)                               # the empty support wins ties
    first = np.take_along_axis(np.concatenate(firsts, -2), win[..., None, :], -2)[..., 0, :]
    second = np.take_along_axis(np.concatenate(seconds, -2), win[..., None, :], -2)[..., 0, :]
    cols = np.concatenate(cols, 0)[win]                               # (..., N, 2)
    S = np.zeros(win.shape + (k,))
    np.put_along_axis(S, cols[..., 1:], second[..., None], -1)
    np.put_along_axis(S, cols[..., :1], first[..., None], -1)         # singles: same column, first wins
    return np.where(zero[..., None], 0.0, S)


def _enumerate_general(X, A, c, nonneg):
    """Any m: supports of size ≤ m by `combinations`, each system inverted once per batch."""
    m, k = A.shape[-2:]
    Y, G = X @ A, _gram(A)
    best_obj = 0.5 * np.sum(X * X, -1)                                # the empty support
    best_obj = np.broadcast_to(best_obj, np.broadcast_shapes(best_obj.shape, Y.shape[:-1])).copy()
    best_s = np.zeros(best_obj.shape + (k,))
    for t in range(1, min(m, k) + 1):
        combos = np.array(list(combinations(range(k), t)))              # (P, t)
        GS = G[..., combos[:, :, None], combos[:, None, :]]              # (..., P, t, t)
        hadamard = np.prod(np.diagonal(GS, axis1=-2, axis2=-1), -1)
        ok = (hadamard > 0) & (np.linalg.det(GS) > 1e-12 * hadamard)    # skip (near-)dependent sets
        Ginv = np.linalg.inv(np.where(ok[..., None, None], GS, np.eye(t)))
        YS, AS = Y[..., combos], A[..., :, combos]                       # (..., N, P, t), (..., m, P, t)
        for signs in (product((1.0, -1.0), repeat=t) if not nonneg else [(1.0,) * t]):
            sg = np.asarray(signs)
            s = np.einsum("...pij,...npj->...npi", Ginv, YS - c * sg)   # (..., N, P, t)
            r = X[..., :, None, :] - np.einsum("...mpt,...npt->...npm", AS, s)
            obj = 0.5 * np.sum(r * r, -1) + c * np.sum(np.abs(s), -1)
            obj = np.where(np.all(s * sg > 0, -1) & ok[..., None, :], obj, np.inf)
            j = np.argmin(obj, -1)                                       # (..., N)
            o = np.take_along_axis(obj, j[..., None], -1)[..., 0]
            better = o < best_obj
            if better.any():
                cand = np.zeros_like(best_s)
                np.put_along_axis(cand, combos[j], np.take_along_axis(s, j[..., None, None], -2)[..., 0, :], -1)
                best_s = np.where(better[..., None], cand, best_s)
                best_obj = np.where(better, o, best_obj)
    return best_s


def _done(X, A, S, sigma, lam, nonneg, tol, reference) -> bool:
    if reference is None:
        return duality_gap(X, A, S, sigma, lam, nonneg).max() <= tol
    F = objective(X, A, S, sigma, lam)
    return np.max((F - reference) / np.maximum(reference, 1e-300)) <= tol


def _prox(v, thresh, nonneg):
    if nonneg:
        return np.maximum(v - thresh, 0.0)
    return np.sign(v) * np.maximum(np.abs(v) - thresh, 0.0)


def _lipschitz(G):
    return np.linalg.eigvalsh(G)[..., -1]  # largest eigenvalue of AᵀA  # (...)


def map_pgd(X, A, sigma: float = 1.0, lam: float = 1.0, nonneg: bool = True, steps: int = 1000,
            lr: float | None = None, tol: float | None = None, check_every: int = 50, s0=None,
            record: bool = False, reference=None) -> MapResult:
    """The post's projected gradient descent, s ← ReLU(s − η∇F(s)) (soft-threshold when signed).

    Args:
        lr: step η on F; default σ²/‖A‖₂², the largest step that is sure to descend.
        tol: stop early once every point's relative duality gap is ≤ tol (checked every
            `check_every` iterations); None runs all `steps`.
        reference: per-point objectives F* (..., N); with it, `tol` bounds (F − F*)/F* instead.
        s0: starting coefficients (default 0); record: keep every iterate in `path`.
    """
    X, A = check_problem(X, A, sigma, lam)
    G, Y = _gram(A), X @ A
    # a step η on F is a step η/σ² on Q = σ²F, whose smooth part has Lipschitz constant ‖A‖₂²
    eta = (1.0 / _lipschitz(G) if lr is None else lr / sigma**2 * np.ones(G.shape[:-2]))
    eta = np.asarray(eta)[..., None, None]  # step on Q
    c = sigma**2 / lam
    S = np.zeros(np.broadcast_shapes(Y.shape, X.shape[:-1] + (A.shape[-1],))) if s0 is None \
        else np.array(s0, dtype=np.float64)
    path = [S.copy()] if record else None
    it = 0
    for it in range(1, steps + 1):
        S = _prox(S - eta * (S @ G - Y), eta * c, nonneg)
        if record:
            path.append(S.copy())
        if tol is not None and it % check_every == 0 and _done(X, A, S, sigma, lam, nonneg, tol, reference):
            break
    return MapResult(S, kkt_violation(X, A, S, sigma, lam, nonneg),
                     duality_gap(X, A, S, sigma, lam, nonneg), it,
                     np.stack(path) if record else None)


def map_fista(X, A, sigma: float = 1.0, lam: float = 1.0, nonneg: bool = True, tol: float = 1e-10,
              max_iter: int = 100_000, check_every: int = 10, reference=None) -> MapResult:
    """FISTA with gradient-based adaptive restart (O'Donoghue & Candès), run until every point's
    relative duality gap (or, given `reference`, its relative excess over it) is ≤ `tol`, or
    `max_iter` iterations."""
    X, A = check_problem(X, A, sigma, lam)
    G, Y = _gram(A), X @ A
    eta = (1.0 / _lipschitz(G))[..., None, None]
    c = sigma**2 / lam
    S = np.zeros(np.broadcast_shapes(Y.shape, X.shape[:-1] + (A.shape[-1],)))
    V, t = S.copy(), np.ones(S.shape[:-1] + (1,))
    it = 0
    for it in range(1, max_iter + 1):
        S_new = _prox(V - eta * (V @ G - Y), eta * c, nonneg)
        restart = np.sum((V - S_new) * (S_new - S), -1, keepdims=True) > 0
        t = np.where(restart, 1.0, t)
        t_new = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
        V = S_new + ((t - 1.0) / t_new) * (S_new - S)
        S, t = S_new, t_new
        if it % check_every == 0 and _done(X, A, S, sigma, lam, nonneg, tol, reference):
            break
    return MapResult(S, kkt_violation(X, A, S, sigma, lam, nonneg),
                     duality_gap(X, A, S, sigma, lam, nonneg), it, None)

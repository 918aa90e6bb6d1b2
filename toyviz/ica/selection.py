"""Which learnt A to report, without A_true: the model's own criterion across steps and restarts.

The post's best effort keeps "the A at the time of minimum error" (E6), the step whose A is closest to
A_true: an oracle, since a user of ICA never has A_true. The criterion here is the quantity Lewicki &
Sejnowski's update climbs, the Laplace approximation of the evidence log P(x | A) (Lewicki &
Sejnowski 2000, "Learning overcomplete representations", Neural Computation 12(2)), per point:

    log P(ŝ) − ‖x − Aŝ‖²/2σ² − (m/2) log 2πσ² + Σ_active [½ log 2π] − ½ log det(A_aᵀA_a/σ²)
             + Σ_inactive log ∫₀^∞ exp(g_i s − ½ h_i s²) ds,

a Gaussian integral over the coefficients ŝ leaves active (a), where the prior is smooth, and a
one-sided integral for each coefficient held at zero by ŝ ≥ 0 or the prior's kink, with its slope
g_i = −1/λ + a_iᵀ(x − Aŝ)/σ² (≤ 0 at the MAP point) and curvature h_i = ‖a_i‖²/σ². Without the
one-sided terms the approximation changes when A and the prior's scale are rescaled together (the
same model), and it then prefers whichever step has the longest columns.

Scaling A by c is the same model as scaling the prior's scale λ by c, and the post fixes λ (0.5) while
the column norms drift over training; so the criterion is maximised over c (golden section in
log c, around the scale that fits the prior to ŝ), i.e. the prior's scale is fitted (type-II
maximum likelihood) before steps are compared.
Rules (`ICAConfig.select`): "final" (the last step), "likelihood" (the step and restart of highest
criterion) and "oracle" (the step and restart of least angle error: the post's choice).
"""
from __future__ import annotations

import numpy as np
from scipy.special import erfcx

from .map_solvers import check_problem, map_coefficients

BRACKET = 1.0             # log c searched within ±1 of the moment estimate (a factor e either way)
GOLDEN_STEPS = 8          # bracket shrinks to 2 · 0.618⁸ ≈ 0.04 in log c


def laplace_evidence(X, A, sigma: float, lam: float, nonneg: bool = True) -> np.ndarray:
    """Mean over points of the Laplace-approximated log P(x | A) (module docstring), with the MAP ŝ
    found exactly. X (..., N, m), A (..., m, k) → (...)."""
    return _evidence(*check_problem(X, A, sigma, lam), sigma, lam, nonneg)[0]


def _evidence(X, A, sigma, lam, nonneg):
    """(mean evidence (...), moment estimate of the scale c that fits the prior (...))."""
    S = map_coefficients(X, A, sigma, lam, nonneg)                       # (..., N, k)
    m, k = A.shape[-2:]
    active = S != 0
    r = X - S @ np.swapaxes(A, -1, -2)                                   # (..., N, m)
    G = np.swapaxes(A, -1, -2) @ A                                       # (..., k, k)
    n_active = active.sum(-1)
    logdet = _active_logdet(G, active, m)                               # det of the active Gram
    corr = (r @ A) / sigma**2                                            # (..., N, k)
    h = np.diagonal(G, axis1=-2, axis2=-1)[..., None, :] / sigma**2
    q = np.sqrt(2.0 * np.maximum(h, 1e-300))
    # ∫₀^∞ exp(g s − ½ h s²) ds = √(π/2h) erfcx(−g/√(2h)); signed ŝ integrates both sides of the kink
    one_sided = lambda g: 0.5 * np.log(np.pi / (2 * np.maximum(h, 1e-300))) + np.log(erfcx(-g / q))
    g_up = -1.0 / lam + corr
    logI = one_sided(g_up) if nonneg else np.logaddexp(one_sided(g_up), one_sided(-1.0 / lam - corr))
    inactive = np.where(active, 0.0, logI).sum(-1)
    prior = -k * np.log(2 * lam if not nonneg else lam) - np.abs(S).sum(-1) / lam
    ll = (prior - 0.5 * (r * r).sum(-1) / sigma**2 - 0.5 * m * np.log(2 * np.pi * sigma**2)
          + n_active * (0.5 * np.log(2 * np.pi) + np.log(sigma)) - 0.5 * logdet + inactive)
    # with ŝ held fixed, c = mean Σ|ŝ| / (λ · mean #active) maximises the prior and determinant terms
    moment = np.abs(S).sum(-1).mean(-1) / (lam * np.maximum(n_active.mean(-1), 1e-12))
    return ll.mean(-1), np.maximum(moment, 1e-12)


def _active_logdet(G, active, m: int) -> np.ndarray:
    """log det of the Gram matrix of each point's active columns (0 for none). G (..., k, k),
    active (..., N, k) → (..., N). In 2-D at most two are active: det = G_ii for one, and
    G_ii G_jj − G_ij² = ½ Σ_ij act_i act_j (G_ii G_jj − G_ij²) for two, without k × k arrays."""
    act = active.astype(float)
    if m == 2:
        d = np.diagonal(G, axis1=-2, axis2=-1)                            # (..., k)
        pair = d[..., :, None] * d[..., None, :] - G * G                 # (..., k, k), 0 on the diagonal
        one = act @ d[..., None]                                          # (..., N, 1)
        two = 0.5 * np.sum((act @ pair) * act, -1)
        n = active.sum(-1)
        det = np.where(n == 1, one[..., 0], np.where(n == 2, two, 1.0))
        return np.log(np.maximum(det, 1e-300))
    k = G.shape[-1]
    Ga = np.where(active[..., :, None] & active[..., None, :], G[..., None, :, :], np.eye(k))
    return np.linalg.slogdet(Ga)[1]


def fitted_evidence(X, A, sigma: float, lam: float, nonneg: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """`laplace_evidence` maximised over a common scale c of A's columns (the prior's scale fitted):
    golden section in log c over ±`BRACKET` around a moment estimate. Returns (criterion (...),
    c (...))."""
    X, A = check_problem(X, A, sigma, lam)
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    centre = np.log(_evidence(X, A, sigma, lam, nonneg)[1])

    def f(t):
        return _evidence(X, A * np.exp(t)[..., None, None], sigma, lam, nonneg)[0]

    a, b = centre - BRACKET, centre + BRACKET
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(GOLDEN_STEPS):
        left = fc > fd                                   # the maximum lies in [a, d]
        a, b = np.where(left, a, c), np.where(left, d, b)
        c_new = np.where(left, b - ratio * (b - a), d)
        d_new = np.where(left, c, a + ratio * (b - a))
        f_new = f(np.where(left, c_new, d_new))
        fc, fd = np.where(left, f_new, fd), np.where(left, fc, f_new)
        c, d = c_new, d_new
    best = fc > fd
    return np.where(best, fc, fd), np.exp(np.where(best, c, d))


def pick(score, maximise: bool) -> tuple[np.ndarray, np.ndarray]:
    """The (restart, index) of the best finite score per seed. score (S, R, P) → (S,), (S,)."""
    s = np.asarray(score, float)
    s = np.where(np.isfinite(s), s if maximise else -s, -np.inf)
    flat = s.reshape(s.shape[0], -1).argmax(-1)
    return flat // s.shape[2], flat % s.shape[2]


def direction_sets(k: int, count: int, seed: int, min_gap: float = 10.0) -> list[tuple[float, ...]]:
    """`count` sets of k source directions (degrees, sorted, to 0.1°) drawn uniformly on the circle,
    so gaps are irregular, redrawing any set with two directions closer than `min_gap` (a pair that
    close is not resolvable at the 1° this measures). Same seed, same sets."""
    import torch
    gen = torch.Generator().manual_seed(int(seed))
    sets = []
    while len(sets) < count:
        a = np.sort(np.round(360.0 * torch.rand(k, generator=gen, dtype=torch.float64).numpy(), 1))
        gaps = np.diff(np.r_[a, a[0] + 360.0])
        if gaps.min() >= min_gap:
            sets.append(tuple(float(v) for v in a))
    return sets

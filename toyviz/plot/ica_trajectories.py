"""Columns of a learnt A over training, for the ICA figures: the sign-aware angle error (a column
pointing away from its true direction is wrong when ŝ ≥ 0) and column trails drawn on a matplotlib
axis with a fade from old (faint) to recent (strong).

The engine's `toyviz.ica.angle_errors` ignores signs (|cos|, as FastICA's tests do); with the
exponential prior ŝ ≥ 0, so a flipped column cannot stand in for its true column, and the figures
use `signed_angle_errors` for those runs.
"""
from __future__ import annotations

from itertools import permutations

import numpy as np

from toyviz.ica import cosines


def signed_angle_errors(A, A_true) -> np.ndarray:
    """Angle (degrees) between each true column and the learnt column matched to it, the matching
    maximising the summed *signed* cosine (every assignment tried). A may carry leading axes
    (steps). # (..., n)"""
    C = cosines(np.asarray(A, float), A_true)                         # (..., k, n)
    C = np.where(np.isfinite(C), C, -1.0)
    k, n = C.shape[-2:]
    perms = np.array(list(permutations(range(k), n)))                # (P, n)
    scores = C[..., perms, np.arange(n)]                              # (..., P, n)
    best = np.argmax(scores.sum(-1), -1)
    cos = np.take_along_axis(scores, best[..., None, None], -2)[..., 0, :]
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def signed_match(A, A_true) -> np.ndarray:
    """The learnt column matched to each true column by signed cosine (−1: none). # (n,)"""
    C = np.where(np.isfinite(cosines(A, A_true)), cosines(A, A_true), -1.0)
    k, n = C.shape
    perms = np.array(list(permutations(range(k), n)))
    return perms[int(np.argmax(C[perms, np.arange(n)].sum(-1)))]


def trail(ax, points, color, lw: float = 2.2, pieces: int = 12, alpha: float = 0.9) -> None:
    """A polyline faded from old (thin, faint) to recent (thick, strong), points (T, 2)."""
    pts = np.asarray(points, float)
    edges = np.linspace(0, len(pts) - 1, pieces + 1).round().astype(int)
    for i, (a, b) in enumerate(zip(edges[:-1], edges[1:])):
        if b > a:
            f = (i + 1) / pieces
            ax.plot(pts[a:b + 1, 0], pts[a:b + 1, 1], color=color, lw=lw * (0.35 + 0.65 * f),
                    alpha=alpha * f ** 1.3, solid_capstyle="round")


def column_colours(A_ref, A_true, colors, signed: bool = False) -> list:
    """A colour per learnt column: the true column it matches (sign-aware unless `signed`), or for
    an over-provisioned A the true direction its k-means cluster matches; grey if none."""
    from toyviz.ica import cluster_columns, match_columns
    k, n = A_ref.shape[1], A_true.shape[1]
    out = ["#9a9a9a"] * k
    if k > n:
        labels, C = cluster_columns(A_ref, n, signed)
        perm, _ = match_columns(C, A_true)
        for j, c in enumerate(perm):
            for i in np.where(labels == c)[0]:
                out[i] = colors[j]
        return out
    perm = match_columns(A_ref, A_true)[0] if signed else signed_match(A_ref, A_true)
    for j, i in enumerate(perm):
        if i >= 0:
            out[i] = colors[j]
    return out


def panel(ax, X, A_true, A_hist, colors, radius: float, zoom: float = 1.0, signed: bool = False,
          shown: int = 400) -> None:
    """One small multiple: data (grey), A_true dashed, each column's tip traced over training
    (fading trail, × zoom) and its last position as an arrow."""
    ax.scatter(X[:shown, 0], X[:shown, 1], s=3, color="#b5b5b5", lw=0, zorder=1)
    for i in range(A_true.shape[1]):
        v = A_true[:, i] / np.linalg.norm(A_true[:, i]) * radius * 0.97
        a = -v if signed else 0 * v
        ax.plot([a[0], v[0]], [a[1], v[1]], ls=(0, (4, 3)), lw=1.3, color=colors_true(i), zorder=2)
    V = np.swapaxes(np.asarray(A_hist, float), 1, 2) * zoom             # (T, k, 2)
    nrm = np.linalg.norm(V, axis=-1, keepdims=True)
    V = np.where(nrm > radius, V * radius / np.where(nrm > 0, nrm, 1), V)
    for j, c in enumerate(colors):
        trail(ax, V[:, j], c)
        end = V[-1, j]
        ax.annotate("", end, (0, 0), arrowprops=dict(arrowstyle="-|>", color=c, lw=1.8, mutation_scale=11),
                    zorder=4)


def colors_true(i: int) -> str:
    from toyviz.plot import style
    return style.SOURCE_COLORS[i]


def sign_aware_errors(run, config) -> tuple[np.ndarray, np.ndarray]:
    """(mean, worst) angle error per step (T+1,) of seed 0 of a run: sign-aware for ŝ ≥ 0 (a flipped
    column is wrong), the engine's sign-free error for the signed (Laplace) prior."""
    if not config.nonneg:
        return run["angle_mean_deg"][0], run["angle_max_deg"][0]
    e = signed_angle_errors(run["A"][0], run["A_true"])
    return e.mean(-1), e.max(-1)


def first_seed_falling_then_failing(name: str, below: float = 5.0, above: float = 20.0,
                                    seeds=range(10)) -> int:
    """The first seed whose (sign-aware) mean error falls (below its start) to under `below` and
    ends above `above`: a run that first learns A_true and then loses it."""
    from toyviz.ica import experiment, run_experiment
    for s in seeds:
        mean = sign_aware_errors(run_experiment(name, seed=s), experiment(name))[0]
        low = np.nanmin(mean[1:])
        if low < below and low < mean[0] and mean[-1] > above:
            return int(s)
    raise RuntimeError(f"no seed in {list(seeds)} of {name} falls below {below}° and ends above {above}°")

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

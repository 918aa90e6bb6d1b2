"""Features on circles of different radii (optimization-failure.md, "Does the Optimization Failure
solution pursue linear separability?"; Olah and Henighan's "two circles").

Dashed circles at the radii the engine groups the learnt lengths into (`toyviz.toy.analysis.circles`),
a classification of a seed as one circle / two radii / a spread, and the "naive" straight line that
separates one feature's tip from all the others' with the widest margin (what a reader might draw,
not where the model's zone starts: that is `toyviz.toy.geometry.zone_boundary`).
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle

from toyviz.plot import style
from toyviz.toy.analysis import circles


def kind(W: np.ndarray, rel_gap: float = 0.1) -> str:
    """"one circle", "two radii" or "spread" (three or more groups of lengths), by `circles`."""
    groups = circles(W, rel_gap)
    return "one circle" if len(groups) == 1 else "two radii" if len(groups) == 2 else "spread"


def draw_radii(ax, W: np.ndarray, rel_gap: float = 0.1, color=style.GUIDE, label: bool = True) -> list[float]:
    """A dashed circle at the mean length of each group of learnt lengths; returns the radii drawn."""
    radii = [float(np.mean(g)) for g in circles(W, rel_gap)]
    for r in radii:
        ax.add_patch(Circle((0, 0), r, fill=False, ls="--", lw=1.0, edgecolor=color, zorder=1))
        if label:
            ax.annotate(f"{r:.2f}", (r * np.cos(np.radians(-60)), r * np.sin(np.radians(-60))), fontsize=8.5,
                        color="#666666", ha="left", va="top", xytext=(2, -1), textcoords="offset points")
    return radii


def widest_separator(W: np.ndarray, i: int, samples: int = 7200) -> tuple[np.ndarray, float, float]:
    """The straight line that separates the tip of column i from the tips of all other columns with the
    widest margin: (unit normal u (2,), offset c, margin) with u·Wᵢ − c = margin = c − maxⱼ u·Wⱼ.
    A brute-force search over directions (m = 2); margin < 0 when no line separates them."""
    W = np.asarray(W, np.float64)
    a = np.linspace(0, 2 * np.pi, samples, endpoint=False)
    U = np.stack([np.cos(a), np.sin(a)], axis=1)                # (S, 2)
    proj = U @ W                                                 # (S, n)
    others = np.delete(proj, i, axis=1).max(axis=1)
    gap = proj[:, i] - others
    s = int(np.argmax(gap))
    return U[s], float((proj[s, i] + others[s]) / 2), float(gap[s] / 2)


def line(ax, normal, offset: float, radius: float, **kwargs):
    """The line {h : normal·h = offset} across a square of half-width `radius`."""
    u = np.asarray(normal, np.float64)
    d = np.array([-u[1], u[0]])
    p = offset * u
    ends = np.array([p - 3 * radius * d, p + 3 * radius * d])
    kw = dict(color=style.INK, lw=1.4, ls=":", zorder=3) | kwargs
    return ax.plot(ends[:, 0], ends[:, 1], **kw)[0]


def fewest_short(run, loss: float = 1e-4, rel_gap: float = 0.1) -> int:
    """The batch position of the first converged seed (all learnt, loss ≤ `loss`) whose lengths lie on
    two radii with the fewest features on the short one (Olah and Henighan's picture: one short
    feature, the rest long). Raises ValueError when no seed has two radii."""
    best = None
    for k in range(run.K):
        W = run.W[k]
        if not np.all(np.isfinite(W)) or run.loss[k] > loss or np.any(np.linalg.norm(W, axis=0) < 0.1):
            continue
        groups = circles(W, rel_gap)
        if len(groups) == 2 and (best is None or len(groups[0]) < best[0]):
            best = (len(groups[0]), k)
    if best is None:
        raise ValueError(f"no seed of {run.K} ends with its features on two radii; train more seeds")
    return best[1]

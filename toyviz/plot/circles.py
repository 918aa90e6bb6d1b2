"""Features on circles of different radii (optimization-failure.md, "Does the Optimization Failure
solution pursue linear separability?"; Olah and Henighan's "two circles").

Dashed circles at the radii the engine groups the learnt lengths into (`toyviz.toy.analysis.circles`),
and a straight line across the plot, e.g. the "naive" separator of one feature's tip from the others'
(`toyviz.toy.analysis.widest_separator`: what a reader might draw, not where the model's zone starts,
which is `toyviz.toy.geometry.zone_boundary`). The seed and its classification come from the engine.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle

from toyviz.plot import style
from toyviz.toy.analysis import circles


def draw_radii(ax, W: np.ndarray, rel_gap: float = 0.1, color=style.GUIDE, label: bool = True) -> list[float]:
    """A dashed circle at the mean length of each group of learnt lengths; returns the radii drawn."""
    radii = [float(np.mean(g)) for g in circles(W, rel_gap)]
    for r in radii:
        ax.add_patch(Circle((0, 0), r, fill=False, ls="--", lw=1.0, edgecolor=color, zorder=1))
        if label:
            ax.annotate(f"{r:.2f}", (r * np.cos(np.radians(-60)), r * np.sin(np.radians(-60))), fontsize=8.5,
                        color="#666666", ha="left", va="top", xytext=(2, -1), textcoords="offset points")
    return radii


def line(ax, normal, offset: float, radius: float, **kwargs):
    """The line {h : normal·h = offset} across a square of half-width `radius`."""
    u = np.asarray(normal, np.float64)
    d = np.array([-u[1], u[0]])
    p = offset * u
    ends = np.array([p - 3 * radius * d, p + 3 * radius * d])
    kw = dict(color=style.INK, lw=1.4, ls=":", zorder=3) | kwargs
    return ax.plot(ends[:, 0], ends[:, 1], **kw)[0]


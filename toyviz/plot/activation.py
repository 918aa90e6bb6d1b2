"""How far a feature vector reaches into its own zone (optimization-failure.md, "Amount of activation
must be equivalent to reconstruction of the feature"), drawn: the engine's `activation_amount` as a
measured arrow beside the column, and the line where the zone starts (`zone_boundary`). A short
feature needs a long activation amount and vice versa.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch

from toyviz.toy.geometry import activation_amount, zone_boundary


def arrow(ax, W, b, i: int, color, side: float = 0.12, label: str | None = "{amount:.3f}", fontsize: float = 10,
          label_side: float = 1.0, lw: float = 1.6) -> dict:
    """A double-headed arrow beside column i from its zone start to its tip, shifted sideways by `side`
    (latent units, positive = counter-clockwise of Wᵢ), with thin ticks back to Wᵢ; returns the
    engine's `activation_amount`."""
    a = activation_amount(W, b, i)
    u = a["tip"] / a["norm"]
    n = np.array([-u[1], u[0]])
    p0, p1 = a["start"] + side * n, a["tip"] + side * n
    ax.add_patch(FancyArrowPatch(tuple(p0), tuple(p1), arrowstyle="<|-|>", color=color, lw=lw,
                                 mutation_scale=11, shrinkA=0, shrinkB=0, zorder=6))
    for q, r in ((a["start"], p0), (a["tip"], p1)):
        ax.plot([q[0], r[0] + 0.25 * side * n[0]], [q[1], r[1] + 0.25 * side * n[1]], color=color, lw=0.8, zorder=6)
    if label:
        mid = (p0 + p1) / 2 + np.sign(side or 1) * label_side * 0.12 * n
        angle = np.degrees(np.arctan2(u[1], u[0]))
        angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
        ax.text(mid[0], mid[1], label.format(**a), color=color, fontsize=fontsize, ha="center", va="center",
                rotation=angle, rotation_mode="anchor", zorder=7,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    return a


def boundary(ax, W, b, i: int, color, **kwargs):
    """The line Wᵢᵀh + bᵢ = 0 where feature i's zone starts (the engine's `zone_boundary`)."""
    seg = zone_boundary(W, b, i)
    if seg is None:
        return None
    kw = dict(color=color, lw=1.5, ls="-", zorder=3) | kwargs
    return ax.plot(seg[:, 0], seg[:, 1], **kw)[0]

"""Matrices as heatmaps (optimization-failure.md, "What is W₇? Why can't it increase?": WᵀW of an ideal
model against a Symmetric Failure).

A diverging colormap centred at 0 (red positive, blue negative), the same limits for every panel of a
figure so one colour bar serves them all, features numbered from 1 on both axes, and each entry's
value written in its cell when the matrix is small enough to read.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import TwoSlopeNorm

from toyviz.plot import style

CMAP = "RdBu_r"


def limits(*matrices, pad: float = 1.0) -> float:
    """A symmetric colour limit covering every matrix: max |entry| × pad."""
    return pad * max(float(np.abs(np.asarray(M)).max()) for M in matrices)


def matrix(ax, M, vmax: float, labels=None, annotate: bool = True, fmt: str = "{:.2f}", fontsize: float = 8.5,
           highlight=None):
    """Draw M (r, c) with the colour scale [−vmax, vmax] centred at 0 and return the image.

    Args:
        labels: tick labels for rows and columns (default 1..n).
        annotate: write each value in its cell (dark or white text by background).
        highlight: optional index whose row and column are outlined (e.g. the unlearnt feature).
    """
    M = np.asarray(M, np.float64)
    r, c = M.shape
    img = ax.imshow(M, cmap=CMAP, norm=TwoSlopeNorm(0.0, -vmax, vmax), interpolation="nearest")
    labels = labels or [str(i + 1) for i in range(max(r, c))]
    ax.set_xticks(range(c), labels[:c])
    ax.set_yticks(range(r), labels[:r])
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if annotate:
        for i in range(r):
            for j in range(c):
                v = M[i, j]
                ink = "white" if abs(v) > 0.6 * vmax else style.INK
                text = fmt.format(v)
                if text.lstrip("-") == fmt.format(0.0):
                    text = fmt.format(0.0)                   # no "-0.00"
                ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=ink)
    if highlight is not None:
        from matplotlib.patches import Rectangle
        k = int(highlight)
        for x, y, w, h in ((-0.5, k - 0.5, c, 1), (k - 0.5, -0.5, 1, r)):
            ax.add_patch(Rectangle((x, y), w, h, fill=False, edgecolor=style.UNLEARNT_COLOR, lw=1.8, zorder=5))
    return img

"""Matrices as heatmaps (optimization-failure.md, "What is W₇? Why can't it increase?": WᵀW of an ideal
model against a Symmetric Failure; the ICA post's z ŝᵀ beside z and ŝ).

A diverging colormap centred at 0 (red positive, blue negative), the same limits for every panel of a
figure so one colour bar serves them all, features numbered from 1 on both axes, and each entry's
value written in its cell when the matrix is small enough to read.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import TwoSlopeNorm

from toyviz import colour
from toyviz.plot import style

CMAP = "RdBu_r"


def limits(*matrices, pad: float = 1.0) -> float:
    """A symmetric colour limit covering every matrix: max |entry| × pad."""
    return pad * max(float(np.abs(np.asarray(M)).max()) for M in matrices)


def matrix(ax, M, vmax: float, labels=None, row_labels=None, col_labels=None, annotate: bool = True,
           fmt: str = "{:.2f}", fontsize: float = 9, highlight=None, grid: bool = False):
    """Draw M (r, c) with the colour scale [−vmax, vmax] centred at 0 and return the image.

    Args:
        labels: tick labels for rows and columns (default 1..n); `row_labels`, `col_labels`: one axis's
            own (e.g. `[""]` for the single column of a vector).
        annotate: write each value in its cell, in white or the ink, whichever reads better there
            (`toyviz.colour.ink_on`); an exact zero as "0", and never "-0.00".
        highlight: optional index whose row and column are outlined (e.g. the unlearnt feature).
        grid: thin white lines between the cells inside a light frame (for small vectors and matrices
            set side by side).
    """
    M = np.atleast_2d(np.asarray(M, np.float64))
    r, c = M.shape
    norm = TwoSlopeNorm(0.0, -vmax, vmax)
    img = ax.imshow(M, cmap=CMAP, norm=norm, interpolation="nearest")
    labels = labels or [str(i + 1) for i in range(max(r, c))]
    ax.set_xticks(range(c), col_labels or labels[:c])
    ax.set_yticks(range(r), row_labels or labels[:r])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(grid)
        spine.set_color(style.GUIDE)
    if grid:
        ax.set_xticks(np.arange(-0.5, c), minor=True)
        ax.set_yticks(np.arange(-0.5, r), minor=True)
        ax.grid(which="minor", color="white", lw=1.5)
        ax.tick_params(which="minor", length=0)
    if annotate:
        for (i, j), v in np.ndenumerate(M):
            ink = colour.ink_on(img.cmap(norm(v)), "white", style.INK)
            text = "0" if v == 0 else fmt.format(v)
            if text.lstrip("-") == fmt.format(0.0):
                text = fmt.format(0.0)                   # no "-0.00"
            ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=ink)
    if highlight is not None:
        from matplotlib.patches import Rectangle
        k = int(highlight)
        for x, y, w, h in ((-0.5, k - 0.5, c, 1), (k - 0.5, -0.5, 1, r)):
            ax.add_patch(Rectangle((x, y), w, h, fill=False, edgecolor=style.UNLEARNT_COLOR, lw=1.8, zorder=5))
    return img

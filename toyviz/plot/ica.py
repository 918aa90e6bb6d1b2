"""The data plane of the ICA toy problem: points x = A s, columns of A as arrows, annotated matrices.

Draw code only: the arrays, and the runs, seeds and points they show, come from `toyviz.ica`
(`toyviz.ica.showcase`), so what is drawn is what the engine computed.
"""
from __future__ import annotations

import numpy as np
from matplotlib import patheffects

from toyviz import colour
from toyviz.plot import latent, style

DATA_COLOR = "#b8b8b8"      # the data cloud, behind everything
TRUE_COLOR = "#555555"      # true source directions (dashed)


def source_colors(k: int) -> list[str]:
    return [style.SOURCE_COLORS[i % len(style.SOURCE_COLORS)] for i in range(k)]


def frame(ax, radius: float, center=(0.0, 0.0), labels: bool = True) -> None:
    """Equal-scale data axes around `center` with light guides through the origin."""
    ax.set_aspect("equal")
    ax.set_xlim(center[0] - radius, center[0] + radius)
    ax.set_ylim(center[1] - radius, center[1] + radius)
    ax.axhline(0, color=style.GUIDE, lw=0.6, zorder=0)
    ax.axvline(0, color=style.GUIDE, lw=0.6, zorder=0)
    if labels:
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")


def data(ax, X, color: str = DATA_COLOR, size: float = 5.0, alpha: float = 0.6, **kw) -> None:
    """The data points x (N, 2) as a light scatter."""
    X = np.asarray(X)
    ax.scatter(X[:, 0], X[:, 1], s=size, color=color, alpha=alpha, lw=0, zorder=1, rasterized=False, **kw)


def true_directions(ax, A_true, length: float, label: bool = True, color: str = TRUE_COLOR) -> None:
    """Dashed rays from the origin along the true columns, labelled $A_{\\mathrm{true},i}$ past their ends."""
    A_true = np.asarray(A_true)
    for i in range(A_true.shape[1]):
        u = A_true[:, i] / np.linalg.norm(A_true[:, i])
        ax.plot([0, length * u[0]], [0, length * u[1]], ls=(0, (4, 3)), color=color, lw=1.1, zorder=2)
        if label:
            tip_label(ax, length * u, u, rf"$A_{{\mathrm{{true}},{i + 1}}}$", color=color, fontsize=10)


def tip_label(ax, tip, direction, text: str, color: str = style.INK, fontsize: float = 10, gap: float = 3):
    """`text` just past `tip` along `direction`, growing away from it (`latent.anchored_away`), on a light
    box so that a guide through the origin does not run through its letters."""
    u = np.asarray(direction, float) / max(float(np.linalg.norm(direction)), 1e-12)
    return ax.annotate(text, xy=tuple(tip), xytext=tuple(gap * u), textcoords="offset points", color=color,
                       fontsize=fontsize, zorder=5, bbox=latent.LABEL_BOX, **latent.anchored_away(u))


def arrow(ax, start, vec, color, lw: float = 2.0, ls="-", zorder: int = 4, scale: float = 14,
          outline: bool | None = None):
    """One arrow from `start` along `vec` (data coordinates)."""
    start, vec = np.asarray(start, float), np.asarray(vec, float)
    a = ax.annotate("", xy=tuple(start + vec), xytext=tuple(start),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=lw, ls=ls, shrinkA=0, shrinkB=0,
                                    mutation_scale=scale), zorder=zorder)
    if outline if outline is not None else colour.is_pale(color):
        a.arrow_patch.set_path_effects([patheffects.withStroke(linewidth=lw + 1.4, foreground="#6b5a4a")])
    return a


def columns(ax, A, colors=None, labels=True, lw: float = 2.2, label: str = "$A_{i}$", scale: float = 1.0,
            fontsize: float = 10, mid=()) -> None:
    """Each column of A (2, k) as an arrow from the origin (times `scale`), labelled near its tip
    (`label` with {i} replaced by the 1-based column number), or beside its shaft for the columns
    listed in `mid`."""
    A = np.asarray(A) * scale
    colors = colors or source_colors(A.shape[1])
    top = max(float(np.linalg.norm(A, axis=0).max()), 1e-9)
    for i in range(A.shape[1]):
        arrow(ax, (0, 0), A[:, i], colors[i], lw=lw)
        if labels:
            r = np.linalg.norm(A[:, i])
            d = A[:, i] / r if r > 1e-9 else np.array([0.7, 0.7])
            text = label.replace("{i}", str(i + 1))
            if i in mid:
                side = np.array([d[1], -d[0]])
                tip_label(ax, 0.55 * A[:, i] + 0.04 * top * side, side, text, fontsize=fontsize)
            else:
                tip_label(ax, A[:, i], d, text, fontsize=fontsize)


def mean_spread(ax, x, Y, color, label, marker="o", offset: float = 0.0, ls="-") -> None:
    """Mean over seeds (rows of Y's last axis) with a bar from the smallest to the largest seed.

    x: (P,), Y: (P, S) one value per point and seed.
    """
    x = np.asarray(x, float) + offset
    Y = np.asarray(Y, float)
    m = np.nanmean(Y, -1)
    lo, hi = np.nanmin(Y, -1), np.nanmax(Y, -1)
    ax.errorbar(x, m, yerr=[m - lo, hi - m], color=color, marker=marker, ms=6, mfc=color, mec=color, lw=1.6, ls=ls,
                capsize=3, label=label, zorder=3)   # marker colours given: plot.dark recolours "auto" ones twice

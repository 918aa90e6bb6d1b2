"""Columns of a learnt A over training, drawn on a matplotlib axis: trails with a fade from old
(faint) to recent (strong), coloured by the true column each stands for (`toyviz.ica.column_sources`,
sign-aware for ŝ ≥ 0).
"""
from __future__ import annotations

import numpy as np


def trail(ax, points, color, lw: float = 2.2, pieces: int = 12, alpha: float = 0.95) -> None:
    """A polyline faded from old (thinner, lighter) to recent (thick, strong), points (T, 2); the
    oldest piece keeps over half the strength, so the whole path stays visible."""
    pts = np.asarray(points, float)
    edges = np.linspace(0, len(pts) - 1, pieces + 1).round().astype(int)
    for i, (a, b) in enumerate(zip(edges[:-1], edges[1:])):
        if b > a:
            f = (i + 1) / pieces
            ax.plot(pts[a:b + 1, 0], pts[a:b + 1, 1], color=color, lw=lw * (0.6 + 0.4 * f),
                    alpha=alpha * (0.55 + 0.45 * f), solid_capstyle="round", zorder=3)


def column_colours(A_ref, A_true, colors, signed: bool = False) -> list:
    """A colour per learnt column: that of the true column it stands for
    (`toyviz.ica.column_sources`), grey if none."""
    from toyviz.ica import column_sources
    return [colors[j] if j >= 0 else "#9a9a9a" for j in column_sources(A_ref, A_true, signed)[0]]


def panel(ax, X, A_true, A_hist, colors, radius: float, zoom: float = 1.0, signed: bool = False,
          shown: int = 400, marked: int | None = None) -> None:
    """One small multiple: data (grey), A_true dashed, each column's tip traced over training
    (fading trail, × zoom), a ring at its start, its last position as an arrow, and with `marked`
    a ringed dot at its tip at that step (the selected A). `key` below gives the markers' legend."""
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
        ax.scatter(*V[0, j], s=42, facecolor="white", edgecolor=c, lw=2.0, zorder=5)   # the start
        end = V[-1, j]
        ax.annotate("", end, (0, 0), arrowprops=dict(arrowstyle="-|>", color=c, lw=1.8, mutation_scale=11),
                    zorder=4)
        if marked is not None:
            ax.scatter(*V[marked, j], s=46, facecolor=c, edgecolor="#222222", lw=1.4, zorder=5)


def colors_true(i: int) -> str:
    from toyviz.plot import style
    return style.SOURCE_COLORS[i]


def key(fig, color: str = "#555555") -> None:
    """One legend for a figure of `panel`s: what the start ring, trail, arrow, dot and dashes mean."""
    from matplotlib.lines import Line2D
    handles = [
        Line2D([], [], ls="", marker="o", ms=7, mfc="white", mec=color, mew=2.0, label="start"),
        Line2D([], [], color=color, lw=2.2, label="trail of the column's tip (fainter: earlier)"),
        Line2D([], [], color=color, lw=1.8, marker=">", ms=7, label="column at the end"),
        Line2D([], [], ls="", marker="o", ms=8, mfc=color, mec="#222222", mew=1.4, label="column at the selected step"),
        Line2D([], [], color=color, lw=1.3, ls=(0, (4, 3)), label="true direction"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=9, bbox_to_anchor=(0.5, 0.0))

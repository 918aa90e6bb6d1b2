"""The latent plane of the toy ReLU autoencoder: its columns Wᵢ as arrows, and its latent zones.

Draw code only: the polygon and the zones (vertex arrays) come from `toyviz.toy` geometry, so what is
drawn is exactly what the engine computes.
"""
from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Polygon

from toyviz import colour, plane
from toyviz.plot import style


def columns(ax, W: np.ndarray, colors: list[str], labels: bool = True, lw: float = 2.2) -> None:
    """Each column of W (m=2, n) as an arrow from the origin, labelled Wᵢ near its tip."""
    W = np.asarray(W)
    scale = max(float(np.linalg.norm(W, axis=0).max()), 1e-9)
    for i in range(W.shape[1]):
        x, y = W[:, i]
        arrow = ax.annotate("", xy=(x, y), xytext=(0, 0),
                            arrowprops=dict(arrowstyle="-|>", color=colors[i], lw=lw, shrinkA=0, shrinkB=0,
                                            mutation_scale=14), zorder=4)
        if colour.is_pale(colors[i]):  # peachpuff and friends vanish on white without an outline
            arrow.arrow_patch.set_path_effects([patheffects.withStroke(linewidth=lw + 1.4, foreground="#8a6d5a")])
        if labels:
            r = np.hypot(x, y)
            d = np.array([x, y]) / r if r > 1e-9 else np.array([0.0, 0.0])
            tx, ty = np.array([x, y]) + 0.13 * scale * d + (0 if r > 1e-9 else np.array([0.06, 0.06]) * scale)
            ax.text(tx, ty, f"$W_{{{i + 1}}}$", color=style.INK, ha="center", va="center", fontsize=10)


def polygon(ax, vertices: np.ndarray, **kwargs) -> None:
    """The latent polygon's outline (vertices (P, 2), in order)."""
    kw = dict(fill=False, edgecolor=style.GUIDE, lw=1.0, ls="--", zorder=1) | kwargs
    ax.add_patch(Polygon(np.asarray(vertices), closed=True, **kw))


def zones(ax, zone_vertices: list[np.ndarray], colors: list[str], alpha: float = 0.55) -> None:
    """Each feature's zone {h : Wᵢᵀh + bᵢ > 0} clipped to the latent polygon, as a filled patch.

    Zones may overlap (a point can switch on several features); they are drawn translucent, widest
    first, so a small zone is never hidden under a large one.
    """
    order = sorted(range(len(zone_vertices)), key=lambda i: -plane.area(zone_vertices[i]))
    for i in order:
        v = np.asarray(zone_vertices[i])
        if len(v) >= 3:
            ax.add_patch(Polygon(v, closed=True, facecolor=colors[i], edgecolor=colors[i],
                                 alpha=alpha, lw=1.0, zorder=2))


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
            ax.text(*label_spot(W, i, scale), f"$W_{{{i + 1}}}$", color=style.INK, ha="center", va="center",
                    fontsize=10, zorder=5, bbox=LABEL_BOX)


# A label sits on a light box above the guides and arrows, so no line runs through its letters.
LABEL_BOX = dict(boxstyle="round,pad=0.08", fc="white", ec="none", alpha=0.75)


def anchored_away(direction) -> dict:
    """Text alignment that puts a label on the far side of its anchor along the screen `direction`
    (a unit vector): the label then grows away from whatever it names, never back over it."""
    dx, dy = direction[0], direction[1]
    return dict(ha="left" if dx > 0.3 else "right" if dx < -0.3 else "center",
                va="bottom" if dy > 0.3 else "top" if dy < -0.3 else "center")


def label_spot(W: np.ndarray, i: int, scale: float) -> np.ndarray:
    """Where column i's label goes: just past its tip; a column too short to point anywhere is
    labelled in the widest angular gap between the other columns, clear of their arrows."""
    tip = W[:, i]
    r = float(np.hypot(*tip))
    if r > 0.15 * scale:
        return tip + 0.14 * scale * tip / r
    others = np.sort([np.arctan2(W[1, j], W[0, j]) for j in range(W.shape[1])
                      if j != i and np.hypot(*W[:, j]) > 0.15 * scale])
    if len(others) == 0:
        return tip + 0.1 * scale
    gaps = np.diff(np.append(others, others[0] + 2 * np.pi))
    k = int(np.argmax(gaps))
    a = others[k] + gaps[k] / 2
    return tip + 0.3 * scale * np.array([np.cos(a), np.sin(a)])


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


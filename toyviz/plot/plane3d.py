"""3-D views of the latent plane drawn with plain 2-D matplotlib (optimization-failure.md, "What is
b₇?", "How tilt is generated", "What if Symmetric Failure and b₇ = 0?").

The post draws the latent hexagon as a plane living in output space (two latent axes, or output dims
1 and 2, plus the output of one feature as height). mplot3d sorts overlapping polygons by their
centroids and often paints a shaded part behind the plane it lies on; here the projection is an
orthographic one written out, and every shape is drawn with the `zorder` its caller chooses, so
depth order is under the figure's control.

The maths (projection, cutting a polygon at a level) is `toyviz.plane`'s, shared with the Manim
scenes. Angles follow mplot3d: `elev` above the (x, y) plane, `azim` about z, in degrees; `scale`
stretches each axis before projecting (e.g. "dim 7 enlarged ×4").
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import FancyArrowPatch, Polygon

from toyviz import plane
from toyviz.plot import latent, style


# ---------------------------------------------------------------- 3-D points and the camera
def lift(vertices2d, heights) -> np.ndarray:
    """2-D vertices (V, 2) and their heights (V,) → 3-D points (V, 3)."""
    v = np.asarray(vertices2d, np.float64)
    return np.column_stack([v, np.broadcast_to(np.asarray(heights, np.float64), (len(v),))])


@dataclass(frozen=True)
class View:
    """A camera: elevation, azimuth (degrees) and a per-axis stretch applied before projecting."""
    elev: float = 22.0
    azim: float = -58.0
    scale: tuple = (1.0, 1.0, 1.0)

    def xy(self, points) -> np.ndarray:
        return plane.project(points, self.elev, self.azim, self.scale)


# ---------------------------------------------------------------- drawing on a 2-D matplotlib axes
def polygon(ax, view: View, pts, zorder: float = 2, **kwargs):
    """A planar 3-D polygon (V, 3), filled/outlined as `Polygon(**kwargs)`."""
    pts = np.asarray(pts, np.float64).reshape(-1, 3)
    if len(pts) < 3:
        return None
    patch = Polygon(view.xy(pts), closed=True, zorder=zorder, **kwargs)
    ax.add_patch(patch)
    return patch


def line(ax, view: View, a, b, zorder: float = 3, **kwargs):
    """A straight segment from 3-D point a to b."""
    xy = view.xy(np.array([a, b], np.float64))
    return ax.plot(xy[:, 0], xy[:, 1], zorder=zorder, solid_capstyle="round", **kwargs)[0]


def arrow(ax, view: View, a, b, color=style.INK, lw: float = 1.6, both: bool = False,
          zorder: float = 5, mutation_scale: float = 12, **kwargs):
    """An arrow from 3-D point a to b (`both=True`: double-headed, for a measured distance)."""
    pa, pb = view.xy(np.array([a, b], np.float64))
    patch = FancyArrowPatch(tuple(pa), tuple(pb), arrowstyle="<|-|>" if both else "-|>", color=color,
                            lw=lw, mutation_scale=mutation_scale, shrinkA=0, shrinkB=0, zorder=zorder, **kwargs)
    ax.add_patch(patch)
    return patch


def point(ax, view: View, p, color=style.INK, size: float = 28, zorder: float = 6, **kwargs):
    """A dot at a 3-D point."""
    x, y = view.xy(np.asarray(p, np.float64))
    return ax.scatter([x], [y], s=size, color=color, zorder=zorder, **kwargs)


def text(ax, view: View, p, s: str, offset=(0, 0), zorder: float = 8, **kwargs):
    """Text at a 3-D point, shifted by `offset` in points (screen space)."""
    x, y = view.xy(np.asarray(p, np.float64))
    kw = dict(ha="center", va="center", fontsize=10, color=style.INK) | kwargs
    return ax.annotate(s, (x, y), xytext=offset, textcoords="offset points", zorder=zorder, **kw)


def axes3d(ax, view: View, lo, hi, labels=("x", "y", "z"), color=style.GUIDE, zorder: float = 1,
           fontsize: float = 10, label_colors=None):
    """Three axis lines through the origin from lo[i] to hi[i] (world units), arrow heads at hi,
    labelled at their positive ends."""
    lo, hi = np.asarray(lo, np.float64), np.asarray(hi, np.float64)
    label_colors = label_colors or [style.INK] * 3
    for i in range(3):
        a, b = np.zeros(3), np.zeros(3)
        a[i], b[i] = lo[i], hi[i]
        arrow(ax, view, a, b, color=color, lw=0.9, zorder=zorder, mutation_scale=9)
        tip = view.xy(b)
        d = tip - view.xy(a)
        d = d / max(np.linalg.norm(d), 1e-12)
        ax.annotate(labels[i], tuple(tip), xytext=tuple(5 * d), textcoords="offset points", fontsize=fontsize,
                    color=label_colors[i], zorder=zorder + 7, **latent.anchored_away(d))


def level_plane(ax, view: View, x_range, y_range, level: float = 0.0, zorder: float = 0.5,
                facecolor="#e9e9e9", alpha: float = 0.55, grid: int = 0, **kwargs):
    """The horizontal plane z = level over a rectangle, as a faint parallelogram (optionally gridded)."""
    (x0, x1), (y0, y1) = x_range, y_range
    corners = np.array([[x0, y0, level], [x1, y0, level], [x1, y1, level], [x0, y1, level]])
    polygon(ax, view, corners, zorder=zorder, facecolor=facecolor, edgecolor=style.GUIDE, lw=0.6,
            alpha=alpha, **kwargs)
    for t in np.linspace(0, 1, grid + 2)[1:-1]:
        line(ax, view, [x0 + t * (x1 - x0), y0, level], [x0 + t * (x1 - x0), y1, level], zorder=zorder,
             color=style.GUIDE, lw=0.4, alpha=0.6)
        line(ax, view, [x0, y0 + t * (y1 - y0), level], [x1, y0 + t * (y1 - y0), level], zorder=zorder,
             color=style.GUIDE, lw=0.4, alpha=0.6)


def drop(ax, view: View, p, level: float = 0.0, zorder: float = 1.5, **kwargs):
    """A thin vertical guide from a 3-D point down (or up) to z = level: shows its height."""
    p = np.asarray(p, np.float64)
    kw = dict(color=style.GUIDE, lw=0.8, ls=":") | kwargs
    return line(ax, view, p, [p[0], p[1], level], zorder=zorder, **kw)


def finish(ax, view: View, extent_points, margin: float = 0.06) -> None:
    """Equal aspect on screen, no frame or ticks; the limits fit the projection of `extent_points`
    (N, 3) (patches and arrows do not update matplotlib's data limits reliably) plus a margin."""
    xy = view.xy(np.asarray(extent_points, np.float64).reshape(-1, 3))
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    pad = margin * float((hi - lo).max())
    ax.set_xlim(lo[0] - pad, hi[0] + pad)
    ax.set_ylim(lo[1] - pad, hi[1] + pad)
    ax.set_aspect("equal")
    ax.set_axis_off()

"""The latent hexagon seen in three output dimensions (optimization-failure.md, "What is b₇? Why can't
it decrease?", "How tilt is generated", "What if Symmetric Failure and b₇ = 0?").

Every point h of the latent plane is reconstructed as y = Wᵀh + b; this draws the polygon through the
learnt columns, mapped to output dims (i, j, k) (the post's dims 1, 2, 7), with `plane3d`'s
projection. The third dim is the feature whose zone matters and may be stretched (`View.scale`).
The part of the polygon with y_k > 0 is shaded royalblue (style.POSITIVE); the part with y_k < 0,
which ReLU zeroes, is grey and hatched. Depth order is explicit: floor, the part under the floor,
the floor's outline, the part above, then guides, points and labels.
"""
from __future__ import annotations

import numpy as np

from toyviz import plane
from toyviz.plot import latent, plane3d, style
from toyviz.toy.analysis import dead_features
from toyviz.toy.geometry import latent_polygon, plane_points

BELOW = "#b5b5b5"   # the part ReLU zeroes


def hexagon(W: np.ndarray, b: np.ndarray, dims=(0, 1, 6)):
    """The polygon through the learnt columns of W (dead ones left out), as latent points H (V, 2),
    the feature index of each vertex (V,) and its points in output dims `dims` (V, 3)."""
    W = np.asarray(W, np.float64)
    live = np.where(~dead_features(W))[0]
    H = latent_polygon(W[:, live])
    idx = np.array([live[int(np.argmin(np.linalg.norm(W[:, live].T - h, axis=1)))] for h in H])
    return H, idx, plane_points(W, b, H, dims)


def draw(ax, view: plane3d.View, W, b, dims=(0, 1, 6), colors=None, *, ghost=None, heights: bool = False,
         bias: bool = True, floor_pad: float = 0.5, z_top: float | None = None, dim_names=None, point_of=None, label_vertices: bool = True):
    """Draw the latent polygon of (W, b) in output dims `dims` and return the 3-D points drawn.

    Args:
        ghost: optional (W, b) drawn as a dashed outline (e.g. the untilted plane).
        heights: write each vertex's value in the third dim next to it.
        bias: draw b as an arrow from the origin to the image of h = 0, and b_k as the plane's offset
            along the third dim (mediumblue).
        point_of: optional feature index whose column Wᵢ (not a polygon vertex, e.g. a dead W₇) is
            marked as a point on the plane.
        z_top: where the third axis ends (its units); equal values give a series of figures one frame.
    """
    W, b = np.asarray(W, np.float64), np.asarray(b, np.float64)
    n = W.shape[1]
    colors = colors or style.feature_colors(n)
    i, j, k = dims
    names = dim_names or [f"dim {d + 1}" for d in dims]
    H, idx, P = hexagon(W, b, dims)
    extent = [P, np.zeros((1, 3))]

    # the floor y_k = 0 under everything
    lo = np.minimum(P[:, :2].min(axis=0), 0) - floor_pad
    hi = np.maximum(P[:, :2].max(axis=0), 0) + floor_pad
    plane3d.level_plane(ax, view, (lo[0], hi[0]), (lo[1], hi[1]), zorder=1, alpha=0.5)
    extent.append(np.array([[x, y, 0] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])]))
    plane3d.text(ax, view, [lo[0], lo[1], 0], f"$y_{{{k + 1}}} = 0$", offset=(34, 2), fontsize=9,
                 color="#777777", zorder=1.1)
    zr = max(float(np.abs(P[:, 2]).max()) * 2.0, 0.1) if z_top is None else z_top
    plane3d.axes3d(ax, view, [lo[0], lo[1], 0.0], [hi[0] + 1.1, hi[1] + 1.1, zr],
                   labels=names, zorder=1.2, label_colors=[style.INK, style.INK, colors[k]])
    extent.append(np.array([[0, 0, zr]]))
    cross = _axis_crossing(W, b, dims, H)
    if cross is not None and cross[2] < zr:              # the dim-k axis pierces the plane: redraw
        plane3d.line(ax, view, cross, [0, 0, zr], zorder=2.3, color=style.GUIDE, lw=0.9)   # its upper part

    # the polygon: the part under the floor first (hidden by the floor), then the part above it
    below, above = plane.clip_height(P, 0.0, "below"), plane.clip_height(P, 0.0, "above")
    plane3d.polygon(ax, view, below, zorder=0.8, facecolor=BELOW, edgecolor="#6f6f6f", lw=1.0, hatch="////",
                    alpha=0.9)
    plane3d.polygon(ax, view, above, zorder=2, facecolor=style.POSITIVE, edgecolor=style.POSITIVE, lw=1.2,
                    alpha=0.35)
    plane3d.polygon(ax, view, P, zorder=2.1, fill=False, edgecolor=style.INK, lw=1.0)
    seg = plane.level_segment(P, 0.0)
    if seg is not None:
        plane3d.line(ax, view, seg[0], seg[1], zorder=2.2, color=style.INK, lw=1.6, ls="--")

    if ghost is not None:
        _, _, G = hexagon(*ghost, dims)
        plane3d.polygon(ax, view, G, zorder=2.05, fill=False, edgecolor=style.GUIDE, lw=1.0, ls="--")
        extent.append(G)

    # vertices: their height guides, dots in the feature colours, labels
    for p, f in zip(P, idx):
        plane3d.drop(ax, view, p, zorder=1.9 if p[2] >= 0 else 0.9)
        plane3d.point(ax, view, p, color=colors[f], size=34, zorder=6, edgecolors=style.INK, linewidths=0.6)
        away = view.xy(p) - view.xy(P.mean(axis=0))
        away = away / max(np.linalg.norm(away), 1e-9)
        if label_vertices or heights:
            label = f"$W_{{{f + 1}}}$" + (f"  {p[2]:+.3f}" if heights else "")
            ha = "left" if away[0] > 0.35 else "right" if away[0] < -0.35 else "center"
            plane3d.text(ax, view, p, label, offset=tuple((10 if heights else 16) * away), fontsize=10, ha=ha,
                         bbox=latent.LABEL_BOX, color=style.INK if p[2] >= 0 or not heights else "#555555")

    if point_of is not None:
        p = plane_points(W, b, W[:, [point_of]].T, dims)[0]
        plane3d.point(ax, view, p, color=colors[point_of], size=30, zorder=6.5, edgecolors="white", linewidths=0.6)
        plane3d.text(ax, view, p, f"$W_{{{point_of + 1}}}$", offset=(12, 8), fontsize=10, color=colors[point_of],
                     bbox=latent.LABEL_BOX)

    if bias:
        origin_img = plane_points(W, b, np.zeros((1, 2)), dims)[0]       # = (b_i, b_j, b_k)
        plane3d.arrow(ax, view, [0, 0, 0], origin_img, color=style.INK, lw=1.4, zorder=7)
        plane3d.text(ax, view, origin_img * [0.5, 0.5, 0.5], "$b$", offset=(0, 9), fontsize=11, bbox=latent.LABEL_BOX)
        foot = np.array([origin_img[0], origin_img[1], 0.0])
        plane3d.line(ax, view, foot, origin_img, zorder=7.2, color=colors[k], lw=3.0)
        plane3d.point(ax, view, foot, color=colors[k], size=10, zorder=7.2)
        plane3d.text(ax, view, foot, f"$b_{{{k + 1}}} = {b[k]:.3f}$", offset=(6, -12),
                     fontsize=10, color=colors[k], ha="left",
                     bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    return np.vstack(extent)


def _axis_crossing(W, b, dims, H):
    """Where the third axis (y_i = y_j = 0) meets the plane, as a 3-D point, or None when that latent
    point lies outside the polygon H (or the first two dims are degenerate)."""
    A = W[:, list(dims[:2])].T                        # y_(i,j) = A h + b_(i,j)
    if abs(np.linalg.det(A)) < 1e-12:
        return None
    h = np.linalg.solve(A, -b[list(dims[:2])])
    edges = np.roll(H, -1, axis=0) - H
    rel = h - H
    side = edges[:, 0] * rel[:, 1] - edges[:, 1] * rel[:, 0]
    if not (np.all(side >= 0) or np.all(side <= 0)):
        return None
    return np.array([0.0, 0.0, float(W[:, dims[2]] @ h + b[dims[2]])])

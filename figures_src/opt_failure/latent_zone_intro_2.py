"""The latent hexagon as a plane in 3-D: feature z's output over it, its zone where that is > 0

The perfectly learnt n = 6, m = 2 model of `latent_zone_intro_1` (same run and seed, same feature
numbers and colours). Feature z is the one whose column points most upward. Each point h of the
latent hexagon is lifted to height y_z = W_zᵀh + b_z, drawn with toyviz's own orthographic
projection (`plane3d`): a tilted plane through the six columns (dots at their heights, dotted drops
to y_z = 0). Where it is above y_z = 0 (royalblue) is feature z's zone; the rest is below zero
(grey, hatched) and ReLU zeroes it. Right: the same plane with b_z lowered by δ; the whole plane
moves down by δ (arrow; the dashed outline is its old place), so the blue sliver starts further up
the hexagon and is smaller. Lowering b_z is the lever that decides where the zone starts.
"""
import numpy as np

from toyviz import plane
from toyviz.plot import latent, plane3d, style
from toyviz.toy.analysis import find_seeds
from toyviz.toy.config import ToyConfig
from toyviz.toy.geometry import latent_polygon
from toyviz.toy.train import train_cached

ID = "opt_failure/latent_zone_intro_2"
KIND = "still"
REPRODUCES = "opt_failure/latent_zone_intro_2.png"
FILES = ["latent_zone_intro_2.png"]

CONFIG = ToyConfig(n=6, m=2, n_seeds=64, steps=25_000, seed=0)  # latent_zone_intro_1's run
DELTA = 0.5                                                    # how far b_z is lowered on the right
VIEW = plane3d.View(elev=24, azim=-66, scale=(1.0, 1.0, 0.45))
BELOW = "#b5b5b5"


def panel(ax, W, b, z, colors, shift=0.0, ghost=False):
    """The plane y_z = W_zᵀh + b_z − shift over the latent hexagon; returns the 3-D points drawn."""
    H = latent_polygon(W)
    P = plane3d.lift(H, H @ W[:, z] + b[z] - shift)
    r = 1.15 * float(np.abs(H).max())
    plane3d.level_plane(ax, VIEW, (-r, r), (-r, r), zorder=1, alpha=0.5, grid=3)
    plane3d.text(ax, VIEW, [-r, r, 0], f"$y_{{{z + 1}}} = 0$", offset=(-4, 0), ha="right", fontsize=9.5, color="#777777",
                 bbox=latent.LABEL_BOX)
    below, above = plane.clip_height(P, 0, "below"), plane.clip_height(P, 0, "above")
    plane3d.polygon(ax, VIEW, below, zorder=0.8, facecolor=BELOW, edgecolor="#6f6f6f", hatch="////", alpha=0.9, lw=1.0)
    plane3d.polygon(ax, VIEW, above, zorder=2, facecolor=style.POSITIVE, edgecolor=style.POSITIVE, alpha=0.6, lw=1.2)
    plane3d.polygon(ax, VIEW, P, zorder=2.1, fill=False, edgecolor=style.INK, lw=1.0)
    seg = plane.level_segment(P, 0.0)
    if seg is not None:
        plane3d.line(ax, VIEW, seg[0], seg[1], zorder=2.2, color=style.INK, lw=1.4, ls="--")
    if ghost:
        G = plane3d.lift(H, H @ W[:, z] + b[z])
        plane3d.polygon(ax, VIEW, G, zorder=2.3, fill=False, edgecolor=style.GUIDE, lw=1.0, ls="--")
        plane3d.arrow(ax, VIEW, [0, 0, b[z]], [0, 0, b[z] - shift], color=style.INK, lw=1.6, zorder=7)
        plane3d.text(ax, VIEW, [0, 0, b[z] - shift / 2], f"−δ = −{shift:g}", offset=(36, 0), fontsize=10, bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.8))
    for h, p in zip(H, P):
        j = int(np.argmin(np.linalg.norm(W.T - h, axis=1)))
        plane3d.drop(ax, VIEW, p, zorder=1.9 if p[2] >= 0 else 0.9)
        plane3d.point(ax, VIEW, p, color=colors[j], size=30, zorder=6, edgecolors=style.INK, linewidths=0.6)
        away = VIEW.xy(p) - VIEW.xy(P.mean(axis=0))
        away = 15 * away / max(np.linalg.norm(away), 1e-9)
        plane3d.text(ax, VIEW, p, f"$W_{{{j + 1}}}$", offset=tuple(away), fontsize=10, bbox=latent.LABEL_BOX)
    # a height ruler at the back-right corner of the floor (the plane hides the back-left one's lower
    # half), and the floor's edges named
    lo, hi = np.ceil(float(P[:, 2].min())), np.ceil(float(P[:, 2].max()) - 1e-3) + 0.5
    corner = np.array([r, r, 0.0])
    plane3d.line(ax, VIEW, corner + [0, 0, lo], corner + [0, 0, hi], zorder=0.6, color=style.GUIDE, lw=1.0)
    for t in np.arange(lo, hi, 1.0):
        plane3d.line(ax, VIEW, corner + [0, 0, t], corner + [-0.12, 0, t], zorder=0.6, color=style.GUIDE, lw=1.0)
        plane3d.text(ax, VIEW, corner + [0, 0, t], f"{t:+.0f}" if t else "0", offset=(4, 0), fontsize=9.5,
                     color="#666666", ha="left", bbox=latent.LABEL_BOX)
    plane3d.text(ax, VIEW, corner + [0, 0, hi], f"$y_{{{z + 1}}}$", offset=(0, 9), fontsize=11, color=style.INK)
    c0 = np.array([-r, -r, 0.0])                                # the floor's left corner: h₁, h₂ arrows
    for d, name in (([0.9, 0, 0], "$h_1$"), ([0, 0.9, 0], "$h_2$")):
        plane3d.arrow(ax, VIEW, c0, c0 + d, color="#666666", lw=1.0, zorder=1.1, mutation_scale=8)
        u = VIEW.xy(c0 + np.array(d)) - VIEW.xy(c0)
        u = u / np.linalg.norm(u)
        plane3d.text(ax, VIEW, c0 + np.array(d), name, offset=tuple(4 * u), fontsize=9.5, color="#666666",
                     bbox=latent.LABEL_BOX, **latent.anchored_away(u))
    return np.vstack([P, [[-r, -r, 0], [r, r, 0], [-r, r, 0], [r, -r, 0], corner + [0, 0, hi], corner + [0, 0, lo]]])


def build(out, quality):
    run = train_cached(CONFIG)
    k = int(find_seeds(run, "perfect", count=1)[0])           # latent_zone_intro_1's seed
    W, b = run.W[k].astype(np.float64), run.b[k].astype(np.float64)
    z = int(np.argmax(W[1]))                                    # the column pointing most upward
    colors = style.feature_colors(CONFIG.n)
    with style.figure(1, 2, figsize=(10.0, 5.0)) as (fig, (left, right)):
        e1 = panel(left, W, b, z, colors)
        e2 = panel(right, W, b, z, colors, shift=DELTA, ghost=True)
        extent = np.vstack([e1, e2, plane3d.lift(latent_polygon(W), latent_polygon(W) @ W[:, z] + b[z])])
        plane3d.finish(left, VIEW, extent)
        plane3d.finish(right, VIEW, extent)
        left.set_title(f"$y_{{{z + 1}}} = W_{{{z + 1}}}^\\top h + b_{{{z + 1}}}$ over the latent hexagon, "
                       f"$b_{{{z + 1}}}$ = {b[z]:.3f}", fontsize=11)
        right.set_title(f"$b_{{{z + 1}}}$ lowered by δ = {DELTA:g}: the zone ($y_{{{z + 1}}} > 0$) shrinks",
                        fontsize=11)
        style.save(fig, out / FILES[0], quality)

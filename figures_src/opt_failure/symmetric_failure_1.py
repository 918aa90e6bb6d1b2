"""Symmetric Failure: six features on a regular hexagon, the seventh at the origin, active everywhere

A batch of n = 7, m = 2 models is trained with the post's settings (AdamW, lr 1e-3, weight decay
1e-2, 25,000 full-batch steps). Under the engine's defaults Symmetric Failure is a long plateau that
ends in recovery (none of the batch is still in the shape at step 25,000), so the model is drawn at
the recorded checkpoint nearest step 10,000, where the most typical seed in the shape with one dead
feature is found by `showcase.symmetric_failure` (the engine's `symmetric_failure_shape`). Features
are renumbered counter-clockwise from the top with the unlearnt one last, drawn as W₇ in mediumblue. Left:
the columns of W. Right: the latent zones clipped to the latent shape, a "pac-man" because W₇ sits
at the origin; feature 7's zone is all of it, since its output there is ReLU(b₇) with b₇ ≈ 1/7 > 0.
"""
import numpy as np

from toyviz.plot import latent, style
from toyviz.toy import showcase
from toyviz.toy.geometry import latent_polygon, zones

ID = "opt_failure/symmetric_failure_1"
KIND = "still"
REPRODUCES = "opt_failure/symmetric_failure_1.png"
FILES = ["symmetric_failure_1.png"]


def build(out, quality):
    s = showcase.symmetric_failure(quality)
    colors = style.feature_colors(7)                     # W₇ (the unlearnt one, last) in mediumblue
    radius = 1.3 * float(np.abs(s.W).max())
    norms = np.linalg.norm(s.W, axis=0)
    Z = zones(s.W, s.b)
    empty = np.zeros((0, 2))
    with style.figure(1, 2, figsize=(7.2, 4.2), gridspec_kw=dict(wspace=0.42)) as (fig, (left, right)):
        latent.columns(left, s.W[:, :6], colors[:6])
        _dead_point(left, colors[6], radius, s.W)
        style.equal_square(left, radius)
        left.set_title("columns of $W$")
        # the numbers go under the panels, where no arrow runs
        left.annotate(f"$\\|W_{{1..6}}\\|$ = {norms[:6].min():.3f}…{norms[:6].max():.3f},  "
                      f"$\\|W_7\\|$ = {norms[6]:.1e}", xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -36),
                      textcoords="offset points", ha="center", fontsize=9.5, va="top")
        latent.polygon(right, latent_polygon(s.W))
        latent.zones(right, [empty] * 6 + [Z[6]], colors, alpha=0.28)          # feature 7: everywhere
        latent.zones(right, Z[:6] + [empty], colors, alpha=0.6)                # the six slivers on top
        latent.columns(right, s.W[:, :6], colors[:6], labels=False, lw=1.2)
        _dead_point(right, colors[6], radius, s.W, label=False)
        style.equal_square(right, radius)
        right.set_title("latent zones ($W_i^\\top h + b_i > 0$)")
        right.annotate(f"$b_7$ = {s.b[6]:.3f} ≈ 1/7 > 0: feature 7 is on everywhere", xy=(0.5, 0),
                       xycoords="axes fraction", xytext=(0, -36), textcoords="offset points", ha="center",
                       fontsize=9.5, va="top", color=colors[6])
        fig.suptitle(f"Symmetric Failure (n = 7, m = 2, AdamW): seed {s.seed} at step {s.step:,},\n"
                     f"one of {s.in_shape}/{s.batch} seeds in this shape there", fontsize=11.5)
        style.save(fig, out / FILES[0], quality)


def _dead_point(ax, color, radius, W, label=True):
    """W₇ ≈ 0: a dot at the origin instead of an invisible arrow, named in the widest gap between
    the other columns."""
    ax.scatter([0], [0], s=36, color=color, zorder=6, edgecolors="white", linewidths=0.8)
    if label:
        spot = latent.label_spot(W, 6, 1.5 * float(np.linalg.norm(W, axis=0).max()))
        ax.annotate("$W_7 \\approx 0$", (0, 0), xytext=tuple(spot), color=color, fontsize=10, ha="center", va="center",
                    bbox=latent.LABEL_BOX,
                    arrowprops=dict(arrowstyle="-", color=color, lw=0.8), zorder=7)

"""Symmetric Failure in output dims 1, 2 and 7: a flat hexagon lifted by b₇

A batch of n = 7, m = 2 models is trained with the post's settings (AdamW, lr 1e-3, 25,000 steps) and
the most typical seed in the Symmetric Failure shape at the checkpoint nearest step 10,000 is drawn
(`showcase.symmetric_failure`; under the engine's defaults the shape is a plateau that ends in
recovery, so no seed is still in it at 25,000 steps). Features are renumbered counter-clockwise from the top
with the unlearnt one last (W₇, mediumblue). Every latent point h is reconstructed as y = Wᵀh + b;
the hexagon through the six learnt columns is drawn in output dims 1, 2 and 7 (dim 7 stretched ×5).
Since W₇ = 0 the plane has no tilt in dim 7: it sits at height b₇ ≈ 1/7 everywhere, so all of it is
positive in dim 7 (shaded). The bias vector b ends where h = 0 lands, which is also where the unlearnt
column W₇ = 0 sits.
"""
from toyviz.plot import disc, plane3d, style
from toyviz.toy import showcase

ID = "opt_failure/disc_simple_1"
KIND = "still"
REPRODUCES = "opt_failure/disc_simple_1.png"
FILES = ["disc_simple_1.png"]

STRETCH = 5.0        # dim 7 drawn ×5, seen from the side the tilt rises to (W₆ on the right); a larger
                     # stretch, or a view along the tilt, lifts its high side above its far side on screen
                     # and front and back swap between the figures
VIEW = plane3d.View(elev=30, azim=-148, scale=(1.0, 1.0, STRETCH))


def build(out, quality):
    s = showcase.symmetric_failure(quality)
    with style.figure(1, 1, figsize=(8.0, 6.2)) as (fig, ax):
        extent = disc.draw(ax, VIEW, s.W, s.b, dims=(0, 1, 6), point_of=6,
                           dim_names=["dim 1", "dim 2", f"dim 7 (×{STRETCH:g})"], z_top=0.5)
        plane3d.finish(ax, VIEW, extent)
        ax.set_title(f"Symmetric Failure (seed {s.seed}, step {s.step:,}) in output dims 1, 2, 7:\n"
                     f"the plane is flat in dim 7, at height $b_7$ = {s.b[6]:.3f} ≈ 1/7 > 0 everywhere",
                     fontsize=11)
        style.save(fig, out / FILES[0], quality)

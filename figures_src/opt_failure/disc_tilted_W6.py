"""Tilt: W₇ = 0.06·W₆ lifts one side of the hexagon in dim 7 and lowers the other

The Symmetric Failure of `disc_simple_1` (n = 7, m = 2, post's settings, the most typical seed in the
shape at the checkpoint nearest step 10,000, features renumbered counter-clockwise from the top with the
unlearnt one as W₇), with its unlearnt column set by hand to W₇ = 0.06·W₆ (everything else as
trained). The height of the plane in dim 7 is now W₇ᵀh + b₇, so each vertex Wⱼ sits at
0.06·W₆ᵀWⱼ + b₇: W₅, W₆, W₁ (on W₇'s side) rise, W₂, W₃, W₄ fall, and, for this small tilt, the whole
hexagon stays above zero in dim 7. The dashed outline is the untilted plane; the numbers are each
vertex's value in dim 7 (stretched ×5 in the drawing), computed from the model.
"""
from toyviz.plot import disc, plane3d, style
from toyviz.toy import showcase

ID = "opt_failure/disc_tilted_W6"
KIND = "still"
REPRODUCES = "opt_failure/disc_tilted_W6.png"
FILES = ["disc_tilted_W6.png"]

TILT = 0.06           # W₇ = TILT · W₆, the post's value
STRETCH = 5.0        # dim 7 drawn ×5, seen from the side the tilt rises to (W₆ on the right); a larger
                     # stretch, or a view along the tilt, lifts its high side above its far side on screen
                     # and front and back swap between the figures
VIEW = plane3d.View(elev=30, azim=-148, scale=(1.0, 1.0, STRETCH))


def build(out, quality):
    s = showcase.symmetric_failure(quality)
    W = s.W.copy()
    W[:, 6] = TILT * W[:, 5]
    y7 = W[:, 6] @ W[:, :6] + s.b[6]               # each learnt vertex's height in dim 7
    with style.figure(1, 1, figsize=(8.0, 6.2)) as (fig, ax):
        extent = disc.draw(ax, VIEW, W, s.b, dims=(0, 1, 6), ghost=(s.W, s.b), heights=True, point_of=6,
                           dim_names=["dim 1", "dim 2", f"dim 7 (×{STRETCH:g})"], z_top=0.5)
        plane3d.finish(ax, VIEW, extent)
        ax.set_title(f"$W_7 = {TILT}\\,W_6$ tilts the plane in dim 7: $y_7(W_j)$ from {y7.min():.3f} "
                     f"to {y7.max():.3f}\n(untilted: $b_7$ = {s.b[6]:.3f} everywhere, dashed); "
                     f"all of it still > 0", fontsize=11)
        style.save(fig, out / FILES[0], quality)

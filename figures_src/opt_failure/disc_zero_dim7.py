"""The tilted hexagon at b₇ = 0: half of it dips below zero in dim 7, where ReLU zeroes it

The Symmetric Failure of `disc_simple_1` (n = 7, m = 2, post's settings, the most typical seed in the
shape at the checkpoint nearest step 10,000, features renumbered counter-clockwise from the top with the
unlearnt one as W₇), with W₇ = 0.06·W₆ as in `disc_tilted_W6` and b₇ set to 0 by hand. The plane now
pivots on the line y₇ = 0 through h = 0: the half on W₇'s side (W₅, W₆, W₁) is above zero (blue),
the other half (W₂, W₃, W₄) below (grey, hatched), where ReLU outputs 0, so samples x₂, x₃, x₄ have
no loss in output 7 and no longer pull the plane back flat. Numbers are each vertex's value in
dim 7 (stretched ×5 in the drawing), computed from the model.
"""
import numpy as np

from toyviz.plot import disc, plane3d, style
from toyviz.toy import showcase

ID = "opt_failure/disc_zero_dim7"
KIND = "still"
REPRODUCES = "opt_failure/disc_zero_dim7.png"
FILES = ["disc_zero_dim7.png"]

TILT = 0.06           # W₇ = TILT · W₆, as in disc_tilted_W6
STRETCH = 5.0        # dim 7 drawn ×5, seen from the side the tilt rises to (W₆ on the right); a larger
                     # stretch, or a view along the tilt, lifts its high side above its far side on screen
                     # and front and back swap between the figures
VIEW = plane3d.View(elev=30, azim=-148, scale=(1.0, 1.0, STRETCH))


def build(out, quality):
    s = showcase.symmetric_failure(quality)
    W, b = s.W.copy(), s.b.copy()
    W[:, 6] = TILT * W[:, 5]
    b[6] = 0.0
    y7 = W[:, 6] @ W[:, :6] + b[6]                  # each learnt vertex's height in dim 7
    below = ", ".join(f"$W_{j + 1}$" for j in np.where(y7 < 0)[0])
    with style.figure(1, 1, figsize=(8.0, 6.2)) as (fig, ax):
        extent = disc.draw(ax, VIEW, W, b, dims=(0, 1, 6), heights=True, point_of=6,
                           dim_names=["dim 1", "dim 2", f"dim 7 (×{STRETCH:g})"], z_top=0.5)
        plane3d.finish(ax, VIEW, extent)
        ax.set_title(f"$W_7 = {TILT}\\,W_6$ and $b_7 = 0$: the plane pivots on $y_7 = 0$;\n"
                     f"the half with {below} is below zero (hatched), where ReLU sets $y_7$ to 0",
                     fontsize=11)
        style.save(fig, out / FILES[0], quality)

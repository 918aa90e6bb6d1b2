"""The run-away tilt: the update arrow of every column as W₇ is learnt

Manim scene `AsymmetricUpdates` (toyviz/anim/opt_failure.py), replaying `showcase.asymmetric_updates`.
Start: the slightly asymmetric Symmetric Failure of the still `created_asymmetric_7`
(`showcase.settled_asymmetry`: the engine's `constructed_asymmetry` with W₁, W₆ 2 % shorter, then
5,000 AdamW steps with W₇, b₇ frozen at 0 and 1/7), W₇ drawn as a dot at the origin and labelled in
its gap between W₁ and W₆. From there every weight is trained with the engine's defaults (AdamW, lr
1e-3, 8,000 steps, recorded every 20). At each recorded step the plain update −lr·∇ of every column
(`toyviz.toy.forces.updates`) is drawn as an arrow at that column's tip, normalised so that the
largest is 1 (said on screen) and averaged over 100 steps against float32 jitter; a readout gives the
step, ‖W₇‖, b₇ and the loss. The playback clock slows down where the weights move fast, so the
run-away tilt (W₂…W₅ sweeping and lengthening away from W₇) and the jump to Asymmetric Recovery
(W₇ learnt, b₇ < 0) are both visible. Once the loss is below 1e-6 the update arrows are hidden:
normalised, they would show only float32 rounding noise. The plane's scale is the largest that keeps
every recorded column and its arrow in the frame.
"""
from toyviz.anim.opt_failure import AsymmetricUpdates
from toyviz.anim.render import poster_frame, render_scene

ID = "opt_failure/asymmetric_updates"
KIND = "video"
REPRODUCES = "opt_failure/asymmetric_updates.mov"
FILES = ["asymmetric_updates.mp4", "asymmetric_updates.png"]


def build(out, quality):
    render_scene(AsymmetricUpdates, out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

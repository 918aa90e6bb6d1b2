"""The tilting hexagon: W₇ = a·W₆ tilts the latent plane, b₇ → 0 sinks half of it under ReLU

Manim scene `TiltingHexagon` (toyviz/anim/opt_failure.py), drawn with its own orthographic
projection in a 2-D scene (no ThreeDScene). The hexagon is the real Symmetric Failure of the disc
stills (`showcase.symmetric_failure` at the build's quality: among n = 7 models trained with the
engine's defaults, the most typical seed in the shape at the checkpoint nearest step 10,000;
features numbered counter-clockwise from the top, the unlearnt one W₇). Axes: the two latent axes and
feature 7's pre-activation W₇ᵀh + b₇ (enlarged), with a slow turn of the camera. The plane starts
flat at height b₇ = 1/7 (all of it positive, shaded blue); W₇ = a·W₆ grows from a = 0 to the post's
0.06 and tilts it (each vertex's height on a stick labelled with its name and height; every vertex
stays above 0); then b₇ is lowered to 0 and the half of the hexagon below 0 turns grey and hatched,
where ReLU outputs 0.
"""
from toyviz.anim.opt_failure import TiltingHexagon
from toyviz.anim.render import poster_frame, render_scene

ID = "opt_failure/tilting_hexagon"
KIND = "video"
REPRODUCES = None
FILES = ["tilting_hexagon.mp4", "tilting_hexagon.png"]


def build(out, quality):
    render_scene(TiltingHexagon, out / FILES[0], quality.pixel_height, quality.fps, quality=quality.name)
    poster_frame(out / FILES[0], out / FILES[1])

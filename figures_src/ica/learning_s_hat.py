"""Solving for ŝ with A fixed (E2)

The post's projected gradient descent s ← ReLU(s − η∇F) from s = 0, with A fixed at the E2 preset's
perturbed A_true (first seed whose columns span the plane): each reconstruction A ŝ, coloured by the
RGB mix of its ŝ, moves from the origin to its data point; the data (grey rings), the columns of A
and A_true (dashed), and the mean objective against the exact optimum. Rendered by the Manim scene
`LearningSHat` in toyviz/anim/ica.py.
"""
from toyviz.anim.ica import LearningSHat
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_s_hat"
KIND = "video"
REPRODUCES = "ica/learning_s_hat.mov"
FILES = ["learning_s_hat.mp4", "learning_s_hat.png"]


def build(out, quality):
    render_scene(LearningSHat.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

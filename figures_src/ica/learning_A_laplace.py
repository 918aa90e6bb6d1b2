"""Laplace data and prior (E4.1)

Preset E4.1 (signed sources and prior, 1,500 steps), seed 0: the columns stop short of the true
directions (sign-free error, as signs are free). Scene `LearningALaplace` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningALaplace
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_laplace"
KIND = "video"
REPRODUCES = "ica/learning_A_laplace.mov"
FILES = ["learning_A_laplace.mp4", "learning_A_laplace.png"]


def build(out, quality):
    render_scene(LearningALaplace.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

"""Gaussian noise σ = 0.05 in x (E4.2)

Preset E4.2 (2,000 steps) at the first seed that learns A_true and then loses it: noise does not
stop the run-away. Scene `LearningAGaussianNoise` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningAGaussianNoise
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_gaussian_noise"
KIND = "video"
REPRODUCES = "ica/learning_A_gaussian_noise.mov"
FILES = ["learning_A_gaussian_noise.mp4", "learning_A_gaussian_noise.png"]


def build(out, quality):
    render_scene(LearningAGaussianNoise.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

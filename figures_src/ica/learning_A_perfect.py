"""Learning A from a perturbed A_true (E3)

Preset E3 (raw update, 50 steps, α = 0.02) at the first seed that ends within 5° of A_true, sign-
aware: the columns of A with fading trails rotate onto the dashed true columns over the data; right,
the sign-aware mean and worst angle error with a moving marker. Scene `LearningAPerfect`
(toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningAPerfect
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_perfect"
KIND = "video"
REPRODUCES = "ica/learning_A_perfect.mov"
FILES = ["learning_A_perfect.mp4", "learning_A_perfect.png"]


def build(out, quality):
    render_scene(LearningAPerfect.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

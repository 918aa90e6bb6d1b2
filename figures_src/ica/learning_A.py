"""The run-away: the raw update at a constant rate (E3-runaway)

Preset E3-runaway (2,000 steps, α = 0.02) at the first seed that learns A_true and then loses it:
the error falls, then columns turn over, shrink and die. Columns with fading trails over the data,
the sign-aware angle error over steps. Scene `LearningA` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningA
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A"
KIND = "video"
REPRODUCES = "ica/learning_A.mov"
FILES = ["learning_A.mp4", "learning_A.png"]


def build(out, quality):
    render_scene(LearningA.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

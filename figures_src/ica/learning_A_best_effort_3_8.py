"""Over-provisioned: 3 sources, 8 columns (E6.3-8)

Preset E6.3-8, seed 0: eight columns coloured by cluster. Scene `LearningABestEffort3x8`
(toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningABestEffort3x8
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_best_effort_3_8"
KIND = "video"
REPRODUCES = "ica/learning_A_best_effort_3_8.mov"
FILES = ["learning_A_best_effort_3_8.mp4", "learning_A_best_effort_3_8.png"]


def build(out, quality):
    render_scene(LearningABestEffort3x8.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

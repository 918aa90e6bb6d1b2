"""Best effort, 4 irregular sources, full data (E6.2)

Preset E6.2, seed 0: least error at an early step, then the columns drift off; the evidence selects
an early step too. Scene
`LearningABestEffortFull4` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningABestEffortFull4
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_best_effort_full_4"
KIND = "video"
REPRODUCES = "ica/learning_A_best_effort_full_4.mov"
FILES = ["learning_A_best_effort_full_4.mp4", "learning_A_best_effort_full_4.png"]


def build(out, quality):
    render_scene(LearningABestEffortFull4.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

"""Best effort, 3 sources, full data (E6.1)

Preset E6.1 (normalised update, equal column norms, spread init, warm-up + cosine schedule, A
selected by the model's evidence), seed 0: success. The criterion is plotted above the error, with
the step it selects marked on both. Scene `LearningABestEffort3` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningABestEffort3
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_best_effort_3"
KIND = "video"
REPRODUCES = "ica/learning_A_best_effort_3.mov"
FILES = ["learning_A_best_effort_3.mp4", "learning_A_best_effort_3.png"]


def build(out, quality):
    render_scene(LearningABestEffort3.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

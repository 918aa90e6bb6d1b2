"""Best effort, 4 irregular archetype points (E6.2-archetypes)

Preset E6.2-archetypes, seed 0: the four columns find the four irregular directions. Scene
`LearningABestEffort4Singleton` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningABestEffort4Singleton
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_best_effort_4_singleton"
KIND = "video"
REPRODUCES = "ica/learning_A_best_effort_4_singleton.mov"
FILES = ["learning_A_best_effort_4_singleton.mp4", "learning_A_best_effort_4_singleton.png"]


def build(out, quality):
    render_scene(LearningABestEffort4Singleton.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

"""The raw update from a random A (E3-random)

Preset E3-random (Gaussian init, 1,500 steps), seed 0: the columns never find A_true. Scene
`LearningARandom` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningARandom
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_random"
KIND = "video"
REPRODUCES = "ica/learning_A_random.mov"
FILES = ["learning_A_random.mp4", "learning_A_random.png"]


def build(out, quality):
    render_scene(LearningARandom.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

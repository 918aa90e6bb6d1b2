"""Update arrows before normalisation (E4.3-raw)

Preset E4.3-raw on the three archetype points, at the first seed that gets within 5° of A_true and
then loses a column within 40 steps. Top: the data, A_true, the columns of A and the reconstructions
A ŝ (RGB mix of ŝ); bottom: −Azŝᵀ and −A(zŝᵀ + I) per data point (its colour) and summed (black) at
each column's tip, × a fixed factor stated on screen; readout of step, sign-aware error and ‖ΔA‖.
Scene `LearningANoNormalization` (toyviz/anim/ica_updates.py).
"""
from toyviz.anim.ica_updates import LearningANoNormalization
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_no_normalization"
KIND = "video"
REPRODUCES = "ica/learning_A_no_normalization.mov"
FILES = ["learning_A_no_normalization.mp4", "learning_A_no_normalization.png"]


def build(out, quality):
    render_scene(LearningANoNormalization.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

"""Update arrows after normalisation (E4.3)

Preset E4.3 ((AAᵀ)⁻¹-normalised update) on the archetypes at the first seed that converges within
1°: the same picture with the terms left-multiplied by (AAᵀ)⁻¹, as the update applies them; the
arrows shrink as A nears A_true. Scene `LearningANormalized` (toyviz/anim/ica_updates.py).
"""
from toyviz.anim.ica_updates import LearningANormalized
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_normalized"
KIND = "video"
REPRODUCES = "ica/learning_A_normalized.mov"
FILES = ["learning_A_normalized.mp4", "learning_A_normalized.png"]


def build(out, quality):
    render_scene(LearningANormalized.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

"""The normalised update on the full data (E4.3-full)

Preset E4.3-full ((AAᵀ)⁻¹-normalised update, α = 0.5, 3,000 steps) at the first seed that learns
A_true and then loses it: optimisation failure still happens; column norms grow past the panel
(arrows clipped at its edge). Scene `LearningAInvFullData` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningAInvFullData
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_inv_full_data"
KIND = "video"
REPRODUCES = "ica/learning_A_inv_full_data.mov"
FILES = ["learning_A_inv_full_data.mp4", "learning_A_inv_full_data.png"]


def build(out, quality):
    render_scene(LearningAInvFullData.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

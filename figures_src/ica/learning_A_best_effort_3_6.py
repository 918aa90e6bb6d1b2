"""Over-provisioned: 3 sources, 6 columns (E6.3-6)

Preset E6.3-6, seed 0: six columns, each coloured by the true direction of its k-means cluster (as
`cluster_report` clusters them); the verdict states the split and the centroid errors. Scene
`LearningABestEffort3x6` (toyviz/anim/ica.py).
"""
from toyviz.anim.ica import LearningABestEffort3x6
from toyviz.anim.render import poster_frame, render_scene

ID = "ica/learning_A_best_effort_3_6"
KIND = "video"
REPRODUCES = "ica/learning_A_best_effort_3_6.mov"
FILES = ["learning_A_best_effort_3_6.mp4", "learning_A_best_effort_3_6.png"]


def build(out, quality):
    render_scene(LearningABestEffort3x6.at(quality), out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

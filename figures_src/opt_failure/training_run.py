"""A whole training run from Symmetric Failure to Asymmetric Recovery

Manim scene `TrainingRun` (toyviz/anim/opt_failure.py). The run of the stills
asymmetric_failure_1…4: in a batch of 64 n = 7 models trained with the engine's defaults (AdamW,
lr 1e-3, 25,000 steps), `showcase.recovery` takes the most typical seed the outcome classifier
calls `asymmetric_recovery` (one dead feature, all four stages found); that seed is trained again
alone with a checkpoint every 10 steps. Features are relabelled as in the stills: the unlearnt one is
W₇ (mediumblue), W₁ … W₆ run counter-clockwise from the direction W₇ finally takes. Left: the
columns and latent zones moving together, with the phase (learning, Symmetric Failure, the skew,
Asymmetric Recovery; measured from the shape test and the loss). Right: the loss and b₇ against
the step (log axis) with a moving marker. Playback is in segments (to Symmetric Failure, its
plateau, the skew and recovery, the rest), each paced by how far the weights move.
"""
from toyviz.anim.opt_failure import TrainingRun
from toyviz.anim.render import poster_frame, render_scene

ID = "opt_failure/training_run"
KIND = "video"
REPRODUCES = None
FILES = ["training_run.mp4", "training_run.png"]


def build(out, quality):
    render_scene(TrainingRun, out / FILES[0], quality.pixel_height, quality.fps)
    poster_frame(out / FILES[0], out / FILES[1])

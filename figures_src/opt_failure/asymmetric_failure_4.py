"""Asymmetric Recovery, stage 4 of 4: Asymmetric Recovery achieved

The same run as stage 1 (`showcase.recovery`: the most typical Asymmetric Recovery of 64 seeds with
the engine's defaults, re-trained alone with a checkpoint every 10 steps; the unlearnt feature is
feature 7, in mediumblue). Left: ‖Wᵢ‖, bᵢ and the loss over steps (log axis), the dashed line at
this stage; right: the latent plane (columns and zones) at that step. The stage is measured, not
picked: the first checkpoint after the previous stage with every feature learnt (‖Wᵢ‖ ≥ 0.1) and
loss ≤ 1e-4.
"""
from toyviz.plot import progress
from toyviz.toy import showcase

ID = "opt_failure/asymmetric_failure_4"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_failure_4.png"
FILES = ["asymmetric_failure_4.png"]
STAGE = "recovered"


def build(out, quality):
    progress.stage_figure(out / FILES[0], quality, showcase.recovery(), STAGE)

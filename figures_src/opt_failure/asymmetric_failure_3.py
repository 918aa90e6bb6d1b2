"""Asymmetric Recovery, stage 3 of 4: W₇ grows, b₇ falls

The same run as stage 1 (`showcase.recovery`: the most typical Asymmetric Recovery of 64 seeds with
the engine's defaults, re-trained alone with a checkpoint every 10 steps; the unlearnt feature is
feature 7, in mediumblue). Left: ‖Wᵢ‖, bᵢ and the loss over steps (log axis), the dashed line at
this stage; right: the latent plane (columns and zones) at that step. The stage is measured, not
picked: the first checkpoint after the skew where b₇ has fallen 0.1 below its peak (b₇ first rises
during the skew, then falls as W₇ is learnt).
"""
from toyviz.plot import progress
from toyviz.toy import showcase

ID = "opt_failure/asymmetric_failure_3"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_failure_3.png"
FILES = ["asymmetric_failure_3.png"]
STAGE = "w7_grows"


def build(out, quality):
    progress.stage_figure(out / FILES[0], quality, showcase.recovery(), STAGE)

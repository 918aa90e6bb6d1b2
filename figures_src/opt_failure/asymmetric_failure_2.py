"""Asymmetric Recovery, stage 2 of 4: skew begins to show

The same run as stage 1 (`showcase.recovery`: the most typical Asymmetric Recovery of 64 seeds with
the engine's defaults, re-trained alone with a checkpoint every 10 steps; the unlearnt feature is
feature 7, in mediumblue). Left: ‖Wᵢ‖, bᵢ and the loss over steps (log axis), the dashed line at
this stage; right: the latent plane (columns and zones) at that step. The stage is measured, not
picked: the first checkpoint after the previous stage where the learnt lengths spread by more than
10 % ((max − min)/mean; the Symmetric Failure shape allows 5 %).
"""
from toyviz.plot import progress
from toyviz.toy import showcase

ID = "opt_failure/asymmetric_failure_2"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_failure_2.png"
FILES = ["asymmetric_failure_2.png"]
STAGE = "skew"


def build(out, quality):
    progress.stage_figure(out / FILES[0], quality, showcase.recovery(), STAGE)

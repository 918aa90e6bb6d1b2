"""Asymmetric Recovery, stage 1 of 4: Symmetric Failure reached

The run is the engine's Asymmetric Recovery specimen (`toyviz.toy.showcase.recovery`): of
64 n = 7, m = 2 models trained with the engine's defaults (AdamW, lr 1e-3, 25,000 steps), the most
typical seed that the outcome classifier calls `asymmetric_recovery` and in which all four stages
are found, trained again alone with a checkpoint every 10 steps (bit for bit the same run). Its
features are relabelled (`specimen.order_features`) so that the unlearnt one is feature 7 (mediumblue)
and W₁ … W₆ run counter-clockwise from the direction W₇ finally takes (W₁ and W₆ are its neighbours, as in
the post). Left:
‖Wᵢ‖, bᵢ and the loss over steps (log axis), the dashed line at this stage; right: the latent plane
(columns and zones) at that step. The stage is measured, not picked: the first checkpoint in the
engine's Symmetric Failure shape whose loss is within 1 % of (n − 1)/n³.
"""
from toyviz.plot import progress
from toyviz.toy import showcase

ID = "opt_failure/asymmetric_failure_1"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_failure_1.png"
FILES = ["asymmetric_failure_1.png"]
STAGE = "symmetric_failure"


def build(out, quality):
    progress.stage_figure(out / FILES[0], quality, showcase.recovery(), STAGE)

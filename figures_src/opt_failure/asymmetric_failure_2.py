"""Asymmetric Recovery, stage 2 of 4: skew begins to show

The run is the engine's Asymmetric Recovery specimen (`toyviz.toy.recovery.recovery_specimen`): a
batch of 64 n = 7, m = 2 models trained with the engine's defaults (AdamW, lr 1e-3, 25,000 steps, a
checkpoint every 100 steps), its most typical seed that the outcome classifier calls
`asymmetric_recovery` and in which all four stages are found, trained again alone with a checkpoint
every 10 steps (bit-for-bit the same run), features relabelled so the unlearnt one is feature 7
(mediumblue) and W₁ … W₆ run counter-clockwise from the direction W₇ finally takes (W₁ and W₆ are
its neighbours, as in the post). Left: ‖Wᵢ‖, bᵢ and the loss over steps (log axis), the dashed line
at this stage; right: the latent plane (columns and zones) at that step. The stage is measured, not
picked: the first checkpoint after that where the learnt lengths spread by more than 10 % ((max −
min)/mean; the Symmetric Failure shape allows 5 %).
"""
from toyviz.plot import progress
from toyviz.toy.recovery import recovery_specimen

ID = "opt_failure/asymmetric_failure_2"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_failure_2.png"
FILES = ["asymmetric_failure_2.png"]

STAGE = "skew"


def build(out, quality):
    sp = recovery_specimen()
    t = sp.stages[STAGE]
    progress.progress_figure(out / FILES[0], quality, sp.steps, sp.W, sp.b, sp.loss, t,
                             f"{progress.STAGE_TITLES[STAGE]} (seed {sp.seed}, step {int(sp.steps[t]):,})",
                             note=progress.stage_note(sp.W[t], sp.b[t], sp.loss[t]))

"""Asymmetric Recovery, stage 3 of 4: W₇ grows, b₇ falls

A batch of 64 n = 7, m = 2 models is trained with the engine's defaults (AdamW, lr 1e-3, 25,000
steps, a checkpoint every 100 steps); `progress.find_recovery` takes the most typical seed that the
outcome classifier calls `asymmetric_recovery` and in which all four stages are found, and that
seed is trained again alone with a checkpoint every 10 steps (bit-for-bit the same run). Features
are relabelled so the unlearnt one is feature 7 (mediumblue) and W₁ … W₆ run counter-clockwise from
the direction W₇ finally takes (W₁ and W₆ are its neighbours, as in the post). Left: ‖Wᵢ‖, bᵢ and the
loss over steps (log axis), the dashed line at this stage; right: the latent plane (columns and
zones) at that step. The stage is measured, not picked: the first checkpoint after the skew where b₇ has fallen 0.1 below its peak (b₇ first rises during the skew, then falls as W₇ is learnt).
"""
from toyviz.plot import progress
from toyviz.toy.config import ToyConfig
from toyviz.toy.train import train_cached

ID = "opt_failure/asymmetric_failure_3"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_failure_3.png"
FILES = ["asymmetric_failure_3.png"]

BATCH = ToyConfig(n=7, m=2, seeds=64, steps=25_000, every=100)   # engine defaults, searched for a seed
DENSE = 10                                                         # the chosen seed, every 10 steps
STAGE = "w7_grows"


def build(out, quality):
    run = train_cached(BATCH)
    k, perm = progress.find_recovery(run)
    one = train_cached(BATCH.with_(seed=int(run.seeds[k]), seeds=1, every=DENSE))
    W, b = progress.relabel(perm, one.W_hist[0], one.b_hist[0])
    loss = one.loss_hist[0]
    t = progress.recovery_stages(W, b, loss, one.steps)[STAGE]
    note = progress.stage_note(W[t], b[t], loss[t])
    progress.progress_figure(out / FILES[0], quality, one.steps, W, b, loss, t,
                             f"{progress.STAGE_TITLES[STAGE]} (seed {int(run.seeds[k])}, step {int(one.steps[t]):,})",
                             note=note)

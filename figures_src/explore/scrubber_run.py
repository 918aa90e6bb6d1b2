"""Explorable run: one training run from Symmetric Failure to Asymmetric Recovery, frame by frame

The data of the run-scrubber widget (docs/explore/). A batched run with the post's settings (n = 7,
AdamW, lr 1e-3, 25,000 steps) is classified by the engine; its most typical `asymmetric_recovery`
seed is trained again alone (bit for bit the same model) with its state recorded every 10 steps, and
about 300 frames are kept: evenly spread over the run, denser around the recovery, where the loss
falls by five orders of magnitude within a few hundred steps. Features are renumbered clockwise
from the top with the feature left unlearnt during the failure last (the post's W₇).
"""
import json

import numpy as np

from toyviz.toy import (POST_N7, Tolerances, dead_features, find_seeds, outcomes, recovery_steps,
                        symmetric_failure_shape, train, train_cached)

ID = "explore/scrubber_run"
KIND = "data"
REPRODUCES = None
FILES = ["scrubber_run.json"]

SEEDS = 1000       # seeds searched at final quality (scaled down for previews)
FINE = 10          # the single-seed rerun records every FINE steps
FRAMES = 220       # evenly spread frames
DENSE = (-400, 200)  # steps around the recovery kept at full FINE resolution


def f32(a) -> list:
    """float32 values as the shortest decimals that read back as the same float32."""
    return [float(str(np.float32(v))) for v in np.ravel(a)]


def settled(loss: np.ndarray, steps: np.ndarray) -> int:
    """The first recorded step from which the loss stays at or below the engine's convergence
    tolerance (Tolerances.loss), i.e. when the recovery is complete."""
    ok = loss <= Tolerances().loss
    stays = np.flip(np.logical_and.accumulate(np.flip(ok)))
    return int(steps[np.argmax(stays)]) if stays.any() else int(steps[-1])


def build(out, quality):
    config = POST_N7.with_(seeds=quality.scaled(SEEDS, minimum=64))
    batch = train_cached(config)
    labels = outcomes(batch.W_hist, batch.b_hist, batch.loss)
    found = find_seeds(batch, "asymmetric_recovery", labels=labels)
    if not found.size:
        raise RuntimeError(f"no seed of {batch.K} recovered from Symmetric Failure; raise SEEDS")
    k = int(found[0])
    seed = int(batch.seeds[k])
    end = int(min(config.steps, np.ceil(settled(batch.loss_hist[k], batch.steps) * 1.2 / 1000) * 1000))

    # the same seed alone, recorded finely (seed i of a batch is bit for bit that seed alone)
    solo_config = config.with_(seed=seed, seeds=1, steps=end)
    solo = train(solo_config, record=np.arange(0, end + 1, FINE))
    both = np.isin(batch.steps, solo.steps)
    assert np.array_equal(solo.W_hist[0, np.isin(solo.steps, batch.steps)], batch.W_hist[k, both]), \
        "the rerun of the seed alone differs from the batch"

    W_h, b_h, loss_h, steps = solo.W_hist[0], solo.b_hist[0], solo.loss_hist[0], solo.steps
    sf = symmetric_failure_shape(W_h, b_h)
    failure_step = int(steps[np.argmax(sf)])
    learnt = int(recovery_steps(W_h[None], steps)[0])     # ‖W_dead‖ back above the dead threshold
    recovery = settled(loss_h, steps)                      # the loss has fallen: every feature reconstructed
    keep = set(np.round(np.linspace(0, len(steps) - 1, FRAMES)).astype(int).tolist())
    keep |= set(np.where((steps >= recovery + DENSE[0]) & (steps <= recovery + DENSE[1]))[0].tolist())
    keep |= {int(np.argmax(sf)), int(np.searchsorted(steps, recovery))}
    idx = np.array(sorted(keep))

    # renumber: clockwise from the top at the end of the failure, the dead feature last
    t_sf = int(np.where(sf)[0][-1])
    dead = int(np.where(dead_features(W_h[t_sf]))[0][0])
    ang = np.mod(np.pi / 2 - np.arctan2(W_h[t_sf, 1], W_h[t_sf, 0]), 2 * np.pi)
    order = [i for i in np.argsort(ang, kind="stable") if i != dead] + [dead]
    W_h, b_h = W_h[:, :, order], b_h[:, order]

    loss = loss_h[idx]
    data = {
        "n": config.n, "m": config.m, "unlearnt": config.n - 1, "seed": seed,
        "config": {"optimizer": config.optimizer, "lr": config.lr, "weight_decay": config.wd,
                   "init": config.init, "batch_seeds": batch.K},
        "steps": [int(s) for s in steps[idx]],
        "W": [[f32(W_h[t, 0]), f32(W_h[t, 1])] for t in idx],
        "b": [f32(b_h[t]) for t in idx],
        "loss": [float(f"{v:.6g}") for v in loss],
        "sf_shape": [int(v) for v in sf[idx]],   # the engine's Symmetric Failure shape test, per frame
        "loss_floor": float(max(1e-12, loss[loss > 0].min())),
        "bias_range": [float(np.floor(b_h[idx].min())), float(max(1.0, np.ceil(b_h[idx].max())))],
        "events": {"failure_step": failure_step, "learnt_step": learnt, "recovery_step": recovery},
        "order": [int(i) for i in order],
        "note": (f"Seed {seed}, the most typical of the {len(found)} seeds out of {batch.K} that recover "
                 f"(n = 7, AdamW, lr {config.lr:g}): in the Symmetric Failure shape from step "
                 f"{failure_step:,}; the unlearnt column grows past 0.1 at step {learnt:,} and the loss "
                 f"falls below {Tolerances().loss:g} at step {recovery:,}."),
    }
    (out / "scrubber_run.json").write_text(json.dumps(data, separators=(",", ":")))

"""Explorable run: one training run from Symmetric Failure to Asymmetric Recovery, frame by frame

The data of the run-scrubber widget (docs/explore/): the run the TrainingRun video and the stills
asymmetric_failure_1…4 show, `toyviz.toy.showcase.recovery` (a seed the outcome classifier
calls `asymmetric_recovery`, trained again alone with a checkpoint every 10 steps, its features
relabelled by `specimen.order_features` like every still, the unlearnt one last), with its four stages from `recovery_stages`.
About 300 of its checkpoints are kept: evenly spread over the run, every checkpoint around the
stages (where the weights move fastest), and the stages themselves.
"""
import inspect
import json

import numpy as np

from toyviz.toy import dead_features, feature_norms
from toyviz.toy import showcase
from toyviz.toy.recovery import STAGES, recovery_stages
from toyviz.toy.showcase import RECOVERY_BATCH, RECOVERY_EVERY

ID = "explore/scrubber_run"
KIND = "data"
REPRODUCES = None
FILES = ["scrubber_run.json"]

FRAMES = 160                   # evenly spread checkpoints
AROUND_STAGES = (-20, 20)      # checkpoints kept at full resolution around each stage
OPEN_AT = "symmetric_failure"  # the stage the widget opens on (its plateau reads at a glance)


def f32(a) -> list:
    """float32 values as the shortest decimals that read back as the same float32."""
    return [float(str(np.float32(v))) for v in np.ravel(a)]


def build(out, quality):
    sp = showcase.recovery()
    T = len(sp.steps)
    keep = set(np.round(np.linspace(0, T - 1, FRAMES)).astype(int).tolist()) | set(sp.stages.values())
    for t in sp.stages.values():
        keep |= set(range(max(0, t + AROUND_STAGES[0]), min(T, t + AROUND_STAGES[1] + 1)))
    idx = np.array(sorted(keep))
    frame_of = {name: int(np.searchsorted(idx, t)) for name, t in sp.stages.items()}
    n = sp.W_hist.shape[-1]
    assert dead_features(sp.W_hist[sp.stages["symmetric_failure"]])[-1], "the specimen's unlearnt feature is not last"

    loss = sp.loss_hist[idx]
    b = sp.b_hist[idx]
    data = {
        "n": n, "m": int(sp.W_hist.shape[1]), "unlearnt": n - 1, "seed": sp.seed,
        "config": {"optimizer": RECOVERY_BATCH.optimizer, "lr": RECOVERY_BATCH.lr,
                   "batch_seeds": RECOVERY_BATCH.n_seeds, "every": RECOVERY_EVERY},
        "steps": [int(s) for s in sp.steps[idx]],
        "W": [[f32(sp.W_hist[t, 0]), f32(sp.W_hist[t, 1])] for t in idx],
        "b": [f32(sp.b_hist[t]) for t in idx],
        "loss": [float(f"{v:.6g}") for v in loss],
        "loss_floor": float(max(1e-12, loss[loss > 0].min())),
        "bias_range": [float(np.floor(b.min())), float(max(1.0, np.ceil(b.max())))],
        "stages": [{"name": name, "frame": frame_of[name], "step": int(sp.steps[sp.stages[name]])} for name in STAGES],
        # the thresholds the stages were found with (recovery_stages' defaults), for the widget's text
        "stage_criteria": {name: p.default for name, p in inspect.signature(recovery_stages).parameters.items()
                           if p.default is not inspect.Parameter.empty},
        "open": frame_of[OPEN_AT],
        "note": (f"Seed {sp.seed} of a batch of {RECOVERY_BATCH.n_seeds} (n = {n}, {RECOVERY_BATCH.optimizer}, "
                 f"lr {RECOVERY_BATCH.lr:g}), the run of the TrainingRun video, recorded every "
                 f"{RECOVERY_EVERY} steps; the unlearnt column's length at the end: "
                 f"{float(feature_norms(sp.W_hist[-1])[-1]):.2f}."),
    }
    (out / "scrubber_run.json").write_text(json.dumps(data, separators=(",", ":")))

"""Explorable phase diagram: how often training ends perfect, stuck or recovered

The data of the outcome-explorer widget (docs/explore/): for n = 5…8, three optimisers and six
learning rates each, a batched run of the toy model (25,000 steps, the engine's defaults otherwise)
is labelled by the engine's outcome classifier (`toyviz.toy.outcomes`). The same runs classified on
their history up to an earlier checkpoint give the rates for shorter training (constant learning
rate, so stopping early is the same as training shorter). Counts, not rates, are stored.
"""
import json

import numpy as np

from toyviz.toy import LABEL_NAMES, LABELS, ToyConfig, outcomes_at, train_cached

ID = "explore/outcomes"
KIND = "data"
REPRODUCES = None
FILES = ["outcomes.json"]

SEEDS = 400                    # seeds per setting at final quality (scaled down for previews)
STEPS = 25_000                 # the post's training length
NS = (5, 6, 7, 8)
LRS = {                        # Adam(W) around the post's 1e-3; plain SGD needs far larger steps
    "adamw": (3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1),
    "adam": (3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1),
    "sgd": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0),
}
DEFAULT_LR = 1e-3
MIN_LENGTH = 100               # shorter "training lengths" are not worth a slider position
OPTIMIZER_NAMES = {"adamw": "AdamW (weight decay 1e-2)", "adam": "Adam", "sgd": "SGD"}


def build(out, quality):
    seeds = quality.scaled(SEEDS, minimum=32)
    counts = {}
    checkpoints = None
    for opt, lrs in LRS.items():
        counts[opt] = []
        for n in NS:
            per_lr = []
            for lr in lrs:
                run = train_cached(ToyConfig(n=n, seeds=seeds, steps=STEPS, optimizer=opt, lr=lr))
                keep = np.where(run.steps >= MIN_LENGTH)[0]
                if checkpoints is None:
                    checkpoints = run.steps[keep]
                labels = outcomes_at(run.W_hist, run.b_hist, run.loss_hist)
                per_len = [[int(np.sum(labels[:, t] == name)) for name in LABELS] for t in keep]
                per_lr.append(per_len)
            counts[opt].append(per_lr)
    data = {
        "labels": list(LABELS), "label_names": LABEL_NAMES, "ns": list(NS), "optimizers": list(LRS),
        "optimizer_names": OPTIMIZER_NAMES, "lrs": {o: list(v) for o, v in LRS.items()},
        "default_lr": DEFAULT_LR, "checkpoints": [int(s) for s in checkpoints], "seeds": seeds,
        "counts": counts,   # counts[optimizer][n index][lr index][checkpoint index][label index]
        "note": (f"{seeds} seeds per setting, {STEPS:,} steps, W ~ N(0, 2/(m+n)), b = 0, full batch "
                 "on the identity data; labels from toyviz.toy.outcomes (docs/engines/toy.md)."),
    }
    (out / "outcomes.json").write_text(json.dumps(data, separators=(",", ":")))

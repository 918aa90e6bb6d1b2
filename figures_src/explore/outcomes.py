"""Explorable phase diagram: how often training ends perfect, stuck or recovered

The data of the outcome-explorer widget (docs/explore/): for n = 5…10, four optimiser settings (Adam,
AdamW with weight decay 1e-2 and 1e-1, plain SGD) and six learning rates each, the toy model trained
for 100,000 steps (`toyviz.toy.experiments.phase_run`: one batched run per setting and n, the same
seeds at every learning rate, the engine's defaults otherwise), labelled at every recorded checkpoint
by the engine's classifier (`toyviz.toy.outcomes_at`): a seed with a dead feature that learns it later
in the run is "still on a plateau" there, not a failure. Counts, not rates, are stored, at the
log-spaced checkpoints and at 25,000 (the post's length), 50,000 and 100,000 steps.
"""
import json

import numpy as np

from toyviz.toy import LABEL_NAMES, LABELS, checkpoint_steps, showcase
from toyviz.toy.experiments import LASTING_STEPS, SGD_LR_SCALE

ID = "explore/outcomes"
KIND = "data"
REPRODUCES = None
FILES = ["outcomes.json"]

SEEDS = 400                    # seeds per setting at final quality (scaled down for previews)
STEPS = LASTING_STEPS[-1]      # 100,000: four times the post's length, so a plateau can be told from a failure
NS = (5, 6, 7, 8, 9, 10)
LRS = (3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)                  # Adam(W); SGD runs at 10x these, as in the phase grid
SETTINGS = {                   # id: (optimiser, weight decay, name)
    "adam": ("adam", 0.0, "Adam"),
    "adamw": ("adamw", 1e-2, "AdamW (weight decay 1e-2)"),
    "adamw_wd1e-1": ("adamw", 1e-1, "AdamW (weight decay 1e-1)"),
    "sgd": ("sgd", 0.0, "SGD"),
}
DEFAULT = ("adamw", 1e-3)
SLIDER_POINTS = 40             # log-spaced slider positions (plus 25k, 50k, 100k)
MIN_LENGTH = 100               # shorter "training lengths" are not worth a slider position


def slider_steps() -> np.ndarray:
    s = np.union1d(checkpoint_steps(STEPS, SLIDER_POINTS), LASTING_STEPS)
    return s[s >= MIN_LENGTH]


def cell(n: int, setting: str, n_seeds: int) -> dict:
    """One setting and n over every learning rate: label counts at the slider's checkpoints
    (`showcase.label_counts`, cached)."""
    opt, wd, _ = SETTINGS[setting]
    return showcase.label_counts(showcase.LabelCounts(n, opt, wd, n_seeds, LRS, STEPS,
                                                      tuple(int(s) for s in slider_steps())))


def build(out, quality):
    n_seeds = quality.scaled(SEEDS, minimum=32)
    counts, lrs, steps = {}, {}, None
    for setting in SETTINGS:
        cells = [cell(n, setting, n_seeds) for n in NS]
        counts[setting] = [c["counts"].tolist() for c in cells]
        lrs[setting] = [float(f"{lr:.3g}") for lr in cells[0]["lr"]]
        steps = cells[0]["steps"]
    data = {
        "labels": list(LABELS), "label_names": LABEL_NAMES, "ns": list(NS), "optimizers": list(SETTINGS),
        "optimizer_names": {k: v[2] for k, v in SETTINGS.items()}, "lrs": lrs,
        "default": {"optimizer": DEFAULT[0], "lr": DEFAULT[1]}, "sgd_lr_scale": SGD_LR_SCALE,
        "steps": STEPS, "post_steps": LASTING_STEPS[0], "checkpoints": [int(s) for s in steps], "n_seeds": n_seeds,
        "counts": counts,   # counts[setting][n index][lr index][checkpoint index][label index]
        "note": (f"{n_seeds} seeds per setting (the same seeds at every learning rate), W ~ N(0, 2/(m+n)), b = 0, "
                 "full batch on the identity data; labels from toyviz.toy.outcomes_at (docs/engines/toy.md)."),
    }
    (out / "outcomes.json").write_text(json.dumps(data, separators=(",", ":")))

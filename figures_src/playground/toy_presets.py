"""Toy playground data: the engine's outcome labels and tolerances, checkpoint steps and specimens

What the toy playground (docs/playground/toy.md) takes from the engine instead of typing it: the
classifier's labels, reader names and tolerances (`toyviz.toy.analysis`), the recorded steps of a run
of each length the page offers (`checkpoint_steps`: log-spaced steps the page cannot recompute bit
for bit, since `numpy.logspace` goes through a power function), the engine's defaults, and the site's
specimens by name: the seed and settings of the Symmetric Failure the stills show
(`showcase.symmetric_failure`, the specimen of figures_src/opt_failure/symmetric_failure_1.py) and of the Asymmetric Recovery every figure of it
shows (`showcase.recovery`), with the step of each stage.
"""
import dataclasses
import json

from toyviz.toy import LABEL_NAMES, LABELS, checkpoint_steps, showcase
from toyviz.toy.analysis import DEFAULT
from toyviz.toy.config import ToyConfig
from toyviz.toy.showcase import RECOVERY_BATCH

ID = "playground/toy_presets"
KIND = "data"
REPRODUCES = None
FILES = ["toy_presets.json"]

STEP_CHOICES = (1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000)   # the page's "steps" menu


def settings(config: ToyConfig, seed: int) -> dict:
    return {"n": config.n, "m": config.m, "lr": config.lr, "optimizer": config.optimizer,
            "weightDecay": config.wd, "init": config.init, "seed": seed, "steps": config.steps}


def build(out, quality):
    sf = showcase.symmetric_failure(quality)
    rec = showcase.recovery()
    defaults = ToyConfig()
    data = {
        "labels": list(LABELS),
        "label_names": LABEL_NAMES,
        "tolerances": dataclasses.asdict(DEFAULT),
        "checkpoints": {str(s): checkpoint_steps(s, defaults.log_points).tolist() for s in STEP_CHOICES},
        "defaults": {"n": defaults.n, "m": defaults.m, "lr": defaults.lr, "optimizer": defaults.optimizer,
                     "init": defaults.init, "steps": defaults.steps, "beta1": defaults.beta1,
                     "beta2": defaults.beta2, "eps": defaults.eps},
        "specimens": {
            "symmetric_failure": {
                "name": "the Symmetric Failure", **settings(showcase.post_batch_config(quality), sf.seed), "show_step": sf.step,
                "note": f"the most typical of {sf.in_shape} seeds (of {sf.batch}) in the Symmetric Failure "
                        f"shape at step {sf.step:,}"},
            "asymmetric_recovery": {
                "name": "the Asymmetric Recovery", **settings(RECOVERY_BATCH, rec.seed),
                "show_step": int(rec.steps[rec.stages["symmetric_failure"]]),
                "stages": {k: int(rec.steps[v]) for k, v in rec.stages.items()},
                "note": f"the recovery every figure shows, found among {RECOVERY_BATCH.n_seeds} seeds"},
        },
    }
    (out / "toy_presets.json").write_text(json.dumps(data, separators=(",", ":")))

"""The runs behind the "beyond the post" figures (figures_src/beyond/), shared through the run cache.

Every figure of that group and its `claims` data figure ask for these runs with EQUAL configs, so a
run is trained once and read back everywhere (the run cache locks each run while it is computed, so two
figures built at the same time do not train it twice).

- `length_run(optimizer, seeds)`: n = 7, the engine's defaults, 100,000 steps recorded every 2,500
  steps (and log-spaced): the training-length figure and the radii figure (its step 25,000).
- `phase_grid(quality)`: the engine's phase diagram (`experiments.phase_run`, `seed_states`,
  `lasting_stats`, `anatomy`) over n × setting × learning rate, 100,000 steps, labels at 25k/50k/100k.
- `resampling_arms(...)`: the engine's `resampling_runs`, every history kept.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from toyviz import runs
from toyviz.toy import LABELS, ToyConfig, train_cached
from toyviz.toy import experiments
from toyviz.toy.experiments import resampling_runs

OPTIMIZERS = ("adamw", "adam", "sgd")
LR = {"adamw": 1e-3, "adam": 1e-3, "sgd": 1e-2}       # SGD at 10x, as `phase_diagram` runs it
OPT_NAMES = {"adamw": "AdamW", "adam": "Adam", "sgd": "SGD"}
LENGTH_STEPS = 100_000
POST_STEPS = 25_000                                    # the post's training length
SEEDS = {"length": (2000, 100), "phase": (2000, 100), "resampling": (1000, 50)}   # final count, minimum


def seeds(quality, which: str) -> int:
    """The seed count of a shared run at this quality: every figure asks through here, so that the
    configs (and so the cached runs) agree."""
    final, minimum = SEEDS[which]
    return quality.scaled(final, minimum=minimum)


def cached(config, compute):
    """`runs.cached(config, compute, engine="toy")`."""
    return runs.cached(config, compute, engine="toy")


# --- training length (n = 7, three optimisers, 100,000 steps) -------------------------------------

def length_config(optimizer: str, seeds: int) -> ToyConfig:
    return ToyConfig(n=7, seeds=seeds, steps=LENGTH_STEPS, optimizer=optimizer, lr=LR[optimizer], every=2500)


def length_run(optimizer: str, seeds: int):
    """The n = 7 run of `optimizer` trained to 100,000 steps (constant learning rate, so its state at
    step t is the state a run of t steps ends in)."""
    return train_cached(length_config(optimizer, seeds))


# --- phase diagram: when failure lasts (n × setting × learning rate, 100,000 steps) --------------------

SETTINGS = experiments.PHASE_SETTINGS                 # (optimiser, weight decay)
SETTING_NAMES = {("adam", 0.0): "Adam", ("adamw", 1e-2): "AdamW, wd 1e-2", ("adamw", 1e-1): "AdamW, wd 1e-1",
                 ("sgd", 0.0): "SGD (10× lr)"}
PREVIEW_NS = (5, 7, 10)                              # below final quality: a slice of the grid
PREVIEW_LRS = (1e-3, 1e-2)


@dataclass(frozen=True)
class PhaseCell:
    """One `experiments.phase_run` (one n, optimiser and weight decay, every learning rate of `lrs`),
    kept as its `seed_states` arrays."""
    n: int
    optimizer: str
    weight_decay: float
    seeds: int
    lrs: tuple
    steps: int = LENGTH_STEPS
    checkpoints: tuple = experiments.LASTING_STEPS
    what: str = "phase states v2"


def phase_cell(n: int, setting: tuple, seeds: int, lrs: tuple) -> dict:
    """`seed_states` of one (n, setting) over `lrs` (cached): arrays with seeds [i·seeds, (i+1)·seeds)
    at lrs[i]."""
    cell = PhaseCell(n, *setting, seeds, tuple(lrs))

    def compute():
        run = experiments.phase_run(n, cell.optimizer, cell.weight_decay, cell.lrs, seeds, cell.steps,
                                    cell.checkpoints)
        return experiments.seed_states(run, cell.checkpoints)
    return cached(cell, compute)


def phase_grid(quality) -> dict:
    """The grid at this quality: every n of `experiments.PHASE_NS` × learning rate × setting at final
    quality, `PREVIEW_NS` × `PREVIEW_LRS` below it. `cells[(setting, n, lr)]` holds `lasting_stats`
    and the `anatomy` of each cell; `rows` lists (setting, n) in drawing order."""
    final = quality.name == "final"
    ns = experiments.PHASE_NS if final else PREVIEW_NS
    lrs = experiments.PHASE_LRS if final else PREVIEW_LRS
    K = seeds(quality, "phase")
    cells = {}
    for setting in SETTINGS:
        for n in ns:
            states = phase_cell(n, setting, K, lrs)
            for i, lr in enumerate(lrs):
                part = experiments.lr_slice(states, i, K)
                cells[(setting, n, lr)] = {**experiments.lasting_stats(part), "anatomy": experiments.anatomy(part)}
    return {"ns": ns, "lrs": lrs, "settings": SETTINGS, "seeds": K, "cells": cells,
            "rows": [(s, n) for s in SETTINGS for n in ns], "checkpoints": experiments.LASTING_STEPS}


def label_rates(grid: dict, checkpoint: int) -> np.ndarray:
    """(rows, lrs, labels) fractions of seeds with each label at `checkpoint`."""
    c = grid["checkpoints"].index(checkpoint)
    return np.array([[[grid["cells"][(s, n, lr)]["counts"][c][k] / grid["seeds"] for k in LABELS]
                      for lr in grid["lrs"]] for s, n in grid["rows"]])


def row_name(setting: tuple, n: int) -> str:
    return f"{SETTING_NAMES[setting]}, $n={n}$"


# --- resampling ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resampling:
    """`resampling_runs(config, at, scale)`, keeping the histories of both arms."""
    config: ToyConfig
    at: int
    scale: float = 0.2
    what: str = "resampling arms v1"


RESAMPLING = {   # (optimizer, lr, resample step, total steps)
    "adamw": ("adamw", 1e-3, 5000, 25_000),     # the engine's defaults and `resampling_experiment`'s step
    "sgd": ("sgd", 1e-2, 25_000, 100_000),      # where Symmetric Failure does persist
}


def resampling_arms(which: str, seeds: int) -> dict:
    """The engine's `resampling_runs` as plain arrays: the shared first part's history, the dead
    mask at the resampling step, and both arms' histories (`arm_steps` counted from step 0)."""
    opt, lr, at, steps = RESAMPLING[which]
    spec = Resampling(ToyConfig(n=7, seeds=seeds, steps=steps, optimizer=opt, lr=lr), at)

    def compute():
        r = resampling_runs(spec.config, at, spec.scale)
        out = {"first_steps": r.first.steps, "first_W": r.first.W_hist, "first_b": r.first.b_hist,
               "first_loss": r.first.loss_hist, "dead_at": r.dead, "arm_steps": at + r.control.steps}
        for name, run in (("control", r.control), ("resampled", r.resampled)):
            out[f"{name}_W"], out[f"{name}_b"], out[f"{name}_loss"] = run.W_hist, run.b_hist, run.loss_hist
        return out
    data = cached(spec, compute)
    data.update(optimizer=opt, lr=lr, at=at, steps=steps, seeds=seeds, scale=spec.scale)
    return data

"""The runs behind the "beyond the post" figures (figures_src/beyond/), shared through the run cache.

Every figure of that group and its `claims` data figure ask for these runs with EQUAL configs, so a
run is trained once and read back everywhere (the run cache locks each run while it is computed, so two
figures built at the same time do not train it twice).

- `length_run(optimizer, seeds)`: n = 7, the engine's defaults, 100,000 steps recorded every 2,500
  steps (and log-spaced): the training-length figure and the radii figure (its step 25,000).
- `phase_cell(n, optimizer, seeds)`: the engine's `phase_diagram` for one (n, optimiser) over `LRS`.
- `resampling_arms(...)`: the engine's `resampling_runs`, every history kept.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from toyviz import runs
from toyviz.toy import LABELS, ToyConfig, train_cached
from toyviz.toy.experiments import phase_diagram, resampling_runs

OPTIMIZERS = ("adamw", "adam", "sgd")
LR = {"adamw": 1e-3, "adam": 1e-3, "sgd": 1e-2}       # SGD at 10x, as `phase_diagram` runs it
OPT_NAMES = {"adamw": "AdamW", "adam": "Adam", "sgd": "SGD"}
LRS = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)       # Adam(W); SGD runs at 10x these
NS = (5, 6, 7, 8, 9, 10)
PHASE_STEPS = 25_000
LENGTH_STEPS = 100_000
POST_STEPS = 25_000                                    # the post's training length
SEEDS = {"length": (2000, 100), "phase": (1000, 20), "resampling": (1000, 50)}   # final count, minimum


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


# --- phase diagram ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PhaseCell:
    """One batched `phase_diagram` call: one n, one optimiser, every learning rate of `lrs`."""
    n: int
    optimizer: str
    seeds: int
    lrs: tuple = LRS
    steps: int = PHASE_STEPS
    what: str = "phase_diagram counts v1"


def phase_cell(n: int, optimizer: str, seeds: int) -> dict:
    """{"lr": (L,), "counts": (L, len(LABELS)) int} from `experiments.phase_diagram` (cached)."""
    cell = PhaseCell(n, optimizer, seeds)

    def compute():
        rows = phase_diagram(ns=(n,), lrs=cell.lrs, optimizers=(optimizer,), seeds=seeds, steps=cell.steps)
        return {"lr": np.array([r["lr"] for r in rows]),
                "counts": np.array([[round(r[k] * seeds) for k in LABELS] for r in rows], np.int64)}
    return cached(cell, compute)


def phase_grid(seeds: int) -> dict:
    """Rates (rows, lrs, labels) for AdamW at every n of `NS`, then Adam and SGD at n = 7, with the
    row names; the AdamW n = 7 row is shared with the optimiser comparison."""
    rows = [("adamw", n) for n in NS] + [("adam", 7), ("sgd", 7)]
    cells = [phase_cell(n, opt, seeds) for opt, n in rows]
    names = [f"$n={n}$" for n in NS] + ["Adam $n=7$", "SGD $n=7$ (10×)"]
    return {"rates": np.stack([c["counts"] for c in cells]) / seeds, "rows": rows, "names": names,
            "lrs": np.array(LRS), "seeds": seeds}


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

"""What the toy pages show: every run and specimen that the stills, scenes, widget data and claims of
the toy engine use, each defined once, each a pure function of (config, quality).

Change here, and nowhere else, which seed the site shows, which batch it is found in and how its
features are numbered (`specimen.order_features`). Runs go through the run cache (`train_cached`,
`runs.cached`), so a figure and a scene that ask for the same thing read the same arrays.

- `symmetric_failure(quality)`: the Symmetric Failure (symmetric_failure_1, the disc stills,
  ideal_vs_unideal_WTW, the TiltingHexagon scene, the playground's preset). It is searched among the
  first `SEARCH` seeds of the post's batch, which every quality trains, so it is the same model at
  smoke, preview and final; only the count of seeds in the shape (`in_shape` of `batch`) grows.
- `post_batch(quality)`: that batch (the post's settings, `POST_SEEDS` seeds at final quality).
- `recovery()`: the Asymmetric Recovery (asymmetric_failure_1…4, asymmetric_recovery_*, the
  TrainingRun scene, the run scrubber, the playground's preset). Not scaled with quality: its
  64-seed batch is cheap enough for every build, so every quality shows the same run.
- `settling_run()`, `settled_asymmetry()`: the post's slightly asymmetric Symmetric Failure
  (construct_asymmetry_1/_2, created_asymmetric_7, the claims) and `asymmetric_updates()`, the run the
  AsymmetricUpdates scene replays from it. No sample count: the same at every quality.
- The runs behind the "beyond the post" figures: `length_run`, `phase_grid`, `resampling_arms`, with
  seed counts from `seed_count(quality, which)`, and the outcome explorer's `label_counts`.
- The runs behind the post's claims: `claims_batch` (the post's settings trained on to
  `LENGTH_STEPS`), `tilt_batch` (stopped at `TILT_STEP`) and `chaos_sweep` (the splay map).

Seeds: a config's `seed` is the first model's seed and `n_seeds` the batch's size (a count); model i of
a batch is the model `seed = config.seed + i, n_seeds = 1` trains, so the first `SEARCH` models of a
batch are the same at every quality.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from toyviz import runs

from . import experiments, specimen
from .analysis import LABELS, outcomes_at
from .config import POST_N7, ToyConfig
from .experiments import ChaosConfig, chaos_sweep_cached, constructed_asymmetry, freeze_masks, resampling_runs
from .forces import updates
from .recovery import find_recovery, recovery_stages
from .specimen import Specimen
from .train import train, train_cached

# --- the Symmetric Failure ---------------------------------------------------------------------

POST_SEEDS = 1000              # the post's batch at final quality (scaled with quality, at least SEARCH)
SEARCH = 64                    # the specimen is searched among the batch's first SEARCH seeds
PLATEAU_STEP = 10_000          # a checkpoint on the Symmetric Failure plateau (it ends before 25,000)


def post_batch_config(quality) -> ToyConfig:
    """The post's settings (`POST_N7`: n = 7, m = 2, AdamW, 25,000 steps) at this quality's seed count."""
    return POST_N7.with_(n_seeds=quality.scaled(POST_SEEDS, minimum=SEARCH))


def post_batch(quality):
    """The trained `post_batch_config(quality)` (cached)."""
    return train_cached(post_batch_config(quality))


def symmetric_failure(quality) -> Specimen:
    """The Symmetric Failure the site shows: `specimen.symmetric_failure` at the checkpoint nearest
    `PLATEAU_STEP`, searched among the first `SEARCH` seeds of `post_batch(quality)`."""
    return specimen.symmetric_failure(post_batch(quality), PLATEAU_STEP, search=SEARCH)


# --- the Asymmetric Recovery -------------------------------------------------------------------

# The batch searched (engine defaults, a checkpoint every 100 steps) and the checkpoint spacing of the
# specimen's own run.
RECOVERY_BATCH = ToyConfig(n=7, m=2, n_seeds=64, steps=25_000, every=100)
RECOVERY_EVERY = 10


def recovery(batch: ToyConfig = RECOVERY_BATCH, every: int = RECOVERY_EVERY) -> Specimen:
    """The Asymmetric Recovery every figure, video and widget of it shows: `find_recovery` on the
    batched run `batch`, that seed trained again alone (bit for bit the same run) with a checkpoint
    every `every` steps, relabelled; its `stages` are `recovery_stages`, shown at the first."""
    run = train_cached(batch)
    found = find_recovery(run)
    if found is None:
        raise RuntimeError(f"no Asymmetric Recovery with four stages among {batch.n_seeds} seeds")
    k, order = found
    one = train_cached(batch.with_(seed=int(run.seeds[k]), n_seeds=1, every=every))
    W, b = specimen.relabel(order, one.W_hist[0], one.b_hist[0])
    stages = recovery_stages(W, b, one.loss_hist[0], one.steps)
    if stages is None:     # the denser checkpoints must show what the batch's did
        raise RuntimeError(f"seed {int(run.seeds[k])}: the stages found in the batch are missing at every {every} steps")
    return Specimen(seed=int(run.seeds[k]), index=k, batch=run.K, order=order, steps=one.steps, W_hist=W, b_hist=b,
                    loss_hist=one.loss_hist[0], stages=stages, shown="symmetric_failure")


# --- the settled asymmetry ("Small asymmetry favoring tilt") -----------------------------------

SHORTEN = 0.02                 # W₁, W₆ (the neighbours of W₇'s gap) made 2 % shorter
SETTLE = ToyConfig(n=7, n_seeds=1, steps=5000)   # then trained with W₇ = 0, b₇ = 1/7 frozen


def settling_run(record=None):
    """The engine's hand-built Symmetric Failure (`constructed_asymmetry`) with W₁, W₆ `SHORTEN`
    shorter, trained for `SETTLE.steps` AdamW steps with W₇ and b₇ frozen, i.e. the six learnt
    features trained on their own six examples, so they settle into a 0-loss, slightly asymmetric
    shape. `record`: the steps to record (default: the config's)."""
    return train(SETTLE, init=constructed_asymmetry(7, shorten=SHORTEN), frozen=freeze_masks(7, freeze=6),
                 record=record)


@lru_cache(maxsize=1)
def _settled() -> tuple[np.ndarray, np.ndarray]:
    run = settling_run()
    return run.W[0].astype(np.float64), run.b[0].astype(np.float64)


def settled_asymmetry() -> tuple[np.ndarray, np.ndarray]:
    """(W (2, 7), b (7,)) float64 at the end of `settling_run`: the post's slightly asymmetric
    Symmetric Failure (W₇ = 0, b₇ = 1/7). Copies, so a caller may change them."""
    W, b = _settled()
    return W.copy(), b.copy()


@dataclass(frozen=True)
class UpdatesRun:
    """From `settled_asymmetry()`, every weight trained with the engine's defaults for `steps` steps,
    recorded every `every` (the run the AsymmetricUpdates scene replays)."""
    steps: int = 8000
    every: int = 20
    shorten: float = SHORTEN
    settle: ToyConfig = SETTLE


def asymmetric_updates(spec: UpdatesRun = UpdatesRun(), smooth: int = 5) -> dict:
    """The data of the AsymmetricUpdates scene (cached): `steps` (T,), `W` (T, 2, 7), `b` (T, 7),
    `loss` (T,) of `spec`'s run, and `U` (T, 2, 7): each column's plain update −lr·∇
    (`forces.updates`), averaged over `smooth` records (float32 jitter) and normalised so that the
    largest column of each record is 1."""
    config = ToyConfig(n=7, n_seeds=1, steps=spec.steps, log_points=0, every=spec.every)

    def compute():
        run = train(config, init=settled_asymmetry())
        return {"steps": run.steps, "W": run.W_hist[0], "b": run.b_hist[0], "loss": run.loss_hist[0]}
    data = runs.cached(spec, compute, engine="toy")
    W, b = data["W"].astype(np.float64), data["b"].astype(np.float64)
    U = np.stack([updates(W[t], b[t], config.lr)[0] for t in range(len(W))])
    U = U / np.linalg.norm(U, axis=1).max(axis=1)[:, None, None]
    if smooth > 1:
        kernel = np.ones(smooth) / smooth
        U = np.apply_along_axis(lambda s: np.convolve(s, kernel, mode="same"), 0, U)
        U = U / np.linalg.norm(U, axis=1).max(axis=1)[:, None, None]
    return {"steps": data["steps"], "W": W, "b": b, "loss": data["loss"], "U": U, "lr": config.lr,
            "smooth": smooth, "every": spec.every}


# --- the runs beyond the post ------------------------------------------------------------------

OPTIMIZERS = ("adamw", "adam", "sgd")
LR = {"adamw": 1e-3, "adam": 1e-3, "sgd": 1e-2}       # SGD at 10x, as `phase_diagram` runs it
LENGTH_STEPS = 100_000
POST_STEPS = 25_000                                    # the post's training length
SEED_COUNTS = {"length": (2000, 100), "phase": (2000, 100), "resampling": (1000, 50),   # final count, minimum
               "claims": (4000, 200), "tilt": (1000, 200)}


def seed_count(quality, which: str) -> int:
    """How many seeds the shared run `which` ("length", "phase", "resampling") trains at this quality:
    every figure asks through here, so that the configs (and so the cached runs) agree."""
    final, minimum = SEED_COUNTS[which]
    return quality.scaled(final, minimum=minimum)


def length_config(optimizer: str, n_seeds: int) -> ToyConfig:
    """n = 7, the engine's defaults, `LENGTH_STEPS` steps recorded every 2,500 (and log-spaced)."""
    return ToyConfig(n=7, n_seeds=n_seeds, steps=LENGTH_STEPS, optimizer=optimizer, lr=LR[optimizer], every=2500)


def length_run(optimizer: str, n_seeds: int):
    """The n = 7 run of `optimizer` trained to 100,000 steps (constant learning rate, so its state at
    step t is the state a run of t steps ends in): the training-length and radii figures."""
    return train_cached(length_config(optimizer, n_seeds))


SETTINGS = experiments.PHASE_SETTINGS                 # (optimiser, weight decay)
PREVIEW_NS = (5, 7, 10)                              # below final quality: a slice of the grid
PREVIEW_LRS = (1e-3, 1e-2)


@dataclass(frozen=True)
class PhaseCell:
    """One `experiments.phase_run` (one n, optimiser and weight decay, every learning rate of `lrs`),
    kept as its `seed_states` arrays."""
    n: int
    optimizer: str
    weight_decay: float
    n_seeds: int
    lrs: tuple
    steps: int = LENGTH_STEPS
    checkpoints: tuple = experiments.LASTING_STEPS


def phase_cell(n: int, setting: tuple, n_seeds: int, lrs: tuple) -> dict:
    """`seed_states` of one (n, setting) over `lrs` (cached): arrays with seeds [i·n_seeds, (i+1)·n_seeds)
    at lrs[i]."""
    cell = PhaseCell(n, *setting, n_seeds, tuple(lrs))

    def compute():
        run = experiments.phase_run(n, cell.optimizer, cell.weight_decay, cell.lrs, n_seeds, cell.steps,
                                    cell.checkpoints)
        return experiments.seed_states(run, cell.checkpoints)
    return runs.cached(cell, compute, engine="toy")


def phase_grid(quality) -> dict:
    """The phase grid at this quality: every n of `experiments.PHASE_NS` × learning rate × setting at
    final quality, `PREVIEW_NS` × `PREVIEW_LRS` below it. `cells[(setting, n, lr)]` holds
    `lasting_stats` and the `anatomy` of each cell; `rows` lists (setting, n) in drawing order."""
    final = quality.name == "final"
    ns = experiments.PHASE_NS if final else PREVIEW_NS
    lrs = experiments.PHASE_LRS if final else PREVIEW_LRS
    K = seed_count(quality, "phase")
    cells = {}
    for setting in SETTINGS:
        for n in ns:
            states = phase_cell(n, setting, K, lrs)
            for i, lr in enumerate(lrs):
                part = experiments.lr_slice(states, i, K)
                cells[(setting, n, lr)] = {**experiments.lasting_stats(part), "anatomy": experiments.anatomy(part)}
    return {"ns": ns, "lrs": lrs, "settings": SETTINGS, "n_seeds": K, "cells": cells,
            "rows": [(s, n) for s in SETTINGS for n in ns], "checkpoints": experiments.LASTING_STEPS}


def label_rates(grid: dict, checkpoint: int) -> np.ndarray:
    """(rows, lrs, labels) fractions of seeds with each label at `checkpoint`."""
    c = grid["checkpoints"].index(checkpoint)
    return np.array([[[grid["cells"][(s, n, lr)]["counts"][c][k] / grid["n_seeds"] for k in LABELS]
                      for lr in grid["lrs"]] for s, n in grid["rows"]])


@dataclass(frozen=True)
class LabelCounts:
    """One `experiments.phase_run` (one n, optimiser and weight decay, every learning rate of `lrs`)
    kept as how many seeds have each outcome label at each of `checkpoints` (recorded steps)."""
    n: int
    optimizer: str
    weight_decay: float
    n_seeds: int
    lrs: tuple
    steps: int
    checkpoints: tuple


def label_counts(spec: LabelCounts) -> dict:
    """{"lr": (L,) the rates run, "steps": (C,), "counts": (L, C, labels)} (cached); the label of a
    seed at a checkpoint is `outcomes_at`'s."""
    def compute():
        run = experiments.phase_run(spec.n, spec.optimizer, spec.weight_decay, spec.lrs, spec.n_seeds, spec.steps)
        labels = outcomes_at(run.W_hist, run.b_hist, run.loss_hist)          # every recorded step counts
        keep = np.searchsorted(run.steps, spec.checkpoints)
        if not np.array_equal(run.steps[keep], spec.checkpoints):
            raise ValueError("every checkpoint of LabelCounts must be a step phase_run records")
        per = labels[:, keep].reshape(len(spec.lrs), spec.n_seeds, len(keep))
        counts = np.stack([(per == name).sum(axis=1) for name in LABELS], axis=-1)
        return {"lr": run.lr[::spec.n_seeds], "steps": run.steps[keep], "counts": counts}
    return runs.cached(spec, compute, engine="toy")


@dataclass(frozen=True)
class Resampling:
    """`resampling_runs(config, at, scale)`, keeping the histories of both arms."""
    config: ToyConfig
    at: int
    scale: float = 0.2


RESAMPLING = {   # (optimizer, lr, resample step, total steps)
    "adamw": ("adamw", 1e-3, 5000, 25_000),     # the engine's defaults and `resampling_experiment`'s step
    "sgd": ("sgd", 1e-2, 25_000, 100_000),      # where Symmetric Failure does persist
}


def resampling_arms(which: str, n_seeds: int) -> dict:
    """The engine's `resampling_runs` as plain arrays (cached): the shared first part's history, the
    dead mask at the resampling step, and both arms' histories (`arm_steps` counted from step 0)."""
    opt, lr, at, steps = RESAMPLING[which]
    spec = Resampling(ToyConfig(n=7, n_seeds=n_seeds, steps=steps, optimizer=opt, lr=lr), at)

    def compute():
        r = resampling_runs(spec.config, at, spec.scale)
        out = {"first_steps": r.first.steps, "first_W": r.first.W_hist, "first_b": r.first.b_hist,
               "first_loss": r.first.loss_hist, "dead_at": r.dead, "arm_steps": at + r.control.steps}
        for name, run in (("control", r.control), ("resampled", r.resampled)):
            out[f"{name}_W"], out[f"{name}_b"], out[f"{name}_loss"] = run.W_hist, run.b_hist, run.loss_hist
        return out
    data = runs.cached(spec, compute, engine="toy")
    data.update(optimizer=opt, lr=lr, at=at, steps=steps, n_seeds=n_seeds, scale=spec.scale)
    return data


# --- the runs behind the post's claims ---------------------------------------------------------

TILT_STEP = 5000               # the tilt condition is read on trained seeds at this step
CHAOS_SIDE = 100               # the splay map: CHAOS_SIDE² (δ, lr) cells at final quality


def claims_batch(quality):
    """The post's settings (`POST_N7`) trained on to `LENGTH_STEPS` with a checkpoint every
    `POST_STEPS`: its first `POST_STEPS` steps are the post's set-up (cached)."""
    return train_cached(POST_N7.with_(n_seeds=seed_count(quality, "claims"), steps=LENGTH_STEPS, every=POST_STEPS))


def tilt_batch(quality):
    """n = 7 with the engine's defaults, stopped at `TILT_STEP` (cached)."""
    return train_cached(ToyConfig(n=7, n_seeds=seed_count(quality, "tilt"), steps=TILT_STEP))


def chaos_sweep(quality) -> dict:
    """`experiments.chaos_sweep` on a side × side grid, side = `CHAOS_SIDE` × √samples (at least 10)."""
    side = max(10, int(round(CHAOS_SIDE * quality.samples ** 0.5)))
    return chaos_sweep_cached(ChaosConfig(perturbs=side, lrs=side))

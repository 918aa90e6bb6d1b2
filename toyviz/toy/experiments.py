"""The post's experiments as functions with presets (optimization-failure.md, "Symmetric Failure",
"Small asymmetry favoring tilt", "Asymmetric Recovery is Chaotic", "Avoiding / Correcting
Optimization Failure"). Each returns plain arrays and numbers; figures draw them.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from . import forces
from .analysis import (circles, dead_features, feature_norms, history_masks, outcome_counts, outcomes, outcomes_at,
                       symmetric_failure_shape)
from .config import ToyConfig
from .data import init_weights
from .geometry import splay
from .history import checkpoint_steps
from .train import train


def symmetric_failure_stats(run) -> dict:
    """Bias of dead features against 1/n and the loss of one-dead seeds against (n−1)/n³ (what one
    dead feature with b = 1/n costs under the mean-over-n² loss), over every checkpoint at which a
    seed is in the Symmetric Failure shape (the plateau), and at each seed's first such checkpoint
    (where the learnt features are often still settling); plus the state at the end."""
    n = run.config.n
    sf = symmetric_failure_shape(run.W_hist, run.b_hist)            # (K, T)
    has = sf.any(axis=1)
    dead = dead_features(run.W_hist)                                # (K, T, n)
    on = sf[..., None] & dead                                       # dead features on the plateau
    one = sf & (dead.sum(axis=2) == 1)                              # one-dead checkpoints on it
    first = np.zeros_like(sf)
    k = np.where(has)[0]
    first[k, np.argmax(sf[k], axis=1)] = True
    end_dead = dead_features(run.W)
    bias = run.b_hist[on]

    def mean(x):
        return float(x.mean()) if x.size else None
    return {"n": n, "n_seeds": run.K, "seeds_in_shape": int(has.sum()), "checkpoints_in_shape": int(sf.sum()),
            "dead_bias_mean": mean(bias), "one_over_n": 1 / n,
            "dead_bias_max_error": float(np.abs(bias - 1 / n).max()) if bias.size else None,
            "one_dead_loss_median": float(np.median(run.loss_hist[one])) if one.any() else None,
            "one_dead_loss_first_mean": mean(run.loss_hist[one & first]),
            "one_dead_checkpoints": int(one.sum()),
            "one_dead_loss_expected": (n - 1) / n ** 3,
            "first_shape_step_median": float(np.median(run.steps[np.argmax(sf[k], axis=1)])) if k.size else None,
            "dead_at_end": int(end_dead.any(axis=1).sum()),
            "dead_bias_at_end_mean": float(run.b[end_dead].mean()) if end_dead.any() else None,
            "shape_at_end": int(sf[:, -1].sum())}


def constructed_asymmetry(n: int = 7, radius: float = 2.04 ** 0.5, delta_b: float = 0.0,
                          shorten: float = 0.0, tilt: float = 0.0, w7: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """The post's hand-built Symmetric Failure with a small asymmetry, (W (2, n), b (n,)).

    Features 0…n−2 are learnt, on a regular (n−1)-gon of `radius` with b = 1 − r² (zero loss on
    their examples); feature n−1 (the post's W₇) is dead, W = w7·(W₀ + W_{n−2}) direction, b = 1/n,
    pointing at the gap between the two neighbours 0 and n−2 (the post's W₁ and W₆). The asymmetry:
    those two have their bias raised by `delta_b` and their length scaled by 1 − `shorten`; features
    1 and n−3 (the post's W₂ and W₅) are turned by `tilt` radians away from them.
    """
    L = n - 1
    ang = 2 * np.pi * (np.arange(L) + 0.5) / L                     # the dead direction is angle 0
    ang[1] += tilt
    ang[L - 2] -= tilt
    W = np.zeros((2, n))
    W[:, :L] = radius * np.stack([np.cos(ang), np.sin(ang)])
    b = np.r_[np.full(L, 1 - radius ** 2), 1 / n]
    for j in (0, L - 1):
        W[:, j] *= 1 - shorten
        b[j] += delta_b
    W[:, n - 1] = w7 * (W[:, 0] + W[:, L - 1])
    return W, b


def freeze_masks(n: int, m: int = 2, train_only: int | None = None, freeze: int | None = None):
    """(W_mask, b_mask) for `train(frozen=...)`: freeze everything but feature `train_only`, or
    freeze only feature `freeze`."""
    fw, fb = np.zeros((m, n), bool), np.zeros(n, bool)
    if train_only is not None:
        fw[:], fb[:] = True, True
        fw[:, train_only], fb[train_only] = False, False
    if freeze is not None:
        fw[:, freeze], fb[freeze] = True, True
    return fw, fb


def frozen_w7_optimum(W: np.ndarray, b: np.ndarray, start_scale: float = 0.05) -> dict:
    """With every learnt weight frozen, the local optimum of the dead column (and its bias), started
    from a small W₇ along W₁ + W₆. The post says it is ε·(W₆ + W₁): `cosine` measures that."""
    n = W.shape[1]
    d = W[:, 0] + W[:, n - 2]
    w, bk, loss = forces.frozen_column_optimum(W, b, n - 1, start=start_scale * d / np.linalg.norm(d))
    nw = np.linalg.norm(w)
    return {"W7": w, "b7": bk, "loss": loss, "norm": float(nw),
            "cosine": float(w @ d / (nw * np.linalg.norm(d))) if nw > 0 else 0.0,
            "epsilon": float(w @ d / (d @ d))}


@dataclass(frozen=True)
class ChaosConfig:
    """The chaos sweep: perturbation of b₁ and b₆ × learning rate, one batched run."""
    n: int = 7
    perturb_max: float = 0.05       # δ of b₁, b₆ from 0 to this
    perturbs: int = 100
    lr_min: float = 1e-4
    lr_max: float = 1e-1
    lrs: int = 100                  # log-spaced
    steps: int = 5000
    optimizer: str = "adamw"
    tilt: float = 0.0


def chaos_sweep(cc: ChaosConfig = ChaosConfig()) -> dict:
    """Train every (δ, lr) of the grid from `constructed_asymmetry(delta_b=δ)` in one run with a
    learning rate per seed; return splay Σⱼ‖Wⱼ‖ at the end (perturbs, lrs) and the outcome labels."""
    deltas = np.linspace(0.0, cc.perturb_max, cc.perturbs)
    lrs = np.geomspace(cc.lr_min, cc.lr_max, cc.lrs)
    inits = [constructed_asymmetry(cc.n, delta_b=d, tilt=cc.tilt) for d in deltas]
    W0 = np.repeat(np.stack([w for w, _ in inits]), cc.lrs, axis=0)
    b0 = np.repeat(np.stack([b for _, b in inits]), cc.lrs, axis=0)
    lr = np.tile(lrs, cc.perturbs).astype(np.float32)
    c = ToyConfig(n=cc.n, n_seeds=cc.perturbs * cc.lrs, steps=cc.steps, optimizer=cc.optimizer, log_points=12)
    run = train(c, init=(W0, b0), lr=lr)
    shape = (cc.perturbs, cc.lrs)
    return {"deltas": deltas, "lrs": lrs, "splay": splay(run.W).reshape(shape),
            "outcome": outcomes(run.W_hist, run.b_hist, run.loss).reshape(shape),
            "dead_at_end": dead_features(run.W).any(axis=1).reshape(shape), "seconds": run.seconds}


def chaos_sweep_cached(cc: ChaosConfig = ChaosConfig()) -> dict:
    """`chaos_sweep` through the run cache."""
    from .. import runs
    return runs.cached(cc, lambda: chaos_sweep(cc), engine="toy")


# --- when failure lasts: the phase diagram over n, learning rate and optimiser --------------------

PHASE_NS = (5, 6, 7, 8, 9, 10, 12)
PHASE_LRS = (3e-4, 1e-3, 3e-3, 1e-2, 3e-2)                 # Adam(W); SGD runs at 10x these
PHASE_SETTINGS = (("adam", 0.0), ("adamw", 1e-2), ("adamw", 1e-1), ("sgd", 0.0))   # (optimiser, weight decay)
LASTING_STEPS = (25_000, 50_000, 100_000)                  # the post's length, then twice and four times it
ACTIVE_MARGIN = 0.1                                        # "clearly on": well above the ReLU's hinge
SGD_LR_SCALE = 10.0                                        # plain SGD needs larger steps to move at all


def seed_states(run, checkpoints=LASTING_STEPS) -> dict[str, np.ndarray]:
    """What `lasting_stats` and the anatomy table need of each seed of `run`, as plain arrays:
    `labels` (K, C) at the `checkpoints` (`outcomes_at`, so a dead feature learnt later is "still on a
    plateau"), `dead` (K, C) number of dead features there, `shape` (K, C) in the post's Symmetric
    Failure shape there, `ever_dead`/`ever_shape` (K,) at any recorded checkpoint after step 0; and
    at the last checkpoint: `dead_bias` (mean dead bias × n, nan if none dead), `loss_ratio` (loss in
    units of (n − 1)/n³), `live_ratio` (shortest / longest learnt length), `short` (learnt features
    below the outer circle, `circles`) and `active` (examples on which a dead feature's output is
    clearly on, pre-activation Wᵢᵀxⱼ + bᵢ > ACTIVE_MARGIN, averaged over its dead features)."""
    n = run.config.n
    missing = sorted(set(checkpoints) - set(run.steps.tolist()))
    if missing:
        raise ValueError(f"steps {missing} were not recorded in this run")
    idx = np.searchsorted(run.steps, checkpoints)
    masks = history_masks(run.W_hist, run.b_hist)
    dead_h, shape_h, _ = masks
    labels = outcomes_at(run.W_hist, run.b_hist, run.loss_hist, masks=masks)
    n_dead = dead_h.sum(axis=2)                                        # (K, T)
    sf = shape_h & (n_dead == 1)
    W, b = run.W_hist[:, idx[-1]], run.b_hist[:, idx[-1]]
    norms = feature_norms(W)
    dead = dead_h[:, idx[-1]]
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)               # no dead (or no live) feature: nan
        dead_bias = np.nanmean(np.where(dead, b, np.nan), axis=1) * n
        live = np.where(dead, np.nan, norms)
        live_ratio = np.nanmin(live, axis=1) / np.nanmax(live, axis=1)
    short = np.array([sum(len(c) for c in circles(w)[:-1]) if d.any() else 0 for w, d in zip(W, dead)])
    pre = np.swapaxes(W, 1, 2).astype(np.float64) @ W + b[:, None, :]   # [k, j, i]: output i on example j
    on = (pre > ACTIVE_MARGIN).sum(axis=1)                               # (K, n) examples each output is on for
    with np.errstate(invalid="ignore"):
        active = np.where(dead.any(axis=1), (on * dead).sum(axis=1) / np.maximum(dead.sum(axis=1), 1), np.nan)
    return {"labels": labels[:, idx], "dead": n_dead[:, idx], "shape": sf[:, idx],
            "ever_dead": (n_dead[:, 1:] > 0).any(axis=1), "ever_shape": sf[:, 1:].any(axis=1),
            "dead_bias": dead_bias, "loss_ratio": run.loss_hist[:, idx[-1]] / ((n - 1) / n ** 3),
            "live_ratio": live_ratio, "short": short, "active": active, "checkpoints": np.asarray(checkpoints)}


def wilson(k: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval (95 % for z = 1.96) of a share k/total; (0, 1) when total is 0."""
    if total == 0:
        return 0.0, 1.0
    p = k / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def share(k, total) -> dict:
    """{"count", "of", "share", "low", "high"}: a share with its 95 % Wilson interval."""
    k, total = int(k), int(total)
    low, high = wilson(k, total)
    return {"count": k, "of": total, "share": k / total if total else None, "low": low, "high": high}


def lasting_stats(states: dict) -> dict:
    """How long failure lasts in one cell, from `seed_states` (checkpoints 25k, 50k, 100k):

    - `dead_first`: seeds with a dead feature at the first checkpoint (the post's length), of all;
    - `permanent`: of those, still dead at every later checkpoint (permanence);
    - `recovered`: of the seeds that had a dead feature at some point, every feature learnt at the end;
    - `shape_first`: in the post's Symmetric Failure shape at the first checkpoint, of all;
    - `shape_stays`: of those, still in that shape at every later checkpoint;
    - `shape_recovered`: of the seeds ever in that shape, every feature learnt at the end (the post's
      "1 in 100");
    - `counts`: per checkpoint, the count of each label.
    """
    dead, shape = states["dead"] > 0, states["shape"]
    K = len(dead)
    learnt_end = ~dead[:, -1] & (states["labels"][:, -1] != "diverged")
    return {
        "n_seeds": K,
        "dead_first": share(dead[:, 0].sum(), K),
        "permanent": share((dead[:, 0] & dead.all(axis=1)).sum(), dead[:, 0].sum()),
        "recovered": share((states["ever_dead"] & learnt_end).sum(), states["ever_dead"].sum()),
        "shape_first": share(shape[:, 0].sum(), K),
        "shape_stays": share((shape[:, 0] & shape.all(axis=1)).sum(), shape[:, 0].sum()),
        "shape_recovered": share((states["ever_shape"] & learnt_end).sum(), states["ever_shape"].sum()),
        "counts": [outcome_counts(states["labels"][:, c]) for c in range(states["labels"].shape[1])],
    }


def anatomy(states: dict) -> list[dict]:
    """The lasting states of one cell: the seeds dead at the last checkpoint grouped by (number dead,
    number of short learnt features), commonest first, each with its count and the median dead bias
    × n, loss / ((n − 1)/n³), shortest / longest learnt length and number of examples the dead
    feature's output is on for (`active`; a least-squares constant over a examples is 1/a)."""
    dead = states["dead"][:, -1]
    rows = []
    keys = sorted({(int(d), int(s)) for d, s in zip(dead, states["short"]) if d > 0})
    for d, s in keys:
        k = (dead == d) & (states["short"] == s)
        rows.append({"dead": d, "short": s, "n_seeds": int(k.sum()),
                     "dead_bias_n": float(np.median(states["dead_bias"][k])),
                     "loss_ratio": float(np.median(states["loss_ratio"][k])),
                     "live_ratio": float(np.nanmedian(states["live_ratio"][k])) if (~np.isnan(states["live_ratio"][k])).any() else None,
                     "active": float(np.median(states["active"][k]))})
    return sorted(rows, key=lambda r: -r["n_seeds"])


def phase_run(n: int, optimizer: str, weight_decay: float, lrs=PHASE_LRS, n_seeds: int = 2000,
              steps: int = 100_000, checkpoints=LASTING_STEPS):
    """One batched run of `n_seeds` initialisations repeated for every learning rate of `lrs` (SGD at
    10×), recorded at log-spaced steps and at `checkpoints`; seeds [i·n_seeds, (i+1)·n_seeds) ran at lrs[i]."""
    base = ToyConfig(n=n, n_seeds=n_seeds, steps=steps, optimizer=optimizer, weight_decay=weight_decay, log_points=40,
                     every=2500)       # dense enough to catch a plateau of a few thousand steps
    W0, b0 = init_weights(base)
    scale = SGD_LR_SCALE if optimizer == "sgd" else 1.0
    lr = np.repeat(np.asarray(lrs, np.float32) * scale, n_seeds)
    record = np.union1d(checkpoint_steps(steps, base.log_points, base.every), [c for c in checkpoints if c <= steps])
    return train(base.with_(n_seeds=n_seeds * len(lrs)), init=(np.tile(W0, (len(lrs), 1, 1)), np.tile(b0, (len(lrs), 1))),
                 lr=lr, record=record)


def lr_slice(states: dict, i: int, n_seeds: int) -> dict:
    """The `seed_states` of the i-th learning rate of a `phase_run`."""
    return {k: v if k == "checkpoints" else v[i * n_seeds:(i + 1) * n_seeds] for k, v in states.items()}


def phase_diagram(ns=PHASE_NS, lrs=PHASE_LRS, settings=PHASE_SETTINGS, n_seeds: int = 2000,
                  steps: int = 100_000, checkpoints=LASTING_STEPS) -> list[dict]:
    """Outcomes and how long failure lasts per (n, optimiser, weight decay, learning rate): one
    `phase_run` per (n, optimiser, weight decay), the same `n_seeds` initialisations for every learning
    rate. Each row: the cell, `lasting_stats` (label counts at every checkpoint, permanence, recovery,
    each share with its 95 % interval) and the `anatomy` of the seeds still dead at the end."""
    rows = []
    for n in ns:
        for opt, wd in settings:
            run = phase_run(n, opt, wd, lrs, n_seeds, steps, checkpoints)
            states = seed_states(run, checkpoints)
            for i, l in enumerate(lrs):
                part = lr_slice(states, i, n_seeds)
                rows.append({"n": n, "optimizer": opt, "weight_decay": wd, "lr": float(run.lr[i * n_seeds]),
                             "steps": steps, "checkpoints": list(checkpoints),
                             **lasting_stats(part), "anatomy": anatomy(part)})
    return rows


def resample_dead(W: np.ndarray, b: np.ndarray, scale: float = 0.2, threshold: float = 0.1):
    """Neuron resampling (Anthropic, "Towards Monosemanticity", appendix) adapted to this model:
    each dead feature k is badly reconstructed on its own example e_k, so its column is re-initialised
    toward where e_k should sit: the bisector of an angular gap between learnt features (the widest
    for the first dead feature, the next widest for the second, …, so that two dead features of one
    seed never land on the same point), at `scale` × the mean learnt length, with b_k = 0.
    W (K, 2, n), b (K, n) → new copies and the dead mask (K, n)."""
    W, b = W.copy(), b.copy()
    dead = dead_features(W, threshold)
    for k in np.where(dead.any(axis=1) & ~dead.all(axis=1))[0]:
        live = ~dead[k]
        a = np.sort(np.arctan2(W[k, 1, live], W[k, 0, live]))
        gaps = np.diff(np.r_[a, a[:1] + 2 * np.pi])
        r = scale * np.linalg.norm(W[k][:, live], axis=0).mean()
        lost = np.where(dead[k])[0]
        widest = np.argsort(-gaps, kind="stable")
        for i, j in enumerate(lost):
            g = widest[i % len(widest)]
            share = i // len(widest) + 1                # more dead than gaps: spread within the gap
            mid = a[g] + gaps[g] * share / (len(lost) // len(widest) + 2)
            W[k, :, j] = r * np.array([np.cos(mid), np.sin(mid)])
            b[k, j] = 0.0
    return W, b, dead


@dataclass
class ResamplingRuns:
    """Both arms of the resampling experiment: the shared run up to the resampling step, the dead
    mask there (K, n), then the control (restart only) and the resampled arm from those weights."""
    first: object           # Run, steps 0 … at
    dead: np.ndarray
    control: object         # Run, steps counted from `at`
    resampled: object
    at: int


def resampling_runs(config: ToyConfig, at: int = 5000, scale: float = 0.2) -> ResamplingRuns:
    """Train to step `at`, resample the dead features (`resample_dead`), then train both arms to
    `config.steps`. Both restart from the step-`at` weights with fresh optimiser moments (the API
    restarts rather than edits the optimiser state), so the restart itself is controlled for."""
    if not 0 < at < config.steps:
        raise ValueError(f"the resampling step must lie inside the run (0 < at < {config.steps}), got {at}")
    first = train(config.with_(steps=at))
    Wr, br, dead = resample_dead(first.W, first.b, scale)
    rest = config.with_(steps=config.steps - at)
    return ResamplingRuns(first, dead, train(rest, init=(first.W, first.b)), train(rest, init=(Wr, br)), at)


def resampling_experiment(config: ToyConfig = ToyConfig(n_seeds=2000, steps=25_000), at: int = 5000,
                          scale: float = 0.2) -> dict:
    """How often resampling rescues a seed that has a dead feature at step `at`, against the same
    seeds without it (`resampling_runs`): counts of seeds still (or newly) dead at the end."""
    r = resampling_runs(config, at, scale)
    return resampling_counts(r.dead, r.control.W, r.resampled.W)


def resampling_counts(dead_at: np.ndarray, control_W: np.ndarray, resampled_W: np.ndarray) -> dict:
    """From the dead mask at the resampling step (K, n) and each arm's final weights (K, m, n): seeds
    with a dead feature then, those still dead at the end of each arm, and those newly dead."""
    had = dead_at.any(axis=1)
    dc = dead_features(control_W).any(axis=1)
    dt = dead_features(resampled_W).any(axis=1)
    return {"n_seeds": len(had), "dead_at_resample": int(had.sum()),
            "still_dead_without": int((dc & had).sum()), "still_dead_with": int((dt & had).sum()),
            "newly_dead_with": int((dt & ~had).sum()), "newly_dead_without": int((dc & ~had).sum())}


RESAMPLED_END_STATES = ("all learnt, loss ≤ 1e-4", "all learnt, loss > 1e-4", "dead: Symmetric Failure shape",
                        "dead: other shape")


def resampling_dead_curve(arms: dict, arm: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(steps, dead features summed over seeds) of the first part (arm None) or of an arm ("control",
    "resampled") of `showcase.resampling_arms`' arrays."""
    if arm is None:
        return arms["first_steps"], dead_features(arms["first_W"]).sum(axis=(0, 2))
    return arms["arm_steps"], dead_features(arms[f"{arm}_W"]).sum(axis=(0, 2))


def resampling_end_states(arms: dict, arm: str) -> np.ndarray:
    """(K,) index into RESAMPLED_END_STATES of each seed's state at the end of `arm`."""
    W, b, loss = arms[f"{arm}_W"][:, -1], arms[f"{arm}_b"][:, -1], arms[f"{arm}_loss"][:, -1]
    dead = dead_features(W).any(axis=1)
    sf = symmetric_failure_shape(W, b)
    return np.where(dead, np.where(sf, 2, 3), np.where(loss <= 1e-4, 0, 1))

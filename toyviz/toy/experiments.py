"""The post's experiments as functions with presets (optimization-failure.md, "Symmetric Failure",
"Small asymmetry favoring tilt", "Asymmetric Recovery is Chaotic", "Avoiding / Correcting
Optimization Failure"). Each returns plain arrays and numbers; figures draw them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import forces
from .analysis import dead_features, outcome_counts, outcomes, symmetric_failure_shape
from .config import ToyConfig
from .data import init_weights
from .geometry import splay
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
    return {"n": n, "seeds": run.K, "seeds_in_shape": int(has.sum()), "checkpoints_in_shape": int(sf.sum()),
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
    c = ToyConfig(n=cc.n, seeds=cc.perturbs * cc.lrs, steps=cc.steps, optimizer=cc.optimizer, log_points=12)
    run = train(c, init=(W0, b0), lr=lr)
    shape = (cc.perturbs, cc.lrs)
    return {"deltas": deltas, "lrs": lrs, "splay": splay(run.W).reshape(shape),
            "outcome": outcomes(run.W_hist, run.b_hist, run.loss).reshape(shape),
            "dead_at_end": dead_features(run.W).any(axis=1).reshape(shape), "seconds": run.seconds}


def chaos_sweep_cached(cc: ChaosConfig = ChaosConfig()) -> dict:
    """`chaos_sweep` through the run cache."""
    from .. import runs
    return runs.cached(cc, lambda: chaos_sweep(cc), engine="toy")


def phase_diagram(ns=range(5, 11), lrs=(3e-4, 1e-3, 3e-3, 1e-2), optimizers=("adamw", "adam", "sgd"),
                  seeds: int = 1000, steps: int = 25_000) -> list[dict]:
    """Outcome rates per (n, optimiser, learning rate): one batched run per (n, optimiser), the same
    `seeds` initialisations repeated for each learning rate. SGD runs at 10× each learning rate."""
    rows = []
    for n in ns:
        for opt in optimizers:
            base = ToyConfig(n=n, seeds=seeds, steps=steps, optimizer=opt, log_points=40)
            W0, b0 = init_weights(base)
            scale = 10.0 if opt == "sgd" else 1.0
            c = base.with_(seeds=seeds * len(lrs))
            lr = np.repeat(np.asarray(lrs, np.float32) * scale, seeds)
            run = train(c, init=(np.tile(W0, (len(lrs), 1, 1)), np.tile(b0, (len(lrs), 1))), lr=lr)
            labels = outcomes(run.W_hist, run.b_hist, run.loss).reshape(len(lrs), seeds)
            for i, l in enumerate(lrs):
                counts = outcome_counts(labels[i])
                rows.append({"n": n, "optimizer": opt, "lr": float(l * scale), "seeds": seeds, "steps": steps,
                             **{k: v / seeds for k, v in counts.items()}})
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


def resampling_experiment(config: ToyConfig = ToyConfig(seeds=2000, steps=25_000), at: int = 5000,
                          scale: float = 0.2) -> dict:
    """How often resampling rescues a seed that has a dead feature at step `at`, against the same
    seeds without it (`resampling_runs`): counts of seeds still (or newly) dead at the end."""
    r = resampling_runs(config, at, scale)
    had = r.dead.any(axis=1)
    dc = dead_features(r.control.W).any(axis=1)
    dt = dead_features(r.resampled.W).any(axis=1)
    return {"seeds": config.seeds, "dead_at_resample": int(had.sum()),
            "still_dead_without": int((dc & had).sum()), "still_dead_with": int((dt & had).sum()),
            "newly_dead_with": int((dt & ~had).sum()), "newly_dead_without": int((dc & ~had).sum())}

"""Asymmetric Recovery in one seed's history: which seed to show, how to label its features like the
post, and when each stage of the recovery happens (optimization-failure.md, "Asymmetric Recovery").

The post could not colour its progress plots like its latent plots because it did not know in advance
which feature would stay unlearnt. `post_order` relabels a recorded history so that the unlearnt
feature is the last (the post's W₇) and the learnt ones are W₁ … W₆ counter-clockwise from the
direction W₇ eventually takes (so W₁ and W₆ are its neighbours). `recovery_stages` finds the four
stages by measured criteria; `recovery_specimen` is the one run every figure and video of the
recovery shows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .analysis import dead_features, feature_norms, find_seeds, symmetric_failure_shape
from .config import ToyConfig
from .train import train_cached

STAGES = ("symmetric_failure", "skew", "w7_grows", "recovered")

# The batch searched for a specimen (engine defaults, a checkpoint every 100 steps) and the
# checkpoint spacing of the specimen's own run.
RECOVERY_BATCH = ToyConfig(n=7, m=2, seeds=64, steps=25_000, every=100)
RECOVERY_EVERY = 10


def post_order(W: np.ndarray, unlearnt: int, direction: np.ndarray) -> np.ndarray:
    """A permutation `perm` (new feature i = old feature perm[i]) putting `unlearnt` last and the
    learnt features of W (2, n) counter-clockwise from `direction` (the unlearnt feature's eventual
    direction), so that the post's W₁ and W₆ are W₇'s two neighbours."""
    W = np.asarray(W, np.float64)
    ref = np.arctan2(direction[1], direction[0])
    learnt = [i for i in range(W.shape[1]) if i != unlearnt]
    ang = np.mod(np.arctan2(W[1, learnt], W[0, learnt]) - ref, 2 * np.pi)
    return np.array([learnt[j] for j in np.argsort(ang)] + [unlearnt])


def relabel(perm, *arrays):
    """Apply `post_order`'s permutation to the feature (last) axis of W (…, m, n), b (…, n), …"""
    return tuple(np.asarray(a)[..., perm] for a in arrays)


def learnt_spread(W: np.ndarray, learnt) -> np.ndarray:
    """(max − min)/mean of the learnt features' lengths, W (..., m, n) → (...): 0 on a regular polygon."""
    r = feature_norms(W)[..., learnt]
    return (r.max(axis=-1) - r.min(axis=-1)) / r.mean(axis=-1)


def output7(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each learnt vertex's pre-activation in the last output, y₇ = W₇ᵀWⱼ + b₇: W (2, n) → (n − 1,)."""
    W = np.asarray(W, np.float64)
    return W[:, -1] @ W[:, :-1] + float(b[-1])


def recovery_stages(W_hist, b_hist, loss_hist, steps, skew: float = 0.10, b_drop: float = 0.10,
                    loss_tol: float = 1e-4) -> dict | None:
    """Checkpoint indices of the four stages of an Asymmetric Recovery in one seed's history
    (W_hist (T, m, n), b_hist (T, n), loss_hist (T,)), the unlearnt feature being the last one
    (apply `post_order` first), or None when a stage is missing. Criteria:

    - `symmetric_failure`: the first checkpoint in the engine's Symmetric Failure shape whose loss is
      within 1 % of the plateau's (n − 1)/n³;
    - `skew`: the first checkpoint after it where the learnt lengths spread by more than `skew`
      ((max − min)/mean; the shape allows 5 %);
    - `w7_grows`: the first checkpoint after that where b₇ has fallen `b_drop` below its peak while
      ‖W₇‖ grows (b₇ first rises during the skew, then falls as W₇ is learnt);
    - `recovered`: the first checkpoint after that with every feature learnt and loss ≤ `loss_tol`.
    """
    n = W_hist.shape[-1]
    sf = symmetric_failure_shape(W_hist, b_hist) & (np.abs(loss_hist / ((n - 1) / n ** 3) - 1) < 0.01)
    out = {}
    t = _first(sf, 0)
    if t is None:
        return None
    out["symmetric_failure"] = t
    t = _first(learnt_spread(W_hist, list(range(n - 1))) > skew, t)
    if t is None:
        return None
    out["skew"] = t
    b7 = b_hist[:, n - 1]
    peak = np.maximum.accumulate(np.where(np.arange(len(b7)) >= t, b7, -np.inf))
    t = _first((b7 < peak - b_drop) & (np.arange(len(b7)) >= t), t)
    if t is None:
        return None
    out["w7_grows"] = t
    alive = feature_norms(W_hist).min(axis=-1) >= 0.1
    t = _first(alive & (loss_hist <= loss_tol), t)
    if t is None:
        return None
    out["recovered"] = t
    return out


def find_recovery(run, labels=None):
    """The seed of a batched run to show an Asymmetric Recovery with: the most typical
    `asymmetric_recovery` seed (`find_seeds` order) with exactly one dead feature at its first
    Symmetric Failure checkpoint and all four `recovery_stages` found. Returns (position in the run,
    `post_order` permutation), or None."""
    sf = symmetric_failure_shape(run.W_hist, run.b_hist)
    for k in find_seeds(run, "asymmetric_recovery", labels=labels):
        t0 = int(np.argmax(sf[k]))
        dead = np.where(dead_features(run.W_hist[k, t0]))[0]
        if dead.size != 1:
            continue
        perm = post_order(run.W_hist[k, t0], int(dead[0]), run.W[k][:, dead[0]])
        W, b = relabel(perm, run.W_hist[k], run.b_hist[k])
        if recovery_stages(W, b, run.loss_hist[k], run.steps) is not None:
            return int(k), perm
    return None


def _first(mask, start: int):
    idx = np.where(np.asarray(mask)[start:])[0]
    return None if idx.size == 0 else int(start + idx[0])


@dataclass
class Specimen:
    """One seed's Asymmetric Recovery, relabelled (`post_order`): its history and its stages."""
    seed: int
    steps: np.ndarray          # (T,)
    W: np.ndarray              # (T, m, n) float32, the unlearnt feature last
    b: np.ndarray              # (T, n)
    loss: np.ndarray           # (T,)
    stages: dict               # `recovery_stages`: stage name → checkpoint index


def recovery_specimen(batch: ToyConfig = RECOVERY_BATCH, every: int = RECOVERY_EVERY) -> Specimen:
    """The Asymmetric Recovery every figure and video of it shows: `find_recovery` on the batched
    run `batch`, that seed trained again alone (bit for bit the same run) with a checkpoint every
    `every` steps, relabelled. Both runs go through the run cache."""
    run = train_cached(batch)
    found = find_recovery(run)
    if found is None:
        raise RuntimeError(f"no Asymmetric Recovery with four stages among {batch.seeds} seeds")
    k, perm = found
    one = train_cached(batch.with_(seed=int(run.seeds[k]), seeds=1, every=every))
    W, b = relabel(perm, one.W_hist[0], one.b_hist[0])
    loss = one.loss_hist[0]
    stages = recovery_stages(W, b, loss, one.steps)
    if stages is None:     # the denser checkpoints must show what the batch's did
        raise RuntimeError(f"seed {int(run.seeds[k])}: the stages found in the batch are missing at every {every} steps")
    return Specimen(int(run.seeds[k]), one.steps, W, b, loss, stages)

"""A Symmetric Failure to show: a seed found by code in a batched run and relabelled in the post's
order (optimization-failure.md, "Optimization Failure Mode: Symmetric Failure"); its Asymmetric
Recovery counterpart is `toyviz.toy.recovery`.

The post numbers the learnt features W₁…W₆ around the hexagon and calls the unlearnt one W₇, drawn
in mediumblue. A run's unlearnt feature can have any index, so figures permute the columns: learnt
features clockwise from the top, the dead feature last. Selection reads the engine's analysis only
(`symmetric_failure_shape`, `dead_features`), never a typed-in seed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .analysis import dead_features, symmetric_failure_shape


def post_order(W: np.ndarray, dead: np.ndarray | None = None) -> np.ndarray:
    """A permutation of the n features: learnt ones clockwise from the top (12 o'clock), then the
    dead ones. W (2, n); `dead` (n,) booleans (default: the engine's ‖Wᵢ‖ < 0.1)."""
    W = np.asarray(W, np.float64)
    dead = dead_features(W) if dead is None else np.asarray(dead, bool)
    clock = np.mod(np.pi / 2 - np.arctan2(W[1], W[0]), 2 * np.pi)     # 0 at the top, growing clockwise
    order = np.argsort(clock, kind="stable")
    return np.r_[order[~dead[order]], np.where(dead)[0]].astype(int)


@dataclass(frozen=True)
class Specimen:
    """One seed at one checkpoint, columns already permuted by `order` (W (2, n), b (n,))."""
    W: np.ndarray
    b: np.ndarray
    loss: float
    seed: int          # the model's seed (config.seed + its position in the batch)
    index: int         # its position in the batch
    step: int          # the recorded step drawn
    order: np.ndarray  # new feature j is the run's feature order[j]
    in_shape: int      # how many seeds of the batch are in the Symmetric Failure shape at `step`
    seeds: int         # how many seeds the batch has


def symmetric_failure(run, near_step: int) -> Specimen:
    """The most typical seed in the Symmetric Failure shape with exactly one dead feature, at the
    recorded checkpoint nearest `near_step` (most typical: its loss closest to the median loss of
    those seeds there). Symmetric Failure is a plateau that ends in recovery under the engine's
    defaults, so the checkpoint must lie on it; raises ValueError when no seed is in the shape."""
    t = int(np.argmin(np.abs(run.steps - near_step)))
    W_t, b_t = run.W_hist[:, t], run.b_hist[:, t]
    ok = symmetric_failure_shape(W_t, b_t)   # the post's shape: exactly one dead feature
    idx = np.where(ok)[0]
    if not idx.size:
        raise ValueError(f"no seed of {run.K} is in the Symmetric Failure shape at step {run.steps[t]}; "
                         "choose a checkpoint on the plateau or train more seeds")
    loss = run.loss_hist[idx, t]
    k = int(idx[np.argsort(np.abs(loss - np.median(loss)), kind="stable")[0]])
    order = post_order(W_t[k])
    return Specimen(W=W_t[k][:, order].astype(np.float64), b=b_t[k][order].astype(np.float64),
                    loss=float(run.loss_hist[k, t]), seed=int(run.seeds[k]), index=k, step=int(run.steps[t]),
                    order=order, in_shape=int(ok.sum()), seeds=int(run.K))

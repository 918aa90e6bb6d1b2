"""Asymmetric Recovery in one seed's history: when each stage of the recovery happens, and which seed
of a batch shows them (optimization-failure.md, "Asymmetric Recovery").

The post could not colour its progress plots like its latent plots because it did not know in advance
which feature would stay unlearnt. `find_recovery` numbers a seed's features with
`specimen.order_features` (the unlearnt one last, W₁ and W₆ flanking the direction it eventually
takes), and `recovery_stages` finds the four stages by measured criteria. The run every figure and
video of the recovery shows is `toyviz.toy.showcase.recovery`.
"""
from __future__ import annotations

import numpy as np

from .analysis import dead_features, feature_norms, find_seeds, symmetric_failure_shape
from .specimen import order_features, relabel

STAGES = ("symmetric_failure", "skew", "w7_grows", "recovered")


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
    (apply `specimen.order_features` first), or None when a stage is missing. Criteria:

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
    `order_features` permutation: learnt features counter-clockwise from the unlearnt one's final
    direction), or None."""
    sf = symmetric_failure_shape(run.W_hist, run.b_hist)
    for k in find_seeds(run, "asymmetric_recovery", labels=labels):
        t0 = int(np.argmax(sf[k]))
        dead = np.where(dead_features(run.W_hist[k, t0]))[0]
        if dead.size != 1:
            continue
        perm = order_features(run.W_hist[k, t0], reference=run.W[k][:, dead[0]])
        W, b = relabel(perm, run.W_hist[k], run.b_hist[k])
        if recovery_stages(W, b, run.loss_hist[k], run.steps) is not None:
            return int(k), perm
    return None


def _first(mask, start: int):
    idx = np.where(np.asarray(mask)[start:])[0]
    return None if idx.size == 0 else int(start + idx[0])



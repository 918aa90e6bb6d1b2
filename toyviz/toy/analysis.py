"""Outcomes of training, as pure functions of recorded weights (optimization-failure.md, "Optimization
Failure Mode: Symmetric Failure" and "Asymmetric Recovery").

The post defines Symmetric Failure by its shape; here it is made precise (docs/engines/toy.md):
a checkpoint is *in the symmetric-failure shape* when at least one feature is dead (‖Wᵢ‖ < 0.1),
every dead feature's bias is within 10 % of 1/n (the mean of its targets), the learnt features'
lengths agree to 5 % ((max − min)/mean ≤ 0.05) and, for m = 2, the angular gaps between consecutive
learnt features are within 0.05 rad of 2π/(number learnt). A seed's label, from its whole history:

- `diverged`: a non-finite weight at some checkpoint;
- `symmetric_failure`: in the shape at the end;
- `other_failure`: a dead feature at the end but not in the shape (e.g. two circles, b_dead > 1/n);
- `not_converged`: every feature learnt at the end but the final loss above 1e-4;
- `asymmetric_recovery`: in the shape at some checkpoint, every feature learnt at the end;
- `slow_start`: a dead feature at some checkpoint after the first, never in the shape, all learnt;
- `perfect`: no dead feature at any checkpoint after the first, final loss ≤ 1e-4.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

LABELS = ("perfect", "slow_start", "asymmetric_recovery", "symmetric_failure", "other_failure",
          "not_converged", "diverged")


@dataclass(frozen=True)
class Tolerances:
    dead: float = 0.1          # ‖Wᵢ‖ below this: feature i is not learnt ("dead")
    bias_rel: float = 0.1      # |b_dead − 1/n| ≤ bias_rel / n
    length_rel: float = 0.05   # learnt lengths: (max − min) / mean ≤ length_rel
    angle: float = 0.05        # m = 2: each gap within this many radians of 2π / learnt
    loss: float = 1e-4         # all learnt and loss above this: not converged


DEFAULT = Tolerances()


def feature_norms(W: np.ndarray) -> np.ndarray:
    """‖Wᵢ‖ of each column: W (..., m, n) → (..., n)."""
    return np.linalg.norm(np.asarray(W, np.float64), axis=-2)


def dead_features(W: np.ndarray, threshold: float = DEFAULT.dead) -> np.ndarray:
    """Boolean (..., n): feature i is dead when ‖Wᵢ‖ < threshold."""
    return feature_norms(W) < threshold


def angle_gaps(W: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """m = 2: the angular gaps (radians, summing to 2π) between consecutive columns of W (2, n)
    selected by `mask`, in counter-clockwise order."""
    a = np.sort(np.arctan2(W[1, mask], W[0, mask]))
    return np.diff(np.r_[a, a[:1] + 2 * np.pi]) if a.size else a


def symmetric_failure_shape(W: np.ndarray, b: np.ndarray, tol: Tolerances = DEFAULT) -> np.ndarray:
    """Whether each (W, b) is in the post's Symmetric Failure shape. W (..., m, n), b (..., n) → (...)."""
    W, b = np.asarray(W), np.asarray(b)
    lead, (m, n) = W.shape[:-2], W.shape[-2:]
    W, b = W.reshape(-1, m, n), b.reshape(-1, n)
    out = np.zeros(len(W), bool)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)              # all-nan rows: no live feature
        norms = feature_norms(W)                                       # (N, n)
        dead = norms < tol.dead
        # only states with a dead and a live feature can be in the shape: test those alone
        rows = np.flatnonzero(dead.any(axis=1) & ~dead.all(axis=1))
        W, b, dead, norms = W[rows].astype(np.float64), b[rows].astype(np.float64), dead[rows], norms[rows]
        live_n = (~dead).sum(axis=1)
        ok = np.isfinite(W).all(axis=(1, 2)) & np.isfinite(b).all(axis=1)
        ok &= ~np.any(dead & (np.abs(b - 1.0 / n) > tol.bias_rel / n), axis=1)
        live = np.where(dead, np.nan, norms)
        spread = (np.nanmax(np.where(dead, -np.inf, norms), axis=1) - np.nanmin(np.where(dead, np.inf, norms), axis=1))
        ok &= spread <= tol.length_rel * np.nanmean(live, axis=1)
        if m == 2:
            a = np.sort(np.where(dead, np.nan, np.arctan2(W[:, 1], W[:, 0])), axis=1)   # nan (dead) last
            last = a[np.arange(len(W)), np.maximum(live_n - 1, 0)]
            inner = np.diff(a, axis=1)                                 # nan beyond the live ones
            wrap = a[:, 0] + 2 * np.pi - last
            target = 2 * np.pi / np.maximum(live_n, 1)
            dev = np.fmax(np.nanmax(np.abs(np.where(np.isnan(inner), target[:, None], inner) - target[:, None]),
                                    axis=1, initial=0.0), np.abs(wrap - target))
            ok &= (live_n == 1) | (dev <= tol.angle)
    out[rows] = ok
    return out.reshape(lead)


def history_masks(W_hist: np.ndarray, b_hist: np.ndarray, tol: Tolerances = DEFAULT):
    """What the labels are made of, per checkpoint: `dead` (K, T, n), `shape` (K, T) = in the
    Symmetric Failure shape, `finite` (K,) = no non-finite weight at any checkpoint."""
    W_hist, b_hist = np.asarray(W_hist), np.asarray(b_hist)
    finite = (np.isfinite(W_hist).all(axis=(2, 3)) & np.isfinite(b_hist).all(axis=2)).all(axis=1)
    with np.errstate(invalid="ignore"):
        dead = dead_features(W_hist, tol.dead)
    return dead, symmetric_failure_shape(W_hist, b_hist, tol), finite


def outcomes(W_hist: np.ndarray, b_hist: np.ndarray, loss: np.ndarray,
             tol: Tolerances = DEFAULT, masks=None) -> np.ndarray:
    """Each seed's label (see the module docstring) from its recorded history.

    Args:
        W_hist: (K, T, m, n) weights at T checkpoints, the first being the start.
        b_hist: (K, T, n).
        loss: (K,) final loss.
        masks: `history_masks(W_hist, b_hist, tol)` if the caller has it already.
    Returns: (K,) array of label strings.
    """
    dead, sf, finite = history_masks(W_hist, b_hist, tol) if masks is None else masks
    loss = np.asarray(loss)
    later = slice(1, None) if dead.shape[1] > 1 else slice(0, None)
    dead_end = dead[:, -1].any(axis=1)
    ever_dead = dead[:, later].any(axis=(1, 2))
    ever_sf = sf[:, later].any(axis=1)
    labels = np.where(ever_sf, "asymmetric_recovery", np.where(ever_dead, "slow_start", "perfect"))
    labels = np.where(~dead_end & ~(loss <= tol.loss), "not_converged", labels)
    labels = np.where(dead_end, np.where(sf[:, -1], "symmetric_failure", "other_failure"), labels)
    labels = np.where(finite, labels, "diverged")
    return labels.astype("<U19")


def outcome_counts(labels: np.ndarray) -> dict[str, int]:
    """Count per label, every label present (zeros included), in LABELS order."""
    return {name: int(np.sum(labels == name)) for name in LABELS}


def radii(W: np.ndarray, threshold: float = DEFAULT.dead) -> np.ndarray:
    """Sorted lengths of the learnt features of one model W (m, n) (dead ones left out)."""
    r = feature_norms(W)
    return np.sort(r[r >= threshold])


def circles(W: np.ndarray, rel_gap: float = 0.1, threshold: float = DEFAULT.dead) -> list[np.ndarray]:
    """"One circle or two?": the learnt features' lengths grouped into circles, splitting the
    sorted lengths wherever one is more than `rel_gap` (relative) longer than the previous."""
    r = radii(W, threshold)
    if r.size == 0:
        return []
    cuts = np.where(r[1:] > r[:-1] * (1 + rel_gap))[0] + 1
    return np.split(r, cuts)


def first_step(mask_hist: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """For (K, T) booleans, the first recorded step where each row is True (−1 if never)."""
    any_ = mask_hist.any(axis=1)
    return np.where(any_, steps[np.argmax(mask_hist, axis=1)], -1)


def recovery_steps(W_hist: np.ndarray, steps: np.ndarray, threshold: float = DEFAULT.dead) -> np.ndarray:
    """For each seed, the first recorded step from which no feature is dead any more (−1 if dead
    at the end): when a plateau ended. W_hist (K, T, m, n) → (K,)."""
    dead_any = dead_features(W_hist, threshold).any(axis=2)        # (K, T)
    alive_from = np.zeros_like(dead_any)
    alive_from[:, -1] = ~dead_any[:, -1]
    for t in range(dead_any.shape[1] - 2, -1, -1):
        alive_from[:, t] = alive_from[:, t + 1] & ~dead_any[:, t]
    return first_step(alive_from, steps)


def find_seeds(run, outcome: str, count: int | None = None, labels: np.ndarray | None = None) -> np.ndarray:
    """Positions in `run` of the seeds with this outcome, most typical first (the final loss closest to
    the median loss of that outcome), so figures never hard-code a seed."""
    if outcome not in LABELS:
        raise ValueError(f"unknown outcome {outcome!r}; choose one of {', '.join(LABELS)}")
    labels = outcomes(run.W_hist, run.b_hist, run.loss) if labels is None else labels
    idx = np.where(labels == outcome)[0]
    if idx.size:
        loss = np.nan_to_num(run.loss[idx], nan=np.inf)
        order = np.argsort(np.abs(loss - np.median(loss)), kind="stable")
        idx = idx[order]
    return idx if count is None else idx[:count]


def seed_summaries(W: np.ndarray, b: np.ndarray, loss: np.ndarray, threshold: float = DEFAULT.dead) -> list[dict]:
    """Each seed's end state as plain numbers: its dead features, their biases, the learnt lengths
    and the loss (None if not finite). W (K, m, n), b (K, n), loss (K,) → K dicts."""
    out = []
    for r, bias, l in zip(feature_norms(W).tolist(), np.asarray(b, np.float64).tolist(),
                          np.asarray(loss, np.float64).tolist()):      # plain floats: 10x faster per seed
        dead = [i for i, x in enumerate(r) if x < threshold]
        out.append({"dead": dead, "dead_bias": [bias[i] for i in dead],
                    "learnt_lengths": sorted(round(x, 6) for x in r if x >= threshold),
                    "loss": l if math.isfinite(l) else None})
    return out

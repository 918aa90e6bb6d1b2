"""Outcomes of training, as pure functions of recorded weights (optimization-failure.md, "Optimization
Failure Mode: Symmetric Failure" and "Asymmetric Recovery").

The post defines Symmetric Failure by its shape; here it is made precise, once (the tolerances are
`Tolerances` below, restated in docs/engines/toy.md). A feature is *dead* when ‖Wᵢ‖ < 0.1. A
checkpoint is *in a symmetric shape* when at least one feature is dead, every dead feature's bias is
within 10 % of 1/n (the mean of its targets), the learnt features' lengths agree to 5 %
((max − min)/mean ≤ 0.05) and, for m = 2, the angular gaps between consecutive learnt features are
within 0.05 rad of 2π/(number learnt): the learnt features form a regular polygon.

Every seed gets a label at every recorded checkpoint (`outcomes_at`); its outcome is the label at
the last one (`outcomes`). At checkpoint t, first match wins:

- `diverged`: a non-finite weight at some checkpoint up to t;
- `still_on_plateau`: a dead feature at t, but every feature is learnt at a later checkpoint of the
  run: not yet a failure, only unfinished (never the label at the last checkpoint);
- `symmetric_failure`: the post's pictured case, dead from t to the end of the run and, at t, exactly
  one dead feature in a symmetric shape;
- `polygon_failure`: dead to the end, several dead features, the rest a regular polygon;
- `irregular_failure`: dead to the end in any other configuration (e.g. two circles, b_dead > 1/n);
- `not_converged`: every feature learnt at t but the loss above 1e-4;
- `asymmetric_recovery`: every feature learnt at t, after the post's Symmetric Failure shape (one
  dead feature) at some checkpoint after the first;
- `slow_start`: every feature learnt at t, after a dead feature at some checkpoint after the first,
  never in that shape;
- `perfect`: no dead feature at any checkpoint after the first, loss ≤ 1e-4.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

LABELS = ("perfect", "slow_start", "asymmetric_recovery", "still_on_plateau", "symmetric_failure",
          "polygon_failure", "irregular_failure", "not_converged", "diverged")
FAILURES = ("symmetric_failure", "polygon_failure", "irregular_failure")   # dead to the end of the run
LABEL_NAMES = {"perfect": "perfect", "slow_start": "slow start", "asymmetric_recovery": "Asymmetric Recovery",
               "still_on_plateau": "still on a plateau", "symmetric_failure": "Symmetric Failure",
               "polygon_failure": "several dead, polygon", "irregular_failure": "dead, other shape",
               "not_converged": "not converged", "diverged": "diverged"}      # for readers: figures, widgets


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
    """Whether each (W, b) is in the post's Symmetric Failure shape: a symmetric shape with exactly
    one dead feature. W (..., m, n), b (..., n) → (...)."""
    return symmetric_shape(W, b, tol) & (dead_features(W, tol.dead).sum(axis=-1) == 1)


def symmetric_shape(W: np.ndarray, b: np.ndarray, tol: Tolerances = DEFAULT) -> np.ndarray:
    """Whether each (W, b) is in a symmetric shape (any number of dead features, see the module
    docstring). W (..., m, n), b (..., n) → (...)."""
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
    """What the labels are made of, per checkpoint: `dead` (K, T, n), `shape` (K, T) = in a
    symmetric shape (any number dead: `symmetric_shape`), `finite` (K, T) = no non-finite weight up to that checkpoint."""
    W_hist, b_hist = np.asarray(W_hist), np.asarray(b_hist)
    finite = np.logical_and.accumulate(np.isfinite(W_hist).all(axis=(2, 3)) & np.isfinite(b_hist).all(axis=2),
                                       axis=1)
    with np.errstate(invalid="ignore"):
        dead = dead_features(W_hist, tol.dead)
    return dead, symmetric_shape(W_hist, b_hist, tol), finite


def outcomes_at(W_hist: np.ndarray, b_hist: np.ndarray, loss_hist: np.ndarray,
                tol: Tolerances = DEFAULT, masks=None) -> np.ndarray:
    """Each seed's label at each recorded checkpoint (see the module docstring).

    Args:
        W_hist: (K, T, m, n) weights at T checkpoints, the first being the start.
        b_hist: (K, T, n).
        loss_hist: (K, T) loss at each checkpoint.
        masks: `history_masks(W_hist, b_hist, tol)` if the caller has it already.
    Returns: (K, T) array of label strings.
    """
    dead, shape, finite = history_masks(W_hist, b_hist, tol) if masks is None else masks
    loss_hist = np.asarray(loss_hist)
    n_dead = dead.sum(axis=2)                                           # (K, T)
    any_dead = n_dead > 0
    one_dead_shape = shape & (n_dead == 1)
    after_first = np.arange(dead.shape[1]) >= min(1, dead.shape[1] - 1)  # step 0 never counts
    ever_dead = np.logical_or.accumulate(any_dead & after_first, axis=1)
    ever_sf = np.logical_or.accumulate(one_dead_shape & after_first, axis=1)
    all_learnt = ~any_dead & finite
    # learnt at some checkpoint after t: a reversed cumulative "any", shifted by one
    learnt_after = np.zeros_like(all_learnt)
    learnt_after[:, :-1] = np.logical_or.accumulate(all_learnt[:, ::-1], axis=1)[:, ::-1][:, 1:]
    labels = np.where(ever_sf, "asymmetric_recovery", np.where(ever_dead, "slow_start", "perfect"))
    labels = np.where(~(loss_hist <= tol.loss), "not_converged", labels)
    failure = np.where(one_dead_shape, "symmetric_failure", np.where(shape, "polygon_failure", "irregular_failure"))
    labels = np.where(any_dead, np.where(learnt_after, "still_on_plateau", failure), labels)
    labels = np.where(finite, labels, "diverged")
    return labels.astype("<U19")


def outcomes(W_hist: np.ndarray, b_hist: np.ndarray, loss: np.ndarray,
             tol: Tolerances = DEFAULT, masks=None) -> np.ndarray:
    """Each seed's outcome: its label at the last recorded checkpoint (`outcomes_at`).

    Args:
        W_hist: (K, T, m, n) weights at T checkpoints, the first being the start.
        b_hist: (K, T, n).
        loss: (K,) final loss.
        masks: `history_masks(W_hist, b_hist, tol)` if the caller has it already.
    Returns: (K,) array of label strings.
    """
    loss_hist = np.zeros(np.shape(W_hist)[:2])
    loss_hist[:, -1] = loss                         # only the last checkpoint's loss enters its label
    return outcomes_at(W_hist, b_hist, loss_hist, tol, masks)[:, -1]


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


def circle_kind(W: np.ndarray, rel_gap: float = 0.1) -> str:
    """"one circle", "two radii" or "spread" (three or more groups of lengths), by `circles`."""
    groups = circles(W, rel_gap)
    return "one circle" if len(groups) == 1 else "two radii" if len(groups) == 2 else "spread"


def circle_pattern(W: np.ndarray) -> str:
    """"5+2": circle sizes from the longest radius inward, from `circles(W)`."""
    return "+".join(str(len(c)) for c in circles(W)[::-1])


def relative_norms(W: np.ndarray) -> np.ndarray:
    """W (K, m, n) → (K, n): each seed's sorted ‖Wᵢ‖ divided by its median ‖Wᵢ‖."""
    r = np.sort(feature_norms(W), axis=1)
    return r / np.median(r, axis=1, keepdims=True)


def once_dead(run, k: int) -> int:
    """The feature that was dead at seed k's first checkpoint in the Symmetric Failure shape."""
    t = int(np.argmax(symmetric_failure_shape(run.W_hist[k], run.b_hist[k])))
    return int(np.argmax(dead_features(run.W_hist[k, t])))


def fewest_short(run, loss: float = 1e-4, rel_gap: float = 0.1) -> int:
    """The batch position of the first converged seed (all learnt, loss ≤ `loss`) whose lengths lie on
    two radii with the fewest features on the short one (Olah and Henighan's picture: one short
    feature, the rest long). Raises ValueError when no seed has two radii."""
    best = None
    for k in range(run.K):
        W = run.W[k]
        if not np.all(np.isfinite(W)) or run.loss[k] > loss or np.any(np.linalg.norm(W, axis=0) < 0.1):
            continue
        groups = circles(W, rel_gap)
        if len(groups) == 2 and (best is None or len(groups[0]) < best[0]):
            best = (len(groups[0]), k)
    if best is None:
        raise ValueError(f"no seed of {run.K} ends with its features on two radii; train more seeds")
    return best[1]


def widest_separator(W: np.ndarray, i: int, samples: int = 7200) -> tuple[np.ndarray, float, float]:
    """The straight line that separates the tip of column i from the tips of all other columns with the
    widest margin: (unit normal u (2,), offset c, margin) with u·Wᵢ − c = margin = c − maxⱼ u·Wⱼ.
    A brute-force search over directions (m = 2); margin < 0 when no line separates them."""
    W = np.asarray(W, np.float64)
    a = np.linspace(0, 2 * np.pi, samples, endpoint=False)
    U = np.stack([np.cos(a), np.sin(a)], axis=1)                # (S, 2)
    proj = U @ W                                                 # (S, n)
    others = np.delete(proj, i, axis=1).max(axis=1)
    gap = proj[:, i] - others
    s = int(np.argmax(gap))
    return U[s], float((proj[s, i] + others[s]) / 2), float(gap[s] / 2)


LENGTH_MIN_STEP = 100      # training-length curves start here (earlier steps are still learning)


def length_curves(run, min_step: int = LENGTH_MIN_STEP) -> dict:
    """Fractions per recorded step: `shape` (in the Symmetric Failure shape), `dead` (≥ 1 dead
    feature), their counts, and `labels` (T', K) the label at each step ≥ `min_step` (`outcomes_at`:
    a dead feature that is learnt later is "still on a plateau")."""
    sf = symmetric_failure_shape(run.W_hist, run.b_hist)            # (K, T)
    dead = dead_features(run.W_hist).any(axis=2)                     # (K, T)
    keep = np.where(run.steps >= min_step)[0]
    labels = outcomes_at(run.W_hist, run.b_hist, run.loss_hist)[:, keep].T
    return {"steps": run.steps, "shape": sf.mean(axis=0), "dead": dead.mean(axis=0),
            "shape_count": sf.sum(axis=0), "dead_count": dead.sum(axis=0), "K": run.W_hist.shape[0],
            "label_steps": run.steps[keep], "labels": labels}


def count_at(curves: dict, step: int, key: str) -> int:
    """The count `key` ("shape_count", "dead_count") of `length_curves` at the recorded step `step`
    (must be recorded)."""
    i = int(np.searchsorted(curves["steps"], step))
    if i >= len(curves["steps"]) or curves["steps"][i] != step:
        raise ValueError(f"step {step} was not recorded")
    return int(curves[key][i])

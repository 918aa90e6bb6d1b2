"""How close a learned A is to A_true: matched angle errors, norm ratios, dead columns, clusters.

Columns are matched to A_true's by the Hungarian algorithm on |cos| (permutation and sign undone,
as scikit-learn's FastICA tests do), or on the signed cos with `sign_matters=True`: with the
exponential prior ŝ ≥ 0, so a column pointing away from its source cannot stand in for it. The mean max cosine similarity (MMCS) is the number dictionary
learners report (e.g. Sharkey et al., "Taking features out of superposition with sparse
autoencoders", 2022): for each true column, the largest |cos| with any learned column, averaged.
"""
from __future__ import annotations

import math
from itertools import permutations

import numpy as np
from scipy.optimize import linear_sum_assignment


def cosines(A, A_true) -> np.ndarray:
    """cos between every learned column and every true one; 0 for a zero column. # (..., k, n)"""
    A = np.asarray(A, dtype=np.float64)
    An = np.linalg.norm(A, axis=-2, keepdims=True)
    Tn = np.linalg.norm(A_true, axis=-2, keepdims=True)
    U = A / np.where(An > 0, An, 1.0)
    V = A_true / np.where(Tn > 0, Tn, 1.0)
    return np.clip(np.swapaxes(U, -1, -2) @ V, -1.0, 1.0)


def _scores(C, sign_matters: bool) -> np.ndarray:
    """What a matching maximises: |cos| (a column and its opposite are the same direction), or the
    signed cos when `sign_matters` (ŝ ≥ 0: a column pointing away from its source is wrong)."""
    ok = np.isfinite(C)
    return np.where(ok, C, -1.0) if sign_matters else np.abs(np.where(ok, C, 0.0))


def match_columns(A, A_true, sign_matters: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """For one A (m, k): the learned column matched to each true column (−1 if k < n left it
    unmatched) and the signed cos of each match; the matching maximises the summed |cos|, or the
    summed signed cos with `sign_matters`. # (n,), (n,)"""
    C = cosines(A, A_true)
    rows, cols = linear_sum_assignment(-_scores(C, sign_matters))
    perm = np.full(C.shape[1], -1)
    perm[cols] = rows
    cos = np.where(perm >= 0, C[np.maximum(perm, 0), np.arange(C.shape[1])], 0.0)
    return perm, cos


def angle_errors(A, A_true, sign_matters: bool = False) -> np.ndarray:
    """Angle in degrees between each true column and its matched learned column (90° for a true
    column left unmatched). Sign ignored by default (0–90°); with `sign_matters` the matching and the
    angle use the signed cos (0–180°), as a non-negative prior needs. A may carry leading axes
    (steps, seeds). # (..., n)

    Small problems (k!/(k−n)! ≤ 4096 assignments) try every assignment at once, vectorised over the
    leading axes; that is the Hungarian optimum exactly. Larger ones call the Hungarian algorithm.
    """
    A = np.asarray(A, dtype=np.float64)
    k, n = A.shape[-1], A_true.shape[1]
    C = cosines(A, A_true)                                            # (..., k, n)
    finite = np.isfinite(C).all((-1, -2))
    score = _scores(C, sign_matters)
    if k >= n and math.perm(k, n) <= 4096:
        perms = np.array(list(permutations(range(k), n)))            # (P, n): learned column per true
        scores = score[..., perms, np.arange(n)]                      # (..., P, n)
        best = np.argmax(scores.sum(-1), -1)                          # (...)
        cos = np.take_along_axis(scores, best[..., None, None], -2)[..., 0, :]
    else:
        flat = A.reshape((-1,) + A.shape[-2:])
        cos = np.stack([match_columns(a, A_true, sign_matters)[1] for a in flat]).reshape(A.shape[:-2] + (n,))
        cos = cos if sign_matters else np.abs(cos)
    err = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    return np.where(finite[..., None], err, np.nan)


def norm_ratios(A, A_true) -> np.ndarray:
    """‖matched learned column‖ / ‖true column‖ per true column (nan if unmatched). # (n,)"""
    perm, _ = match_columns(A, A_true)
    ln = np.linalg.norm(A, axis=0)
    return np.where(perm >= 0, ln[np.maximum(perm, 0)], np.nan) / np.linalg.norm(A_true, axis=0)


def dead_columns(S_hat) -> np.ndarray:
    """Columns never active (ŝ_i = 0 for every point). S_hat: (..., N, k) → count (...)."""
    return np.sum(~np.any(np.asarray(S_hat) != 0, axis=-2), axis=-1)


def mmcs(A, A_true) -> np.ndarray:
    """Mean over true columns of the largest |cos| with any learned column. # (...)"""
    return np.abs(cosines(A, A_true)).max(-2).mean(-1)


def cluster_columns(A, n_clusters: int, signed: bool = False, seed: int = 0):
    """Group the directions of an over-provisioned A into `n_clusters` (k-means on unit vectors,
    weighted by column norm, so columns that decayed to nothing barely count).

    Directions are axial (a and −a together) when `signed`. Returns (labels (k,), centroids (m, c)).
    """
    from sklearn.cluster import KMeans
    A = np.asarray(A, dtype=np.float64)
    n = np.linalg.norm(A, axis=0)
    U = (A / np.where(n > 0, n, 1.0)).T
    if signed:  # axial data: double the angle so a and −a coincide
        th = 2 * np.arctan2(U[:, 1], U[:, 0])
        U = np.stack([np.cos(th), np.sin(th)], 1)
    n_clusters = min(n_clusters, A.shape[1])
    km = KMeans(n_clusters, n_init=10, random_state=seed).fit(U, sample_weight=np.maximum(n, 1e-12))
    C = km.cluster_centers_
    if signed:
        th = 0.5 * np.arctan2(C[:, 1], C[:, 0])
        C = np.stack([np.cos(th), np.sin(th)], 1)
    return km.labels_, C.T


def column_sources(A, A_true, signed: bool = False):
    """The true column each learnt column of A (m, k) stands for (−1: none): its match, sign-aware
    unless the prior is `signed`, or for an over-provisioned A (k > n) the match of its k-means
    cluster. Returns (source per column (k,), cluster labels (k,) or None, the cluster matched to
    each true column (n,) or None)."""
    k, n = A.shape[1], A_true.shape[1]
    source = np.full(k, -1)
    if k > n:
        labels, C = cluster_columns(A, n, signed)
        perm, _ = match_columns(C, A_true)
        for j, c in enumerate(perm):
            source[labels == c] = j
        return source, labels, perm
    for j, i in enumerate(match_columns(A, A_true, sign_matters=not signed)[0]):
        if i >= 0:
            source[i] = j
    return source, None, None


def cluster_report(A, A_true, signed: bool = False) -> dict[str, np.ndarray]:
    """Over-provisioned A: centroid angle errors (deg, per true column) and how many learned
    columns fell into each true column's cluster."""
    labels, C = cluster_columns(A, A_true.shape[1], signed)
    perm, _ = match_columns(C, A_true)
    err = angle_errors(C, A_true)
    split = np.array([np.sum(labels == p) if p >= 0 else 0 for p in perm])
    return {"centroid_angle_deg": err, "split": split}


def evaluate(A, A_true, S_hat=None, signed: bool = False) -> dict[str, np.ndarray]:
    """The flat dict of named metrics for one A (m, k), with ŝ (N, k) for dead columns."""
    err = angle_errors(A, A_true)
    _, cos = match_columns(A, A_true)
    out = {
        "angle_mean_deg": err.mean(), "angle_max_deg": err.max(), "angle_deg": err,
        "norm_ratio": norm_ratios(A, A_true), "mmcs": mmcs(A, A_true),
        "flipped": np.sum(cos < 0),  # matched with the opposite sign (a failure when s ≥ 0)
    }
    if S_hat is not None:
        out["dead_columns"] = dead_columns(S_hat)
    if A.shape[1] > A_true.shape[1]:
        rep = cluster_report(A, A_true, signed)
        out["centroid_angle_deg"], out["split"] = rep["centroid_angle_deg"], rep["split"]
    return out

"""The box-counting dimension of an outcome boundary (issue 23; Sohl-Dickstein 2024, "The boundary of
neural network trainability is fractal", arXiv:2402.06184, which measures it the same way on
images of converged vs diverged training over two hyperparameters).

A boundary pixel is one whose label differs from its right or lower neighbour. N(s) counts the s×s
boxes that contain a boundary pixel, for s = 1, 2, 4, … up to side/`coarsest`; the dimension is the
least-squares slope of log N(s) against log(1/s). A smooth curve gives 1, a boundary that fills the
image gives 2. Boxes of one image are not independent samples, so the uncertainty of a dimension
comes from the spread over images (several zoom centres), not from the fit: `interval`.
"""
from __future__ import annotations

import math

import numpy as np


def boundary(labels: np.ndarray) -> np.ndarray:
    """Boolean (H, W): pixels of a label image whose label differs from the right or lower neighbour."""
    labels = np.asarray(labels)
    edge = np.zeros(labels.shape, bool)
    edge[:, :-1] |= labels[:, 1:] != labels[:, :-1]
    edge[:-1, :] |= labels[1:, :] != labels[:-1, :]
    return edge


def box_counts(mask: np.ndarray, coarsest: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Box sizes s (powers of 2, 1 … min(H, W)/`coarsest`) and the number N(s) of s×s boxes that
    contain a True pixel (the image cropped to a multiple of each s)."""
    mask = np.asarray(mask, bool)
    side = min(mask.shape)
    sizes, counts = [], []
    s = 1
    while s <= max(1, side // coarsest):
        H, W = mask.shape[0] // s * s, mask.shape[1] // s * s
        boxes = mask[:H, :W].reshape(H // s, s, W // s, s).any(axis=(1, 3))
        sizes.append(s)
        counts.append(int(boxes.sum()))
        s *= 2
    return np.array(sizes), np.array(counts)


def box_dimension(mask: np.ndarray, coarsest: int = 8) -> float:
    """The box-counting dimension of the True pixels of `mask` (NaN when there are fewer than two
    box sizes with a count, e.g. no boundary in the image)."""
    sizes, counts = box_counts(mask, coarsest)
    keep = counts > 0
    if keep.sum() < 2:
        return math.nan
    slope = np.polyfit(np.log(1.0 / sizes[keep]), np.log(counts[keep]), 1)[0]
    return float(slope)


# two-sided 97.5 % quantiles of Student's t for 1…30 degrees of freedom (scipy-free)
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
         2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
         2.052, 2.048, 2.045, 2.042)


def interval(values) -> dict:
    """Mean and 95 % t-interval of per-image dimensions (NaNs left out), with min, max and count."""
    v = np.asarray([x for x in values if x is not None and math.isfinite(x)], np.float64)
    if v.size == 0:
        return {"mean": None, "low": None, "high": None, "min": None, "max": None, "count": 0}
    mean = float(v.mean())
    half = _T975[min(v.size - 1, len(_T975)) - 1] * float(v.std(ddof=1)) / math.sqrt(v.size) if v.size > 1 else math.nan
    fin = math.isfinite(half)
    return {"mean": mean, "low": mean - half if fin else None, "high": mean + half if fin else None,
            "min": float(v.min()), "max": float(v.max()), "count": int(v.size)}

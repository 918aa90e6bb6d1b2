"""Latent geometry of one toy model (m = 2), as arrays ready to draw (optimization-failure.md, "Does the
Optimization Failure solution pursue linear separability?" and "How tilt is generated").

The latent polygon is the outline through the columns of W in angular order (the post's hexagon, or
its "pac-man" when a column sits near the origin). Feature i's zone is {h : Wᵢᵀh + bᵢ > 0}, the part
of the latent plane where output i is active, clipped exactly to that polygon (`toyviz.plane.clip_halfplane`).
"""
from __future__ import annotations

import numpy as np

from toyviz.plane import clip_halfplane


def gram(W: np.ndarray) -> np.ndarray:
    """WᵀW, (..., n, n): the reconstruction map of the identity data before the bias."""
    return np.einsum("...ai,...aj->...ij", W, W)


def latent_polygon(W: np.ndarray) -> np.ndarray:
    """Vertices (n, 2) of the polygon through the columns of W (2, n), counter-clockwise by angle."""
    W = np.asarray(W, np.float64)
    if W.shape[0] != 2:
        raise ValueError(f"the latent polygon needs m = 2 (got m = {W.shape[0]})")
    order = np.argsort(np.arctan2(W[1], W[0]), kind="stable")
    return W[:, order].T.copy()


def zone(W: np.ndarray, b: np.ndarray, i: int) -> np.ndarray:
    """Feature i's active zone {h : Wᵢᵀh + bᵢ > 0} clipped to the latent polygon, (V, 2)."""
    W = np.asarray(W, np.float64)
    return clip_halfplane(latent_polygon(W), W[:, i], float(b[i]))


def zones(W: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    """Every feature's zone (a list of n vertex arrays)."""
    return [zone(W, b, i) for i in range(W.shape[1])]


def zone_boundary(W: np.ndarray, b: np.ndarray, i: int) -> np.ndarray | None:
    """Where feature i's zone starts: the segment of the line Wᵢᵀh + bᵢ = 0 inside the latent polygon's
    bounding box, (2, 2), or None when Wᵢ = 0 (no line: the whole plane is on one side)."""
    W = np.asarray(W, np.float64)
    w = W[:, i]
    if not np.any(w):
        return None
    p0 = -b[i] * w / (w @ w)                     # the point of the line nearest the origin
    d = np.array([-w[1], w[0]]) / np.linalg.norm(w)
    R = np.abs(W).max() * 2 + abs(p0).max()
    return np.array([p0 - R * d, p0 + R * d])


def activation_amount(W: np.ndarray, b: np.ndarray, i: int) -> dict:
    """How far feature i reaches into its own zone (optimization-failure.md, "Amount of activation must
    be equivalent to reconstruction of the feature"): the zone starts where the line Wᵢᵀh + bᵢ = 0
    crosses the direction of Wᵢ, at h = −bᵢWᵢ/‖Wᵢ‖²; from there to the tip Wᵢ is the activation
    amount (‖Wᵢ‖² + bᵢ)/‖Wᵢ‖, along which output i grows with slope ‖Wᵢ‖ up to the reconstruction
    WᵢᵀWᵢ + bᵢ. Returns {"start", "tip", "amount", "reconstruction", "norm"}."""
    W = np.asarray(W, np.float64)
    w = W[:, i]
    norm2 = float(w @ w)
    start = -float(b[i]) * w / norm2
    return {"start": start, "tip": w.copy(), "amount": (norm2 + float(b[i])) / np.sqrt(norm2),
            "reconstruction": norm2 + float(b[i]), "norm": np.sqrt(norm2)}


def plane_offset_tilt(W: np.ndarray, b: np.ndarray, dim: int) -> tuple[float, np.ndarray]:
    """The latent plane's height along output dimension `dim`, y_dim(h) = W_dimᵀh + b_dim: its offset
    b_dim (where the origin sits) and its tilt W_dim (the gradient over the latent plane; zero when
    the feature is dead, the post's "no tilt with respect to the 7-th dimension")."""
    W = np.asarray(W, np.float64)
    return float(b[dim]), W[:, dim].copy()


def plane_points(W: np.ndarray, b: np.ndarray, H: np.ndarray, dims) -> np.ndarray:
    """Points of the latent plane in output space: (P, 2) latent points H → (P, len(dims)) values
    Wᵀh + b at the chosen output dimensions (the post's 3-D views of dims 1, 2, 7)."""
    W = np.asarray(W, np.float64)
    dims = list(dims)
    return H @ W[:, dims] + np.asarray(b, np.float64)[dims]


def splay(W: np.ndarray) -> np.ndarray:
    """Σⱼ‖Wⱼ‖, the chaos sweep's measure of splaying / sweeping: (..., m, n) → (...)."""
    return np.linalg.norm(W, axis=-2).sum(axis=-1)

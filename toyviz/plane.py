"""Plane geometry, written once for the engine, the stills and the scenes: polygons cut by a
half-plane (or by a level, for a planar polygon in 3-D), their area, and the orthographic projection
of 3-D points to a screen.

Pure numpy on vertex arrays (V, d); no drawing library. Angles follow mplot3d's `view_init`: `elev`
above the (x, y) plane and `azim` about z, in degrees.
"""
from __future__ import annotations

import numpy as np


# ---------------------------------------------------------------- cutting polygons
def clip(poly, side) -> np.ndarray:
    """The part of polygon `poly` (V, d) where `side` (V,), a signed distance that is linear along
    edges, is ≥ 0 (Sutherland–Hodgman for one half-space: exact vertices where the boundary crosses an
    edge; a non-convex polygon's pieces are joined along the boundary by zero-width edges, which fill
    correctly). Returns (V', d), possibly empty."""
    poly = np.asarray(poly, np.float64)
    s = np.asarray(side, np.float64)
    out = []
    for i in range(len(poly)):
        j = (i + 1) % len(poly)
        if s[i] >= 0:
            out.append(poly[i])
        if (s[i] >= 0) != (s[j] >= 0):
            out.append(poly[i] + (poly[j] - poly[i]) * (s[i] / (s[i] - s[j])))
    return np.array(out).reshape(-1, poly.shape[-1])


def crossings(poly, side) -> np.ndarray:
    """Where the boundary of `poly` (V, d) crosses `side` = 0, edge by edge (P, d); a convex polygon
    crossed by a line gives two points."""
    poly = np.asarray(poly, np.float64)
    s = np.asarray(side, np.float64)
    pts = [poly[i] + (poly[j] - poly[i]) * (s[i] / (s[i] - s[j]))
           for i, j in ((i, (i + 1) % len(poly)) for i in range(len(poly))) if (s[i] >= 0) != (s[j] >= 0)]
    return np.array(pts).reshape(-1, poly.shape[-1])


def clip_halfplane(poly, normal, offset: float) -> np.ndarray:
    """The part of a 2-D polygon (V, 2) where normal·h + offset ≥ 0, (V', 2)."""
    poly = np.asarray(poly, np.float64).reshape(-1, 2)
    return clip(poly, poly @ np.asarray(normal, np.float64) + offset)


def clip_height(poly, level: float = 0.0, keep: str = "above") -> np.ndarray:
    """The part of a planar 3-D polygon (V, 3) with z ≥ level (`keep="above"`) or z ≤ level
    ("below"), (V', 3)."""
    poly = np.asarray(poly, np.float64).reshape(-1, 3)
    return clip(poly, poly[:, 2] - level if keep == "above" else level - poly[:, 2])


def level_segment(poly, level: float = 0.0) -> np.ndarray | None:
    """Where a convex planar 3-D polygon (V, 3) crosses the plane z = level: a segment (2, 3), or None."""
    poly = np.asarray(poly, np.float64).reshape(-1, 3)
    pts = crossings(poly, poly[:, 2] - level)
    return pts[:2] if len(pts) >= 2 else None


# ---------------------------------------------------------------- area
def signed_area(v) -> float:
    """The shoelace area of a 2-D polygon (V, 2): positive when its vertices run counter-clockwise."""
    v = np.asarray(v, np.float64)
    if len(v) < 3:
        return 0.0
    x, y = v[:, 0], v[:, 1]
    return 0.5 * float(x @ np.roll(y, -1) - y @ np.roll(x, -1))


def area(v) -> float:
    """The area of a 2-D polygon (V, 2) (0 for fewer than three vertices)."""
    return abs(signed_area(v))


# ---------------------------------------------------------------- orthographic projection
def basis(elev: float, azim: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The screen's right, up and toward-the-viewer unit vectors in world coordinates (3,) each,
    for a camera at elevation `elev` and azimuth `azim` (degrees)."""
    e, a = np.radians(elev), np.radians(azim)
    toward = np.array([np.cos(e) * np.cos(a), np.cos(e) * np.sin(a), np.sin(e)])
    right = np.array([-np.sin(a), np.cos(a), 0.0])
    up = np.cross(toward, right)                 # right-handed: right × up = toward
    return right, up, toward


def project(points, elev: float = 22.0, azim: float = -58.0, scale=(1.0, 1.0, 1.0)) -> np.ndarray:
    """Orthographic projection of 3-D points (..., 3) to 2-D screen coordinates (..., 2); `scale`
    stretches each world axis first (e.g. "dim 7 enlarged ×4")."""
    p = np.asarray(points, np.float64) * np.asarray(scale, np.float64)
    right, up, _ = basis(elev, azim)
    return np.stack([p @ right, p @ up], axis=-1)


def polyline_enters_box(points, corner, width: float, height: float, pad: float = 0.05) -> bool:
    """Whether the polyline through `points` (N, ≥2) enters the box of `width` × `height` whose lower
    left is `corner`, grown by `pad` on every side."""
    pts = np.asarray(points, np.float64)
    return len(pts) >= 2 and segments_enter_box(pts[:-1], pts[1:], corner, width, height, pad)


def segments_enter_box(starts, ends, corner, width: float, height: float, pad: float = 0.05) -> bool:
    """Whether any segment starts[i] → ends[i] ((S, ≥2) each) enters the box of `width` × `height`
    whose lower left is `corner`, grown by `pad` on every side (each segment clipped to it: Liang–Barsky)."""
    p = np.asarray(starts, np.float64)[:, :2]
    d = np.asarray(ends, np.float64)[:, :2] - p
    lo = np.asarray(corner, np.float64)[:2] - pad
    hi = lo + np.array([width, height]) + 2 * pad
    t0, t1 = np.zeros(len(p)), np.ones(len(p))
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(2):
            a, b = (lo[k] - p[:, k]) / d[:, k], (hi[k] - p[:, k]) / d[:, k]
            parallel = d[:, k] == 0
            inside = (p[:, k] > lo[k]) & (p[:, k] < hi[k])
            t0 = np.where(parallel, np.where(inside, t0, 1.0), np.maximum(t0, np.minimum(a, b)))
            t1 = np.where(parallel, np.where(inside, t1, 0.0), np.minimum(t1, np.maximum(a, b)))
    return bool(np.any(t0 < t1))

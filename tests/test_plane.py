"""The one plane-geometry module (clip, area, projection), on cases with known answers."""
from __future__ import annotations

import numpy as np
import pytest

from toyviz import plane

SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])   # the unit square, counter-clockwise


def test_shoelace_area_and_orientation():
    assert plane.area(SQUARE) == 1.0 and plane.signed_area(SQUARE) == 1.0
    assert plane.signed_area(SQUARE[::-1]) == -1.0 and plane.area(SQUARE[::-1]) == 1.0
    assert plane.area([[0, 0], [4, 0], [0, 3]]) == 6.0                 # a 3-4-5 right triangle
    assert plane.area(SQUARE[:2]) == 0.0 and plane.area(np.zeros((0, 2))) == 0.0


def test_clip_against_a_half_plane():
    kept = plane.clip_halfplane(SQUARE, [1.0, 0.0], -0.25)             # x − 0.25 ≥ 0
    assert plane.area(kept) == pytest.approx(0.75)
    assert {tuple(v) for v in kept} == {(0.25, 0.0), (1.0, 0.0), (1.0, 1.0), (0.25, 1.0)}
    diagonal = plane.clip_halfplane(SQUARE, [-1.0, -1.0], 1.0)          # x + y ≤ 1: the lower-left triangle
    assert plane.area(diagonal) == pytest.approx(0.5)
    assert len(plane.clip_halfplane(SQUARE, [1.0, 0.0], -2.0)) == 0     # the whole square outside
    assert np.array_equal(plane.clip_halfplane(SQUARE, [1.0, 0.0], 5.0), SQUARE)   # the whole square inside
    assert plane.clip_halfplane(np.zeros((0, 2)), [1.0, 0.0], 0.0).shape == (0, 2)


def test_clip_a_planar_polygon_at_a_level():
    ramp = np.c_[SQUARE, SQUARE[:, 0] * 2.0 - 1.0]                     # z = 2x − 1: crosses z = 0 at x = ½
    above, below = plane.clip_height(ramp, 0.0, "above"), plane.clip_height(ramp, 0.0, "below")
    assert np.all(above[:, 2] >= 0) and np.all(below[:, 2] <= 0)
    assert plane.area(above[:, :2]) == pytest.approx(0.5) and plane.area(below[:, :2]) == pytest.approx(0.5)
    seg = plane.level_segment(ramp, 0.0)
    assert sorted(map(tuple, seg)) == [(0.5, 0.0, 0.0), (0.5, 1.0, 0.0)]
    assert plane.level_segment(ramp, 5.0) is None                      # entirely below the level


def test_projection_of_known_points():
    p = np.array([1.0, 2.0, 3.0])
    assert np.allclose(plane.project(p, elev=0.0, azim=0.0), [2.0, 3.0])     # looking along −x: (y, z)
    assert np.allclose(plane.project(p, elev=90.0, azim=-90.0), [1.0, 2.0])  # from above: (x, y)
    assert np.allclose(plane.project(p, 0.0, 0.0, scale=(1, 1, 10)), [2.0, 30.0])
    right, up, toward = plane.basis(22.0, -58.0)
    assert np.allclose(np.cross(right, up), toward) and np.allclose([right @ up, up @ toward], 0)
    # a direction straight toward the viewer lands on the screen's origin
    assert np.allclose(plane.project(5 * toward, 22.0, -58.0), 0.0)


def test_scene_projection_is_the_shared_one():
    """The Manim helper places `plane.project` in a scene: azimuth 0 looks along +y, z up."""
    mobjects = pytest.importorskip("toyviz.anim.mobjects")
    assert np.allclose(mobjects.project([1.0, 2.0, 3.0], 0.0, 0.0), [1.0, 3.0, 0.0])
    assert np.allclose(mobjects.project([1.0, 2.0, 3.0], 0.0, np.pi / 2, scale=2.0, center=[1, 1, 0]),
                       [3.0, 5.0, 0.0])                                  # from above: (x, y) scaled, moved


def test_polyline_enters_box():
    box = dict(corner=np.array([0.0, 0.0]), width=1.0, height=1.0, pad=0.0)
    assert plane.polyline_enters_box(np.array([[-1.0, 0.5, 0.0], [2.0, 0.5, 0.0]]), **box)    # straight through
    assert not plane.polyline_enters_box(np.array([[-1.0, 2.0, 0.0], [2.0, 2.0, 0.0]]), **box)  # passes above
    assert not plane.polyline_enters_box(np.array([[0.5, 0.5, 0.0]]), **box)                   # a point is no line
    near = np.array([[-1.0, 1.03, 0.0], [2.0, 1.03, 0.0]])
    assert not plane.polyline_enters_box(near, **box) and plane.polyline_enters_box(near, **(box | {"pad": 0.05}))
    # a long diagonal that clips the box's corner between any 24 evenly spaced samples of it
    corner_cut = np.array([[-50.0, 51.95, 0.0], [51.95, -50.0, 0.0]])   # x + y = 1.95
    assert plane.polyline_enters_box(corner_cut, **box)
    assert not plane.polyline_enters_box(corner_cut + [0.1, 0.0, 0.0], **box)              # just past the corner
    assert plane.polyline_enters_box(np.array([[0.2, 0.2, 0.0], [0.4, 0.8, 0.0]]), **box)     # wholly inside

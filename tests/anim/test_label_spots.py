"""Placing moving labels (toyviz.anim.mobjects.Spots, around) on cases whose answer is known."""
from __future__ import annotations

import numpy as np
import pytest

mobjects = pytest.importorskip("toyviz.anim.mobjects")

SIZE = (0.4, 0.2)


def box_gap(centre, size, point) -> float:
    """Distance from `point` to the box of `size` centred at `centre` (0 inside)."""
    d = np.maximum(np.abs(np.asarray(point)[:2] - centre[:2]) - np.asarray(size) / 2, 0.0)
    return float(np.linalg.norm(d))


def test_around_puts_the_box_gap_away_first_in_the_given_direction():
    point = np.array([1.0, -2.0, 0.0])
    spots = mobjects.around(point, SIZE, first=[0.0, 1.0], gap=0.1)
    assert len(spots) == 8
    for c in spots:                               # on an axis the box is exactly `gap` from the point
        assert box_gap(c, SIZE, point) <= 0.1 + 1e-9 and box_gap(c, SIZE, point) > 0.0
    assert np.allclose(spots[0], point + [0, 0.1 + SIZE[1] / 2, 0])           # straight above
    assert np.allclose(spots[-1], point - [0, 0.1 + SIZE[1] / 2, 0])          # last: straight below
    assert spots[1][0] < point[0] < spots[2][0] and min(spots[1][1], spots[2][1]) > point[1]  # then up-left, up-right


def test_spots_take_the_first_clear_candidate_and_keep_it():
    cands = [np.array([0.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]), np.array([0.0, 2.0, 0.0])]
    through_first = np.array([[-1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    spots = mobjects.Spots()
    assert np.allclose(spots.frame([through_first]).place("a", SIZE, cands), cands[1])
    # the line has gone: the label stays where it is rather than hopping back
    assert np.allclose(spots.frame([]).place("a", SIZE, cands), cands[1])
    # its spot is crossed now: it moves to the first clear one
    assert np.allclose(spots.frame([cands[1] + [[-1, 0, 0], [1, 0, 0]]]).place("a", SIZE, cands), cands[0])


def test_spots_keep_labels_apart_and_prefer_a_line_to_a_label():
    cands = [np.array([0.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])]
    spots = mobjects.Spots().frame([], taken=[((-0.1, -0.1), (0.1, 0.1))])      # an axis name at the first spot
    assert np.allclose(spots.place("a", SIZE, cands), cands[1])
    third = np.array([0.0, 2.0, 0.0])
    assert np.allclose(spots.place("b", SIZE, cands + [third]), third)          # both others taken now
    # every spot crossed by a line, the first taken by a label: the second, under the line
    spots = mobjects.Spots().frame([np.array([[-1.0, y, 0.0], [1.0, y, 0.0]]) for y in (0.0, 1.0)])
    spots.place("a", SIZE, cands[:1])
    assert np.allclose(spots.place("b", SIZE, cands), cands[1])
    # nothing free at all: the first candidate (the collision test reports it)
    assert np.allclose(spots.place("c", SIZE, cands), cands[0])

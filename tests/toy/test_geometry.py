"""The engine's activation amount on columns whose answer is known by hand."""
from __future__ import annotations

import numpy as np
import pytest

from toyviz.toy.geometry import activation_amount, zone_boundary


def test_activation_amount_by_hand():
    W = np.array([[2.0, 0.0], [0.0, 1.0]])                  # W₁ = (2, 0), W₂ = (0, 1)
    b = np.array([-1.0, 0.0])
    a = activation_amount(W, b, 0)                          # zone of 1 starts where 2x − 1 = 0
    assert np.allclose(a["start"], [0.5, 0.0]) and np.allclose(a["tip"], [2.0, 0.0])
    assert a["amount"] == pytest.approx(1.5) and a["reconstruction"] == pytest.approx(3.0) and a["norm"] == 2.0
    perfect = activation_amount(W, b, 1)                    # unit column, no bias: reconstructs exactly 1
    assert perfect["amount"] == pytest.approx(1.0) and perfect["reconstruction"] == pytest.approx(1.0)
    # the zone's start lies on the boundary line the stills draw
    (x0, y0), (x1, y1) = zone_boundary(W, b, 0)
    sx, sy = a["start"]
    assert np.isclose((x1 - x0) * (sy - y0) - (y1 - y0) * (sx - x0), 0.0)

"""The two colour decisions (`toyviz.colour`) on colours with known answers: which colours are pale
(outlined on white) and which ink reads best on a fill, both on WCAG's relative luminance."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.colors import to_rgb

from toyviz import colorscience as cs
from toyviz import colour, theme
from toyviz.plot import heatmap


def test_relative_luminance_is_wcags():
    """Linear-light weights: mid grey is about a fifth of white (a gamma-encoded mean would say half)."""
    assert cs.luminance(to_rgb("white")) == pytest.approx(1.0) and cs.luminance(to_rgb("black")) == 0.0
    assert cs.luminance((0.0, 1.0, 0.0)) == pytest.approx(0.7152, abs=1e-4)      # green carries most of it
    assert cs.luminance(to_rgb("#808080")) == pytest.approx(0.2159, abs=1e-4)


def test_pale_means_under_three_to_one_on_white():
    assert colour.is_pale("white") and colour.is_pale("peachpuff") and colour.is_pale((1.0, 0.9, 0.8))
    assert not colour.is_pale("black") and not colour.is_pale("tab:blue") and not colour.is_pale("#808080")
    # the threshold: #959595 is 2.99:1 on white, #949494 is 3.03:1
    assert colour.is_pale("#959595") and not colour.is_pale("#949494")
    assert colour.is_pale(theme.LIGHT.guide)                    # reference lines are meant to be faint


def test_no_colour_of_the_light_palette_is_pale():
    """Stills are drawn in the light theme on white: its colours meet 3:1 there, so none is outlined."""
    t = theme.LIGHT
    pale = [c for c in (*t.features, *t.extras, *t.sources) if colour.is_pale(c)]
    assert not pale


def test_the_post_colours_the_palette_replaced_are_pale():
    """The post's peachpuff, lightskyblue and darkgrey vanish on white (theme.py's reason to darken them)."""
    assert all(colour.is_pale(c) for c in ("peachpuff", "lightskyblue", "darkgrey"))


def test_ink_on_a_fill():
    ink = theme.LIGHT.ink
    assert colour.ink_on("black", "white", ink) == "white"
    assert colour.ink_on("white", "white", ink) == ink
    assert colour.ink_on("#777777", "white", ink) == "white"    # 4.5:1 for white, 3.5:1 for the ink
    assert colour.ink_on("#999999", "white", ink) == ink        # 2.8:1 for white, 5.6:1 for the ink


def test_heatmap_text_keeps_the_best_contrast_two_inks_allow():
    """On every colour of the heat maps' colour map the chosen ink reaches √(contrast of the two inks):
    the two contrasts multiply to it, so the better one reaches at least its square root (4.0:1 for
    white and the light ink). The rule this replaced (BT.709 weights on gamma-encoded values < 0.5)
    left 3.5:1 on some cells."""
    ink = to_rgb(theme.LIGHT.ink)
    floor = np.sqrt(cs.contrast((1.0, 1.0, 1.0), ink))
    cmap = colormaps[heatmap.CMAP]
    worst = min(cs.contrast(to_rgb(colour.ink_on(cmap(i), "white", ink)), cmap(i)[:3]) for i in range(cmap.N))
    assert worst >= floor - 1e-9, (worst, floor)

"""Two decisions about a colour, made once for stills and scenes, both on WCAG's relative luminance
(`toyviz.colorscience`, the measure the palette's contrast tests use):

- **pale**: a colour that stands out from white by less than WCAG's 3:1 minimum for graphics
  (`colorscience.GRAPHICS_CONTRAST`), i.e. of relative luminance above 1.05 / 3 − 0.05 = 0.30. Drawn
  alone on white it is hard to see, so it gets a darker outline. Stills are always drawn on white (the
  dark variant is recoloured afterwards), and every theme colour passes 3:1 on its own background
  (tests/test_palette.py), so only colours outside the palette (such as the guide grey) are pale.
- **ink on a fill**: of two text colours, the one with the higher WCAG contrast on the fill (white on
  dark cells, the ink on light ones).

Any colour matplotlib understands (a name, "#rrggbb", an RGB(A) tuple in [0, 1]; a Manim colour as its
`to_rgb()`).
"""
from __future__ import annotations

from matplotlib.colors import to_rgb

from toyviz import colorscience as cs

WHITE = (1.0, 1.0, 1.0)


def is_pale(color) -> bool:
    """Whether `color` stands out from white by less than 3:1 (peachpuff and friends)."""
    return cs.contrast(to_rgb(color), WHITE) < cs.GRAPHICS_CONTRAST


def ink_on(fill, *inks):
    """Whichever of `inks` (colours) reads best on `fill`: the highest WCAG contrast."""
    rgb = to_rgb(fill)
    return max(inks, key=lambda ink: cs.contrast(to_rgb(ink), rgb))

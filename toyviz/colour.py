"""Light and dark, decided once for stills and scenes: a colour's relative luminance and whether it is
pale enough to vanish on a white background (such colours get an outline; text on a dark cell turns
white).

Any colour matplotlib understands (a name, "#rrggbb", an RGB tuple in [0, 1]; a Manim colour as its
`to_rgb()`).
"""
from __future__ import annotations

from matplotlib.colors import to_rgb

PALE = 0.8    # luminance above which a colour needs an outline on white


def luminance(color) -> float:
    """Relative luminance (ITU-R BT.709 weights on the sRGB components, 0 black … 1 white)."""
    r, g, b = to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def is_pale(color) -> bool:
    """Whether `color` is too light to stand out on white (peachpuff and friends)."""
    return luminance(color) > PALE

"""A still's dark variant: the drawn figure recoloured from the light theme to the dark one.

Recolouring the finished figure, rather than drawing it again, costs one more `savefig` and keeps
the two variants identical in every position and size (the page swaps them without layout shift).
Each colour of an artist is mapped by `dark_color`:
- a colour of the light theme (background, ink, guide, a feature, an extra, a source) becomes the
  same slot of the dark theme, so a feature keeps its hue and its meaning;
- any other grey, or pale tint (shaded spans, light fills), has its CIELAB lightness mirrored between
  the two themes' background and ink, its hue kept: white becomes the dark page, dark text light;
- any other colour stays, lightened (hue kept) only if it would fall under 3:1 against the dark page
  (`colorscience.GRAPHICS_CONTRAST`).
Colour-mapped images and collections (heat maps, colour bars) keep their colour maps: their colours
are data. A map of categories (an RGB image of at most `CATEGORIES` flat colours, or a listed colour
map of at most `CATEGORY_MAP` colours) has each colour mapped like any other, so it keeps agreeing
with its legend; a picture (more colours) is kept.
Path effects' outlines (a halo around a label) and table cells' text are mapped too. A label or a
line drawn on a colour-mapped picture (a number in a heat-map cell, a band's edge across a map) keeps
its colour: it was chosen against the data under it, which does not change.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.cm import ScalarMappable
from matplotlib.collections import Collection, QuadMesh
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.table import Cell
from matplotlib.text import Text

from toyviz import colorscience as cs
from toyviz.theme import DARK, LIGHT

_SLOTS = {mcolors.to_hex(a): mcolors.to_rgb(b) for a, b in zip(
    (LIGHT.background, LIGHT.ink, LIGHT.guide, *LIGHT.features, *LIGHT.extras, *LIGHT.sources),
    (DARK.background, DARK.ink, DARK.guide, *DARK.features, *DARK.extras, *DARK.sources))}
_L_LIGHT = (cs.to_lab(mcolors.to_rgb(LIGHT.background))[0], cs.to_lab(mcolors.to_rgb(LIGHT.ink))[0])
_L_DARK = (cs.to_lab(mcolors.to_rgb(DARK.background))[0], cs.to_lab(mcolors.to_rgb(DARK.ink))[0])
GREY_CHROMA = 12.0   # CIELAB chroma under which a colour counts as a grey
TINT = 85.0          # CIELAB lightness over which a colour counts as a pale tint (a background)
CATEGORIES = 256     # an RGB image with at most this many colours is a map of categories
CATEGORY_MAP = 32    # a listed colour map with at most this many colours names categories (viridis has 256)


@lru_cache(maxsize=4096)
def _dark_rgb(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    slot = _SLOTS.get(mcolors.to_hex(rgb))
    if slot is not None:
        return slot
    L, a, b = cs.to_lab(rgb)
    bg = mcolors.to_rgb(DARK.background)
    if np.hypot(a, b) < GREY_CHROMA or L > TINT:
        t = (L - _L_LIGHT[0]) / (_L_LIGHT[1] - _L_LIGHT[0])      # 0 at the light background, 1 at its ink
        L = _L_DARK[0] + np.clip(t, 0.0, 1.1) * (_L_DARK[1] - _L_DARK[0])
        return tuple(float(x) for x in cs.from_lab([L, a, b]))
    out = np.asarray(rgb, np.float64)
    while cs.contrast(out, bg) < cs.GRAPHICS_CONTRAST and L < 100:
        L += 1.0
        out = cs.from_lab([L, a, b])
    return tuple(float(x) for x in out)


def dark_color(color):
    """The dark theme's counterpart of a Matplotlib colour, as RGBA (alpha kept)."""
    r, g, b, alpha = mcolors.to_rgba(color)
    if alpha == 0:
        return (r, g, b, alpha)
    return (*_dark_rgb((round(r, 6), round(g, 6), round(b, 6))), alpha)


def _dark_array(colors):
    colors = np.asarray(colors)
    return colors if colors.size == 0 else np.array([dark_color(c) for c in colors])


def _is_colour(value) -> bool:
    return not (isinstance(value, str) and value in ("none", "None", "auto", "face"))


def _recolour_rgb_image(image: AxesImage) -> None:
    data = np.asarray(image.get_array())
    rgba = data.astype(np.float64) / (255.0 if data.dtype == np.uint8 else 1.0)
    flat = rgba.reshape(-1, rgba.shape[-1])
    colors, index = np.unique(flat, axis=0, return_inverse=True)
    if len(colors) > CATEGORIES:
        return
    mapped = np.array([dark_color(tuple(c))[:len(c)] for c in colors])   # RGB stays RGB
    out = mapped[index.ravel()].reshape(rgba.shape)
    image.set_data((np.round(out * 255)).astype(np.uint8) if data.dtype == np.uint8 else out)


def _recolour_effects(artist) -> None:
    for effect in getattr(artist, "get_path_effects", lambda: [])() or []:
        gc = getattr(effect, "_gc", {})     # Stroke and withStroke keep their line style here
        if "foreground" in gc:
            gc["foreground"] = dark_color(gc["foreground"])


def _over_data(artist) -> bool:
    """Whether a text (its centre) or a line (every point of it) sits on one colour-mapped image or
    mesh of its axes (drawn: extents are known). Such marks were coloured against the data under
    them, which keeps its colours."""
    ax = artist.axes
    pictures = [] if ax is None else [*ax.images, *(c for c in ax.collections if isinstance(c, QuadMesh))]
    pictures = [p for p in pictures if p.get_array() is not None]
    if not pictures:
        return False
    if isinstance(artist, Text):
        if not artist.get_text():
            return False
        box = artist.get_window_extent()
        points = np.array([[(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]])
    else:
        points = artist.get_transform().transform(np.asarray(artist.get_xydata(), np.float64))
        points = points[np.isfinite(points).all(axis=1)]
        if not len(points):
            return False
    for p in pictures:
        box = p.get_window_extent()
        if ((points[:, 0] >= box.x0 - 0.5) & (points[:, 0] <= box.x1 + 0.5)
                & (points[:, 1] >= box.y0 - 0.5) & (points[:, 1] <= box.y1 + 0.5)).all():
            return True
    return False


def _recolour_patch(patch: Patch) -> None:
    patch.set_facecolor(dark_color(patch.get_facecolor()))
    patch.set_edgecolor(dark_color(patch.get_edgecolor()))
    patch.set_hatchcolor(dark_color(patch.get_hatchcolor()))


def recolour(fig: Figure) -> None:
    """Map every colour of `fig`'s artists to the dark theme, in place (see the module docstring)."""
    for artist in fig.findobj():
        if isinstance(artist, (Text, Line2D)) and _over_data(artist):
            continue
        _recolour_effects(artist)
        if isinstance(artist, Figure):
            artist.patch.set_facecolor(dark_color(artist.patch.get_facecolor()))
        elif isinstance(artist, Text):
            artist.set_color(dark_color(artist.get_color()))
            for patch in (artist.get_bbox_patch(), getattr(artist, "arrow_patch", None)):  # not its children
                if patch is not None:
                    _recolour_effects(patch)
                    _recolour_patch(patch)
        elif isinstance(artist, Line2D):
            artist.set_color(dark_color(artist.get_color()))
            for get, set_ in ((artist.get_markerfacecolor, artist.set_markerfacecolor),
                              (artist.get_markeredgecolor, artist.set_markeredgecolor)):
                if _is_colour(get()):
                    set_(dark_color(get()))
        elif isinstance(artist, Patch):
            _recolour_patch(artist)
            if isinstance(artist, Cell):                      # a table cell's text is not its child
                artist.get_text().set_color(dark_color(artist.get_text().get_color()))
        elif isinstance(artist, AxesImage) and np.ndim(artist.get_array()) == 3:   # RGB(A): no colour map
            _recolour_rgb_image(artist)
        if isinstance(artist, ScalarMappable) and isinstance(artist.get_cmap(), ListedColormap) \
                and artist.get_cmap().N <= CATEGORY_MAP:
            cmap = artist.get_cmap()
            artist.set_cmap(ListedColormap([dark_color(c) for c in cmap.colors], name=f"{cmap.name}_dark")
                            .with_extremes(bad=dark_color(cmap.get_bad()), under=dark_color(cmap.get_under()),
                                           over=dark_color(cmap.get_over())))
        if isinstance(artist, Collection):
            # edgecolor="face" (unfilled scatter markers: x, _, +) hands back the face colours themselves:
            # those edges follow the faces, and mapping them again would map the faces' colours twice
            edges_follow_faces = artist.get_edgecolor() is artist.get_facecolor()
            if artist.get_array() is None:                # colour-mapped collections keep their map
                artist.set_facecolor(_dark_array(artist.get_facecolor()))
            if not edges_follow_faces:
                artist.set_edgecolor(_dark_array(artist.get_edgecolor()))

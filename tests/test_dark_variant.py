"""A still's dark variant (`toyviz.plot.dark`, written by `style.save`): same pixels in the same places,
the page's dark background, the dark theme's colour in each slot, colour maps untouched."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb
from PIL import Image

from toyviz import colorscience as cs
from toyviz import theme
from toyviz.build.registry import with_dark_variants
from toyviz.plot import dark, style

QUALITY = SimpleNamespace(dpi=60)


def _pixels(path):
    return np.asarray(Image.open(path).convert("RGB"), np.int16)


def _close(pixel, color, tol=6) -> bool:
    return bool(np.all(np.abs(pixel - np.array(to_rgb(color)) * 255) <= tol))


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """A still with a thick feature line, ink text, a guide line, a pale span and a viridis image."""
    out = tmp_path_factory.mktemp("dark") / "still.png"
    with style.figure(1, 2, figsize=(6, 3)) as (fig, (ax, ax_img)):
        ax.axvspan(0.6, 0.9, color="#f0e6c8", lw=0)
        ax.plot([0, 1], [0.5, 0.5], color=style.feature_colors(7)[6], lw=12)
        ax.axhline(0.2, color=style.GUIDE, lw=6)
        ax.text(0.05, 0.8, "████", color=style.INK, fontsize=20)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax_img.imshow(np.linspace(0, 1, 64).reshape(8, 8), cmap="viridis")
        style.save(fig, out, QUALITY)
    return out, out.with_name("still.dark.png")


def _frac(img, x, y):
    h, w, _ = img.shape
    return img[int(y * (h - 1)), int(x * (w - 1))]


def test_both_variants_are_written_with_the_same_size(drawn):
    light, dark_png = drawn
    assert Image.open(light).size == Image.open(dark_png).size


def test_background_is_the_dark_page_and_only_colours_change(drawn):
    light, dark_png = (_pixels(p) for p in drawn)
    assert _close(light[0, 0], theme.LIGHT.background) and _close(dark_png[0, 0], theme.DARK.background)
    # where the light still is background, so is the dark one: nothing moved
    light_bg = np.all(np.abs(light - 255) <= 2, axis=-1)
    dark_bg = np.all(np.abs(dark_png - np.array(to_rgb(theme.DARK.background)) * 255) <= 2, axis=-1)
    assert (light_bg == dark_bg).mean() > 0.995


def test_each_slot_takes_its_dark_colour_and_colour_maps_stay(drawn):
    light, dark_png = (_pixels(p) for p in drawn)
    h, w, _ = light.shape
    feature = np.argwhere(np.all(np.abs(light - np.array(to_rgb(theme.LIGHT.unlearnt)) * 255) <= 3, axis=-1))
    assert len(feature) > 100                                     # the thick W7 line is there...
    y, x = feature[len(feature) // 2]
    assert _close(dark_png[y, x], theme.DARK.unlearnt, tol=3)     # ...and is the dark W7 colour
    ink = np.argwhere(np.all(np.abs(light - np.array(to_rgb(theme.LIGHT.ink)) * 255) <= 3, axis=-1))
    y, x = ink[len(ink) // 2]
    assert _close(dark_png[y, x], theme.DARK.ink, tol=3)
    guide = np.argwhere(np.all(np.abs(light - np.array(to_rgb(theme.LIGHT.guide)) * 255) <= 3, axis=-1))
    y, x = guide[len(guide) // 2]
    assert _close(dark_png[y, x], theme.DARK.guide, tol=3)
    right = slice(w // 2 + 40, w - 10)                            # the image's half: viridis, unchanged
    changed = np.any(np.abs(light[h // 4:3 * h // 4, right] - dark_png[h // 4:3 * h // 4, right]) > 3, axis=-1)
    viridis = ~np.all(np.abs(light[h // 4:3 * h // 4, right] - 255) <= 2, axis=-1)
    assert viridis.sum() > 1000 and (changed & viridis).mean() < 0.02


def test_unknown_colours_keep_their_hue_and_pale_tints_go_dark():
    tint = dark.dark_color("#f0e6c8")                          # a pale span: becomes a dark tint
    assert cs.to_lab(tint[:3])[0] < 30
    navy = dark.dark_color("navy")                             # too dark on the page: lightened, still blue
    assert cs.contrast(navy[:3], to_rgb(theme.DARK.background)) >= cs.GRAPHICS_CONTRAST
    hue = lambda c: np.degrees(np.arctan2(*cs.to_lab(to_rgb(c))[[2, 1]]))  # noqa: E731
    assert abs(hue(navy[:3]) - hue("navy")) < 15
    assert dark.dark_color((0.2, 0.5, 0.1, 0.3))[3] == 0.3       # alpha kept
    assert to_hex(dark.dark_color("white")) == theme.DARK.background


def test_unfilled_markers_take_the_dark_ink_once():
    """Scatter markers drawn by their edges only (x, _, +) follow their face colour: the ink becomes the
    dark ink, not mapped a second time back to a dark grey on the dark page."""
    with style.figure() as (fig, ax):
        bars = ax.scatter([0, 1], [0, 1], color=style.INK, marker="_")
        crosses = ax.scatter([0, 1], [1, 0], color=theme.LIGHT.features[0], marker="x")
        edged = ax.scatter([0, 1], [0.5, 0.5], color=theme.LIGHT.features[1], edgecolors=style.INK)
        dark.recolour(fig)
        fig.canvas.draw()
        assert {to_hex(c) for c in bars.get_edgecolor()} == {theme.DARK.ink}
        assert {to_hex(c) for c in crosses.get_edgecolor()} == {theme.DARK.features[0]}
        assert {to_hex(c) for c in edged.get_edgecolor()} == {theme.DARK.ink}
        assert {to_hex(c) for c in edged.get_facecolor()} == {theme.DARK.features[1]}


def test_registry_declares_a_stills_dark_variants():
    assert with_dark_variants(["a.png", "b.json"], "still") == ("a.png", "a.dark.png", "b.json")
    assert with_dark_variants(["v.mp4", "v.png"], "video") == ("v.mp4", "v.png")


def test_maps_of_categories_follow_their_legend_and_halos_follow_the_page():
    from matplotlib import patheffects
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    categories = [theme.LIGHT.unlearnt, "#e0a030"]
    with style.figure() as (fig, ax):
        listed = ax.imshow([[0, 1]], cmap=ListedColormap(categories), vmin=-0.5, vmax=1.5)
        rgb = ax.imshow(np.array([[to_rgb(c) for c in categories]]))
        legend = ax.legend(handles=[Patch(color=c) for c in categories])
        label = ax.text(0.5, 1.05, "A", color=style.INK, transform=ax.transAxes,   # off the image
                        path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])
        dark.recolour(fig)
        expected = [to_hex(dark.dark_color(c)) for c in categories]
        assert expected[0] == theme.DARK.unlearnt
        assert [to_hex(listed.cmap(i)) for i in range(2)] == expected
        assert [to_hex(c) for c in rgb.get_array()[0]] == expected
        assert [to_hex(h.get_facecolor()) for h in legend.legend_handles] == expected
        assert to_hex(label.get_path_effects()[0]._gc["foreground"]) == theme.DARK.background
    with style.figure() as (fig, ax):                    # a picture (many colours) and viridis are kept
        picture = np.random.default_rng(0).random((20, 20, 3))
        image = ax.imshow(picture)
        heat = ax.imshow(picture[..., 0], cmap="viridis")
        dark.recolour(fig)
        assert np.array_equal(image.get_array(), picture) and heat.cmap.name == "viridis"


def test_labels_on_data_keep_their_colour_and_table_text_follows_the_page():
    with style.figure(1, 2) as (fig, (ax, ax_table)):
        ax.imshow([[0.0, 1.0]], cmap="viridis")
        on_cell = ax.text(1, 0, "0.9", color="white")              # chosen against the yellow cell
        outside = ax.text(0.5, 1.2, "title", color=style.INK, transform=ax.transAxes)
        table = ax_table.table(cellText=[["a", "b"]])
        fig.canvas.draw()
        dark.recolour(fig)
        assert to_hex(on_cell.get_color()) == "#ffffff"
        assert to_hex(outside.get_color()) == theme.DARK.ink
        cell = table.get_celld()[0, 0]
        assert to_hex(cell.get_text().get_color()) == theme.DARK.ink
        assert to_hex(cell.get_facecolor()) == theme.DARK.background


def test_lines_on_data_keep_their_colour_and_lines_beside_it_follow_the_page():
    with style.figure(1, 1) as (fig, ax):
        ax.imshow(np.linspace(0, 1, 16).reshape(4, 4), cmap="magma", extent=(0, 4, 0, 4))
        band = ax.plot([0, 4], [1.5, 1.5], color="white", ls="--")[0]   # a band's edge across the map
        leaving = ax.plot([1, 6], [1, 1], color=style.INK)[0]        # runs off the map
        ax.set_xlim(0, 8)
        fig.canvas.draw()
        dark.recolour(fig)
        assert to_hex(band.get_color()) == "#ffffff"
        assert to_hex(leaving.get_color()) == theme.DARK.ink


def test_a_page_embeds_both_variants_at_one_size():
    from toyviz.site import embed

    entry = {"id": "g/s", "title": "S", "kind": "still", "files": ["g/s.png", "g/s.dark.png"], "size": (800, 500)}
    html = embed.figure_html(entry, "part1/page/")
    light, dark_img = html.split("<img")[1:]
    assert 'class="tv-light"' in light and "s.png" in light and 'width="800" height="500"' in light
    assert 'class="tv-dark"' in dark_img and "s.dark.png" in dark_img and 'width="800" height="500"' in dark_img
    assert 'loading="lazy"' in light and 'loading="lazy"' in dark_img       # only the shown one loads
    assert 'data-gallery="light"' in light and 'data-gallery="dark"' in dark_img   # a lightbox per scheme
    single = embed.figure_html({**entry, "files": ["g/s.png"]}, "part1/page/")
    assert single.count("<img") == 1 and "tv-dark" not in single          # a still without a dark variant

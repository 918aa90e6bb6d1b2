"""The themes' colours: the colour arithmetic on cases with known answers, then the palette's two rules
(3:1 contrast against the background, colour-blind-safe differences) and the mirrors that must agree."""
from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb

from toyviz import colorscience as cs
from toyviz import theme
from toyviz.plot import style

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ("normal", "protan", "deutan", "tritan")
MIN_CONTRAST = cs.GRAPHICS_CONTRAST   # WCAG's minimum for graphics (1.4.11), the rule for feature colours
MIN_FEATURE_DE = 10.0       # CIEDE2000 between any two of W1..W7, in every view (about 4 JNDs)
MIN_SOURCE_DE = 8.0         # between any two of the first four ICA sources, in every view


def view(rgb, kind: str):
    return np.asarray(rgb, np.float64) if kind == "normal" else cs.simulate(rgb, kind)


# ----------------------------------------------------------------------------------- colour maths
@pytest.mark.parametrize("lab1, lab2, expected", [   # Sharma, Wu & Dalal (2005), table 1: pairs 1, 7, 17, 25
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert cs.delta_e_lab(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert cs.delta_e_lab(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_wcag_contrast_known_values():
    assert cs.contrast(to_rgb("white"), to_rgb("black")) == pytest.approx(21.0, abs=1e-4)
    assert cs.contrast(to_rgb("#767676"), to_rgb("white")) == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert cs.contrast(to_rgb("#777777"), to_rgb("white")) < 4.5


def test_lab_round_trip_and_white_point():
    assert cs.to_lab((1.0, 1.0, 1.0)) == pytest.approx([100.0, 0.0, 0.0], abs=1e-3)
    for c in ["#b22222", "#87cefa", "#222222", "#0000cd"]:
        assert to_hex(cs.from_lab(cs.to_lab(to_rgb(c)))) == c


@pytest.mark.parametrize("kind", ["protan", "deutan", "tritan"])
def test_dichromat_simulation_keeps_greys(kind):
    for g in (0.0, 0.3, 0.7, 1.0):                    # each Machado matrix's rows sum to 1
        assert cs.simulate((g, g, g), kind) == pytest.approx([g, g, g], abs=2e-3)


@pytest.mark.parametrize("kind", ["protan", "deutan"])
def test_red_green_dichromats_see_one_plane(kind):
    """Protanopes and deuteranopes lack one cone: the simulation projects linear RGB onto a plane (a
    rank-2 matrix), and two colours that differ along its null direction look the same to them."""
    M = cs.MACHADO[kind]
    assert np.linalg.svd(M)[1][-1] < 1e-5
    null = np.linalg.svd(M)[2][-1]
    base = np.array([0.4, 0.4, 0.4])
    a, b = cs.to_srgb(base + 0.15 * null), cs.to_srgb(base - 0.15 * null)
    assert cs.delta_e(a, b) > 10                                       # clearly different colours...
    assert cs.delta_e(cs.simulate(a, kind), cs.simulate(b, kind)) < 0.05   # ...that they confuse
    tab_red, tab_green = to_rgb("#d62728"), to_rgb("#2ca02c")
    assert cs.delta_e(cs.simulate(tab_red, kind), cs.simulate(tab_green, kind)) < 0.4 * cs.delta_e(tab_red, tab_green)


def test_tritans_lose_blue_yellow_not_red_green():
    blue, yellow, red, green = (to_rgb(c) for c in ("#1f77b4", "#bcbd22", "#d62728", "#2ca02c"))
    sim = lambda c: cs.simulate(c, "tritan")  # noqa: E731
    assert cs.delta_e(sim(blue), sim(yellow)) < 0.6 * cs.delta_e(blue, yellow)
    assert cs.delta_e(sim(red), sim(green)) > 0.6 * cs.delta_e(red, green)


# ------------------------------------------------------------------------------------ the palette
@pytest.mark.parametrize("name", list(theme.THEMES))
def test_every_meaningful_colour_stands_out_from_its_background(name):
    t = theme.get(name)
    bg = to_rgb(t.background)
    low = {c: round(cs.contrast(to_rgb(c), bg), 2) for c in (*t.features, *t.extras, *t.sources)
           if cs.contrast(to_rgb(c), bg) < MIN_CONTRAST}
    assert not low, f"{name}: under {MIN_CONTRAST}:1 against {t.background}: {low}"
    assert cs.contrast(to_rgb(t.ink), bg) >= 7.0          # text: WCAG AAA


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_feature_colours_stay_apart_for_colour_blind_readers(name):
    t = theme.get(name)
    worst = min((cs.delta_e(view(to_rgb(a), k), view(to_rgb(b), k)), k, a, b)
                for k in VIEWS for a, b in itertools.combinations(t.features, 2))
    assert worst[0] >= MIN_FEATURE_DE, f"{name}: {worst}"
    sources = min((cs.delta_e(view(to_rgb(a), k), view(to_rgb(b), k)), k, a, b)
                  for k in VIEWS for a, b in itertools.combinations(t.sources[:4], 2))
    assert sources[0] >= MIN_SOURCE_DE, f"{name}: {sources}"


def test_post_colour_identity_kept_where_the_rules_allow():
    # firebrick and mediumslateblue pass both rules on white; mediumblue is the unlearnt W7 in light
    assert theme.LIGHT.features[0] == to_hex("firebrick")
    assert theme.LIGHT.features[5] == to_hex("mediumslateblue")
    assert theme.LIGHT.unlearnt == to_hex("mediumblue")
    # the pale post colours pass on the dark background, and are kept there
    assert theme.DARK.features[1:5] == tuple(to_hex(c) for c in ("darksalmon", "peachpuff", "darkgrey", "lightskyblue"))
    for light, dark in zip(theme.LIGHT.features, theme.DARK.features):   # a slot keeps its hue family
        h1 = np.degrees(np.arctan2(*cs.to_lab(to_rgb(light))[[2, 1]]))
        h2 = np.degrees(np.arctan2(*cs.to_lab(to_rgb(dark))[[2, 1]]))
        chroma = min(np.hypot(*cs.to_lab(to_rgb(c))[1:]) for c in (light, dark))
        assert chroma < 12 or abs((h1 - h2 + 180) % 360 - 180) < 40, (light, dark)


def test_feature_colors_per_theme():
    assert style.feature_colors(7) == list(theme.LIGHT.features)
    assert style.feature_colors(7, palette=theme.DARK) == list(theme.DARK.features)
    dark = style.feature_colors(4, unlearnt=1, palette=theme.DARK)
    assert dark[1] == theme.DARK.unlearnt and theme.DARK.unlearnt not in dark[:1] + dark[2:]
    with pytest.raises(ValueError):
        style.feature_colors(1 + 7 + len(theme.LIGHT.extras))


# ------------------------------------------------------------------------- one source, its mirrors
def _js_list(text: str, name: str) -> list[str]:
    body = re.search(rf"const {name} = \[(.*?)\];", text, re.S)[1]
    return [to_hex(c) for c in re.findall(r'"([^"]+)"', body)]


def _js_string(text: str, name: str) -> str:
    return to_hex(re.search(rf'\b{name} = "([^"]+)"', text)[1])


def test_explorables_mirror_the_light_theme():
    js = (ROOT / "docs/javascripts/explorables/common.js").read_text()
    assert _js_list(js, "POST_COLORS") + [_js_string(js, "UNLEARNT")] == list(theme.LIGHT.features)
    assert _js_list(js, "EXTRA") == list(theme.LIGHT.extras)
    assert _js_string(js, "INK") == theme.LIGHT.ink and _js_string(js, "GUIDE") == theme.LIGHT.guide


def test_ica_playground_mirrors_the_light_sources():
    js = (ROOT / "docs/javascripts/playground/ica.js").read_text()
    assert _js_list(js, "COLS") == list(theme.LIGHT.sources)
    assert _js_string(js, "TRUE_INK") == theme.LIGHT.ink


def test_no_other_copy_of_the_palette():
    """No line outside toyviz/theme.py and its tested mirrors lists two of the post's feature colours, or
    two of the old tab10 source colours, in a row: a copy of the palette that would drift from it."""
    mirrors = {"toyviz/theme.py", "docs/javascripts/explorables/common.js", "docs/javascripts/playground/ica.js"}
    post = "firebrick|darksalmon|peachpuff|darkgrey|lightskyblue|mediumslateblue"
    tab10 = "#d62728|#2ca02c|#1f77b4|#ff7f0e|#9467bd|#8c564b|#e377c2|#17becf"
    copy = re.compile(rf'"({post})",\s*"({post})"|"({tab10})",\s*"({tab10})"', re.I)
    hits = []
    for path in [*ROOT.glob("toyviz/**/*.py"), *ROOT.glob("figures_src/**/*.py"), *ROOT.glob("docs/javascripts/**/*.js")]:
        if str(path.relative_to(ROOT)) not in mirrors:
            hits += [f"{path.relative_to(ROOT)}:{i}" for i, line in enumerate(path.read_text().splitlines(), 1)
                     if copy.search(line)]
    assert not hits, hits


def test_manim_scenes_read_the_selected_theme(monkeypatch):
    import subprocess
    import sys
    code = ("from toyviz.anim import mobjects as m; import json; "
            "print(json.dumps([m.THEME.name, m.BACKGROUND.to_hex(), m.INK.to_hex(), [c.to_hex() for c in m.feature_colors(7)]]))")
    for name, t in theme.THEMES.items():
        env = {**__import__("os").environ, theme.ENV: name}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        got = json.loads(out.stdout.strip().splitlines()[-1])
        assert got[0] == name
        assert [c.lower() for c in got[1:3]] == [t.background, t.ink]
        assert [c.lower() for c in got[3]] == list(t.features)

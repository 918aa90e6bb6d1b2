"""The two colour themes, light (the site's default) and dark (the site's dark scheme, dark slides).

One place for every colour that carries meaning: the background, the ink, the guides, a colour per
feature and a colour per ICA source. Stills are drawn in light and recoloured to dark slot by slot
(`toyviz.plot.style.save`), so a feature keeps its hue in both; Manim scenes read the theme named by
the `TOYVIZ_THEME` environment variable (`toyviz render --theme`, `toyviz slides --theme`).

The feature colours keep the Optimization Failure post's identities (firebrick W₁, salmon W₂, peach
W₃, grey W₄, sky blue W₅, slate blue W₆, mediumblue for the unlearnt W₇), moved only as far as two
rules need (tests/test_palette.py checks both):
- every feature colour has a WCAG contrast of at least 3:1 against its theme's background (the post's
  pale peachpuff, darksalmon, darkgrey and lightskyblue fall short on white, so in light they are
  darker; firebrick and mediumblue fall short on the dark background, so in dark they are lighter);
- any two of W₁ … W₇ differ by a CIEDE2000 ΔE of at least 10 (4 just-noticeable differences) for
  normal vision and for simulated protanopia, deuteranopia and tritanopia (`toyviz.colorscience`).
The values were found by a search over CIELCh near each post colour, maximising the smallest ΔE while
penalising distance from the post colour. The ICA sources keep matplotlib's tab10 hues (red, green,
blue, orange, purple, ...) with the same contrast rule; their red and green are pulled apart in
lightness so that the first four (every ICA set-up has at most four true sources) differ by ΔE ≥ 8
under each simulation (red-orange-green cannot reach 10 at 3:1 on white).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import PurePosixPath

ENV = "TOYVIZ_THEME"


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    ink: str                      # text, axes, arrows drawn in "ink"
    guide: str                    # reference lines, polygon outlines
    features: tuple[str, ...]     # W₁ … W₆ learnt, then W₇ the unlearnt feature (the post's order)
    extras: tuple[str, ...]       # features beyond the seventh
    sources: tuple[str, ...]      # ICA: the columns of A and the sources they stand for

    @property
    def unlearnt(self) -> str:
        return self.features[6]


LIGHT = Theme(
    name="light", background="#ffffff", ink="#222222", guide="#9a9a9a",
    features=("#b22222", "#ef5526", "#aa896a", "#8f8f8f", "#5a8faf", "#7b68ee", "#0000cd"),
    extras=("#2e8b57", "#b68600", "#ce65cb", "#008080", "#a0522d", "#808000", "#ed58a4"),
    sources=("#a8201a", "#4fa33f", "#2f6aa6", "#e56a00", "#9467bd", "#8c564b", "#d46ab4", "#009dae"),
)
# The background is mkdocs-material's slate scheme's (hsl(225°, 15 %, 14 %)), so a dark still sits on
# the dark page without a visible card.
DARK = Theme(
    name="dark", background="#1e2129", ink="#e3e3e3", guide="#6f7584",
    features=("#cb3b34", "#e9967a", "#ffdab9", "#a9a9a9", "#87cefa", "#8391f5", "#784aff"),
    extras=("#3cb371", "#daa520", "#da70d6", "#20b2aa", "#cd7f50", "#a5a52a", "#ff69b4"),
    sources=("#d94a46", "#72e07e", "#4a9ae0", "#ff7f0e", "#a783d6", "#b07a6e", "#e377c2", "#17becf"),
)
THEMES = {t.name: t for t in (LIGHT, DARK)}


def get(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; choose one of {', '.join(THEMES)}") from None


def current() -> Theme:
    """The theme `TOYVIZ_THEME` names (light when unset); read by Manim scenes when they are imported."""
    return get(os.environ.get(ENV) or "light")


def select(name: str) -> Theme:
    """Make `name` the theme of the Manim scenes this process draws, and of the worker processes it
    starts (through `TOYVIZ_THEME`). Scenes read it when `toyviz.anim.mobjects` is first imported:
    selecting another theme after that raises `ValueError` instead of drawing in the wrong one."""
    chosen = get(name)
    drawn = getattr(sys.modules.get("toyviz.anim.mobjects"), "THEME", chosen)
    if drawn.name != chosen.name:
        raise ValueError(f"the scenes are already loaded in the {drawn.name} theme; run a new process "
                         f"for {chosen.name} (or set {ENV}={chosen.name})")
    os.environ[ENV] = chosen.name
    return chosen


def dark_file(name: str) -> str:
    """The dark variant's file name of a still: "a/b.png" → "a/b.dark.png"."""
    p = PurePosixPath(name)
    return str(p.with_name(f"{p.stem}.dark{p.suffix}"))

"""The look shared by every still (and, through `feature_colors`, every Manim scene).

Colours come from `toyviz.theme`: one colour per feature everywhere, after the Optimization Failure
post (firebrick, salmon, peach, grey, sky blue, slate blue, and mediumblue for the feature that is not
learnt), adjusted for contrast and colour-blind readers. Stills are drawn in the light theme; `save`
writes each twice, as drawn and recoloured to the dark theme (`NAME.dark.png`), which the site shows in
its dark scheme. Text sizes are chosen for the width the site shows them at (about 700 CSS pixels).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import colors as mcolors  # noqa: E402

from toyviz import theme  # noqa: E402
from toyviz.plot import dark  # noqa: E402

# The post's order: W1..W6 learnt, W7 the unlearnt one.
POST_COLORS = list(theme.LIGHT.features[:6])
UNLEARNT_COLOR = theme.LIGHT.unlearnt
# Beyond seven features, colours that stay distinct from the post's.
EXTRA_COLORS = list(theme.LIGHT.extras)
INK = theme.LIGHT.ink          # text and axes
GUIDE = theme.LIGHT.guide      # reference lines, polygon outlines
POSITIVE = "royalblue"         # a region where an output is > 0 (the post's highlight)

# ICA: the columns of A and the sources they stand for (RGB mixes of ŝ colour reconstructions).
SOURCE_COLORS = list(theme.LIGHT.sources)


def feature_colors(n: int, unlearnt: int | None = None, palette: theme.Theme = theme.LIGHT) -> list[str]:
    """A colour per feature 0..n-1 in `palette`; feature `unlearnt` (if any) gets the post's mediumblue.

    With no unlearnt feature and n == 7, the seventh feature is mediumblue as in the post.
    """
    post, blue, extras = list(palette.features[:6]), palette.unlearnt, list(palette.extras)
    base = post + [blue] + extras if unlearnt is None else post + extras
    if n > len(base):
        raise ValueError(f"no palette for {n} features (at most {len(base)})")
    if unlearnt is None:
        return base[:n]
    others = iter(base)
    return [blue if i == unlearnt else next(others) for i in range(n)]


def rgb(color: str) -> tuple[float, float, float]:
    return mcolors.to_rgb(color)


RC = {
    "figure.facecolor": theme.LIGHT.background,
    "axes.facecolor": theme.LIGHT.background,
    "savefig.facecolor": theme.LIGHT.background,
    "savefig.transparent": False,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "mathtext.fontset": "dejavusans",
    "svg.hashsalt": "toyviz",        # deterministic SVG ids
    "path.simplify": True,
}


@contextmanager
def figure(*args, **kwargs):
    """`plt.subplots(*args, **kwargs)` under toyviz's style; closes the figure on exit."""
    with plt.rc_context(RC):
        fig, axes = plt.subplots(*args, **kwargs)
        try:
            yield fig, axes
        finally:
            plt.close(fig)


# Called as check(fig, path) on every still just before it is saved; empty unless a test registers
# one (tests/figures/ inspects labels and text sizes this way, on the real Figure objects).
BEFORE_SAVE: list = []


def save(fig, path, quality) -> None:
    """Save a still reproducibly (the preset's dpi, no timestamp in the PNG metadata), then its dark
    variant beside it (`theme.dark_file`): the same figure recoloured by `toyviz.plot.dark`. The figure
    is dark afterwards."""
    path = Path(path)
    for check in BEFORE_SAVE:
        check(fig, path)
    options = dict(dpi=quality.dpi, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.08)
    fig.savefig(path, **options)
    dark.recolour(fig)
    fig.savefig(path.with_name(theme.dark_file(path.name)), facecolor=theme.DARK.background, **options)


def equal_square(ax, radius: float) -> None:
    """Latent-plane axes: same scale on both axes, centred on the origin, light guides."""
    ax.set_aspect("equal")
    ax.set_xlim(-radius, radius)
    ax.set_ylim(-radius, radius)
    ax.axhline(0, color=GUIDE, lw=0.6, zorder=0)
    ax.axvline(0, color=GUIDE, lw=0.6, zorder=0)
    ax.set_xlabel(r"latent $h_1$")
    ax.set_ylabel(r"latent $h_2$")

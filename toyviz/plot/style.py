"""The look shared by every still (and, through `FEATURE_COLORS`, every Manim scene).

One colour per feature everywhere, taken from the Optimization Failure post: firebrick, darksalmon,
peachpuff, darkgrey, lightskyblue, mediumslateblue, and mediumblue for the feature that is not learnt.
Figures have an opaque white background so they stay legible in the site's dark scheme, and text
sizes are chosen for the width the site shows them at (about 700 CSS pixels).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import colors as mcolors  # noqa: E402

# The post's order: W1..W6 learnt, W7 the unlearnt one.
POST_COLORS = ["firebrick", "darksalmon", "peachpuff", "darkgrey", "lightskyblue", "mediumslateblue"]
UNLEARNT_COLOR = "mediumblue"
# Beyond seven features, colours that stay distinct from the post's.
EXTRA_COLORS = ["seagreen", "goldenrod", "orchid", "teal", "sienna", "olive", "hotpink"]
INK = "#222222"          # text and axes
GUIDE = "#9a9a9a"        # reference lines, polygon outlines
POSITIVE = "royalblue"   # a region where an output is > 0 (the post's highlight)

# ICA: the columns of A and the sources they stand for (RGB mixes of ŝ colour reconstructions).
SOURCE_COLORS = ["#d62728", "#2ca02c", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def feature_colors(n: int, unlearnt: int | None = None) -> list[str]:
    """A colour per feature 0..n-1; feature `unlearnt` (if any) gets the post's mediumblue.

    With no unlearnt feature and n == 7, the seventh feature is mediumblue as in the post.
    """
    base = POST_COLORS + [UNLEARNT_COLOR] + EXTRA_COLORS if unlearnt is None else POST_COLORS + EXTRA_COLORS
    if n > len(base):
        raise ValueError(f"no palette for {n} features (at most {len(base)})")
    if unlearnt is None:
        return base[:n]
    others = iter(base)
    return [UNLEARNT_COLOR if i == unlearnt else next(others) for i in range(n)]


def rgb(color: str) -> tuple[float, float, float]:
    return mcolors.to_rgb(color)


RC = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
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
    """Save a still reproducibly: the preset's dpi, no timestamp in the PNG metadata."""
    for check in BEFORE_SAVE:
        check(fig, Path(path))
    fig.savefig(path, dpi=quality.dpi, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.08)


def equal_square(ax, radius: float) -> None:
    """Latent-plane axes: same scale on both axes, centred on the origin, light guides."""
    ax.set_aspect("equal")
    ax.set_xlim(-radius, radius)
    ax.set_ylim(-radius, radius)
    ax.axhline(0, color=GUIDE, lw=0.6, zorder=0)
    ax.axvline(0, color=GUIDE, lw=0.6, zorder=0)
    ax.set_xlabel(r"latent $h_1$")
    ax.set_ylabel(r"latent $h_2$")

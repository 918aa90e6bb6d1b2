"""Outcome phase diagrams: one heatmap per training outcome, rate printed in every cell.

Rows are set-ups (e.g. n = 5…10, then other optimisers), columns learning rates; every panel shares
one colour scale (the fraction of seeds, 0 to 1) so panels can be compared at a glance.
"""
from __future__ import annotations

import numpy as np
from matplotlib import colormaps

from toyviz.toy import LABEL_NAMES

from . import style

OUTCOME_NAMES = LABEL_NAMES
OUTCOME_COLORS = {"perfect": "#2a9d3f", "slow_start": "#9ccf6e", "asymmetric_recovery": "#3a78c2",
                  "still_on_plateau": "#b8c8dc", "symmetric_failure": "mediumblue", "polygon_failure": "#7b3294",
                  "irregular_failure": "firebrick", "not_converged": "#e0a030", "diverged": "#444444"}
CMAP = colormaps["YlGnBu"]
SETTING_NAMES = {("adam", 0.0): "Adam", ("adamw", 1e-2): "AdamW, wd 1e-2", ("adamw", 1e-1): "AdamW, wd 1e-1",
                 ("sgd", 0.0): "SGD (10× lr)"}     # the phase grid's (optimiser, weight decay) settings


def row_name(setting: tuple, n: int) -> str:
    """A phase-grid row's name: its setting and n."""
    return f"{SETTING_NAMES[setting]}, $n={n}$"


def percent(rate: float) -> str:
    """A rate as a short percentage label: "0", "<1", "37", "100"."""
    if rate <= 0:
        return "0"
    p = 100 * rate
    return "<1" if p < 0.5 else f"{p:.0f}"


def lr_label(lr: float) -> str:
    """1e-3 → "1e-3", 3e-4 → "3e-4"."""
    mant, exp = f"{lr:.0e}".split("e")
    return f"{mant}e{int(exp)}"


def heatmap(ax, rates: np.ndarray, row_names: list[str], col_names: list[str], title: str,
            separators: tuple[int, ...] = (), fontsize: float = 9) -> object:
    """One outcome: `rates` (rows, cols) in [0, 1] on the shared scale, its percentage in each cell.
    `separators`: draw a white gap above these row indices. Returns the image (for a colour bar)."""
    im = ax.imshow(rates, cmap=CMAP, vmin=0.0, vmax=1.0, aspect="auto", interpolation="nearest")
    for (i, j), r in np.ndenumerate(rates):
        color = "white" if r > 0.55 else (style.GUIDE if r <= 0 else style.INK)
        ax.text(j, i, percent(float(r)), ha="center", va="center", fontsize=fontsize, color=color)
    for s in separators:
        ax.axhline(s - 0.5, color="white", lw=4)
    _grid_axes(ax, row_names, col_names, title, 11)
    return im


def _grid_axes(ax, row_names, col_names, title: str, title_size: float) -> None:
    """Row and column names on a cell grid, no ticks or frame (one place for both grids' look)."""
    ax.set_xticks(range(len(col_names)), col_names)
    ax.set_yticks(range(len(row_names)), row_names)
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=title_size)


def outcome_panels(axes, rates: np.ndarray, labels, row_names, lrs, separators=()) -> object:
    """A heatmap per outcome on `axes` (flat, at least len(labels)); rates (rows, lrs, labels)."""
    cols = [lr_label(x) for x in lrs]
    im = None
    for k, (ax, label) in enumerate(zip(axes, labels)):
        im = heatmap(ax, rates[:, :, k], row_names, cols, OUTCOME_NAMES.get(label, label), separators)
    return im


def share_map(ax, shares, row_names, col_names, title: str, fontsize: float = 9) -> object:
    """A grid of shares with their counts: `shares` (rows, cols) of {"count", "of", "share"} records
    (`toyviz.toy.experiments.share`). Each cell is coloured by its share and prints it with "k/N";
    a cell with nothing to count (N = 0) is left blank with a dash. Returns the image."""
    rates = np.array([[np.nan if s["of"] == 0 else s["share"] for s in row] for row in shares], float)
    im = ax.imshow(np.ma.masked_invalid(rates), cmap=CMAP, vmin=0.0, vmax=1.0, aspect="auto",
                   interpolation="nearest")
    for (i, j), r in np.ndenumerate(rates):
        s = shares[i][j]
        if s["of"] == 0:
            ax.text(j, i, "–", ha="center", va="center", fontsize=fontsize, color=style.GUIDE)
            continue
        color = "white" if r > 0.55 else style.INK
        ax.text(j, i, f"{percent(float(r))}%\n{s['count']}/{s['of']}", ha="center", va="center",
                fontsize=fontsize, color=color, linespacing=1.1)
    _grid_axes(ax, row_names, col_names, title, 10)
    return im

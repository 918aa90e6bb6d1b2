"""Training length: how long seeds sit in the Symmetric Failure plateau, and what they end as.

`fraction_lines` and `outcome_areas` draw the engine's `toyviz.toy.analysis.length_curves` of a run:
per-checkpoint fractions in the Symmetric Failure shape and with a dead feature, and each seed's
outcome label at each checkpoint.
"""
from __future__ import annotations

import numpy as np

from toyviz.toy import LABELS
from toyviz.toy.analysis import LENGTH_MIN_STEP as MIN_STEP

from . import style
from .phase import OUTCOME_COLORS, OUTCOME_NAMES

OPT_COLORS = {"adamw": "mediumblue", "adam": "darkorange", "sgd": "dimgrey"}
OPT_NAMES = {"adamw": "AdamW", "adam": "Adam", "sgd": "SGD"}


def fraction_lines(ax, curves: dict, color: str, name: str) -> None:
    """Solid: fraction in the Symmetric Failure shape; dashed: fraction with a dead feature."""
    s = curves["steps"]
    m = s >= MIN_STEP
    ax.plot(s[m], curves["shape"][m], color=color, lw=2.2, label=f"{name}: Symmetric Failure shape")
    ax.plot(s[m], curves["dead"][m], color=color, lw=1.4, ls="--", label=f"{name}: any dead feature")


def outcome_areas(ax, curves: dict, labels=LABELS) -> None:
    """Stacked fractions of each outcome label against training length."""
    lab = curves["labels"]
    fr = np.stack([(lab == name).mean(axis=1) for name in labels])    # (L, T')
    ax.stackplot(curves["label_steps"], fr, colors=[OUTCOME_COLORS[n] for n in labels],
                 labels=[OUTCOME_NAMES[n] for n in labels], alpha=0.9, lw=0)
    ax.set_xscale("log")
    ax.set_xlim(MIN_STEP, curves["label_steps"][-1])
    ax.set_ylim(0, 1)


def step_guides(ax, steps=(25_000, 100_000), labels=("25,000 (post)", "100,000")) -> None:
    for s, text in zip(steps, labels):
        ax.axvline(s, color=style.INK, lw=1.0, ls=":", zorder=3)
        ax.text(s / 1.06, 0.985, text, transform=ax.get_xaxis_transform(), ha="right", va="top", fontsize=9,
                color=style.INK)


def line_legend(ax, colors: dict[str, str]) -> None:
    """One row above the data: a colour per optimiser, then solid = shape, dashed = dead feature."""
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], color=c, lw=2.2) for c in colors.values()]
    handles += [Line2D([], [], color=style.INK, lw=2.2), Line2D([], [], color=style.INK, lw=1.4, ls="--")]
    names = list(colors) + ["in the Symmetric Failure shape", "any dead feature"]
    ax.legend(handles, names, loc="upper left", ncol=2, fontsize=8.5, frameon=False,
              handlelength=1.8, columnspacing=1.0, borderaxespad=0.2)

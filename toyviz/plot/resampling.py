"""Neuron resampling, with and without: dead features over training and where the seeds end up.

Reads the arrays of `toyviz.toy.showcase.resampling_arms` (a shared first part up to the resampling
step, then a control arm and a resampled arm from the same weights) through the engine's
`resampling_dead_curve` and `resampling_end_states`.
"""
from __future__ import annotations

import numpy as np
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from toyviz.toy.experiments import RESAMPLED_END_STATES as END_STATES, resampling_dead_curve, resampling_end_states

from . import style

ARM_COLORS = {"control": "dimgrey", "resampled": "seagreen"}
ARM_NAMES = {"control": "without resampling (restart only)", "resampled": "with resampling"}
END_COLORS = ("#2a9d3f", "#e0a030", "mediumblue", "firebrick")


def timeline(ax, data: dict) -> None:
    """Dead features (all seeds together) against step: the shared first part, then both arms. The
    resampling step is a dotted line, named in the headroom above the curves."""
    s, d = resampling_dead_curve(data, None)
    top = d.max()
    ax.plot(s / 1000, d, color=style.INK, lw=2.0, label="shared training")
    for arm in ("control", "resampled"):
        s, d = resampling_dead_curve(data, arm)
        top = max(top, d.max())
        ax.plot(s / 1000, d, color=ARM_COLORS[arm], lw=2.2, label=ARM_NAMES[arm],
                ls="--" if arm == "control" else "-")
    at = data["at"] / 1000
    ax.axvline(at, color=style.GUIDE, lw=1.0, ls=":")
    ax.text(at, 0.97, f" resampled at {data['at']:,}", transform=ax.get_xaxis_transform(), ha="left", va="top",
            fontsize=9, color=style.INK)
    ax.set_xlim(0, data["steps"] / 1000)
    ax.set_ylim(0, 1.25 * max(top, 1))
    ax.set_xlabel("training step (thousands)")
    ax.set_ylabel("dead features, all seeds\n($\\|W_i\\| < 0.1$)")


def end_bars(ax, data: dict) -> dict:
    """Paired bars per end state, named above each pair: among the seeds that had a dead feature when
    resampled, their end state in each arm (hatched: without resampling, upper bar). Returns the
    counts, with how many seeds without a dead feature then have one at the end ("newly_dead")."""
    had = data["dead_at"].any(axis=1)
    counts = {}
    y = np.arange(len(END_STATES))
    for arm in ("control", "resampled"):
        st = resampling_end_states(data, arm)
        c = np.array([(st[had] == j).sum() for j in range(len(END_STATES))])
        newly = int((st[~had] >= 2).sum())
        counts[arm] = {"states": c, "newly_dead": newly}
        off = -0.1 if arm == "control" else 0.22
        ax.barh(y + off, c, height=0.3, color=END_COLORS, edgecolor=ARM_COLORS[arm], lw=1.4,
                hatch="//" if arm == "control" else None, alpha=0.85 if arm == "control" else 1.0)
        for yy, v in zip(y + off, c):
            ax.text(v, yy, f" {v:,}", va="center", ha="left", fontsize=9, color=style.INK)
    for yy, name in zip(y, END_STATES):
        ax.text(0, yy - 0.42, name, va="center", ha="left", fontsize=9, color=style.INK)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)         # the bars start at 0; the names sit where a spine would
    ax.set_ylim(len(END_STATES) - 0.55, -0.7)
    ax.set_xlim(0, max(1, int(had.sum())) * 1.25)
    ax.set_xlabel(f"seeds (of {int(had.sum()):,} dead at {data['at']:,})")
    return counts


def legend(fig) -> None:
    """One key above the figure for the curves and the bars: each arm's line beside its bar (on a
    neutral fill, since a bar's fill is its end state)."""
    def key(arm):
        return (Line2D([], [], color=ARM_COLORS[arm], lw=2.2, ls="--" if arm == "control" else "-"),
                Patch(facecolor="#c8c8c8", edgecolor=ARM_COLORS[arm], lw=1.4, hatch="//" if arm == "control" else None))
    fig.legend([Line2D([], [], color=style.INK, lw=2.0), key("control"), key("resampled")],
               ["shared training", ARM_NAMES["control"], ARM_NAMES["resampled"]],
               handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)}, handlelength=4.0,
               loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=9, frameon=False)

"""Neuron resampling, with and without: dead features over training and where the seeds end up.

Reads the arrays of `toyviz.plot.beyond.resampling_arms` (a shared first part up to the resampling
step, then a control arm and a resampled arm from the same weights).
"""
from __future__ import annotations

import numpy as np

from toyviz.toy import dead_features, symmetric_failure_shape

from . import style

ARM_COLORS = {"control": "dimgrey", "resampled": "seagreen"}
ARM_NAMES = {"control": "without resampling (restart only)", "resampled": "with resampling"}
END_STATES = ("all learnt, loss ≤ 1e-4", "all learnt, loss > 1e-4", "dead: Symmetric Failure shape",
              "dead: other shape")
END_COLORS = ("#2a9d3f", "#e0a030", "mediumblue", "firebrick")


def dead_curve(data: dict, arm: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(steps, dead features summed over seeds) of the first part (arm None) or of an arm."""
    if arm is None:
        return data["first_steps"], dead_features(data["first_W"]).sum(axis=(0, 2))
    return data["arm_steps"], dead_features(data[f"{arm}_W"]).sum(axis=(0, 2))


def end_states(data: dict, arm: str) -> np.ndarray:
    """(K,) index into END_STATES of each seed's state at the end of `arm`."""
    W, b, loss = data[f"{arm}_W"][:, -1], data[f"{arm}_b"][:, -1], data[f"{arm}_loss"][:, -1]
    dead = dead_features(W).any(axis=1)
    sf = symmetric_failure_shape(W, b)
    return np.where(dead, np.where(sf, 2, 3), np.where(loss <= 1e-4, 0, 1))


def timeline(ax, data: dict) -> None:
    """Dead features (all seeds together) against step: the shared first part, then both arms."""
    s, d = dead_curve(data, None)
    ax.plot(s / 1000, d, color=style.INK, lw=2.0, label="shared training")
    for arm in ("control", "resampled"):
        s, d = dead_curve(data, arm)
        ax.plot(s / 1000, d, color=ARM_COLORS[arm], lw=2.2, label=ARM_NAMES[arm],
                ls="--" if arm == "control" else "-")
    ax.axvline(data["at"] / 1000, color=style.GUIDE, lw=1.0, ls=":")
    span = data["steps"] / 1000
    ax.annotate(f"resampled at step {data['at']:,}", xy=(data["at"] / 1000, 0.62),
                xytext=(data["at"] / 1000 + 0.18 * span, 0.62), xycoords=ax.get_xaxis_transform(),
                textcoords=ax.get_xaxis_transform(), va="center", ha="left", fontsize=9, color=style.INK,
                arrowprops=dict(arrowstyle="->", color=style.INK, lw=0.8))
    ax.set_xlim(0, data["steps"] / 1000)
    ax.set_ylim(0, None)
    ax.set_xlabel("training step (thousands)")
    ax.set_ylabel("dead features, all seeds ($\\|W_i\\| < 0.1$)")


def end_bars(ax, data: dict) -> dict:
    """Grouped bars: among the seeds that had a dead feature when resampled, their end state in each
    arm (and, printed, how many seeds without one then have one at the end). Returns the counts."""
    had = data["dead_at"].any(axis=1)
    counts = {}
    y = np.arange(len(END_STATES))
    for i, arm in enumerate(("control", "resampled")):
        st = end_states(data, arm)
        c = np.array([(st[had] == j).sum() for j in range(len(END_STATES))])
        newly = int((st[~had] >= 2).sum())
        counts[arm] = {"states": c, "newly_dead": newly}
        off = -0.2 if arm == "control" else 0.2
        ax.barh(y + off, c, height=0.38, color=END_COLORS, edgecolor=ARM_COLORS[arm], lw=1.4,
                hatch="//" if arm == "control" else None, alpha=0.85 if arm == "control" else 1.0)
        for yy, v in zip(y + off, c):
            ax.text(v, yy, f" {v:,}", va="center", ha="left", fontsize=9, color=style.INK)
    ax.set_yticks(y, END_STATES)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1, int(had.sum())) * 1.25)
    ax.set_xlabel(f"seeds (of the {int(had.sum()):,} with a dead feature at step {data['at']:,})")
    ax.tick_params(axis="y", length=0)
    return counts

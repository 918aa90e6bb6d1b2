"""How close a rule that does not know A_true gets to the A that does: the ICA selection measured
over many sets of source directions (`toyviz.ica.selection_study`), as a still."""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from toyviz.ica import selection_gaps
from toyviz.plot import style

RULES = [  # (key of selection_study, legend text, colour, marker); the first is the engine's rule
    ("selected", "evidence, scale fitted, steps + restarts", "#9467bd", "o"),
    ("first_restart", "evidence, scale fitted, one run's steps", "#e377c2", "s"),
    ("fixed_scale", "evidence at λ_prior = 0.5, steps + restarts", "#17becf", "^"),
    ("map_objective", "MAP objective, steps + restarts", "#8c564b", "v"),
    ("final", "last step of one run", "#7f7f7f", "x"),
]
ORACLE = ("oracle", "least error (needs A_true)", "#222222", "_")
SCATTER = ("oracle", "selected", "final")   # the rules drawn run by run (top panel)


def draw(ax, cdf, legend_ax, study, groups, near: float = 1.0) -> None:
    """`ax`: every set's error by rule (log scale), sets grouped and sorted by the oracle's error;
    `cdf`: the share of (set, seed) pairs whose rule lands within d degrees of the oracle, with its
    legend in the empty axes `legend_ax` (the rules' names are long: beside the curves, not over them)."""
    groups = np.asarray(groups)
    order = np.concatenate([np.flatnonzero(groups == g)[np.argsort(study["oracle"][groups == g].mean(1))]
                            for g in dict.fromkeys(groups)])
    x = np.arange(len(order))
    for key, text, color, marker in [r for r in [ORACLE] + RULES if r[0] in SCATTER]:
        y = study[key][order]                                              # (sets, seeds)
        for s in range(y.shape[1]):   # markers as a Line2D with their colours given: plot.dark maps them once
            ax.plot(x, np.maximum(y[:, s], 0.05), ls="", marker=marker, ms=5.5 if marker != "_" else 8.5,
                    mfc=color, mec=color, mew=1.6 if marker in "x_" else 0, label=text if s == 0 else None,
                    zorder=3, alpha=0.9)
    edge = 0
    for g in dict.fromkeys(groups):
        n = int(np.sum(groups == g))
        ax.axvspan(edge - 0.5, edge + n - 0.5, color="#f2f2f2" if len(ax.patches) % 2 == 0 else "white", zorder=0)
        ax.text(edge + (n - 1) / 2, 1.02, "post's sets" if g == "post" else f"{g} directions", ha="center",
                va="bottom", transform=ax.get_xaxis_transform(), fontsize=10, color=style.INK)
        edge += n
    ax.set_yscale("log")
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100) if 0.8 * np.nanmin(study["oracle"]) <= t <= 1.2 * np.nanmax(
        [np.nanmax(study[k]) for k in SCATTER])]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([f"{t}°" for t in ticks])
    ax.set_xlim(-0.7, len(order) - 0.3)
    ax.set_xticks([])
    ax.set_xlabel("direction set (sorted by the least error within each group)")
    ax.set_ylabel("mean angle error (sign-aware)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=9, frameon=False)
    d = np.linspace(0, 10, 401)
    gaps = selection_gaps(study)
    for key, text, color, marker in RULES:
        gap = gaps[key].ravel()
        share = (gap[None, :] <= d[:, None]).mean(1)
        cdf.plot(d, 100 * share, color=color, lw=2.2,
                 label=f"{text}:\n{100 * np.mean(gap <= near):.0f} % within {near:g}°")
    cdf.axvline(near, color=style.GUIDE, lw=1, ls=(0, (4, 3)))
    cdf.set_xlim(0, 10)
    cdf.set_ylim(0, 101)
    cdf.set_xlabel("degrees worse than the least error")
    cdf.set_ylabel("share of runs (%)")
    cdf.text(near, 101, f" {near:g}°", ha="left", va="bottom", fontsize=9, color=style.GUIDE)
    legend_ax.axis("off")
    legend_ax.legend(*cdf.get_legend_handles_labels(), loc="center left", fontsize=9, frameon=False)

"""Radii of learnt solutions: one circle, two circles, or a spread?

`strip` draws each seed's sorted lengths over its median (`toyviz.toy.analysis.relative_norms`) per
rank, shortest to longest, for several groups of seeds side by side; `pattern_bars` counts the
circle patterns (`analysis.circle_pattern`: "5+2", five features on one radius, two on a shorter
one) of several snapshots.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from . import style


def strip(ax, groups: dict[str, np.ndarray], colors: dict[str, str], seed: int = 0, size: float = 6) -> None:
    """Per rank of the sorted lengths, one jittered column of dots per group (rel (K, n) each)."""
    rng = np.random.default_rng(seed)
    width = 0.8 / max(1, len(groups))
    for g, (name, rel) in enumerate(groups.items()):
        K, n = rel.shape
        if K == 0:
            continue
        off = -0.4 + width * (g + 0.5)
        x = np.arange(1, n + 1)[None, :] + off + rng.uniform(-0.4, 0.4, size=(K, n)) * width
        ax.scatter(x.ravel(), rel.ravel(), s=size, color=colors[name], alpha=0.5, lw=0,
                   label=f"{name} ({K:,})", rasterized=True)
    ax.set_xticks(range(1, rel.shape[1] + 1))
    ax.set_xlabel("feature, shortest to longest")
    ax.set_ylabel(r"$\|W_i\|$ / seed's median $\|W_i\|$")
    ax.axhline(1.0, color=style.GUIDE, lw=0.6, zorder=0)


def pattern_bars(ax, snapshots: dict[str, list[str]], colors: dict[str, str]) -> list[str]:
    """Grouped bars: how many seeds have each circle pattern, one bar per snapshot. Patterns are
    ordered by number of circles, then by frequency. Returns the pattern order."""
    counts = {name: Counter(p) for name, p in snapshots.items()}
    every = Counter()
    for c in counts.values():
        every.update(c)
    order = sorted(every, key=lambda p: (p.count("+"), -every[p]))
    x = np.arange(len(order))
    width = 0.8 / max(1, len(snapshots))
    for i, (name, c) in enumerate(counts.items()):
        v = np.array([c.get(p, 0) for p in order])
        xs = x - 0.4 + width * (i + 0.5)
        ax.bar(xs, v, width=width * 0.95, color=colors[name], label=name)
        for xx, vv in zip(xs, v):
            if vv:
                ax.text(xx, vv, f"{vv:,}", ha="center", va="bottom", fontsize=9, color=style.INK)
    ax.set_xticks(x, [f"{p}\n({p.count('+') + 1})" for p in order])
    ax.set_xlabel("features per circle, outer to inner (number of circles)")
    ax.set_ylabel("seeds")
    return order

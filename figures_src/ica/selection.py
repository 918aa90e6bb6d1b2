"""Selecting the learnt A without A_true: how close the model's own criterion gets to the oracle

The best-effort recipe (preset E6.1: normalised update, equal column norms, spread start, warm-up +
cosine schedule) with 4 restarts per seed on the post's two sets of source directions and on 20
seeded random sets each of 3 and 4 directions (`toyviz.ica.showcase.selection_sets`: 4 each at smoke
quality; 1 seed per set at preview, 2 at final quality). For each run: the least mean angle error over every step and restart
(the oracle, the post's "A at the time of minimum error", which needs A_true), the A of highest
Laplace evidence with the prior's scale fitted over steps and restarts, the same over the steps of
restart 0 alone, and the last A of restart 0 (`toyviz.ica.selection_study`). Top: each run's errors
by rule on a log scale; bottom: the share of runs whose rule lands within d degrees of the oracle.
"""
from toyviz.ica import selection_study
from toyviz.ica import showcase
from toyviz.plot import style
from toyviz.plot.ica_selection import draw

ID = "ica/selection"
KIND = "still"
REPRODUCES = None
FILES = ["selection.png"]


def build(out, quality):
    sets = showcase.selection_sets(quality)
    study = selection_study([a for _, a in sets], showcase.selection_seeds(quality))
    # stacked for the column: the runs across the full width, the shares below with their legend beside
    grid = dict(height_ratios=[1.1, 1], width_ratios=[1, 1], hspace=0.55, wspace=0.05)
    with style.figure(2, 2, figsize=(7.4, 7.4), gridspec_kw=grid) as (fig, axes):
        for a in axes[0]:
            a.remove()
        draw(fig.add_subplot(axes[1, 0].get_gridspec()[0, :]), axes[1, 0], axes[1, 1], study, [g for g, _ in sets])
        style.save(fig, out / FILES[0], quality)

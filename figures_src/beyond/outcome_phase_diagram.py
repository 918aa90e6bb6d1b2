"""How training stands at the post's length, against n, learning rate and optimiser: the outcome phase diagram

One heatmap per label of the engine's classifier (`toyviz.toy.LABELS`), each cell the fraction of
seeds with that label at step 25,000, the post's training length (printed as a percentage; every
panel on the same colour scale). The runs are the phase grid of `toyviz.toy.showcase.phase_grid`,
trained to 100,000 steps, so a seed with a dead feature at 25,000 that learns it later is "still on a
plateau", and one that stays dead is a failure (named by its shape at 25,000). Rows: Adam, AdamW with
weight decay 1e-2 and 1e-1, and plain SGD (at 10× the column's learning rate), each for every n of
the grid; the same seeds in every cell of a row (2,000 at final quality; below it, a slice of three
n and two learning rates).
"""
from toyviz.plot import phase, style
from toyviz.toy import LABEL_NAMES, LABELS
from toyviz.toy import showcase

ID = "beyond/outcome_phase_diagram"
KIND = "still"
REPRODUCES = None
FILES = ["outcome_phase_diagram.png"]


DEFINITIONS = {   # the engine's rules (toyviz.toy.analysis), first match wins, shortened for the figure
    "diverged": "a weight became infinite or NaN",
    "still_on_plateau": "a feature dead now, but learnt later in the run",
    "symmetric_failure": "one feature dead to the end, the rest a regular polygon, its bias ≈ 1/n",
    "polygon_failure": "several dead to the end, the rest a regular polygon",
    "irregular_failure": "dead to the end in any other shape",
    "not_converged": "every feature learnt, loss above 1e-4",
    "asymmetric_recovery": "every feature learnt, after the Symmetric Failure shape",
    "slow_start": "every feature learnt, after a dead one, never in that shape",
    "perfect": "no feature dead after the first checkpoint, loss ≤ 1e-4",
}


def build(out, quality):
    grid = showcase.phase_grid(quality)
    rates = showcase.label_rates(grid, showcase.POST_STEPS)
    names = [phase.row_name(s, n) for s, n in grid["rows"]]
    per = len(grid["ns"])
    cols, rows = 3, -(-len(LABELS) // 3)
    panel = 0.8 + 0.24 * len(names)                     # inches per panel row: title, cells, lr ticks
    height = 0.6 + rows * panel + 2.8
    with style.figure(figsize=(7.3, height)) as (fig, first):
        fig.delaxes(first)
        gs = fig.add_gridspec(rows + 2, cols, height_ratios=(panel,) * rows + (2.1, 0.8), hspace=0.25, wspace=0.08,
                              left=0.2, right=0.99, top=1 - 0.6 / height, bottom=0.01)
        flat = [fig.add_subplot(gs[k // cols, k % cols]) for k in range(len(LABELS))]
        im = phase.outcome_panels(flat, rates, LABELS, names, grid["lrs"],
                                  separators=tuple(range(per, len(names), per)))
        for k, ax in enumerate(flat):
            ax.tick_params(labelleft=k % cols == 0)
        # what each label means (the classifier's rules, toyviz.toy.analysis, in short), under the panels
        rules = "\n".join(f"$\\bf{{{LABEL_NAMES[k].replace(' ', '~')}}}$: {DEFINITIONS[k]}" for k in LABELS)
        fig.text(0.01, gs[rows, :].get_position(fig).y1, f"The labels (dead: a column shorter than 0.1)\n{rules}",
                 va="top", fontsize=9, color=style.INK, linespacing=1.5)
        key = fig.add_subplot(gs[rows + 1, :])
        key.axis("off")
        cb = fig.colorbar(im, cax=key.inset_axes([0.0, 0.55, 0.38, 0.22]), orientation="horizontal")
        cb.set_label("fraction of seeds (cells print %)", fontsize=9)
        key.text(0.45, 0.95,
                 f"{grid['n_seeds']:,} seeds per cell, label at step 25,000\n"
                 "of runs trained to 100,000 steps; columns:\n"
                 "learning rate (SGD runs at 10×); the same\n"
                 "seeds in every cell of a row",
                 transform=key.transAxes, va="top", fontsize=9, color=style.INK, linespacing=1.4)
        fig.suptitle("How training stands at 25,000 steps: fraction of seeds per label", fontsize=11.5, y=0.995)
        style.save(fig, out / FILES[0], quality)

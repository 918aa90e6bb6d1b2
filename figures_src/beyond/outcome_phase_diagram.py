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
    cols, rows = 3, -(-(len(LABELS) + 1) // 3)
    height = 1.2 + rows * (0.9 + 0.3 * len(names))
    with style.figure(rows, cols, figsize=(4.6 * cols * (0.55 + 0.1 * len(grid["lrs"])) + 2.2, height),
                      sharex=True, sharey=True) as (fig, axes):
        flat = axes.ravel()
        im = phase.outcome_panels(flat, rates, LABELS, names, grid["lrs"],
                                  separators=tuple(range(per, len(names), per)))
        for k, ax in enumerate(flat[:len(LABELS)]):
            ax.tick_params(labelbottom=True, labelleft=k % cols == 0)
        for ax in flat[len(LABELS):]:
            ax.axis("off")
        # what each label means (the classifier's rules, toyviz.toy.analysis, in short), in the free panels
        flat[len(LABELS)].text(0.0, 1.0, "The labels (dead: a column shorter than 0.1)\n" + "\n".join(
            f"$\\bf{{{LABEL_NAMES[k].replace(' ', '~')}}}$: {DEFINITIONS[k]}" for k in LABELS),
            transform=flat[len(LABELS)].transAxes, va="top", fontsize=10, color=style.INK, linespacing=1.6)
        last = flat[-1]
        cax = last.inset_axes([0.08, 0.84, 0.84, 0.07])
        cb = fig.colorbar(im, cax=cax, orientation="horizontal")
        cb.set_label("fraction of seeds (cells print %)")
        last.text(0.02, 0.58,
                  f"{grid['n_seeds']:,} seeds per cell, label at step 25,000\n"
                  "of runs trained to 100,000 steps\n"
                  "columns: learning rate (SGD runs at 10×)\n"
                  "same seeds in every cell of a row",
                  transform=last.transAxes, va="top", fontsize=10, color=style.INK, linespacing=1.5)
        fig.suptitle("How training stands at 25,000 steps: fraction of seeds per label", fontsize=13, y=0.995)
        fig.tight_layout(rect=(0, 0.01, 1, 0.985))
        style.save(fig, out / FILES[0], quality)

"""How training ends, against n and learning rate: the outcome phase diagram

One heatmap per label of the engine's classifier (`toyviz.toy.LABELS`), each cell the fraction of
seeds that end that way (printed as a percentage; every panel on the same colour scale). Rows n = 5…10 are AdamW
(weight decay 1e-2) at m = 2; the two rows below compare Adam and plain SGD at n = 7 (SGD at 10× the
column's learning rate, as `toyviz.toy.experiments.phase_diagram` runs it). Each (n, optimiser) is
one batched `phase_diagram` run of 25,000 full-batch steps (the post's length) with the same seeds
for every learning rate (1,000 seeds per cell at final quality), labelled from its recorded history:
a seed is "Asymmetric Recovery" if it was in the Symmetric Failure shape at some checkpoint and has
learnt every feature at the end, "Symmetric Failure" only if it is still in that shape at step 25,000
with exactly one dead feature.
"""
from toyviz.plot import beyond, phase, style
from toyviz.toy import LABELS

ID = "beyond/outcome_phase_diagram"
KIND = "still"
REPRODUCES = None
FILES = ["outcome_phase_diagram.png"]



def build(out, quality):
    seeds = beyond.seeds(quality, "phase")
    grid = beyond.phase_grid(seeds)
    with style.figure(5, 2, figsize=(10, 16.2), sharex=True, sharey=True) as (fig, axes):
        flat = axes.ravel()
        im = phase.outcome_panels(flat, grid["rates"], LABELS, grid["names"], grid["lrs"],
                                  separators=(len(beyond.NS),))
        for ax in flat[:len(LABELS)]:
            ax.tick_params(labelbottom=True, labelleft=True)
        last = flat[-1]
        last.axis("off")
        cax = last.inset_axes([0.08, 0.84, 0.84, 0.07])
        cb = fig.colorbar(im, cax=cax, orientation="horizontal")
        cb.set_label("fraction of seeds (cells print %)")
        last.text(0.02, 0.58,
                  f"{seeds:,} seeds per cell, 25,000 full-batch steps\n"
                  "rows $n=5$–$10$: AdamW (weight decay 1e-2), $m=2$\n"
                  "last two rows: Adam and SGD at $n=7$\n"
                  "columns: learning rate (SGD runs at 10×)\n"
                  "same seeds in every cell of a row",
                  transform=last.transAxes, va="top", fontsize=10, color=style.INK, linespacing=1.5)
        fig.supxlabel("learning rate (Adam, AdamW; SGD at 10×)", fontsize=11, y=0.005)
        fig.suptitle("How training ends: fraction of seeds per outcome after 25,000 steps", fontsize=13, y=0.995)
        fig.tight_layout(rect=(0, 0.01, 1, 0.985))
        style.save(fig, out / FILES[0], quality)

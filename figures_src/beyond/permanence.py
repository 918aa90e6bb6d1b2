"""When does the failure last? Permanence across n, learning rate and optimiser

For every cell of the phase grid (`toyviz.toy.showcase.phase_grid`: n × learning rate × Adam, AdamW
with weight decay 1e-2 and 1e-1, and plain SGD at 10× the learning rate; 100,000 full-batch steps,
2,000 seeds a cell at final quality, a slice of three n and two learning rates below it), three
shares from `toyviz.toy.experiments.lasting_stats`, each printed with its count: top, the seeds with
a dead feature at step 25,000 (the post's length); middle, of those, the ones still dead at 50,000
and 100,000 (permanence); bottom, of the seeds that were ever in the post's Symmetric Failure shape
(exactly one dead feature, b ≈ 1/n, the rest a regular polygon), the ones that learnt every feature
by 100,000 (the post's "1 in 100"). A dash: nothing to count.
"""
from toyviz.plot import phase, style
from toyviz.toy import showcase

ID = "beyond/permanence"
KIND = "still"
REPRODUCES = None
FILES = ["permanence.png"]

ROWS = (("dead_first", "dead feature at step 25,000"),
        ("permanent", "of those, still dead at 100,000"),
        ("shape_recovered", "ever in the Symmetric Failure shape:\nall learnt by 100,000"))


def build(out, quality):
    grid = showcase.phase_grid(quality)
    ns, lrs, settings = grid["ns"], grid["lrs"], grid["settings"]
    cols = [phase.lr_label(lr) for lr in lrs]
    width = 2.3 + 0.95 * len(lrs)
    with style.figure(len(ROWS), len(settings), figsize=(width * len(settings) * 0.62 + 1.2, 1.2 + 0.62 * len(ns) * len(ROWS) + 1.6 * len(ROWS)),
                      sharex=True, sharey=True) as (fig, axes):
        im = None
        for i, (key, what) in enumerate(ROWS):
            for j, s in enumerate(settings):
                ax = axes[i, j]
                shares = [[grid["cells"][(s, n, lr)][key] for lr in lrs] for n in ns]
                im = phase.share_map(ax, shares, [f"$n={n}$" for n in ns], cols,
                                     phase.SETTING_NAMES[s] if i == 0 else "")
                ax.tick_params(labelbottom=True, labelleft=j == 0)
            axes[i, 0].set_ylabel(what, fontsize=9.5)
        fig.subplots_adjust(top=0.94, hspace=0.35)
        cb = fig.colorbar(im, ax=axes, orientation="horizontal", fraction=0.03, pad=0.07, aspect=50)
        cb.set_label("share (each cell: % and count)")
        fig.suptitle(f"When does the failure last? {grid['n_seeds']:,} seeds a cell, 100,000 steps "
                     "(learning rate: Adam, AdamW; SGD runs at 10×)", fontsize=11.5, y=0.985)
        style.save(fig, out / FILES[0], quality)

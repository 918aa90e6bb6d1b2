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

ROWS = (("dead_first", "dead feature\nat step 25,000"),
        ("permanent", "of those, still\ndead at 100,000"),
        ("shape_recovered", "ever in the Sym.\nFailure shape: all\nlearnt by 100,000"))


def build(out, quality):
    grid = showcase.phase_grid(quality)
    ns, lrs, settings = grid["ns"], grid["lrs"], grid["settings"]
    cols = [phase.lr_label(lr) for lr in lrs]
    height = 1.3 + len(ROWS) * (0.5 * len(ns) + 0.75)
    with style.figure(len(ROWS), len(settings), figsize=(7.3, height), sharex=True, sharey=True) as (fig, axes):
        im = None
        for i, (key, what) in enumerate(ROWS):
            for j, s in enumerate(settings):
                ax = axes[i, j]
                shares = [[grid["cells"][(s, n, lr)][key] for lr in lrs] for n in ns]
                im = phase.share_map(ax, shares, [f"$n={n}$" for n in ns], cols,
                                     phase.SETTING_NAMES[s] if i == 0 else "")
                ax.tick_params(labelbottom=True, labelleft=j == 0)
            axes[i, 0].set_ylabel(what, fontsize=10)
        fig.subplots_adjust(top=1 - 0.75 / height, hspace=0.3, wspace=0.08, left=0.17, right=0.99)
        cb = fig.colorbar(im, ax=axes, orientation="horizontal", fraction=0.03, pad=0.07, aspect=50)
        cb.set_label("share (each cell: % and count)")
        fig.suptitle(f"When does the failure last? {grid['n_seeds']:,} seeds a cell, 100,000 steps\n"
                     "(learning rate: Adam, AdamW; SGD runs at 10×)", fontsize=11.5, y=0.995)
        style.save(fig, out / FILES[0], quality)

"""Symmetric Failure is a long plateau, not a trap (under Adam and AdamW): outcomes against training length

The post calls Symmetric Failure a local optimum that training stays in ("1 in 100" seeds recovers).
We train n = 7, m = 2 models with AdamW (the engine's defaults: lr 1e-3, weight decay 1e-2), Adam
(lr 1e-3) and plain SGD (lr 1e-2, 10× as in the phase diagram) for 100,000 full-batch steps, 2,000
seeds each at final quality, recording every 2,500 steps. Top: the fraction of seeds in the
Symmetric Failure shape (solid; the engine's `symmetric_failure_shape`: a dead feature with b ≈ 1/n,
the others a regular polygon) and with any dead feature (dashed) at each recorded step. Middle: the
outcome label of each seed at that step (`outcomes_at`: a seed with a dead feature that learns it
later is "still on a plateau", not a failure), stacked, one panel per optimiser. Bottom left: a seed
still dead at 100,000 steps under AdamW (the first `find_seeds(run, "irregular_failure")` returns):
not the Symmetric Failure shape but two circles of learnt features, its dead feature drawn as W₇ in
mediumblue. Bottom right: the counts at 25,000 steps (the post's length) and 100,000.
"""
import numpy as np

from toyviz.plot import latent, plateau, style
from toyviz.toy import circles, dead_features, find_seeds, outcomes
from toyviz.toy import showcase
from toyviz.toy.analysis import length_curves, count_at

ID = "beyond/outcome_vs_training_length"
KIND = "still"
REPRODUCES = None
FILES = ["outcome_vs_training_length.png"]

# the rows of the table of counts (bottom right), in the order `counts` returns them
COUNTS = ["Sym. Failure shape at 25,000", "Sym. Failure shape at 100,000", "a dead feature at 25,000",
          "a dead feature at 100,000", "Asym. Recovery label at 25,000", "Sym. Failure label at 25,000"]


def stuck_seed(run):
    """The most typical AdamW seed still with a dead feature at the end, its dead feature moved last."""
    labels = outcomes(run.W_hist, run.b_hist, run.loss)
    idx = find_seeds(run, "irregular_failure", count=1, labels=labels)
    if not idx.size:
        return None
    k = int(idx[0])
    dead = dead_features(run.W[k])
    order = np.r_[np.where(~dead)[0], np.where(dead)[0]]
    return k, run.W[k][:, order], run.b[k][order], dead.sum()


def counts(c) -> list[int]:
    """The table's column for one optimiser's curves, in the order of COUNTS."""
    lab = c["labels"][list(c["label_steps"]).index(showcase.POST_STEPS)]
    return [count_at(c, s, key) for key in ("shape_count", "dead_count") for s in (25_000, 100_000)] + \
        [int((lab == "asymmetric_recovery").sum()), int((lab == "symmetric_failure").sum())]


def build(out, quality):
    seeds = showcase.seed_count(quality, "length")
    runs = {opt: showcase.length_run(opt, seeds) for opt in showcase.OPTIMIZERS}
    curves = {opt: length_curves(r) for opt, r in runs.items()}
    with style.figure(figsize=(7.3, 10.6)) as (fig, _):
        fig.delaxes(_)
        gs = fig.add_gridspec(4, 3, height_ratios=(1.25, 1, 0.3, 1.05), hspace=0.5, wspace=0.22)
        top = fig.add_subplot(gs[0, :])
        for opt, c in curves.items():
            plateau.fraction_lines(top, c, plateau.OPT_COLORS[opt], plateau.OPT_NAMES[opt])
        top.set_xscale("log")
        top.set_xlim(plateau.MIN_STEP, showcase.LENGTH_STEPS * 1.05)
        top.set_ylim(0, 1.32)
        top.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        top.set_xlabel("training step")
        top.set_ylabel("fraction of seeds")
        plateau.step_guides(top)
        plateau.line_legend(top, {plateau.OPT_NAMES[o]: plateau.OPT_COLORS[o] for o in curves})
        top.set_title("Seeds in the Symmetric Failure shape, $n=7$", loc="left")

        for j, (opt, c) in enumerate(curves.items()):
            ax = fig.add_subplot(gs[1, j])
            plateau.outcome_areas(ax, c)
            plateau.step_guides(ax, labels=("", ""))
            ax.set_title(f"{plateau.OPT_NAMES[opt]} (lr {showcase.LR[opt]:g})", fontsize=11)
            ax.set_xlabel("training step")
            if j == 0:
                ax.set_ylabel("label at each step\n(fraction of seeds)")
            else:
                ax.set_yticklabels([])
        key = fig.add_subplot(gs[2, :])
        key.axis("off")
        handles, names = ax.get_legend_handles_labels()
        key.legend(handles[::-1], names[::-1], loc="center", ncol=3, fontsize=9, frameon=False,
                   columnspacing=1.2, handlelength=1.5)

        bottom = gs[3, :].subgridspec(1, 2, width_ratios=(0.8, 2), wspace=0.04)
        ax = fig.add_subplot(bottom[0])
        stuck = stuck_seed(runs["adamw"])
        if stuck is None:
            ax.axis("off")
            ax.text(0.5, 0.5, "no AdamW seed\nstill dead at 100,000", ha="center", va="center",
                    transform=ax.transAxes, color=style.GUIDE)
        else:
            k, W, b, ndead = stuck
            latent.columns(ax, W, style.feature_colors(W.shape[1]))
            style.equal_square(ax, 1.15 * float(np.linalg.norm(W, axis=0).max()))
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.tick_params(labelleft=False, labelbottom=False, length=0)
            rings = ", ".join(f"{len(g)} at {g.mean():.2f}" for g in circles(W))
            ax.set_title(f"AdamW seed {runs['adamw'].seeds[k]},\ndead at 100,000", fontsize=10)
            ax.text(0.5, -0.04, f"$\\|W_j\\|$: {rings}\n$b_7$ = {b[-1]:.3f} (1/7 = {1 / 7:.3f})\n"
                    f"loss {runs['adamw'].loss[k]:.4f}", transform=ax.transAxes, ha="center", va="top",
                    fontsize=9)

        ax = fig.add_subplot(bottom[1])
        ax.axis("off")
        per_opt = [counts(c) for c in curves.values()]
        cells = [[name] + [f"{v:,}" for v in row] for name, row in zip(COUNTS, zip(*per_opt))]
        table = ax.table(cellText=cells, colLabels=[""] + [plateau.OPT_NAMES[o] for o in curves], cellLoc="center",
                         colWidths=[0.58] + [0.14] * len(curves), bbox=[0, 0.1, 1, 0.85])
        table.auto_set_font_size(False)
        table.set_fontsize(9)
        for (r, c), cell in table.get_celld().items():
            cell.set_edgecolor(style.GUIDE)
            if r == 0:
                cell.set_text_props(weight="bold")
            if c == 0:
                cell.set_text_props(ha="left")
                cell.PAD = 0.03
        ax.set_title(f"seeds, of {seeds:,} per optimiser", fontsize=10, loc="right")
        style.save(fig, out / FILES[0], quality)

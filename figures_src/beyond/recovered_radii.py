"""Recovered solutions are not one circle: the radii of Asymmetric Recovery seeds

The post says that after Symmetric Failure, features split into "circles" of several radii. We take
the n = 7 AdamW run of the training-length figure (engine defaults, 2,000 seeds at final quality),
label each seed by its history up to step 25,000 (the post's length), and look at the seeds that
learnt every feature: Asymmetric Recovery (passed through the Symmetric Failure shape), slow start
(had a dead feature, never that shape) and perfect. Top: each seed's sorted feature lengths divided
by its median length, one dot per feature, at step 25,000 and, for the same seeds, at 100,000.
Middle: the circle patterns of the Asymmetric Recovery seeds (`toyviz.toy.circles`: sorted
lengths split wherever one is more than 10 % longer than the previous; "5+2" = five on the outer
circle, two on an inner one) at both steps. Bottom: the most typical seed (`find_seeds`) of
each of the four commonest patterns at step 25,000, its columns drawn with the feature that was dead
in its Symmetric Failure phase relabelled as W₇ (mediumblue).
"""
import numpy as np

from toyviz.plot import latent, phase, radii, style
from toyviz.toy import circles, find_seeds, outcomes
from toyviz.toy import showcase
from toyviz.toy.analysis import circle_pattern, once_dead, relative_norms

ID = "beyond/recovered_radii"
KIND = "still"
REPRODUCES = None
FILES = ["recovered_radii.png"]

GROUPS = {"asymmetric_recovery": "Asymmetric Recovery", "slow_start": "slow start", "perfect": "perfect"}


def build(out, quality):
    seeds = showcase.seed_count(quality, "length")
    run = showcase.length_run("adamw", seeds)
    t25 = int(np.searchsorted(run.steps, showcase.POST_STEPS))
    labels = outcomes(run.W_hist[:, :t25 + 1], run.b_hist[:, :t25 + 1], run.loss_hist[:, t25])
    colors = {GROUPS[g]: phase.OUTCOME_COLORS[g] for g in GROUPS}
    snaps = {"step 25,000": t25, "step 100,000": len(run.steps) - 1}
    with style.figure(figsize=(7.2, 10.4)) as (fig, _):
        fig.delaxes(_)
        gs = fig.add_gridspec(3, 2, height_ratios=(1, 0.85, 0.7), hspace=0.55, wspace=0.08)
        top = None
        for j, (name, t) in enumerate(snaps.items()):
            ax = fig.add_subplot(gs[0, j], sharey=top)
            top = top or ax
            groups = {GROUPS[g]: relative_norms(run.W_hist[labels == g, t]) for g in GROUPS}
            radii.strip(ax, groups, colors, seed=j)
            ax.set_title(f"feature lengths at {name}", fontsize=11)
            if j:
                ax.set_ylabel("")
                ax.tick_params(labelleft=False)
        top.set_ylim(0, 1.12)
        key = top.legend(loc="lower right", markerscale=2.5, fontsize=9, frameon=False)
        for h in key.legend_handles:
            h.set_alpha(1)               # the dots are translucent; their key need not be

        ar = np.where(labels == "asymmetric_recovery")[0]
        pats = {name: [circle_pattern(run.W_hist[k, t]) for k in ar] for name, t in snaps.items()}
        ax = fig.add_subplot(gs[1, :])
        radii.pattern_bars(ax, pats, {"step 25,000": "#3a78c2", "step 100,000": "#9cc0e8"})
        ax.set_ylim(0, 1.3 * ax.get_ylim()[1])
        ax.legend(fontsize=9, frameon=False, loc="upper center", ncol=2)
        n_perfect = int((labels == "perfect").sum())
        one = sum(circle_pattern(run.W_hist[k, t25]) == "7" for k in np.where(labels == "perfect")[0])
        ax.set_title(f"circle patterns of the {ar.size:,} Asymmetric Recovery seeds "
                     f"(perfect: {one:,} of {n_perfect:,} one circle)", fontsize=11)

        row = fig.add_subplot(gs[2, :])
        row.axis("off")
        row.set_title("typical seeds at step 25,000 ($W_7$: the once-dead feature)", fontsize=11, pad=4)
        typical = find_seeds(run, "asymmetric_recovery", labels=labels)
        common = [p for p, _ in sorted(((p, pats["step 25,000"].count(p)) for p in set(pats["step 25,000"])),
                                       key=lambda x: (-x[1], x[0]))][:4]
        sub = gs[2, :].subgridspec(1, len(common), wspace=0.35)
        for i, p in enumerate(common):
            k = next(int(k) for k in typical if circle_pattern(run.W_hist[k, t25]) == p)
            d = once_dead(run, k)
            order = [j for j in range(run.config.n) if j != d] + [d]
            W = run.W_hist[k, t25][:, order]
            ax = fig.add_subplot(sub[i])
            latent.columns(ax, W, style.feature_colors(run.config.n), labels=False, lw=1.6)
            style.equal_square(ax, 1.1 * float(np.linalg.norm(W, axis=0).max()))
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_xticks([])
            ax.set_yticks([])
            ring = ", ".join(f"{len(c)}×{c.mean():.2f}" for c in circles(W)[::-1])
            ax.text(0.5, -0.04, f"{p} (seed {run.seeds[k]})\n{ring}\n$\\|W_7\\|$ = {np.linalg.norm(W[:, -1]):.2f}",
                    transform=ax.transAxes, ha="center", va="top", fontsize=9, linespacing=1.3)
        style.save(fig, out / FILES[0], quality)

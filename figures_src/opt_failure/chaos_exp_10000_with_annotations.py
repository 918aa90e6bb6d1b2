"""The chaos map: how much splay/sweep a perturbation of b₁, b₆ and a learning rate produce

`showcase.chaos_sweep`: from the hand-built Symmetric Failure (`constructed_asymmetry`, W₇ = 0,
b₇ = 1/7) with b₁ and b₆ raised by δ ∈ [0, 0.05], AdamW is run for 5,000 steps at a learning rate
in [1e-4, 1e-1] (log-spaced), every (δ, lr) cell one seed of ONE batched run (100 × 100 = 10,000
runs at final quality; the grid side scales with √quality.samples: 50 × 50 at preview). Colour:
the splay Σⱼ‖Wⱼ‖ at the end (the post's measure). Right: per learning rate, the share of cells that
learnt all 7 features by the end (black, bottom axis), and the roughness of the row (orange, top axis
in splay units: mean |Δ splay| between neighbouring δ cells, with the two thresholds dotted). Annotated bands, measured: the smooth low-lr band is the run of rows from the bottom with
roughness < `SMOOTH`; the patchy high-lr region the run of rows from the top with roughness > `PATCHY`.
"""
import numpy as np

from toyviz.plot import style
from toyviz.toy import showcase

ID = "opt_failure/chaos_exp_10000_with_annotations"
KIND = "still"
REPRODUCES = "opt_failure/chaos_exp_10000_with_annotations.png"
FILES = ["chaos_exp_10000_with_annotations.png"]

SMOOTH = 0.1              # row roughness (mean |Δ splay| between δ neighbours) below which a row is smooth
PATCHY = 0.8              # … and above which it is patchy


def build(out, quality):
    res = showcase.chaos_sweep(quality)
    d, lrs, S = res["deltas"], res["lrs"], res["splay"]           # S (perturbs, lrs)
    side, steps = len(lrs), showcase.ChaosConfig().steps
    learnt = ~res["dead_at_end"]
    rough = np.abs(np.diff(S, axis=0)).mean(axis=0)               # per lr
    n_smooth = int(np.argmax(rough >= SMOOTH)) if (rough >= SMOOTH).any() else len(lrs)
    n_patchy = int(np.argmax(rough[::-1] <= PATCHY)) if (rough <= PATCHY).any() else len(lrs)
    lr_smooth = lrs[n_smooth - 1] if n_smooth else None             # top of the smooth band
    lr_patch = lrs[len(lrs) - n_patchy] if n_patchy else None       # bottom of the patchy region
    panels = dict(width_ratios=[1.0, 0.34], wspace=0.1)
    with style.figure(1, 2, figsize=(8.2, 6.4), gridspec_kw=panels) as (fig, (ax, side_ax)):
        def edges(v, log):
            v = np.log10(v) if log else v
            e = np.r_[v[0] - (v[1] - v[0]) / 2, (v[1:] + v[:-1]) / 2, v[-1] + (v[-1] - v[-2]) / 2]
            return 10 ** e if log else e
        mesh = ax.pcolormesh(edges(d, False), edges(lrs, True), S.T, cmap="viridis", shading="flat", rasterized=True)
        ax.set_yscale("log")
        ax.set_xlabel(r"perturbation $\delta$ added to $b_1$ and $b_6$")
        ax.set_ylabel("learning rate (AdamW)")
        cb = fig.colorbar(mesh, ax=ax, pad=0.03, fraction=0.05, location="top")
        cb.set_label(rf"splay $\Sigma_j\,\|W_j\|$ after {steps:,} steps", labelpad=6)   # Σ with a side index: clears the ticks
        box = dict(facecolor="white", alpha=0.85, edgecolor="none", pad=2)
        if lr_patch is not None:
            ax.axhline(lr_patch / 10 ** ((np.log10(lrs[1]) - np.log10(lrs[0])) / 2), color="white", lw=1.2, ls="--")
            ax.text(0.97 * d[-1], lr_patch, f"patchy high-lr region\nlr ≥ {lr_patch:.1e} (roughness > {PATCHY})",
                    ha="right", va="bottom", fontsize=9.5, bbox=box)
        if lr_smooth is not None:
            ax.axhline(lr_smooth * 10 ** ((np.log10(lrs[1]) - np.log10(lrs[0])) / 2), color="white", lw=1.2, ls="--")
            ax.text(0.97 * d[-1], lr_smooth, f"smooth low-lr band, lr ≤ {lr_smooth:.1e}\n(roughness < {SMOOTH}; "
                    f"{learnt[:, :n_smooth].mean():.0%} learn all 7 in 5,000 steps)", ha="right", va="top", fontsize=9.5, bbox=box)
        mid = len(lrs) // 2
        ax.annotate(f"δ = 0 column: still splays\n(splay {S[0].min():.1f}–{S[0].max():.1f}, "
                    f"{learnt[0].mean():.0%} learn all 7)", xy=(d[0], lrs[mid]),
                    xytext=(0.3 * d[-1], lrs[mid]), fontsize=9.5, bbox=box, va="center",
                    arrowprops=dict(arrowstyle="->", color="white", lw=1.4))
        side_ax.plot(learnt.mean(axis=0), lrs, color=style.INK, lw=1.4)
        side_ax.set_yscale("log")
        side_ax.set_ylim(ax.get_ylim())
        side_ax.set_xlim(0, 1.02)
        side_ax.tick_params(labelleft=False)
        side_ax.set_xlabel("share of the row that\nlearns all 7 (text-coloured line)")
        rough_ax = side_ax.twiny()                                     # the roughness in its own units
        rough_ax.plot(rough, lrs, color="darkorange", lw=1.2)
        for level in (SMOOTH, PATCHY):
            rough_ax.axvline(level, color="darkorange", lw=0.9, ls=":")
        rough_ax.set_xlim(0, 1.05 * max(rough.max(), PATCHY))
        rough_ax.set_xlabel("row roughness (orange):\nmean |Δ splay|, δ neighbours", color="darkorange", fontsize=9.5)
        rough_ax.tick_params(axis="x", colors="darkorange")
        fig.suptitle(f"Asymmetric Recovery is chaotic: {S.size:,} runs\n({side} δ × {side} learning rates), "
                     f"{learnt.mean():.0%} learnt all 7", fontsize=12, y=1.04)
        style.save(fig, out / FILES[0], quality)

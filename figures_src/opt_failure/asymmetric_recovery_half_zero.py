"""Half the hexagon dips below zero in dim 7: those examples stop contributing loss there

The Asymmetric Recovery run of `asymmetric_failure_1` … `_4` (same search, same seed; features
relabelled so the unlearnt one is feature 7 in mediumblue, W₁ and W₆ its neighbours). Drawn at the
first checkpoint after the skew begins where at least two learnt vertices have a negative output in
dim 7, y₇ = W₇ᵀWⱼ + b₇ < 0: there ReLU zeroes the 7th output, so example j costs nothing in dim 7 and
stops adding to the tilting force. Left: the latent plane, each vertex labelled with its y₇, those
below zero ringed in black. Right: y₇ per learnt vertex as bars (hatched when ReLU zeroes them).
"""
import numpy as np

from toyviz.plot import latent, progress, style
from toyviz.toy import showcase
from toyviz.toy.recovery import output7

ID = "opt_failure/asymmetric_recovery_half_zero"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_recovery_half_zero.png"
FILES = ["asymmetric_recovery_half_zero.png"]

BELOW = 2          # drawn when at least this many learnt vertices are below zero in dim 7 …
MARGIN = 0.02      # … by at least this much


def build(out, quality):
    sp = showcase.recovery()
    W, b = sp.W_hist, sp.b_hist
    y7 = np.array([output7(w, c) for w, c in zip(W, b)])                   # (T, 6)
    after = np.arange(len(y7)) >= sp.stages["skew"]
    t = int(np.argmax(after & ((y7 < -MARGIN).sum(axis=1) >= BELOW)))
    Wt, bt, y = W[t], b[t], y7[t]
    colors = style.feature_colors(7)
    layout = dict(width_ratios=[1.15, 1.0], wspace=0.45)
    with style.figure(1, 2, figsize=(7.0, 3.9), gridspec_kw=layout) as (fig, (left, right)):
        R = progress.snapshot(left, Wt, bt, colors, radius=1.75 * float(np.abs(Wt).max()), labels=False)
        scale = float(np.linalg.norm(Wt, axis=0).max())
        for j in range(7):
            neg = j < 6 and y[j] < 0
            if neg:
                left.plot(*Wt[:, j], "o", ms=13, mfc="none", mec="black", mew=1.6, zorder=6)
            text = f"$W_{j + 1}$" + (f"\n{y[j]:+.2f}" if j < 6 else "")
            x, z = latent.label_spot(Wt, j, scale * (2.6 if j < 6 else 1.0))
            left.text(x, z, text, fontsize=9.5, ha="center", va="center", color=style.INK, linespacing=1.0,
                      fontweight="bold" if neg else "normal", zorder=7, bbox=latent.LABEL_BOX)
        left.set_title(f"latent plane, step {int(sp.steps[t]):,}\n(under each $W_j$: its $y_7$)", fontsize=10)
        xs = np.arange(1, 7)
        bars = right.bar(xs, y, color=colors[:6], edgecolor="#555555", lw=0.8)
        for j, bar in enumerate(bars):
            if y[j] < 0:
                bar.set_hatch("///")
        right.axhline(0, color=style.INK, lw=1.0)
        right.axhline(bt[6], color=colors[6], lw=1.2, ls="--", label=rf"$b_7$ = {bt[6]:.3f}")
        right.set_xticks(xs, [f"$W_{j}$" for j in xs])
        right.set_ylabel(r"$y_7 = W_7^\top W_j + b_7$")
        right.legend(loc="upper center", frameon=False, fontsize=9.5)
        right.set_title("dim-7 output at each vertex\n(hatched: ReLU sets it to 0, no loss)", fontsize=10)
        fig.suptitle(rf"The tilt pushes {int((y < 0).sum())} vertices below zero in dim 7 "
                     rf"($\|W_7\|$ = {np.linalg.norm(Wt[:, 6]):.3f}, seed {sp.seed})", fontsize=11.5, y=1.06)
        style.save(fig, out / FILES[0], quality)

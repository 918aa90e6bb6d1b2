"""Symmetric Failure with a subtle asymmetry, and the frozen-W₇ optimum it creates

The weights of `construct_asymmetry_2` (the hand-built Symmetric Failure with W₁, W₆ made 2 %
shorter, then 5,000 AdamW steps with W₇ and b₇ frozen) with the dead feature put back: W₇ = 0,
b₇ = 1/7, so the whole latent shape is positive in dim 7 (the blue zone). The six learnt features
have ≈ 0 loss on their own examples; W₁ and W₆ are slightly shorter with higher biases and W₂, W₅
are turned slightly away from them (the post: b₆, b₁ ≈ −0.988 vs −1.02…−1.03). The table prints each column's
length, angle and bias. The dashed blue arrow is the optimum of W₇ with every other weight frozen
(`frozen_w7_optimum`, L-BFGS in float64), drawn ×`MAGNIFY`: it lies along W₆ + W₁, as the post says.
"""
import numpy as np

from toyviz.plot import latent, progress, style
from toyviz.toy import showcase
from toyviz.toy.experiments import frozen_w7_optimum
from toyviz.toy.forces import loss

ID = "opt_failure/created_asymmetric_7"
KIND = "still"
REPRODUCES = "opt_failure/created_asymmetric_7.png"
FILES = ["created_asymmetric_7.png"]

MAGNIFY = 300


def build(out, quality):
    W, b = showcase.settled_asymmetry()
    opt = frozen_w7_optimum(W, b)
    colors = style.feature_colors(7)
    layout = dict(width_ratios=[1.0, 0.8], wspace=0.12)
    with style.figure(1, 2, figsize=(7.0, 4.2), gridspec_kw=layout) as (fig, (left, right)):
        progress.snapshot(left, W, b, colors, radius=1.95)
        w7 = MAGNIFY * opt["W7"]
        left.annotate("", xy=w7, xytext=(0, 0), zorder=7,
                      arrowprops=dict(arrowstyle="-|>", color=colors[6], lw=1.8, ls="--", mutation_scale=13))
        left.annotate(rf"$W_7^*\times{MAGNIFY}$", tuple(w7), xytext=(5, 0), textcoords="offset points", color=colors[6],
                      fontsize=9.5, ha="left", va="center", zorder=8, bbox=latent.LABEL_BOX)
        left.set_title(f"loss {loss(W, b):.5f}\n(one dead feature: 6/7³ = {6 / 343:.5f})", fontsize=10.5)
        right.axis("off")
        ang = np.degrees(np.arctan2(W[1], W[0]))
        rows = [[f"$W_{j + 1}$", f"{np.linalg.norm(W[:, j]):.4f}", f"{ang[j]:+.2f}°" if j < 6 else "—",
                 f"{b[j]:+.4f}"] for j in range(7)]           # a column by its length and angle
        table = right.table(cellText=rows, colLabels=["", r"$\|W_j\|$", "angle", r"$b_j$"],
                            loc="upper center", cellLoc="center", colWidths=[0.16, 0.28, 0.3, 0.28])
        table.auto_set_font_size(False)
        table.set_fontsize(9.5)
        table.scale(1.0, 1.45)
        for j in range(7):
            table[j + 1, 0].set_facecolor(colors[j])
            table[j + 1, 0].set_alpha(0.6)
        right.text(0.5, 0.32, "frozen-$W_7$ optimum $W_7^*$:\n"
                   f"cosine with $W_6+W_1$ = {opt['cosine']:.6f}\n"
                   rf"$W_7^* = \varepsilon\,(W_6+W_1)$, $\varepsilon$ = {opt['epsilon']:.5f}" "\n"
                   rf"$b_7^*$ = {opt['b7']:.5f}",
                   transform=right.transAxes, ha="center", va="top", fontsize=10)
        fig.suptitle(r"Symmetric Failure with a subtle asymmetry: $W_7 = 0$, $b_7 = 1/7$", fontsize=12, y=1.0)
        style.save(fig, out / FILES[0], quality)

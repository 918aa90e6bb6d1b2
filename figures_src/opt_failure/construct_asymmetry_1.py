"""Constructing a slightly asymmetric 0-loss solution: the cascade of updates

Start from the engine's hand-built Symmetric Failure (`constructed_asymmetry`: W₁ … W₆ on a regular
hexagon of radius √2.04 with bⱼ = 1 − r², W₇ = 0, b₇ = 1/7) with W₁ and W₆, the neighbours of W₇'s
gap, made 2 % shorter. Then train with AdamW (engine defaults) with W₇ and b₇ frozen, which is
exactly training the six learnt features on their six examples (with W₇ = 0 example 7 and output 7
put no gradient on W₁ … W₆). Each panel shows the columns and, at each tip, the plain gradient step
−lr·∇L of that column (`forces.updates`) at one of the first steps, normalised so the largest is 1
and drawn on a log scale (three decades: a 1e-3 update has zero length) so the small ones show;
the number is each update's size relative to the largest. Step 0: only W₁, W₆ move (too short,
interfering); then W₂, W₅ are pushed; then W₃, W₄: the cascade to the far side.
"""
import numpy as np

from toyviz.plot import latent, style
from toyviz.toy import showcase
from toyviz.toy.forces import updates
from toyviz.toy.history import checkpoint_steps

ID = "opt_failure/construct_asymmetry_1"
KIND = "still"
REPRODUCES = "opt_failure/construct_asymmetry_1.png"
FILES = ["construct_asymmetry_1.png"]

SHOWN = (0, 1, 2, 20)              # the steps whose updates are drawn
DECADES = 3.0


def build(out, quality):
    run = showcase.settling_run(record=np.union1d(np.arange(0, 21), checkpoint_steps(showcase.SETTLE.steps, 48)))
    colors = style.feature_colors(7)
    with style.figure(2, 2, figsize=(7.0, 7.0), gridspec_kw=dict(hspace=0.32, wspace=0.3)) as (fig, axes):
        axes = axes.ravel()
        for ax, s in zip(axes, SHOWN):
            t = int(np.searchsorted(run.steps, s))
            W, b = run.W_hist[0, t].astype(np.float64), run.b_hist[0, t].astype(np.float64)
            dW, _ = updates(W, b)
            size = np.linalg.norm(dW, axis=0)[:6]
            rel = size / size.max()
            latent.columns(ax, W[:, :6], colors[:6], labels=False, lw=1.4)
            for j in range(6):
                length = 0.75 * max(0.0, 1 + np.log10(max(rel[j], 1e-12)) / DECADES)
                d = dW[:, j] / size[j] if size[j] > 0 else np.zeros(2)
                tip = W[:, j]
                if length > 0:
                    ax.annotate("", xy=tip + length * d, xytext=tip, zorder=6,
                                arrowprops=dict(arrowstyle="-|>", color=style.INK, lw=1.6, mutation_scale=11))
                # the label sits out along the column, past the tip and past an outward update arrow
                away = tip / np.linalg.norm(tip)
                reach = np.linalg.norm(tip) + max(0.0, length * float(d @ away)) + 0.15
                ax.text(*(reach * away), f"$W_{j + 1}$\n{rel[j]:.2g}", fontsize=10, zorder=7, color=style.INK,
                        linespacing=1.0, bbox=latent.LABEL_BOX, **latent.anchored_away(away))
            style.equal_square(ax, 3.0)
            ax.set_title(f"step {s}  (loss {run.loss_hist[0, t]:.5f})", fontsize=10.5)
            if ax not in (axes[0], axes[2]):
                ax.set_ylabel("")
            if ax in (axes[0], axes[1]):
                ax.set_xlabel("")
        fig.suptitle(r"$W_1$, $W_6$ 2 % shorter, $W_7$ frozen at 0: update $-\mathrm{lr}\,\nabla L$ per column"
                     "\n(arrow length on a log scale, the largest = 1)", fontsize=11.5, y=0.99)
        style.save(fig, out / FILES[0], quality)

"""Asymmetric Recovery achieved: all seven features learnt, on circles of different radii

The Asymmetric Recovery run of `asymmetric_failure_1` … `_4` (same search, same seed, features
relabelled so the once-unlearnt feature is feature 7 in mediumblue, W₁ and W₆ its neighbours) at
its last step (25,000). Left: the seven columns with dashed circles at the measured radii: the
learnt lengths grouped by `circles` (a new circle wherever a length is > 10 % above the previous),
each circle drawn at its group's mean length. Right: the latent zones of the recovered model.
"""
import numpy as np

from toyviz.plot import latent, progress, style
from toyviz.toy import showcase
from toyviz.toy.analysis import circles, feature_norms

ID = "opt_failure/asymmetric_recovery_achieved"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_recovery_achieved.png"
FILES = ["asymmetric_recovery_achieved.png"]


def build(out, quality):
    sp = showcase.recovery()
    W, b = sp.W_hist[-1], sp.b_hist[-1]
    groups = circles(W)
    colors = style.feature_colors(7)
    R = 1.2 * float(np.abs(W).max())
    with style.figure(1, 2, figsize=(7.0, 4.0), gridspec_kw=dict(wspace=0.4)) as (fig, (left, right)):
        latent.columns(left, W, colors)
        t = np.linspace(0, 2 * np.pi, 200)
        norms = feature_norms(W)
        for i, g in enumerate(groups):
            r = float(g.mean())
            who = [j for j in range(7) if g.min() <= norms[j] <= g.max()]
            left.plot(r * np.cos(t), r * np.sin(t), ls=(0, (4, 2 + 2 * i)), color=style.GUIDE, lw=1.1, zorder=1,
                      label=f"r = {r:.2f}: " + ", ".join(f"$W_{j + 1}$" for j in who))
        left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=9, frameon=False, ncol=1)
        style.equal_square(left, R)
        left.set_title(f"{len(groups)} circles: " + ", ".join(span(g) for g in groups), fontsize=10)
        progress.snapshot(right, W, b, colors, radius=R, labels=False)
        right.set_title(r"latent zones $\{h : W_i^\top h + b_i > 0\}$", fontsize=10)
        fig.suptitle(f"Recovered (seed {sp.seed}, step {int(sp.steps[-1]):,}, "
                     f"loss {sp.loss_hist[-1]:.1e}):\nall 7 features learnt", fontsize=12, y=1.0)
        style.save(fig, out / FILES[0], quality)


def span(lengths) -> str:
    """A circle's lengths as shown: a range only where its ends differ at the printed precision."""
    lo, hi = f"{lengths.min():.2f}", f"{lengths.max():.2f}"
    return lo if lo == hi else f"{lo}–{hi}"

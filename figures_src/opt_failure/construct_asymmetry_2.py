"""One slightly asymmetric 0-loss solution: splayed on one side, elongated on the other

The run of `construct_asymmetry_1` (W₁, W₆ made 2 % shorter in the hand-built Symmetric Failure,
then 5,000 AdamW steps with W₇ and b₇ frozen, i.e. the six learnt features trained on their own six
examples) at its end. The change is far under a pixel at true scale (a few tenths of a percent and
of a degree), so the left panel draws it magnified by a stated round factor: the six columns as
start + factor × change (W₇ = 0 is left out), over the starting regular hexagon (dotted). Right,
each on its own axis: each length against the mean of the six (%), and the turn of each column from
the hexagon (degrees, positive: away from W₇'s gap); under each feature its final bias. W₁, W₆ end shorter with
higher biases, W₂ … W₅ longer, and W₂, W₅ turned away from W₁, W₆: the side of W₇'s gap is splayed
open, the far side elongated, and the loss on the six examples is back to ≈ 0.
"""
import numpy as np

from toyviz.plot import latent, style
from toyviz.toy import showcase
from toyviz.toy.experiments import constructed_asymmetry
from toyviz.toy.geometry import latent_polygon

ID = "opt_failure/construct_asymmetry_2"
KIND = "still"
REPRODUCES = "opt_failure/construct_asymmetry_2.png"
FILES = ["construct_asymmetry_2.png"]



def build(out, quality):
    W, b = showcase.settled_asymmetry()
    reg, _ = constructed_asymmetry(7)              # the regular hexagon it started from (before shortening)
    y = np.maximum(W.T @ W + b[:, None], 0)[:6, :6]
    loss6 = float(((y - np.eye(6)) ** 2).mean())                 # the six learnt examples and outputs
    colors = style.feature_colors(7)
    lengths = np.linalg.norm(W[:, :6], axis=0)
    dlen = 100 * (lengths / lengths.mean() - 1)                  # % against the mean of the six
    ang = np.arctan2(W[1, :6], W[0, :6]) - np.arctan2(reg[1, :6], reg[0, :6])
    ang = np.degrees((ang + np.pi) % (2 * np.pi) - np.pi) * np.where(reg[1, :6] > 0, 1, -1)   # + = away from W₇
    # the change from the regular hexagon is under a pixel at true scale: draw it magnified
    shift = W[:, :6] - reg[:, :6]
    gain = magnification(float(np.abs(reg).max()), float(np.linalg.norm(shift, axis=0).max()))
    shown = reg[:, :6] + gain * shift
    with style.figure(figsize=(7.0, 4.2)) as (fig, _):
        fig.delaxes(_)
        gs = fig.add_gridspec(2, 2, width_ratios=[1.0, 0.95], wspace=0.45, hspace=0.2)
        left, top = fig.add_subplot(gs[:, 0]), fig.add_subplot(gs[0, 1])
        bottom = fig.add_subplot(gs[1, 1], sharex=top)
        latent.polygon(left, latent_polygon(reg[:, :6]), edgecolor=style.INK, ls=":", lw=1.4)
        latent.polygon(left, latent_polygon(shown), edgecolor=style.INK, ls="-", lw=1.0)
        latent.columns(left, shown, colors[:6])
        style.equal_square(left, 1.9)
        left.set_title(f"columns, change from the start ×{gain:g}\n(dotted: the regular hexagon)", fontsize=10)
        x = np.arange(1, 7)
        for ax, values, name in ((top, dlen, "length vs the\nmean of six (%)"),
                                 (bottom, ang, "turn away from\n$W_7$'s gap (°)")):
            ax.bar(x, values, width=0.6, color=colors[:6], edgecolor="#555555", lw=0.8)
            ax.axhline(0, color=style.INK, lw=0.8)
            ax.set_ylabel(name, fontsize=10)
            ax.margins(y=0.25)
        top.tick_params(labelbottom=False)
        bottom.set_xticks(x, [f"$W_{j}$\n{b[j - 1]:.2f}" for j in x])
        bottom.set_xlabel("feature, and its bias $b_j$ (start: all $-1.04$)", fontsize=10)
        fig.suptitle(f"After {showcase.SETTLE.steps:,} steps: a 0-loss solution (loss {loss6:.1e} on the six examples)",
                     fontsize=11.5, y=1.02)
        style.save(fig, out / FILES[0], quality)


def magnification(radius: float, largest_shift: float) -> float:
    """A round factor that makes the largest change about a third of the columns' length."""
    want = 0.35 * radius / max(largest_shift, 1e-12)
    decade = 10 ** np.floor(np.log10(want))
    return float(decade * max(k for k in (1, 2, 5) if k * decade <= want))

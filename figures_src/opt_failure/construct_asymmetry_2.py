"""One slightly asymmetric 0-loss solution: splayed on one side, elongated on the other

The run of `construct_asymmetry_1` (W₁, W₆ made 2 % shorter in the hand-built Symmetric Failure,
then 5,000 AdamW steps with W₇ and b₇ frozen, i.e. the six learnt features trained on their own six
examples) at its end. Left: the six columns and their zones (W₇ = 0 is left out; dotted: the
starting regular hexagon). Right: how each feature moved from the regular hexagon: its length against
the mean of the six and the turn of its angle from the hexagon (positive: away from W₇'s gap). W₁, W₆ end shorter with
higher biases, W₂ … W₅ longer, and W₂, W₅ turned away from W₁, W₆: the side of W₇'s gap is splayed
open, the far side elongated, and the loss on the six examples is back to ≈ 0.
"""
import numpy as np

from toyviz.plot import latent, style
from toyviz.toy import showcase
from toyviz.toy.experiments import constructed_asymmetry
from toyviz.toy.geometry import latent_polygon, zones

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
    with style.figure(1, 2, figsize=(10.5, 4.6), gridspec_kw=dict(width_ratios=[1.0, 1.1], wspace=0.3)) as (fig, (left, right)):
        for j in range(6):
            left.plot([0, reg[0, j]], [0, reg[1, j]], ls=":", color=style.GUIDE, lw=1.0, zorder=1)
        latent.polygon(left, latent_polygon(W[:, :6]))
        latent.zones(left, zones(W[:, :6], b[:6]), colors[:6])
        latent.columns(left, W[:, :6], colors[:6])
        style.equal_square(left, 1.9)
        left.set_title(f"after {showcase.SETTLE.steps:,} steps: loss on the 6 examples {loss6:.1e}", fontsize=10.5)
        x = np.arange(1, 7)
        right.bar(x - 0.2, dlen, width=0.4, color=colors[:6],
                  edgecolor="#555555", label=r"$\|W_j\|$ vs the mean of the six (%)")
        right.bar(x + 0.2, ang, width=0.4, color="white", edgecolor=[c for c in colors[:6]], hatch="///",
                  lw=1.2, label=r"turn of $W_j$ from the regular hexagon (degrees, + away from $W_7$'s gap)")
        for j in range(6):
            right.text(x[j], min(0, dlen[j], ang[j]) - 0.06, f"$b_{j + 1}$\n{b[j]:.3f}",
                       ha="center", va="top", fontsize=8.5)
        right.axhline(0, color=style.INK, lw=0.8)
        right.set_xticks(x, [f"$W_{j}$" for j in x])
        right.set_ylim(min(-1.2, right.get_ylim()[0] - 0.4), max(1.2, right.get_ylim()[1] + 0.3))
        right.legend(loc="upper left", fontsize=8.5, frameon=False)
        right.set_title("lengths, turns and biases (start: r² = 2.04, all b = −1.04)", fontsize=10.5)
        fig.suptitle("A slightly asymmetric 0-loss solution: splayed on the $W_1$/$W_6$ side, elongated opposite",
                     fontsize=12.5, y=1.02)
        style.save(fig, out / FILES[0], quality)

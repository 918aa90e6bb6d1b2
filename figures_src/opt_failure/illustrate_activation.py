"""Activation amount = reconstruction: how far a feature vector reaches into its own zone

The perfectly learnt n = 6, m = 2 model of `latent_zone_intro_1` (same run and seed, same feature
numbers and colours: the first `perfect` seed of 64 trained with AdamW, lr 1e-3, 25,000 steps). Left:
the latent hexagon, the zone of the feature whose column points most upward, the line
Wᵢᵀh + bᵢ = 0 where that zone starts, and a double-headed arrow from there to the tip of Wᵢ: the
activation amount, (‖Wᵢ‖² + bᵢ)/‖Wᵢ‖ in latent units. Right: output i along the direction of Wᵢ,
ReLU(‖Wᵢ‖ t + bᵢ): zero until the zone starts, then rising with slope ‖Wᵢ‖, so that at the tip it is
WᵢᵀWᵢ + bᵢ = 1, the reconstruction. All numbers are the trained model's.
"""
import numpy as np

from toyviz.plot import activation, latent, style
from toyviz.toy.analysis import find_seeds
from toyviz.toy.config import ToyConfig
from toyviz.toy.geometry import latent_polygon, zone
from toyviz.toy.train import train_cached

ID = "opt_failure/illustrate_activation"
KIND = "still"
REPRODUCES = "opt_failure/illustrate_activation.png"
FILES = ["illustrate_activation.png"]

CONFIG = ToyConfig(n=6, m=2, n_seeds=64, steps=25_000, seed=0)  # latent_zone_intro_1's run


def build(out, quality):
    run = train_cached(CONFIG)
    k = int(find_seeds(run, "perfect", count=1)[0])           # latent_zone_intro_1's seed
    W, b = run.W[k].astype(np.float64), run.b[k].astype(np.float64)
    i = int(np.argmax(W[1]))                                    # the column pointing most upward
    colors = style.feature_colors(CONFIG.n)
    radius = 1.25 * float(np.abs(W).max())
    layout = dict(width_ratios=[1.1, 1], wspace=0.45)
    with style.figure(1, 2, figsize=(7.2, 3.9), gridspec_kw=layout) as (fig, (left, right)):
        latent.polygon(left, latent_polygon(W))
        latent.zones(left, [zone(W, b, j) if j == i else np.zeros((0, 2)) for j in range(CONFIG.n)], colors)
        latent.columns(left, W, colors, lw=1.6)
        activation.boundary(left, W, b, i, style.INK, lw=1.0, ls="--")
        a = activation.arrow(left, W, b, i, style.INK, side=-0.2, label=None)
        # the formula under the panel, where no arrow or zone runs through it
        left.annotate(f"double-headed arrow: activation amount\n$(\\|W_{{{i + 1}}}\\|^2 + b_{{{i + 1}}})/\\|W_{{{i + 1}}}\\|$ "
                      f"= {a['amount']:.3f}", xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -36),
                      textcoords="offset points", ha="center", va="top", fontsize=9.5)
        style.equal_square(left, radius)
        left.set_title(f"zone of feature {i + 1}: $W_{{{i + 1}}}^\\top h + b_{{{i + 1}}} > 0$", fontsize=11)

        t = np.linspace(0, a["norm"] * 1.08, 400)
        y = np.maximum(a["norm"] * t + b[i], 0)
        t0 = -b[i] / a["norm"]
        right.plot(t, y, color=colors[i], lw=2.2)
        right.axvspan(t0, a["norm"], color=colors[i], alpha=0.25, lw=0)
        right.axvline(a["norm"], color=style.GUIDE, lw=0.8, ls=":")
        right.axhline(a["reconstruction"], color=style.GUIDE, lw=0.8, ls=":")
        right.annotate("", xy=(a["norm"], -0.08), xytext=(t0, -0.08),
                       arrowprops=dict(arrowstyle="<|-|>", color=style.INK, lw=1.4, mutation_scale=11))
        right.text((t0 + a["norm"]) / 2, -0.13, f"activation\namount {a['amount']:.3f}", ha="center", va="top",
                   fontsize=9.5, linespacing=1.0)
        right.annotate(f"tip $W_{{{i + 1}}}$: $W_{{{i + 1}}}^\\top W_{{{i + 1}}} + b_{{{i + 1}}}$\n= "
                       f"{a['norm'] ** 2:.3f} − {-b[i]:.3f} = {a['reconstruction']:.3f}\n"
                       f"slope $\\|W_{{{i + 1}}}\\|$ = {a['norm']:.3f}:\n{a['amount']:.3f} × {a['norm']:.3f} = "
                       f"{a['amount'] * a['norm']:.3f}",
                       (a["norm"], a["reconstruction"]), xytext=(0.03, 0.95), textcoords="axes fraction", ha="left",
                       va="top", fontsize=9.5, arrowprops=dict(arrowstyle="-", color=style.GUIDE, lw=0.7))
        right.scatter([a["norm"]], [a["reconstruction"]], s=22, color=colors[i], zorder=5, edgecolors=style.INK)
        right.set_xlim(0, t[-1])
        right.set_ylim(-0.45, 1.75)
        right.set_xlabel(f"distance $t$ along $W_{{{i + 1}}}$ from the origin")
        right.set_ylabel(f"output $y_{{{i + 1}}}$")
        right.set_title(f"along $W_{{{i + 1}}}$: $y_{{{i + 1}}}$ = "
                        f"ReLU($\\|W_{{{i + 1}}}\\| t + b_{{{i + 1}}}$)", fontsize=11)
        style.save(fig, out / FILES[0], quality)

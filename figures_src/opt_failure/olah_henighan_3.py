"""Where the zones really start: a short and a long feature of the "two circles" solution

The seed of `olah_henighan_2` (n = 7, m = 2, AdamW, lr 1e-3, 25,000 steps; the first converged seed
with two radii and the fewest short features, `analysis.fewest_short`). For its short feature
(indianred) and the long feature furthest from it in angle (blue), the figure shades each zone
{h : Wᵢᵀh + bᵢ > 0} inside the latent polygon, draws the line where it starts (the engine's
`zone_boundary`) and marks the activation amount, the stretch of Wᵢ inside its zone,
(‖Wᵢ‖² + bᵢ)/‖Wᵢ‖. The short feature's zone starts far from its tip, the long one's close to it, yet
both reconstruct WᵢᵀWᵢ + bᵢ = 1: output i grows with slope ‖Wᵢ‖ across the zone. The naive dotted
line of `olah_henighan_2` is kept, faint, for comparison.
"""
import numpy as np

from toyviz.plot import activation, circles, latent, style
from toyviz.toy import showcase
from toyviz.toy.analysis import fewest_short, widest_separator
from toyviz.toy.geometry import latent_polygon, zone
from toyviz.toy.specimen import order_features

ID = "opt_failure/olah_henighan_3"
KIND = "still"
REPRODUCES = "opt_failure/olah_henighan_3.png"
FILES = ["olah_henighan_3.png"]

SHORT, LONG, OTHER = "indianred", "blue", "#8c8c8c"


def build(out, quality):
    run = showcase.post_batch(quality)
    k = fewest_short(run)
    order = order_features(run.W[k])
    W = run.W[k][:, order].astype(np.float64)
    b = run.b[k][order].astype(np.float64)
    norms = np.linalg.norm(W, axis=0)
    s = int(np.argmin(norms))
    cos = (W[:, s] @ W) / (norms[s] * norms)
    l = int(np.argmin(np.where(norms > norms[s] * 1.1, cos, np.inf)))      # long, furthest in angle
    radius = 1.2 * float(norms.max())
    colors = [SHORT if j == s else LONG if j == l else OTHER for j in range(W.shape[1])]
    u, c, _ = widest_separator(W, s)
    with style.figure(1, 1, figsize=(6.0, 6.0)) as (fig, ax):
        latent.polygon(ax, latent_polygon(W))
        empty = np.zeros((0, 2))
        latent.zones(ax, [zone(W, b, j) if j in (s, l) else empty for j in range(W.shape[1])], colors, alpha=0.25)
        circles.line(ax, u, c, radius, color=style.GUIDE, lw=1.0)
        latent.columns(ax, W, colors, lw=2.0)
        for j, color in ((s, SHORT), (l, LONG)):
            activation.boundary(ax, W, b, j, color, lw=1.6)
            a = activation.arrow(ax, W, b, j, color, side=0.16, label="{amount:.2f}", fontsize=9.5, label_side=1.6)
            ax.text(0.5, -0.13 - 0.055 * (j == l), f"$W_{{{j + 1}}}$: $\\|W\\|$ = {a['norm']:.2f}, activation "
                    f"amount {a['amount']:.2f}, $W^\\top W + b$ = {a['reconstruction']:.3f}",
                    transform=ax.transAxes, color=color, fontsize=9.5, va="top", ha="center")
        style.equal_square(ax, radius)
        ax.set_title(f"seed {run.seeds[k]}: where the zones of a short and a long feature start\n"
                     "(solid lines; the dotted line is the naive separator)", fontsize=11)
        style.save(fig, out / FILES[0], quality)

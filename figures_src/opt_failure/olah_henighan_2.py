"""A "two circles" solution and the naive line that separates its short feature from the rest

From the batch of `anthropic_opt_failure_post` (n = 7, m = 2, AdamW, lr 1e-3, 25,000 steps), the
first seed that ends converged with its lengths on two radii and the fewest features on the short
one (`analysis.fewest_short`). The columns are drawn in grey, the short feature in indianred, dashed
circles at the two radii, and the dotted line is Olah and Henighan's kind of argument: the straight
line that separates the tip of the short feature from all the others with the widest margin. It does
separate them, but says nothing about where the model's own zone for that feature starts (see
`olah_henighan_3`).
"""
import numpy as np

from toyviz.plot import circles, latent, style
from toyviz.toy import showcase
from toyviz.toy.analysis import fewest_short, widest_separator
from toyviz.toy.specimen import order_features

ID = "opt_failure/olah_henighan_2"
KIND = "still"
REPRODUCES = "opt_failure/olah_henighan_2.png"
FILES = ["olah_henighan_2.png"]

SHORT = "indianred"
OTHER = "#8c8c8c"


def build(out, quality):
    run = showcase.post_batch(quality)
    k = fewest_short(run)
    W = run.W[k][:, order_features(run.W[k])].astype(np.float64)
    norms = np.linalg.norm(W, axis=0)
    s = int(np.argmin(norms))
    u, c, margin = widest_separator(W, s)
    radius = 1.2 * float(norms.max())
    colors = [SHORT if j == s else OTHER for j in range(W.shape[1])]
    with style.figure(1, 1, figsize=(5.6, 5.4)) as (fig, ax):
        radii = circles.draw_radii(ax, W, label=False)
        latent.columns(ax, W, colors, lw=2.0)
        circles.line(ax, u, c, radius)
        style.equal_square(ax, radius)
        ax.set_title(f"seed {run.seeds[k]}: radii " + ", ".join(f"{r:.2f}" for r in radii) +
                     f"\na dotted line separates the short $W_{{{s + 1}}}$ (margin {margin:.2f})", fontsize=11)
        style.save(fig, out / FILES[0], quality)

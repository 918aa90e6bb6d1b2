"""WᵀW of a perfect model and of a Symmetric Failure: row and column 7 are zero

Both models come from one batch of n = 7, m = 2 models trained with the post's settings (AdamW,
lr 1e-3, 25,000 steps). Left: the most typical `perfect` seed at the end of training. Right: the most
typical seed in the Symmetric Failure shape at the checkpoint nearest step 10,000
(`showcase.symmetric_failure`; the shape is a plateau that ends in recovery under the engine's
defaults). In both, features are renumbered counter-clockwise from the top (the unlearnt one last, as 7), so
the diagonals match. WᵀW is drawn with a diverging colormap centred at 0 and one shared colour bar:
in the failure, row and column 7 are zero, so the latent plane has no extent (no tilt) along dim 7.
"""
from toyviz.plot import heatmap, style
from toyviz.toy import showcase
from toyviz.toy.analysis import find_seeds
from toyviz.toy.geometry import gram
from toyviz.toy.specimen import order_features

ID = "opt_failure/ideal_vs_unideal_WTW"
KIND = "still"
REPRODUCES = "opt_failure/ideal_vs_unideal_WTW.png"
FILES = ["ideal_vs_unideal_WTW.png"]


def build(out, quality):
    run = showcase.post_batch(quality)
    k = int(find_seeds(run, "perfect", count=1)[0])
    W_ok = run.W[k][:, order_features(run.W[k])]
    s = showcase.symmetric_failure(quality)
    G_ok, G_sf = gram(W_ok), gram(s.W)
    vmax = heatmap.limits(G_ok, G_sf)
    with style.figure(1, 2, figsize=(7.3, 4.3), constrained_layout=True) as (fig, (left, right)):
        img = heatmap.matrix(left, G_ok, vmax)
        left.set_title(f"all 7 learnt\n(seed {run.seeds[k]}, step {run.steps[-1]:,})", fontsize=11)
        heatmap.matrix(right, G_sf, vmax, highlight=6)
        right.set_title(f"Symmetric Failure\n(seed {s.seed}, step {s.step:,})", fontsize=11)
        for ax in (left, right):
            ax.set_xlabel("$j$")
            ax.set_ylabel("$i$")
        bar = fig.colorbar(img, ax=[left, right], shrink=0.85, pad=0.02)
        bar.set_label(r"$(W^\top W)_{ij} = W_i^\top W_j$")
        fig.suptitle(r"$W^\top W$: ideal (left) vs Symmetric Failure (right), row and column 7 zero",
                     fontsize=11)
        style.save(fig, out / FILES[0], quality)

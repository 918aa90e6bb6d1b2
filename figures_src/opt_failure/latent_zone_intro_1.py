"""A perfectly learnt model: its columns and its latent zones

A batch of n = 6, m = 2 toy autoencoders is trained with the engine's defaults (AdamW, lr 1e-3,
25,000 steps); the first seed the outcome classifier calls `perfect` is drawn. Left: the six
columns of W, a regular hexagon of arrows. Right: the latent polygon through the columns, and each
feature's zone {h : Wᵢᵀh + bᵢ > 0} clipped to it, where that feature's output is switched on.
"""
from toyviz.plot import latent, style
from toyviz.toy.analysis import find_seeds
from toyviz.toy.config import ToyConfig
from toyviz.toy.geometry import latent_polygon, zones
from toyviz.toy.train import train_cached

ID = "opt_failure/latent_zone_intro_1"
KIND = "still"
REPRODUCES = "opt_failure/latent_zone_intro_1.png"
FILES = ["latent_zone_intro_1.png"]

CONFIG = ToyConfig(n=6, m=2, n_seeds=64, steps=25_000, seed=0)  # the post's n = 6 set-up


def build(out, quality):
    run = train_cached(CONFIG)
    k = int(find_seeds(run, "perfect", count=1)[0])  # the first seed that learnt every feature
    W, b = run.W[k], run.b[k]
    colors = style.feature_colors(CONFIG.n)
    radius = 1.25 * float(abs(W).max())
    with style.figure(1, 2, figsize=(9.0, 4.4)) as (fig, (left, right)):
        latent.columns(left, W, colors)
        style.equal_square(left, radius)
        left.set_title(f"columns of $W$ (seed {run.seeds[k]})")
        latent.polygon(right, latent_polygon(W))
        latent.zones(right, zones(W, b), colors)
        latent.columns(right, W, colors, labels=False, lw=1.2)
        style.equal_square(right, radius)
        right.set_title(r"latent zones $\{h : W_i^\top h + b_i > 0\}$")
        style.save(fig, out / FILES[0], quality)

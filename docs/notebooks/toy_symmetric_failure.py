# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Symmetric Failure and Asymmetric Recovery, in a few lines
#
# This notebook uses toyviz's public API to train a small batch of the toy ReLU autoencoder
# $y = \mathrm{ReLU}(W^\top W x + b)$ of [Part I](../../part1/), with $n = 7$ features in $m = 2$
# dimensions on the identity data, and then *finds* (rather than hand-picks) a seed that passes
# through the Symmetric Failure shape and later recovers. It is executed every time the site is
# built, so what you see below is what the current code does.
#
# Two of the defaults are the post's: AdamW, and 25,000 full-batch steps. The rest are toyviz's
# choices where the post does not say: mean squared error over all outputs, $W \sim \mathcal
# N(0, 2/(m+n))$, $b = 0$, learning rate $10^{-3}$ and weight decay $10^{-2}$ (torch's AdamW
# defaults); see [the toy engine's conventions](../../engines/toy/).

# %%
import time

import numpy as np

from toyviz.toy import ToyConfig, outcome_counts, outcomes, symmetric_failure_shape, train
from toyviz.toy.analysis import dead_features, feature_norms, find_seeds

# %% [markdown]
# ## Train 64 seeds at once
#
# `ToyConfig` is a frozen dataclass; `n_seeds=64` trains 64 independent models in one batched call
# (seed $i$ of the batch is bit-for-bit the model trained alone from seed $i$). The history is kept
# at about 50 log-spaced checkpoints plus every 250 steps.

# %%
config = ToyConfig(n=7, m=2, n_seeds=64, steps=25_000, every=250)
t0 = time.perf_counter()
run = train(config)
print(f"trained {config.n_seeds} seeds × {config.steps:,} steps in {time.perf_counter() - t0:.1f} s "
      f"(first call includes compiling the kernel)")
print("W:", run.W.shape, " history:", run.W_hist.shape)

# %% [markdown]
# ## Label every seed by how its training went
#
# `outcomes` is a pure function of the recorded history, with the labels and tolerances of the
# toy engine's notes. "Asymmetric Recovery" means: in the Symmetric Failure shape (exactly one
# feature dead with bias $\approx 1/n$, the others on a regular polygon) at some checkpoint, and
# every feature learnt at the end.

# %%
labels = outcomes(run.W_hist, run.b_hist, run.loss)
for label, count in outcome_counts(labels).items():
    print(f"{label:>20}: {count}")

# %% [markdown]
# ## Find a recovering seed, and the checkpoint where it sat in Symmetric Failure
#
# `find_seeds` orders the seeds of one outcome from the most typical (final loss closest to the
# median of that outcome). For the first of them we take the checkpoint where it was in the
# Symmetric Failure shape for the longest stretch — its middle — and the final step.

# %%
k = int(find_seeds(run, "asymmetric_recovery")[0])
shape = symmetric_failure_shape(run.W_hist[k], run.b_hist[k])      # (T,) booleans
in_shape = np.where(shape)[0]
t_sf = int(in_shape[len(in_shape) // 2])
dead = np.where(dead_features(run.W_hist[k, t_sf]))[0]
print(f"seed {int(run.seeds[k])}: in the Symmetric Failure shape at {in_shape.size} checkpoints, "
      f"steps {int(run.steps[in_shape[0]]):,}–{int(run.steps[in_shape[-1]]):,}")
print(f"at step {int(run.steps[t_sf]):,}: dead feature(s) {(dead + 1).tolist()}, "
      f"bias {', '.join(f'{float(v):.4f}' for v in run.b_hist[k, t_sf, dead])} (1/n = {1 / config.n:.4f}), "
      f"loss {run.loss_hist[k, t_sf]:.5f} (one dead feature costs (n-1)/n³ = {(config.n - 1) / config.n**3:.5f})")
print(f"at step {int(run.steps[-1]):,}: lengths {feature_norms(run.W[k]).round(2).tolist()}, "
      f"loss {run.loss[k]:.1e}")

# %% [markdown]
# ## Draw both checkpoints
#
# With `toyviz.plot.latent`, the drawing module every latent-plane figure of the site uses.
# Left: the columns $W_i$ and each feature's latent zone $\{h : W_i^\top h + b_i > 0\}$ inside the
# latent polygon, while one feature is dead: its zone, drawn faint, covers the whole polygon, because its bias
# $1/n$ is positive and its column is (nearly) zero.
# Right: the same seed at the end, every feature learnt, on circles of different radii.

# %%
import io

from IPython.display import Image, display

from toyviz.plot import latent, style
from toyviz.toy.geometry import latent_polygon, zones

colors = style.feature_colors(config.n, unlearnt=int(dead[0]))


def draw(ax, W, b, title):
    W, b = np.asarray(W, np.float64), np.asarray(b, np.float64)
    z = zones(W, b)
    weak = [i for i in range(config.n) if i == int(dead[0])]      # the once-dead feature, faint
    strong = [i for i in range(config.n) if i not in weak]
    latent.polygon(ax, latent_polygon(W))
    latent.zones(ax, [z[i] for i in weak], [colors[i] for i in weak], alpha=0.15)
    latent.zones(ax, [z[i] for i in strong], [colors[i] for i in strong])
    latent.columns(ax, W, colors)
    style.equal_square(ax, 1.3 * float(np.abs(W).max()))
    ax.set_title(title, fontsize=11)


with style.figure(1, 2, figsize=(10, 5)) as (fig, (left, right)):
    draw(left, run.W_hist[k, t_sf], run.b_hist[k, t_sf], f"step {int(run.steps[t_sf]):,}: Symmetric Failure")
    draw(right, run.W[k], run.b[k], f"step {int(run.steps[-1]):,}: Asymmetric Recovery")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
display(Image(buf.getvalue()))

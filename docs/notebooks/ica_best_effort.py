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
# # Overcomplete ICA: the raw update against the best effort
#
# This notebook runs two of the ICA engine's presets through `toyviz.ica.run_experiment` and compares
# them: **E3-runaway**, Lewicki & Sejnowski's update $\Delta A = -A(z\hat s^\top + I)$ applied as
# printed, and **E6.1**, the post's "best effort" (update normalised by $(AA^\top)^{-1}$, columns
# held at equal length, evenly spread start, warm-up + cosine learning rate, and the reported $A$
# selected by the model's own criterion: the step of highest approximate evidence $\log P(x \mid A)$,
# which needs no $A_\text{true}$; the post kept the step closest to $A_\text{true}$ instead).
# Both learn three columns $A \in \mathbb{R}^{2\times 3}$ from 1,000 points $x = A_\text{true}s$ with
# exponential sources (see [Part II](../../part2/) and [the ICA engine's conventions](../../engines/ica/)).
#
# The notebook is executed whenever the site is built. `run_experiment` stores its result in the run
# cache under a key that hashes the preset *and the source of* `toyviz.ica`, so a cached result is
# reused only while the engine's code is unchanged.

# %%
import io
import time

import numpy as np
from IPython.display import Image, display

from toyviz.ica import experiment, run_experiment
from toyviz.plot import style

# %% [markdown]
# ## The two presets
#
# Presets are frozen dataclasses; printing the fields that differ shows what the best effort adds.

# %%
raw, best = experiment("E3-runaway"), experiment("E6.1")
for field in ("sigma", "prior_scale", "lr", "steps", "schedule", "normalise", "equal_norms", "init", "select"):
    print(f"{field:>12}: {getattr(raw, field)!s:>10}   {getattr(best, field)!s:>14}")
print(f"{'data rate':>12}: {raw.data.rate!s:>10}   {best.data.rate!s:>14}")

# %% [markdown]
# ## Run both on three seeds
#
# Seeds are batched: the arrays put the seed axis first, `A` is (seeds, steps + 1, 2, k).

# %%
t0 = time.perf_counter()
runs = {name: run_experiment(name, seeds=range(3)) for name in ("E3-runaway", "E6.1")}
print(f"{time.perf_counter() - t0:.1f} s (training, or loading from the run cache)")
for name, r in runs.items():
    print(f"{name}: A {r.A.shape}, mean angle error per seed at the evaluated step "
          f"{np.round(r.metrics.angle_mean_deg, 1).tolist()} °, worst column "
          f"{r.metrics.angle_max_deg.max():.1f} °, dead columns {r.metrics.dead_columns.astype(int).tolist()}")

# %% [markdown]
# ## The angle error over training
#
# Columns are matched to the true ones (Hungarian matching on $|\cos|$) and the error is the mean
# angle between matched pairs. The raw update gets close within a few dozen steps, then drifts
# away; the best effort settles and stays.

# %%
r = runs["E3-runaway"]
best_seen = r.angle_mean_deg.min(1)
at = r.angle_mean_deg.argmin(1)
print("E3-runaway, lowest mean error seen:", np.round(best_seen, 1).tolist(), "° at steps", at.tolist())
print("E3-runaway, error at the last step:", np.round(r.angle_mean_deg[:, -1], 1).tolist(), "°")
print("E6.1, error at the selected step:  ", np.round(runs["E6.1"].metrics.angle_mean_deg, 1).tolist(), "°")
e = runs["E6.1"]
print("E6.1, sign-aware error: selected", np.round(e.selected.error_deg[:, 0], 1).tolist(),
      "least (needs A_true)", np.round(e.oracle.error_deg[:, 0], 1).tolist(),
      "last", np.round(e.final.error_deg[:, 0], 1).tolist(), "°")

with style.figure(1, 2, figsize=(10, 3.6)) as (fig, axes):
    for ax, (name, r) in zip(axes, runs.items()):
        steps = np.arange(r.angle_mean_deg.shape[1])
        for s in range(r.angle_mean_deg.shape[0]):
            ax.plot(steps, r.angle_mean_deg[s], lw=1.2, label=f"seed {s}")
        ax.set_xscale("symlog", linthresh=10)
        ax.set_xlabel("step")
        ax.set_ylabel("mean angle error (°)")
        ax.set_title(name)
    axes[0].legend(fontsize=8, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
display(Image(buf.getvalue()))

# %% [markdown]
# ## The learned columns against the true ones
#
# Seed 0 of each preset: the data (grey), the true directions (dashed) and the learned columns of
# $A$ (arrows) at the evaluated step — the last step for E3-runaway, the selected step for E6.1.

# %%
with style.figure(1, 2, figsize=(9, 4.5)) as (fig, axes):
    for ax, (name, r) in zip(axes, runs.items()):
        X, A_true, A = r.X[0], r.A_true, r.A_eval[0]
        ax.scatter(X[:, 0], X[:, 1], s=3, color="#bbbbbb", zorder=1)
        R = 1.05 * float(np.abs(X).max())
        for i in range(A_true.shape[1]):
            ax.plot([0, R * A_true[0, i]], [0, R * A_true[1, i]], ls="--", color=style.GUIDE, lw=1)
        scale = 0.5 * R / max(float(np.linalg.norm(A, axis=0).max()), 1e-9)   # arrows share one scale
        for i in range(A.shape[1]):
            ax.annotate("", xy=scale * A[:, i], xytext=(0, 0),
                        arrowprops=dict(arrowstyle="-|>", color=style.SOURCE_COLORS[i], lw=2))
        style.equal_square(ax, R)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        step = int(r.selected.step[0])
        ax.set_title(f"{name}, seed 0, step {step:,}: {r.metrics.angle_mean_deg[0]:.1f}° mean error", fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
display(Image(buf.getvalue()))

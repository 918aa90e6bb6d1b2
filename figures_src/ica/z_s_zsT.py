"""z, ŝ and z ŝᵀ for one data point

One data point of the post's E3 run (the raw Lewicki & Sejnowski update from a perturbed A_true,
seed 0, after its 50 steps): its MAP code ŝ from the engine's exact solver (the one the run records),
the score z = ∇ log P(ŝ) = −sign(ŝ)/λ_prior (`toyviz.ica.score`, λ_prior = 0.5), and their outer
product z ŝᵀ, drawn as an outer product: z down the left, ŝᵀ along the top, every cell printed. The
point is chosen by code: of the points whose code has exactly two active coefficients and that lie
no farther out than 60 % of the data, the one whose smaller active coefficient is largest. Left: the
data, the columns of A at that step (their lengths in the title) and the point's reconstruction
ŝ_a A_a + ŝ_b A_b (dashed arrows). The entries of z are −1/λ or 0 (λ and z⁺ = −1/λ under z), and every
column of z ŝᵀ is constant where z is active: column j is z⁺ŝ_j.
"""
import numpy as np

from toyviz.ica import experiment, run_experiment, score
from toyviz.ica import showcase
from toyviz.plot import heatmap, ica, style

ID = "ica/z_s_zsT"
KIND = "still"
REPRODUCES = "ica/z_s_zsT.png"
FILES = ["z_s_zsT.png"]

PRESET = "E3"


def build(out, quality):
    config = experiment(PRESET)
    run = run_experiment(PRESET, seed=0)
    A = run.A[0, -1]
    S = run.s_hat[0, -1]
    assert run.record_steps[-1] == config.steps
    j = showcase.two_active_point(S, run.X[0])
    x, s = run.X[0, j], S[j]
    z = score(s, config.prior_scale)
    zs = np.outer(z, s)
    k = A.shape[1]
    colors = ica.source_colors(k)
    act = np.flatnonzero(s > 0)
    fig_kw = dict(figsize=(7.4, 4.3), gridspec_kw=dict(width_ratios=[3.6, 1.0, 3.0], height_ratios=[1.0, 3.0]))
    with style.figure(2, 3, **fig_kw) as (fig, axes):
        gs = axes[0, 0].get_gridspec()
        for a in axes[:, 0]:
            a.remove()
        plane = fig.add_subplot(gs[:, 0])
        axes[0, 1].axis("off")
        # left: the point, the columns and the reconstruction
        radius = 0.75 * max(float(np.abs(x).max()), float(np.linalg.norm(A, axis=0).max())) + 0.6
        ica.data(plane, run.X[0], alpha=0.35, size=4)
        ica.columns(plane, A, colors, label="$A_{i}$")
        a, b = act
        ica.arrow(plane, (0, 0), s[a] * A[:, a], colors[a], lw=1.2, ls="--", zorder=3)
        ica.arrow(plane, s[a] * A[:, a], s[b] * A[:, b], colors[b], lw=1.2, ls="--", zorder=3)
        plane.scatter(*x, s=60, color="black", zorder=6, label="data point $x$")
        plane.text(x[0], x[1], "  $x$", fontsize=11, va="bottom")
        ica.frame(plane, radius, center=x / 2)
        norms = ", ".join(f"$\\|A_{i + 1}\\| = {np.linalg.norm(A[:, i]):.2f}$" for i in range(k))
        plane.set_title(f"{PRESET}, seed 0, step {config.steps}: $x \\approx "
                        f"{s[a]:.2f}\\,A_{a + 1} + {s[b]:.2f}\\,A_{b + 1}$\n{norms}", fontsize=10)
        # right: the outer product
        vmax = heatmap.limits(zs, z, s)
        cells = dict(fontsize=10, grid=True)
        heatmap.matrix(axes[1, 1], z[:, None], vmax, col_labels=[""], **cells)
        axes[1, 1].set_title(r"$z=-\mathrm{sign}(\hat s)/\lambda$", fontsize=10)
        heatmap.matrix(axes[0, 2], s[None, :], vmax, row_labels=[""], **cells)
        axes[0, 2].set_title(r"$\hat s^\top$ (MAP)", fontsize=11)
        axes[0, 2].xaxis.tick_top()
        heatmap.matrix(axes[1, 2], zs, vmax, **cells)
        axes[1, 2].set_xlabel(r"$z\,\hat s^\top$: column $j$ is $z^+\hat s_j$" "\n" r"where $z$ is active", fontsize=10)
        lam = config.prior_scale
        axes[1, 1].set_xlabel(f"$\\lambda = {lam:g}$\n$z^+ = {-1 / lam:g}$", fontsize=10)
        fig.subplots_adjust(wspace=0.12, hspace=0.08)
        style.save(fig, out / FILES[0], quality)

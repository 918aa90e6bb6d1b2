"""Over-provisioned ICA: 6 and 8 columns for 3 true sources, and their clustering

The post's E6.3 runs (best effort: (AAᵀ)⁻¹-normalised update, equal column norms, spread init,
warm-up + cosine schedule, A selected by the fitted evidence; 3 sources at 90°, 210°, 330°) with 6 and 8 columns, over the
seeds every ICA figure shares. Top: for the typical seed (median centroid error), the learnt columns
over the data, coloured by the k-means cluster they fall in (`toyviz.ica.cluster_columns`, 3 clusters,
each named after the true direction its centroid is matched to), the centroids as wide translucent
bars and the true directions dashed; a column more than 20° from every true direction (sign kept, as
the codes are ≥ 0) is marked "×" past its tip. Bottom left: where every seed's columns
point (angle histogram, 10° bins), with the true directions. Bottom right: per seed, the mean angle
error of the cluster centroids (`cluster_report`) and of the best-matched column per source.
"""
import numpy as np

from toyviz.ica import cluster_columns, match_columns, run_experiment
from toyviz.ica import showcase
from toyviz.plot import ica, style

ID = "beyond/overprovisioned_clusters"
KIND = "still"
REPRODUCES = None
FILES = ["overprovisioned_clusters.png"]

PRESETS = {"E6.3-6": 6, "E6.3-8": 8}
NEAR = 20.0   # degrees


def _angles(A):
    return np.degrees(np.arctan2(A[..., 1, :], A[..., 0, :])) % 360


def build(out, quality):
    seeds = showcase.seeds(quality)
    runs = {name: run_experiment(name, seeds=seeds) for name in PRESETS}
    A_true = runs["E6.3-6"].A_true
    tcol = ica.source_colors(A_true.shape[1])
    tang = _angles(A_true)
    fig_kw = dict(figsize=(7.4, 8.0), gridspec_kw=dict(height_ratios=[1.15, 1.0]))
    with style.figure(2, 2, **fig_kw) as (fig, axes):
        for ax, (name, k) in zip(axes[0], PRESETS.items()):
            run = runs[name]
            cerr = run.metrics.centroid_angle_deg.mean(1)
            s = showcase.typical_seed(cerr)
            A, X = run.A_eval[s], run.X[s]
            labels, C = cluster_columns(A, A_true.shape[1])
            perm, _ = match_columns(C, A_true)                    # centroid matched to each true column
            cluster_color = {int(perm[t]): tcol[t] for t in range(len(perm)) if perm[t] >= 0}
            colors = [cluster_color.get(int(g), style.GUIDE) for g in labels]
            U = A / np.linalg.norm(A, axis=0)
            radius = 4.2
            ica.data(ax, X, alpha=0.3, size=4)
            ica.true_directions(ax, A_true, 0.72 * radius)
            for t in range(C.shape[1]):
                u = C[:, t] / np.linalg.norm(C[:, t])
                ax.plot([0, 0.64 * radius * u[0]], [0, 0.64 * radius * u[1]], color=cluster_color.get(t, style.GUIDE),
                        lw=9, alpha=0.22, solid_capstyle="round", zorder=2)
            L = 2.6 * U
            for i in range(k):
                ica.arrow(ax, (0, 0), L[:, i], colors[i], lw=2.0)
            far = np.degrees(np.arccos(np.clip((U.T @ A_true).max(1), -1, 1))) >= NEAR
            ax.plot(*(1.15 * L[:, far]), ls="", marker="x", ms=7, mew=1.6, mec=style.INK, zorder=5)
            ica.frame(ax, radius)
            split = "/".join(str(int(v)) for v in run.metrics.split[s])
            ax.set_title(f"{k} columns (seed {seeds[s]}): clusters {split},\ncentroids "
                         f"{run.metrics.centroid_angle_deg[s].mean():.1f}° off on average", fontsize=10)
        hist = axes[1, 0]
        bins = np.arange(0, 361, 10)
        for (name, k), color in zip(PRESETS.items(), ["#4a6fa5", "#d08c2f"]):
            hist.hist(_angles(runs[name].A_eval).ravel(), bins=bins, color=color, alpha=0.6,
                      label=f"{k} columns")
        for t, a in enumerate(tang):
            hist.axvline(a, color=tcol[t], ls="--", lw=1.4)
            hist.text(a, 1.0, rf"$A_{{\mathrm{{true}},{t + 1}}}$", transform=hist.get_xaxis_transform(),
                      ha="center", va="bottom", fontsize=9, color=style.INK)
        hist.set_xlim(0, 360)
        hist.set_xticks(range(0, 361, 60))
        hist.set_xlabel("column direction (degrees)")
        hist.set_ylabel(f"columns (all {len(seeds)} seeds)")
        hist.locator_params(axis="y", integer=True)             # counts: no ticks at 0.5, 1.5
        hist.legend(loc="upper center", fontsize=9, bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
        err = axes[1, 1]
        for x, (name, k) in enumerate(PRESETS.items()):
            run = runs[name]
            for y, key, marker, lab in ((run.metrics.centroid_angle_deg.mean(1), "c", "o", "k-means centroids"),
                                        (run.metrics.angle_mean_deg, "m", "s", "best-matched column")):
                off = -0.12 if key == "c" else 0.12
                err.scatter(np.full(len(y), x + off), y, marker=marker, s=30, color="#4a6fa5" if key == "c" else "#d08c2f",
                            edgecolor="white", lw=0.5, zorder=3, label=lab if x == 0 else None)
                err.plot([x + off - 0.08, x + off + 0.08], [y.mean()] * 2, color=style.INK, lw=1.5)
        err.set_xticks(range(len(PRESETS)), [f"{k} columns" for k in PRESETS.values()])
        err.set_xlim(-0.6, len(PRESETS) - 0.4)
        err.set_ylim(bottom=0)
        err.set_ylabel("mean angle error per seed (degrees)")
        err.legend(loc="upper center", fontsize=9, bbox_to_anchor=(0.5, -0.12), ncol=1, frameon=False)
        err.grid(axis="y", color="#e6e6e6", lw=0.8)
        err.set_title("bar: mean over seeds", fontsize=10)
        fig.tight_layout(h_pad=2.0)
        style.save(fig, out / FILES[0], quality)

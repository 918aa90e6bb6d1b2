"""ICA, an SAE and dictionary learning on the same data: recovered directions and angle errors

Three learners on the same toy data x = A_true s (exponential sources, rate 0.5, 1,000 points per
seed): Lewicki & Sejnowski's ICA in its best-effort preset (E6.1: (AAᵀ)⁻¹-normalised update, equal
column norms, spread init, warm-up + cosine schedule, A selected by the fitted evidence), the engine's SAE baseline on the
same data and seeds (`sae_config`: ReLU encoder, unit-norm decoder, l1 0.1, Adam 0.01, 2,000 steps) and
scikit-learn's batch dictionary learning with non-negative codes (`dict_config`, α 0.1, 200
iterations; one seed at preview, as each fit takes about a minute here). Top: seed 0 of the 3-source
data with each learner's columns (unit length, coloured by the true direction they are matched to)
over the data, true directions dashed. Bottom: the mean angle error between each true direction and
its matched column (sign ignored), mean over seeds with the range, against the number of sources —
3 (90°, 210°, 330°), 4 (the post's irregular 20°, 75°, 190°, 300°) and 5 (72° apart) — with as many
columns as sources (left) and twice as many (right; over-provisioned, best-matched column per source).
"""
import dataclasses

import numpy as np

from toyviz.ica import (ANGLES_3, ANGLES_4, dict_config, experiment, match_columns, run_dictionary,
                        run_experiment, run_sae, sae_config, with_data)
from toyviz.ica import showcase
from toyviz.plot import ica, style

ID = "beyond/ica_vs_sae"
KIND = "still"
REPRODUCES = None
FILES = ["ica_vs_sae.png"]

ANGLES = {3: ANGLES_3, 4: ANGLES_4, 5: tuple(float((90 + 72 * i) % 360) for i in range(5))}
LEARNERS = {"ICA (best effort)": ("#c0392b", "o"), "SAE": ("mediumslateblue", "s"),
            "dictionary learning": ("#2e8b57", "D")}


def _config(k, columns, seeds):
    """The best-effort preset on k sources (columns 0 = k), so k = 3 is E6.1 and 6 columns E6.3-6."""
    return dataclasses.replace(with_data(experiment("E6.1"), angles=ANGLES[k]), columns=columns, seeds=seeds)


def _directions(ax, A, A_true, X, title):
    perm, _ = match_columns(A, A_true)
    tcol = ica.source_colors(A_true.shape[1])
    col = {int(p): tcol[t] for t, p in enumerate(perm) if p >= 0}
    U = A / np.maximum(np.linalg.norm(A, axis=0), 1e-12)
    ica.data(ax, X, alpha=0.3, size=4)
    ica.true_directions(ax, A_true, 3.3, label=False)
    for i in range(A.shape[1]):
        ica.arrow(ax, (0, 0), 2.6 * U[:, i], col.get(i, style.GUIDE), lw=2.2)
    ica.frame(ax, 4.0)
    ax.set_xticks([-4, 0, 4])
    ax.set_yticks([-4, 0, 4])
    ax.set_title(title, fontsize=10)


def build(out, quality):
    seeds = showcase.seeds(quality)
    dseeds = tuple(range(quality.scaled(4, 1)))
    err = {name: {} for name in LEARNERS}                      # name -> (k, over) -> per-seed errors
    top = {}
    for k in ANGLES:
        for over in (False, True):
            cfg = _config(k, 2 * k if over else 0, seeds)
            ic = run_experiment(cfg)
            sa = run_sae(sae_config(cfg))
            err["ICA (best effort)"][k, over] = ic.metrics.angle_mean_deg
            err["SAE"][k, over] = sa["final_angle_mean_deg"]
            if not over:
                dl = run_dictionary(dict_config(dataclasses.replace(cfg, seeds=dseeds)))
                err["dictionary learning"][k, over] = dl["final_angle_mean_deg"]
            if k == 3 and not over:
                top = {"ICA (best effort)": ic.A_eval[0], "SAE": sa["W_dec"][0], "dictionary learning": dl["A"][0],
                       "X": ic.X[0], "A_true": ic.A_true}
    fig_kw = dict(figsize=(7.4, 7.2), gridspec_kw=dict(height_ratios=[1.0, 1.1]))
    with style.figure(2, 3, **fig_kw) as (fig, axes):
        for ax, name in zip(axes[0], LEARNERS):
            e = err[name][3, False][0]
            _directions(ax, top[name], top["A_true"], top["X"], f"{name}\nseed 0: {e:.1f}° mean error")
        for a in axes[0, 1:]:
            a.set_ylabel("")
        gs = axes[1, 0].get_gridspec()
        for a in axes[1]:
            a.remove()
        left = fig.add_subplot(gs[1, 0:2])
        right = fig.add_subplot(gs[1, 2], sharey=left)
        ks = list(ANGLES)
        for x, (name, (color, marker)) in enumerate(LEARNERS.items()):
            for ax, over in ((left, False), (right, True)):
                if (ks[0], over) not in err[name]:
                    continue
                Y = np.stack([err[name][k, over] for k in ks])
                n = Y.shape[1]
                ica.mean_spread(ax, ks, Y, color, f"{name} ({n} seed{'s' * (n > 1)})", marker=marker,
                                offset=0.07 * (x - 1))
        left.set_title("columns = sources", fontsize=11)
        right.set_title("columns = 2 × sources", fontsize=11)
        for ax in (left, right):
            ax.set_xticks(ks)
            ax.set_xlabel("true sources")
            ax.set_xlim(ks[0] - 0.4, ks[-1] + 0.4)
            ax.grid(axis="y", color="#e6e6e6", lw=0.8)
        left.set_ylim(bottom=0)
        right.tick_params(labelleft=False)
        left.set_ylabel("mean angle error (degrees)")
        fig.legend(*left.get_legend_handles_labels(), loc="lower center", ncol=3, fontsize=9, frameon=False)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.93, bottom=0.12, hspace=0.35, wspace=0.3)
        style.save(fig, out / FILES[0], quality)

"""How −A z ŝᵀ moves a column along the other active columns

The same data point, A and MAP code as `ica/z_s_zsT` (the post's E3 run, seed 0, step 50; the point
has two active coefficients, a and b). For that point the engine's per-point update term −A z ŝᵀ
(`toyviz.ica.update_terms`) is, column by column, −(A z ŝᵀ)ᵢ = −ŝᵢ Σₗ zₗ Aₗ = k_i (A_a + A_b) with
k_i = −z⁺ŝᵢ = ŝᵢ/λ: every active column is pushed along the *sum* of the active columns, by an amount
set by its own coefficient. Each panel draws the columns of A from the origin and, from the tip of one
active column, its update split into its two contributions k_i A_a and k_i A_b (dashed, tip to tail)
and their sum (solid), which is checked against the engine's term. Update arrows are scaled by the
stated factor to share the columns' axes. Columns 2 (inactive for this point) get no push.
"""
import numpy as np

from toyviz.ica import experiment, run_experiment, score, update_terms
from toyviz.ica import showcase
from toyviz.plot import ica, latent, style

ID = "ica/examining_AzsT"
KIND = "still"
REPRODUCES = "ica/examining_AzsT.png"
FILES = ["examining_AzsT.png"]

PRESET = "E3"  # as ica/z_s_zsT
SCALES = (1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.02)


def build(out, quality):
    config = experiment(PRESET)
    lam = config.prior_scale
    run = run_experiment(PRESET, seed=0)
    A, S = run.A[0, -1], run.s_hat[0, -1]
    j = showcase.two_active_point(S, run.X[0])
    s = S[j]
    z = score(s, lam)
    partial, _ = update_terms(A, s[None, :], lam)          # (1, 2, k): −A z ŝᵀ for this point
    act = np.flatnonzero(s > 0)
    zplus = z[act[0]]
    colors = ica.source_colors(A.shape[1])
    terms = {i: [(-zplus * s[i]) * A[:, l] for l in act] for i in act}
    for i in act:  # the decomposition is the engine's term
        assert np.allclose(sum(terms[i]), partial[0, :, i], atol=1e-12)
    big = max(float(np.linalg.norm(partial[0, :, i])) for i in act)
    top = float(np.linalg.norm(A, axis=0).max())
    c = next(v for v in SCALES if v * big <= 1.1 * top)
    with style.figure(1, 2, figsize=(7.4, 4.8)) as (fig, axes):
        for ax, i in zip(axes, act):
            ica.columns(ax, A, colors, label="$A_{i}$", mid=(i,))
            end = A[:, i] + c * partial[0, :, i]
            centroid = (A[:, i] + A[:, i] + c * terms[i][0] + end) / 3
            tip = A[:, i].copy()
            for l, t in zip(act, terms[i]):
                ica.arrow(ax, tip, c * t, colors[l], lw=1.6, ls="--", zorder=5)
                mid = tip + 0.5 * c * t
                perp = np.array([-t[1], t[0]]) / np.linalg.norm(t)
                perp = perp if perp @ (mid - centroid) >= 0 else -perp   # outside the triangle
                ax.annotate(f"$k_{i + 1}A_{l + 1}$", mid, xytext=tuple(4 * perp), textcoords="offset points",
                            fontsize=10, color=colors[l], **latent.anchored_away(perp))
                tip = tip + c * t
            ica.arrow(ax, A[:, i], c * partial[0, :, i], "black", lw=2.2, zorder=6)
            pts = np.stack([np.zeros(2), *A.T, tip, end])
            center = (pts.max(0) + pts.min(0)) / 2
            radius = 0.55 * float((pts.max(0) - pts.min(0)).max()) + 0.35
            ica.frame(ax, radius, center=center)
            others = " + ".join(f"k_{{{i + 1}}}A_{{{l + 1}}}" for l in act)
            ax.set_title(f"update of $A_{{{i + 1}}}$: ${others}$\n"
                         f"$k_{{{i + 1}}} = {-zplus:g}\\times{s[i]:.2f} = {-zplus * s[i]:.2f}$, "
                         f"$\\|A_{{{i + 1}}}\\| = {np.linalg.norm(A[:, i]):.2f}$", fontsize=10)
        a, b = act + 1
        fig.suptitle(f"{PRESET}, seed 0, step {config.steps}: one point with $\\hat s_{{{a}}}, \\hat s_{{{b}}} > 0$ "
                     f"pushes both columns\nalong $A_{{{a}}} + A_{{{b}}}$: "
                     f"$-(Az\\hat s^\\top)_i = k_i(A_{{{a}}} + A_{{{b}}})$, $k_i = -z^+\\hat s_i$\n"
                     f"update arrows × {c:g}; solid: their sum, the engine's term", fontsize=11, y=0.99, va="top")
        fig.subplots_adjust(top=0.79, wspace=0.3)
        style.save(fig, out / FILES[0], quality)

"""The numbers behind the Optimization Failure post's claims, measured

Writes `claims.json` for the site's claims table (schema in `toyviz/claims.py`). Every number
comes from the runs `toyviz.toy.showcase` defines: `claims_batch` (the post's set-up trained on to
100,000 steps) with `symmetric_failure_stats` on it, `tilt_batch`, the frozen-W₇ optimum of the
settled asymmetry (`created_asymmetric_7`), `chaos_sweep` (the run `chaos_exp_10000_with_annotations`
draws) and the AdamW arm of `resampling_arms` (the run the resampling figure draws).
"""
import dataclasses

import numpy as np

from toyviz.claims import claim, value, write_claims
from toyviz.toy.analysis import dead_features, outcome_counts, outcomes, symmetric_failure_shape
from toyviz.toy import showcase
from toyviz.toy.experiments import constructed_asymmetry, frozen_w7_optimum, resampling_counts, symmetric_failure_stats

ID = "opt_failure/claims"
KIND = "data"
REPRODUCES = None
FILES = ["claims.json"]

POST = "optimization-failure"
LONG, POST_STEPS = showcase.LENGTH_STEPS, showcase.POST_STEPS


def _claim(*args, **kwargs):
    return claim(POST, *args, **kwargs)


def build(out, quality):
    run100 = showcase.claims_batch(quality)
    seeds = run100.K
    i25 = int(np.searchsorted(run100.steps, POST_STEPS))
    run = dataclasses.replace(run100, steps=run100.steps[:i25 + 1], W_hist=run100.W_hist[:, :i25 + 1],
                              b_hist=run100.b_hist[:, :i25 + 1], loss_hist=run100.loss_hist[:, :i25 + 1])
    n = 7
    st = symmetric_failure_stats(run)
    labels = outcomes(run.W_hist, run.b_hist, run.loss)
    counts = outcome_counts(labels)
    ever_sf = symmetric_failure_shape(run.W_hist, run.b_hist)[:, 1:].any(axis=1)
    dead25 = dead_features(run.W).any(axis=1)
    dead100 = dead_features(run100.W).any(axis=1)
    sf_at_100 = int(symmetric_failure_shape(run100.W, run100.b).sum())
    claims = []
    size = f"{seeds:,} seeds, n = 7 defaults, {POST_STEPS:,} steps"
    size100 = f"{seeds:,} seeds, n = 7 defaults, {LONG:,} steps"
    recovered = counts["asymmetric_recovery"]
    values = [value("sf.seeds", f"{seeds:,}", size=size, value=seeds),
              value("sf.slow_start", f"{counts['slow_start']:,}", size=size, value=counts["slow_start"]),
              value("sf.ever_in_shape", f"{int(ever_sf.sum()):,}", size=size, value=int(ever_sf.sum())),
              value("sf.first_shape_step", f"{st['first_shape_step_median']:,.0f}", size=size,
                    value=st["first_shape_step_median"]),
              value("sf.in_shape_at_25k", f"{st['shape_at_end']:,}", size=size, value=st["shape_at_end"]),
              value("sf.recovered", f"{recovered:,}", size=size, value=recovered),
              value("sf.recovered_share", f"{recovered / seeds:.0%}", size=size, value=recovered / seeds),
              value("sf.dead_at_25k", f"{int(dead25.sum()):,}", size=size, value=int(dead25.sum())),
              value("sf.dead_at_25k_and_100k", f"{int((dead100 & dead25).sum()):,}", size=size100,
                    value=int((dead100 & dead25).sum())),
              value("sf.in_shape_at_100k", f"{sf_at_100:,}", size=size100, value=sf_at_100),
              value("sf.dead_bias_max_error", f"{st['dead_bias_max_error']:.3f}",
                    size=f"{st['checkpoints_in_shape']:,} checkpoints of {st['seeds_in_shape']:,} seeds in the shape",
                    value=st["dead_bias_max_error"])]
    claims.append(_claim(
        "What is b₇? Why can't it decrease?", "At Symmetric Failure the dead feature's bias is b = 1/n (the mean of its targets).",
        f"{st['seeds_in_shape']} of {seeds} seeds pass through the Symmetric Failure shape; over its "
        f"{st['checkpoints_in_shape']} checkpoints the dead bias is {st['dead_bias_mean']:.5f} on average vs "
        f"1/n = {1 / n:.5f} (largest deviation {st['dead_bias_max_error']:.1e}).", "agree",
        "opt_failure/asymmetric_failure_1"))
    plateau, expected = st["one_dead_loss_median"], st["one_dead_loss_expected"]
    claims.append(_claim(
        "Optimization Failure Mode: Symmetric Failure", "A Symmetric Failure with one dead feature costs (n−1)/n³ in loss.",
        f"median loss {plateau:.5f} over the {st['one_dead_checkpoints']} one-dead checkpoints in the Symmetric Failure shape "
        f"(at each seed's first such checkpoint, still settling: {st['one_dead_loss_first_mean']:.5f}) vs (n−1)/n³ = {expected:.5f} "
        f"(relative difference {abs(plateau / expected - 1):.1e}); (n−1)/n² = {(n - 1) / n ** 2:.5f} would hold "
        "for a loss summed over outputs and averaged over examples.", "agree", "opt_failure/created_asymmetric_7",
        "The engine's loss is the mean over all n² outputs (torch's MSELoss default): then (n−1)/n³ holds, not (n−1)/n²."))
    claims.append(_claim(
        "Asymmetric Recovery is Chaotic", "Asymmetric Recovery is rare: of 100 randomly seeded models only 1 recovered.",
        f"n = 7 defaults, {seeds} seeds, {POST_STEPS:,} steps: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v)
        + f" ({counts['asymmetric_recovery'] / seeds:.0%} Asymmetric Recovery, i.e. ≈ "
        f"{100 * counts['asymmetric_recovery'] / seeds:.0f} per 100 seeds).", "disagree", "opt_failure/asymmetric_failure_4",
        "Under this engine's conventions (AdamW with weight decay 1e-2 on W and b, Xavier-normal init, mean-squared error "
        "over all outputs) recovery from the plateau is the common case; the post's set-up may differ in any of these."))
    still = int((dead25 & ever_sf).sum())
    claims.append(_claim(
        "Optimization Failure Mode: Symmetric Failure", "Symmetric Failure is a local optimum the model stays in (it stayed like that since about step 3,000).",
        f"{int(ever_sf.sum())} of {seeds} seeds enter the Symmetric Failure shape (median first step "
        f"{st['first_shape_step_median']:.0f}); at {POST_STEPS:,} steps {st['shape_at_end']} are still in it and "
        f"{still} still have a dead feature; at {LONG:,} steps {sf_at_100} are in the shape and {int(dead100.sum())} seeds "
        f"have a dead feature ({int((dead100 & dead25).sum())} of the {int(dead25.sum())} dead at {POST_STEPS:,}).",
        "partly", "opt_failure/asymmetric_failure_1",
        "A long plateau (thousands of steps at loss (n−1)/n³), but under these conventions it ends in Asymmetric Recovery "
        "for almost every seed; the seeds that stay dead are in another shape (two circles, dead bias above 1/n)."))
    # the frozen-W₇ optimum of the created_asymmetric_7 weights
    W, b = showcase.settled_asymmetry()
    opt = frozen_w7_optimum(W, b)
    sym = frozen_w7_optimum(*constructed_asymmetry(7))
    # the restoring curvature at that optimum: with every output 7 on (the sheet above zero), the Hessian of
    # Σ_k ½‖y^(k) − e_k‖² in W₇ is Σ_{j≠7} W_j W_jᵀ + 2(‖W₇‖² + b₇ − 1) I + 4 W₇W₇ᵀ
    w7, learnt = opt["W7"], np.delete(W, 6, axis=1)
    assert np.all(w7 @ learnt + opt["b7"] > 0), "the curvature formula needs every output 7 on"
    H = learnt @ learnt.T + 2 * (w7 @ w7 + opt["b7"] - 1) * np.eye(2) + 4 * np.outer(w7, w7)
    curvature = float(np.linalg.eigvalsh(H)[0])
    frozen = f"1 run, {showcase.SETTLE.steps:,} steps, every weight but W₇ frozen"
    # the linearised optimum W₇* ≈ −b₇ (M − 2(1 − b₇) I)⁻¹ s, M = Σⱼ WⱼWⱼᵀ, s = Σⱼ Wⱼ (the runaway-tilt page)
    M, s_ = learnt @ learnt.T, learnt.sum(axis=1)
    linear = float(np.linalg.norm(-b[6] * np.linalg.solve(M - 2 * (1 - b[6]) * np.eye(2), s_)))
    values += [value("tilt.frozen_w7_norm", f"{opt['norm']:.4f}", size=frozen, value=opt["norm"]),
               value("tilt.frozen_w7_norm_sci", f"{opt['norm'] * 1e3:.3f} × 10⁻³", size=frozen, value=opt["norm"]),
               value("tilt.frozen_w7_linearised_sci", f"{linear * 1e3:.3f} × 10⁻³", size=frozen, value=linear),
               value("tilt.frozen_cosine", f"{opt['cosine']:.3f}", size=frozen, value=opt["cosine"]),
               value("tilt.frozen_epsilon", f"{opt['epsilon']:.4f}", size=frozen, value=opt["epsilon"]),
               value("tilt.frozen_curvature", f"{curvature:.2f}", size=frozen, value=curvature)]
    claims.append(_claim(
        "Small asymmetry favoring tilt", "With W₆, W₁ slightly shorter, the frozen-W₇ optimum is ε·(W₆ + W₁): near 0 but along W₆ + W₁.",
        f"b₁, b₆ = {b[0]:.3f}, {b[5]:.3f} vs {b[1:5].min():.3f}…{b[1:5].max():.3f}; optimum of W₇ with all else frozen: "
        f"cosine with W₆ + W₁ = {opt['cosine']:.6f}, ε = {opt['epsilon']:.5f}, ‖W₇*‖ = {opt['norm']:.4f}, b₇* = {opt['b7']:.5f}; "
        f"the symmetric hexagon's optimum: ‖W₇*‖ = {sym['norm']:.1e}; the restoring curvature there (smallest "
        f"eigenvalue of the Hessian in W₇ of the per-example loss ½‖y − x‖² summed) is {curvature:.2f} > 0, so the "
        "b₇ΣⱼWⱼ term only shifts W₇'s equilibrium.", "agree", "opt_failure/created_asymmetric_7"))
    chaos = showcase.chaos_sweep(quality)
    S, lrs = chaos["splay"], chaos["lrs"]
    side, chaos_steps = len(lrs), showcase.ChaosConfig().steps
    learnt = ~chaos["dead_at_end"]
    rough = np.abs(np.diff(S, axis=0)).mean(axis=0)
    lo, hi = lrs < 2e-4, lrs > 5e-2
    values.append(value("tilt.chaos_runs", f"{S.size:,}", size=f"{side} δ × {side} learning rates, {chaos_steps:,} steps",
                        value=S.size))
    claims.append(_claim(
        "Asymmetric Recovery is Chaotic", "Splay grows with learning rate, then turns patchy (chaotic) beyond a point; even at zero perturbation of b₆, b₁ some splay happens.",
        f"{S.size:,} runs ({side} δ × {side} lr, {chaos_steps:,} steps): splay {S.min():.2f}–{S.max():.2f}; "
        f"{learnt.mean():.0%} of cells learn all 7; row roughness (mean |Δ splay| between δ neighbours) "
        f"{rough[lo].mean():.2f} for lr < 2e-4 (where {learnt[:, lo].mean():.0%} learn all 7), "
        f"{rough[~lo & ~hi].mean():.2f} for 2e-4–5e-2, {rough[hi].mean():.2f} above 5e-2; δ = 0 column: splay "
        f"{S[0].min():.2f}–{S[0].max():.2f}, {learnt[0].mean():.0%} learn all 7.", "agree",
        "opt_failure/chaos_exp_10000_with_annotations",
        "Patches also appear at mid learning rates (≈ 1e-3, splay jumping between ≈ 13 and ≈ 16), not only at the top."))
    arms = showcase.resampling_arms("adamw", showcase.seed_count(quality, "resampling"))
    res = resampling_counts(arms["dead_at"], arms["control_W"][:, -1], arms["resampled_W"][:, -1])
    had = res["dead_at_resample"]
    claims.append(_claim(
        "Avoiding / Correcting Optimization Failure", "Neuron resampling (Anthropic) rescues dead features.",
        f"{res['n_seeds']} seeds, resampled at step {arms['at']:,} when {had} had a dead feature: still dead at {arms['steps']:,} "
        f"{res['still_dead_with']} with resampling vs {res['still_dead_without']} without "
        f"(rescue rate {1 - res['still_dead_with'] / max(had, 1):.1%} vs {1 - res['still_dead_without'] / max(had, 1):.1%}); "
        f"newly dead: {res['newly_dead_with']} with, {res['newly_dead_without']} without.", "partly", None,
        "Without resampling almost every plateau ends on its own under these conventions, so resampling has little left to rescue."))
    tilt, tilt_values = tilt_claim(quality)
    claims.append(tilt)
    write_claims(out / FILES[0], claims, values + tilt_values)


def tilt_claim(quality) -> tuple[dict, list[dict]]:
    """The tilt condition on trained seeds at step 5,000: example 7's pull 2[1 − (‖W₇‖² + b₇)] against
    the learnt examples' resistance Σⱼ(Ŵ₇ᵀWⱼ)², minimised over the direction of W₇ (the smallest
    eigenvalue of Σⱼ WⱼWⱼᵀ), for the seeds in the post's shape (one dead feature) and, apart, for the
    seeds with two dead features on a regular pentagon; and the same two sides for the post's hand-built
    Symmetric Failure. Returns the claim and its values."""
    from toyviz.toy.analysis import symmetric_shape
    run = showcase.tilt_batch(quality)
    seeds = run.K
    W, b = run.W.astype(np.float64), run.b.astype(np.float64)
    dead = dead_features(W)
    shape = symmetric_shape(W, b)
    size = f"{seeds:,} seeds, n = 7 defaults, step {showcase.TILT_STEP:,}"
    Wh, bh = constructed_asymmetry(7)
    handbuilt = "the post's hand-built Symmetric Failure (r² = 2.04, b₇ = 1/7)"
    values = [value("tilt.seeds", f"{seeds:,}", size=size, value=seeds),
              value("tilt.handbuilt_pull", f"{2 * (1 - bh[6]):.3f}", size=handbuilt, value=2 * (1 - bh[6])),
              value("tilt.handbuilt_resistance", f"{np.linalg.eigvalsh(Wh[:, :6] @ Wh[:, :6].T)[0]:.2f}",
                    size=handbuilt)]
    parts = []
    for count, what, key in ((1, "in the Symmetric Failure shape", "hexagon"),
                             (2, "with two dead features on a regular pentagon", "pentagon")):
        idx = np.where(shape & (dead.sum(axis=1) == count))[0]
        values.append(value(f"tilt.{key}_seeds", f"{idx.size:,}", size=size, value=idx.size))
        if not idx.size:
            parts.append(f"none {what}")
            continue
        pull = [2 * (1 - (np.sum(W[k][:, dead[k]] ** 2, axis=0) + b[k][dead[k]])).max() for k in idx]
        resist = [np.linalg.eigvalsh(W[k][:, ~dead[k]] @ W[k][:, ~dead[k]].T)[0] for k in idx]
        parts.append(f"{idx.size} seeds {what}: pull at most {max(pull):.3f}, resistance at least {min(resist):.2f} "
                     f"(median {np.median(resist):.2f})")
        values += [value(f"tilt.{key}_pull_max", f"{max(pull):.3f}", size=size, value=max(pull)),
                   value(f"tilt.{key}_resistance_min", f"{min(resist):.2f}", size=size, value=min(resist))]
    return _claim(
        "Optimization Failure Mode: Symmetric Failure", "At Symmetric Failure the tilt condition fails: the learnt "
        "features' resistance beats example 7's pull in every direction.",
        f"n = 7 defaults, {seeds} seeds, step {showcase.TILT_STEP:,}, resistance minimised over the direction of W₇: " + "; ".join(parts),
        "agree", "opt_failure/tilting_hexagon",
        "For a regular polygon of L learnt features of radius r the resistance is L·r²/2 in every direction: 3r² for "
        "the hexagon, 2.5r² for the pentagon."), values

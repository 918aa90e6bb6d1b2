"""The numbers behind the ICA vs SAEs post's claims, measured

Writes `claims.json` for the site's claims table (schema in `toyviz/claims.py`). Every number
comes from the ICA engine's presets (`toyviz.ica.config`, E3…E6.3: λ_data = λ_prior = 0.5, σ = 0.1,
1,000 points per seed) run over the seeds every ICA figure shares (3 at preview, 12 at final quality;
cached, so the same runs as the other ICA figures), from two ablations of the best-effort preset
(constant learning rate for its 600 steps, and for 3,000 steps), from the selection measurement of
`ica/selection` (the best-effort recipe with 4 restarts on the post's and on 40 random sets of
source directions; same runs), and from the k-hot readers of `beyond/khot_limit` (same configs,
same cached runs). Angle errors are the engine's: true columns matched to learned ones, sign
ignored, mean over true columns, unless marked sign-aware (the error the selection is judged by and
the videos plot). It also publishes the values the "Beyond: ICA" page quotes: the side-by-side table
of L&S, the SAE and dictionary learning on the E6 data sets, the k-hot errors and the clusters; and the
values Part II's pages and the ICA engine page quote (`ica.*`: every preset's errors, the E1 data's
shape, the update at A_true, the E3/E4 measurements), from the same runs.
"""
import dataclasses
from itertools import combinations

import numpy as np
from scipy.stats import spearmanr

from toyviz.claims import claim, value, write_claims
from toyviz.ica import (DataConfig, SAEConfig, delta_A, dict_config, experiment, khot_curve, khot_sources, map_exact,
                        map_reader, run_dictionary, run_experiment, run_sae, sae_config, sae_reader, selection_gaps,
                        selection_study, showcase, toy_reader, unit_columns)
from toyviz.toy.analysis import find_seeds
from toyviz.toy.config import ToyConfig
from toyviz.toy.train import train_cached

ID = "ica/claims"
KIND = "data"
REPRODUCES = None
FILES = ["claims.json"]

POST = "ica-vs-saes"
TOY = ToyConfig(n=6, m=2, n_seeds=64, steps=25_000, seed=0)                 # as beyond/khot_limit
ANGLES_6 = (90.0, 150.0, 210.0, 270.0, 330.0, 30.0)
ONE_HOT = DataConfig(angles=ANGLES_6, archetypes=True, n_points=6, rate=1.0)
ALIGNED = 5.0   # degrees: a seed counts as aligned below this mean angle error
PRESET_TABLE = ("E1", "E3", "E3-runaway", "E3-random", "E4.1", "E4.2", "E4.3-raw", "E4.3", "E4.3-full", "E5", "E6.1",
                "E6.2-archetypes", "E6.2", "E6.3-6", "E6.3-8")   # the ICA engine page's results table


def _claim(*args, **kwargs):
    return claim(POST, *args, **kwargs)


def _r(values, digits=1):
    """'a–b' range of a few numbers (or one number)."""
    v = np.asarray(values, float).ravel()
    v = v[np.isfinite(v)]
    lo, hi = v.min(), v.max()
    return f"{lo:.{digits}f}" if round(lo, digits) == round(hi, digits) else f"{lo:.{digits}f}–{hi:.{digits}f}"


def _list(values, digits=1):
    return ", ".join(f"{v:.{digits}f}" for v in np.asarray(values, float).ravel())


def _last_finite(x):
    """Each row's last finite value."""
    idx = np.array([np.flatnonzero(np.isfinite(row))[-1] for row in x])
    return x[np.arange(len(x)), idx]


def _binary_support(reader, n, active, count=2000, seed=0):
    S = (khot_sources(n, active, count, seed + active) > 0).astype(float)
    return float(np.mean(((reader(S) > 0.5) == (S > 0)).all(1)))


def _deg(values, digits=1):
    """'a–b°' (a range of degrees) or 'a°'."""
    return _r(values, digits) + "°"


def _degs(values, digits=1):
    """'4.3°, 14.6°, 12.5°'."""
    return ", ".join(f"{v:.{digits}f}°" for v in np.asarray(values, float).ravel())


def _of(mask, ns):
    return f"{int(np.sum(mask))} of {ns}"


def _page_values(runs, x, seeds):
    """The numbers Part II's pages quote ({{ n:ica.… }}), from the same runs as the claims. Angle errors are
    sign-free (matched columns, mean over true columns) unless named otherwise."""
    ns, where = len(seeds), f"{len(seeds)} seeds (0–{len(seeds) - 1})"
    vals = [value("ica.seeds", str(ns), size=where, value=ns), value("ica.seed_range", f"0–{ns - 1}", size=where)]

    def add(id, text, size=where, v=None):
        vals.append(value(f"ica.{id}", text, size=size, value=v))

    # E1: how strongly the exponential data are drawn out along the sources
    A1 = x.A_true
    cos = np.einsum("snm,mk->snk", x.X / np.linalg.norm(x.X, axis=-1, keepdims=True), A1).max(-1)
    near = (np.degrees(np.arccos(np.clip(cos, -1, 1))) < 10).mean(-1)
    add("e1.near_source", f"{_r(100 * near, 0)} %", f"{where}, 1,000 points each")
    add("e1.near_uniform", f"{100 * A1.shape[1] * 20 / 360:.0f} %", "uniform directions (3 × 20° of 360°)")

    # E3: the perturbed start after 50 steps, and the run-away
    ra, e3 = runs["E3-runaway"], experiment("E3").steps
    e = ra.angle_mean_deg
    add("e3.at50", _degs(e[:, e3]))
    add("e3.far_at50", _of(e[:, e3] >= 10, ns))
    add("e3_runaway.best_step", _r(e.argmin(1), 0))
    add("e3_runaway.final_norm", _r(np.linalg.norm(ra.A[:, -1], axis=1).mean(-1), 1))   # mean column length
    div = ra.diverged_step
    add("e3_runaway.singular", _of(div >= 0, ns) + (f" (step {', '.join(f'{d:,}' for d in div[div >= 0])})" if (div >= 0).any() else ""))

    # E4: the update at A = A_true: how fast it turns and stretches each (unit) column
    c1 = experiment("E1")
    two, perp, par = [], [], []
    for i in range(ns):
        s_hat = map_exact(x.X[i], A1, c1.sigma, c1.prior_scale, True).s
        d = delta_A(A1, s_hat, c1.prior_scale)
        along = np.einsum("mk,mk->k", d, A1)
        two.append(np.mean((s_hat > 0).sum(1) == 2))
        par.append(along)
        perp.append(np.linalg.norm(d - A1 * along, axis=0))
    perp, lr = np.array(perp), experiment("E3").lr
    add("e4.two_active", f"{100 * np.mean(two):.0f} %")
    add("e4.turn_max", f"{perp.max():.2f}")
    add("e4.grow", _r(par, 2))
    add("e4.turn_per_step", f"{np.degrees(lr * perp.max()):.1f}°", f"{where}, α = {lr:g}")

    # E4.1 Laplace
    fl = runs["E4.1"].angle_mean_deg[:, -1]
    add("e41.final", _degs(fl))
    add("e41.aligned", f"{_of(fl < ALIGNED, ns)} within {ALIGNED:g}°")

    # E4.3: update size against error (raw on archetypes and on the full data, normalised), then the outcomes
    def rank_corr(q):
        step = np.linalg.norm(np.diff(q.A, axis=1), axis=(2, 3)) / q.lr[None, :]
        return [spearmanr(step[i], q.angle_mean_deg[i, :-1]).statistic for i in range(ns)]
    for id, name in (("e43.corr_raw", "E4.3-raw"), ("e43.corr_raw_full", "E3-runaway"), ("e43.corr_norm", "E4.3")):
        add(id, ", ".join(f"{c:+.2f}".replace("-", "−") for c in rank_corr(runs[name])))
    f43 = runs["E4.3"].angle_mean_deg[:, -1]
    add("e43.final", _degs(f43))
    add("e43.converged", f"{_of(f43 < ALIGNED, ns)} within {ALIGNED:g}°")
    full = runs["E4.3-full"]
    add("e43_full.norm", _r(np.linalg.norm(full.A[:, -1], axis=1).max(-1), 0))

    # every preset at its evaluated step (E6.*: the A the evidence selects, else the last); "least" is the least
    # sign-free error on the way, which only an oracle could pick
    for name in PRESET_TABLE:
        r = x if name == "E1" else runs[name] if name in runs else run_experiment(name, seeds=seeds)
        id = name.lower().replace(".", "").replace("-", "_")
        add(f"{id}.mean", _deg(r.metrics.angle_mean_deg))
        add(f"{id}.worst", _deg(r.metrics.angle_max_deg.max()))
        add(f"{id}.least", _deg(r.angle_mean_deg.min(1)))
        add(f"{id}.dead", _r(r.metrics.dead_columns, 0))
        add(f"{id}.mmcs", f"{np.floor(1000 * r.metrics.mmcs.min()) / 1000:.3f}")
    o6 = runs["E6.3-6"].metrics.angle_mean_deg
    add("e63_6.within", f"{_of(o6 < ALIGNED, ns)} within {ALIGNED:g}°")
    return vals




def _selection_claim(quality):
    """The post's "A at the time of minimum error" is an oracle: how close a rule without A_true gets."""
    sets = showcase.selection_sets(quality)
    groups = np.array([g for g, _ in sets])
    study = selection_study([a for _, a in sets], showcase.selection_seeds(quality))
    gap = selection_gaps(study)

    def share(key, rows=slice(None)):
        g = gap[key][rows]
        return f"{int(np.sum(g <= 1.0))} of {g.size}"
    runs = study["oracle"].size
    by_group = "; ".join(f"{name}: {share('selected', groups == g)}" for g, name in
                         (("post", "the post's two sets"), ("3 random", "3 random directions"),
                          ("4 random", "4 random directions")))
    return _claim(
        "E6 Best Effort", "Since nothing guarantees the last A is good, taking the A at the time of minimum error seems "
        "necessary.",
        f"The A of minimum error needs A_true. Best-effort recipe with 4 restarts on the post's two sets of source "
        f"directions and {int(np.sum(groups == '3 random'))} random sets each of 3 and 4 ({runs} runs, sign-aware mean "
        f"angle error): the A of highest "
        f"fitted Laplace evidence over steps and restarts lands within 1° of the least error in {share('selected')} "
        f"runs ({by_group}), the same over one run's steps in {share('first_restart')}, the evidence at the fixed prior "
        f"scale in {share('fixed_scale')}, the lowest MAP objective in {share('map_objective')}, the last step in "
        f"{share('final')}. Median error: least {np.median(study['oracle']):.1f}°, evidence "
        f"{np.median(study['selected']):.1f}°, last step {np.median(study['final']):.1f}°.",
        "partly", "ica/selection",
        "The post's rule is an oracle; a user can select by the model's own evidence, which is what the E6 presets "
        "now report. On random direction sets the recipe itself often fails: even the least error over all steps and "
        "restarts is large for many of them.")


def build(out, quality):
    seeds = showcase.seeds(quality)
    ns = len(seeds)
    runs = {name: run_experiment(name, seeds=seeds) for name in
            ["E3-runaway", "E3-random", "E4.1", "E4.2", "E4.3-raw", "E4.3", "E4.3-full", "E6.1",
             "E6.2-archetypes", "E6.2", "E6.3-6", "E6.3-8"]}
    best_effort = experiment("E6.1")
    # ablations read errors per step only: no selection needed
    const = run_experiment(dataclasses.replace(best_effort, schedule="constant", select="final", seeds=seeds))
    const_long = run_experiment(dataclasses.replace(best_effort, schedule="constant", select="final", steps=3000,
                                                    seeds=seeds))
    claims = []
    where = f"{ns} seed{'s' * (ns > 1)} (0–{ns - 1})"

    # E3: a perturbed start (E3 is the first 50 steps of E3-runaway: same data, init and rate)
    ra = runs["E3-runaway"]
    e, A = ra.angle_mean_deg, ra.A
    e3 = experiment("E3").steps
    best50, at50 = e[:, :e3 + 1].min(1), e[:, e3]
    shrunk = np.linalg.norm(A[:, e3], axis=1).min(-1)
    claims.append(_claim(
        "E3 Updating A given ŝ", "Starting from a perturbed A_true, the raw update learns A perfectly.",
        f"{where}, A_true + N(0, 0.3²), α = 0.02: mean angle error {_list(e[:, 0])}° at the start falls to a best of "
        f"{_list(best50)}° (steps {', '.join(str(int(s)) for s in e[:, :e3 + 1].argmin(1))}), but at step {e3} it is "
        f"{_list(at50)}°; shortest column at step {e3}: {_list(shrunk, 2)}.", "partly",
        "ica/learning_A_perfect",
        "The error falls within tens of steps for every seed, but a seed whose column collapses towards 0 is already "
        "drifting away by step 50: 'perfect' holds for some seeds and for a short while."))

    # E3: the run-away regime
    obj = ra.objective
    ibest = e.argmin(1)
    obj_best, obj_end = obj[np.arange(ns), ibest], _last_finite(obj)
    dead = ra.metrics.dead_columns
    div = ra.diverged_step
    claims.append(_claim(
        "E3 Updating A given ŝ", "Run long at a constant rate, the raw update falls into a run-away regime: the error explodes.",
        f"{where}, 2,000 steps at α = 0.02: angle error from a best of {_r(e.min(1))}° to {_r(e[:, -1])}° at the end; "
        f"mean MAP objective (start, best step, end) {'; '.join(f'{a:.0f}, {b:.0f}, {c:.0f}' for a, b, c in zip(obj[:, 0], obj_best, obj_end))}; "
        f"{_r(dead, 0)} dead column(s) per seed; {int(np.sum(div >= 0))} of {ns} seed(s) reached a singular AAᵀ "
        f"(step {', '.join(str(int(d)) for d in div[div >= 0]) or '–'}).", "agree", "ica/learning_A",
        "The angle error and the objective end far above their best as columns die and points go unexplained; the "
        "column norms shrink rather than blow up, so it is a drift to a wrong state more than a numerical explosion."))

    # E3: random init
    rr = runs["E3-random"]
    unexplained = (rr.s_hat[:, -1] == 0).all(-1).mean(-1)
    claims.append(_claim(
        "E3 Updating A given ŝ", "From a random initialisation the raw update fails.",
        f"{where}, Gaussian init, 1,500 steps at α = 0.02: final angle error {_list(rr.angle_mean_deg[:, -1])}° "
        f"(best seen {_list(rr.angle_mean_deg.min(1))}°), dead columns {_list(rr.metrics.dead_columns, 0)}; "
        f"share of points with ŝ = 0 at the end {_list(100 * unexplained, 0)} %.",
        "agree" if (rr.angle_mean_deg[:, -1] > 20).all() else "partly", "ica/learning_A_random"))

    # E4: the update does not vanish at A_true
    x = run_experiment("E1", seeds=seeds)
    c1 = experiment("E1")
    rel = []
    for i in range(ns):
        s_hat = map_exact(x.X[i], x.A_true, c1.sigma, c1.prior_scale, True).s
        rel.append(np.linalg.norm(delta_A(x.A_true, s_hat, c1.prior_scale)) / np.linalg.norm(x.A_true))
    claims.append(_claim(
        "E4 Re-Examining the Update Rule", "The update is not proportional to the error: it does not vanish when A = A_true.",
        f"At A = A_true on the E1 data ({where}): ‖ΔA‖_F/‖A_true‖_F = {_list(rel, 2)}, i.e. the rule moves a perfect "
        "A at every step.", "agree"))

    # E4.1 Laplace
    lap = runs["E4.1"]
    fl = lap.angle_mean_deg[:, -1]
    claims.append(_claim(
        "E4.1 Laplace vs Exponential", "With signed (Laplace) coefficients the columns no longer rotate to align with the true ones "
        "(against Lewicki & Sejnowski's 'identical results').",
        f"{where}, Laplace data and prior, 1,500 steps: final angle error {_list(fl)}°; {int(np.sum(fl < ALIGNED))} of {ns} "
        f"seeds end within {ALIGNED:g}°.", "partly" if 0 < np.sum(fl < ALIGNED) < ns else ("disagree" if np.all(fl < ALIGNED) else "agree"),
        "ica/learning_A_laplace", "Some seeds align and stay aligned, some do not: the failure exists but is not the rule."))

    # E4.2 noise
    no = runs["E4.2"]
    claims.append(_claim(
        "E4.2 Gaussian Noise?", "Adding Gaussian noise σ = 0.05 to x does not help: the error still rises past a point.",
        f"{where}, 2,000 steps at α = 0.02: best {_list(no.angle_mean_deg.min(1))}°, final "
        f"{_list(no.angle_mean_deg[:, -1])}° with noise vs best {_list(e.min(1))}°, final {_list(e[:, -1])}° without.",
        "agree", "ica/learning_A_gaussian_noise"))

    # E4.3 normalisation: step size against error
    corr, fails = {}, {}
    for name in ("E4.3-raw", "E4.3"):
        q = runs[name]
        step = np.linalg.norm(np.diff(q.A, axis=1), axis=(2, 3)) / q.lr[None, :]
        corr[name] = [spearmanr(step[i], q.angle_mean_deg[i, :-1]).statistic for i in range(ns)]
        fails[name] = q.angle_mean_deg[:, -1]
    claims.append(_claim(
        "E4.3 Normalizing by (AAᵀ)⁻¹", "Before normalisation the updates are larger the closer A is to A_true; after "
        "left-multiplying by (AAᵀ)⁻¹ they shrink as A nears A_true.",
        f"Three archetype points, {where}: rank correlation between ‖ΔA‖ and the angle error over training "
        f"{_list(corr['E4.3-raw'], 2)} raw vs {_list(corr['E4.3'], 2)} normalised.",
        "agree" if np.mean(corr["E4.3"]) > 0 > np.mean(corr["E4.3-raw"]) else "partly", "ica/learning_A_normalized",
        "Raw: zero to negative (no shrinking near the answer); normalised: positive for every seed."))
    full = runs["E4.3-full"]
    norms = np.linalg.norm(full.A[:, -1], axis=1).max(-1)
    claims.append(_claim(
        "E4.3 Normalizing by (AAᵀ)⁻¹", "Normalisation does not solve the failure ('we just got lucky'); on the full data set "
        "optimisation failure still happens.",
        f"Archetypes, normalised, 600 steps: final angle error {_list(fails['E4.3'])}° ({int(np.sum(fails['E4.3'] < ALIGNED))} "
        f"of {ns} converge). Full data, normalised, α = 0.5, 3,000 steps: best {_list(full.angle_mean_deg.min(1))}°, "
        f"final {_list(full.angle_mean_deg[:, -1])}°, longest column {_list(norms)}.", "agree",
        "ica/learning_A_inv_full_data"))

    # E6.1 / E6.2 best effort and what makes it work
    b1 = runs["E6.1"]
    ca, cl = const.error_mean_deg, const_long.error_mean_deg
    claims.append(_claim(
        "E6.1 Full Dataset (3 sources)", "Best effort (warm-up + cosine schedule, A of least error kept, equal column "
        "norms, spread init, normalised update) recovers 3 sources on the full data.",
        f"{where}, A selected by the model's evidence (no A_true): mean angle error "
        f"{_list(b1.metrics.angle_mean_deg, 2)}° (worst column {_r(b1.metrics.angle_max_deg)}°), "
        f"{_r(b1.metrics.dead_columns, 0)} dead columns.", "agree", "ica/learning_A_best_effort_3"))
    claims.append(_claim(
        "E6 Best Effort", "A learning-rate schedule decaying to 0, plus keeping the A of least error, is what keeps the "
        "failure from happening.",
        f"Sign-aware mean angle error of E6.1: last step (rate decayed to 0) {_list(b1.final.error_deg[:, 0], 2)}°, "
        f"least error seen {_list(b1.oracle.error_deg[:, 0], 2)}°, A the evidence selects "
        f"{_list(b1.selected.error_deg[:, 0], 2)}°. Same preset at a constant rate: after 600 steps "
        f"{_list(ca[:, -1], 2)}°, after 3,000 steps {_list(cl[:, -1], 2)}° (least seen {_list(cl.min(1), 2)}°).",
        "agree" if (cl[:, -1] > 2 * cl.min(1) + 2).any() else "disagree", "ica/learning_A_best_effort_3",
        "In our runs a constant rate does not fail within 3,000 steps either: with equal norms, spread init and the "
        "(AAᵀ)⁻¹ update, E6.1 succeeds without the schedule, and the least-error A differs from the last by a "
        "fraction of a degree." if not (cl[:, -1] > 2 * cl.min(1) + 2).any() else
        "Without the schedule the error climbs away from its least within 3,000 steps."))
    claims.append(_selection_claim(quality))
    b2a, b2 = runs["E6.2-archetypes"], runs["E6.2"]
    claims.append(_claim(
        "E6.2 Non-Regularly Distributed Data", "Best effort recovers 4 irregularly spaced sources from their archetype points.",
        f"{where}: mean angle error {_list(b2a.metrics.angle_mean_deg, 2)}°, worst column {_r(b2a.metrics.angle_max_deg)}°.",
        "agree", "ica/learning_A_best_effort_4_singleton"))
    claims.append(_claim(
        "E6.2 Non-Regularly Distributed Full Dataset", "On the full data the 4 irregular sources are only partly recovered: the "
        "learnt features are not A_true.",
        f"{where}: mean angle error {_list(b2.metrics.angle_mean_deg)}°, worst column {_list(b2.metrics.angle_max_deg)}° "
        f"(vs {_r(b1.metrics.angle_mean_deg)}° for 3 regular sources).",
        "agree", "ica/learning_A_best_effort_full_4"))

    # E6.3 over-provisioning and clustering
    o6, o8 = runs["E6.3-6"], runs["E6.3-8"]
    def midway(r):
        """Columns farther than 20° from every true direction (sign kept: codes are ≥ 0), per seed."""
        cos = np.einsum("sci,cj->sij", r.A_eval / np.linalg.norm(r.A_eval, axis=1, keepdims=True), r.A_true)
        return ", ".join(str(int(v)) for v in (np.degrees(np.arccos(np.clip(cos.max(-1), 0, 1))) > 20).sum(-1))

    def split(r):
        return "; ".join("/".join(str(int(v)) for v in sorted(s, reverse=True)) for s in r.metrics.split)
    claims.append(_claim(
        "E6.3 Over-Provisioned Sources", "With 6 columns for 3 sources, pairs of columns share a true direction (their sum "
        "aligns with it), so clustering the columns recovers the sources.",
        f"{where}, best effort: best matched column per source {_list(o6.metrics.angle_mean_deg)}° off; k-means (3 clusters) "
        f"centroids {_list(o6.metrics.centroid_angle_deg.mean(1))}° off on average (worst "
        f"{_r(o6.metrics.centroid_angle_deg.max(1))}°), columns per cluster {split(o6)}; columns more than 20° from "
        f"every true direction: {midway(o6)}.",
        "partly" if (o6.metrics.centroid_angle_deg.mean(1) > ALIGNED).any() else "agree",
        "beyond/overprovisioned_clusters",
        "Every source has a column close to it, but the extra columns settle between two true directions, i.e. "
        "opposite the third, rather than beside a true direction, so a 3-cluster k-means mixes them in. (The engine's "
        "matched angle errors ignore sign, so such an opposite column can count as aligned.)"))
    claims.append(_claim(
        "E6.3 Over-Provisioned Sources", "With 8 columns a human sees clusters resembling A_true; clustering algorithms may "
        "not find them.",
        f"{where}, best effort: best matched columns {_list(o8.metrics.angle_mean_deg)}° off; k-means centroids "
        f"{_list(o8.metrics.centroid_angle_deg.mean(1))}° off on average, columns per cluster {split(o8)}; columns more "
        f"than 20° from every true direction: {midway(o8)}.",
        "partly", "beyond/overprovisioned_clusters"))

    # Comparison with SAEs: the k-hot limit of the toy autoencoder, and ICA's MAP
    run = train_cached(TOY)
    perfect = [int(k) for k in find_seeds(run, "perfect")][:ns]
    sup = np.array([[_binary_support(toy_reader(run.W[k], run.b[k]), TOY.n, a) for k in perfect] for a in (1, 2, 3)])
    pairs, triples = 6 / len(list(combinations(range(6), 2))), 6 / len(list(combinations(range(6), 3)))
    claims.append(_claim(
        "Comparison with SAEs", "Through a ReLU autoencoder's 2-D latent, a two-hot input is reconstructed only for the 6 "
        "pairs whose zones overlap (the hexagon's edges); a three-hot input never is.",
        f"Perfectly learnt n = 6, m = 2 toy autoencoders ({len(perfect)} seeds), binary k-hot inputs, outputs > 0.5 read as "
        f"on: exact support recovered for {_r(100 * sup[0], 0)} % of 1-hot, {_r(100 * sup[1], 0)} % of 2-hot (adjacent "
        f"pairs are {100 * pairs:.0f} % of pairs) and {_r(100 * sup[2], 0)} % of 3-hot inputs (adjacent triples are "
        f"{100 * triples:.0f} %).", "partly", "beyond/khot_limit",
        "Inside the hexagon at most two zones are on, as the post says; but the latent of three adjacent features, "
        "W₍ᵢ₋₁₎ + Wᵢ + W₍ᵢ₊₁₎ = 2Wᵢ, lies outside it, where three zones do overlap, so those 3-hot inputs come back."))
    A_true = unit_columns(ANGLES_6)
    mp = map_reader(A_true)
    mp_sup = [_binary_support(mp, 6, a) for a in (1, 2, 3)]
    sae = run_sae(SAEConfig(data=ONE_HOT, columns=6, seeds=seeds))
    sae_sup = np.array([[_binary_support(sae_reader(A_true, sae["W_enc"][i], sae["b_enc"][i], sae["W_dec"][i]), 6, a)
                         for i in range(ns)] for a in (1, 2, 3)])
    claims.append(_claim(
        "Comparison with SAEs", "ICA does not rely on a ReLU to decompress features (so it is not bound by the latent zones).",
        f"Same 6 directions in 2-D, binary k-hot inputs: exact support read back by ICA's MAP inference with the true "
        f"dictionary {', '.join(f'{100 * v:.0f} %' for v in mp_sup)} (1-, 2-, 3-hot) vs the SAE trained on one-hot "
        f"points {', '.join(_r(100 * v, 0) + ' %' for v in sae_sup)}.", "partly", "beyond/khot_limit",
        "MAP with an L1 prior in 2-D never uses more than two columns, and prefers one column to two when their sum "
        "points along a third: the 2-D bottleneck limits ICA's inference too, not only the ReLU."))
    write_claims(out / FILES[0], claims, side_by_side_values(runs, quality) + khot_values(runs)
                 + cluster_values(runs) + _page_values(runs, x, seeds))


SIDE_BY_SIDE = {"e61": "E6.1", "e62_archetypes": "E6.2-archetypes", "e62": "E6.2", "e63_6": "E6.3-6"}
L1_SWEEP = (0.01, 0.03, 0.3)    # the SAE's sparsity weight around its default 0.1


def side_by_side_values(runs, quality) -> list[dict]:
    """The "Beyond: ICA" table: per data set, the mean angle error (sign ignored) of L&S's best effort (the A
    its evidence selects), the engine's SAE and scikit-learn's dictionary learning on the same data and seeds
    (dictionary learning on fewer seeds below final quality, as `beyond/ica_vs_sae`: a fit takes about a
    minute), as a range over seeds; the SAE's sparsity weight swept on E6.1; the post's oracle "best A"."""
    seeds = showcase.seeds(quality)
    dseeds = tuple(range(quality.scaled(4, 1)))
    size = f"seeds {seeds[0]}–{seeds[-1]}"
    dsize = f"seed{'s' * (len(dseeds) > 1)} {dseeds[0]}" + (f"–{dseeds[-1]}" if len(dseeds) > 1 else "")
    values = [value("ica_side.seeds", size.removeprefix("seeds "), size=size, value=len(seeds)),
              value("ica_side.dict_seeds", dsize, size=dsize, value=len(dseeds))]
    for key, name in SIDE_BY_SIDE.items():
        cfg = dataclasses.replace(experiment(name), seeds=seeds)
        ic, sa = runs[name], run_sae(sae_config(cfg))
        dl = run_dictionary(dict_config(dataclasses.replace(cfg, seeds=dseeds)))
        values += [value(f"ica_side.{key}.ls", _r(ic.metrics.angle_mean_deg) + "°", size=f"{name}, {size}"),
                   value(f"ica_side.{key}.sae", _r(sa["final_angle_mean_deg"]) + "°", size=f"{name}, {size}"),
                   value(f"ica_side.{key}.sae_worst", _r(np.max(sa["final_angle_max_deg"])) + "°",
                         size=f"{name}, {size}"),
                   value(f"ica_side.{key}.dict", _r(dl["final_angle_mean_deg"]) + "°", size=f"{name}, {dsize}"),
                   value(f"ica_side.{key}.dict_dead", f"{int(np.sum(np.asarray(dl['final_dead_columns']) > 0))} of "
                         f"{len(dseeds)}", size=f"{name}, {dsize}")]
    e61 = runs["E6.1"]
    values += [value("ica_side.e61.selected_sign_aware", _r(e61.selected.error_deg[:, 0]) + "°",
                     size=f"E6.1, {size}"),
               value("ica_side.e61.oracle_sign_aware", _r(e61.oracle.error_deg[:, 0]) + "°", size=f"E6.1, {size}")]
    cfg = dataclasses.replace(experiment("E6.1"), seeds=seeds)
    sweep = np.concatenate([run_sae(sae_config(cfg, l1=l1))["final_angle_mean_deg"] for l1 in L1_SWEEP])
    values.append(value("ica_side.sae_l1_sweep", _r(sweep, 0) + "°",
                        size=f"E6.1, SAE ℓ1 {', '.join(map(str, L1_SWEEP))}, {size}"))
    return values


def khot_values(runs) -> list[dict]:
    """Relative recovery error ‖s − ŝ‖²/‖s‖² on k-hot codes of E6.1's three sources (values uniform in
    (0, 1]): MAP with the true A, MAP with seed 0's learned A, and the E6.1 SAE of seed 0."""
    e61 = runs["E6.1"]
    A_true = e61.A_true
    sae = run_sae(sae_config(dataclasses.replace(experiment("E6.1"), seeds=(0,))))
    readers = {"map_true": map_reader(A_true), "map_learned": map_reader(A_true, e61.A_eval[0]),
               "sae": sae_reader(A_true, sae["W_enc"][0], sae["b_enc"][0], sae["W_dec"][0])}
    size = "E6.1's three sources, 2,000 codes per k, seed 0"
    values = []
    for key, reader in readers.items():
        rel = khot_curve(reader, A_true.shape[1], (1, 2, 3))["relative"]
        for k, r in zip((1, 2, 3), rel):
            values.append(value(f"ica_khot.{key}.k{k}", f"{r:.{2 if r > 0.1 else 4}f}" if key != "sae" else f"{r:.0f}",
                                size=size, value=float(r)))
    values.append(value("ica_khot.sae.b_enc", f"{np.max(sae['b_enc'][0]):.1f}", size=size,
                        value=float(np.max(sae["b_enc"][0]))))
    return values


def cluster_values(runs) -> list[dict]:
    """Over-provisioned columns (E6.3): k-means centres' mean error per seed, the splits, and seed 1's
    six column directions."""
    values = []
    for key, name in (("six", "E6.3-6"), ("eight", "E6.3-8")):
        r = runs[name]
        size = f"{name}, {len(r.metrics.split)} seeds"
        splits = sorted({"/".join(str(int(v)) for v in sorted(s, reverse=True)) for s in r.metrics.split})
        values += [value(f"ica_clusters.{key}.centres", _r(r.metrics.centroid_angle_deg.mean(1)) + "°", size=size),
                   value(f"ica_clusters.{key}.splits", " or ".join(splits), size=size)]
    A = runs["E6.3-6"].A_eval
    if len(A) > 1:
        ang = np.sort(np.degrees(np.arctan2(A[1][1], A[1][0])) % 360)
        values.append(value("ica_clusters.six.seed1_angles", ", ".join(f"{a:.0f}°" for a in ang),
                            size="E6.3-6, seed 1"))
    return values

"""Claims of the Optimization Failure post against the "beyond the post" measurements

The numbers behind the outcome phase diagram, the training-length figure, the radii of recovered
solutions and the resampling experiment, as claims for the site's claims table
(schema: `toyviz.site.pages`). Every number is computed here from the same cached runs the four
figures draw (equal configs through `toyviz.plot.beyond`), never typed; verdicts follow from the
numbers with the thresholds written below.
"""

import numpy as np

from toyviz.claims import claim, write_claims
from toyviz.plot import beyond, plateau, radii
from toyviz.plot.phase import lr_label
from toyviz.toy import LABELS, circles, dead_features, feature_norms, outcomes

ID = "beyond/claims"
KIND = "data"
REPRODUCES = None
FILES = ["claims.json"]

POST = "optimization-failure"
SF_SECTION = "Optimization Failure Mode: Symmetric Failure"
AR_SECTION = "Asymmetric Recovery"
CHAOS_SECTION = "Asymmetric Recovery is Chaotic"
FIX_SECTION = "Avoiding / Correcting Optimization Failure"


def pct(x: float) -> str:
    return f"{100 * x:.1f}%" if 0 < x < 0.1 else f"{100 * x:.0f}%"


def labels_at(run, step: int) -> np.ndarray:
    t = int(np.searchsorted(run.steps, step))
    return outcomes(run.W_hist[:, :t + 1], run.b_hist[:, :t + 1], run.loss_hist[:, t])


def build(out, quality):
    # the training-length runs first: the other figures of the group wait on them (file locks)
    K = beyond.seeds(quality, "length")
    runs = {opt: beyond.length_run(opt, K) for opt in beyond.OPTIMIZERS}
    curves = {opt: plateau.length_curves(r) for opt, r in runs.items()}
    lab25 = {opt: labels_at(r, beyond.POST_STEPS) for opt, r in runs.items()}
    arms = {w: beyond.resampling_arms(w, beyond.seeds(quality, "resampling")) for w in beyond.RESAMPLING}
    Kp = beyond.seeds(quality, "phase")
    grid = beyond.phase_grid(Kp)
    claims = []

    def add(section, text, measured, verdict, figure, note=None):
        claims.append(claim(POST, section, text, measured, verdict, figure, note))

    # --- how rare is Asymmetric Recovery -----------------------------------------------------------
    ar = {o: float((lab25[o] == "asymmetric_recovery").mean()) for o in ("adamw", "adam")}
    li = list(beyond.LRS).index(beyond.LR["adamw"])
    row7 = [r for r, (o, n) in enumerate(grid["rows"]) if (o, n) == ("adamw", 7)][0]
    ar_col = LABELS.index("asymmetric_recovery")
    ar_lrs = grid["rates"][row7, :, ar_col]
    add(CHAOS_SECTION, "Asymmetric Recovery is very rare: about 1 in 100 seeds recovers",
          f"n = 7, 25,000 steps, lr 1e-3: {pct(ar['adamw'])} of {K:,} seeds end in Asymmetric Recovery under AdamW, "
          f"{pct(ar['adam'])} under Adam (phase-diagram run, {Kp:,} seeds: {pct(ar_lrs[li])}); across AdamW "
          f"learning rates 1e-4…1e-1 at n = 7 it ranges {pct(ar_lrs.min())}–{pct(ar_lrs.max())}",
          "disagree" if min(ar.values()) > 0.05 else "agree", "beyond/outcome_phase_diagram",
          "the engine's defaults: full-batch MSE, W ~ N(0, 2/(m+n)), b = 0, AdamW weight decay 1e-2")

    # --- learning-rate sweet spot --------------------------------------------------------------------
    good = [beyond.LRS[i] for i in np.where(ar_lrs >= 0.5 * ar_lrs.max())[0]]
    add(CHAOS_SECTION, "Recovery needs a learning rate in a sweet spot",
          "AdamW, n = 7: Asymmetric Recovery rate per learning rate " +
          ", ".join(f"{lr_label(lr)}: {pct(r)}" for lr, r in zip(beyond.LRS, ar_lrs)) +
          f"; at least half the best rate from {lr_label(min(good))} to {lr_label(max(good))}",
          "partly", "beyond/outcome_phase_diagram",
          f"a broad window ({np.log10(max(good) / min(good)):.1f} decades), not a narrow sweet spot; it closes at "
          "both ends (too slow to leave the plateau in 25,000 steps, or other failures at large steps)")

    # --- Symmetric Failure: local optimum or plateau ------------------------------------------------
    c = curves["adamw"]
    peak = int(np.argmax(c["shape"]))
    at = {o: {s: (plateau.at_step(curves[o], s, "shape_count"), plateau.at_step(curves[o], s, "dead_count"))
              for s in (25_000, 100_000)} for o in beyond.OPTIMIZERS}
    W, b = runs["adamw"].W, runs["adamw"].b
    stuck = np.where(dead_features(W).any(axis=1))[0]
    if stuck.size:
        pats = sorted({radii.pattern(W[k]) for k in stuck})
        outer = np.mean([circles(W[k])[-1].mean() for k in stuck])
        inner = np.mean([circles(W[k])[0].mean() for k in stuck])
        bias = float(b[stuck][dead_features(W[stuck])].mean())
        stuck_txt = (f"; {stuck.size} still dead at 100,000, none in that shape: circles {', '.join(pats)} "
                     f"of lengths ≈{outer:.2f} and ≈{inner:.2f}, dead bias {bias:.3f} (1/7 = {1 / 7:.3f})")
    else:
        stuck_txt = "; none is still dead at 100,000"
    sgd = at["sgd"]
    adamw_rows = [r for r, (o, _) in enumerate(grid["rows"]) if o == "adamw"]
    n_sf = grid["rates"][adamw_rows, :, LABELS.index("symmetric_failure")]
    worst = np.unravel_index(np.argmax(n_sf), n_sf.shape)
    add(SF_SECTION, "Symmetric Failure is a local optimum: a model in it stays there",
          f"AdamW, n = 7, {K:,} seeds: {pct(c['shape'][peak])} are in the Symmetric Failure shape at step "
          f"{int(c['steps'][peak]):,}, {at['adamw'][25_000][0]} at 25,000 and {at['adamw'][100_000][0]} at 100,000 "
          f"(Adam: {at['adam'][25_000][0]} at 25,000){stuck_txt}. Plain SGD (lr 1e-2): "
          f"{pct(sgd[25_000][0] / K)} in the shape at 25,000 and {pct(sgd[100_000][0] / K)} at 100,000",
          ("agree" if at["adamw"][25_000][0] > 0.5 * c["shape"].max() * K else
           "partly" if sgd[100_000][0] > 0.5 * K else "disagree"), "beyond/outcome_vs_training_length",
          f"under Adam and AdamW it is a long plateau (thousands of steps) that ends in recovery; under plain SGD "
          f"it persists as the post describes; with AdamW at larger n it persists too (up to {pct(n_sf[worst])} "
          f"still in the shape after 25,000 steps: {grid['names'][adamw_rows[worst[0]]].replace('$', '')}, "
          f"lr {lr_label(beyond.LRS[worst[1]])})")

    # --- It's not AdamW's fault --------------------------------------------------------------------
    ca = curves["adam"]
    i10 = int(np.searchsorted(c["steps"], 10_000))
    add(SF_SECTION, "It's not AdamW's fault: Adam without weight decay fails the same way",
          f"n = 7, {K:,} seeds: peak share in the Symmetric Failure shape {pct(c['shape'].max())} (AdamW) vs "
          f"{pct(ca['shape'].max())} (Adam); still in it at 10,000: {pct(c['shape'][i10])} vs {pct(ca['shape'][i10])}; "
          f"Asymmetric Recovery by 25,000: {pct(ar['adamw'])} vs {pct(ar['adam'])}",
          "agree" if abs(c["shape"].max() - ca["shape"].max()) < 0.1 and abs(ar["adamw"] - ar["adam"]) < 0.1
          else "partly", "beyond/outcome_vs_training_length",
          "both fall into the shape about equally often and both leave it; with weight decay the plateau lasts "
          "somewhat longer")

    # --- circles of several radii -------------------------------------------------------------------
    run = runs["adamw"]
    arx = np.where(lab25["adamw"] == "asymmetric_recovery")[0]
    per = np.where(lab25["adamw"] == "perfect")[0]
    t25 = int(np.searchsorted(run.steps, beyond.POST_STEPS))
    p25 = [radii.pattern(run.W_hist[k, t25]) for k in arx]
    p100 = [radii.pattern(run.W[k]) for k in arx]
    multi25 = np.mean([p != "7" for p in p25]) if arx.size else 0.0
    two100 = np.mean([p.count("+") == 1 for p in p100]) if arx.size else 0.0
    top25 = max(set(p25), key=p25.count) if p25 else "-"
    top100 = max(set(p100), key=p100.count) if p100 else "-"
    one_perfect = np.mean([radii.pattern(run.W_hist[k, t25]) == "7" for k in per]) if per.size else 0.0
    inner = []
    for k in arx:
        rings = circles(run.W[k])
        if len(rings) > 1:
            inner.append(feature_norms(run.W[k])[radii.once_dead(run, k)] <= rings[0].max())
    add(AR_SECTION, "After Symmetric Failure, the learnt features split into circles of several radii",
          f"AdamW, n = 7: {pct(multi25)} of the {arx.size:,} Asymmetric Recovery seeds have more than one radius "
          f"at step 25,000 (commonest pattern {top25}); every perfect seed has one ({pct(one_perfect)})",
          "agree" if multi25 > 0.9 else "partly", "beyond/recovered_radii",
          "patterns from toyviz.toy.circles (split where a length is > 10% longer than the previous)")
    add(AR_SECTION, "The recovered solution is \"two circles\"",
          f"discrete circles, not a spread: at step 25,000 the commonest pattern is {top25} ({pct(p25.count(top25) / max(1, len(p25)))}); "
          f"by 100,000 steps {pct(two100)} are exactly two circles (commonest {top100}, "
          f"{pct(p100.count(top100) / max(1, len(p100)))}), the rest one circle; at 100,000 the once-dead feature is on "
          f"the inner circle in {pct(np.mean(inner) if inner else 0)} of the {len(inner)} with two or more",
          "partly", "beyond/recovered_radii",
          "the number of circles depends on training length: three radii at 25,000 steps settle into two")

    # --- resampling --------------------------------------------------------------------------------
    parts = []
    for w, d in arms.items():
        had = d["dead_at"].any(axis=1)
        still = {a: int((dead_features(d[f"{a}_W"][:, -1]).any(axis=1) & had).sum()) for a in ("control", "resampled")}
        after = dead_features(d["resampled_W"]).sum(axis=(0, 2))
        parts.append(f"{beyond.OPT_NAMES[d['optimizer']]} ({d['seeds']:,} seeds, resampled at {d['at']:,}): "
                     f"{int(had.sum())} had a dead feature; still dead at {d['steps']:,}: {still['resampled']} with "
                     f"vs {still['control']} without resampling; the resampled columns die again (up to "
                     f"{int(after.max())} dead features right after resampling vs {int(dead_features(d['first_W'][:, -1]).sum())} before)")
    add(FIX_SECTION, "Neuron resampling (Towards Monosemanticity) fixes dead features",
          "; ".join(parts),
          "disagree", "beyond/resampling",
          "the engine's adaptation: dead column set to 0.2 × mean learnt length at the widest gap, b = 0, both "
          "arms restart with fresh optimiser moments; under Adam(W) seeds recover anyway, under SGD the "
          "resampled feature falls back into Symmetric Failure")

    write_claims(out / FILES[0], claims)

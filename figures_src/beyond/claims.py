"""Claims of the Optimization Failure post against the "beyond the post" measurements

The numbers behind the outcome phase diagram, the training-length figure, the radii of recovered
solutions and the resampling experiment, as claims for the site's claims table
(schema: `toyviz.site.pages`). Every number is computed here from the same cached runs the four
figures draw (equal configs through `toyviz.toy.showcase`), never typed; verdicts follow from the
numbers with the thresholds written below.
"""

import numpy as np

from toyviz.claims import claim, value, write_claims
from toyviz.plot import phase, plateau
from toyviz.plot.phase import lr_label
from toyviz.toy import FAILURES, LABELS, circles, dead_features, experiments, feature_norms, outcomes, showcase
from toyviz.toy.analysis import length_curves, count_at, circle_pattern, once_dead

ID = "beyond/claims"
KIND = "data"
REPRODUCES = None
FILES = ["claims.json"]

POST = "optimization-failure"
SF_SECTION = "Optimization Failure Mode: Symmetric Failure"
AR_SECTION = "Asymmetric Recovery"
CHAOS_SECTION = "Asymmetric Recovery is Chaotic"
FIX_SECTION = "Avoiding / Correcting Optimization Failure"


ADAMW, ADAMW_STRONG, ADAM, SGD = ("adamw", 1e-2), ("adamw", 1e-1), ("adam", 0.0), ("sgd", 0.0)
POST_PICTURE = {"stays": 0.9, "recovery_high": 0.05, "min_seeds": 10}   # "failure stays, recovery rare"


def pct(x: float) -> str:
    return f"{100 * x:.1f}%" if 0 < x < 0.1 else f"{100 * x:.0f}%"


def labels_at(run, step: int) -> np.ndarray:
    t = int(np.searchsorted(run.steps, step))
    return outcomes(run.W_hist[:, :t + 1], run.b_hist[:, :t + 1], run.loss_hist[:, t])


def build(out, quality):
    # the training-length runs first: the other figures of the group wait on them (file locks)
    K = showcase.seed_count(quality, "length")
    runs = {opt: showcase.length_run(opt, K) for opt in showcase.OPTIMIZERS}
    curves = {opt: length_curves(r) for opt, r in runs.items()}
    lab25 = {opt: labels_at(r, showcase.POST_STEPS) for opt, r in runs.items()}
    arms = {w: showcase.resampling_arms(w, showcase.seed_count(quality, "resampling")) for w in showcase.RESAMPLING}
    grid = showcase.phase_grid(quality)
    Kp = grid["n_seeds"]
    claims, values = [], []

    def add(section, text, measured, verdict, figure, note=None):
        claims.append(claim(POST, section, text, measured, verdict, figure, note))

    def put(num_id, text, size, raw=None):
        values.append(value(num_id, text, size=size, value=raw))

    # --- how rare is Asymmetric Recovery -----------------------------------------------------------
    ar = {o: float((lab25[o] == "asymmetric_recovery").mean()) for o in ("adamw", "adam")}
    lrs = grid["lrs"]
    rates25 = showcase.label_rates(grid, showcase.POST_STEPS)             # (rows, lrs, labels)
    row7 = grid["rows"].index((ADAMW, 7))
    ar_lrs = rates25[row7, :, LABELS.index("asymmetric_recovery")]
    li = list(lrs).index(showcase.LR["adamw"])
    add(CHAOS_SECTION, "Asymmetric Recovery is very rare: about 1 in 100 seeds recovers",
          f"n = 7, 25,000 steps, lr 1e-3: {pct(ar['adamw'])} of {K:,} seeds end in Asymmetric Recovery under AdamW, "
          f"{pct(ar['adam'])} under Adam (phase grid, {Kp:,} seeds, label at 25,000: {pct(ar_lrs[li])}); across AdamW "
          f"learning rates {lr_label(lrs[0])}…{lr_label(lrs[-1])} at n = 7 it ranges {pct(ar_lrs.min())}–{pct(ar_lrs.max())}",
          "disagree" if min(ar.values()) > 0.05 else "agree", "beyond/outcome_phase_diagram",
          "the engine's defaults: full-batch MSE, W ~ N(0, 2/(m+n)), b = 0, AdamW weight decay 1e-2")

    # --- learning-rate sweet spot --------------------------------------------------------------------
    good = [lrs[i] for i in np.where(ar_lrs >= 0.5 * ar_lrs.max())[0]]
    add(CHAOS_SECTION, "Recovery needs a learning rate in a sweet spot",
          "AdamW, n = 7: Asymmetric Recovery rate per learning rate " +
          ", ".join(f"{lr_label(lr)}: {pct(r)}" for lr, r in zip(lrs, ar_lrs)) +
          f"; at least half the best rate from {lr_label(min(good))} to {lr_label(max(good))}",
          "partly", "beyond/outcome_phase_diagram",
          f"a window of at least {np.log10(max(good) / min(good)):.1f} decades of the learning rates measured, not a "
          "narrow sweet spot")

    # --- Symmetric Failure: local optimum or plateau ------------------------------------------------
    c = curves["adamw"]
    peak = int(np.argmax(c["shape"]))
    at = {o: {s: (count_at(curves[o], s, "shape_count"), count_at(curves[o], s, "dead_count"))
              for s in (25_000, 100_000)} for o in showcase.OPTIMIZERS}
    W, b = runs["adamw"].W, runs["adamw"].b
    stuck = np.where(dead_features(W).any(axis=1))[0]
    if stuck.size:
        pats = sorted({circle_pattern(W[k]) for k in stuck})
        outer = np.mean([circles(W[k])[-1].mean() for k in stuck])
        inner = np.mean([circles(W[k])[0].mean() for k in stuck])
        bias = float(b[stuck][dead_features(W[stuck])].mean())
        stuck_txt = (f"; {stuck.size} still dead at 100,000, none in that shape: circles {', '.join(pats)} "
                     f"of lengths ≈{outer:.2f} and ≈{inner:.2f}, dead bias {bias:.3f} (1/7 = {1 / 7:.3f})")
    else:
        stuck_txt = "; none is still dead at 100,000"
    sgd = at["sgd"]
    length = f"{K:,} seeds a run, n = 7, 100,000 steps"
    put("length.seeds", f"{K:,}", length, K)
    put("length.peak_share", pct(c["shape"][peak]), length, float(c["shape"][peak]))
    put("length.peak_step", f"{int(c['steps'][peak]):,}", length, int(c["steps"][peak]))
    put("length.in_shape_at_25k", f"{at['adamw'][25_000][0]:,}", length, at["adamw"][25_000][0])
    put("length.dead_at_100k", f"{stuck.size:,}", length, stuck.size)
    if stuck.size:
        put("length.dead_patterns", ", ".join(pats), length)
        put("length.dead_bias", f"{bias:.3f}", length, bias)
    put("length.sgd_in_shape_at_25k", pct(sgd[25_000][0] / K), length, sgd[25_000][0] / K)
    put("length.sgd_in_shape_at_100k", pct(sgd[100_000][0] / K), length, sgd[100_000][0] / K)
    adamw_rows = [r for r, (s, _) in enumerate(grid["rows"]) if s == ADAMW]
    n_sf = rates25[adamw_rows][:, :, [LABELS.index(k) for k in FAILURES]].sum(axis=2)
    worst = np.unravel_index(np.argmax(n_sf), n_sf.shape)
    add(SF_SECTION, "Symmetric Failure is a local optimum: a model in it stays there",
          f"AdamW, n = 7, {K:,} seeds: {pct(c['shape'][peak])} are in the Symmetric Failure shape at step "
          f"{int(c['steps'][peak]):,}, {at['adamw'][25_000][0]} at 25,000 and {at['adamw'][100_000][0]} at 100,000 "
          f"(Adam: {at['adam'][25_000][0]} at 25,000){stuck_txt}. Plain SGD (lr 1e-2): "
          f"{pct(sgd[25_000][0] / K)} in the shape at 25,000 and {pct(sgd[100_000][0] / K)} at 100,000",
          ("agree" if at["adamw"][25_000][0] > 0.5 * c["shape"].max() * K else
           "partly" if sgd[100_000][0] > 0.5 * K else "disagree"), "beyond/outcome_vs_training_length",
          f"under Adam and AdamW it is a long plateau (thousands of steps) that ends in recovery; under plain SGD "
          f"it persists as the post describes; with AdamW at larger n failure lasts too (up to {pct(n_sf[worst])} "
          f"dead at 25,000 and still dead at 100,000: "
          f"{phase.row_name(*grid['rows'][adamw_rows[worst[0]]]).replace('$', '')}, lr {lr_label(lrs[worst[1]])}), "
          "mostly in other shapes")

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
    t25 = int(np.searchsorted(run.steps, showcase.POST_STEPS))
    p25 = [circle_pattern(run.W_hist[k, t25]) for k in arx]
    p100 = [circle_pattern(run.W[k]) for k in arx]
    multi25 = np.mean([p != "7" for p in p25]) if arx.size else 0.0
    two100 = np.mean([p.count("+") == 1 for p in p100]) if arx.size else 0.0
    top25 = max(set(p25), key=p25.count) if p25 else "-"
    top100 = max(set(p100), key=p100.count) if p100 else "-"
    one_perfect = np.mean([circle_pattern(run.W_hist[k, t25]) == "7" for k in per]) if per.size else 0.0
    inner = []
    for k in arx:
        rings = circles(run.W[k])
        if len(rings) > 1:
            inner.append(feature_norms(run.W[k])[once_dead(run, k)] <= rings[0].max())
    radii_size = f"the {arx.size:,} Asymmetric Recovery seeds of {K:,}, AdamW, n = 7"
    put("radii.top25", top25, radii_size)
    put("radii.top25_share", pct(p25.count(top25) / max(1, len(p25))), radii_size)
    put("radii.top100", top100, radii_size)
    put("radii.two_circles_100k", pct(two100), radii_size, float(two100))
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
        size = f"{d['n_seeds']:,} seeds, {plateau.OPT_NAMES[d['optimizer']]}, resampled at step {d['at']:,} of {d['steps']:,}"
        learnt = {a: int(had.sum()) - still[a] for a in still}
        for key, num in (("seeds", d["n_seeds"]), ("had_dead", int(had.sum())), ("still_dead_resampled", still["resampled"]),
                         ("still_dead_control", still["control"]), ("learnt_resampled", learnt["resampled"]),
                         ("learnt_control", learnt["control"])):
            put(f"resampling.{w}.{key}", f"{num:,}", size, num)
        parts.append(f"{plateau.OPT_NAMES[d['optimizer']]} ({d['n_seeds']:,} seeds, resampled at {d['at']:,}): "
                     f"{int(had.sum())} had a dead feature; still dead at {d['steps']:,}: {still['resampled']} with "
                     f"vs {still['control']} without resampling; the resampled columns die again (up to "
                     f"{int(after.max())} dead features right after resampling vs {int(dead_features(d['first_W'][:, -1]).sum())} before)")
    add(FIX_SECTION, "Neuron resampling (Towards Monosemanticity) fixes dead features",
          "; ".join(parts),
          "disagree", "beyond/resampling",
          "the engine's adaptation: dead column set to 0.2 × mean learnt length at the widest gap, b = 0, both "
          "arms restart with fresh optimiser moments; under Adam(W) seeds recover anyway, under SGD the "
          "resampled feature falls back into Symmetric Failure")

    lasting_claims(grid, add, put)
    write_claims(out / FILES[0], claims, values)


def share_txt(s: dict) -> str:
    """"12.1 % (34/280; 95 % interval 9.0–16.2 %)", or "none to count"."""
    if not s["of"]:
        return "none to count"
    return (f"{100 * s['share']:.1f} % ({s['count']:,}/{s['of']:,}; "
            f"95 % interval {100 * s['low']:.1f}–{100 * s['high']:.1f} %)")


def pooled(cells: list[dict], key: str) -> dict:
    """One share from the counts of several cells."""
    return experiments.share(sum(c[key]["count"] for c in cells), sum(c[key]["of"] for c in cells))


def lasting_claims(grid: dict, add, put) -> None:
    """When does the failure last: permanence, where the post's picture holds, weight decay, the range
    of n where the plateau ends, and the lasting state's dead bias against the derivation 1/(1 + s); each
    with the values the pages quote (`put`)."""
    cells, ns, lrs, K = grid["cells"], grid["ns"], grid["lrs"], grid["n_seeds"]
    size = (f"phase grid: n = {', '.join(map(str, ns))} × learning rate {', '.join(lr_label(l) for l in lrs)} × "
            f"{len(grid['settings'])} settings, {K:,} seeds a cell, 100,000 steps")

    def name(key):
        s, n, lr = key
        return f"{phase.SETTING_NAMES[s]}, n = {n}, lr {lr_label(lr)}"

    def put_share(num_id, s, what):
        """The share as "12.1 %", and its detail "34 of 280; interval 9.0–16.2 %" as `<id>_detail`."""
        if not s["of"]:
            put(num_id, "none to count", what)
            return
        put(num_id, f"{100 * s['share']:.1f} %", what, s["share"])
        put(num_id + "_detail", f"{s['count']:,} of {s['of']:,}; interval {100 * s['low']:.1f}–{100 * s['high']:.1f} %",
            what, s["count"])

    grid_size = f"{K:,} seeds a cell, 100,000 steps"
    put("phase.seeds_per_cell", f"{K:,}", size, K)
    put("phase.ns", ", ".join(map(str, ns)), size)
    put("phase.lrs", " and ".join(lr_label(l) for l in lrs) if len(lrs) == 2 else ", ".join(lr_label(l) for l in lrs),
        size)

    # permanence: a seed dead at 25,000 is (almost always) still dead at 100,000
    counted = [k for k, c in cells.items() if c["permanent"]["of"] >= POST_PICTURE["min_seeds"]]
    low = min(counted, key=lambda k: cells[k]["permanent"]["share"]) if counted else None
    add(SF_SECTION, "A failed run stays failed: what is dead at the end of training stays dead",
        f"{size}. Of the seeds with a dead feature at 25,000, still dead at 100,000: "
        f"{share_txt(pooled([cells[k] for k in counted], 'permanent'))} over the {len(counted)} cells with at least "
        f"{POST_PICTURE['min_seeds']} such seeds" + (f"; lowest {share_txt(cells[low]['permanent'])} ({name(low)})" if low else ""),
        "partly", "beyond/permanence",
        "Permanence holds where failure happens at all; how often a seed is dead at 25,000 is what the optimiser, "
        "weight decay and n decide (top row of the figure).")

    put_share("lasting.permanent", pooled([cells[k] for k in counted], "permanent"),
              f"{len(counted)} cells with at least {POST_PICTURE['min_seeds']} seeds dead at 25,000; {grid_size}")
    if low:
        put_share("lasting.permanent_lowest", cells[low]["permanent"], f"{name(low)}; {grid_size}")
        put("lasting.permanent_lowest_cell", name(low), grid_size)

    # where the post's picture holds: the shape stays to 100,000 and recovery from it is rare
    holds = [k for k, c in cells.items() if c["shape_first"]["count"] >= POST_PICTURE["min_seeds"]
             and c["shape_stays"]["share"] >= POST_PICTURE["stays"]
             and c["shape_recovered"]["high"] <= POST_PICTURE["recovery_high"]]
    add(CHAOS_SECTION, "The post's picture: a model in Symmetric Failure stays there, and about 1 in 100 recovers",
        f"{size}. Cells where at least {POST_PICTURE['min_seeds']} seeds are in the shape at 25,000, at least "
        f"{POST_PICTURE['stays']:.0%} of them still in it at 100,000 and recovery from the shape is rare (95 % interval "
        f"below {POST_PICTURE['recovery_high']:.0%}): " +
        ("; ".join(f"{name(k)}: stays {share_txt(cells[k]['shape_stays'])}, recovers {share_txt(cells[k]['shape_recovered'])}"
                   for k in holds) if holds else "none"),
        "partly" if holds else "disagree", "beyond/permanence",
        "Recovery from the shape is counted over every seed that was ever in it (one dead feature, b ≈ 1/n, the rest a "
        "regular polygon) and has learnt every feature by 100,000.")

    words = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 10: "ten"}
    put("holds.min_seeds", words.get(POST_PICTURE["min_seeds"], str(POST_PICTURE["min_seeds"])), "the definition")
    put("holds.stays", f"{POST_PICTURE['stays']:.0%}", "the definition")
    put("holds.recovery_high", f"{POST_PICTURE['recovery_high']:.0%}", "the definition")
    put("holds.cells", words.get(len(holds), f"{len(holds):,}"), size, len(holds))
    def brief(sh):
        return f"{100 * sh['share']:.1f} % ({sh['count']:,}/{sh['of']:,})"

    put("holds.list", "; ".join(f"{name(k)}, where {brief(cells[k]['shape_stays'])} stay in the shape to 100,000 and "
                                f"{brief(cells[k]['shape_recovered'])} recover from it (95 % interval "
                                f"{100 * cells[k]['shape_recovered']['low']:.1f}–{100 * cells[k]['shape_recovered']['high']:.1f} %)"
                                for k in holds) or "none", size)

    # weight decay at n = 7
    if 7 in ns:
        parts = []
        for s in (ADAM, ADAMW, ADAMW_STRONG):
            cs = [cells[(s, 7, lr)] for lr in lrs]
            key = {ADAM: "adam", ADAMW: "adamw", ADAMW_STRONG: "adamw_strong"}[s]
            what = f"{phase.SETTING_NAMES[s]}, n = 7, learning rates pooled; {grid_size}"
            for part in ("dead_first", "shape_first", "shape_recovered"):
                put_share(f"wd.{key}.{part}", pooled(cs, part), what)
            parts.append(f"{phase.SETTING_NAMES[s]}: dead at 25,000 {share_txt(pooled(cs, 'dead_first'))}, in the "
                         f"Symmetric Failure shape at 25,000 {share_txt(pooled(cs, 'shape_first'))}, recovered from "
                         f"the shape by 100,000 {share_txt(pooled(cs, 'shape_recovered'))}")
        add(SF_SECTION, "It's not AdamW's fault: the failure does not come from weight decay",
            f"n = 7, pooled over learning rates {', '.join(lr_label(l) for l in lrs)}, {K:,} seeds each, 100,000 steps: "
            + "; ".join(parts),
            "partly", "beyond/permanence",
            "AdamW with the default weight decay 1e-2 behaves like Adam; with weight decay 1e-1 the post's Symmetric "
            "Failure is common at 25,000 steps and lasts.")

    # the range of n where, under Adam and AdamW (wd 1e-2), a dead feature usually ends in recovery
    per_n = {n: pooled([cells[(s, n, lr)] for s in (ADAM, ADAMW) for lr in lrs], "recovered") for n in ns}
    usual = [n for n, s in per_n.items() if s["of"] and s["share"] >= 0.5]
    for n, sh in per_n.items():
        put_share(f"recovered.n{n}", sh, f"Adam and AdamW (wd 1e-2), n = {n}, learning rates pooled; {grid_size}")
    put("recovered.usual_ns", ", ".join(map(str, usual)) if usual else "none", size)
    add(SF_SECTION, "Under Adam and AdamW the failure is usually a long plateau that ends in recovery",
        f"{size}. Adam and AdamW (wd 1e-2), pooled over learning rates: of the seeds that had a dead feature, all "
        "learnt by 100,000: " + "; ".join(f"n = {n}: {share_txt(s)}" for n, s in per_n.items()) +
        (f". Usually (at least half) for n = {', '.join(map(str, usual))}" if usual else ". Usually for no n measured"),
        "partly", "beyond/permanence")

    # the derivation's premise: the dead output is on for exactly the d dead and s short examples
    lopsided = [a for c in cells.values() for a in c["anatomy"] if a["short"] >= 1]
    match = sum(abs(a["active"] - (a["dead"] + a["short"])) < 0.5 for a in lopsided)
    put("lasting.active_is_d_plus_s", f"{match:,} of the {len(lopsided):,}", f"lopsided states (dead features beside "
        f"short learnt ones) over every cell; {grid_size}", match)

    # the lasting state: one dead feature beside two short learnt ones, dead bias against 1/(1 + s)
    for n in ns:
        states = [(k, a) for k, c in cells.items() if k[1] == n and k[0] in (ADAM, ADAMW)
                  for a in c["anatomy"] if a["dead"] == 1 and a["short"] >= 1]
        if not states:
            continue
        seeds = sum(a["n_seeds"] for _, a in states)
        bias = sum(a["dead_bias_n"] * a["n_seeds"] for _, a in states) / seeds
        active = sum(a["active"] * a["n_seeds"] for _, a in states) / seeds
        short = sum(a["short"] * a["n_seeds"] for _, a in states) / seeds
        ratio = sum(a["live_ratio"] * a["n_seeds"] for _, a in states) / seeds
        what = f"n = {n}, Adam and AdamW (wd 1e-2), one dead feature beside short ones at 100,000; {grid_size}"
        put(f"lasting.n{n}.seeds", f"{seeds:,}", what, seeds)
        put(f"lasting.n{n}.dead_bias", f"{bias:.2f}/n", what, bias)
        put(f"lasting.n{n}.derived_bias", f"{n / (1 + short):.2f}/n", what, n / (1 + short))
        add(SF_SECTION, f"A failed feature's bias is 1/n (n = {n}, the failures that last under Adam and AdamW)",
            f"{size}. {seeds:,} seeds end with one dead feature beside short learnt ones (Adam and AdamW wd 1e-2, all "
            f"learning rates): short features {short:.2f} on average, shortest/longest learnt length {ratio:.2f}, dead "
            f"output clearly on (pre-activation > 0.1) for {active:.2f} examples; dead bias {bias:.2f}/n (medians per "
            f"state, seed-weighted), against the derivation's 1/(1 + s) = {n / (1 + short):.2f}/n and the post's 1/n",
            "disagree" if abs(bias - 1) > 0.5 else "agree", "beyond/permanence",
            "The derivation drops the small overlaps of the dead column with the short features, which lower the bias: "
            "1/(1 + s) is its leading term.")


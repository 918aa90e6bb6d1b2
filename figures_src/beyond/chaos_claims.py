"""Claims of "Asymmetric Recovery is Chaotic", measured: exponents, boundary dimensions, cost

The numbers the "Is it chaotic?" page quotes, as claims for the site's claims table and as named
values the page inserts with `{{ n:chaos.… }}` (schema: `toyviz.claims`), computed from the same
cached runs that chaos_map, chaos_dimension and chaos_lyapunov draw (equal configs through
`toyviz.toy.chaos.preset`), never typed. Verdicts follow from the numbers with the thresholds below.
The zoom series' cost is measured from its own runs (the training seconds each image's run recorded)
and extrapolated to the final-quality series by its number of runs.
"""
import numpy as np

from toyviz.claims import claim, value, write_claims
from toyviz.toy import chaos

ID = "beyond/chaos_claims"
KIND = "data"
REPRODUCES = None
FILES = ["chaos_claims.json"]

POST = "optimization-failure"
SECTION = "Asymmetric Recovery is Chaotic"
EXCESS = 0.01      # per step: a plateau exponent this far above the linearised map's counts as excess
FRACTAL = 1.1      # a boundary whose deepest-level interval lies above this is not a smooth curve
DRIFT = 0.15       # … and "stays put" if its mean moves less than this between the last two levels
PRACTICAL = 600    # seconds: a whole map in less than this is a practical search
SOHL_DICKSTEIN = (1.17, 1.98)   # his networks' boundary dimensions (arXiv:2402.06184, 2024), quoted


def sig(x) -> str:
    return "n/a" if x is None else f"{x:.2g}"


def q(s: dict) -> str:
    return f"median {sig(s['median'])} (quartiles {sig(s['q25'])}–{sig(s['q75'])}, {s['count']} runs)"


def level_text(levels: list[dict]) -> str:
    parts = []
    for lv in levels:
        iv = "" if lv["low"] is None else f" [{lv['low']:.2f}, {lv['high']:.2f}]"
        spread = f", centres {lv['min']:.2f}–{lv['max']:.2f}" if lv["count"] > 1 else ""
        parts.append(f"×{lv['zoom']:,.0f}: {lv['mean']:.2f}{iv}{spread}" if lv["mean"] is not None else f"×{lv['zoom']:,.0f}: n/a")
    return "; ".join(parts)


def build(out, quality):
    p = chaos.preset(quality)
    lc, pc = chaos.LyapunovConfig(side=p["lyap_side"]), chaos.PlainLyapunovConfig(n_seeds=p["plain_seeds"])
    grid_runs = chaos.lyapunov_grid_cached(lc)
    grid = chaos.lyapunov_summary(grid_runs)
    plain = chaos.lyapunov_summary(chaos.plain_exponents_cached(pc))
    maps = {}
    for kind in chaos.PLANES:
        for prec in ("float64", "float32"):
            maps[kind, prec] = chaos.outcome_map_cached(chaos.Window.level0(chaos.Plane(kind), p["map_side"], prec))
    zooms = {}
    for b in chaos.BOUNDARIES:
        zc = chaos.zoom_config(b, quality)
        zooms[b] = chaos.zoom_summary(chaos.zoom_series(zc), zc)
    claims = []

    def add(text, measured, verdict, figure, note=None):
        claims.append(claim(POST, SECTION, text, measured, verdict, figure, note))

    # --- sensitivity to initial conditions ------------------------------------------------------------
    ex = grid["plateau_excess"]
    chaotic = ex["median"] is not None and ex["median"] > EXCESS
    add("Near Symmetric Failure, training is chaotic: nearby starts end differently",
        f"largest finite-time Lyapunov exponent per step (float64 twin runs, renormalised every 10 steps) over "
        f"the post's plane ({p['lyap_side']}² runs, T = 5,000): plateau {q(grid['plateau'])}; linearised map at the "
        f"plateau, ln ρ(J) {q(grid['linear'])}; excess {q(ex)}, positive in {100 * (ex['positive_share'] or 0):.0f}%; "
        f"recovery {q(grid['recovery'])}; last 1,000 steps {q(grid['end'])}. Plain seeds (lr 1e-3, 25,000 steps): "
        f"plateau {q(plain['plateau'])}, linearised {q(plain['linear'])}, excess {q(plain['plateau_excess'])}, "
        f"recovery {q(plain['recovery'])}, last 1,000 steps {q(plain['end'])}",
        "partly" if chaotic else "disagree", "beyond/chaos_lyapunov",
        f"exponents are natural logs per optimiser step; an excess above {EXCESS} per step counts as more than a "
        "saddle explains. Every exponent is positive, the end of the run included: Adam's normalised steps keep "
        "the state jittering near a minimum, so sensitivity is everywhere and says little about outcomes")

    # --- the boundary's dimension across scales -----------------------------------------------------
    verdicts = {}
    texts = []
    for b, z in zooms.items():
        deep, prev = z["levels"][-1], z["levels"][-2] if len(z["levels"]) > 1 else z["levels"][-1]
        sure = deep["low"] is not None and deep["low"] > FRACTAL
        rough = deep["mean"] is not None and deep["mean"] > FRACTAL
        steady = deep["mean"] is not None and prev["mean"] is not None and abs(deep["mean"] - prev["mean"]) < DRIFT
        verdicts[b] = ("fractal" if sure and steady else "rough, not settled" if rough else "smooth")
        by_centre = ", ".join(f"lr {10 ** c['log10_lr']:.2g}: {c['levels'][-1]['dimension']:.2f}"
                              for c in sorted(z["points"], key=lambda c: c["log10_lr"]))
        texts.append(f"{b} boundary ({z['plane']} plane, {len(z['points'])} centres, {z['side']}² float64 runs per "
                     f"image): {level_text(z['levels'])} ({verdicts[b]}); deepest level by centre: {by_centre}")
    add("The outcome boundary is fractal, like Sohl-Dickstein's trainability boundary (dimensions 1.17–1.98)",
        "box-counting dimension per zoom level, mean [95% t-interval over centres]: " + "; ".join(texts),
        "agree" if all(v == "fractal" for v in verdicts.values()) else
        "partly" if any(v != "smooth" for v in verdicts.values()) else "disagree", "beyond/chaos_dimension",
        f"fractal: the deepest level's interval above {FRACTAL} and its mean within {DRIFT} of the level before; "
        f"rough, not settled: the deepest mean above {FRACTAL} but not both; "
        "Sohl-Dickstein, 'The boundary of neural network trainability is fractal', arXiv:2402.06184 (2024)")

    # --- float32 rounding as a perturbation ---------------------------------------------------------
    flips = {k: float((maps[k, "float32"]["learnt"] != maps[k, "float64"]["learnt"]).mean()) for k in chaos.PLANES}
    flips_p = float((maps["plain", "float32"]["ever_dead"] != maps["plain", "float64"]["ever_dead"]).mean())
    add("Tiny differences decide the outcome near the boundary",
        f"the same level-0 map ({p['map_side']}² runs) in float32 and float64: 'learnt by T' differs at "
        f"{100 * flips['constructed']:.1f}% of pixels on the post's plane and {100 * flips['plain']:.1f}% on the plain "
        f"plane; 'ever failed' differs at {100 * flips_p:.1f}%",
        "agree" if max(flips.values()) > 0.005 else "disagree", "beyond/chaos_map",
        "rounding (a relative 6e-8 per step) alone moves the boundary: why the zoom runs in float64 at every level")

    # --- impractical? -------------------------------------------------------------------------------
    m = chaos.map_summary(maps["constructed", "float64"])
    m32 = chaos.map_summary(maps["constructed", "float32"])
    mp = chaos.map_summary(maps["plain", "float64"])
    add("Finding the conditions for recovery is impractical (an exponential search)",
        f"one map of {m['pixels']:,} runs × 5,000 steps trained in {m['seconds']:.0f} s in float64 "
        f"({m['seed_steps_per_second'] / 1e6:.1f} M seed-steps/s; float32 {m32['seconds']:.0f} s, "
        f"{m32['seed_steps_per_second'] / 1e6:.1f} M/s) on this 2-core machine; {100 * m['learnt_share']:.0f}% of the "
        f"post's plane learns every feature by step 5,000; on the plain plane {100 * mp['learnt_share']:.0f}% do and "
        f"{100 * mp['never_dead_share']:.1f}% never lose a feature",
        "disagree" if m["seconds"] < PRACTICAL else "partly", "beyond/chaos_map",
        "timings from the build's own run (a shared machine: see bench/chaos.py for a side-by-side measurement)")
    values = page_values(quality, p, maps, zooms, verdicts) + lyapunov_values(lc, pc, grid_runs, grid, plain, chaotic)
    write_claims(out / FILES[0], claims, values)


def page_values(quality, p, maps, zooms, verdicts) -> list[dict]:
    """The numbers docs/beyond/chaos.md inserts, each with what it was measured on."""
    out = []

    def put(id, text, size, v=None):
        out.append(value(f"chaos.{id}", text, size=size, value=v))

    name = getattr(quality, "name", quality)
    plane = chaos.Plane()
    put("quality", {"final": "final-quality", "preview": "preview", "smoke": "smoke-test"}[name], "this build")
    put("steps", f"{plane.steps:,}", "T, the post's sweep length", plane.steps)
    put("record_points", f"{len(plane.record)}", "recorded steps per run, the start and the end included", len(plane.record))
    put("fractal_threshold", f"{FRACTAL}", "dimension above which a boundary is not a smooth curve", FRACTAL)
    put("drift_threshold", f"{DRIFT}", "largest change of the mean dimension between the last two levels of a fractal", DRIFT)
    put("sd_range", f"{SOHL_DICKSTEIN[0]}–{SOHL_DICKSTEIN[1]}", "Sohl-Dickstein (2024), his networks, quoted")

    # --- the level-0 maps --------------------------------------------------------------------------------
    side = p["map_side"]
    runs = f"{side}² runs"
    m, m32, mp = (chaos.map_summary(maps[k]) for k in (("constructed", "float64"), ("constructed", "float32"), ("plain", "float64")))
    put("map_side", f"{side} × {side}", "pixels per map in this build", side)
    put("map_runs", f"{m['pixels']:,}", "runs per map in this build", m["pixels"])
    put("learnt_share", f"{100 * m['learnt_share']:.0f}%", f"{runs}, post's plane, float64", m["learnt_share"])
    put("plain_learnt_share", f"{100 * mp['learnt_share']:.0f}%", f"{runs}, plain plane, float64", mp["learnt_share"])
    put("plain_never_dead_share", f"{100 * mp['never_dead_share']:.1f}%", f"{runs}, plain plane, float64", mp["never_dead_share"])
    for prec, s in (("f64", m), ("f32", m32)):
        put(f"map_seconds_{prec}", f"{s['seconds']:.0f} s", f"{runs} × {plane.steps:,} steps, this build's training time", s["seconds"])
        put(f"map_rate_{prec}", f"{s['seed_steps_per_second'] / 1e6:.1f} million", f"{runs}, seed-steps per second", s["seed_steps_per_second"])
    for kind, short in (("constructed", "post"), ("plain", "plain")):
        flip = float((maps[kind, "float32"]["learnt"] != maps[kind, "float64"]["learnt"]).mean())
        put(f"flip_{short}", f"{100 * flip:.1f}%", f"{runs}, float32 vs float64", flip)

    # --- the zoom series -------------------------------------------------------------------------------
    zc = chaos.zoom_config("learnt", quality)
    put("zoom_side", f"{zc.side} × {zc.side}", "float64 runs per zoom image in this build", zc.side)
    put("zoom_levels", f"{zc.levels}", "zoom levels in this build, the whole plane included", zc.levels)
    put("zoom_points", f"{zc.points}", "zoom centres per boundary, drawn at random", zc.points)
    put("zoom_deepest", f"×{zc.factor ** (zc.levels - 1):,.0f}", "the deepest magnification in this build")
    put("zoom_factor", f"×{zc.factor:g}", "magnification from one zoom level to the next", zc.factor)
    put("interval_level", "95%", "confidence of the Student-t interval over centres (toyviz.toy.fractal.interval)", 0.95)
    put("zoom_dof", f"{zc.points - 1}", "degrees of freedom of the interval over centres", zc.points - 1)
    for b, z in zooms.items():
        size = f"{z['side']}² float64 runs per image, {len(z['points'])} centres"
        deep, top = z["levels"][-1], z["levels"][0]
        put(f"{b}_dim_whole", f"{top['mean']:.2f}", f"{z['side']}² runs, whole plane", top["mean"])
        put(f"{b}_dim_levels", level_text(z["levels"]), size)
        put(f"{b}_dim_deep", f"{deep['mean']:.2f}", size + ", mean over centres at the deepest level", deep["mean"])
        put(f"{b}_dim_deep_interval", "n/a" if deep["low"] is None else f"{deep['low']:.2f}–{deep['high']:.2f}",
            size + ", 95% t-interval over centres at the deepest level")
        put(f"{b}_verdict", verdicts[b], f"deepest interval above {FRACTAL} and drift below {DRIFT}: fractal; "
            f"mean above {FRACTAL} alone: rough, not settled; else smooth")
        by = sorted(z["points"], key=lambda c: c["levels"][-1]["dimension"])
        lo, hi = by[0], by[-1]
        put(f"{b}_deep_min", f"{lo['levels'][-1]['dimension']:.2f}", size + ", the smoothest centre", lo["levels"][-1]["dimension"])
        put(f"{b}_deep_max", f"{hi['levels'][-1]['dimension']:.2f}", size + ", the roughest centre", hi["levels"][-1]["dimension"])
        put(f"{b}_lr_of_min", f"{10 ** lo['log10_lr']:.2g}", "learning rate of the smoothest centre")
        put(f"{b}_lr_of_max", f"{10 ** hi['log10_lr']:.2g}", "learning rate of the roughest centre")
        inside = sum(SOHL_DICKSTEIN[0] <= c["levels"][-1]["dimension"] <= SOHL_DICKSTEIN[1] for c in z["points"])
        put(f"{b}_in_sd_range", f"{inside} of {len(z['points'])}", size + ", centres whose deepest dimension is in Sohl-Dickstein's range", inside)
        put(f"{b}_centre_lrs", ", ".join(f"{10 ** c['log10_lr']:.2g}" for c in sorted(z["points"], key=lambda c: c["log10_lr"])),
            "learning rates of the randomly drawn centres, increasing")
    put("zoom_cost", *zoom_cost(quality))
    return out


def zoom_cost(quality) -> tuple[str, str, float]:
    """This build's zoom series of both boundaries: training seconds per image at each level (each run
    records its own time; level 0 is the whole-plane map), and the final series extrapolated by runs."""
    per_level, pixels, seconds = {}, 0, 0.0
    for b in chaos.BOUNDARIES:
        zc = chaos.zoom_config(b, quality)
        level0 = chaos.outcome_map_cached(zc.level0())
        rows = chaos.zoom_windows(zc, level0)
        for L in range(zc.levels):
            for w in ([rows[0][0]] if L == 0 else [row[L] for row in rows]):
                t = float(chaos.outcome_map_cached(w)["seconds"])
                per_level.setdefault(L, []).append(t)
                pixels, seconds = pixels + w.side ** 2, seconds + t
    final = {b: chaos.zoom_config(b, "final") for b in chaos.BOUNDARIES}
    final_pixels = sum((1 + zc.points * (zc.levels - 1)) * zc.side ** 2 for zc in final.values())
    estimate = seconds / pixels * final_pixels
    zc = next(iter(final.values()))
    took = f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
    text = (f"{took} for this build's series ({', '.join(f'level {L}: {np.mean(t):.0f} s per image' for L, t in per_level.items())}); "
            f"the final series ({zc.levels} levels × {zc.points} centres of {zc.side}² runs per boundary) ≈ {estimate / 3600:.1f} h at the same rate")
    return text, "training seconds recorded by each image's runs on this shared 2-core machine", estimate


def lyapunov_values(lc, pc, runs, grid, plain, chaotic) -> list[dict]:
    """The exponents the page quotes (natural log per optimiser step) and the estimator's settings."""
    size = f"{lc.side}² runs of the post's plane, float64"
    psize = f"{pc.n_seeds} plain seeds, lr {pc.lr:g}, {pc.steps:,} steps, float64"
    out = [value("chaos.lyap_side", f"{lc.side} × {lc.side}", size="runs of the Lyapunov grid in this build", value=lc.side),
           value("chaos.lyap_every", f"{lc.every}", size="steps between renormalisations", value=lc.every),
           value("chaos.lyap_skip", f"{lc.skip}", size="steps left out at the start", value=lc.skip),
           value("chaos.lyap_window", f"{lc.recovery:,}", size="steps of the recovery and end windows", value=lc.recovery),
           value("chaos.excess_threshold", f"{EXCESS}", size="per step: the excess that counts as chaos", value=EXCESS),
           value("chaos.lyap_verdict", "that is more than the saddle explains" if chaotic else "that is no more than the saddle explains",
                 size=f"{size}: median excess over ln ρ(J) against {EXCESS} per step"),
           value("chaos.plain_lr", f"{pc.lr:g}", size="the plain seeds' learning rate", value=pc.lr),
           value("chaos.plain_seeds", f"{pc.n_seeds:,}", size="plain seeds in this build", value=pc.n_seeds),
           value("chaos.plain_steps", f"{pc.steps:,}", size="the plain seeds' run length", value=pc.steps)]
    for prefix, summary, sz in (("", grid, size), ("plain_", plain, psize)):
        for key in ("plateau", "linear", "plateau_excess", "recovery", "end"):
            st = summary[key]
            if st["median"] is None:
                continue
            out.append(value(f"chaos.{prefix}{key}_median", f"{st['median']:.2g}", size=f"{sz}, {st['count']} runs", value=st["median"]))
            out.append(value(f"chaos.{prefix}{key}_quartiles", f"{st['q25']:.2g}–{st['q75']:.2g}", size=f"{sz}, {st['count']} runs"))
            out.append(value(f"chaos.{prefix}{key}_positive", f"{100 * st['positive_share']:.0f}%", size=f"{sz}, {st['count']} runs",
                             value=st["positive_share"]))
    # does the plateau exponent grow with the learning rate? Spearman's rank correlation over the grid
    lam = np.asarray(runs["plateau"], np.float64)
    lr = np.broadcast_to(np.asarray(runs["log_lr"])[:, None], lam.shape)
    ok = np.isfinite(lam)
    rho = float(np.corrcoef(_ranks(lam[ok]), _ranks(lr[ok]))[0, 1])
    out.append(value("chaos.plateau_lr_rank_corr", f"{rho:+.2f}", size=f"{size}, {int(ok.sum())} runs with a plateau", value=rho))
    return out


def _ranks(v: np.ndarray) -> np.ndarray:
    """Ranks from 0, ties sharing their average rank (a grid row shares one learning rate)."""
    order = np.argsort(v, kind="stable")
    _, first, counts = np.unique(v[order], return_index=True, return_counts=True)
    r = np.empty(v.size)
    r[order] = np.repeat(first + (counts - 1) / 2, counts)
    return r

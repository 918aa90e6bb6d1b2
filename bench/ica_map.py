"""MAP coefficients for the ICA engine: the exact support enumeration against the post's projected
gradient descent, FISTA and scikit-learn's `sparse_encode`, side by side in one run.

Every solver works on the same problem: N points x = A s (s exponential, rate 0.5, so mean 2) for k
unit columns at seeded, irregular angles, σ and λ_prior as in the engine's presets. The iterative
solvers run until every point is within `--tol` (relative) of the exact objective (the gradient
descent at most `--max-iter` iterations); scikit-learn runs with max_iter 10,000 and its default
tolerance. The reference objective per point is the lowest any
solver reached; each solver reports its seconds and its largest relative gap to that reference.

    toyviz bench ica-map --points 10000 --columns 8 [--json PATH]
    toyviz bench ica-map --points 10000 --columns 3,8 --markdown bench/results/ica_map.md

`--markdown` writes the dated table that the ICA engine page includes (docs/engines/ica.md): the page
quotes no speed itself, so re-running this on a quiet machine is how its numbers change.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np


def problem(points: int, columns: int, seed: int):
    from toyviz.ica.data import unit_columns
    rng = np.random.default_rng(seed)
    angles = np.sort(rng.uniform(0, 360, columns))
    A = unit_columns(angles)
    S = rng.exponential(2.0, (points, columns))
    return S @ A.T, A


def timed(fn, repeat: int):
    best, out = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def measure(args, columns: int) -> dict:
    """Every solver on one problem with `columns` columns: seconds, iterations, gaps, ratios, goals."""
    from toyviz.ica.map_solvers import map_exact, map_fista, map_pgd, objective
    X, A = problem(args.points, columns, args.seed)
    sig, lam, c = args.sigma, args.lam, args.sigma**2 / args.lam
    skip = set(filter(None, args.skip.split(",")))

    results, objs = {}, {}
    t, res = timed(lambda: map_exact(X, A, sig, lam), args.repeat)
    F_exact = objective(X, A, res.s, sig, lam)
    results["exact"] = {"seconds": t, "iterations": 0, "kkt_max": float(res.kkt.max())}
    objs["exact"] = F_exact
    if "pgd" not in skip:
        t, r = timed(lambda: map_pgd(X, A, sig, lam, steps=args.max_iter, tol=args.tol,
                                     check_every=10, reference=F_exact), 1)
        results["pgd"] = {"seconds": t, "iterations": r.iterations}
        objs["pgd"] = objective(X, A, r.s, sig, lam)
    if "fista" not in skip:
        t, r = timed(lambda: map_fista(X, A, sig, lam, tol=args.tol, reference=F_exact), args.repeat)
        results["fista"] = {"seconds": t, "iterations": r.iterations}
        objs["fista"] = objective(X, A, r.s, sig, lam)
    if "sklearn" not in skip:
        import warnings

        from sklearn.decomposition import sparse_encode
        from sklearn.exceptions import ConvergenceWarning

        def sk():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                return sparse_encode(X, A.T, algorithm="lasso_cd", alpha=c, positive=True, max_iter=10_000)
        t, S = timed(sk, 1)
        results["sklearn"] = {"seconds": t, "iterations": None}
        objs["sklearn"] = objective(X, A, S, sig, lam)
    ref = np.min(np.stack(list(objs.values())), 0)
    for name, F in objs.items():
        results[name]["max_rel_gap"] = float(np.max((F - ref) / np.maximum(ref, 1e-300)))
        results[name]["reached_tol"] = results[name]["max_rel_gap"] <= args.tol
    ratios = {f"exact_vs_{n}": results[n]["seconds"] / results["exact"]["seconds"]
              for n in results if n != "exact"}
    goals = {"exact_gap_le_1e-10": results["exact"]["max_rel_gap"] <= 1e-10}
    if "pgd" in results:
        need = 100 if columns >= 8 else 5
        goals[f"exact_ge_{need}x_pgd"] = ratios["exact_vs_pgd"] >= need
    if "sklearn" in results:
        goals["exact_ge_10x_sklearn"] = ratios["exact_vs_sklearn"] >= 10
    return {"points": args.points, "columns": columns, "sigma": sig, "lam": lam, "tol": args.tol,
            "repeat": args.repeat, "solvers": results, "ratios": ratios, "goals": goals}


def _cell(r: dict) -> str:
    """'23.6 ms, 130 it., gap 7e-09', marked **short** where the solver ended short of the target gap."""
    t = r["seconds"]
    time_text = f"{t * 1e3:.1f} ms" if t < 1 else f"{t:.1f} s"
    its = f", {r['iterations']:,} it." if r["iterations"] else ""
    return f"{time_text}{its}, gap {r['max_rel_gap']:.0e}" + ("" if r["reached_tol"] else " (**short**)")


_GOALS = {"gap": "exact gap ≤ 1e-10", "ge": "≥ ", "pgd": " the gradient descent", "sklearn": " scikit-learn"}


def _ratio(v: float) -> str:
    return f"{v:.1f}×" if v < 100 else f"{v:.0f}×"


def markdown(runs: list[dict], started: datetime, load: tuple[float, float]) -> str:
    """The dated table the ICA engine page includes: one row per k, each solver's time and gap, the ratios."""
    names = [n for n in ("exact", "pgd", "fista", "sklearn") if n in runs[0]["solvers"]]
    head = {"exact": "exact", "pgd": "post's gradient descent", "fista": "FISTA", "sklearn": "scikit-learn `sparse_encode`"}
    r0 = runs[0]
    lines = [f"Measured {started:%Y-%m-%d %H:%M} UTC by `toyviz bench ica-map` on {os.cpu_count()} cores "
             f"(load average {load[0]:.1f} before, {load[1]:.1f} after): {r0['points']:,} points, "
             f"σ = {r0['sigma']:g}, λ_prior = {r0['lam']:g}, iterative solvers to a relative gap of {r0['tol']:g}; "
             f"best of {r0['repeat']} runs for the exact solver and FISTA.", "",
             "| k | " + " | ".join(head[n] for n in names) + " | exact vs the others | goals |",
             "|---" * (len(names) + 3) + "|"]
    for r in runs:
        ratios = " / ".join(_ratio(r["ratios"][f"exact_vs_{n}"]) for n in names[1:])
        missed = [f"{_GOALS.get(g.split('_')[1], g)}{g.split('_')[2].replace('x', '×') if g.startswith('exact_ge') else ''}"
                  f"{_GOALS.get(g.split('_')[-1], '')}" for g, ok in r["goals"].items() if not ok]
        goals = "all met" if not missed else "**missed**: " + ", ".join(missed)
        lines.append(f"| {r['columns']} | " + " | ".join(_cell(r["solvers"][n]) for n in names)
                     + f" | {ratios} | {goals} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="toyviz bench ica-map", description=__doc__.split("\n\n")[0])
    p.add_argument("--points", type=int, default=10_000)
    p.add_argument("--columns", default="3", help="k, columns of A (2-D data); several as 3,8")
    p.add_argument("--sigma", type=float, default=0.1)
    p.add_argument("--lam", type=float, default=0.5, help="λ_prior")
    p.add_argument("--tol", type=float, default=1e-8, help="relative accuracy the iterative solvers run to")
    p.add_argument("--max-iter", type=int, default=20_000,
                   help="cap for the gradient descent (if it stops there short of --tol, its time is a "
                        "lower bound and so is the ratio)")
    p.add_argument("--repeat", type=int, default=3, help="best of this many runs for the fast solvers")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--skip", default="", help="comma-separated solvers to leave out (pgd, fista, sklearn)")
    p.add_argument("--json", metavar="PATH", help="the results as JSON (a list when several k are measured)")
    p.add_argument("--markdown", metavar="PATH", help="the dated Markdown table the ICA engine page includes")
    args = p.parse_args(argv)
    try:
        ks = [int(v) for v in args.columns.split(",")]
    except ValueError:
        raise ValueError(f"--columns takes whole numbers separated by commas, got {args.columns!r}") from None
    if args.points < 1 or min(ks) < 1:
        raise ValueError("--points and --columns must be ≥ 1")
    started, load0 = datetime.now(timezone.utc), os.getloadavg()[0]
    runs = []
    for k in ks:
        r = measure(args, k)
        runs.append(r)
        print(f"ica-map: {args.points} points, k = {k}, σ = {args.sigma}, λ_prior = {args.lam}")
        for name, s in r["solvers"].items():
            its = "" if not s["iterations"] else f", {s['iterations']} iterations"
            its += "" if s["reached_tol"] else f" (stopped short of {args.tol:g}: time is a lower bound)"
            print(f"  {name:8s} {s['seconds'] * 1e3:10.1f} ms   max relative gap {s['max_rel_gap']:.1e}{its}")
        for name, v in r["ratios"].items():
            print(f"  {name}: {v:.1f}×")
        print("  goals: " + ", ".join(f"{g} {'met' if v else 'MISSED'}" for g, v in r["goals"].items()))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(runs[0] if len(runs) == 1 else runs, f, indent=2)
    if args.markdown:
        path = Path(args.markdown)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(markdown(runs, started, (load0, os.getloadavg()[0])))
        tmp.replace(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`toyviz chaos map|zoom|lyapunov`: is Asymmetric Recovery chaotic? (issue 23; toyviz.toy.chaos)

Each subcommand prints one JSON object (strict JSON: null where a number is not finite) on stdout or
into `--json PATH` (written to a temporary file, then renamed), with a progress bar on stderr when
it is a terminal. Runs go through the run cache, so asking again is instant.
"""
from __future__ import annotations

import json
import math
import sys
import time

from toyviz import output


def register(parser) -> None:
    sub = parser.add_subparsers(dest="chaos_command", metavar="WHAT", required=True)
    m = sub.add_parser("map", help="the outcome of one run per pixel over (δ or α) × learning rate",
                       description="Train one seed per pixel of a plane window and report outcome counts "
                                   "and each boundary's box-counting dimension.")
    m.add_argument("--plane", default="constructed", help="constructed (δ of b₁, b₆; default) | plain (α mixing two inits)")
    m.add_argument("--side", type=int, default=256, help="pixels per side (default 256; 1024 = a million runs)")
    m.add_argument("--window", type=float, nargs=4, metavar=("X0", "X1", "LOG_LR0", "LOG_LR1"),
                   help="the window (default: the whole plane, x from 0, log10 lr from -4 to -1)")
    _common(m, "float32")
    m.set_defaults(func=run_map)
    z = sub.add_parser("zoom", help="zoom ×10 per level into seeded random boundary pixels; dimension per level",
                       description="Zoom into boundary pixels of level 0 drawn with --seed and report the "
                                   "box-counting dimension of every point and level, with a 95% interval per level.")
    z.add_argument("--boundary", default="learnt", help="learnt (all features learnt at T vs not; default) | "
                                                        "perfect (never a dead feature vs ever)")
    z.add_argument("--points", type=int, default=5, help="boundary points drawn (default 5)")
    z.add_argument("--levels", type=int, default=3, help="levels including the whole plane (default 3)")
    z.add_argument("--side", type=int, default=256, help="pixels per side (default 256)")
    z.add_argument("--seed", type=int, default=0, help="the draw of the points (default 0)")
    _common(z, "float64")
    z.set_defaults(func=run_zoom)
    ly = sub.add_parser("lyapunov", help="twin-run Lyapunov exponents (float64) on a grid or plain seeds",
                        description="Largest finite-time Lyapunov exponents per step during the plateau, "
                                    "the recovery and the end, beside the linearised map's log spectral radius.")
    ly.add_argument("--plane", default="constructed", help="constructed | plain (default constructed)")
    ly.add_argument("--side", type=int, default=16, help="grid side (default 16)")
    ly.add_argument("--plain-seeds", type=int, default=0, metavar="K",
                    help="instead of a grid: K seeds from the engine's random initialisation at --lr")
    ly.add_argument("--lr", type=float, default=1e-3, help="learning rate of --plain-seeds (default 1e-3)")
    ly.add_argument("--steps", type=int, default=None, help="steps (default 5000 on a grid, 25000 for plain seeds)")
    ly.add_argument("--every", type=int, default=10, help="renormalise every N steps (default 10)")
    ly.add_argument("--json", metavar="PATH", help="write the report here (default: stdout)")
    ly.add_argument("--no-progress", action="store_true", help="no progress bar")
    ly.set_defaults(func=run_lyapunov)


def _common(p, precision: str) -> None:
    p.add_argument("--steps", type=int, default=5000, help="training steps T (default 5000, as the post's sweep)")
    p.add_argument("--precision", default=precision, help=f"float32 | float64 (default {precision}; the site's "
                                                          "zooms are float64 at every level)")
    p.add_argument("--json", metavar="PATH", help="write the report here (default: stdout)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _bar(args, total: int, unit: str, desc: str):
    """A tqdm bar on stderr when it is a terminal (and not --no-progress), else None."""
    if args.no_progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit=unit, desc=desc, leave=False)


def _plane(kind: str, steps: int):
    from toyviz.toy.chaos import Plane
    return Plane(kind, steps=steps)


def run_map(args) -> int:
    from toyviz.toy import chaos
    tic = time.perf_counter()
    plane = _plane(args.plane, args.steps)
    win = chaos.Window.level0(plane, args.side, args.precision)
    if args.window:
        x0, x1, y0, y1 = args.window
        from dataclasses import replace
        win = replace(win, x0=x0, x1=x1, y0=y0, y1=y1)
    bar = _bar(args, win.side ** 2, "run", f"chaos map {win.side}²")
    res = chaos.outcome_map_cached(win, bar.update if bar else None)
    if bar:
        bar.close()
    report = {"window": _asdict(win), **chaos.map_summary(res), "total_seconds": time.perf_counter() - tic}
    return _emit(report, args.json)


def run_zoom(args) -> int:
    from toyviz.toy import chaos
    zc = chaos.ZoomConfig(boundary=args.boundary, points=args.points, levels=args.levels, side=args.side,
                          precision=args.precision, seed=args.seed, steps=args.steps)
    tic = time.perf_counter()
    bar = _bar(args, args.side ** 2 * (1 + args.points * (args.levels - 1)), "run", f"chaos zoom {args.boundary}")
    series = chaos.zoom_series(zc, bar.update if bar else None)
    if bar:
        bar.close()
    return _emit({**chaos.zoom_summary(series, zc), "total_seconds": time.perf_counter() - tic}, args.json)


def run_lyapunov(args) -> int:
    from toyviz.toy import chaos
    tic = time.perf_counter()
    if args.plain_seeds:
        steps = args.steps or 25_000
        pc = chaos.PlainLyapunovConfig(n_seeds=args.plain_seeds, steps=steps, lr=args.lr,
                                       lyap=chaos.LyapunovConfig(every=args.every))
        if not (math.isfinite(args.lr) and args.lr > 0):
            raise ValueError(f"--lr must be a positive finite number (got {args.lr})")
        bar = _bar(args, steps // args.every, "interval", "lyapunov (plain seeds)")
        res = chaos.plain_exponents_cached(pc, bar.update if bar else None)
        what = {"plain_seeds": args.plain_seeds, "lr": args.lr, "steps": steps}
    else:
        lc = chaos.LyapunovConfig(plane=_plane(args.plane, args.steps or 5000), side=args.side, every=args.every)
        bar = _bar(args, lc.plane.steps // args.every, "interval", f"lyapunov {args.side}²")
        res = chaos.lyapunov_grid_cached(lc, bar.update if bar else None)
        what = {"plane": args.plane, "side": args.side, "steps": lc.plane.steps}
    if bar:
        bar.close()
    report = {**what, "every": args.every, "unit": "natural log per optimiser step",
              **chaos.lyapunov_summary(res), "total_seconds": time.perf_counter() - tic}
    return _emit(report, args.json)


def _asdict(win) -> dict:
    import dataclasses
    return dataclasses.asdict(win)


def _finite(x):
    """Replace non-finite floats by None, recursively (strict JSON)."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_finite(v) for v in x]
    return x


def _emit(report: dict, path: str | None) -> int:
    text = json.dumps(_finite(report), allow_nan=False)
    if not path:
        print(text)
        return 0
    output.write_text(path, text + "\n")
    print(f"wrote {path}", file=sys.stderr)
    return 0

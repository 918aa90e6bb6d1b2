"""Chaos maps, measured side by side in one run (`toyviz bench chaos [--quick]`).

Prints: the engine's usual rate (10,000 seeds × 5,000 steps of the plain n = 7 AdamW run, float32,
as `toyviz bench toy-train` times it), the million-run map (1024 × 1024 pixels × 5,000 steps, one
seed per pixel with its own learning rate and start, history and outcome labels included) in float32
and float64 with seed-steps per second and the ratio to the engine's rate, and the time of the whole
zoom series of both boundaries at final size (5 levels × 5 centres of 1024² float64 runs) — or, with
--quick, 256² maps and the preview series (3 levels of 256²). Runs go to a temporary run cache, so
nothing is reused from earlier builds and nothing is left behind.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
import time
from pathlib import Path


def _toy_train_bench():
    """bench/toy_train.py, for the engine's usual rate measured exactly as that bench measures it."""
    path = Path(__file__).with_name("toy_train.py")
    spec = importlib.util.spec_from_file_location("bench_toy_train", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="toyviz bench chaos", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="256² maps and the preview zoom series")
    ap.add_argument("--no-zoom", action="store_true", help="skip the zoom series")
    args = ap.parse_args(argv)
    from toyviz.toy import chaos, kernel  # noqa: F401  (kernel: its generated sources stay in the usual cache)
    side = 256 if args.quick else 1024
    quality = "preview" if args.quick else "final"
    toy = _toy_train_bench()
    with tempfile.TemporaryDirectory(prefix="toyviz-bench-chaos-") as tmp:
        os.environ["TOYVIZ_CACHE"] = tmp
        for prec in ("float32", "float64"):                            # compile (or load) each kernel first
            chaos.outcome_map(chaos.Window.level0(chaos.Plane(steps=2), 8, prec))
        K, T = 10_000, 5000
        base = K * T / min(toy.time_numba(7, 2, K, T) for _ in range(2))
        print(f"# chaos bench: {len(os.sched_getaffinity(0))} cores")
        print(f"engine, {K:,} seeds × {T:,} steps (float32, plain n = 7 AdamW): {base / 1e6:.1f} M seed-steps/s")
        for prec in ("float32", "float64"):
            win = chaos.Window.level0(chaos.Plane(), side, prec)
            tic = time.perf_counter()
            res = chaos.outcome_map(win)
            wall = time.perf_counter() - tic
            rate = float(res["seed_steps"]) / float(res["seconds"])
            print(f"map {side}² × {T:,} steps, {prec}: {wall:.1f} s wall ({float(res['seconds']):.1f} s training), "
                  f"{rate / 1e6:.1f} M seed-steps/s = {rate / base:.2f}× the engine's rate")
        if not args.no_zoom:
            tic = time.perf_counter()
            for boundary in chaos.BOUNDARIES:
                zc = chaos.zoom_config(boundary, quality)
                t0 = time.perf_counter()
                chaos.zoom_series(zc)
                print(f"zoom series {boundary}: {zc.levels} levels × {zc.points} centres of {zc.side}² "
                      f"({zc.precision}): {time.perf_counter() - t0:.0f} s")
            print(f"whole zoom series: {time.perf_counter() - tic:.0f} s")
        del os.environ["TOYVIZ_CACHE"]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the stills' dark variants add to a figure build (`toyviz bench dark-stills [--only GLOB ...]`).

Runs each chosen still's script in this process at preview quality, into a temporary folder, with
`toyviz.plot.style.save` timed in its two parts: the light PNG as before, and the dark variant
(`toyviz.plot.dark.recolour` plus its own `savefig`). Prints, per still and in total, the script's
whole time, the light save and the dark part, and the dark part's share of the whole. The runs come
from the run cache as in a normal build (a still whose run is not cached trains it first, which
only makes the share look smaller: build the figures once before timing).
"""
from __future__ import annotations

import argparse
import importlib.util
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="toyviz bench dark-stills", description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", metavar="GLOB", help="figure ids to time (default: every still)")
    args = ap.parse_args(argv)
    from toyviz import quality
    from toyviz.build import registry
    from toyviz.plot import dark, style

    stills = [f for f in registry.select(registry.discover(), args.only) if f.kind == "still"]
    parts = {"save": 0.0, "dark": 0.0}
    save, recolour = style.save, dark.recolour

    def timed_save(*a, **kw):                    # the whole save; the dark part starts at the recolouring
        start = time.perf_counter()
        save(*a, **kw)
        end = time.perf_counter()
        parts["save"] += end - start
        parts["dark"] += end - parts.pop("recolour_at")

    def timed_recolour(fig):
        parts["recolour_at"] = time.perf_counter()
        recolour(fig)

    style.save, dark.recolour = timed_save, timed_recolour
    rows, totals = [], [0.0, 0.0, 0.0]
    try:
        with tempfile.TemporaryDirectory(prefix="toyviz-bench-dark-") as tmp:
            for fig in stills:
                spec = importlib.util.spec_from_file_location(f"bench_{fig.source.stem}", fig.source)
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                parts.update(save=0.0, dark=0.0)
                start = time.perf_counter()
                module.build(Path(tmp), quality.get("preview"))
                whole = time.perf_counter() - start
                light = parts["save"] - parts["dark"]
                rows.append((fig.id, whole, light, parts["dark"]))
                totals = [totals[0] + whole, totals[1] + light, totals[2] + parts["dark"]]
    finally:
        style.save, dark.recolour = save, recolour
    print(f"{'still':45s} {'script s':>9s} {'light save':>11s} {'dark part':>10s} {'dark share':>10s}")
    for name, whole, light, dark_s in rows + [("total", *totals)]:
        print(f"{name:45s} {whole:9.2f} {light:11.2f} {dark_s:10.2f} {100 * dark_s / max(whole, 1e-9):9.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

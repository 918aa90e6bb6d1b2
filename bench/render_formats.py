"""Render time and file size of one scene for each quality and format of `toyviz render`, side by side
in one run, printed as the Markdown table of the site's "For talks" page (docs/talks.md).

Each cell is one full render through the same code as `toyviz render` (`render_scene`, data loading
included, as a speaker would wait for it), timed by wall clock, with the file's size. The machine's
load average is printed before and after: on a shared machine the seconds grow with the load, the
sizes do not. Heavy cells can be left out with `--skip` (quality:format, `*` for any).

    toyviz bench render-formats --scene TrainingRun --qualities low,medium,high,4k --formats mp4,webm,gif,png
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def _skipped(skip: list[str], quality: str, fmt: str) -> bool:
    for s in skip:
        q, _, f = s.partition(":")
        if q in ("*", quality) and f in ("*", fmt):
            return True
    return False


def measure(scene: str, qualities, formats, skip=(), log=print) -> list[dict]:
    """One render per (quality, format); returns rows with seconds and bytes (None where skipped)."""
    from toyviz.anim import scenes
    from toyviz.quality import RENDER
    from toyviz.anim.render import render_scene

    info = scenes.get(scene)
    rows = []
    with tempfile.TemporaryDirectory(prefix="toyviz-bench-") as tmp:
        for q in qualities:
            height, fps = RENDER[q]
            for f in formats:
                row = {"quality": q, "height": height, "fps": fps, "format": f, "seconds": None, "bytes": None}
                if not _skipped(skip, q, f):
                    out = Path(tmp) / f"{scene}_{q}.{f}"
                    t0 = time.perf_counter()
                    render_scene(info.cls, out, height, fps, fmt=f)
                    row["seconds"] = time.perf_counter() - t0
                    row["bytes"] = out.stat().st_size
                    out.unlink()
                    log(f"  {q:6s} {f:4s} {row['seconds']:7.1f} s  {_size(row['bytes'])}")
                rows.append(row)
    return rows


def table(rows: list[dict], formats) -> str:
    """Markdown, as on the For talks page: one row per quality, "time, size" per format."""
    lines = ["| quality | " + " | ".join(f + (" (last frame)" if f == "png" else "") for f in formats) + " |",
             "|" + "---|" * (1 + len(formats))]
    for q in dict.fromkeys(r["quality"] for r in rows):
        cells = []
        for f in formats:
            r = next(r for r in rows if r["quality"] == q and r["format"] == f)
            cells.append("not measured" if r["seconds"] is None else f"{r['seconds']:.0f} s, {_size(r['bytes'])}")
        first = next(r for r in rows if r["quality"] == q)
        lines.append(f"| {q} ({first['height']}p {first['fps']} fps) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="toyviz bench render-formats", description=__doc__.split("\n\n")[0])
    p.add_argument("--scene", default="TrainingRun", help="the scene (default TrainingRun, 20 s)")
    p.add_argument("--qualities", default="low,medium,high,4k", help="comma-separated: low, medium, high, 4k")
    p.add_argument("--formats", default="mp4,webm,gif,png", help="comma-separated: mp4, webm, gif, png")
    p.add_argument("--skip", default="", help="quality:format cells not to render ('*' for any), e.g. 4k:webm "
                                              "(6 min on 2 cores); default: none, the whole table (~20 min)")
    p.add_argument("--json", metavar="PATH", help="also write the rows as JSON")
    args = p.parse_args(argv)
    from toyviz.anim.command import FORMATS
    from toyviz.quality import RENDER

    qualities = [q for q in args.qualities.split(",") if q]
    formats = [f for f in args.formats.split(",") if f]
    bad = [q for q in qualities if q not in RENDER] + [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown quality or format: {', '.join(bad)}")
    skip = [s for s in args.skip.split(",") if s]
    load0 = os.getloadavg()
    started = datetime.now(timezone.utc)
    print(f"{args.scene}: {len(qualities) * len(formats)} cells; {os.cpu_count()} cores "
          f"({platform.processor() or platform.machine()}), load average {load0[0]:.1f} at the start", flush=True)
    rows = measure(args.scene, qualities, formats, skip, log=lambda s: print(s, flush=True))
    load1 = os.getloadavg()
    print()
    print(f"Measured {started:%Y-%m-%d %H:%M} UTC, scene {args.scene}, {os.cpu_count()} cores; load average "
          f"(1 min) {load0[0]:.1f} at the start, {load1[0]:.1f} at the end (15 min: {load1[2]:.1f}).")
    print()
    print(table(rows, formats))
    if args.json:
        Path(args.json).write_text(json.dumps({"scene": args.scene, "started": started.isoformat(),
                                               "load_start": load0, "load_end": load1, "cores": os.cpu_count(),
                                               "rows": rows}, indent=1))
    return 0

"""`toyviz figures list | build | clean`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from toyviz.build import registry, runner


def _figures(args) -> list[registry.Figure]:
    return registry.select(registry.discover(Path(args.src)), args.only)


def cmd_list(args) -> int:
    out = Path(args.out)
    for fig in _figures(args):
        built = "built" if runner.read_stamp(out, fig) else "-"
        print(f"{fig.id:55s} {fig.kind:6s} {built:6s} {fig.reproduces or ''}")
    return 0


def cmd_build(args) -> int:
    from toyviz import quality
    from tqdm import tqdm

    q = quality.get(args.quality)
    figures = _figures(args)
    all_figures = registry.discover(Path(args.src))
    out = Path(args.out)
    bar = tqdm(total=len(figures), unit="fig", desc=f"figures ({q.name})", file=sys.stderr,
               disable=not figures or args.quiet)

    def progress(result):
        bar.set_postfix_str(result.figure.id, refresh=False)
        bar.update()
        if result.status == "failed":
            bar.write(f"FAILED {result.figure.id}")

    try:
        results = runner.build(figures, q, out, jobs=args.jobs, force=args.force, progress=progress)
    finally:
        bar.close()
    runner.write_manifest(all_figures, out)
    failed = [r for r in results if r.status == "failed"]
    if not args.quiet:
        _timing_table(results)
    for r in failed:
        print(f"\n--- {r.figure.id} failed ({r.figure.source}):\n{r.error}", file=sys.stderr)
    built = sum(r.status == "built" for r in results)
    cached = sum(r.status == "cached" for r in results)
    print(f"{built} built, {cached} up to date, {len(failed)} failed -> {out}")
    return 1 if failed else 0


def _timing_table(results) -> None:
    width = max((len(r.figure.id) for r in results), default=10)
    print(f"{'figure':{width}s}  {'status':7s} {'seconds':>8s}")
    for r in sorted(results, key=lambda r: -r.seconds):
        print(f"{r.figure.id:{width}s}  {r.status:7s} {r.seconds:8.1f}")
    print(f"{'total':{width}s}  {'':7s} {sum(r.seconds for r in results):8.1f}")


def cmd_clean(args) -> int:
    runner.clean(Path(args.out))
    print(f"removed {args.out}")
    return 0


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def common(p):
        p.add_argument("--src", default=str(registry.FIGURES_SRC), help="folder of figure scripts (default: figures_src/)")
        p.add_argument("--out", default=str(runner.FIGURES_DIR), help="where figures go (default: docs/figures/)")

    p = sub.add_parser("list", help="list every figure: id, kind, built or not, the post figure it reproduces")
    common(p)
    p.add_argument("--only", action="append", metavar="GLOB", help="only ids (or names) matching GLOB; repeatable")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("build", help="build figures that are out of date",
                       description="Build every figure whose script, toyviz code, quality preset or library "
                                   "versions changed since its last successful build; skip the rest.")
    common(p)
    p.add_argument("--quality", default="preview", choices=["smoke", "preview", "final"],
                   help="preview: fast, for local work and CI (default); final: for the hosted site; smoke: tiny, for tests")
    p.add_argument("--only", action="append", metavar="GLOB", help="only ids (or names) matching GLOB; repeatable")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count(), help="figures built at once (default: cores)")
    p.add_argument("--force", action="store_true", help="rebuild even figures that are up to date")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or timing table")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("clean", help="remove every built figure, stamp and the manifest")
    common(p)
    p.set_defaults(func=cmd_clean)

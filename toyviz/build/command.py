"""`toyviz figures list | build | clean`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from toyviz import quality
from toyviz.build import registry, runner
from toyviz.commands.args import count


def _figures(args) -> list[registry.Figure]:
    return registry.select(registry.discover(Path(args.src)), args.only)


def cmd_list(args) -> int:
    out = Path(args.out)
    figures = _figures(args)
    for fig in figures:
        if fig.error:
            print(f"{fig.id:55s} {fig.kind:6s} {'-':6s} {fig.error}")
            continue
        built = "built" if runner.read_stamp(out, fig) else "-"
        print(f"{fig.id:55s} {fig.kind:6s} {built:6s} {fig.reproduces or ''}")
    broken = sum(1 for f in figures if f.error)
    if broken:
        print(f"{broken} broken figure script{'s' if broken > 1 else ''} (see above)", file=sys.stderr)
    return 0


def cmd_build(args) -> int:
    from tqdm import tqdm

    q = quality.get(args.quality)
    figures = _figures(args)
    all_figures = registry.discover(Path(args.src))
    out = Path(args.out)
    if args.jobs is not None and args.jobs < 1:
        raise ValueError(f"--jobs must be 1 or more (got {args.jobs})")
    runner.check_out(out)
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
        runner.write_manifest(all_figures, out)   # also after Ctrl-C: lists what did finish
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
    done = runner.clean(Path(args.out))
    kept = f"; kept {done['kept']} other file{'s' if done['kept'] != 1 else ''}" if done["kept"] else ""
    print(f"removed {done['files']} files of {done['figures']} figures, their stamps and the manifest "
          f"from {args.out}{kept}")
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
    p.add_argument("--quality", default="preview", choices=list(quality.PRESETS),
                   help="preview: fast, for local work and CI (default); final: for the hosted site; smoke: tiny, for tests")
    p.add_argument("--only", action="append", metavar="GLOB", help="only ids (or names) matching GLOB; repeatable")
    p.add_argument("--jobs", "-j", type=count, default=os.cpu_count(), help="figures built at once (default: cores)")
    p.add_argument("--force", action="store_true", help="rebuild even figures that are up to date")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or timing table")
    p.add_argument("--no-progress", dest="quiet", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("clean", help="remove the built figures the manifest lists, their stamps and the manifest",
                       description="Remove what the toyviz manifest in --out lists (and the build's stamps), "
                                   "then the manifest; a folder without a toyviz manifest is refused.")
    common(p)
    p.set_defaults(func=cmd_clean)

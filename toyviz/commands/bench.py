"""`toyviz bench NAME [ARGS...]`: run `bench/NAME.py` (its `main(argv)`), which prints ratios
measured side by side in one run. Benchmarks are never timed tests."""
from __future__ import annotations

import argparse
import difflib
import importlib.util
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


def available() -> list[str]:
    """Benchmark names: `bench/ica_map.py` is `ica-map`."""
    return sorted(p.stem.replace("_", "-") for p in BENCH_DIR.glob("*.py") if not p.stem.startswith("_"))


def run(args) -> int:
    names = available()
    if args.name not in names:
        close = difflib.get_close_matches(args.name, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; available: {', '.join(names)}"
        raise ValueError(f"unknown benchmark {args.name!r}{hint}")
    path = BENCH_DIR / f"{args.name.replace('-', '_')}.py"
    if str(BENCH_DIR) not in sys.path:     # the benches share bench/_markdown.py, as when run as scripts
        sys.path.insert(0, str(BENCH_DIR))
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.main(args.args) or 0)


def register(parser) -> None:
    parser.add_argument("name", metavar="NAME", help=f"the benchmark ({', '.join(available()) or 'none yet'})")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its own options (see `toyviz bench NAME --help`)")
    parser.set_defaults(func=run)

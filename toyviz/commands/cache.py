"""`toyviz cache list | prune`: what toyviz's caches hold, and removing what no current code can produce.

The caches (all under `toyviz.paths.cache_root()`):
- `runs/<engine>/` trained runs, one `.npz` per config (`toyviz.runs`); an entry is current while
  every file that computed it still has the same code; `prune` removes the others (and their lock files);
- `render/` measured scene lengths; stale (and pruned) once a scene module changes;
- `numba/`, `toy_kernels/` compiled and generated kernel code; numba checks its own entries against
  their source, so `prune` leaves them (delete the folders to start over);
- `stamps/` `make`'s record of finished install steps (in a checkout); never pruned.
"""
from __future__ import annotations

from pathlib import Path


def _size(paths) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def _human(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def stale_entries(root: Path) -> list[Path]:
    """Files under `root` that no current code can produce (what `prune` removes)."""
    from toyviz import runs
    from toyviz.anim.command import _cache_file, _read

    stale = []
    for entry in sorted((root / "runs").glob("*/*.npz")):
        if not runs.is_current(entry):
            stale.append(entry)
    for lock in sorted((root / "runs").glob("*/*.lock")):
        if not lock.with_suffix(".npz").exists() or lock.with_suffix(".npz") in stale:
            stale.append(lock)
    lengths = _cache_file()
    if lengths.is_file() and lengths.is_relative_to(root) and _read(lengths, "lengths") is None:
        stale.append(lengths)
    return stale


def cmd_list(args) -> int:
    from toyviz.paths import cache_root

    root = cache_root()
    print(f"toyviz caches in {root}")
    if not root.is_dir():
        print("  (empty)")
        return 0
    stale = set(stale_entries(root))
    kinds = [root / "runs" / engine for engine in sorted(p.name for p in (root / "runs").glob("*") if p.is_dir())]
    kinds += [p for p in sorted(root.iterdir()) if p.is_dir() and p.name != "runs"]
    print(f"  {'kind':16s} {'entries':>8s} {'size':>10s} {'stale':>7s} {'stale size':>11s}")
    total = 0
    for folder in kinds:
        files = [p for p in folder.rglob("*") if p.is_file()]
        old = [p for p in files if p in stale]
        total += _size(files)
        name = str(folder.relative_to(root))
        print(f"  {name:16s} {len(files):8d} {_human(_size(files)):>10s} {len(old):7d} {_human(_size(old)):>11s}")
    print(f"  {'total':16s} {'':8s} {_human(total):>10s} {len(stale):7d} {_human(_size(stale)):>11s}")
    return 0


def cmd_prune(args) -> int:
    from toyviz.paths import cache_root

    root = cache_root()
    stale = stale_entries(root) if root.is_dir() else []
    freed = _size(stale)
    removed = 0
    for path in stale:
        if not args.dry_run:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as e:
                raise ValueError(f"cannot remove {path}: {e.strerror or e}") from None
        removed += 1
    verb = "would remove" if args.dry_run else "removed"
    print(f"{verb} {removed} stale cache entries ({_human(freed)}) from {root}")
    return 0


def register(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser("list", help="each kind of cache: entries, size, and how much is stale",
                       description="Where toyviz keeps its caches, and per kind the entries, their size and "
                                   "how many no current code can produce.")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("prune", help="remove the cache entries no current code can produce",
                       description="Remove run-cache entries written by engine code that has since changed "
                                   "(and their lock files), and stale scene lengths. Compiled kernels are kept.")
    p.add_argument("--dry-run", "-n", action="store_true", help="only say what would be removed")
    p.set_defaults(func=cmd_prune)

"""Build figures: skip the up-to-date ones, run the rest in parallel worker processes, and move each
figure's files into place only when its script succeeded.

Sturdiness, in order of what can go wrong:
- each figure runs in its own process (`toyviz.build.worker`), so a crash, a leak or a hung import
  affects that figure alone; a failure is reported and the others go on (exit code 1 at the end);
- a worker writes into a private temporary folder; the files are renamed into `docs/figures/` only
  after the script returned and wrote exactly the files it declared; the stamp (its hash) is written
  last, so a build killed at any point leaves no partial file and the next build redoes just the
  figures that had not finished;
- the manifest is rewritten (atomically) from the stamps at the end of every build.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from toyviz.build import fingerprint
from toyviz.build.registry import ROOT, Figure
from toyviz.quality import Quality

FIGURES_DIR = ROOT / "docs" / "figures"


@dataclass
class Result:
    figure: Figure
    status: str          # "built", "cached" or "failed"
    seconds: float
    error: str = ""


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stamp_path(out_dir: Path, fig: Figure) -> Path:
    return out_dir / ".stamps" / f"{fig.id}.json"


def read_stamp(out_dir: Path, fig: Figure) -> dict | None:
    try:
        return json.loads(stamp_path(out_dir, fig).read_text())
    except (OSError, ValueError):
        return None


def is_current(out_dir: Path, fig: Figure, digest: str) -> bool:
    stamp = read_stamp(out_dir, fig)
    return bool(stamp) and stamp.get("hash") == digest and all(p.is_file() for p in fig.outputs(out_dir))


def _worker_env(jobs: int) -> dict:
    env = dict(os.environ)
    threads = str(max(1, (os.cpu_count() or 1) // jobs))  # no oversubscription across workers
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS", "TOYVIZ_THREADS"):
        env.setdefault(var, threads)
    env.setdefault("MPLBACKEND", "Agg")
    return env


def build_one(fig: Figure, quality: Quality, out_dir: Path, digest: str, env: dict) -> Result:
    """Run one figure's script in a worker process and move its files into place."""
    start = time.perf_counter()
    tmp_root = out_dir / ".tmp" / str(os.getpid())  # this build's own; others may run beside it
    tmp_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=tmp_root, prefix=fig.id.replace("/", "__") + "-"))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "toyviz.build.worker", str(fig.source), str(work), quality.name],
            capture_output=True, text=True, env=env, cwd=ROOT,
        )
        if proc.returncode != 0:
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
            return Result(fig, "failed", time.perf_counter() - start, tail or f"exit code {proc.returncode}")
        written = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file())
        missing = sorted(set(fig.files) - set(written))
        extra = sorted(set(written) - set(fig.files))
        if missing or extra:
            msg = "; ".join(filter(None, [missing and f"did not write {missing}", extra and f"wrote undeclared {extra}"]))
            return Result(fig, "failed", time.perf_counter() - start, msg)
        for name in fig.files:
            dest = out_dir / fig.group / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(work / name, dest)  # same filesystem: atomic per file
        seconds = time.perf_counter() - start
        write_atomic(stamp_path(out_dir, fig), json.dumps({"hash": digest, "seconds": round(seconds, 2),
                                                          "quality": quality.name}))
        return Result(fig, "built", seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_orphaned_work(tmp: Path) -> None:
    """Delete the work folders of builds that were killed; leave those of builds still running."""
    for folder in tmp.glob("*") if tmp.is_dir() else []:
        if not (folder.name.isdigit() and _pid_alive(int(folder.name))):
            shutil.rmtree(folder, ignore_errors=True)


def build(figures: list[Figure], quality: Quality, out_dir: Path = FIGURES_DIR, jobs: int | None = None,
          force: bool = False, progress=None) -> list[Result]:
    """Build `figures` (skipping current ones unless `force`); returns one Result per figure.

    `progress`, if given, is called with each Result as it completes (the CLI draws its bar with it).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_orphaned_work(out_dir / ".tmp")
    results, todo = [], []
    for fig in figures:
        digest = fingerprint.figure_hash(fig.source, quality)
        if not force and is_current(out_dir, fig, digest):
            results.append(Result(fig, "cached", 0.0))
            progress and progress(results[-1])
        else:
            todo.append((fig, digest))
    env = _worker_env(min(jobs, max(1, len(todo))))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build_one, fig, quality, out_dir, digest, env) for fig, digest in todo]
        for fut in as_completed(futures):
            results.append(fut.result())
            progress and progress(results[-1])
    shutil.rmtree(out_dir / ".tmp" / str(os.getpid()), ignore_errors=True)
    return sorted(results, key=lambda r: r.figure.id)


def write_manifest(all_figures: list[Figure], out_dir: Path = FIGURES_DIR) -> Path:
    """`manifest.json`: one entry per figure that is built (stamp present and files on disk)."""
    entries = []
    for fig in all_figures:
        stamp = read_stamp(out_dir, fig)
        if not stamp or not all(p.is_file() for p in fig.outputs(out_dir)):
            continue
        entries.append({
            "id": fig.id, "title": fig.title, "kind": fig.kind, "reproduces": fig.reproduces,
            "files": [f"{fig.group}/{f}" for f in fig.files],
            "source": str(fig.source.relative_to(ROOT)) if fig.source.is_relative_to(ROOT) else str(fig.source),
            "hash": stamp["hash"], "seconds": stamp["seconds"], "quality": stamp.get("quality"),
        })
    path = out_dir / "manifest.json"
    text = json.dumps({"figures": entries}, indent=1) + "\n"
    if not path.is_file() or path.read_text() != text:  # unchanged: keep its mtime (make's site rule)
        write_atomic(path, text)
    return path


def clean(out_dir: Path = FIGURES_DIR) -> None:
    """Remove every built figure, stamp and the manifest."""
    shutil.rmtree(out_dir, ignore_errors=True)

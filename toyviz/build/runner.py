"""Build figures: skip the up-to-date ones, run the rest in parallel worker processes, and move each
figure's files into place only when its script succeeded.

Sturdiness, in order of what can go wrong:
- each figure runs in its own process (`toyviz.build.worker`), so a crash, a leak or a hung import
  affects that figure alone; a failure is reported and the others go on (exit code 1 at the end);
- a worker writes into a private temporary folder; the files are renamed into `docs/figures/` only
  after the script returned and wrote exactly the files it declared; the stamp (its hash) is written
  last, so a build killed at any point leaves no partial file and the next build redoes just the
  figures that had not finished;
- the manifest is rewritten (atomically) from the stamps at the end of every build, interrupted or not;
- Ctrl-C or SIGTERM kills the running workers (each in its own process group, so whatever they started
  goes too), drops the queued figures, removes the build's work folder and re-raises: the figures that
  had finished stay built, the others are left as they were;
- `clean` removes only what a toyviz manifest lists, inside the folder that holds it.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from toyviz import output, theme
from toyviz.build import fingerprint
from toyviz.build.registry import Figure
from toyviz.paths import in_project, project_root
from toyviz.processes import Workers, pid_alive
from toyviz.quality import Quality

FIGURES_DIR = in_project("docs", "figures")
MANIFEST = "manifest.json"


@dataclass
class Result:
    figure: Figure
    status: str          # "built", "cached" or "failed"
    seconds: float
    error: str = ""


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
    env.pop(theme.ENV, None)     # the site's figures are drawn light (stills get their dark variant in save)
    return env


def build_one(fig: Figure, quality: Quality, out_dir: Path, digest: str, env: dict,
              workers: Workers | None = None) -> Result:
    """Run one figure's script in a worker process and move its files into place."""
    start = time.perf_counter()
    if fig.error:
        return Result(fig, "failed", 0.0, fig.error)
    workers = workers or Workers()
    tmp_root = out_dir / ".tmp" / str(os.getpid())  # this build's own; others may run beside it
    tmp_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=tmp_root, prefix=fig.id.replace("/", "__") + "-"))
    try:
        code, stdout, stderr = workers.run(
            [sys.executable, "-m", "toyviz.build.worker", str(fig.source), str(work), quality.name], env,
            cwd=project_root())
        if code != 0:
            tail = "\n".join((stderr or stdout).strip().splitlines()[-15:])
            return Result(fig, "failed", time.perf_counter() - start, tail or f"exit code {code}")
        written = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file())
        missing = sorted(set(fig.files) - set(written))
        extra = sorted(set(written) - set(fig.files))
        if missing or extra:
            msg = "; ".join(filter(None, [missing and f"did not write {missing}", extra and f"wrote undeclared {extra}"]))
            return Result(fig, "failed", time.perf_counter() - start, msg)
        for name in fig.files:
            output.move_into_place(work / name, out_dir / fig.group / name, parents=True)
        seconds = time.perf_counter() - start
        output.write_json(stamp_path(out_dir, fig), {"hash": digest, "seconds": round(seconds, 2),
                                                     "quality": quality.name}, parents=True)
        return Result(fig, "built", seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove_orphaned_work(tmp: Path) -> None:
    """Delete the work folders of builds that were killed; leave those of builds still running."""
    for folder in tmp.glob("*") if tmp.is_dir() else []:
        if not (folder.name.isdigit() and pid_alive(int(folder.name))):
            shutil.rmtree(folder, ignore_errors=True)


def build(figures: list[Figure], quality: Quality, out_dir: Path = FIGURES_DIR, jobs: int | None = None,
          force: bool = False, progress=None) -> list[Result]:
    """Build `figures` (skipping current ones unless `force`); returns one Result per figure.

    `progress`, if given, is called with each Result as it completes (the CLI draws its bar with it).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    check_out(out_dir)
    _remove_orphaned_work(out_dir / ".tmp")
    results, todo = [], []
    for fig in figures:
        if fig.error:
            todo.append((fig, ""))
            continue
        digest = fingerprint.figure_hash(fig.source, quality)
        if not force and is_current(out_dir, fig, digest):
            results.append(Result(fig, "cached", 0.0))
            progress and progress(results[-1])
        else:
            todo.append((fig, digest))
    env = _worker_env(min(jobs, max(1, len(todo))))
    workers = Workers()
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = [pool.submit(build_one, fig, quality, out_dir, digest, env, workers) for fig, digest in todo]
        for fut in as_completed(futures):
            results.append(fut.result())
            progress and progress(results[-1])
    except BaseException:            # Ctrl-C, SIGTERM: stop now, not after the queue drains
        workers.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        shutil.rmtree(out_dir / ".tmp" / str(os.getpid()), ignore_errors=True)
        with contextlib.suppress(OSError):
            (out_dir / ".tmp").rmdir()  # only if no other build is using it
    return sorted(results, key=lambda r: r.figure.id)


def check_out(out_dir: Path) -> None:
    """Make `out_dir` (its parent must exist) or raise a one-line `OutputError` if it cannot hold
    figures (a file, under a file, read-only, missing parent)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise output.OutputError(f"--out {out_dir} is a file, not a folder")
    if not out_dir.exists():
        output.check_target(out_dir)             # its folder exists and is writable
        out_dir.mkdir()
    output.check_target(out_dir / MANIFEST)


def write_manifest(all_figures: list[Figure], out_dir: Path = FIGURES_DIR) -> Path:
    """`manifest.json`: one entry per figure that is built (stamp present and files on disk)."""
    entries = []
    root = project_root()
    for fig in all_figures:
        if fig.error:
            continue
        stamp = read_stamp(out_dir, fig)
        if not stamp or not all(p.is_file() for p in fig.outputs(out_dir)):
            continue
        entries.append({
            "id": fig.id, "title": fig.title, "kind": fig.kind, "reproduces": fig.reproduces,
            "files": [f"{fig.group}/{f}" for f in fig.files],
            "source": str(fig.source.relative_to(root)) if root and fig.source.is_relative_to(root) else str(fig.source),
            "hash": stamp["hash"], "seconds": stamp["seconds"], "quality": stamp.get("quality"),
        })
    path = out_dir / MANIFEST
    text = output.dumps({"generator": "toyviz", "figures": entries}, indent=1) + "\n"
    if not path.is_file() or path.read_text() != text:  # unchanged: keep its mtime (make's site rule)
        output.write_text(path, text)
    return path


def read_manifest(out_dir: Path) -> list[dict]:
    """The entries of the toyviz manifest in `out_dir`; `ValueError` if there is none."""
    path = Path(out_dir) / MANIFEST
    try:
        data = json.loads(path.read_text())
        entries = data["figures"]
        if not all(isinstance(e["id"], str) and isinstance(e["files"], list) for e in entries):
            raise TypeError
    except FileNotFoundError:
        raise ValueError(f"{out_dir} holds no toyviz manifest ({MANIFEST}); nothing removed") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise ValueError(f"{path} is not a toyviz manifest; nothing removed") from None
    return entries


def clean(out_dir: Path = FIGURES_DIR) -> dict:
    """Remove what the manifest in `out_dir` lists (figure files, their stamps), the build's own
    bookkeeping (`.stamps/`, `.tmp/`) and the manifest; then the folders left empty. Refuses a
    folder without a toyviz manifest, and any listed path that would leave `out_dir`. Returns counts
    of what was removed and what was kept."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"--out {out_dir} is a file, not a figure folder; nothing removed")
    entries = read_manifest(out_dir)
    base = out_dir.resolve()
    files = []
    for entry in entries:
        for rel in entry["files"]:
            path = (out_dir / rel)
            if Path(rel).is_absolute() or not path.resolve().is_relative_to(base) or path.resolve() == base:
                raise ValueError(f"{out_dir / MANIFEST} lists {rel!r}, outside {out_dir}; nothing removed")
            files.append(path)
    output.check_target(out_dir / MANIFEST)   # read-only: say so before removing anything
    removed = 0
    try:
        for path in files:
            if path.is_file() or path.is_symlink():
                path.unlink()
                removed += 1
        for folder in (out_dir / ".stamps", out_dir / ".tmp"):
            if folder.is_dir():
                shutil.rmtree(folder)
        (out_dir / MANIFEST).unlink()
    except OSError as e:
        raise output.OutputError(f"cannot clean {out_dir}: {e.strerror or e} ({e.filename})") from None
    for folder in sorted({p.parent for p in files}, key=lambda p: -len(p.parts)):
        while folder != out_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    kept = sum(1 for p in out_dir.rglob("*") if p.is_file())
    if not kept and not any(out_dir.iterdir()):
        out_dir.rmdir()
    return {"figures": len(entries), "files": removed, "kept": kept}

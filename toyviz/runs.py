"""The run cache: a config's hash → the arrays its run produced, as one `.npz` on disk.

Figures reuse a training run instead of retraining it: `cached(config, compute)` returns the stored
arrays when a run of the same config (and the same code) exists, and computes otherwise. The key
hashes the config's fields *and* the code that computes it: the files `compute` can reach
(`toyviz.sources.function_files`: its own module, the functions it closes over, the toyviz modules
those import), without their docstrings. So rewording a docstring reuses every run, changing the
arithmetic of a module recomputes exactly the runs that reach it, and no key needs a hand-bumped
version string. A run is computed under an exclusive lock on its key, so figures built
in parallel that need the same run train it once: the second waits and then reads the first one's file.

A cache is never a reason to fail. Each entry carries a checksum of its arrays (names, dtypes,
shapes, bytes) and the code hash of every file that computed it (`toyviz cache prune` keeps an
entry while all of those files still have that code); an entry that cannot be read for any
reason (truncated, emptied, damaged mid-file, other arrays than it was written with, written by an
older toyviz) is a miss, reported in one line on stderr, recomputed and replaced atomically; entries
keyed another way (an older toyviz's) are simply never found, and `prune` removes them. A cache
folder that cannot be written (read-only, full) costs the reuse, never the result. Entries are loaded
with `allow_pickle=False`.

The cache lives in `<cache root>/runs/<engine>/` (`toyviz.paths.cache_root`).
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

from toyviz import output, sources
from toyviz.paths import cache_root

ENGINES = ("toy", "ica")
_CHECK, _CODE = "__check__", "__code__"   # bookkeeping arrays stored beside a run's own


def cache_dir() -> Path:
    """Where runs are stored (`<cache root>/runs`)."""
    return cache_root() / "runs"


def use_numba_cache() -> None:
    """Keep numba's compiled code beside the runs (`<cache root>/numba`) unless NUMBA_CACHE_DIR says
    otherwise; call before numba is imported."""
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_root() / "numba"))


def code_of(compute: Callable, config) -> dict[str, str]:
    """{file label: code hash} of every file that computes `config`'s run through `compute` (this
    module, the cache itself, is not part of any run)."""
    files = sources.function_files(compute, type(config), skip=[Path(__file__).resolve()])
    return {sources.label(f): sources.file_digest(f, code_only=True) for f in files}


def config_key(config, engine: str, code: Mapping[str, str]) -> str:
    """The cache key of a frozen-dataclass config run by the engine `engine` with `code` (`code_of`)."""
    payload = json.dumps(
        {"type": type(config).__qualname__, "fields": dataclasses.asdict(config), "engine": engine,
         "code": dict(code)},
        sort_keys=True, default=repr,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def checksum(arrays: Mapping[str, np.ndarray]) -> str:
    """sha256 over every array's name, dtype, shape and bytes, in name order."""
    h = hashlib.sha256()
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(f"{name}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def save_npz(path: Path, arrays: Mapping[str, np.ndarray], code: Mapping[str, str]) -> None:
    """Write `arrays` (plus their checksum and the `code` that computed them) to `path` atomically."""
    arrays = {k: np.asarray(v) for k, v in arrays.items()}
    with output.atomic_file(path, "wb", parents=True) as f:
        np.savez(f, **arrays, **{_CHECK: np.array(checksum(arrays)), _CODE: np.array(json.dumps(code))})


class DamagedEntry(Exception):
    """A cache entry whose contents are not what was written."""


def load_npz(path: Path) -> dict[str, np.ndarray]:
    """Read and verify arrays written by `save_npz` (never unpickles); raises on anything wrong."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    stored = arrays.pop(_CHECK, None)
    arrays.pop(_CODE, None)
    if stored is None:
        raise DamagedEntry("no checksum (written by an older toyviz)")
    if str(stored) != checksum(arrays):
        raise DamagedEntry("checksum mismatch (other arrays than were written)")
    return arrays


def entry_code(path: Path) -> dict[str, str] | None:
    """{file label: code hash} an entry was computed with (None if unreadable or absent)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            code = json.loads(str(data[_CODE]))
        return code if isinstance(code, dict) and code else None
    except Exception:  # noqa: BLE001 - any damage means "not current"
        return None


def is_current(path: Path) -> bool:
    """Whether the code as it is now would compute this entry the same way (`toyviz cache prune`
    keeps it): every file it was computed from still exists with the same code."""
    code = entry_code(path) if path.parent.name in ENGINES else None
    if code is None:
        return False
    try:
        return all(sources.file_digest(sources.unlabel(f), code_only=True) == h for f, h in code.items())
    except (OSError, SyntaxError, ValueError):
        return False


def _say(message: str) -> None:
    print(f"toyviz: run cache: {message}", file=sys.stderr, flush=True)


@contextmanager
def _lock(path: Path):
    """An exclusive advisory lock (released when the holder exits, even if it is killed); when the
    cache folder cannot be written, no lock (and no reuse) rather than a failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        f = open(path.with_suffix(".lock"), "w")
    except OSError:
        yield False
        return
    with f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def cached(config, compute: Callable[[], Mapping[str, np.ndarray]], engine: str,
           refresh: bool = False) -> dict[str, np.ndarray]:
    """Return the arrays of `config`'s run, computing and storing them on a miss.

    Args:
        config: a frozen dataclass whose fields fully determine the run (seed included).
        compute: called on a miss; returns a mapping of name → array (no object arrays).
        engine: the engine that runs it ("toy", "ica"): the folder it is stored in.
        refresh: recompute even when a stored run exists.
    """
    code = code_of(compute, config)
    path = cache_dir() / engine / f"{config_key(config, engine, code)}.npz"
    with _lock(path) as writable:
        if path.exists() and not refresh:
            try:
                return load_npz(path)
            except Exception as e:  # noqa: BLE001 - any failure to read is a miss, never a failure
                _say(f"{path} unreadable ({type(e).__name__}: {str(e)[:80]}); recomputing")
        arrays = {k: np.asarray(v) for k, v in compute().items()}
        if writable:
            try:
                save_npz(path, arrays, code)
            except output.OutputError as e:
                _say(f"not stored ({e})")
    return arrays

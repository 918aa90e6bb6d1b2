"""The run cache: a config's hash → the arrays its run produced, as one `.npz` on disk.

Figures reuse a training run instead of retraining it: `cached(config, train)` returns the stored
arrays when a run of the same config (and the same engine code) exists, and trains otherwise. The key
hashes the config's fields *and* the source of the engine package that produced it, so editing the
engine invalidates its runs. A run is computed under an exclusive lock on its key, so figures built
in parallel that need the same run train it once: the second waits and then reads the first one's file.

A cache is never a reason to fail. Each entry carries a checksum of its arrays (names, dtypes,
shapes, bytes) and the hash of the engine source that wrote it; an entry that cannot be read for any
reason (truncated, emptied, damaged mid-file, other arrays than it was written with, written by an
older toyviz) is a miss, reported in one line on stderr, recomputed and replaced atomically. A
cache folder that cannot be written (read-only, full) costs the reuse, never the result.
Entries are loaded with `allow_pickle=False`.

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
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

from toyviz import output
from toyviz.paths import PACKAGE_DIR, cache_root

ENGINES = ("toy", "ica")
_CHECK, _ENGINE = "__check__", "__engine__"   # bookkeeping arrays stored beside a run's own


def cache_dir() -> Path:
    """Where runs are stored (`<cache root>/runs`)."""
    return cache_root() / "runs"


def use_numba_cache() -> None:
    """Keep numba's compiled code beside the runs (`<cache root>/numba`) unless NUMBA_CACHE_DIR says
    otherwise; call before numba is imported."""
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_root() / "numba"))


@lru_cache(maxsize=None)
def _source_hash(packages: tuple[str, ...], stamp: tuple) -> str:
    h = hashlib.sha256()
    for name in packages:
        for path in sorted((PACKAGE_DIR / name).rglob("*.py")):
            h.update(str(path.relative_to(PACKAGE_DIR)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def source_hash(*packages: str) -> str:
    """sha256 of every `.py` file under the named toyviz subpackages (e.g. "toy"), in a stable order."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for name in packages for p in sorted((PACKAGE_DIR / name).rglob("*.py")))
    return _source_hash(packages, stamp)


def config_key(config, engine: str) -> str:
    """The cache key of a frozen-dataclass config run by the engine subpackage `engine`."""
    fields = dataclasses.asdict(config)
    payload = json.dumps(
        {"type": type(config).__qualname__, "fields": fields, "engine": source_hash(engine)},
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


def save_npz(path: Path, arrays: Mapping[str, np.ndarray], engine: str) -> None:
    """Write `arrays` (plus their checksum and the engine's source hash) to `path` atomically."""
    arrays = {k: np.asarray(v) for k, v in arrays.items()}
    with output.atomic_file(path, "wb", parents=True) as f:
        np.savez(f, **arrays, **{_CHECK: np.array(checksum(arrays)), _ENGINE: np.array(source_hash(engine))})


class DamagedEntry(Exception):
    """A cache entry whose contents are not what was written."""


def load_npz(path: Path) -> dict[str, np.ndarray]:
    """Read and verify arrays written by `save_npz` (never unpickles); raises on anything wrong."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    stored = arrays.pop(_CHECK, None)
    arrays.pop(_ENGINE, None)
    if stored is None:
        raise DamagedEntry("no checksum (written by an older toyviz)")
    if str(stored) != checksum(arrays):
        raise DamagedEntry("checksum mismatch (other arrays than were written)")
    return arrays


def entry_engine(path: Path) -> str | None:
    """The engine source hash an entry was written with (None if unreadable or absent)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return str(data[_ENGINE]) if _ENGINE in data.files else None
    except Exception:  # noqa: BLE001 - any damage means "not current"
        return None


def is_current(path: Path) -> bool:
    """Whether the code as it is now could have written this entry (`toyviz cache prune` keeps it)."""
    engine = path.parent.name
    return engine in ENGINES and entry_engine(path) == source_hash(engine)


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
        engine: the toyviz subpackage that runs it ("toy", "ica"); its source is part of the key.
        refresh: recompute even when a stored run exists.
    """
    path = cache_dir() / engine / f"{config_key(config, engine)}.npz"
    with _lock(path) as writable:
        if path.exists() and not refresh:
            try:
                return load_npz(path)
            except Exception as e:  # noqa: BLE001 - any failure to read is a miss, never a failure
                _say(f"{path} unreadable ({type(e).__name__}: {str(e)[:80]}); recomputing")
        arrays = {k: np.asarray(v) for k, v in compute().items()}
        if writable:
            try:
                save_npz(path, arrays, engine)
            except output.OutputError as e:
                _say(f"not stored ({e})")
    return arrays

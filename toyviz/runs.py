"""The run cache: a config's hash → the arrays its run produced, as one `.npz` on disk.

Figures reuse a training run instead of retraining it: `cached(config, train)` returns the stored
arrays when a run of the same config (and the same engine code) exists, and trains otherwise. The key
hashes the config's fields *and* the source of the engine package that produced it, so editing the
engine invalidates its runs. Files are written to a temporary name and renamed, so a killed run leaves
no partial file; they are loaded with `allow_pickle=False`. A run is computed under an exclusive
lock on its key, so figures built in parallel that need the same run train it once: the second
waits and then reads the first one's file.

The cache lives in `.cache/runs/` at the project's root, or wherever `TOYVIZ_CACHE` points.
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where runs are stored (`$TOYVIZ_CACHE/runs` or `<project>/.cache/runs`)."""
    root = os.environ.get("TOYVIZ_CACHE")
    base = Path(root) if root else PACKAGE_DIR.parent / ".cache"
    return base / "runs"


def use_numba_cache() -> None:
    """Keep numba's compiled code beside the runs (`<cache>/numba`, git-ignored) unless
    NUMBA_CACHE_DIR says otherwise; call before numba is imported."""
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_dir().parent / "numba"))


def source_hash(*packages: str) -> str:
    """sha256 of every `.py` file under the named toyviz subpackages (e.g. "toy"), in a stable order."""
    h = hashlib.sha256()
    for name in packages:
        for path in sorted((PACKAGE_DIR / name).rglob("*.py")):
            h.update(str(path.relative_to(PACKAGE_DIR)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def config_key(config, engine: str) -> str:
    """The cache key of a frozen-dataclass config run by the engine subpackage `engine`."""
    fields = dataclasses.asdict(config)
    payload = json.dumps(
        {"type": type(config).__qualname__, "fields": fields, "engine": source_hash(engine)},
        sort_keys=True, default=repr,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def save_npz(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Write `arrays` to `path` atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **{k: np.asarray(v) for k, v in arrays.items()})
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_npz(path: Path) -> dict[str, np.ndarray]:
    """Read arrays written by `save_npz` (never unpickles)."""
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


@contextmanager
def _lock(path: Path):
    """An exclusive advisory lock (released when the holder exits, even if it is killed)."""
    lock = path.with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
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
    with _lock(path):
        if path.exists() and not refresh:
            try:
                return load_npz(path)
            except (OSError, ValueError):  # unreadable leftovers are recomputed, not trusted
                path.unlink(missing_ok=True)
        arrays = {k: np.asarray(v) for k, v in compute().items()}
        save_npz(path, arrays)
    return arrays

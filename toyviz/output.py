"""Writing files: the one atomic writer of the package, and strict JSON.

Everything toyviz writes (reports, the manifest and stamps, cached runs, rendered videos) goes
through `atomic_file` (or the helpers built on it): the bytes go to a hidden `.tmp-*` file in the
target's own folder, which is renamed over the target only when complete, and removed on every other
path (an error, Ctrl-C, a full disk). Files get the usual permissions (0644 under a 022 umask), not
the 0600 of a bare `mkstemp`.

A target that cannot be written (a folder, a path under a file, a missing or read-only folder, a
name too long, a full disk) raises `OutputError`, a `ValueError` the command line reports as one
line with exit code 2. Missing parent folders are an error, never created behind the user's back,
unless the caller owns the folder (`parents=True`: caches, the figure folder).

JSON is strict (RFC 8259 has no NaN or Infinity). The convention, everywhere toyviz writes JSON: a
non-finite number becomes `null`, and the dict that holds it gains `"<key>_reason"` saying why
(`"non-finite (nan)"`, or for a list `"non-finite entries shown as null (3 of 10)"`). A caller that
knows the cause better sets its own `<key>_reason` (e.g. `"every seed diverged"`); it is kept.
"""
from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import shutil
import tempfile
from pathlib import Path


class OutputError(ValueError):
    """A file that cannot be written where the user asked: one line, exit code 2."""


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _reason(e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return "no space left on the device"
    if e.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return e.strerror or str(e)


def check_target(path, parents: bool = False) -> Path:
    """Raise `OutputError` unless a file can be written at `path` (probed for real: root passes
    `os.access` everywhere). Call it before long work, so a bad `--json` fails in a second."""
    if not str(path).strip():
        raise OutputError("the output path is empty")
    path = Path(path)
    try:
        _check(path, parents)
    except OSError as e:   # anything the checks themselves hit (a name too long for stat, ...)
        raise OutputError(f"cannot write {path}: {_reason(e)}") from None
    return path


def _check(path: Path, parents: bool) -> None:
    folder = path.absolute().parent
    if len(path.name.encode()) > 255:     # NAME_MAX of every common Linux file system
        raise OutputError(f"cannot write {path}: file name too long ({len(path.name.encode())} > 255 bytes)")
    if parents:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"cannot create folder {folder}: {_reason(e)}") from None
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    for above in (folder, *folder.parents):
        if above.exists():
            if not above.is_dir():
                raise OutputError(f"cannot write {path}: {above} is a file, not a folder")
            break
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist (create it first)")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-probe-"):
            pass
    except OSError as e:
        raise OutputError(f"cannot write {path}: {_reason(e)}") from None


@contextlib.contextmanager
def atomic_file(path, mode: str = "wb", parents: bool = False):
    """Open a hidden temporary file beside `path` for writing; on a clean exit it replaces `path`.

    Args:
        path: the target file.
        mode: "wb" or "w" (text, UTF-8).
        parents: create missing parent folders (only for folders toyviz owns).
    """
    path = check_target(path, parents=parents)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.absolute().parent, prefix=".tmp-", suffix=path.suffix[:16])
    except OSError as e:
        raise OutputError(f"cannot write {path}: {_reason(e)}") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(e)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path, data: bytes, parents: bool = False) -> Path:
    with atomic_file(path, "wb", parents=parents) as f:
        f.write(data)
    return Path(path)


def write_text(path, text: str, parents: bool = False) -> Path:
    with atomic_file(path, "w", parents=parents) as f:
        f.write(text)
    return Path(path)


def move_into_place(produced, path, parents: bool = False) -> Path:
    """Move a finished file to `path`: renamed into a hidden name beside it (copied when it lies on
    another file system), then renamed over `path`; nothing is left half-way on any path."""
    path = check_target(path, parents=parents)
    tmp = path.absolute().parent / f".tmp-{os.getpid()}-{os.urandom(4).hex()}{path.suffix[:16]}"
    try:
        try:
            os.replace(produced, tmp)
        except OSError as e:
            if e.errno != errno.EXDEV:
                raise
            shutil.copyfile(produced, tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(e)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


# ------------------------------------------------------------------------------------- strict JSON
def _non_finite(x) -> bool:
    if isinstance(x, float) or type(x).__module__ == "numpy" and hasattr(x, "dtype") and x.dtype.kind == "f":
        return not math.isfinite(float(x))
    return False


def _plain(x):
    """Python scalars for numpy scalars and arrays (json cannot encode them)."""
    if type(x).__module__ == "numpy":
        return x.tolist() if hasattr(x, "tolist") else x
    return x


def strict(obj):
    """A copy of `obj` that strict JSON can hold: non-finite numbers → null, with `<key>_reason`."""
    obj = _plain(obj)
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            value = _plain(value)
            if _non_finite(value):
                out[key] = None
                out.setdefault(f"{key}_reason", f"non-finite ({float(value)})")
            elif isinstance(value, (list, tuple)):
                bad = sum(_non_finite(v) for v in _flat(value))
                out[key] = strict(value)
                if bad:
                    out.setdefault(f"{key}_reason",
                                   f"non-finite entries shown as null ({bad} of {sum(1 for _ in _flat(value))})")
            else:
                out[key] = strict(value)
        for key in obj:   # a reason the caller wrote itself wins over the generic one
            if str(key).endswith("_reason"):
                out[key] = obj[key]
        return out
    if isinstance(obj, (list, tuple)):
        return [None if _non_finite(v) else strict(v) for v in map(_plain, obj)]
    if _non_finite(obj):
        return None
    if type(obj).__module__ == "numpy":
        return obj.item()
    return obj


def _flat(values):
    for v in values:
        v = _plain(v)
        if isinstance(v, (list, tuple)):
            yield from _flat(v)
        elif not isinstance(v, dict):
            yield v


def dumps(obj, **kwargs) -> str:
    """`json.dumps` of `strict(obj)`; raises if anything non-finite slipped through."""
    return json.dumps(strict(obj), allow_nan=False, **kwargs)


def write_json(path, obj, parents: bool = False, **kwargs) -> Path:
    """Strict JSON, written atomically (kwargs go to `json.dumps`, e.g. indent=1)."""
    return write_text(path, dumps(obj, **kwargs) + "\n", parents=parents)

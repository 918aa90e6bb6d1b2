"""Fixtures of the fault suite (helpers in faultkit.py, importable from the tests: `from faultkit import ...`)."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from faultkit import ROOT, _mount_tmpfs, _umount, figure_script  # noqa: E402


@pytest.fixture
def figures(tmp_path):
    """A folder of three good fake figure scripts, an output folder and a cache folder."""
    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    for name in ("alpha", "beta", "gamma"):
        figure_script(src, name)
    return src, out, cache


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A checkout-shaped copy of the project (package, figure scripts, pyproject, a `.git` marker)."""
    copy = tmp_path_factory.mktemp("project") / "toyviz-copy"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("toyviz", "figures_src"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "Makefile"):
        shutil.copy2(ROOT / name, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")   # reveal.js for the deck
    (copy / ".git").mkdir()
    (copy / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return copy


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder nobody can write: a read-only tmpfs as root, else a chmod 555 folder."""
    where = tmp_path / "ro"
    where.mkdir()
    if _mount_tmpfs(where, "ro,size=1m"):
        try:
            yield where
        finally:
            _umount(where)
    elif os.geteuid() != 0:
        where.chmod(0o555)
        yield where
        where.chmod(0o755)
    else:
        pytest.skip("root without mount: no way to make a read-only folder")


@pytest.fixture
def full_dir(tmp_path, monkeypatch, request):
    """A folder on a full disk: a 256 kB tmpfs filled up (as root), else ENOSPC simulated at the
    atomic writer's write (in-process calls only). Yields (folder, real)."""
    where = tmp_path / "full"
    where.mkdir()
    if _mount_tmpfs(where, "size=256k"):
        request.addfinalizer(lambda: _umount(where))
        try:
            with open(where / "filler", "wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:   # full: exactly what we wanted
            pass
        yield where, True
    else:
        import errno

        import toyviz.output as output
        real_fdopen = output.os.fdopen

        class Full:
            def __init__(self, f):
                self.f = f

            def write(self, data):
                raise OSError(errno.ENOSPC, "No space left on device")

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

            def __getattr__(self, name):
                return getattr(self.f, name)

        monkeypatch.setattr(output.os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
        yield where, False


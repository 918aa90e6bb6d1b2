"""Where toyviz finds its project and keeps its caches: decided here, once, for every command.

toyviz runs either from a checkout of its repository (the package folder sits beside the project's
`pyproject.toml` and `.git`) or installed (e.g. a wheel in site-packages). In a checkout the caches
live in `<checkout>/.cache/`, git-ignored, as they always have; installed, they go to the user's cache
folder by platformdirs' convention (`~/.cache/toyviz` on Linux), never next to the package's own files.
`TOYVIZ_CACHE` overrides both.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def project_root() -> Path | None:
    """The checkout that holds this package, or None when toyviz is installed elsewhere."""
    root = PACKAGE_DIR.parent
    pyproject = root / "pyproject.toml"
    try:
        is_ours = 'name = "toyviz"' in pyproject.read_text()
    except OSError:
        return None
    return root if is_ours and (root / ".git").exists() else None


def in_project(*parts: str) -> Path:
    """`<checkout>/parts...`, or `parts...` relative to the current folder when installed (the
    defaults of `--src`, `--out`: a checkout's own folders, else the user's working folder)."""
    root = project_root()
    return root.joinpath(*parts) if root else Path(*parts)


def cache_root() -> Path:
    """The folder of every toyviz cache: `$TOYVIZ_CACHE`, `<checkout>/.cache`, or the user cache dir."""
    env = os.environ.get("TOYVIZ_CACHE")
    if env:
        return Path(env)
    root = project_root()
    if root is not None:
        return root / ".cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("toyviz", appauthor=False))

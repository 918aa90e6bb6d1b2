"""A figure's content hash: what, if changed, must rebuild it.

sphinx-gallery hashes only the script, so a library change leaves figures stale. Ours hashes
- the script's bytes,
- the toyviz modules it imports, followed transitively through their own imports (so editing the
  engine a figure uses rebuilds it, while editing an unrelated module does not),
- the quality preset's fields,
- the versions of the libraries that shape the output (torch, numpy, numba, matplotlib, manim).

Imports are read with `ast`; importing a package (`import toyviz.toy`) counts its `__init__.py` and
whatever that imports. A dynamic import by string is invisible here, so figure scripts import toyviz
modules statically.
"""
from __future__ import annotations

import ast
import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from toyviz.quality import Quality

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # .../toyviz
LIBRARIES = ("torch", "numpy", "numba", "matplotlib", "manim")


def _module_file(name: str) -> Path | None:
    """The file of toyviz module `name` ("toyviz.toy.train"), or None if it is not toyviz's."""
    parts = name.split(".")
    if parts[0] != "toyviz":
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_names(path: Path) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    here = _module_name(path).split(".") if path.is_relative_to(PACKAGE_DIR) else []
    package = here if path.name == "__init__.py" else here[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)  # `from pkg import submodule`
    return names


def _direct_deps(path: Path) -> frozenset[Path]:
    st = path.stat()
    return _direct_deps_cached(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=None)
def _direct_deps_cached(path: Path, mtime_ns: int, size: int) -> frozenset[Path]:
    """Keyed on the file's stat too, so an edited file is parsed again."""
    deps = set()
    for name in _imported_names(path):
        parts = name.split(".")
        for i in range(2, len(parts) + 1):  # a submodule import also runs its parents' __init__
            f = _module_file(".".join(parts[:i]))
            if f is not None:
                deps.add(f)
    return frozenset(deps)


def toyviz_dependencies(script: Path) -> list[Path]:
    """Every toyviz source file `script` depends on through static imports, sorted."""
    seen: set[Path] = set()
    todo = list(_direct_deps(Path(script)))
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(_direct_deps(f))
    return sorted(seen)


def library_versions() -> dict[str, str]:
    out = {}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "absent"
    return out


def figure_hash(script: Path, quality: Quality) -> str:
    """The hex sha256 of everything that shapes `script`'s output at `quality`."""
    h = hashlib.sha256()
    h.update(Path(script).read_bytes())
    for dep in toyviz_dependencies(script):
        h.update(str(dep.relative_to(PACKAGE_DIR)).encode())
        h.update(dep.read_bytes())
    h.update(json.dumps({"quality": quality.as_dict(), "versions": library_versions()}, sort_keys=True).encode())
    return h.hexdigest()

"""Which toyviz source files a result depends on, and one hash of them.

Two readers ask this question:
- the figure build (`toyviz.build.fingerprint`) follows a figure script's static imports of toyviz
  modules transitively, through every package `__init__` they pass, and hashes the files' bytes:
  any edit rebuilds the figure;
- the run cache (`toyviz.runs`) keys a run on the modules its computing function can reach and
  hashes their *code* (`code_only`: the syntax tree without docstrings; comments never reach it), so
  rewording a docstring reuses every run while changing arithmetic recomputes the runs that use it.
  It follows `from package import name` to the module that defines `name` rather than through the
  package's `__init__` (which imports every sibling), so a change to one engine module does not
  retrain runs that never call it.

Imports are read with `ast`, never executed; a dynamic import by string is invisible here, so
toyviz modules import each other statically.
"""
from __future__ import annotations

import ast
import hashlib
import inspect
import sysconfig
from functools import lru_cache, partial
from pathlib import Path

from toyviz.paths import PACKAGE_DIR


# ------------------------------------------------------------------------------ module names and files
def module_file(name: str) -> Path | None:
    """The file of toyviz module `name` ("toyviz.toy.train"), or None if it is not toyviz's."""
    parts = name.split(".")
    if parts[0] != "toyviz":
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def module_name(path: Path) -> str | None:
    """The dotted name of a toyviz source file; None for a file outside the package."""
    if not path.is_relative_to(PACKAGE_DIR):
        return None
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _stat(path: Path) -> tuple[Path, int, int]:
    st = path.stat()
    return path, st.st_mtime_ns, st.st_size


@lru_cache(maxsize=None)
def _tree(path: Path, mtime_ns: int, size: int) -> ast.Module:
    """Parsed once per version of the file (its stat is part of the cache key)."""
    return ast.parse(path.read_bytes(), filename=str(path))


def _resolve(node: ast.ImportFrom, path: Path) -> str | None:
    """The absolute module a `from … import` in `path` names (None: relative, outside toyviz)."""
    if not node.level:
        return node.module or ""
    here = (module_name(path) or "").split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    if not package[0]:
        return None
    base = ".".join(package[: len(package) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names) of every import anywhere in `path`, relative imports resolved:
    `import a.b` → ("a.b", ()), `from a import x, y` → ("a", ("x", "y"))."""
    return _imports_cached(*_stat(path))


@lru_cache(maxsize=None)
def _imports_cached(path: Path, mtime_ns: int, size: int) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for node in ast.walk(_tree(path, mtime_ns, size)):
        if isinstance(node, ast.Import):
            out.extend((a.name, ()) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (module := _resolve(node, path)) is not None:
            out.append((module, tuple(a.name for a in node.names)))
    return out


# ------------------------------------------------------------------------------ the figure build's view
def _direct_files(path: Path) -> set[Path]:
    """Every toyviz file importing `path` runs: each module named and the packages above it."""
    deps = set()
    for module, names in _imports(path):
        for name in [module, *(f"{module}.{n}" for n in names)]:   # `from pkg import submodule`
            parts = name.split(".")
            for i in range(2, len(parts) + 1):
                f = module_file(".".join(parts[:i]))
                if f is not None:
                    deps.add(f)
    return deps


def static_dependencies(script: Path) -> list[Path]:
    """Every toyviz source file `script` depends on through static imports, sorted."""
    return _closure([Path(script)], _direct_files, include_roots=False)


# ------------------------------------------------------------------------------ the run cache's view
def _defining_module(module: str, name: str, seen: frozenset = frozenset()) -> str:
    """The module where `from module import name` finds `name` defined: a submodule of that name,
    the module itself when it defines `name`, or (re-exported) the module it imports it from."""
    if module_file(f"{module}.{name}"):
        return f"{module}.{name}"
    path = module_file(module)
    if path is None or (module, name) in seen:
        return module
    source = _reexported_from(name, *_stat(path))
    return module if source is None else _defining_module(*source, seen | {(module, name)})


@lru_cache(maxsize=None)
def _reexported_from(name: str, path: Path, mtime_ns: int, size: int) -> tuple[str, str] | None:
    """(module, original name) that the file `path` imports `name` from at its top level, or None."""
    for node in _tree(path, mtime_ns, size).body:
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                if (a.asname or a.name) == name and (source := _resolve(node, path)) is not None:
                    return source, a.name
    return None


def _reached_files(path: Path) -> set[Path]:
    """The toyviz files whose code `path`'s code can run: each module it imports, and for
    `from m import x` the module that defines x (not m's `__init__` when m only re-exports it)."""
    deps = set()
    for module, names in _imports(path):
        targets = [module] if not names or "*" in names else [_defining_module(module, n) for n in names]
        deps.update(f for t in targets if (f := module_file(t)) is not None)
    deps.discard(path)
    return deps


def function_files(*functions, skip=()) -> list[Path]:
    """The source files a call of `functions` can reach: each function's (or class's) own file, the
    files of the functions it closes over or takes as defaults, and the toyviz modules those import,
    transitively (see `_reached_files`); files in `skip` are neither counted nor followed. Installed
    libraries' functions (a progress bar's `update`) are not counted: they cannot change what is
    computed, and a run must get the same key with or without them."""
    roots, todo, seen = set(), list(functions), set()
    while todo:
        f = todo.pop()
        if isinstance(f, partial):
            todo.extend([f.func, *f.args, *f.keywords.values()])
            continue
        f = getattr(f, "py_func", f) if callable(f) else f   # a numba kernel: its Python function
        f = f.__func__ if inspect.ismethod(f) else f
        if id(f) in seen or not (inspect.isclass(f) or inspect.isfunction(f)):
            continue
        seen.add(id(f))
        file = inspect.getsourcefile(f)
        if file is None or _installed(Path(file).resolve()):
            continue
        roots.add(Path(file).resolve())
        if inspect.isfunction(f):
            todo.extend(c.cell_contents for c in f.__closure__ or () if _has_contents(c))
            todo.extend(f.__defaults__ or ())
    skip = {Path(p) for p in skip}
    return _closure([r for r in roots if r.is_file() and r not in skip],
                    lambda f: _reached_files(f) - skip, include_roots=True)


@lru_cache(maxsize=None)
def _library_folders() -> tuple[Path, ...]:
    paths = sysconfig.get_paths()
    return tuple({Path(paths[k]).resolve() for k in ("stdlib", "platstdlib", "purelib", "platlib")})


def _installed(path: Path) -> bool:
    """A file of the standard library or an installed package other than toyviz."""
    return not path.is_relative_to(PACKAGE_DIR) and any(path.is_relative_to(f) for f in _library_folders())


def _has_contents(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:                                 # an empty cell (a name assigned later)
        return False
    return True


def _closure(roots: list[Path], step, include_roots: bool) -> list[Path]:
    seen: set[Path] = set(roots) if include_roots else set()
    todo = [d for r in roots for d in step(r)]
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(step(f))
    return sorted(seen)


# ------------------------------------------------------------------------------ hashing
@lru_cache(maxsize=None)
def _code_digest(path: Path, mtime_ns: int, size: int) -> str:
    tree = ast.parse(path.read_bytes(), filename=str(path))   # its own tree: `_tree`'s keeps its docstrings
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant) \
                and isinstance(node.body[0].value.value, str):
            node.body = node.body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree, include_attributes=False).encode()).hexdigest()


def file_digest(path: Path, code_only: bool = False) -> str:
    """sha256 of a source file: of its bytes, or with `code_only` of its syntax tree without
    docstrings, positions or comments (so only an edit that can change what it computes counts)."""
    path = Path(path)
    if code_only:
        return _code_digest(*_stat(path))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def label(path: Path) -> str:
    """How a file is named inside a hash: relative to the folder that holds the package (so the same
    in any checkout or install: "toyviz/toy/train.py", "figures_src/…"), else its absolute path."""
    path = Path(path).resolve()
    return path.relative_to(PACKAGE_DIR.parent).as_posix() if path.is_relative_to(PACKAGE_DIR.parent) \
        else str(path)


def unlabel(name: str) -> Path:
    """The file a `label` names."""
    return PACKAGE_DIR.parent / name


def digest(paths) -> str:
    """The one hash of a set of source files (a figure's, the scene modules'): sha256 over each
    file's `label` and `file_digest`, in the given order."""
    h = hashlib.sha256()
    for path in paths:
        h.update(f"{label(path)}\0{file_digest(path)}\0".encode())
    return h.hexdigest()

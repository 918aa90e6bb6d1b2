"""The figure registry: every `figures_src/<group>/<name>.py` and what it declares.

A figure script is gallery-style: its docstring's first line is the title, then a paragraph; at module
level it declares, as literals,

    ID = "opt_failure/latent_zone_intro_1"       # must be "<group>/<name>" of its own path
    KIND = "still"                                # "still", "video" or "data"
    REPRODUCES = "opt_failure/latent_zone_intro_1.png"   # an id of FIGURES.md, or None
    FILES = ["latent_zone_intro_1.png"]          # what it writes, relative to its group's folder

and defines `build(out: pathlib.Path, quality: toyviz.quality.Quality) -> None`, which writes exactly
those files into `out` (a still also writes each PNG's dark variant `NAME.dark.png` through
`toyviz.plot.style.save`; the registry adds those to `files`). The declarations are read with `ast`
(nothing is executed), so listing the figures is instant. A broken script (a syntax error, a missing or wrong declaration, a file another
script also writes) is one figure of kind "broken" carrying its error: `figures list` shows it,
`figures build` reports it failed and builds the others.
"""
from __future__ import annotations

import ast
import difflib
import fnmatch
from dataclasses import dataclass
from pathlib import Path

from toyviz import theme
from toyviz.paths import in_project

FIGURES_SRC = in_project("figures_src")
KINDS = ("still", "video", "data")


@dataclass(frozen=True)
class Figure:
    id: str                  # "<group>/<name>"
    title: str
    kind: str
    reproduces: str | None   # the post figure it regenerates (FIGURES.md id), if any
    files: tuple[str, ...]   # relative to docs/figures/<group>/
    source: Path             # the script
    error: str | None = None  # why the script is broken (kind "broken"), else None

    @property
    def group(self) -> str:
        return self.id.split("/", 1)[0]

    def outputs(self, figures_dir: Path) -> list[Path]:
        return [figures_dir / self.group / f for f in self.files]


class FigureError(ValueError):
    """A figure script whose declarations are missing or wrong."""


def _literal(tree: ast.Module, name: str, path: Path):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                raise FigureError(f"{path}: {name} must be a literal") from None
    raise FigureError(f"{path}: missing {name} = ...")


def read_figure(path: Path) -> Figure:
    """The declarations of one script (raises `FigureError` if they are incomplete or inconsistent)."""
    path = Path(path)
    tree = ast.parse(path.read_text(), filename=str(path))
    doc = ast.get_docstring(tree)
    if not doc:
        raise FigureError(f"{path}: a figure script starts with a docstring whose first line is its title")
    expected = f"{path.parent.name}/{path.stem}"
    fig = Figure(
        id=_literal(tree, "ID", path), title=doc.strip().splitlines()[0].strip(),
        kind=_literal(tree, "KIND", path), reproduces=_literal(tree, "REPRODUCES", path),
        files=with_dark_variants(_literal(tree, "FILES", path), _literal(tree, "KIND", path)), source=path,
    )
    if fig.id != expected:
        raise FigureError(f"{path}: ID is {fig.id!r} but its path makes it {expected!r}")
    if fig.kind not in KINDS:
        raise FigureError(f"{path}: KIND {fig.kind!r} is not one of {KINDS}")
    if not fig.files or any(Path(f).is_absolute() or ".." in Path(f).parts for f in fig.files):
        raise FigureError(f"{path}: FILES must list relative paths inside its group folder")
    if not any(isinstance(n, ast.FunctionDef) and n.name == "build" for n in tree.body):
        raise FigureError(f"{path}: defines no build(out, quality) function")
    return fig


def with_dark_variants(files, kind: str) -> tuple[str, ...]:
    """A still's files, each PNG followed by its dark variant (`toyviz.theme.dark_file`)."""
    if kind != "still" or not isinstance(files, (list, tuple)):
        return tuple(files)
    return tuple(g for f in files for g in ((f, theme.dark_file(f)) if str(f).endswith(".png") else (f,)))


def _broken(path: Path, error: str) -> Figure:
    return Figure(id=f"{path.parent.name}/{path.stem}", title="", kind="broken", reproduces=None,
                  files=(), source=path, error=error)


def _read_or_broken(path: Path) -> Figure:
    try:
        return read_figure(path)
    except FigureError as e:
        return _broken(path, str(e))
    except SyntaxError as e:
        return _broken(path, f"{path}:{e.lineno}: syntax error: {e.msg}")
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as e:
        return _broken(path, f"{path}: {e}")


def discover(src: Path = FIGURES_SRC) -> list[Figure]:
    """Every figure under `src`, sorted by id; files starting with `_` are helpers, not figures.

    Raises `ValueError` when `src` is not a folder of figure scripts (so a mistyped `--src` never
    reads as "no figures")."""
    src = Path(src)
    if not src.is_dir():
        raise ValueError(f"--src {src}: no such folder of figure scripts")
    figures = [_read_or_broken(p) for p in sorted(src.glob("*/*.py")) if not p.name.startswith("_")]
    if not figures:
        raise ValueError(f"--src {src}: holds no figure scripts (<group>/<name>.py)")
    seen: dict[str, Path] = {}
    for i, fig in enumerate(figures):
        clash = [str(out) for out in fig.outputs(Path(".")) if str(out) in seen]
        if clash:
            figures[i] = _broken(fig.source, f"{fig.source} and {seen[clash[0]]} both write {clash[0]}")
            continue
        seen.update({str(out): fig.source for out in fig.outputs(Path("."))})
    return figures


def select(figures: list[Figure], patterns: list[str] | None) -> list[Figure]:
    """The figures whose id (or name) matches any glob in `patterns`; all when `patterns` is empty.

    A pattern that matches nothing raises `ValueError` naming the closest ids.
    """
    if not patterns:
        return figures
    chosen = []
    for pattern in patterns:
        hits = [f for f in figures if fnmatch.fnmatch(f.id, pattern) or fnmatch.fnmatch(f.id.split("/")[1], pattern)]
        if not hits:
            ids = [f.id for f in figures]
            close = difflib.get_close_matches(pattern, ids, n=3, cutoff=0.4)
            close += [i for i in ids if pattern.strip("*") and pattern.strip("*") in i and i not in close][:3]
            hint = f"; closest: {', '.join(close[:3])}" if close else ""
            raise ValueError(f"no figure matches {pattern!r}{hint}")
        chosen += [f for f in hits if f not in chosen]
    return sorted(chosen, key=lambda f: f.id)

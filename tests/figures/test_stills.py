"""Every still as a reader sees it: no label collides with another or is struck through by a line,
spine or arrow, and every text is at least 11 CSS px tall where the site shows the image.

Each figure script is built at smoke quality in this process; `style.BEFORE_SAVE` hands the test the
real Figure just before it is saved. Exceptions, each with its reason, are in label_exceptions.toml.
"""
from __future__ import annotations

import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest

from toyviz import quality
from toyviz.build import registry, worker
from toyviz.plot import style

sys.path.insert(0, str(Path(__file__).parent))
import figlayout  # noqa: E402

STILLS = [f for f in registry.discover() if f.kind == "still"]
EXCEPTIONS = tomllib.loads((Path(__file__).parent / "label_exceptions.toml").read_text())
# The content column at a 1280 px wide window (material's grid, both sidebars shown), measured on the
# built site: `article.md-content__inner` is 688 CSS px wide; an image is shown at most that wide.
COLUMN_PX = 688
MIN_CSS_PX = 11
FINAL_DPI = quality.get("final").dpi


@cache
def layouts(fig_id: str, tmp_root: Path) -> dict[str, figlayout.Layout]:
    """The figure's stills (file name → Layout), built at smoke quality."""
    [fig] = registry.select(STILLS, [fig_id])
    out = tmp_root / fig.id
    out.mkdir(parents=True)
    found = {}

    def inspect(figure, path):
        found[path.name] = figlayout.capture(figure)
    style.BEFORE_SAVE.append(inspect)
    try:
        worker.run(fig.source, out, "smoke")
    finally:
        style.BEFORE_SAVE.remove(inspect)
    return found


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory):
    return tmp_path_factory.mktemp("stills")


def excepted(kind: str, file: str, text: str, other: str) -> bool:
    return any(e["file"] == file and e["text"] == text and e.get("other", "") in ("", other)
               for e in EXCEPTIONS.get(kind, []))


def collisions(file: str, layout: figlayout.Layout) -> list[str]:
    return figlayout.collisions(layout, lambda text, other: excepted("collision", file, text, other))


@pytest.mark.slow
@pytest.mark.parametrize("fig", STILLS, ids=[f.id for f in STILLS])
def test_no_label_collides(fig, tmp_root):
    problems = [f"{file}: {p}" for file, layout in layouts(fig.id, tmp_root).items() for p in collisions(file, layout)]
    figlayout.verdict(EXCEPTIONS["pending"], "collision", fig.id, problems)


@pytest.mark.slow
@pytest.mark.parametrize("fig", STILLS, ids=[f.id for f in STILLS])
def test_text_legible_in_the_column(fig, tmp_root):
    problems = []
    for file, layout in layouts(fig.id, tmp_root).items():
        for label in layout.labels:
            px = figlayout.css_px(label.fontsize, layout.width_in, COLUMN_PX, FINAL_DPI)
            if px < MIN_CSS_PX - 1e-6 and not excepted("small_text", file, label.text, ""):
                shown = min(COLUMN_PX, layout.width_in * FINAL_DPI)
                problems.append(f"{file}: {label.text!r} at {label.fontsize:g} pt is {px:.1f} CSS px "
                                f"(image {layout.width_in:.2f} in wide, shown {shown:.0f} px)")
    figlayout.verdict(EXCEPTIONS["pending"], "small_text", fig.id, problems)

"""The label checker on planted cases: it sees what it should, and nothing else."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import figlayout  # noqa: E402

from toyviz.plot import style


def found(fig):
    layout = figlayout.capture(fig)
    texts = [(a.text, b.text) for i, a in enumerate(layout.labels) for b in layout.labels[i + 1:]
             if figlayout.overlap(a.box, b.box)]
    struck = [(a.text, s.kind) for a in layout.labels for s in layout.strokes if figlayout.strikes(a, s)]
    return texts, struck, layout


def test_planted_collisions_are_found():
    with style.figure(figsize=(4, 3)) as (fig, ax):
        ax.set_xlim(-1, 1), ax.set_ylim(-1, 1)
        ax.axhline(0, color="k")
        ax.text(0, 0, "on the line", ha="center", va="center")
        ax.text(0.5, 0.5, "first", ha="center")
        ax.text(0.52, 0.52, "second", ha="center")
        ax.annotate("", xy=(-0.5, -0.6), xytext=(-0.5, 0.9), arrowprops=dict(arrowstyle="->"))
        ax.text(-0.5, 0.3, "arrowed", ha="center", va="center")
        texts, struck, _ = found(fig)
    assert texts == [("first", "second")]
    assert sorted(struck) == [("arrowed", "arrow"), ("on the line", "line")]


def test_clean_figure_and_covered_labels_pass():
    with style.figure(figsize=(4, 3)) as (fig, ax):
        ax.set_xlim(-1, 1), ax.set_ylim(-1, 1)
        ax.axhline(0, color="k", zorder=1)
        ax.text(0, 0.5, "above the line", ha="center")
        ax.text(0, 0, "boxed", ha="center", va="center", zorder=3, bbox=dict(fc="white", ec="none"))
        ax.plot([-1, 1], [-0.5, -0.5], label="a line under its legend")
        ax.legend(loc="lower center")
        ax.set_xlabel("x"), ax.set_ylabel("y")
        texts, struck, layout = found(fig)
    assert texts == [] and struck == []
    assert {"above the line", "boxed", "x", "y", "a line under its legend"} <= {a.text for a in layout.labels}


def test_css_size_of_a_font():
    # 12 pt in a 10-inch image shown 688 px wide: 12/72 in × 68.8 px per inch
    assert abs(figlayout.css_px(12, 10.0, 688, 200) - 12 / 72 * 68.8) < 1e-9
    # a narrow image is shown at its own width (200 px per inch) when that is under the column
    assert abs(figlayout.css_px(9, 2.0, 688, 200) - 9 / 72 * 200) < 1e-9

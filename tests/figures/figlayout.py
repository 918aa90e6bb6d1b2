"""What a reader sees of a Matplotlib figure, in pixels: each drawn text's box and size, and each drawn
line, spine or arrow as a path. Recorded while the figure draws, so only what is really drawn counts
(tick labels outside the view, invisible artists and empty strings are left out)."""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from unittest import mock

from matplotlib.axis import Axis
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Arrow, FancyArrow, FancyArrowPatch, Patch
from matplotlib.path import Path
from matplotlib.spines import Spine
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

DPI = 100   # pixels per inch at which boxes are compared (tolerances below are in these pixels)


@dataclass
class Label:
    text: str
    box: Bbox            # display pixels
    fontsize: float      # points
    zorder: float
    covers: float | None  # zorder below which strokes are hidden under it (opaque box or legend), else None
    arrow: int | None    # id of its own annotation arrow, if any


@dataclass
class Stroke:
    kind: str            # "line", "spine" or "arrow"
    lines: list          # polylines, display pixels
    zorder: float
    clip: Bbox | None    # drawn only inside this box
    ident: int


@dataclass
class Layout:
    labels: list[Label]
    strokes: list[Stroke]
    width_in: float      # the saved image's width in inches (tight bounding box and its pad)


def _opaque(patch) -> bool:
    return patch is not None and patch.get_visible() and patch.get_fill() and patch.get_facecolor()[3] >= 0.5


def capture(fig, pad_inches: float = 0.08) -> Layout:
    """Draw `fig` at `DPI` and record its texts and strokes."""
    in_legend = {id(a): lg for lg in fig.findobj(Legend) for a in lg.findobj()}
    on_axis = {id(a) for ax in fig.axes for axis in ax._axis_map.values() for a in axis.findobj(Line2D)}
    labels, strokes = [], []

    def record_text(text, renderer):
        if not text.get_visible() or not text.get_text().strip():
            return
        box = text.get_window_extent(renderer)
        if box.width <= 0 or box.height <= 0:
            return
        lg = in_legend.get(id(text))
        covers = None
        if lg is not None and _opaque(lg.legendPatch):
            covers = lg.get_zorder()
        elif _opaque(text.get_bbox_patch()):
            covers = text.get_zorder()
        arrow = id(text.arrow_patch) if isinstance(text, Annotation) and text.arrow_patch else None
        labels.append(Label(text.get_text(), box.frozen(), text.get_fontsize(), text.get_zorder(), covers, arrow))

    def record_stroke(artist, kind, path):
        if not artist.get_visible() or id(artist) in in_legend:
            return
        # polylines through the path's codes (a CLOSEPOLY's own vertex is a placeholder, not a point)
        lines = [Path(p) for p in path.to_polygons(closed_only=False) if len(p) > 1]
        clip = artist.get_clip_box() if artist.get_clip_on() else None
        clip = clip.frozen() if clip is not None else None
        strokes.append(Stroke(kind, lines, artist.get_zorder(), clip, id(artist)))

    def wrap(cls, record):
        original = cls.draw

        def draw(self, renderer, *args, **kwargs):
            result = original(self, renderer, *args, **kwargs)
            record(self, renderer)
            return result
        return mock.patch.object(cls, "draw", draw)

    def line(artist, renderer):
        if id(artist) in on_axis or artist.get_linestyle() in ("None", "", " ") or artist.get_linewidth() <= 0:
            return
        record_stroke(artist, "line", artist.get_transform().transform_path(artist.get_path()))

    def patch(artist, renderer):
        if isinstance(artist, Spine):
            record_stroke(artist, "spine", artist.get_transform().transform_path(artist.get_path()))
        elif isinstance(artist, (FancyArrowPatch, FancyArrow, Arrow)):
            record_stroke(artist, "arrow", artist.get_transform().transform_path(artist.get_path()))

    original_dpi = fig.dpi
    try:
        fig.set_dpi(DPI)
        with ExitStack() as stack:
            stack.enter_context(wrap(Text, record_text))
            stack.enter_context(wrap(Line2D, line))
            for cls in (Patch, FancyArrowPatch, Spine):
                stack.enter_context(wrap(cls, patch))
            fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        width_in = fig.get_tightbbox(renderer).width + 2 * pad_inches
    finally:
        fig.set_dpi(original_dpi)
    # a Patch subclass that defers to Patch.draw is recorded twice: keep one of each
    seen, unique = set(), []
    for s in strokes:
        if s.ident not in seen:
            seen.add(s.ident)
            unique.append(s)
    return Layout(labels, unique, width_in)


def overlap(a: Bbox, b: Bbox, tol: float = 1.0) -> bool:
    """Whether two boxes share more than `tol` pixels in both directions."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tol) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tol)


def strikes(label: Label, stroke: Stroke, tol: float = 1.0) -> bool:
    """Whether `stroke`'s drawn path crosses `label`'s box (shrunk by `tol` pixels), and shows there."""
    if label.arrow == stroke.ident:
        return False                                  # an annotation's own arrow starts at its text
    if label.covers is not None and stroke.zorder < label.covers:
        return False                                  # drawn under an opaque box
    box = Bbox.from_extents(label.box.x0 + tol, label.box.y0 + tol, label.box.x1 - tol, label.box.y1 - tol)
    if stroke.clip is not None:
        box = Bbox.intersection(box, stroke.clip)
        if box is None or box.width <= 0 or box.height <= 0:
            return False
    return any(line.intersects_bbox(box, filled=False) for line in stroke.lines)


def css_px(fontsize_pt: float, width_in: float, column_px: float, dpi: float) -> float:
    """A font's height in CSS pixels once the image (width_in at dpi) is shown at most column_px wide."""
    shown = min(column_px, width_in * dpi)
    return fontsize_pt / 72 * shown / width_in


def verdict(pending: dict, check: str, name: str, problems: list[str]) -> None:
    """Fail on `problems`; for a figure or scene listed under `pending[check]`, an expected failure
    instead, and a failure once it passes (so the pending lists only shrink)."""
    import pytest

    if name not in pending[check]:
        assert not problems, "\n".join(problems)
    elif problems:
        pytest.xfail(f"{pending['reason']}; {len(problems)} problems, first: {problems[0]}")
    else:
        pytest.fail(f"{name} passes the {check} check now: remove it from label_exceptions.toml's pending list")


def collisions(layout: Layout, allowed=lambda text, other: False) -> list[str]:
    """Every text that overlaps another text or is struck through by a stroke, unless
    `allowed(text, other)` (other: the other text, or the stroke's kind) says it may touch."""
    found = []
    labels = layout.labels
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if overlap(a.box, b.box) and not allowed(a.text, b.text) and not allowed(b.text, a.text):
                found.append(f"{a.text!r} overlaps {b.text!r}")
        for s in layout.strokes:
            if strikes(a, s) and not allowed(a.text, s.kind):
                found.append(f"{a.text!r} is struck through by {'an' if s.kind[0] in 'aeiou' else 'a'} {s.kind}")
    return found

"""Every scene as a reader sees it while it plays: no text overlaps another text, and no arrow or
line (axis, curve, cursor, trail) runs through a text — the videos' half of issue 20's label check
(tests/figures/test_stills.py is the stills' half, with the same rules from figlayout).

Each scene plays in Manim's dry run (tiny frames, no file); the scene is looked at every `SAMPLE_S`
seconds of video and at the end of every `play` / `wait`. Texts are `Text`, `MathTex`/`Tex` and the
scenes' `Readout`s; a text counts while any of it is drawn (opacity > 0) and it is not fading out
(`FadeOut` playing: a cross-fade is no collision). Strokes are arrows
(`FastArrow`, Manim's `Arrow`) and every other stroked, unfilled path; filled shapes (zones, dots)
are regions, not lines, but an opaque one drawn between a line and a text hides the line there.
Boxes are compared in CSS pixels of the video shown 688 px wide (the content column).
Exceptions, each with its reason, are in label_exceptions.toml ([[scene_collision]], [pending]).
"""
from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

manim = pytest.importorskip("manim")

from matplotlib.path import Path as MplPath  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from manim import DOWN, LEFT, RIGHT, UP  # noqa: E402

from toyviz.anim.mobjects import FastArrow, Readout, label  # noqa: E402
from toyviz.anim.scenes import catalogue  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import figlayout  # noqa: E402

SCENES = catalogue()
EXCEPTIONS = tomllib.loads((Path(__file__).parent / "label_exceptions.toml").read_text())
COLUMN_PX = 688         # the video's width on the page (tests/figures/test_stills.py)
SAMPLE_S = 1.0          # seconds of video between looks inside an animation
TINY = {"dry_run": True, "frame_rate": 2, "pixel_height": 72, "pixel_width": 128, "verbosity": "ERROR",
        "progress_bar": "none", "disable_caching": True, "notify_outdated_version": False}
TEXTS = (manim.Text, manim.MarkupText, manim.SingleStringMathTex, Readout)
ARROWS = (FastArrow, manim.Arrow)
OPAQUE = 0.5            # a filled shape at least this opaque hides what is drawn under it


def text_of(m) -> str:
    if isinstance(m, Readout):
        return getattr(m, "text", "")
    return getattr(m, "original_text", None) or getattr(m, "tex_string", "") or type(m).__name__


def to_px(points: np.ndarray) -> np.ndarray:
    """Scene points (P, 3) → CSS pixels (P, 2) of the frame shown `COLUMN_PX` wide, y up."""
    fw, fh = manim.config.frame_width, manim.config.frame_height
    return (points[:, :2] + [fw / 2, fh / 2]) * (COLUMN_PX / fw)


def polylines(vm, per_curve: int = 6) -> list[MplPath]:
    """A VMobject's drawn path as polylines in pixels: each cubic Bézier sampled at `per_curve` + 1 points."""
    t = np.linspace(0, 1, per_curve + 1)[:, None]
    basis = np.hstack([(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3])     # (S, 4)
    lines = []
    for sub in vm.get_subpaths():
        curves = np.asarray(sub).reshape(-1, 4, 3)                                          # (C, 4, 3)
        if len(curves) == 0:
            continue
        pts = np.einsum("sk,ckd->csd", basis, curves).reshape(-1, 3)
        lines.append(MplPath(to_px(pts)))
    return lines


def box_of(leaves) -> Bbox:
    pts = to_px(np.concatenate([m.points for m in leaves]))
    return Bbox.from_extents(*pts.min(axis=0), *pts.max(axis=0))


def drawn(vm) -> tuple[bool, bool]:
    """(stroke shows, fill shows) for one VMobject with points."""
    stroke = vm.get_stroke_width() > 0 and float(np.max(vm.get_stroke_opacities())) > 0
    fill = float(np.max(vm.get_fill_opacities())) > 0
    return stroke, fill


def leaving(animations) -> set[int]:
    """ids of what the playing animations are removing (a FadeOut's mobject and its family)."""
    out = set()
    for anim in animations or ():
        if getattr(anim, "remover", False):
            out |= {id(m) for m in anim.mobject.get_family()}
        out |= leaving(getattr(anim, "animations", ()))
    return out


def layout(scene) -> figlayout.Layout:
    """The scene's current frame as texts and strokes (figlayout's types, zorder = drawing order);
    what is fading out counts no more (a cross-fade is not a collision)."""
    gone = leaving(scene.animations)
    tops = [m for m in list(scene.mobjects) + [m for m in scene.foreground_mobjects if m not in scene.mobjects]
            if id(m) not in gone]
    owner = {}                               # id(leaf) → the outermost text or arrow it belongs to
    for top in tops:
        for m in top.get_family():
            if isinstance(m, TEXTS + ARROWS):
                for leaf in m.family_members_with_points():
                    owner.setdefault(id(leaf), m)
    order = [m for m in scene.camera.get_mobjects_to_display(tops) if isinstance(m, manim.VMobject)]
    parts: dict[int, tuple[object, list]] = {}
    for z, leaf in enumerate(order):
        m = owner.get(id(leaf), leaf)
        parts.setdefault(id(m), (m, []))[1].append((z, leaf))
    frame = Bbox.from_extents(0, 0, COLUMN_PX, COLUMN_PX * manim.config.frame_height / manim.config.frame_width)
    labels, strokes, covers = [], [], []
    for m, leaves in parts.values():
        z = leaves[0][0]
        shown = [leaf for _, leaf in leaves if any(drawn(leaf)) and id(leaf) not in gone]
        if not shown:
            continue
        if isinstance(m, TEXTS):
            labels.append(figlayout.Label(text_of(m), box_of(shown), 0.0, z, None, None))
        elif isinstance(m, ARROWS):
            strokes.append(figlayout.Stroke("arrow", [p for leaf in shown for p in polylines(leaf)], z, frame, id(m)))
        else:
            stroke, fill = drawn(m)
            if fill and float(np.max(m.get_fill_opacities())) >= OPAQUE:
                covers.append((z, box_of([m])))
            elif stroke and not fill:
                strokes.append(figlayout.Stroke("line", polylines(m), z, frame, id(m)))
    for lab in labels:                       # the last opaque shape under a text that holds it all
        under = [z for z, b in covers if z < lab.zorder and b.x0 <= lab.box.x0 and b.y0 <= lab.box.y0
                 and b.x1 >= lab.box.x1 and b.y1 >= lab.box.y1]
        lab.covers = max(under, default=None)
    return figlayout.Layout(labels, strokes, COLUMN_PX / figlayout.DPI)   # (the width is for the stills' size check)


def watch(scene_cls, look, media_dir) -> None:
    """Play `scene_cls` in the dry run, calling `look(scene, seconds)` every `SAMPLE_S` seconds of
    video and at the end of every play or wait. An animation's frames are only looked at, not drawn;
    Pango lays out each Text on a full-size canvas and caches it in `media_dir`: on the tiny frame
    a long line is cut off, and Manim caches the cut outline under the text alone."""
    original_update, original_play, original_svg = manim.Scene.update_to_time, manim.Scene.play, manim.Text._text2svg
    clock = {"played": 0.0, "due": 0.0}          # video seconds: plays finished, next look

    def update_to_time(self, t):
        original_update(self, t)
        now = clock["played"] + t
        if now >= clock["due"]:
            look(self, now)
            clock["due"] = now + SAMPLE_S

    def play(self, *args, **kwargs):
        original_play(self, *args, **kwargs)
        clock["played"] += self.duration
        look(self, clock["played"])

    def text2svg(self, *args, **kwargs):
        with manim.tempconfig({"pixel_width": 3840, "pixel_height": 2160}):
            return original_svg(self, *args, **kwargs)
    with manim.tempconfig({**TINY, "media_dir": str(media_dir)}), \
            mock.patch.object(manim.Scene, "update_to_time", update_to_time), \
            mock.patch.object(manim.Scene, "play", play), mock.patch.object(manim.Text, "_text2svg", text2svg):
        scene = scene_cls()
        scene.skip_animation_preview = True
        scene.render()


def allowed(entries):
    """figlayout's exception test for a scene's [[scene_collision]] entries: `text` matches a text's
    start (a readout's digits change), `other` the other text or the stroke's kind (any if left out)."""
    def check(text: str, other: str) -> bool:
        return any(text.startswith(e["text"]) and e.get("other", "") in ("", other) for e in entries)
    return check


def collisions_in(scene_cls, media_dir, entries=()) -> list[str]:
    """Every collision seen while the scene plays, once each, with the first moment it is seen."""
    found: dict[str, tuple[float, str]] = {}

    def look(scene, now):
        for problem in figlayout.collisions(layout(scene), allowed(entries)):
            found.setdefault(re.sub(r"[0-9]", "#", problem), (now, problem))   # a readout's digits change
    watch(scene_cls, look, media_dir)
    return [f"at {t:.1f} s: {p}" for t, p in found.values()]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENES))
def test_no_text_collides_in_the_video(name, tmp_path):
    entries = [e for e in EXCEPTIONS.get("scene_collision", []) if e["scene"] == name]
    figlayout.verdict(EXCEPTIONS["pending"], "scene_collision", name, collisions_in(SCENES[name].cls, tmp_path, entries))


# The checker on planted scenes whose answer is known.

class _Planted(manim.Scene):
    def construct(self):
        self.add(manim.Line(3 * LEFT, 3 * RIGHT), label("on the line"))
        self.add(label("first").move_to(2 * UP), label("second").move_to(2 * UP + 0.3 * RIGHT))
        self.add(manim.Arrow(4 * LEFT + 3 * DOWN, 4 * LEFT + UP), label("arrowed").move_to(4 * LEFT + DOWN))
        self.add(manim.Line(5 * RIGHT + 3 * DOWN, 5 * RIGHT + 3 * UP), Readout(4.9 * RIGHT, 22).show("0.25"))
        self.add(label("alone").move_to(3 * DOWN))
        self.wait(0.5)


class _Clean(manim.Scene):
    def construct(self):
        line = manim.Line(3 * LEFT, 3 * RIGHT)
        self.add(line, label("above the line").next_to(line, UP, buff=0.1))
        boxed = label("on an opaque box")
        box = manim.BackgroundRectangle(boxed, fill_opacity=1.0, buff=0.1)
        self.add(manim.Line(2 * DOWN + 3 * LEFT, 2 * DOWN + 3 * RIGHT), box, boxed.move_to(2 * DOWN))
        box.move_to(boxed)
        self.add(manim.Line(2 * UP + 3 * LEFT, 2 * UP + 3 * RIGHT), label("hidden").move_to(2 * UP).set_opacity(0))
        self.add(manim.Square(2, fill_opacity=0.35).move_to(4 * RIGHT), label("in a zone").move_to(4 * RIGHT))
        old = label("before").move_to(3 * DOWN)
        self.add(old)
        self.play(manim.FadeOut(old), manim.FadeIn(label("after").move_to(3 * DOWN)), run_time=2)   # a cross-fade


class _Crossing(manim.Scene):
    """A label that passes over a line while it moves and ends clear of it."""
    def construct(self):
        moving = label("moving").move_to(3 * LEFT)
        self.add(manim.Line(2 * DOWN, 2 * UP), moving)
        self.play(moving.animate.move_to(3 * RIGHT), run_time=4, rate_func=manim.linear)


def test_planted_collisions_are_found(tmp_path):
    problems = [p.split(": ", 1)[1] for p in collisions_in(_Planted, tmp_path)]
    assert sorted(problems) == sorted(["'on the line' is struck through by a line", "'first' overlaps 'second'",
                                       "'arrowed' is struck through by an arrow", "'0.25' is struck through by a line"])


def test_clean_scene_passes(tmp_path):
    assert collisions_in(_Clean, tmp_path) == []


def test_exceptions_excuse_only_what_they_name(tmp_path):
    entries = [{"text": "arrowed", "other": "arrow"}, {"text": "fir", "other": "second"}, {"text": "on the line", "other": "arrow"}]
    problems = [p.split(": ", 1)[1] for p in collisions_in(_Planted, tmp_path, entries)]
    assert sorted(problems) == ["'0.25' is struck through by a line", "'on the line' is struck through by a line"]


def test_moments_inside_an_animation_are_looked_at(tmp_path):
    [problem] = collisions_in(_Crossing, tmp_path)
    seconds = float(problem.split(" s:")[0].removeprefix("at "))
    assert problem.endswith("'moving' is struck through by a line") and 1.0 <= seconds <= 3.0

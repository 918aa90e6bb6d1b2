"""Shared pieces of toyviz's Manim scenes: a themed base scene, the post's palette, feature arrows,
latent zones from the toy engine's geometry, a small orthographic projection for 3-D views, a
time-warp for recorded histories, placement that keeps moving labels clear of lines and of each
other, and a plain 2-D plot panel (no LaTeX anywhere: `Text` only).

Everything here is drawing code: data comes from `toyviz.toy` (runs, geometry), never computed in
an updater beyond interpolating recorded arrays.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Line, ManimColor, Scene, Text, VGroup, VMobject,
                   tempconfig)

MONO = "DejaVu Sans Mono"

from toyviz import colour, plane, theme
from toyviz.plot import style
from toyviz.toy.geometry import latent_polygon, zones

# The scenes' colours, from the theme `TOYVIZ_THEME` names when this module is first imported (light
# by default; `toyviz render --theme dark` and `TOYVIZ_THEME=dark manim ...` give dark slides).
THEME = theme.current()
BACKGROUND = ManimColor(THEME.background)
INK = ManimColor(THEME.ink)
GUIDE = ManimColor(THEME.guide)
SOURCES = [ManimColor(c) for c in THEME.sources]   # ICA: the columns of A and their sources
FONT = "DejaVu Sans"
PALE_OUTLINE = ManimColor("#8a6d5a")   # the stills' outline for pale colours such as peachpuff


def color(name: str) -> ManimColor:
    """A matplotlib colour name (the stills' palette) as a Manim colour."""
    return ManimColor.from_rgb(style.rgb(name))


def feature_colors(n: int, unlearnt: int | None = None) -> list[ManimColor]:
    """The theme's colour per feature (`toyviz.plot.style.feature_colors`), as Manim colours."""
    return [color(c) for c in style.feature_colors(n, unlearnt, palette=THEME)]


def is_pale(c: ManimColor) -> bool:
    """`toyviz.colour.is_pale` for a Manim colour, on the light theme's white: on the dark background a
    pale colour stands out by itself (every theme colour keeps 3:1 there, tests/test_palette.py)."""
    return THEME.name == "light" and colour.is_pale(c.to_rgb())


def label(text: str, size: float = 22, c=INK, **kwargs) -> Text:
    """Text in the scenes' font and ink (unicode maths: W₇, b₇, ‖W₇‖)."""
    return Text(text, font=FONT, font_size=size, color=c, **kwargs)


class WhiteScene(Scene):
    """A 2-D scene on the theme's background with its ink: white and dark by default (the stills'
    look), dark and light under `TOYVIZ_THEME=dark`. A transparent render (`--transparent`) drops it."""
    TOPIC = "opt_failure"

    def setup(self):
        self.camera.background_color = BACKGROUND


class Plane:
    """Maps latent coordinates (x, y) to scene points: `center + scale · (x, y)`."""

    def __init__(self, center=ORIGIN, scale: float = 1.0):
        self.center = np.asarray(center, float)
        self.scale = float(scale)

    def __call__(self, xy) -> np.ndarray:
        xy = np.asarray(xy, float)
        pts = np.zeros(xy.shape[:-1] + (3,))
        pts[..., :2] = xy[..., :2] * self.scale
        return pts + self.center


class FastArrow(VGroup):
    """An arrow whose points are reset in place each frame (`put`): a shaft and a filled tip built
    from corners, far cheaper than re-creating `Arrow` (and its alignment in `become`) per frame.
    Pale colours get a darker outline arrow underneath."""

    def __init__(self, c: ManimColor, width: float = 5.0, tip: float = 0.2):
        super().__init__()
        self.tip_len = tip
        self.parts = []
        if is_pale(c):
            self.parts.append(self._pair(PALE_OUTLINE, width + 2.5, 1.25))
        self.parts.append(self._pair(c, width, 1.0))
        for shaft, head, _ in self.parts:
            self.add(shaft, head)

    @staticmethod
    def _pair(c, width, grow):
        shaft = VMobject(stroke_color=c, stroke_width=width)
        head = VMobject(stroke_color=c, stroke_width=width * 0.3 * grow, fill_color=c, fill_opacity=1)
        return shaft, head, grow

    def put(self, start, end) -> "FastArrow":
        start, end = np.asarray(start, float), np.asarray(end, float)
        d = end - start
        length = float(np.linalg.norm(d))
        if length < 1e-4:
            d, length = np.array([1e-4, 0, 0]), 1e-4
        u = d / length
        n = np.array([-u[1], u[0], 0.0])
        tl = min(self.tip_len, 0.45 * length)
        for shaft, head, grow in self.parts:
            base = end - u * tl
            shaft.set_points_as_corners([start, base + u * 0.02 * tl])
            w = 0.42 * tl * grow
            head.set_points_as_corners([end + u * 0.06 * (grow - 1), base + n * w, base - n * w,
                                        end + u * 0.06 * (grow - 1)])
        return self


class Readout(VGroup):
    """Text that changes every frame without Pango/SVG work: glyphs of a monospace font are rendered
    once, and a fixed pool of character slots takes their outlines in place (`show(text)`, lines
    split by newlines, left-aligned at `corner`). Slots are never swapped, so Manim's moving-object
    bookkeeping stays valid."""

    CHARS = "0123456789.,+-−=e‖Wbₖⱼᵢ₁₂₃₄₅₆₇ ()/:%·abcdfghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVXYZ"

    _tables: dict = {}    # (size, colour) → (advance, line height, glyph outlines): Pango runs once

    def __init__(self, corner, size: float = 22, c=INK, line: float = 1.35, slots: int = 64):
        super().__init__()
        self.corner = np.asarray(corner, float)
        key = (float(size), str(ManimColor(c).to_hex()))
        if key not in self._tables:
            self._tables[key] = self._glyph_table(size, c)
        self.adv, height, self.glyphs = self._tables[key]
        self.height_line = line * height
        self.slots = [VMobject(fill_color=c, fill_opacity=1, stroke_width=0) for _ in range(slots)]
        self.add(*self.slots)
        self.text = ""

    @classmethod
    def _glyph_table(cls, size, c):
        # Pango draws Text on a canvas of the *current* pixel size and Manim caches the SVG by text
        # alone: under a tiny test or dry-run frame the glyph string would be clipped (and cached
        # so). Outlines are in scene units, so draw them on a full-size canvas whatever the quality.
        with tempconfig({"pixel_width": 3840, "pixel_height": 2160}):
            return cls._glyph_table_on_canvas(size, c)

    @classmethod
    def _glyph_table_on_canvas(cls, size, c):
        chars = "".join(ch for ch in dict.fromkeys(cls.CHARS) if ch != " ")
        one = Text("0", font=MONO, font_size=size, color=c)
        ref = Text("0" * 10, font=MONO, font_size=size, color=c)
        adv = (ref.width - one.width) / 9
        # Glyphs one column apart can come out of Pango as merged outlines at some sizes (seen at 22
        # and 24 pt: 78 of 85), which would shift every later glyph: set them two columns apart, and
        # check that each character gave exactly one outline.
        glyphs = Text(" ".join(chars), font=MONO, font_size=size, color=c)
        if len(glyphs) != len(chars):
            raise RuntimeError(f"{MONO} at {size} pt gave {len(glyphs)} outlines for {len(chars)} characters")
        x0 = glyphs[0].get_left()[0] - (one[0].get_left()[0] - one.get_left()[0])
        zero_bottom = glyphs[chars.index("0")].get_bottom()[1]
        table = {ch: glyphs[i].points - np.array([x0 + 2 * i * adv, zero_bottom, 0.0]) for i, ch in enumerate(chars)}
        return adv, one.height * 1.6, table

    def show(self, text: str) -> "Readout":
        self.text = text          # what it shows now (read by the label checks in tests/figures)
        k = 0
        for row, line in enumerate(text.split("\n")):
            for col, ch in enumerate(line):
                if ch in self.glyphs and k < len(self.slots):
                    self.slots[k].set_points(self.glyphs[ch] + self.corner
                                             + np.array([col * self.adv, -row * self.height_line, 0]))
                    k += 1
        for slot in self.slots[k:]:
            slot.clear_points()
        return self


class Spots:
    """Places labels that move with the data: each goes to the first of its candidate centres whose
    box no line of the frame enters and no box taken this frame overlaps, and keeps its last spot
    while that stays clear, so a label hops only when it must. With none clear it takes the first
    clear of the boxes alone, else the first (the check in tests/figures/test_scene_collisions.py
    then reports it, unless something opaque under the label hides the line)."""
    PAD = 0.05              # scene units kept clear around a label's box

    def __init__(self):
        self.last: dict = {}
        self.frame([])

    def frame(self, lines, taken=()) -> "Spots":
        """Start a frame: labels keep clear of `lines` (polylines, (N, 3) points each) and of the
        boxes `taken` (lower-left, upper-right)."""
        lines = [np.asarray(ln, float) for ln in lines if len(ln) >= 2]
        self.starts = np.concatenate([ln[:-1, :2] for ln in lines]) if lines else np.zeros((0, 2))
        self.ends = np.concatenate([ln[1:, :2] for ln in lines]) if lines else np.zeros((0, 2))
        self.taken = [(np.asarray(lo, float)[:2], np.asarray(hi, float)[:2]) for lo, hi in taken]
        return self

    def place(self, key, size, candidates) -> np.ndarray:
        """The centre chosen for label `key` of `size` (width, height) among `candidates` (K, 3);
        its box is taken for the rest of the frame."""
        half = np.asarray(size, float)[:2] / 2
        cands = [np.asarray(c, float) for c in candidates]

        def free(c):             # of the boxes taken
            lo, hi = c[:2] - half, c[:2] + half
            return not any(np.all(lo - self.PAD < b_hi) and np.all(b_lo < hi + self.PAD) for b_lo, b_hi in self.taken)

        def clear(c):            # of the boxes and the lines
            lo = c[:2] - half
            return free(c) and not plane.segments_enter_box(self.starts, self.ends, lo, 2 * half[0], 2 * half[1], self.PAD)
        order = ([self.last[key]] if self.last.get(key, len(cands)) < len(cands) else []) + list(range(len(cands)))
        k = next((k for k in order if clear(cands[k])), None)
        if k is None:            # text over a line is better than text over text
            k = next((k for k in order if free(cands[k])), 0)
        self.last[key] = k
        self.taken.append((cands[k][:2] - half, cands[k][:2] + half))
        return cands[k]


def around(point, size, first, gap: float = 0.08, count: int = 8) -> list[np.ndarray]:
    """Centres for a label of `size` (width, height) all round `point` with its box `gap` away from
    it: first in direction `first`, then alternately either side of it, ending opposite."""
    half = np.asarray(size, float)[:2] / 2
    a0 = np.arctan2(first[1], first[0])
    steps = [0] + [s * k for k in range(1, count // 2 + 1) for s in (1, -1)][:count - 1]
    out = []
    for k in steps:
        v = np.array([np.cos(a0 + 2 * np.pi * k / count), np.sin(a0 + 2 * np.pi * k / count)])
        reach = min(half[i] / abs(v[i]) if abs(v[i]) > 1e-9 else np.inf for i in range(2))
        out.append(np.asarray(point, float) + np.r_[(reach + gap) * v, 0.0])
    return out


class Shape(VMobject):
    """A closed polygon or an open polyline updated in place each frame (`to(vertices)`); an empty
    vertex list hides it."""

    def __init__(self, closed: bool = True, **style):
        super().__init__(**style)
        self.closed = closed

    def to(self, pts) -> "Shape":
        pts = np.asarray(pts, float).reshape(-1, 3)
        if len(pts) < 2:
            self.clear_points()
        else:
            self.set_points_as_corners(np.r_[pts, pts[:1]] if self.closed else pts)
        return self


class LatentZones(VGroup):
    """The latent polygon (grey outline) and each feature's zone {h : Wᵢᵀh + bᵢ > 0} clipped to it
    (`toyviz.toy.geometry.zones`), filled in its colour; `set_state(W, b)` moves them in place."""

    def __init__(self, colors, plane: Plane, opacity: float = 0.4):
        super().__init__()
        self.plane = plane
        self.outline = Shape(stroke_color=GUIDE, stroke_width=2)
        self.zones = [Shape(stroke_color=c, stroke_width=1.5, stroke_opacity=0.9, fill_color=c, fill_opacity=opacity)
                      for c in colors]
        self.add(*self.zones, self.outline)

    def set_state(self, W, b) -> "LatentZones":
        W = np.asarray(W, float)
        self.outline.to(self.plane(latent_polygon(W)))
        for shape, v in zip(self.zones, zones(W, np.asarray(b, float))):
            v = np.asarray(v)
            shape.to(self.plane(v) if plane.area(v) > 1e-9 else [])
        return self


def project(points, azimuth: float, elevation: float, scale: float = 1.0, center=ORIGIN) -> np.ndarray:
    """`toyviz.plane.project` placed in a scene: 3-D points (..., 3) (x, y latent; z up) seen by a
    camera turned by `azimuth` about z (0: looking along +y) and tilted down by `elevation`
    (radians), scaled and moved to `center`. Returns scene points (..., 3) with z = 0."""
    xy = plane.project(points, np.degrees(elevation), -90.0 - np.degrees(azimuth))
    out = np.zeros(xy.shape[:-1] + (3,))
    out[..., :2] = xy * scale
    return out + np.asarray(center, float)


def warp(steps, W_hist, b_hist, share: float = 0.5, log: bool = True) -> np.ndarray:
    """A playback clock for a recorded history: for each record, its position in [0, 1], blending
    steps evenly spaced (in log-step when `log`) (`1 − share`) with the distance the weights travelled (`share`),
    so long quiet plateaus pass quickly and fast changes are slowed down."""
    steps = np.asarray(steps, float)
    logs = np.log10(steps + 1.0) if log else steps.copy()
    logs = (logs - logs[0]) / max(logs[-1] - logs[0], 1e-12)
    flat = np.concatenate([np.asarray(W_hist).reshape(len(steps), -1), np.asarray(b_hist).reshape(len(steps), -1)], 1)
    moved = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(flat, axis=0), axis=1))]
    moved = moved / max(moved[-1], 1e-12)
    return (1 - share) * logs + share * moved


def at_clock(clock: np.ndarray, u: float) -> tuple[int, float]:
    """(record index i, fraction f) such that the clock value `u` lies between records i and i + 1."""
    u = float(np.clip(u, clock[0], clock[-1]))
    i = int(np.clip(np.searchsorted(clock, u, side="right") - 1, 0, len(clock) - 2))
    span = clock[i + 1] - clock[i]
    return i, (0.0 if span <= 0 else (u - clock[i]) / span)


class Panel:
    """A small 2-D plot area (axes lines, ticks given as (value, text)) mapping data → scene; x may
    be on a log scale. Build with `axes()`; map with `point(x, y)`."""

    def __init__(self, corner, width, height, xlim, ylim, logx=False, logy=False):
        self.corner, self.width, self.height = np.asarray(corner, float), width, height
        self.logx, self.logy = logx, logy
        self.xlim = tuple(np.log10(xlim) if logx else xlim)
        self.ylim = tuple(np.log10(ylim) if logy else ylim)

    def point(self, x, y) -> np.ndarray:
        x = np.log10(x) if self.logx else x
        y = np.log10(y) if self.logy else y
        fx = (np.asarray(x, float) - self.xlim[0]) / (self.xlim[1] - self.xlim[0])
        fy = (np.asarray(y, float) - self.ylim[0]) / (self.ylim[1] - self.ylim[0])
        return self.corner + np.stack([fx * self.width, fy * self.height, np.zeros_like(fx)], -1)

    def axes(self, xticks=(), yticks=(), xlabel="", ylabel="", size=16) -> VGroup:
        g = VGroup()
        o = self.corner
        g.add(Line(o, o + RIGHT * self.width, color=INK, stroke_width=2),
              Line(o, o + UP * self.height, color=INK, stroke_width=2))
        for v, t in xticks:
            p = self.point(v, 10 ** self.ylim[0] if self.logy else self.ylim[0])
            g.add(Line(p, p + DOWN * 0.08, color=INK, stroke_width=2))
            g.add(label(t, size).next_to(p, DOWN, buff=0.12))
        for v, t in yticks:
            p = self.point(10 ** self.xlim[0] if self.logx else self.xlim[0], v)
            g.add(Line(p, p + LEFT * 0.08, color=INK, stroke_width=2))
            g.add(label(t, size).next_to(p, LEFT, buff=0.12))
        if xlabel:
            g.add(label(xlabel, size).next_to(o + RIGHT * self.width / 2, DOWN, buff=0.45))
        if ylabel:
            g.add(label(ylabel, size).next_to(o + UP * self.height, UP, buff=0.12).align_to(o, LEFT))
        return g

    def curve(self, x, y, c=INK, width=2.5) -> VMobject:
        pts = self.point(np.asarray(x), np.asarray(y))
        return VMobject(stroke_color=c, stroke_width=width).set_points_as_corners(pts)


def hatch(poly, spacing: float, angle: float = np.pi / 4) -> list[np.ndarray]:
    """Parallel hatch segments ((2, 2) each, latent coordinates) clipped to a convex polygon (V, 2)."""
    poly = np.asarray(poly, float)
    if len(poly) < 3:
        return []
    d = np.array([np.cos(angle), np.sin(angle)])
    nrm = np.array([-d[1], d[0]])
    c = poly @ nrm
    out = []
    for off in np.arange(np.ceil(c.min() / spacing) * spacing, c.max(), spacing):
        t0, t1, p0 = -np.inf, np.inf, off * nrm
        for i in range(len(poly)):             # Cyrus–Beck against each edge of the (ccw) polygon
            a, b = poly[i], poly[(i + 1) % len(poly)]
            e = b - a
            inward = np.array([-e[1], e[0]])
            if plane.signed_area(poly) < 0:
                inward = -inward
            den = inward @ d
            num = inward @ (a - p0)
            if abs(den) < 1e-12:
                if num > 0:
                    t0, t1 = 1.0, 0.0
                continue
            t = num / den
            if den > 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
        if t1 > t0:
            out.append(np.array([p0 + t0 * d, p0 + t1 * d]))
    return out


def segment_clock(steps, W_hist, b_hist, bounds, durations, share: float = 0.5, log: bool = True) -> np.ndarray:
    """A playback clock in seconds made of segments: records bounds[k] … bounds[k+1] (indices, first 0,
    last T−1) take durations[k] seconds, each paced inside by `warp` — so a plateau or a fast change
    gets the screen time a story needs while the pace within it still follows the data."""
    clock = np.zeros(len(steps))
    t0 = 0.0
    for (i0, i1), dur in zip(zip(bounds[:-1], bounds[1:]), durations):
        if i1 > i0:
            w = warp(steps[i0:i1 + 1], W_hist[i0:i1 + 1], b_hist[i0:i1 + 1], share, log)
            clock[i0:i1 + 1] = t0 + dur * (w - w[0]) / max(w[-1] - w[0], 1e-12)
        t0 += dur
    return clock


def fader(mob, start: float = 0.0):
    """A ValueTracker driving `mob`'s opacity: animate it (`tracker.animate.set_value(1)`) to fade
    `mob` in or out without `FadeIn`'s deep copies of a whole `Text` (slow for long captions)."""
    from manim import ValueTracker
    tracker = ValueTracker(start)
    mob.add_updater(lambda m: m.set_opacity(tracker.get_value()))
    mob.set_opacity(start)
    return tracker

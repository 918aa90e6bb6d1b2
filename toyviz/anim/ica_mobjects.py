"""Pieces of the ICA scenes (`toyviz/anim/ica.py`, `ica_updates.py`): the source palette as Manim
colours, the RGB mix of ŝ, a data plane with its columns, fading column trails, dots moved in place,
an angle-error plot and a readout that knows the degree sign.

Drawing code only: every array comes from a `toyviz.ica.IcaRun`; the helpers here
interpolate and map them, never optimise.
"""
from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, DashedLine, DashedVMobject, Dot, Line, ManimColor, VGroup

from toyviz.anim.mobjects import BACKGROUND, GUIDE, INK, SOURCES, FastArrow, Panel, Plane, Readout, Shape, label

DEAD = ManimColor("#b0b0b0")     # a reconstruction with ŝ = 0 (no column used)
REFERENCE = ManimColor("#8c8c8c")  # another run's curve drawn for comparison (dashed)
CRITERION = SOURCES[4]           # the selection's criterion (purple: no source of these scenes uses it)
TEXT = 18                        # font size of every text in the ICA scenes: an em of 12 CSS px once the
                                 # frame fills the site's 688 px column (at least 11: tests/figures/test_scene_text.py)
NICE = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 10.0)


class IcaReadout(Readout):
    """`Readout` with the degree sign, ×, α, ŝ's hat-less letters and Greek used in the ICA readouts."""
    CHARS = Readout.CHARS + "°×αλσΔ≈<>…"


def nice_below(x: float) -> float:
    """The largest 'nice' number (1, 2, 2.5, 5 × 10ᵏ) not above x (for stated scales)."""
    return max([v for v in NICE if v <= x] or [NICE[0]])


def mix(S_hat, colors) -> np.ndarray:
    """The RGB mix of each point's ŝ: Σᵢ ŝᵢ·colourᵢ / Σᵢ ŝᵢ (|ŝ| for signed ŝ); grey where ŝ = 0.
    S_hat (N, k) → RGB (N, 3)."""
    w = np.abs(np.asarray(S_hat, float))
    rgb = np.array([c.to_rgb() for c in colors])                    # (k, 3)
    tot = w.sum(-1, keepdims=True)
    out = w @ rgb / np.where(tot > 0, tot, 1.0)
    return np.where(tot > 0, out, np.array(DEAD.to_rgb()))


def interp(clock: np.ndarray, values: np.ndarray, u) -> np.ndarray:
    """Arrays recorded at clock values (T,), read at u (scalar or (P,)) by linear interpolation
    along the first axis. values (T, ...) → (..., ) or (P, ...)."""
    u = np.clip(np.asarray(u, float), clock[0], clock[-1])
    flat = values.reshape(len(clock), -1)
    out = np.stack([np.interp(u, clock, flat[:, j]) for j in range(flat.shape[1])], -1)
    return out.reshape(np.shape(u) + values.shape[1:])


class Trail(VGroup):
    """A fading polyline (old: faint and thin, recent: strong) updated in place: `to(points)`; the
    oldest piece keeps `floor` of the full opacity."""

    def __init__(self, c: ManimColor, pieces: int = 8, width: float = 3.0, opacity: float = 0.85,
                 floor: float = 0.0):
        super().__init__()
        self.parts = [Shape(closed=False, stroke_color=c, stroke_width=width * (0.4 + 0.6 * (i + 1) / pieces),
                            stroke_opacity=opacity * (floor + (1 - floor) * ((i + 1) / pieces) ** 1.5))
                      for i in range(pieces)]
        self.add(*self.parts)

    def to(self, pts) -> "Trail":
        pts = np.asarray(pts, float)
        edges = np.linspace(0, len(pts) - 1, len(self.parts) + 1).round().astype(int)
        for part, a, b in zip(self.parts, edges[:-1], edges[1:]):
            part.to(pts[a:b + 1] if b > a else [])
        return self


class Dots(VGroup):
    """Many small dots moved and recoloured in place (`put(points, rgb)`)."""

    def __init__(self, n: int, radius: float = 0.05, stroke=None, fill_opacity: float = 1.0):
        super().__init__()
        self.dots = [Dot(radius=radius, fill_opacity=fill_opacity, stroke_width=1.0 if stroke else 0,
                         stroke_color=stroke or BACKGROUND) for _ in range(n)]
        self.add(*self.dots)

    def put(self, points, rgb=None) -> "Dots":
        for j, (d, p) in enumerate(zip(self.dots, points)):
            d.move_to(p)
            if rgb is not None:
                d.set_fill(ManimColor.from_rgb(rgb[j]))
        return self


def scatter(points, c=GUIDE, radius: float = 0.022, opacity: float = 0.55) -> VGroup:
    """Static data points (small filled dots, no outline)."""
    return VGroup(*[Dot(p, radius=radius, color=c, fill_opacity=opacity, stroke_width=0) for p in points])


def rings(points, colors, radius: float = 0.09, width: float = 2.5) -> VGroup:
    """Static hollow circles (the data points that reconstructions move to)."""
    return VGroup(*[Circle(radius, color=c, stroke_width=width).move_to(p) for p, c in zip(points, colors)])


def square(plane: Plane, reach: float) -> np.ndarray:
    """The scene box (x0, y0, x1, y1) of the plane's square of ±reach data units, where its data lies."""
    return np.r_[plane([-reach, -reach])[:2], plane([reach, reach])[:2]]


def axes_cross(plane: Plane, reach: float) -> VGroup:
    """Thin grey axes through the plane's origin, `reach` data units each way."""
    return VGroup(Line(plane([-reach, 0]), plane([reach, 0]), color=GUIDE, stroke_width=1, stroke_opacity=0.6),
                  Line(plane([0, -reach]), plane([0, reach]), color=GUIDE, stroke_width=1, stroke_opacity=0.6))


def true_columns(plane: Plane, A_true, colors, zoom: float = 1.0, signed: bool = False,
                 reach: float | None = None) -> VGroup:
    """The true columns as dashed lines from the origin (both ways when `signed`), in their colours;
    with `reach`, drawn out to that many data units instead of their length × zoom."""
    g = VGroup()
    for i in range(A_true.shape[1]):
        v = A_true[:, i] / np.linalg.norm(A_true[:, i]) * (reach if reach else zoom * np.linalg.norm(A_true[:, i]))
        ends = [(-v, v)] if signed else [(0 * v, v)]
        for a, b in ends:
            g.add(DashedLine(plane(a), plane(b), color=colors[i], stroke_width=2.5, dash_length=0.09,
                             dashed_ratio=0.55, stroke_opacity=0.9))
    return g


class Columns(VGroup):
    """The columns of A as arrows from the plane's origin, drawn × zoom and clipped at `clip` data
    units (`put(A)`)."""

    def __init__(self, plane: Plane, colors, zoom: float = 1.0, clip: float = np.inf, width: float = 5.0,
                 tip: float = 0.2):
        super().__init__()
        self.plane, self.zoom, self.clip = plane, zoom, clip
        self.arrows = [FastArrow(c, width, tip) for c in colors]
        self.add(*self.arrows)

    def tips(self, A) -> np.ndarray:
        """Drawn tip of each column in data units (k, 2)."""
        V = np.asarray(A, float).T * self.zoom
        n = np.linalg.norm(V, axis=1, keepdims=True)
        return np.where(n > self.clip, V * self.clip / np.where(n > 0, n, 1), V)

    def put(self, A) -> "Columns":
        o = self.plane([0, 0])
        for arrow, t in zip(self.arrows, self.tips(A)):
            arrow.put(o, self.plane(t))
        return self


class AngleGauge(VGroup):
    """A magnifier for small rotations: each true direction as a dashed ray, and each learnt column as
    an arrow at the true direction plus `gain` × its angle from it (`put(offsets)`, degrees)."""

    def __init__(self, center, radius, true_angles, colors, source, gain: float, size=TEXT):
        super().__init__()
        self.center, self.radius, self.gain = np.asarray(center, float), radius, gain
        self.true = np.radians(np.asarray(true_angles, float))
        self.source = np.asarray(source)
        for a, c in zip(self.true, SOURCES):
            self.add(DashedLine(self.center, self._at(a), color=c, stroke_width=2, dash_length=0.06))
        self.add(Dot(self.center, radius=0.03, color=GUIDE))
        self.arrows = [FastArrow(c, 3.5, 0.12) for c in colors]
        self.add(*self.arrows)
        self.caption = label(f"each column's angle from A_true,\nmagnified × {gain:g} (dashed: A_true)", size,
                             line_spacing=0.9)
        self.caption.next_to(self.center + RIGHT * radius, RIGHT, buff=0.25)
        self.add(self.caption)

    def _at(self, angle, r=None):
        r = self.radius if r is None else r
        return self.center + r * np.array([np.cos(angle), np.sin(angle), 0.0])

    def put(self, offsets) -> "AngleGauge":
        for arrow, j, d in zip(self.arrows, self.source, offsets):
            if j >= 0 and np.isfinite(d):
                arrow.put(self.center, self._at(self.true[j] + self.gain * np.radians(d), 0.92 * self.radius))
        return self


class ErrorPlot(VGroup):
    """Mean (ink) and worst (grey) angle error over steps, fixed, with labelled dots at `marks`
    ((step, text), e.g. the selected step); a marker and a cursor line (`pointer`, add it to the
    scene separately) that move with `at(step)`. With `logx` the step axis is logarithmic in
    step + 1 (ticks labelled by step), which gives the first steps room; `reference` (steps, mean,
    text) adds another run's mean error, dashed, for comparison."""

    def __init__(self, corner, width, height, steps, mean, worst, marks=(), size=TEXT, title="angle error",
                 logx: bool = False, reference=None):
        super().__init__()
        steps = np.asarray(steps, float)
        top = float(np.nanmax(worst))
        ymax = min(180.0, max(10.0, np.ceil(top / 10.0) * 10.0))
        if ymax > 90:
            ymax = 90.0 * np.ceil(ymax / 90.0)
        yt = 5.0 if ymax <= 20 else (10.0 if ymax <= 40 else 20.0 if ymax < 90 else 30.0 if ymax == 90 else 45.0)
        self.x = (lambda v: np.asarray(v, float) + 1.0) if logx else (lambda v: np.asarray(v, float))
        last = max(steps[-1], 1)
        self.panel = Panel(corner, width, height, (float(self.x(0)), float(self.x(last))), (0, ymax), logx=logx)
        xt = [v for v in (0, 10, 100, 1000, 10_000) if v <= last] if logx else _ticks(steps[-1])
        self.axes = self.panel.axes(xticks=[(self.x(v), f"{int(v):,}") for v in xt],
                                    yticks=[(v, f"{int(v)}°") for v in np.arange(0, ymax + 1e-9, yt)],
                                    xlabel="step (log scale)" if logx else "step", size=size)
        ok = np.isfinite(mean)
        thin = _thin(steps[ok], logx)
        sx, sm, sw = self.x(steps[ok][thin]), np.minimum(mean[ok], ymax)[thin], np.minimum(worst[ok], ymax)[thin]
        self.mean_curve = self.panel.curve(sx, sm, INK, 2.5)
        self.worst_curve = self.panel.curve(sx, sw, GUIDE, 2.0)
        self.add(self.axes, self.worst_curve, self.mean_curve)
        self.steps, self.mean, self.ymax = steps, np.where(ok, mean, ymax), ymax
        key = VGroup(Line(ORIGIN3, RIGHT * 0.3, color=INK, stroke_width=2.5), label("mean", size),
                     Line(ORIGIN3, RIGHT * 0.3, color=GUIDE, stroke_width=2.5), label("worst", size))
        if reference is not None:
            r_steps, r_mean, r_text = reference
            r_steps = np.asarray(r_steps, float)
            keep = _thin(r_steps, logx)
            ref = self.panel.curve(self.x(r_steps[keep]), np.minimum(r_mean[keep], ymax), REFERENCE, 2.5)
            self.add(DashedVMobject(ref, num_dashes=90))
            key.add(DashedLine(ORIGIN3, RIGHT * 0.3, color=REFERENCE, stroke_width=2.5, dash_length=0.07),
                    label(r_text, size))
        key.arrange(RIGHT, buff=0.1)
        for j in range(2, len(key), 2):
            key[j:].shift(RIGHT * 0.2)
        key.next_to(self.panel.point(self.x(last), ymax), UP, buff=0.12).align_to(self.panel.point(self.x(last), 0),
                                                                                 RIGHT)
        title = label(title, size).next_to(self.panel.point(self.x(0), ymax), UP, buff=0.12)
        title.align_to(self.panel.point(self.x(0), 0), LEFT)
        if key.get_left()[0] < title.get_right()[0] + 0.2:                  # no room beside the title: above it
            key.shift(UP * (title.height + 0.12))
        self.add(key, title)
        for b, text in marks:  # a dashed line in the criterion's colour up through the plot, a dot on the mean
            x = self.x(steps[int(b)])
            self.add(DashedLine(self.panel.point(x, 0), self.panel.point(x, ymax), color=CRITERION, stroke_width=2,
                                dash_length=0.06))
            p = self.panel.point(x, min(mean[int(b)], ymax))
            self.add(_ring(p))
            if text:
                self.add(label(text, size, c=CRITERION).next_to(self.panel.point(x, ymax), RIGHT, buff=0.08))
        # the moving part is kept apart (`self.pointer`), so that the plot itself stays a static image
        self.cursor = Line(self.panel.point(self.x(0), 0), self.panel.point(self.x(0), ymax), color=GUIDE,
                           stroke_width=1.2)
        self.marker = Dot(self.panel.point(self.x(0), self.mean[0]), radius=0.07, color=INK)
        self.pointer = VGroup(self.cursor, self.marker)

    def at(self, step: float) -> "ErrorPlot":
        y = float(np.interp(step, self.steps, self.mean))
        x = float(self.x(step))
        self.cursor.put_start_and_end_on(self.panel.point(x, 0), self.panel.point(x, self.ymax))
        self.marker.move_to(self.panel.point(x, min(y, self.ymax)))
        return self


class LossPlot(VGroup):
    """A quantity over steps from 0 (e.g. the mean MAP objective, which the raw update drives up
    without end), sharing an `ErrorPlot`'s step axis; `pointer` (a marker) moves with `at(step)`.
    With `upto`, the y axis ends at a round value from it and larger values run along the top (a zoom);
    `unit` follows each tick label, and "{top}" in the title becomes the axis's top."""

    def __init__(self, corner, width, height, errors: ErrorPlot, steps, values, title, size=TEXT, color=None,
                 upto: float | None = None, unit: str = ""):
        super().__init__()
        steps, values = np.asarray(steps, float), np.asarray(values, float)
        ok = np.isfinite(values)
        hi = float(values[ok].max()) if upto is None else upto
        tick = _round_step(hi / 2.0)
        top = tick * np.ceil(hi / tick)
        self.steps, self.values, self.x = steps[ok], np.minimum(values[ok], top), errors.x
        xlim = tuple(10 ** np.asarray(errors.panel.xlim)) if errors.panel.logx else errors.panel.xlim
        self.panel = Panel(corner, width, height, xlim, (0.0, top), logx=errors.panel.logx)
        self.axes = self.panel.axes(yticks=[(v, f"{v:g}{unit}") for v in np.arange(0, top + 1e-9, tick)], size=size)
        c = color or INK
        thin = _thin(self.steps, self.panel.logx)
        self.add(self.axes, self.panel.curve(self.x(self.steps[thin]), self.values[thin], c, 2.5))
        t = label(title.format(top=f"{top:g}{unit}"), size).next_to(self.panel.point(self.x(self.steps[0]), top), UP, buff=0.12)
        self.add(t.align_to(self.panel.point(self.x(self.steps[0]), 0), LEFT))
        self.marker = Dot(self.panel.point(self.x(self.steps[0]), self.values[0]), radius=0.06, color=c)
        self.pointer = VGroup(self.marker)

    def at(self, step: float) -> "LossPlot":
        self.marker.move_to(self.panel.point(float(self.x(step)), float(np.interp(step, self.steps, self.values))))
        return self


class EvidencePlot(VGroup):
    """The selection's criterion over the recorded steps (`toyviz.ica.selection`: the fitted Laplace
    evidence per point), its maximum ringed, and the ring named "selected" in a key beside the title
    (above the panel, so it never sits on the curve); `pointer` (a marker) moves with `at(step)`.
    The y range starts at a low quantile so the early climb does not flatten the part that decides."""

    def __init__(self, corner, width, height, steps, values, selected, size=TEXT,
                 title="criterion: log P(x | A) per point"):
        super().__init__()
        steps, values = np.asarray(steps, float), np.asarray(values, float)
        ok = np.isfinite(values)
        hi = float(values[ok].max())
        lo = min(float(np.quantile(values[ok], 0.2)), hi - 0.05)
        pad = 0.08 * (hi - lo)
        self.panel = Panel(corner, width, height, (0, max(steps[-1], 1)), (lo - pad, hi + pad))
        self.axes = self.panel.axes(yticks=[(lo, f"{lo:.2f}"), (hi, f"{hi:.2f}")], size=size)
        self.steps, self.values = steps[ok], np.clip(values[ok], lo - pad, None)
        self.add(self.axes, self.panel.curve(self.steps, self.values, CRITERION, 2.5))
        p = self.panel.point(float(selected), hi)
        self.add(DashedLine(self.panel.point(float(selected), lo - pad), p, color=CRITERION, stroke_width=2,
                            dash_length=0.06),
                 _ring(p))
        title = label(title, size).next_to(self.panel.point(0, hi + pad), UP, buff=0.12)
        self.add(title.align_to(self.panel.point(0, 0), LEFT))
        key = VGroup(_ring(ORIGIN3), label("selected", size, c=CRITERION)).arrange(RIGHT, buff=0.1)
        self.add(key.move_to(title, coor_mask=[0, 1, 0]).align_to(self.panel.point(max(steps[-1], 1), 0), RIGHT))
        self.marker = Dot(self.panel.point(0, self.values[0]), radius=0.06, color=CRITERION)
        self.pointer = VGroup(self.marker)

    def at(self, step: float) -> "EvidencePlot":
        self.marker.move_to(self.panel.point(step, float(np.interp(step, self.steps, self.values))))
        return self


ORIGIN3 = np.zeros(3)


def _ring(p) -> Dot:
    """The selected step's mark: a ring in the criterion's colour."""
    return Dot(p, radius=0.07, color=BACKGROUND, stroke_color=CRITERION, stroke_width=2.5)


def _thin(steps, log: bool, n: int = 400) -> np.ndarray:
    """Indices of about n of `steps` to draw a curve through (drawing only): evenly spaced by index,
    or on a log step axis evenly spaced in log(step + 1), so the first steps keep their detail."""
    if not log:
        return np.unique(np.linspace(0, len(steps) - 1, min(len(steps), n)).round().astype(int))
    pos = np.log10(np.asarray(steps, float) + 1.0)
    return np.unique(np.searchsorted(pos, np.linspace(pos[0], pos[-1], n)).clip(0, len(steps) - 1))


def _ticks(last: float) -> list[float]:
    """About four round ticks from 0 to `last`."""
    step = nice_below(max(last, 1) / 3.0) if last < 40 else _round_step(last / 4.0)
    return list(np.arange(0, last + 1e-9, step))


def _round_step(x: float) -> float:
    e = 10 ** np.floor(np.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * e >= x:
            return m * e
    return 10 * e

"""Manim scenes of the Optimization Failure post: the update arrows of the run-away tilt, the tilting
hexagon in 3-D, and a whole training run from Symmetric Failure to Asymmetric Recovery.

Render one from the project root with `manim -ql --disable_caching toyviz/anim/opt_failure.py
AsymmetricUpdates` (or `toyviz render AsymmetricUpdates`). Every number drawn comes from the toy
engine: the scenes replay the prepared, cached data of `toyviz.toy.showcase` (they never train), the
same runs and specimens the stills show.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `manim toyviz/anim/opt_failure.py Scene` imports this file by path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from manim import (DL, DOWN, DR, LEFT, ORIGIN, RIGHT, UL, UP, UR, Line, ValueTracker, VGroup, linear,
                   smooth)

from toyviz.anim.mobjects import (BACKGROUND, GUIDE, INK, FastArrow, LatentZones, Panel, Plane, Readout, Shape,
                                  Spots, WhiteScene, around, at_clock, fader, feature_colors, hatch, label, project, segment_clock, warp)
from toyviz import quality as qualities
from toyviz.toy import showcase
from toyviz.toy.analysis import DEFAULT, symmetric_failure_shape
from toyviz.toy.geometry import clip_halfplane, latent_polygon

class AsymmetricUpdates(WhiteScene):
    """Update arrows −lr·∇ of every column (largest = 1) as the run-away tilt develops and W₇ is learnt."""
    TOPIC = "opt_failure"
    SMOOTH = 5              # moving average of the update arrows over this many records (float32 jitter), odd
    ARROW = 1.1             # scene length of the largest update arrow
    REGION = (-7.05, 1.25, -3.95, 3.35)   # left, right, bottom, top of the plane's area (scene units), left of the text
    RUN_TIME = 15.0         # seconds of training playback
    SLOW_SHARE = 0.6        # share of the playback clock given to how far the weights moved
    QUIET_LOSS = 1e-6       # below this loss the updates are float32 noise: their arrows are hidden
    SHORT = 0.3             # W₇ shorter than this (latent units) is also drawn as a dot, labelled in its gap

    def fit(self, W) -> Plane:
        """The largest plane that keeps every recorded column (W (T, 2, n)) and its update arrow
        inside REGION, centred on the columns' extent."""
        left, right, bottom, top = self.REGION
        tips = np.concatenate([np.moveaxis(W, 2, 1).reshape(-1, 2), [[0.0, 0.0]]])
        lo, hi = tips.min(axis=0), tips.max(axis=0)
        room = np.array([right - left, top - bottom]) - 2 * self.ARROW
        scale = float(np.min(room / (hi - lo)))
        middle = np.array([(left + right) / 2, (bottom + top) / 2])
        return Plane(center=np.r_[middle - scale * (lo + hi) / 2, 0.0], scale=scale)

    def construct(self):
        # data: the showcase's run from the settled asymmetry, with every record's update arrows
        d = showcase.asymmetric_updates(smooth=self.SMOOTH)
        steps, W, b, loss, U = d["steps"], d["W"], d["b"], d["loss"], d["U"]
        self.clock = clock = warp(steps, W, b, share=self.SLOW_SHARE, log=False)
        colors = feature_colors(7)
        self.plane = plane = self.fit(W)
        self.playback = t = ValueTracker(0.0)
        gap = W[0, :, 0] + W[0, :, 5]                     # W₇'s gap: between its neighbours W₁ and W₆
        gap = np.r_[gap / np.linalg.norm(gap), 0]
        side = np.array([-gap[1], gap[0], 0])

        def state():
            i, f = at_clock(clock, t.get_value())
            return (i, f, (1 - f) * W[i] + f * W[i + 1], (1 - f) * b[i] + f * b[i + 1],
                    (1 - f) * U[i] + f * U[i + 1], (1 - f) * steps[i] + f * steps[i + 1])

        # beat 1: title, the latent plane, the columns and their update arrows, the readout
        title = label("Small asymmetry favouring tilt: the update of every column", 26).to_edge(UP, buff=0.3)
        reach = 0.9 * float(np.abs(W).max())
        axes = VGroup(Line(plane([-reach, 0]), plane([reach, 0]), color=GUIDE, stroke_width=1),
                      Line(plane([0, -reach]), plane([0, reach]), color=GUIDE, stroke_width=1))
        outline = Shape(stroke_color=GUIDE, stroke_width=1.5)
        self.cols = cols = [FastArrow(colors[j], 5, tip=0.2) for j in range(7)]
        ups = [FastArrow(colors[j], 3, tip=0.14) for j in range(7)]
        self.names = names = [label(f"W{'₁₂₃₄₅₆₇'[j]}", 22, c=colors[6] if j == 6 else INK) for j in range(7)]
        self.dot = dot = Shape(stroke_color=colors[6], fill_color=colors[6], fill_opacity=1, stroke_width=1)
        # W₇ last, so that it is drawn over the others
        arrows = VGroup(outline, *cols[:6], *ups[:6], *names[:6], cols[6], ups[6], dot, names[6])

        spots = Spots()

        def place(g):
            i, _, Wt, _, Ut, _ = state()
            quiet = loss[i] < self.QUIET_LOSS
            outline.to(plane(latent_polygon(Wt)))
            origin = plane([0, 0])
            lines = [a.points for a in axes] + [outline.points]
            for j in range(7):
                tip = plane(Wt[:, j])
                head = tip + self.ARROW * np.r_[Ut[:, j], 0]
                cols[j].put(origin, tip)
                ups[j].put(tip, head)
                ups[j].set_opacity(0.0 if quiet else 1.0)
                lines += [np.array([origin, tip])] + ([] if quiet else [np.array([tip, head])])
            spots.frame(lines)
            for j in (6, 0, 1, 2, 3, 4, 5):                   # W₇ first: the column the scene is about
                r = np.linalg.norm(Wt[:, j])
                size = (names[j].width, names[j].height)
                tip = plane(Wt[:, j])
                u = np.r_[Wt[:, j] / max(r, 1e-9), 0]
                n = np.array([-u[1], u[0], 0])
                off = 0.08 + abs(n[0]) * size[0] / 2 + abs(n[1]) * size[1] / 2     # box just clear of the shaft
                # beside the column near its tip (either side, further back if need be), then round its tip
                spots_j = [tip - back * u + sign * off * n for back in (0.55, 0.9, 1.3) if back < r * plane.scale - 0.1
                           for sign in (1, -1)] + around(tip, size, u) + around(tip, size, u, gap=0.35)
                if j == 6:             # W₇ short: in its gap, beside its update arrow (first when very short)
                    in_gap = [origin + 1.05 * gap + 0.2 * side, *around(origin + 1.05 * gap, size, side)]
                    spots_j = in_gap + spots_j if r < self.SHORT else spots_j + in_gap
                names[j].move_to(spots.place(j, size, spots_j))
            dot.to(plane(Wt[:, 6]) + 0.08 * np.array([[1, 0, 0], [0, 1, 0], [-1, 0, 0], [0, -1, 0]]))
            dot.set_opacity(1.0 if np.linalg.norm(Wt[:, 6]) < self.SHORT else 0.0)   # W₇ ≈ 0: not an invisible arrow

        arrows.add_updater(place)
        place(arrows)
        self.movers = arrows
        corner = RIGHT * 1.6 + UP * 2.3
        readout = Readout(corner, 24)

        def show(g):
            i, _, Wt, bt, _, s = state()
            g.show((f"step  {int(round(s)):>6,d}\n‖W₇‖ = {np.linalg.norm(Wt[:, 6]):.3f}\n"
                    f"b₇   = {bt[6]:+.3f}\nloss = {loss[i]:.2e}").replace("-", "−"))

        readout.add_updater(show)
        show(readout)
        note = label("arrows at the tips: the update −lr·∇\nof each column, normalised so that\n"
                     f"the largest is 1 (averaged over\n{self.SMOOTH * d['every']} steps)", 18, line_spacing=0.9)
        note.move_to(corner, aligned_edge=UL).shift(DOWN * 2.3)
        self.add(title, axes, arrows, readout, note)
        self.play(fader(note).animate.set_value(1.0), run_time=1.0)
        self.wait(1.0)

        # beat 2: training plays; the clock slows where the weights move fast (the run-away tilt)
        self.play(t.animate.set_value(1.0), run_time=self.RUN_TIME, rate_func=linear)

        # beat 3: W₇ learnt, b₇ negative: Asymmetric Recovery; the updates are noise now (faded)
        quiet = f"{self.QUIET_LOSS:.0e}".replace("e-0", "e−")
        done = label(f"W₇ learnt, b₇ < 0:\nAsymmetric Recovery\n(loss < {quiet}: the updates are\n"
                     "rounding noise, arrows hidden)", 20, c=colors[6], line_spacing=0.9)
        done.next_to(note, DOWN, buff=0.45).align_to(note, LEFT)
        self.add(done)
        self.play(fader(done).animate.set_value(1.0), run_time=0.8)
        self.wait(1.5)


class TiltingHexagon(WhiteScene):
    """The latent hexagon as a plane in 3-D: W₇ = a·W₆ tilts it, then b₇ → 0 sinks half of it below 0."""
    TOPIC = "opt_failure"
    QUALITY = "final"       # the build quality whose Symmetric Failure it shows (set by the renderer)
    A_MAX = 0.06            # the post's W₇ = 0.06·W₆ (the scene says whether the tilted hexagon stays above 0)
    Z_SCALE = 7.0           # dim 7 drawn this many times larger than the latent axes (the post enlarges it too)
    SCALE = 1.85            # scene units per latent unit
    ELEVATION = 0.42        # camera elevation (rad)
    AZIMUTH = (-0.55, -0.05)  # camera azimuth from → to over the scene (rad): a slow turn
    TILT_TIME = 5.0
    SINK_TIME = 4.0

    def construct(self):
        # data: the site's Symmetric Failure (the stills' specimen); its six learnt columns are the hexagon
        sf = showcase.symmetric_failure(qualities.get(self.QUALITY))
        W, b, seed, step = sf.W, sf.b, sf.seed, sf.step
        colors = feature_colors(7)
        hexagon = latent_polygon(W[:, :6])
        a, b7, clock = ValueTracker(0.0), ValueTracker(float(b[6])), ValueTracker(0.0)
        center = DOWN * 1.0 + LEFT * 2.9
        total = 4.0 + self.TILT_TIME + self.SINK_TIME + 5.0

        def view(p3):
            az = self.AZIMUTH[0] + (self.AZIMUTH[1] - self.AZIMUTH[0]) * min(clock.get_value() / total, 1.0)
            return project(p3, az, self.ELEVATION, self.SCALE, center)

        def lift(h, z):      # latent points (P, 2) at dim-7 heights z → 3-D (P, 3)
            h = np.atleast_2d(h)
            return np.c_[h, np.broadcast_to(np.asarray(z, float) * self.Z_SCALE / self.SCALE, len(h))]

        def height(h):        # feature 7's pre-activation over the plane: W₇ᵀh + b₇, W₇ = a·W₆
            return np.atleast_2d(h) @ (a.get_value() * W[:, 5]) + b7.get_value()

        # beat 1: the axes, the zero level of dim 7 and the flat plane at height b₇ = 1/7
        title = label("The latent plane in 3-D: feature 7's output over the hexagon", 26).to_edge(UP, buff=0.3)
        R = 2.4 * float(np.linalg.norm(W[:, :6], axis=0).max())   # named ends well outside the hexagon
        Rn = 0.6 * R                                                  # the unnamed ends, shorter
        floor = Shape(stroke_color=GUIDE, stroke_width=1.5)
        axes = [Shape(closed=False, stroke_color=INK, stroke_width=2) for _ in range(3)]
        axis_names = [label(s, 20) for s in ("h₁", "h₂", "dim 7")]
        pos = Shape(stroke_color=colors[6], stroke_width=2, fill_color=colors[6], fill_opacity=0.35)
        neg = Shape(stroke_color=GUIDE, stroke_width=2, fill_color=GUIDE, fill_opacity=0.25)
        hatches = [Shape(closed=False, stroke_color=GUIDE, stroke_width=1.5) for _ in range(30)]
        sticks = [Shape(closed=False, stroke_color=colors[j], stroke_width=4) for j in range(6)]
        tops = [Shape(stroke_color=colors[j], fill_color=colors[j], fill_opacity=1, stroke_width=1) for j in range(6)]
        values = [Readout(ORIGIN, 17, slots=9) for _ in range(6)]    # "W₆ +0.14" at each stick's tip (11 CSS px)
        backs = [Shape(fill_color=BACKGROUND, fill_opacity=0.85, stroke_width=0) for _ in range(6)]  # axes pass behind
        scene3d = VGroup(floor, *axes, *axis_names, *hatches, neg, *sticks, pos, *tops, *backs, *values)
        spots = Spots()

        def redraw(_):
            floor.to(view(lift(hexagon, 0.0)))
            ends = [([-Rn, 0], [R, 0], 0, 0), ([0, -Rn], [0, R], 0, 0), ([0, 0], [0, 0], -0.2, 0.45)]
            for ax, nm, (p, q, z0, z1) in zip(axes, axis_names, ends):
                seg = view(np.r_[lift(p, z0), lift(q, z1)])
                ax.to(seg)
                nm.move_to(seg[1] + 0.3 * (seg[1] - seg[0]) / np.linalg.norm(seg[1] - seg[0]))
            w7 = a.get_value() * W[:, 5]
            up = clip_halfplane(hexagon, w7, b7.get_value())
            down = clip_halfplane(hexagon, -w7, -b7.get_value()) if np.any(w7) or b7.get_value() < 0 else hexagon[:0]
            pos.to(view(lift(up, height(up))) if len(up) >= 3 else [])
            neg.to(view(lift(down, height(down))) if len(down) >= 3 else [])
            lines = hatch(down, 0.2, 0.9) if len(down) >= 3 else []
            for k, hl in enumerate(hatches):
                hl.to(view(lift(lines[k], height(lines[k]))) if k < len(lines) else [])
            z = height(W[:, :6].T)
            spots.frame([ax.points for ax in axes], taken=[(nm.get_corner(DL), nm.get_corner(UR)) for nm in axis_names])
            for j in range(6):
                base, top = view(lift(W[:, j], 0.0))[0], view(lift(W[:, j], z[j]))[0]
                sticks[j].to([base, top])
                tops[j].to(top + 0.06 * np.array([[1, 0, 0], [0, 1, 0], [-1, 0, 0], [0, -1, 0]]))
                # outward from the plane's centre on screen, so no label lies over the plane
                u = top - view(lift([0.0, 0.0], z[j]))[0]
                u /= np.linalg.norm(u)
                text = f"W{'₁₂₃₄₅₆'[j]} {z[j]:+.2f}".replace("-", "−")
                width, cap = len(text) * values[j].adv, values[j].height_line / 2.16
                anchor = top + 0.16 * u
                half = np.array([width / 2, cap / 2, 0])
                centre = anchor - np.array([width * (1 - u[0]) / 2, cap * (1 - u[1]) / 2, 0]) + half
                # a label an axis would run through (W₂, W₅ sit on h₁) or that would hide an axis name
                # steps off it, away from the floor
                step = np.array([0, (cap + 0.12) * (1 if z[j] >= 0 else -1), 0])
                values[j].corner = spots.place(j, (width, cap), [centre, centre + step, centre + 2 * step]) - half
                values[j].show(text)
                x0, y0 = values[j].corner[:2] - 0.04
                x1, y1 = x0 + width + 0.08, y0 + cap + 0.08
                backs[j].to([[x0, y0, 0], [x1, y0, 0], [x1, y1, 0], [x0, y1, 0]])

        scene3d.add_updater(redraw)
        redraw(scene3d)
        clock.add_updater(lambda m, dt: m.increment_value(dt))
        readout = Readout(RIGHT * 1.6 + UP * 2.4, 22, slots=40)
        readout.add_updater(lambda r: r.show((f"W₇ = a·W₆\na    = {a.get_value():.3f}\n"
                                              f"b₇   = {b7.get_value():+.3f}").replace("-", "−")))
        source = label(f"a real Symmetric Failure: seed {seed},\nstep {step:,} of an n = 7 batch", 17,
                       c=GUIDE, line_spacing=0.9).to_corner(DR, buff=0.25)
        caption = label("W₇ = 0: no tilt. b₇ = 1/7 lifts the\nwhole hexagon above 0: feature 7\nis on everywhere",
                        19, line_spacing=0.9).move_to(RIGHT * 1.6 + UP * 0.5, aligned_edge=UL)
        self.add(title, source, clock, scene3d, readout, caption)      # static ones first: drawn once
        shown = fader(caption)
        self.play(shown.animate.set_value(1.0), run_time=1.0)
        self.wait(2.0)

        # beat 2: W₇ grows along W₆: the W₆ side rises, the far side (W₃) sinks, all still above 0
        z = self.A_MAX * W[:, 5] @ W[:, :6] + b[6]                    # the vertices' heights at a = A_MAX
        sub = "₁₂₃₄₅₆"
        tilt_caption = label(f"W₇ = a·W₆ tilts the plane:\nW{sub[int(z.argmax())]} rises most, W{sub[int(z.argmin())]} sinks most;\n"
                             f"at a = {self.A_MAX} all of it is {'still above' if z.min() > 0 else 'partly below'} 0",
                             19, line_spacing=0.9)
        tilt_caption.move_to(caption, aligned_edge=UL)
        self.play(shown.animate.set_value(0.0), run_time=0.4)
        self.remove(caption)
        self.add(tilt_caption)
        shown = fader(tilt_caption)
        self.play(shown.animate.set_value(1.0), run_time=0.5)
        self.play(a.animate.set_value(self.A_MAX),
                  run_time=self.TILT_TIME, rate_func=smooth)
        self.wait(0.5)

        # beat 3: b₇ lowered to 0: the plane pivots about dim 7 = 0; the half below 0 is zeroed by ReLU
        sink_caption = label("b₇ → 0: half of the hexagon dips\nbelow 0 (grey, hatched), where\nReLU outputs 0",
                             19, line_spacing=0.9).move_to(caption, aligned_edge=UL)
        self.play(shown.animate.set_value(0.0), run_time=0.4)
        self.remove(tilt_caption)
        self.add(sink_caption)
        shown = fader(sink_caption)
        self.play(shown.animate.set_value(1.0), run_time=0.5)
        self.play(b7.animate.set_value(0.0),
                  run_time=self.SINK_TIME, rate_func=smooth)
        self.wait(3.0)


class TrainingRun(WhiteScene):
    """A whole run from Symmetric Failure to Asymmetric Recovery: columns and zones, loss and b₇ together."""
    TOPIC = "opt_failure"
    SCALE = 1.1             # scene units per latent unit (the columns reach 2.1: the plane fills its side)
    # seconds of playback: up to Symmetric Failure, its plateau, the skew and recovery, the rest
    DURATIONS = (5.0, 4.0, 6.0, 2.0)
    SLOW_SHARE = 0.5        # share of each segment's clock given to how far the weights moved
    RECOVERED = DEFAULT.loss  # loss below which every feature is learnt (the classifier's tolerance)
    LOSS_FLOOR = 1e-7       # the loss axis' bottom (a recovered run's float32 loss jitters far below it)

    def construct(self):
        # data: a seed found by the outcome classifier, recorded every 10 steps
        sp = showcase.recovery()        # the run of the stills asymmetric_failure_1…4, relabelled alike
        seed, steps, loss = sp.seed, sp.steps, sp.loss_hist
        W, b = sp.W_hist.astype(float), sp.b_hist.astype(float)
        shape = symmetric_failure_shape(W, b)
        n = W.shape[-1]
        colors = feature_colors(n)
        sf_idx = np.where(shape)[0]
        failing = loss > self.RECOVERED                                     # some feature still unlearnt
        learnt = sf_idx[-1] + int(np.argmin(failing[sf_idx[-1]:]))          # first record recovered
        done = min(len(steps) - 1, learnt + int(np.searchsorted(steps[learnt:], 1.25 * steps[learnt])))
        self.clock = clock = segment_clock(steps, W, b, [0, sf_idx[0], sf_idx[-1], done, len(steps) - 1], self.DURATIONS,
                              self.SLOW_SHARE, log=True)
        self.playback = t = ValueTracker(0.0)

        def state():
            i, f = at_clock(clock, t.get_value())
            return i, f, (1 - f) * W[i] + f * W[i + 1], (1 - f) * b[i] + f * b[i + 1], \
                np.exp((1 - f) * np.log(steps[i] + 1) + f * np.log(steps[i + 1] + 1)) - 1

        # beat 1: left the latent plane (columns, zones); right the loss and b₇ over log steps
        title = label(f"One training run (seed {seed}, n = 7, AdamW): Symmetric Failure → Asymmetric Recovery",
                      21).to_edge(UP, buff=0.25)
        self.plane = plane = Plane(center=LEFT * 3.6 + DOWN * 0.45, scale=self.SCALE)
        zones_ = LatentZones(colors, plane, opacity=0.35)
        self.cols = cols = [FastArrow(colors[j], 4.5, tip=0.18) for j in range(n)]
        names = [label(f"W{'₁₂₃₄₅₆₇'[j]}", 18) for j in range(n)]
        xt = [(1, "1"), (10, "10"), (100, "100"), (1000, "1k"), (10000, "10k")]
        lo = Panel(RIGHT * 0.9 + UP * 0.75, 5.6, 2.0, (1, steps[-1] + 1), (self.LOSS_FLOOR, 1.0), logx=True, logy=True)
        bp = Panel(RIGHT * 0.9 + DOWN * 3.1, 5.6, 2.5, (1, steps[-1] + 1), (-0.6, 0.6), logx=True)
        x = steps + 1
        small = 17                      # tick and axis text: 11 CSS px when the video fills the 688 px column
        plots = VGroup(lo.axes(xt, [(1e-6, "1e−6"), (1e-3, "1e−3"), (1, "1")], ylabel="loss", size=small),
                       lo.curve(x, np.maximum(loss, self.LOSS_FLOOR), INK, 2.5),
                       bp.axes(xt, [(-0.5, "−0.5"), (0, "0"), (0.5, "0.5")], xlabel="step",
                               ylabel="b₇ (bias of the unlearnt feature)", size=small),
                       Shape(closed=False, stroke_color=GUIDE, stroke_width=1.5).to(
                           [bp.point(1, 1 / 7), bp.point(x[-1], 1 / 7)]),
                       Shape(closed=False, stroke_color=GUIDE, stroke_width=1.5).to(
                           [bp.point(1, 0), bp.point(x[-1], 0)]),
                       bp.curve(x, b[:, n - 1], colors[n - 1], 3),
                       label("1/7", small, c=GUIDE).next_to(bp.point(x[-1], 1 / 7), RIGHT, buff=0.1))
        marks = [Shape(stroke_color=INK, fill_color=INK, fill_opacity=1, stroke_width=1),
                 Shape(stroke_color=colors[n - 1], fill_color=colors[n - 1], fill_opacity=1, stroke_width=1)]
        cursor = [Shape(closed=False, stroke_color=GUIDE, stroke_width=1.5) for _ in range(2)]
        readout = Readout(LEFT * 6.8 + UP * 3.05, 20, slots=40)
        phases = {"learning": label("learning", 22), "sf": label("Symmetric Failure: W₇ = 0, b₇ ≈ 1/7", 22),
                  "skew": label("the skew grows, W₇ is learnt", 22), "done": label("Asymmetric Recovery", 22)}
        for p in phases.values():
            p.move_to(LEFT * 6.8 + DOWN * 3.65, aligned_edge=LEFT)
        movers = VGroup(zones_, *cols, *names, *cursor, *marks, readout, *phases.values())

        spots = Spots()

        def redraw(_):
            i, f, Wt, bt, s = state()
            zones_.set_state(Wt, bt)
            origin = plane([0, 0])
            for j in range(n):
                cols[j].put(origin, plane(Wt[:, j]))
            spots.frame([zones_.outline.points] + [np.array([origin, plane(Wt[:, j])]) for j in range(n)])
            for j in range(n - 1, -1, -1):          # W₇ first: the feature the run is about
                r = np.linalg.norm(Wt[:, j])
                size = (names[j].width, names[j].height)
                # round the tip, outward first; a column near 0 is named beside the origin, down-left
                at, u = (plane(Wt[:, j]), np.r_[Wt[:, j] / r, 0]) if r > 0.3 else (origin, np.array([-0.7, -0.7, 0]))
                names[j].move_to(spots.place(j, size, [c for away in (0.08, 0.35, 0.6) for c in around(at, size, u, away)]))
            lt = np.exp((1 - f) * np.log(max(loss[i], 1e-15)) + f * np.log(max(loss[i + 1], 1e-15)))
            for mk, cur, panel, y in ((marks[0], cursor[0], lo, max(lt, self.LOSS_FLOOR)), (marks[1], cursor[1], bp, bt[n - 1])):
                p = panel.point(s + 1, y)
                mk.to(p + 0.08 * np.array([[1, 0, 0], [0, 1, 0], [-1, 0, 0], [0, -1, 0]]))
                cur.to([panel.point(s + 1, panel.ylim[0] if not panel.logy else 10 ** panel.ylim[0]),
                        panel.point(s + 1, panel.ylim[1] if not panel.logy else 10 ** panel.ylim[1])])
            readout.show((f"step {int(round(s)):>6,d}   loss {lt:.1e}\n‖W₇‖ = {np.linalg.norm(Wt[:, n - 1]):.3f}"
                          f"   b₇ = {bt[n - 1]:+.3f}").replace("-", "−"))
            k = i if f < 0.5 else i + 1
            phase = ("sf" if shape[k] else "learning" if k < sf_idx[0] else "skew" if failing[k] else "done")
            for name, p in phases.items():
                p.set_opacity(1.0 if name == phase else 0.0)

        movers.add_updater(redraw)
        self.movers = movers
        redraw(movers)
        self.add(title, plots, movers)
        self.wait(1.5)

        # beat 2: training plays on a clock that passes plateaus quickly and slows where weights move
        self.play(t.animate.set_value(clock[-1]), run_time=clock[-1], rate_func=linear)
        self.wait(2.0)

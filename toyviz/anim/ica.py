"""Manim scenes of the ICA vs SAEs post: solving for ŝ with A fixed, and learning A under every
variant the post tried (E3–E6.3), each column of A traced with a fading trail beside its angle error.

Render one from the project root with `manim -ql --disable_caching toyviz/anim/ica.py LearningA`
(or `toyviz render LearningA`). Every number drawn comes from the ICA engine (`toyviz.ica`): each
scene replays the cached run of a named specimen (`toyviz.ica.showcase`: the preset and the seed the
site shows); no scene trains. The update-arrow videos (E4.3) are in `toyviz/anim/ica_updates.py`.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `manim toyviz/anim/ica.py Scene` imports this file by path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Circle, DashedLine, Dot, FadeIn, FadeOut, ValueTracker, VGroup,
                   VMobject, linear)

from toyviz.anim.ica_mobjects import (SOURCES, TEXT, AngleGauge, Columns, Dots, ErrorPlot, EvidencePlot, IcaReadout,
                                      LossPlot, Trail, axes_cross, interp, mix, nice_below, rings, scatter,
                                      square, true_columns)
from toyviz.anim.mobjects import GUIDE, INK, Panel, Plane, WhiteScene, label, warp
from toyviz.ica import column_sources, dead_columns, map_exact, objective, showcase

# The layout of the data-plane scenes (scene units; the frame is 14.2 × 8): the title across the top,
# the data plane on the left with its notes under it, the readout and the plots in a column on the
# right; no text lies on the plane, so none covers data.
PLANE_CENTER = LEFT * 3.95 + UP * 0.25  # the plane spans ±PLANE_RADIUS around it
PLANE_RADIUS = 2.8
NOTES = LEFT * 6.85 + DOWN * 2.8        # top-left corner of the notes (legend, verdict) under the plane
READOUT = RIGHT * 0.75 + UP * 3.0       # first baseline of the readout
PLOT_X, PLOT_W = 0.85, 5.75             # the right column's plots: left edge (their axis) and width
PLOT_BOTTOM, PLOT_TOP = -2.95, 1.3      # the lowest plot's x axis, and the top of the plots' area
UPPER_BOTTOM = 0.55                     # a second plot above the error plot: its x axis


class _IcaScene(WhiteScene):
    TOPIC = "ica"
    SPECIMEN = ""            # the run shown: a name of `toyviz.ica.showcase.SPECIMENS`
    QUALITY = None           # the build's Quality (set by `at`); ICA specimens are the same at every one

    @classmethod
    def at(cls, quality):
        """This scene at the build's `quality` (a subclass with `QUALITY` set), for the renderer."""
        return type(cls.__name__, (cls,), {"QUALITY": quality})

    def specimen(self) -> showcase.IcaSpecimen:
        return showcase.specimen(self.SPECIMEN, self.QUALITY)


class LearningSHat(_IcaScene):
    """Solving for ŝ with A fixed (E2): the post's projected gradient descent moves each reconstruction
    A ŝ (coloured by the RGB mix of ŝ) from 0 to its data point.

    Data and A: the E2 preset (200 points, A = A_true + N(0, 0.3²)), specimen "s_hat": the first seed
    whose A spans the plane with non-negative coefficients (`showcase.covers_plane`; otherwise points
    outside the columns' cone could only be projected). Iterates: s ← ReLU(s − η∇F) from s = 0 with
    η = σ²/‖A‖₂², drawn against the exact MAP ŝ (`map_exact`).
    """
    SPECIMEN = "s_hat"
    ITERATIONS = 30          # iterates shown
    SHOWN = 200              # data points drawn (all of E2's 200)
    RUN_TIME = 11.0

    def construct(self):
        # data: the preset's data and initial A; the post's gradient descent for ŝ, every iterate
        spec = self.specimen()
        config, run, seed = spec.config, spec.run, spec.seed
        X, A, A_true = run.X[0][: self.SHOWN], run.A[0, 0], run.A_true
        path = showcase.pgd_path(run, self.ITERATIONS)[:, : self.SHOWN]        # (P+1, N, k)
        exact = map_exact(X, A, config.sigma, config.prior_scale, config.nonneg).s
        F = np.array([objective(X, A, s, config.sigma, config.prior_scale).mean() for s in path])
        F_star = float(objective(X, A, exact, config.sigma, config.prior_scale).mean())
        res = np.array([np.linalg.norm(X - s @ A.T, axis=1).mean() for s in path])
        its = np.arange(len(path))
        clock = warp(its, path, np.zeros((len(path), 1)), share=0.6, log=False)
        reach = 1.05 * float(np.percentile(np.linalg.norm(X, axis=1), 97))
        inside = (np.abs(X) <= 0.97 * reach).all(1)          # drawn: the points inside the frame (F uses all)
        plane = Plane(PLANE_CENTER, PLANE_RADIUS / reach)
        self.data_areas = [square(plane, reach)]             # what tests read back: no text may lie there
        colors = SOURCES[: A.shape[1]]
        t = ValueTracker(0.0)

        # beat 1: title, the data (rings), the true columns (dashed) and A's columns, fixed
        title = label("Solving for ŝ with A fixed: projected gradient descent, s ← ReLU(s − η∇F)", 24)
        title.to_edge(UP, buff=0.25)
        zoom = nice_below(0.45 * reach / np.linalg.norm(A, axis=0).mean())
        data = rings(plane(X[inside]), [GUIDE] * int(inside.sum()), radius=0.05, width=1.5)
        cols = Columns(plane, colors, zoom=zoom, width=5).put(A)
        static = VGroup(axes_cross(plane, reach), true_columns(plane, A_true, colors, zoom), data)

        # the moving part: residual segments x → A ŝ and the reconstructions, coloured by ŝ
        resid = VMobject(stroke_color=GUIDE, stroke_width=1.0, stroke_opacity=0.5)
        recon = Dots(int(inside.sum()), radius=0.05)

        def redraw(_):
            S = interp(clock, path, t.get_value())[inside]
            R = plane(S @ A.T)
            P = plane(X[inside])
            seg = np.stack([P, P + (R - P) / 3, P + 2 * (R - P) / 3, R], 1).reshape(-1, 3)
            resid.set_points(seg)
            recon.put(R, mix(S, colors))

        moving = VGroup(resid, recon)
        moving.add_updater(redraw)
        redraw(moving)

        # right: mean objective F over iterations against the exact optimum, and a readout
        ymax = float(F[0]) * 1.05
        panel = Panel(RIGHT * PLOT_X + UP * PLOT_BOTTOM, PLOT_W, PLOT_TOP - PLOT_BOTTOM, (0, its[-1]), (0, ymax))
        ticks = [(v, f"{int(v)}") for v in range(0, its[-1] + 1, 10)]
        yt = [(v, f"{int(v)}") for v in np.arange(0, ymax, 200)]
        axes = panel.axes(xticks=ticks, yticks=yt, xlabel="iteration", size=TEXT)
        curve = panel.curve(its, F, INK, 2.5)
        opt = panel.curve([0, its[-1]], [F_star, F_star], SOURCES[2], 2.0)
        plot_title = label("mean objective F = ‖x − As‖²/2σ² + ‖s‖₁/λ", TEXT)
        plot_title.next_to(panel.point(0, ymax), UP, buff=0.15).align_to(panel.point(0, 0), LEFT)
        opt_label = label("exact optimum", TEXT, c=SOURCES[2]).next_to(panel.point(its[-1], F_star), UP, buff=0.08)
        opt_label.align_to(panel.point(its[-1], 0), RIGHT)
        marker = Dot(panel.point(0, F[0]), radius=0.07, color=INK)
        readout = IcaReadout(READOUT, TEXT, slots=80)

        def show(g):
            u = t.get_value()
            it = float(np.interp(u, clock, its))
            marker.move_to(panel.point(it, float(np.interp(u, clock, F))))
            i = int(np.floor(it + 1e-9))                                        # the iterate last completed
            g.show(f"iteration  {i:3d}\nmean F     {F[i]:7.1f}   (optimum {F_star:.1f})\n"
                   f"mean ‖x − As‖  {res[i]:.2f}")

        pointer = VGroup(readout, marker)
        pointer.add_updater(lambda g: show(readout))
        show(readout)
        beyond = len(X) - int(inside.sum())
        shown = f"{len(X)} data points" + (f" ({beyond} beyond the frame)" if beyond else "")
        note = label(f"rings: {shown}\narrows: columns of A ×{zoom:g} (seed {seed}); dashed: A_true\n"
                     "dots: A ŝ in the RGB mix of ŝ (grey: ŝ = 0)", TEXT, line_spacing=0.9)
        note.move_to(NOTES, aligned_edge=UL)
        self.add(title, static, cols, axes, curve, opt, plot_title, opt_label, moving, pointer)
        self.play(FadeIn(note), run_time=0.8)

        # beat 2: the iterations play; the clock slows where ŝ moves most
        self.play(t.animate.set_value(1.0), run_time=self.RUN_TIME, rate_func=linear)
        self.wait(1.2)


class _Learning(_IcaScene):
    """Learning A by ΔA = −A(zŝᵀ + I): columns with fading trails over the data, and the angle error.

    The machinery of every learning video; each subclass names its `SPECIMEN` and title. Errors are
    sign-aware for ŝ ≥ 0 (a column matched to the opposite of its true direction is wrong:
    `angle_errors(..., sign_matters=True)`); the engine's `angle_errors` ignores signs. Learnt columns
    take the colour of the true column they match at the step the figure shows
    (`showcase.shown_step`); over-provisioned runs colour each column by the true direction its
    k-means cluster matches (`cluster_columns`, as `cluster_report` does). A preset that selects its
    A by the model's own criterion (`ICAConfig.select == "likelihood"`, `toyviz.ica.selection`) shows
    that criterion over the steps above the error, marks the step it selects on both, returns the
    columns to that step at the end and prints the selected A's error beside the least error (which
    needs A_true) and the last A's, all in the one error that is plotted. Options for a run that
    fails: `LOG_STEPS` (a log step axis and clock, so the first steps get room), `OBJECTIVE` (the mean
    MAP objective above the error), `DEATH_PAUSE` (seconds to pause, with a label, at the
    step a column dies) and `REFERENCE` (another specimen's error, dashed, for comparison).
    """
    SPECIMEN = ""
    TITLE = ""
    TITLE = "The raw update at a constant rate (E3 run-away): the error falls, then runs away"
    RUN_TIME = 14.0          # seconds of training playback
    SLOW_SHARE = 0.5         # share of the playback clock given to how far A moved
    TRAIL = 1.0              # trail length, as a share of the playback clock
    TRAIL_SAMPLES = 60
    SHOWN = 500              # data points drawn, of those inside the frame (display only; the run uses all)
    FRAMES = 0               # >0: read A at this many evenly spaced playback times only (cheap previews)
    LOG_STEPS = False        # log step axis (and clock): the first steps get room
    OBJECTIVE = False        # show the mean MAP objective (log scale) above the error
    ZOOM_DIP = False         # show the mean error above, its scale set by the steps before it first rises
                             # back above its start (the early dip; what follows runs along the top)
    DEATH_PAUSE = 0.0        # >0: pause this long, labelled, at the first step a column dies
    REFERENCE = ""           # a specimen whose mean error is drawn dashed for comparison
    ZOOM_FROM_START = False  # scale the arrows by the starting column norms (not the whole run's median)
    GAUGE = 0.0              # >0: a magnifier of the columns' angles from A_true, × this gain
    START_MARKS = False      # ring each column's starting tip (where its trail begins)
    TRAIL_FLOOR = 0.0        # opacity share the oldest part of a trail keeps
    REFERENCE_TEXT = ""      # its name in the plot's key

    def colours(self, A_eval, A_true, signed):
        """Colour of each learnt column: its matched true column's, or its cluster's (over-provisioned);
        with the cluster labels (None unless over-provisioned; `column_sources`)."""
        source, labels, _ = column_sources(A_eval, A_true, signed)
        return [SOURCES[j] if j >= 0 else GUIDE for j in source], labels

    def construct(self):
        # data: the cached preset run (every A over training, ŝ every few steps, angle errors)
        spec = self.specimen()
        config, run = spec.config, spec.run
        X, A_true, A = run.X[0], run.A_true, run.A[0]                          # A: (T+1, 2, k)
        T, signed = config.steps, not config.nonneg
        steps = np.arange(T + 1)
        mean, worst = run.errors()                                             # the error the oracle uses
        eval_step = int(run.selected.step[0])                                  # the step the rule selected
        chosen = config.select != "final"
        lrs = np.r_[run.lr, run.lr[-1:]] if T else np.zeros(1)
        dead = dead_columns(run.s_hat[0])                                      # per record
        rec = run.record_steps
        clock = warp(steps, A, np.zeros((T + 1, 1)), share=self.SLOW_SHARE, log=self.LOG_STEPS)
        colors, labels = self.colours(A[showcase.shown_step(run)], A_true, signed)
        n_true = A_true.shape[1]
        norms = np.linalg.norm(A, axis=1)                                      # (T+1, k)
        reach = 1.08 * float(np.percentile(np.linalg.norm(X, axis=1), 90 if len(X) > 20 else 100))
        typical = norms[:1] if self.ZOOM_FROM_START else norms                # column norms the zoom is set by
        zoom = nice_below(0.5 * reach / max(float(np.median(typical[np.isfinite(typical)])), 1e-6))
        plane = Plane(PLANE_CENTER, PLANE_RADIUS / reach)
        self.data_areas = [square(plane, reach)]             # what tests read back: no text may lie there
        t = ValueTracker(0.0)

        # beat 1: title, the data, the true columns (dashed), the columns of A and the error plot;
        # a run that selects its A by the model's criterion shows that criterion above the error
        title = label(self.TITLE, 24).to_edge(UP, buff=0.25)
        if title.width > 13.4:
            title.scale_to_fit_width(13.4)
        big = len(X) <= 20
        drawn = X if big else X[(np.abs(X) <= reach).all(1)][: self.SHOWN]    # points inside the plane only
        data = (rings(plane(X), [SOURCES[i] for i in range(len(X))], radius=0.1, width=3) if big
                else scatter(plane(drawn)))
        static = VGroup(axes_cross(plane, reach), data,
                        true_columns(plane, A_true, SOURCES[:n_true], reach=0.98 * reach, signed=signed))
        cols = Columns(plane, colors, zoom=zoom, clip=0.98 * reach, width=5)
        trails = [Trail(c, pieces=10, width=4.0, floor=self.TRAIL_FLOOR) for c in colors]
        if self.START_MARKS:
            static.add(*[Dot(plane(p), radius=0.07, color=c) for c, p in zip(colors, cols.tips(A[0]))])
        criterion = config.select == "likelihood"
        marks = [(eval_step, "" if criterion else "least error")] if chosen else []  # the criterion panel names it
        plot_title = "angle error" + (" (sign-aware)" if config.nonneg else " (sign-free)")
        reference = None
        if self.REFERENCE:
            ref = showcase.specimen(self.REFERENCE, self.QUALITY).run
            reference = (np.arange(ref.config.steps + 1), ref.errors()[0], self.REFERENCE_TEXT)
        upper = criterion or self.OBJECTIVE or self.ZOOM_DIP or bool(self.GAUGE)   # a second panel above the error
        corner, upper_corner = RIGHT * PLOT_X + UP * PLOT_BOTTOM, RIGHT * PLOT_X + UP * UPPER_BOTTOM
        height = (UPPER_BOTTOM - 0.9 if upper else PLOT_TOP) - PLOT_BOTTOM        # room for its title (and key)
        plot = ErrorPlot(corner, PLOT_W, height, steps, mean, worst, marks=marks, title=plot_title,
                         logx=self.LOG_STEPS, reference=reference)
        if criterion:
            evidence = EvidencePlot(upper_corner, PLOT_W, PLOT_TOP - UPPER_BOTTOM, rec, run.criterion[0], eval_step)
        elif self.OBJECTIVE:
            evidence = LossPlot(upper_corner, PLOT_W, PLOT_TOP - UPPER_BOTTOM, plot, steps, run.objective[0],
                                "mean MAP objective F (the model's misfit)")
        elif self.ZOOM_DIP:
            low = int(np.nanargmin(mean))
            rise = low + int(np.argmax(mean[low:] > mean[0]))                  # back above the starting error
            evidence = LossPlot(upper_corner, PLOT_W, PLOT_TOP - UPPER_BOTTOM, plot, steps, mean,
                                "mean error, cut at {top}: the early dip", upto=float(np.nanmax(mean[: rise + 1])),
                                unit="°")
        else:
            evidence = None
        plots = VGroup(plot) if evidence is None else VGroup(plot, evidence)
        pointers = VGroup(plot.pointer) if evidence is None else VGroup(plot.pointer, evidence.pointer)
        death = showcase.first_dead_step(run) if self.DEATH_PAUSE else None
        if death is not None:                                                  # where it dies, on the error plot
            x = plot.x(death[0])
            plots.add(DashedLine(plot.panel.point(x, 0), plot.panel.point(x, plot.ymax), color=colors[death[1]],
                                 stroke_width=2, dash_length=0.06))
        readout = IcaReadout(READOUT, TEXT, slots=130)
        gauge = None
        if self.GAUGE:                                                         # small turns, magnified
            source, offsets = showcase.angle_offsets(run)                      # (k,), (T+1, k) degrees
            gauge = AngleGauge(RIGHT * (PLOT_X + 0.8) + UP * (UPPER_BOTTOM + PLOT_TOP) / 2, 0.75,
                               np.degrees(np.arctan2(A_true[1], A_true[0])), colors, source, self.GAUGE)
            plots.add(*[m for m in gauge.submobjects if m not in gauge.arrows])
            pointers.add(*gauge.arrows)

        def now():
            u = t.get_value()
            if self.FRAMES:
                u = np.round(u * (self.FRAMES - 1)) / (self.FRAMES - 1)
            return u

        def redraw(_):
            u = now()
            At = interp(clock, A, u)
            cols.put(At)
            back = np.linspace(max(u - self.TRAIL, 0.0), u, self.TRAIL_SAMPLES)
            hist = interp(clock, A, back)                                      # (S, 2, k)
            V = np.swapaxes(hist, 1, 2) * cols.zoom                             # (S, k, 2)
            n = np.linalg.norm(V, axis=-1, keepdims=True)
            V = np.where(n > cols.clip, V * cols.clip / np.where(n > 0, n, 1), V)
            for j, tr in enumerate(trails):
                tr.to(plane(V[:, j]))
            s = float(np.interp(u, clock, steps))
            plot.at(s)
            if evidence is not None:
                evidence.at(s)
            if gauge is not None:
                gauge.put(interp(clock, offsets, u))
            i = int(np.floor(s))
            d = int(dead[min(np.searchsorted(rec, i, side="right") - 1, len(rec) - 1)])
            if death is not None and i >= death[0]:                            # ŝ is recorded every few steps
                d = max(d, 1)
            text = (f"{spec.preset}, seed {spec.seed}   step {i:,d}/{T:,d}\n"
                    f"error: mean {mean[i]:5.1f}°, worst {worst[i]:5.1f}°\n"
                    f"α = {lrs[i]:.3g}  dead {d}  norms {norms[i].min():.2f} to {norms[i].max():.2f}")
            readout.show(text.replace("-", "−"))

        moving = VGroup(*trails, cols, readout, pointers)
        moving.add_updater(redraw)
        redraw(moving)
        self.playback = (t, clock, moving, cols)   # what tests read back: the clock and the drawn columns
        clipped = bool(np.nanmax(norms) * zoom > cols.clip)
        legend = self.legend(zoom, len(drawn), len(X), signed, labels, clipped)
        legend.move_to(NOTES, aligned_edge=UL)
        self.add(title, static, plots, moving)
        self.play(FadeIn(legend), run_time=0.8)
        unused = np.flatnonzero((run.s_hat[0, 0] == 0).all(0))                  # dead from the start
        if self.DEATH_PAUSE and len(unused):
            j = int(unused[0])
            self.point_at(plane(cols.tips(A[0])[j]), colors[j], legend,
                          "the ringed column is dead from the start:\nno data point uses it (ŝ = 0),\n"
                          "so the update only shrinks it")

        # beat 2: training plays; the clock slows where A moves fast; a run whose column dies pauses
        # there, with the column ringed and named
        if death is not None:
            step, j = death
            u = float(clock[step])
            self.play(t.animate.set_value(u), run_time=self.RUN_TIME * u, rate_func=linear)
            self.point_at(plane(cols.tips(A[step])[j]), colors[j], legend,
                          f"step {step}: the ringed column dies,\nno data point uses it (ŝ = 0 for all)")
            self.play(t.animate.set_value(1.0), run_time=self.RUN_TIME * (1 - u), rate_func=linear)
        else:
            self.play(t.animate.set_value(1.0), run_time=self.RUN_TIME, rate_func=linear)

        # beat 3: back to the A the rule selected (the columns, trails, readout and cursors follow),
        # then the verdict: the selected, least-error and last A side by side
        if chosen and eval_step < T:
            self.play(t.animate.set_value(float(clock[eval_step])), run_time=1.2)
        verdict = label(self.verdict(run, config, eval_step, mean, worst), TEXT, line_spacing=0.9)
        verdict.move_to(legend, aligned_edge=UL)
        self.play(FadeOut(legend), FadeIn(verdict), run_time=0.6)
        self.wait(1.6)

    def point_at(self, where, color, legend, text: str) -> None:
        """Pause `DEATH_PAUSE` seconds on a ring at `where`, with `text` in the ring's colour in the
        `legend`'s place (under the plane, off the data)."""
        ring = Circle(radius=0.22, color=color, stroke_width=3).move_to(where)
        note = label(text, TEXT, c=color, line_spacing=0.9).move_to(legend, aligned_edge=UL)
        self.play(FadeIn(ring), FadeOut(legend), FadeIn(note), run_time=0.4)
        self.wait(self.DEATH_PAUSE)
        self.play(FadeOut(ring), FadeOut(note), FadeIn(legend), run_time=0.4)

    def legend(self, zoom, n_drawn, n_points, signed, labels, clipped=False) -> VGroup:
        shown = (f"grey: {n_drawn} of {n_points:,} points" if n_points > 20
                 else f"rings: the {n_points} archetype points")
        lines = [f"{shown}; dashed: A_true{' (±)' if signed else ''}",
                 f"arrows: columns of A ×{zoom:g}{' (cut at the frame)' if clipped else ''}, with trails"]
        if self.START_MARKS:
            lines.append("dots: where each column's tip started")
        if labels is not None:
            lines.append("colour: the true direction of its cluster")
        return label("\n".join(lines), TEXT, line_spacing=0.9)

    def verdict(self, run, config, eval_step, mean, worst) -> str:
        """Where the shown A comes from and its error; with a selection rule, the least-error and the
        last A's errors beside it (one error throughout: the one plotted)."""
        T = config.steps
        if config.select == "likelihood":
            text = f"selected (criterion, step {eval_step}): {mean[eval_step]:.1f}° mean, {worst[eval_step]:.1f}° worst"
            o = int(run.oracle.step[0])
            text += f"\nleast error (needs A_true, step {o}): {mean[o]:.1f}°; end: {mean[T]:.1f}°"
        elif config.select == "oracle":
            text = f"least error (needs A_true, step {eval_step}): {mean[eval_step]:.1f}° mean, {worst[eval_step]:.1f}° worst"
            text += f"\nend: {mean[T]:.1f}°"
        else:
            text = f"end (step {T:,}): {mean[T]:.1f}° mean, {worst[T]:.1f}° worst"
        m = run.metrics
        dead = int(m.dead_columns[0])
        text += f", {dead} dead" if dead else ""
        flips = int(m.flipped[0]) if config.nonneg and run.k == run.A_true.shape[1] else 0
        if flips:
            text += f"\n{flips} flipped column{'s' if flips > 1 else ''}: sign-free error {float(m.angle_mean_deg[0]):.1f}°"
        if self.REFERENCE:
            ref = showcase.specimen(self.REFERENCE, self.QUALITY)
            text += f"\n{self.REFERENCE_TEXT} ({ref.preset}, seed {ref.seed}): end {ref.run.errors()[0][-1]:.1f}°"
        if m.split is not None:
            split = "/".join(str(int(v)) for v in m.split[0])
            cen = ", ".join(f"{v:.0f}°" for v in m.centroid_angle_deg[0])
            text += f"\nclusters {split}, centroids {cen} off"
        return text


class LearningA(_Learning):
    """The run-away: the raw update from a perturbed A_true at a constant α = 0.02 for 2,000 steps
    (preset "E3-runaway"), the error falls and then runs away.

    Specimen "runaway" (`learning_A`): the first seed that learns A_true and then loses it
    (`showcase.falls_then_fails`). On a log step axis the error falls over the first
    steps, then a column dies (the video pauses there) and the error climbs, while the mean MAP
    objective, the model's own misfit, rises without end."""
    SPECIMEN = "runaway"
    TITLE = "The raw update at a constant rate (E3 run-away): the error falls, then runs away"
    LOG_STEPS = True
    OBJECTIVE = True
    DEATH_PAUSE = 2.0


class LearningAPerfect(_Learning):
    """Learning A from a perturbed A_true (preset "E3", 50 steps, α = 0.02): the columns rotate onto
    the true ones, by a few degrees (magnified in a gauge).

    Specimen "perfect": the first seed whose final A is within 5° of A_true (sign-aware). Most seeds
    of this preset end with a column flipped instead (the claims count them)."""
    SPECIMEN = "perfect"
    TITLE = "Learning A from a perturbed A_true (E3): the columns rotate onto the true ones"
    GAUGE = 10.0             # the rotation is a few degrees: magnified in a gauge beside the data
    SLOW_SHARE = 0.3
    RUN_TIME = 11.0


class LearningARandom(_Learning):
    """Learning A from a random Gaussian A (preset "E3-random", 1,500 steps, α = 0.02, seed 0): it
    never finds A_true, and columns die."""
    SPECIMEN = "random"
    TITLE = "The same update from a random A (E3-random): it never finds A_true"


class LearningALaplace(_Learning):
    """Signed (Laplace) data and prior (preset "E4.1", 1,500 steps, seed 0; sign-free error, as signs
    are free here): the columns stop short of the true directions, and one column is dead from the
    start (no point uses it, so the update only shrinks it; the video pauses on it). On a log step
    axis, as everything happens in the first hundred steps. Over
    several seeds of this preset most align (docs/engines/ica.md): the post's failure exists but is
    not the rule."""
    SPECIMEN = "laplace"
    TITLE = "Laplace data and prior (E4.1): the columns do not rotate onto A_true (±)"
    LOG_STEPS = True         # everything happens in the first ~100 steps
    DEATH_PAUSE = 2.0
    ZOOM_FROM_START = True   # two columns grow several-fold: at the run's median norm the start is a dot


class LearningAGaussianNoise(LearningA):
    """Gaussian noise σ = 0.05 added to x (preset "E4.2", 2,000 steps), at the first seed that learns
    A_true and then loses it, drawn as the run-away video with the noise-free run's error (specimen
    "runaway") dashed beside its own: the two curves nearly coincide, so the noise does not help."""
    SPECIMEN = "gaussian_noise"
    TITLE = "With Gaussian noise σ = 0.05 in x (E4.2): the error still runs away"
    REFERENCE = "runaway"
    REFERENCE_TEXT = "mean without noise"


class LearningAInvFullData(_Learning):
    """The (AAᵀ)⁻¹-normalised update on the full data set (preset "E4.3-full", α = 0.5, 3,000 steps),
    at the first seed that learns A_true and then loses it: on a log step axis the error dips over the
    first steps (the upper plot zooms the mean error's scale onto that dip), then optimisation fails;
    column norms grow past the panel (arrows cut there). Short trails (the last 4 % of the playback)
    keep the columns' recent motion readable."""
    SPECIMEN = "inv_full_data"
    LOG_STEPS = True
    ZOOM_DIP = True          # the dip is a few degrees: lost on the error plot's 0–180° scale
    TRAIL = 0.04
    TITLE = "Normalised update on the full data (E4.3-full): optimisation still fails"


class LearningABestEffort3(_Learning):
    """Best effort on 3 sources, full data (preset "E6.1": normalised update, equal column norms,
    spread init, warm-up + cosine α = 0.5, 600 steps, A selected by the model's criterion; seed 0).
    The verdict gives the selected A's error beside the least error and the last A's."""
    SPECIMEN = "best_effort_3"
    TITLE = "Best effort, 3 sources, full data (E6.1): A selected by the evidence"


class LearningABestEffort4Singleton(_Learning):
    """Best effort on 4 irregular archetype points (preset "E6.2-archetypes", seed 0). With four
    points the criterion is an average over four terms; the verdict shows how far its choice is from
    the least error and from the last A."""
    SPECIMEN = "best_effort_4_singleton"
    TITLE = "Best effort, 4 irregular archetypes (E6.2), A selected by the evidence"
    START_MARKS = True       # four points: the trails are short, so mark where each column began
    TRAIL_FLOOR = 0.4


class LearningABestEffortFull4(_Learning):
    """Best effort on 4 irregular sources, full data (preset "E6.2", seed 0): the error is least at an
    early step, then the columns drift off; the criterion's choice and the least error are both
    marked."""
    SPECIMEN = "best_effort_full_4"
    TITLE = "Best effort, 4 irregular sources, full data (E6.2): the columns drift off"


class LearningABestEffort3x6(_Learning):
    """Over-provisioned: 3 true sources, 6 columns (preset "E6.3-6", seed 0): the 3 best-matched
    columns' error at the selected step; the k-means clusters of the 6 directions (the verdict on
    screen gives split and centroid errors) show where the 3 extra columns settle."""
    SPECIMEN = "best_effort_3_6"
    TITLE = "Over-provisioned: 3 sources, 6 columns (E6.3), coloured by cluster"


class LearningABestEffort3x8(_Learning):
    """Over-provisioned: 3 true sources, 8 columns (preset "E6.3-8", seed 0): the best-matched
    columns' error at the selected step; columns coloured by their k-means cluster."""
    SPECIMEN = "best_effort_3_8"
    TITLE = "Over-provisioned: 3 sources, 8 columns (E6.3), coloured by cluster"

"""Manim scenes of the ICA post's update-arrow videos (E4.3): on the three archetype points, the
columns of A and the reconstructions A ŝ (top), and for each data point and summed, the update terms
−Azŝᵀ and −A(zŝᵀ + I) as arrows at the columns' tips (bottom), before and after normalisation.

Render from the project root with `manim -ql --disable_caching toyviz/anim/ica_updates.py
LearningANoNormalization`. The per-point terms are the engine's (`toyviz.ica.update_terms`, kept by
the presets' `record_terms`); each scene replays a named specimen of `toyviz.ica.showcase`.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `manim toyviz/anim/ica_updates.py Scene` imports this file by path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from manim import DOWN, LEFT, RIGHT, UL, UP, UR, FadeIn, ValueTracker, VGroup, linear

from toyviz.anim.ica_mobjects import (SOURCES, TEXT, Columns, Dots, IcaReadout, axes_cross, interp, mix,
                                      nice_below, rings, square, true_columns)
from toyviz.anim.ica import _IcaScene
from toyviz.anim.mobjects import GUIDE, INK, FastArrow, Plane, label
from toyviz.ica import angle_errors, dead_columns


class LearningANoNormalization(_IcaScene):
    """Update arrows before normalisation (E4.3-raw): per-point and summed −Azŝᵀ and −A(zŝᵀ + I).

    Preset "E4.3-raw" (three archetype points x = 2·A_true[:, i], raw update, α = 0.05), specimen
    "no_normalization": the first seed that gets within 5° of A_true and then loses a column within
    40 steps (`showcase.loses_a_column`). The error falls while the update does not shrink: one
    column swings back and forth, jumps past its point and dies (the claims give the steps; the post
    saw its dead column between steps 11 and 13). Arrows are drawn × a fixed factor stated on screen
    (the same for every step, so their lengths compare across the video); arrows longer than the
    panel allows are clipped.
    """
    SPECIMEN = "no_normalization"
    STEPS_SHOWN = 40
    RUN_TIME = 14.0
    ARROW_REACH = 0.8        # data units for the median (over steps) longest arrow
    TITLE = "Before normalisation: ΔA = −A(zŝᵀ + I)"

    def construct(self):
        # data: the recorded run: A every step, ŝ and the per-point terms every step
        spec = self.specimen()
        config, run, seed = spec.config, spec.run, spec.seed
        T = self.STEPS_SHOWN
        X, A_true = run.X[0], run.A_true
        A = run.A[0][: T + 1]                                                  # (T+1, 2, k)
        S = run.s_hat[0][: T + 1]                                              # (T+1, N, k)
        terms = [run.terms_partial[0][: T + 1], run.terms_full[0][: T + 1]]    # (T+1, N, 2, k)
        if config.normalise:                                                   # what the update applies
            M = np.linalg.inv(A @ np.swapaxes(A, 1, 2))                        # (T+1, 2, 2)
            terms = [np.einsum("tab,tnbk->tnak", M, t) for t in terms]
        err = angle_errors(A, A_true, sign_matters=True)
        dA = np.linalg.norm(terms[1].mean(1), axis=(1, 2))                    # ‖ΔA‖ (before α)
        dead = dead_columns(S)
        n, k = X.shape[0], A.shape[2]
        colors = SOURCES[:k]
        steps = np.arange(T + 1, dtype=float)
        clock = steps / T

        # the stated scale: one factor for the whole video, both panels
        longest = np.max([np.r_[np.linalg.norm(t, axis=2).max((1, 2)), np.linalg.norm(t.sum(1), axis=1).max(1)]
                          for t in terms])
        typical = np.percentile(np.concatenate([np.linalg.norm(t.sum(1), axis=1).max(1) for t in terms]
                                               + [np.linalg.norm(t, axis=2).max((1, 2)) for t in terms]), 50)
        scale = nice_below(self.ARROW_REACH / typical)
        clip = 2.0 * self.ARROW_REACH
        clipped = longest * scale > clip

        # beat 1: top, the data, A_true (dashed), the columns of A and the reconstructions A ŝ
        top = Plane(LEFT * 3.9 + UP * 1.8, 1.55 / 2.4)
        static = VGroup(axes_cross(top, 2.4), true_columns(top, A_true, colors, reach=2.35),
                        rings(top(X), colors, radius=0.11, width=3))
        cols = Columns(top, colors, zoom=1.0, clip=2.35, width=4, tip=0.16)
        recon = Dots(n, radius=0.08, stroke=INK)
        title = label(self.TITLE, 24)
        if title.width > 6.3:
            title.scale_to_fit_width(6.3)
        title.move_to(RIGHT * 0.6 + UP * 3.45, aligned_edge=UL)
        readout = IcaReadout(RIGHT * 0.6 + UP * 2.7, TEXT, slots=140)

        # bottom: the two update terms at each column's tip, per point (its colour) and summed (ink)
        names = ["−A z ŝᵀ", "−A (z ŝᵀ + I)"]
        if config.normalise:
            names = ["(AAᵀ)⁻¹ ·\n(−A z ŝᵀ)", "(AAᵀ)⁻¹ ·\n(−A (z ŝᵀ + I))"]
        planes = [Plane(LEFT * 3.45 + DOWN * 2.15, 1.7 / 2.0), Plane(RIGHT * 3.3 + DOWN * 2.15, 1.7 / 2.0)]
        self.data_areas = [square(top, 2.4)] + [square(p, 2.0) for p in planes]   # what tests read back
        bottom = VGroup()
        faint, per_point, summed = [], [], []
        for p, name in zip(planes, names):                     # each term's name left of its plane, off the arrows
            name = label(name, TEXT, line_spacing=0.85).move_to(p([-2.0, 2.0]) + LEFT * 0.1, aligned_edge=UR)
            bottom.add(axes_cross(p, 2.0), name)
            faint.append(Columns(p, [GUIDE] * k, zoom=1.0, clip=1.95, width=3, tip=0.12))
            per_point.append([[FastArrow(colors[j], 3, tip=0.12) for _ in range(k)] for j in range(n)])
            summed.append([FastArrow(INK, 4, tip=0.15) for _ in range(k)])
        arrows = VGroup(*faint, *[a for pp in per_point for row in pp for a in row], *[a for s in summed for a in s])
        note = label(f"bottom: update × {scale:g} at each column's tip\n"  # no colour words: themes differ
                     "colour: its data point; uncoloured: their sum"
                     + (f"\n(arrows cut at length {clip:.2g})" if clipped else ""), TEXT, line_spacing=0.9)
        note.move_to(RIGHT * 0.6 + UP * 0.72, aligned_edge=UL)

        def fit(v):
            n_ = np.linalg.norm(v)
            return v if n_ <= clip else v * clip / n_

        def redraw(_):
            u = t.get_value()
            At = interp(clock, A, u)
            St = interp(clock, S, u)
            cols.put(At)
            recon.put(top(St @ At.T), mix(St, colors))
            for p, fa, pp, sm, term in zip(planes, faint, per_point, summed, terms):
                fa.put(At)
                tips = fa.tips(At)
                tt = interp(clock, term, u)                                    # (N, 2, k)
                for i in range(k):
                    base = p(tips[i])
                    for j in range(n):
                        pp[j][i].put(base, p(tips[i] + fit(scale * tt[j, :, i])))
                    sm[i].put(base, p(tips[i] + fit(scale * tt[:, :, i].sum(0))))
            s = int(np.floor(u * T + 1e-9))
            readout.show((f"{spec.preset}, seed {seed}   step {s:>3d} of {T}\n"
                          f"error: mean {err[s].mean():5.1f}°, worst {err[s].max():5.1f}°\n"
                          f"‖ΔA‖ = {dA[s]:5.2f}  α = {config.lr:g}  dead columns {int(dead[s])}").replace("-", "−"))

        t = ValueTracker(0.0)
        moving = VGroup(cols, recon, arrows, readout)
        moving.add_updater(redraw)
        redraw(moving)
        key = label("top: rings, the 3 data points; dashed: A_true;\n"
                    "dots: A ŝ (RGB mix of ŝ); errors sign-aware", TEXT, line_spacing=0.9)
        key.move_to(RIGHT * 0.6 + UP * 1.62, aligned_edge=UL)
        self.add(static, bottom, moving, title)
        self.play(FadeIn(key), FadeIn(note), run_time=0.8)

        # beat 2: the steps play, one recorded step every RUN_TIME / T seconds
        self.play(t.animate.set_value(1.0), run_time=self.RUN_TIME, rate_func=linear)
        self.wait(1.5)


class LearningANormalized(LearningANoNormalization):
    """Update arrows after normalisation (E4.3): the same terms left-multiplied by (AAᵀ)⁻¹, as applied.

    Preset "E4.3" (the archetypes, update left-multiplied by (AAᵀ)⁻¹, α = 0.05), specimen
    "normalized": the first seed whose final A is within 1° of A_true. The error falls and the
    normalised update shrinks as A nears A_true (on screen as ‖ΔA‖). Not every seed converges (the
    post's "we just got lucky this time"; the claims count them).
    """
    SPECIMEN = "normalized"
    TITLE = "After normalisation: ΔA = −(AAᵀ)⁻¹A(zŝᵀ + I)"

"""Manim scenes of the Optimization Failure post: the update arrows of the run-away tilt, the tilting
hexagon in 3-D, and a whole training run from Symmetric Failure to Asymmetric Recovery.

Render one from the project root with `manim -ql --disable_caching toyviz/anim/opt_failure.py
AsymmetricUpdates` (or `toyviz render AsymmetricUpdates`). Every number drawn comes from the toy
engine (`toyviz.toy`): constructed weights, cached batched runs, seeds found by the outcome classifier.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `manim toyviz/anim/opt_failure.py Scene` imports this file by path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, FadeIn, Line, ValueTracker, VGroup, VMobject, linear)

from toyviz.anim.mobjects import (GUIDE, FastArrow, Plane, Readout, Shape, WhiteScene, at_clock,
                                  feature_colors, label, warp)
from toyviz.toy.config import ToyConfig
from toyviz.toy.experiments import constructed_asymmetry
from toyviz.toy.forces import updates
from toyviz.toy.geometry import latent_polygon
from toyviz.toy.train import train

# The post's slightly asymmetric Symmetric Failure ("Small asymmetry favoring tilt"): the learnt
# six on a circle with b = 1 − r² ≈ −1.025; W₆, W₁ shortened so that b₆ = b₁ = −0.988 keeps their
# own outputs at 1; W₂, W₅ turned 0.03 rad away from them; W₇ tiny along W₁ + W₆, b₇ = 1/7.
ASYMMETRY = dict(n=7, radius=2.025 ** 0.5, delta_b=0.037, shorten=1 - (1.988 / 2.025) ** 0.5, tilt=0.03, w7=0.01)


def asymmetric_run(steps: int, every: int):
    """Train the constructed asymmetric Symmetric Failure with the engine's defaults (AdamW, lr 1e-3),
    recording every `every` steps. Returns (steps (T,), W (T, 2, 7), b (T, 7), loss (T,), lr)."""
    W0, b0 = constructed_asymmetry(**ASYMMETRY)
    config = ToyConfig(n=7, seeds=1, steps=steps, log_points=0, every=every)
    run = train(config, init=(W0, b0))
    return run.steps, run.W_hist[0].astype(float), run.b_hist[0].astype(float), run.loss_hist[0], config.lr


class AsymmetricUpdates(WhiteScene):
    """Update arrows −lr·∇ of every column (largest = 1) as the run-away tilt develops and W₇ is learnt."""
    TOPIC = "opt_failure"
    STEPS = 9000            # training steps shown
    EVERY = 20              # record every N steps
    SMOOTH = 5              # moving average over this many records (float32 jitter), odd
    ARROW = 1.1             # scene length of the largest update arrow
    SCALE = 1.0             # scene units per latent unit
    RUN_TIME = 15.0         # seconds of training playback
    SLOW_SHARE = 0.6        # share of the playback clock given to how far the weights moved

    def construct(self):
        # data: the constructed weights trained by the engine; the update of every recorded state
        steps, W, b, loss, lr = asymmetric_run(self.STEPS, self.EVERY)
        U = np.stack([updates(W[t], b[t], lr)[0] for t in range(len(steps))])          # (T, 2, 7)
        U = U / np.linalg.norm(U, axis=1).max(axis=1)[:, None, None]                    # largest = 1
        if self.SMOOTH > 1:
            k = np.ones(self.SMOOTH) / self.SMOOTH
            U = np.stack([np.apply_along_axis(lambda s: np.convolve(s, k, mode="same"), 0, U[:, a, j])
                          for a in range(2) for j in range(7)], 1).reshape(U.shape[0], 2, 7)
            U = U / np.linalg.norm(U, axis=1).max(axis=1)[:, None, None]
        clock = warp(steps, W, b, share=self.SLOW_SHARE, log=False)
        colors = feature_colors(7)
        plane = Plane(center=LEFT * 3.2 + DOWN * 0.35, scale=self.SCALE)
        t = ValueTracker(0.0)

        def state():
            i, f = at_clock(clock, t.get_value())
            return (i, f, (1 - f) * W[i] + f * W[i + 1], (1 - f) * b[i] + f * b[i + 1],
                    (1 - f) * U[i] + f * U[i + 1], (1 - f) * steps[i] + f * steps[i + 1])

        # beat 1: title, the latent plane, the columns and their update arrows, the readout
        title = label("Small asymmetry favouring tilt: the update of every column", 26).to_edge(UP, buff=0.3)
        reach = 3.0 * self.SCALE
        axes = VGroup(Line(plane([-reach, 0]) , plane([reach, 0]), color=GUIDE, stroke_width=1),
                      Line(plane([0, -reach]), plane([0, reach]), color=GUIDE, stroke_width=1))

        outline = Shape(stroke_color=GUIDE, stroke_width=1.5)

        cols = [FastArrow(colors[j], 5, tip=0.2) for j in range(7)]
        ups = [FastArrow(colors[j], 3, tip=0.14) for j in range(7)]
        names = [label(f"W{'₁₂₃₄₅₆₇'[j]}", 20) for j in range(7)]
        arrows = VGroup(outline, *cols, *ups, *names)

        def place(g):
            _, _, Wt, _, Ut, _ = state()
            outline.to(plane(latent_polygon(Wt)))
            for j in range(7):
                tip = plane(Wt[:, j])
                cols[j].put(plane([0, 0]), tip)
                ups[j].put(tip, tip + self.ARROW * np.r_[Ut[:, j], 0])
                r = np.linalg.norm(Wt[:, j])
                if r > 0.3:                                   # label beside the column, near its tip
                    u = Wt[:, j] / r
                    names[j].move_to(tip - 0.55 * np.r_[u, 0] + 0.25 * np.r_[-u[1], u[0], 0])
                else:                                         # W₇ near the origin: below-left of it
                    names[j].move_to(plane([0, 0]) + np.array([-0.35, -0.3, 0]))

        arrows.add_updater(place)
        place(arrows)
        corner = RIGHT * 1.6 + UP * 2.3
        readout = Readout(corner, 24)

        def show(g):
            i, _, Wt, bt, _, s = state()
            g.show((f"step  {int(round(s)):>6,d}\n‖W₇‖ = {np.linalg.norm(Wt[:, 6]):.3f}\n"
                    f"b₇   = {bt[6]:+.3f}\nloss = {loss[i]:.2e}").replace("-", "−"))

        readout.add_updater(show)
        show(readout)
        note = label("arrows at the tips: the update −lr·∇\nof each column, normalised so that\n"
                     f"the largest is 1 (averaged over\n{self.SMOOTH * self.EVERY} steps)", 18, line_spacing=0.9)
        note.move_to(corner, aligned_edge=UL).shift(DOWN * 2.3)
        self.add(title, axes, arrows, readout)
        self.play(FadeIn(note), run_time=1.0)
        self.wait(1.0)

        # beat 2: training plays; the clock slows where the weights move fast (the run-away tilt)
        self.play(t.animate.set_value(1.0), run_time=self.RUN_TIME, rate_func=linear)

        # beat 3: W₇ learnt, b₇ negative: Asymmetric Recovery
        done = label("W₇ learnt, b₇ < 0:\nAsymmetric Recovery", 22, c=colors[6], line_spacing=0.9)
        done.next_to(note, DOWN, buff=0.45).align_to(note, LEFT)
        self.play(FadeIn(done), run_time=0.8)
        self.wait(1.5)

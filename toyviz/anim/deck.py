"""The slide deck's scenes: both stories told with the SAME scene classes as the site's videos.

Each deck scene subclasses manim-slides' `Slide` and one of the site's scenes (`class TiltDeck(Beats,
TiltingHexagon)`), so the deck shows exactly what the videos show. The scenes themselves are not
edited: `Beats` turns every `self.wait(...)` of a scene into the end of a slide (the deck pauses there
until the speaker moves on), optionally also pauses before a long playback (`PAUSE_BEFORE`), and
gives each slide its speaker notes from the class attribute `NOTES` (one per beat, in order). The
title, section and closing slides are small scenes of their own.

`toyviz slides` renders `DECK` in order and converts it to an offline reveal.js deck
(`toyviz/anim/slides.py`). A deck scene also renders alone with manim-slides' own command:
`manim-slides -S render -ql toyviz/anim/deck.py TiltDeck` (`-S`: no version check). This module is listed in
`toyviz.anim.scenes.NOT_SCENES`: its classes are not separate scenes of the catalogue.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `manim-slides render toyviz/anim/deck.py Scene` imports this file by path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from manim import DOWN, LEFT, UP, FadeIn, VGroup
from manim_slides import Slide

from toyviz.anim.ica import LearningA, LearningABestEffort3, LearningSHat
from toyviz.anim.mobjects import GUIDE, WhiteScene, feature_colors, label
from toyviz.anim.opt_failure import TiltingHexagon, TrainingRun


class Beats(Slide):
    """A `Slide` whose scene's waits end slides, with one speaker note per slide (`NOTES`)."""
    NOTES: tuple[str, ...] = ()
    PAUSE_BEFORE: float | None = None   # also end a slide before any play() at least this long (s)
    LOW: dict = {}                      # class attributes for --quality low (display-only statistics)
    skip_reversing = True               # the HTML deck never plays slides backwards: no reversed videos

    def construct(self):
        self._beat = 0
        self._in_break = False
        self.next_slide(notes=self._note(0))
        super().construct()

    def _note(self, k: int) -> str:
        return self.NOTES[min(k, len(self.NOTES) - 1)] if self.NOTES else ""

    def _end_slide(self):
        if self._in_break:
            return
        self._in_break = True
        self._beat += 1
        self.next_slide(notes=self._note(self._beat))
        self._in_break = False

    def wait(self, *args, **kwargs):
        super().wait(*args, **kwargs)
        self._end_slide()

    def play(self, *args, **kwargs):
        if (self.PAUSE_BEFORE is not None and kwargs.get("run_time", 0) >= self.PAUSE_BEFORE
                and self._current_animation > self._start_animation):
            self._end_slide()
        super().play(*args, **kwargs)


class _Card(Beats, WhiteScene):
    """A text slide: a heading, lines below it, faded in."""
    HEADING = ""
    LINES: tuple[str, ...] = ()
    FOOT = ""

    def construct(self):
        self._beat, self._in_break = 0, False
        self.next_slide(notes=self._note(0))
        heading = label(self.HEADING, 40)
        lines = VGroup(*[label(t, 24, line_spacing=0.9) for t in self.LINES]).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        body = VGroup(heading, lines).arrange(DOWN, aligned_edge=LEFT, buff=0.6)
        if body.width > 13:
            body.scale_to_fit_width(13)
        body.move_to([0, 0.3, 0])
        bar = VGroup(*[label("■", 30, c=c) for c in feature_colors(7)]).arrange(buff=0.08)
        bar.next_to(body, UP, buff=0.5).align_to(body, LEFT)
        parts = [bar, body]
        if self.FOOT:
            parts.append(label(self.FOOT, 16, c=GUIDE).to_edge(DOWN, buff=0.35))
        self.play(FadeIn(VGroup(*parts), shift=UP * 0.15), run_time=0.6)


# ----------------------------------------------------------------------------------- the cards
class TitleSlide(_Card):
    """Title: the two stories."""
    HEADING = "toyviz: two stories, every animation from a model we train"
    LINES = ("1  Optimization failure: why a tiny ReLU autoencoder leaves a feature unlearnt,\n"
             "    and how it recovers",
             "2  ICA vs SAEs: inferring sparse codes works; learning the dictionary A\n"
             "    by gradient descent is fragile")
    FOOT = "toyviz slides  ·  each animation also: toyviz render SCENE --quality high"
    NOTES = ("Two small toy models, each animation drawn from runs toyviz trains itself (cached engine runs, "
             "seeds found by code). Press S for this speaker view, → to advance, space to pause a video.",)


class OptFailureSection(_Card):
    """Section: Optimization failure."""
    HEADING = "1  Optimization failure"
    LINES = ("n = 7 features squeezed through a 2-D latent space by a ReLU autoencoder.",
             "Six are learnt as a hexagon; the seventh can be left at W₇ = 0:\nSymmetric Failure.",
             "Why it stays stuck, and how a small asymmetry frees it.")
    NOTES = ("The set-up of the post: x ∈ ℝ⁷ sparse, h = Wx in 2-D, x̂ = ReLU(Wᵀh + b). "
             "In Symmetric Failure six columns form a hexagon and W₇ = 0 with b₇ ≈ 1/7.",)


class IcaSection(_Card):
    """Section: ICA vs SAEs."""
    HEADING = "2  ICA vs SAEs"
    LINES = ("Overcomplete ICA in 2-D: data x = A s with sparse, non-negative sources s.",
             "Step 1: with A fixed, infer the codes ŝ (MAP, as an SAE's encoder would).",
             "Step 2: learn A itself, with the post's update ΔA = −A(zŝᵀ + I).")
    NOTES = ("The second post compares SAEs with overcomplete ICA on a 2-D toy: three or more sources, "
             "columns of A as the dictionary. First inference, then learning.",)


class ClosingSlide(_Card):
    """Closing: what to take away, and where the animations are."""
    HEADING = "What to take away"
    LINES = ("Symmetric Failure is a stationary point: W₇ = 0 gets no push until\n"
             "a small asymmetry tilts the zones; then W₇ is learnt (Asymmetric Recovery).",
             "With A fixed, the sparse codes ŝ are found reliably.",
             "Learning A is the hard part: the raw update runs away at a constant rate;\n"
             "the best-effort recipe (normalised update, schedule, A selected by the model's evidence) succeeds.")
    FOOT = "All scenes: toyviz render --list  ·  this deck: toyviz slides --quality high"
    NOTES = ("Every animation in this deck is a toyviz scene: `toyviz render --list` lists them; "
             "`toyviz render SCENE --quality high --format webm` renders one for another talk.",)


# ----------------------------------------------------------------------- the stories' scenes
class TiltDeck(Beats, TiltingHexagon):
    """TiltingHexagon in three beats: flat, tilted, sunk."""
    LOW = {"QUALITY": "preview"}        # the same Symmetric Failure, from the preview's smaller batch
    NOTES = (
        "A real Symmetric Failure from an n = 7 batch (seed and step on screen). Feature 7's pre-activation "
        "W₇ᵀh + b₇ is drawn as a plane over the latent hexagon. With W₇ = 0 it is flat at b₇ = 1/7: "
        "feature 7 is on everywhere, the same small amount for every input.",
        "Let W₇ grow along W₆: the plane tilts. The W₆ side rises, the far side sinks; at the post's "
        "a = 0.06 the whole hexagon is still above 0, so nothing is switched off yet.",
        "Now lower b₇ to 0: the plane pivots about the zero level and half of the hexagon dips below 0, "
        "where ReLU outputs 0. Feature 7 becomes selective: only a tilted W₇ with a lower b₇ "
        "makes it fire for its own inputs.",
    )


class TrainingRunDeck(Beats, TrainingRun):
    """TrainingRun: the set-up, then the whole run."""
    NOTES = (
        "One real training run (seed found by the outcome classifier, n = 7, AdamW). Left: the latent "
        "plane, each column Wⱼ and its zone. Right: the loss and b₇, the unlearnt feature's bias, "
        "over log steps.",
        "The clock passes plateaus quickly and slows where the weights move: learning, the Symmetric "
        "Failure plateau (W₇ = 0, b₇ ≈ 1/7), a skew that grows, then W₇ is learnt and b₇ turns "
        "negative: Asymmetric Recovery, and the loss falls to its floor.",
    )


class SHatDeck(Beats, LearningSHat):
    """LearningSHat: the set-up, then projected gradient descent for ŝ."""
    PAUSE_BEFORE = 5.0
    NOTES = (
        "Step 1, inference (preset E2): 200 data points (grey rings), A fixed (arrows; A_true dashed). "
        "For each point we solve for its sparse non-negative code ŝ by the post's projected gradient "
        "descent, s ← ReLU(s − η∇F).",
        "Each dot is a reconstruction Aŝ, coloured by the mix of ŝ; it moves from 0 to its data point. "
        "The mean objective (right) reaches the exact MAP optimum: with A fixed, inference works.",
    )


class RunawayDeck(Beats, LearningA):
    """LearningA (E3 run-away): the set-up, then the error falls and runs away."""
    PAUSE_BEFORE = 5.0
    LOW = {"SHOWN": 250, "TRAIL_SAMPLES": 30}
    NOTES = (
        "Step 2, learning A with the post's update ΔA = −A(zŝᵀ + I) at a constant rate α = 0.02, "
        "from a perturbed A_true (preset E3-runaway; seed found by code). Arrows: the columns of A with "
        "fading trails; right: the sign-aware angle error to A_true.",
        "The error first falls, then runs away: columns turn over, shrink and die (verdict on screen). "
        "A constant rate with the raw update is not stable.",
    )


class BestEffortDeck(Beats, LearningABestEffort3):
    """LearningABestEffort3 (E6.1): the recipe, then it converges."""
    PAUSE_BEFORE = 5.0
    LOW = {"SHOWN": 250, "TRAIL_SAMPLES": 30}
    NOTES = (
        "The best-effort recipe (preset E6.1): the (AAᵀ)⁻¹-normalised update, equal column norms, "
        "a spread start, warm-up then cosine schedule, and the A the model's evidence selects.",
        "With the whole recipe the columns settle on the true directions (errors in the verdict on "
        "screen), where the raw update of the previous slide ran away.",
    )


# The deck, in order: about 15 slides (each story's scene gives one slide per beat).
DECK = (TitleSlide, OptFailureSection, TiltDeck, TrainingRunDeck, IcaSection, SHatDeck, RunawayDeck,
        BestEffortDeck, ClosingSlide)

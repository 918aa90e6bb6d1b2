"""Training progress of one seed: ‖Wᵢ‖, bᵢ and the loss over steps, with a latent snapshot at a marked
step (optimization-failure.md, "Asymmetric Recovery": the post's "training progress" plots).

Histories come relabelled by `toyviz.toy.specimen.order_features` (the unlearnt feature last, drawn as feature 7 in
mediumblue); draw code reads recorded arrays only, the geometry comes from `toyviz.toy.geometry`.
"""
from __future__ import annotations

import numpy as np

from toyviz import colour
from toyviz.plot import latent, style
from toyviz.toy.analysis import feature_norms
from toyviz.toy.geometry import latent_polygon, zones
from toyviz.toy.recovery import learnt_spread

STAGE_TITLES = {"symmetric_failure": "Symmetric Failure reached", "skew": "skew begins to show",
                "w7_grows": r"$W_7$ grows, $b_7$ falls", "recovered": "Asymmetric Recovery achieved"}


def stage_note(W: np.ndarray, b: np.ndarray, loss: float) -> str:
    """The numbers that define the stages, for a snapshot's corner (unlearnt feature last)."""
    n = W.shape[-1]
    return (rf"$\|W_7\|$ = {np.linalg.norm(W[:, -1]):.3f},  $b_7$ = {b[-1]:.3f}" "\n"
            rf"loss = {loss:.2e},  spread of $\|W_{{1..{n - 1}}}\|$ = {100 * learnt_spread(W, range(n - 1)):.1f} %")


def snapshot(ax, W: np.ndarray, b: np.ndarray, colors, radius: float | None = None, labels: bool = True) -> float:
    """The latent plane at one step: the polygon through the columns, every zone, the columns.
    Returns the half-width used."""
    W = np.asarray(W, np.float64)
    radius = radius or 1.25 * max(float(np.abs(W).max()), 0.5)
    latent.polygon(ax, latent_polygon(W))
    z = zones(W, b)
    latent.zones(ax, z[-1:], colors[-1:], alpha=0.22)   # the unlearnt feature's zone: often everything
    latent.zones(ax, z[:-1], colors[:-1])
    latent.columns(ax, W, colors, labels=labels, lw=1.8)
    style.equal_square(ax, radius)
    return radius


def history(axes, steps, W_hist, b_hist, loss_hist, colors, mark: int | None = None,
            span: tuple[int, int] | None = None, third: str = "loss") -> None:
    """Three panels sharing a linear step axis: ‖Wᵢ‖, bᵢ, and `third`: the loss (log) or the spread of
    the learnt lengths (%, the unlearnt feature being the last). `mark`: a vertical line at that step;
    `span`: shade the steps [a, b]. The feature legend is `feature_legend`'s."""
    ax_w, ax_b, ax_l = axes
    s = np.asarray(steps)
    norms = feature_norms(W_hist)
    for i, c in enumerate(colors):
        kw = dict(color=c, lw=1.6 if i == len(colors) - 1 else 1.2, label=f"${i + 1}$", zorder=3)
        ax_w.plot(s, norms[:, i], **kw)
        ax_b.plot(s, b_hist[:, i], **kw)
        if colour.is_pale(c):        # outline pale colours so they stay visible on white
            for ax, y in ((ax_w, norms[:, i]), (ax_b, b_hist[:, i])):
                ax.plot(s, y, color="#8a6d5a", lw=2.4, zorder=2)
    if third == "loss":
        ax_l.plot(s, loss_hist, color=style.INK, lw=1.3)
        ax_l.set_yscale("log")
        ax_l.set_ylim(max(float(loss_hist.min()) * 0.5, 1e-7), float(loss_hist.max()) * 2)
        ax_l.set_ylabel("loss")
    else:
        ax_l.plot(s, 100 * learnt_spread(np.asarray(W_hist), range(len(colors) - 1)), color=style.INK, lw=1.3)
        ax_l.set_ylabel(f"spread of\n$\\|W_{{1..{len(colors) - 1}}}\\|$ (%)")
    ax_w.set_ylabel(r"$\|W_i\|$")
    ax_b.set_ylabel(r"$b_i$")
    ax_b.axhline(0, color=style.GUIDE, lw=0.6, zorder=0)
    for ax in axes:
        ax.set_xlim(s[0], s[-1])
        if span is not None:
            ax.axvspan(*span, color="#f0e6c8", zorder=0, lw=0)
        if mark is not None:
            ax.axvline(mark, color=style.INK, lw=1.0, ls="--", zorder=4)
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    ax_l.set_xlabel("step")
    ax_l.locator_params(axis="x", nbins=4)


def feature_legend(ax_top, ax_bottom) -> None:
    """The colour of each feature's curves, under the history panels (below `ax_bottom`'s step label)."""
    ax_bottom.legend(*ax_top.get_legend_handles_labels(), ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.42),
               frameon=False, handlelength=1.3, columnspacing=1.0, title=r"feature $i$ (7: the one left unlearnt)",
               title_fontsize=9.5, fontsize=9.5)


def panels(fig):
    """The training-progress layout for the site's column: three history panels sharing the step
    axis on the left, the latent snapshot on the right. Returns (history axes, snapshot axes)."""
    gs = fig.add_gridspec(3, 2, width_ratios=[1.15, 1.0], hspace=0.14, wspace=0.42)
    axes = [fig.add_subplot(gs[0, 0])]
    axes += [fig.add_subplot(gs[i, 0], sharex=axes[0]) for i in (1, 2)]
    return axes, fig.add_subplot(gs[:, 1])


def progress_figure(path, quality, steps, W_hist, b_hist, loss_hist, t: int, title: str, colors=None,
                    radius: float | None = None, note: str | None = None, window: tuple[int, int] | None = None,
                    third: str = "loss") -> None:
    """The post's training-progress figure, drawn for the site's column: the three history panels
    (linear steps over `window`, all steps if None) with a marker at checkpoint `t`, and the latent
    snapshot at that checkpoint. The unlearnt feature is the last."""
    n = W_hist.shape[-1]
    colors = colors or style.feature_colors(n)
    steps = np.asarray(steps)
    lo, hi = window or (int(steps[0]), int(steps[-1]))
    win = (steps >= lo) & (steps <= hi)
    with style.figure(figsize=(7.0, 4.0)) as (fig, _):
        fig.delaxes(_)
        axes, snap = panels(fig)
        history(axes, steps[win], W_hist[win], b_hist[win], loss_hist[win], colors, mark=int(steps[t]), third=third)
        snapshot(snap, W_hist[t], b_hist[t], colors, radius)
        snap.set_title(f"latent plane at step {int(steps[t]):,}", fontsize=10)
        if note:
            snap.annotate(note, xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -36), textcoords="offset points",
                          fontsize=9.5, va="top", ha="center", color=style.INK)
        feature_legend(axes[0], axes[-1])
        fig.suptitle(title, fontsize=12, y=0.99)
        style.save(fig, path, quality)


def stage_view(stage: str, at: dict, last: int) -> tuple[tuple[int, int], str]:
    """Each stage's own view of what changes: the step window (from the stages' steps `at` and the
    last step) and the third panel. Stage 1 shows the whole run (the plateau, then the recovery);
    stages 2–4 happen within about a thousand steps, so each gets a window around its own change:
    the learnt lengths fanning apart, b₇ falling as W₇ grows, the loss collapsing."""
    _, s2, s3, s4 = (at[k] for k in STAGE_TITLES)
    return {"symmetric_failure": ((0, last), "loss"),
            "skew": ((s2 - (s3 - s2) * 3 // 2, s3 + (s3 - s2) // 2), "spread"),
            "w7_grows": ((s2, s4 + (s4 - s2) // 2), "loss"),
            "recovered": ((s3 - (s4 - s2) // 2, s4 + 2 * (s4 - s2)), "loss")}[stage]


def stage_figure(path, quality, specimen, stage: str) -> None:
    """`progress_figure` of a recovery `toyviz.toy.specimen.Specimen` at one of its four stages; the
    latent plane has one scale across the four (the longest column at any stage fits)."""
    t = specimen.stages[stage]
    at = {k: int(specimen.steps[i]) for k, i in specimen.stages.items()}
    window, third = stage_view(stage, at, int(specimen.steps[-1]))
    radius = 1.2 * max(float(np.abs(specimen.W_hist[i]).max()) for i in specimen.stages.values())
    number = list(STAGE_TITLES).index(stage) + 1
    progress_figure(path, quality, specimen.steps, specimen.W_hist, specimen.b_hist, specimen.loss_hist, t,
                    f"Stage {number} of 4: {STAGE_TITLES[stage]} (seed {specimen.seed})", radius=radius,
                    note=stage_note(specimen.W_hist[t], specimen.b_hist[t], specimen.loss_hist[t]),
                    window=window, third=third)

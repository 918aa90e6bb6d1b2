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
    return (rf"$\|W_7\|$ = {np.linalg.norm(W[:, -1]):.3f},  $b_7$ = {b[-1]:.3f},  loss = {loss:.2e}" "\n"
            rf"spread of $\|W_1\|,\dots,\|W_6\|$ (max$-$min)/mean = {100 * learnt_spread(W, range(n - 1)):.1f} %")


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


def history(axes, steps, W_hist, b_hist, loss_hist, colors, mark: int | None = None, log: bool = True,
            span: tuple[int, int] | None = None) -> None:
    """Three panels sharing the step axis: ‖Wᵢ‖, bᵢ, loss (log). `mark`: a vertical line at that step;
    `span`: shade the steps [a, b]. Step 0 is left out on a log axis."""
    ax_w, ax_b, ax_l = axes
    steps = np.asarray(steps)
    keep = steps > 0 if log else np.ones(len(steps), bool)
    s = steps[keep]
    norms = feature_norms(W_hist)[keep]
    for i, c in enumerate(colors):
        kw = dict(color=c, lw=1.6 if i == len(colors) - 1 else 1.2, label=f"${i + 1}$", zorder=3)
        ax_w.plot(s, norms[:, i], **kw)
        ax_b.plot(s, b_hist[keep, i], **kw)
        if colour.is_pale(c):        # outline pale colours so they stay visible on white
            for ax, y in ((ax_w, norms[:, i]), (ax_b, b_hist[keep, i])):
                ax.plot(s, y, color="#8a6d5a", lw=2.4, zorder=2)
    ax_l.plot(s, loss_hist[keep], color=style.INK, lw=1.3)
    ax_l.set_yscale("log")
    ax_l.set_ylim(max(float(loss_hist[keep].min()) * 0.5, 1e-7), float(loss_hist[keep].max()) * 2)
    ax_w.set_ylabel(r"$\|W_i\|$")
    ax_b.set_ylabel(r"$b_i$")
    ax_l.set_ylabel("loss")
    ax_b.axhline(0, color=style.GUIDE, lw=0.6, zorder=0)
    for ax in axes:
        if log:
            ax.set_xscale("log")
        ax.set_xlim(s[0], s[-1])
        if span is not None:
            ax.axvspan(*span, color="#f0e6c8", zorder=0, lw=0)
        if mark is not None:
            ax.axvline(mark, color=style.INK, lw=1.0, ls="--", zorder=4)
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    ax_l.set_xlabel("step" + (" (log scale)" if log else ""))
    ax_w.legend(ncol=7, loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=8.5, frameon=False,
                handlelength=1.2, columnspacing=0.9, title=r"feature $i$ (7: the one left unlearnt)",
                title_fontsize=8.5, borderaxespad=0.1)


def progress_figure(path, quality, steps, W_hist, b_hist, loss_hist, t: int, title: str, colors=None,
                    radius: float | None = None, note: str | None = None) -> None:
    """The post's training-progress figure: the three history panels (log step axis) with a marker at
    checkpoint `t`, and the latent snapshot at that checkpoint. The unlearnt feature is the last."""
    n = W_hist.shape[-1]
    colors = colors or style.feature_colors(n)
    with style.figure(figsize=(10.5, 5.2)) as (fig, _):
        fig.delaxes(_)
        gs = fig.add_gridspec(3, 2, width_ratios=[1.35, 1.0], hspace=0.12, wspace=0.22)
        axes = [fig.add_subplot(gs[0, 0])]
        axes += [fig.add_subplot(gs[i, 0], sharex=axes[0]) for i in (1, 2)]
        history(axes, steps, W_hist, b_hist, loss_hist, colors, mark=int(steps[t]))
        snap = fig.add_subplot(gs[:, 1])
        snapshot(snap, W_hist[t], b_hist[t], colors, radius)
        snap.set_title(f"step {int(steps[t]):,}", fontsize=11)
        if note:
            snap.text(0.5, -0.16, note, transform=snap.transAxes, fontsize=9.5, va="top", ha="center",
                      color=style.INK)
        fig.suptitle(title, fontsize=13, y=1.03)
        style.save(fig, path, quality)


def stage_figure(path, quality, specimen, stage: str) -> None:
    """`progress_figure` of a recovery `toyviz.toy.specimen.Specimen` at one of its four stages."""
    t = specimen.stages[stage]
    progress_figure(path, quality, specimen.steps, specimen.W_hist, specimen.b_hist, specimen.loss_hist, t,
                    f"{STAGE_TITLES[stage]} (seed {specimen.seed}, step {int(specimen.steps[t]):,})",
                    note=stage_note(specimen.W_hist[t], specimen.b_hist[t], specimen.loss_hist[t]))

"""Training progress of one seed: ‖Wᵢ‖, bᵢ and the loss over steps, with a latent snapshot at a marked
step (optimization-failure.md, "Asymmetric Recovery": the post's "training progress" plots).

The post could not colour its progress plots like its latent plots because it did not know in advance
which feature would stay unlearnt. Here `post_order` relabels the features of a recorded history so
that the unlearnt one is drawn as feature 7 in mediumblue and the learnt ones are W₁ … W₆
counter-clockwise from the direction W₇ eventually takes (so W₁ and W₆ are its neighbours, as in the
post). `recovery_stages` finds the four stages of an Asymmetric Recovery by measured criteria.
Draw code reads recorded arrays only; the geometry comes from `toyviz.toy.geometry`.
"""
from __future__ import annotations

import numpy as np

from toyviz.plot import latent, style
from toyviz.toy.analysis import feature_norms, symmetric_failure_shape
from toyviz.toy.geometry import latent_polygon, zones

STAGES = ("symmetric_failure", "skew", "w7_grows", "recovered")
STAGE_TITLES = {"symmetric_failure": "Symmetric Failure reached", "skew": "skew begins to show",
                "w7_grows": r"$W_7$ grows, $b_7$ falls", "recovered": "Asymmetric Recovery achieved"}


def post_order(W: np.ndarray, unlearnt: int, direction: np.ndarray) -> np.ndarray:
    """A permutation `perm` (new feature i = old feature perm[i]) putting `unlearnt` last and the
    learnt features of W (2, n) counter-clockwise from `direction` (the unlearnt feature's eventual
    direction), so that the post's W₁ and W₆ are W₇'s two neighbours."""
    W = np.asarray(W, np.float64)
    ref = np.arctan2(direction[1], direction[0])
    learnt = [i for i in range(W.shape[1]) if i != unlearnt]
    ang = np.mod(np.arctan2(W[1, learnt], W[0, learnt]) - ref, 2 * np.pi)
    return np.array([learnt[j] for j in np.argsort(ang)] + [unlearnt])


def relabel(perm, *arrays):
    """Apply `post_order`'s permutation to the feature (last) axis of W (…, m, n), b (…, n), …"""
    return tuple(np.asarray(a)[..., perm] for a in arrays)


def learnt_spread(W: np.ndarray, learnt) -> np.ndarray:
    """(max − min)/mean of the learnt features' lengths, W (..., m, n) → (...): 0 on a regular polygon."""
    r = feature_norms(W)[..., learnt]
    return (r.max(axis=-1) - r.min(axis=-1)) / r.mean(axis=-1)


def recovery_stages(W_hist, b_hist, loss_hist, steps, skew: float = 0.10, b_drop: float = 0.10,
                    loss_tol: float = 1e-4) -> dict | None:
    """Checkpoint indices of the four stages of an Asymmetric Recovery in one seed's history
    (W_hist (T, m, n), b_hist (T, n), loss_hist (T,)), the unlearnt feature being the last one
    (apply `post_order` first), or None when a stage is missing. Criteria:

    - `symmetric_failure`: the first checkpoint in the engine's Symmetric Failure shape whose loss is
      within 1 % of the plateau's (n − 1)/n³;
    - `skew`: the first checkpoint after it where the learnt lengths spread by more than `skew`
      ((max − min)/mean; the shape allows 5 %);
    - `w7_grows`: the first checkpoint after that where b₇ has fallen `b_drop` below its peak while
      ‖W₇‖ grows (b₇ first rises during the skew, then falls as W₇ is learnt);
    - `recovered`: the first checkpoint after that with every feature learnt and loss ≤ `loss_tol`.
    """
    n = W_hist.shape[-1]
    u, learnt = n - 1, list(range(n - 1))
    sf = symmetric_failure_shape(W_hist, b_hist) & (np.abs(loss_hist / ((n - 1) / n ** 3) - 1) < 0.01)
    out = {}
    t = _first(sf, 0)
    if t is None:
        return None
    out["symmetric_failure"] = t
    t = _first(learnt_spread(W_hist, learnt) > skew, t)
    if t is None:
        return None
    out["skew"] = t
    b7 = b_hist[:, u]
    peak = np.maximum.accumulate(np.where(np.arange(len(b7)) >= t, b7, -np.inf))
    t = _first((b7 < peak - b_drop) & (np.arange(len(b7)) >= t), t)
    if t is None:
        return None
    out["w7_grows"] = t
    alive = feature_norms(W_hist).min(axis=-1) >= 0.1
    t = _first(alive & (loss_hist <= loss_tol), t)
    if t is None:
        return None
    out["recovered"] = t
    return out


def find_recovery(run, labels=None):
    """The seed of a batched run to show an Asymmetric Recovery with: the most typical
    `asymmetric_recovery` seed (`find_seeds` order) with exactly one dead feature at its first
    Symmetric Failure checkpoint and all four `recovery_stages` found. Returns (position in the run,
    `post_order` permutation), or None."""
    from toyviz.toy.analysis import dead_features, find_seeds
    sf = symmetric_failure_shape(run.W_hist, run.b_hist)
    for k in find_seeds(run, "asymmetric_recovery", labels=labels):
        t0 = int(np.argmax(sf[k]))
        dead = np.where(dead_features(run.W_hist[k, t0]))[0]
        if dead.size != 1:
            continue
        perm = post_order(run.W_hist[k, t0], int(dead[0]), run.W[k][:, dead[0]])
        W, b = relabel(perm, run.W_hist[k], run.b_hist[k])
        if recovery_stages(W, b, run.loss_hist[k], run.steps) is not None:
            return int(k), perm
    return None


def _first(mask, start: int):
    idx = np.where(np.asarray(mask)[start:])[0]
    return None if idx.size == 0 else int(start + idx[0])


def stage_note(W: np.ndarray, b: np.ndarray, loss: float) -> str:
    """The numbers that define the stages, for a snapshot's corner (unlearnt feature last)."""
    n = W.shape[-1]
    return (rf"$\|W_7\|$ = {np.linalg.norm(W[:, -1]):.3f},  $b_7$ = {b[-1]:.3f},  loss = {loss:.2e}" "\n"
            rf"spread of $\|W_1\|,\dots,\|W_6\|$ (max$-$min)/mean = {100 * learnt_spread(W, range(n - 1)):.1f} %")


def output7(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each learnt vertex's pre-activation in dim 7 (the last), y₇ = W₇ᵀWⱼ + b₇, W (2, n) → (n − 1,)."""
    W = np.asarray(W, np.float64)
    return W[:, -1] @ W[:, :-1] + float(b[-1])


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
        if latent._is_pale(c):        # outline pale colours so they stay visible on white
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

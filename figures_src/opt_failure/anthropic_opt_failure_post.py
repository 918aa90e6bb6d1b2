"""The "two circles" optimisation failure, regenerated: features at two radii, or at more

Olah and Henighan's note (cited by Anthropic) shows a failed run whose points lie on two circles of
different radii. This regenerates that picture from toyviz's own runs: a batch of n = 7, m = 2
models trained with the post's settings (AdamW, lr 1e-3, 25,000 steps); every seed that ends with
all features learnt and a loss ≤ 1e-4 is classified by the engine's `circles` (the sorted learnt
lengths split wherever one is more than 10 % longer than the previous): one circle, two radii, or a
spread (three or more radii). The panels show, for each split of two radii that occurs (short +
long: 1 + 6, 2 + 5, 3 + 4), the first such seed of the batch, and the first seed of the commonest
spread, with dashed circles at the mean radius of each group. The title gives the counts: "two
radii" is common but not the rule; more often the short features sit at different radii.
"""
from collections import Counter

import numpy as np

from toyviz.plot import circles, latent, style
from toyviz.toy import showcase
from toyviz.toy.analysis import circle_kind, circles as length_groups, dead_features
from toyviz.toy.specimen import order_features

ID = "opt_failure/anthropic_opt_failure_post"
KIND = "still"
REPRODUCES = "opt_failure/anthropic_opt_failure_post.png"
FILES = ["anthropic_opt_failure_post.png"]

LOSS = 1e-4       # converged: every feature reconstructed


def build(out, quality):
    run = showcase.post_batch(quality)
    ok = np.where(~dead_features(run.W).any(axis=1) & (run.loss <= LOSS))[0]
    kinds = {int(k): circle_kind(run.W[k]) for k in ok}
    split = {k: tuple(len(g) for g in length_groups(run.W[k])) for k in ok}
    counts = Counter(kinds.values())
    shown = []
    for inner in (1, 2, 3):                                  # short + long = inner + (7 − inner)
        found = [k for k in ok if kinds[k] == "two radii" and split[k][0] == inner]
        if found:
            shown.append((found[0], f"two radii: {inner} short + {7 - inner} long"))
    spread = Counter(split[k] for k in ok if kinds[k] == "spread")
    if spread:
        common = spread.most_common(1)[0][0]
        k = next(k for k in ok if split[k] == common)
        shown.append((k, f"spread: {len(common)} radii ({' + '.join(map(str, common))})"))
    colors = style.feature_colors(7)
    rows = -(-len(shown) // 2)
    height = 1.1 + 3.25 * rows                                 # a three-line header, then the panels
    with style.figure(rows, 2, figsize=(7.0, height), squeeze=False) as (fig, axes):
        for ax, (k, title) in zip(axes.flat, shown):
            W = run.W[k][:, order_features(run.W[k])].astype(np.float64)
            radius = 1.18 * float(np.linalg.norm(W, axis=0).max())
            radii = circles.draw_radii(ax, W, label=False)
            latent.columns(ax, W, colors, labels=False, lw=1.8)
            style.equal_square(ax, radius)
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_title(f"{title}\nseed {run.seeds[k]}: radii " + ", ".join(f"{r:.2f}" for r in radii), fontsize=10)
        for ax in axes.flat[len(shown):]:
            ax.axis("off")
        n_ok = len(ok)
        fig.suptitle(f"n = 7, m = 2, AdamW, 25,000 steps: of {run.K} seeds, {n_ok} end with\nevery feature learnt; "
                     f"their lengths lie on one circle in {counts['one circle']},\non two radii in "
                     f"{counts['two radii']}, spread over 3+ radii in {counts['spread']}", fontsize=11)
        fig.subplots_adjust(top=1 - 1.25 / height, bottom=0.03, hspace=0.3, wspace=0.2)
        style.save(fig, out / FILES[0], quality)

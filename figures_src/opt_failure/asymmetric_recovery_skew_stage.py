"""The skew stage: learnt features lengthen and their biases fall, on one side

The Asymmetric Recovery run of `asymmetric_failure_1` … `_4` (the same search, the same seed trained
alone with a checkpoint every 10 steps; features relabelled so the unlearnt one is feature 7 in
mediumblue, W₁ and W₆ its neighbours). Left: ‖Wᵢ‖ and bᵢ on a linear step axis zoomed on the skew
stage, shaded from where the learnt lengths spread by more than 10 % to where b₇ has fallen 0.1
below its peak; the dashed line marks b₇'s peak (the end of the skew), where the right panel is
drawn: the latent plane with the Symmetric Failure columns as dotted ghosts, so the lengthening on
the side away from W₇ (W₃, W₄) and the shorter W₁, W₆ beside it are visible.
"""
import numpy as np

from toyviz.plot import progress, style
from toyviz.toy import showcase
from toyviz.toy.analysis import feature_norms

ID = "opt_failure/asymmetric_recovery_skew_stage"
KIND = "still"
REPRODUCES = "opt_failure/asymmetric_recovery_skew_stage.png"
FILES = ["asymmetric_recovery_skew_stage.png"]


def build(out, quality):
    sp = showcase.recovery()
    W, b, loss, steps, st = sp.W_hist, sp.b_hist, sp.loss_hist, sp.steps, sp.stages
    a, z = st["skew"], st["w7_grows"]
    peak = a + int(np.argmax(b[a:z + 1, -1]))                     # b₇'s peak: the end of the skew
    lo = max(0, a - (z - a) // 3)
    win = slice(lo, min(len(steps), z + (z - a) // 6))
    colors = style.feature_colors(7)
    with style.figure(figsize=(7.0, 4.2)) as (fig, _):
        fig.delaxes(_)
        axes, snap = progress.panels(fig)
        progress.history(axes, steps[win], W[win], b[win], loss[win], colors, mark=int(steps[peak]),
                         span=(int(steps[a]), int(steps[z])))
        progress.feature_legend(axes[0], axes[-1])
        sf = W[st["symmetric_failure"]]
        for j in range(6):                                       # Symmetric Failure ghosts
            snap.plot([0, sf[0, j]], [0, sf[1, j]], color=colors[j], lw=1.2, ls=":", zorder=3)
        progress.snapshot(snap, W[peak], b[peak], colors, radius=1.15 * float(np.abs(W[peak]).max()))
        r = feature_norms(W[peak])
        snap.set_title(f"step {int(steps[peak]):,} (dotted: step {int(steps[st['symmetric_failure']]):,})",
                       fontsize=10)
        snap.annotate(r"$\|W_j\|$: " + ", ".join(f"{x:.2f}" for x in r[:6]) + "\n"
                  r"$b_j$: " + ", ".join(f"{x:.2f}" for x in b[peak, :6]) + f"\n$b_7$ = {b[peak, 6]:.3f}, "
                  rf"$\|W_7\|$ = {r[6]:.3f}", xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -36),
                      textcoords="offset points", ha="center", va="top", fontsize=9.5)
        fig.suptitle(f"The skew stage (seed {sp.seed}): steps {int(steps[a]):,}–{int(steps[z]):,} shaded",
                     fontsize=12, y=0.99)
        style.save(fig, out / FILES[0], quality)

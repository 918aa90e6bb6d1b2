"""The million-run map: how training ends over perturbation (or mixing angle) × learning rate

`toyviz.toy.chaos.outcome_map_cached` trains one float64 run per pixel for T = 5,000 AdamW steps (the
post's chaos sweep) with the engine's batched kernel and a learning rate per seed: 1024 × 1024 runs at
final quality, 256 × 256 at preview. Top left: the post's plane, the hand-built Symmetric Failure
with b₁ and b₆ raised by δ; colour is the engine's outcome label. Top right: the post's measure, the
splay Σⱼ‖Wⱼ‖ at step T, on the same plane. Bottom left: the plain plane, W = cos α·W_a + sin α·W_b
from two of the engine's random initialisations, where a run can also stay perfect. White crosses: the zoom centres
of `chaos_dimension`, drawn at random among boundary pixels (seed 0). Bottom right: the colour key.
"""
import numpy as np
from matplotlib.colors import ListedColormap

from toyviz.plot import style
from toyviz.plot.phase import OUTCOME_COLORS, OUTCOME_NAMES
from toyviz.toy import LABELS
from toyviz.toy import chaos

ID = "beyond/chaos_map"
KIND = "still"
REPRODUCES = None
FILES = ["chaos_map.png"]


def build(out, quality):
    p = chaos.preset(quality)
    maps = {kind: chaos.outcome_map_cached(chaos.Window.level0(chaos.Plane(kind), p["map_side"], "float64"))
            for kind in chaos.PLANES}
    cmap = ListedColormap([OUTCOME_COLORS[name] for name in LABELS])
    with style.figure(2, 2, figsize=(7.2, 7.6), sharey="row", gridspec_kw=dict(hspace=0.42, wspace=0.2)) as (fig, axes):
        for ax, (kind, key, title) in zip(axes.flat, [("constructed", "code", "outcome at T (post's plane)"),
                                                      ("constructed", "splay", r"splay $\Sigma_j\,\|W_j\|$ at T"),
                                                      ("plain", "code", "outcome at T (plain plane)")]):
            res, plane = maps[kind], chaos.Plane(kind)
            x0, x1, y0, y1 = plane.extent
            if key == "code":
                ax.imshow(res["code"], origin="lower", cmap=cmap, vmin=-0.5, vmax=len(LABELS) - 0.5,
                          extent=(x0, x1, y0, y1), aspect="auto", interpolation="nearest")
                boundary = next(b for b, k in chaos.BOUNDARIES.items() if k == kind)
                c = chaos.zoom_centres(chaos.zoom_config(boundary, quality), res)
                ax.plot(c[:, 0], c[:, 1], "x", color="white", ms=8, mew=2.2)
                ax.plot(c[:, 0], c[:, 1], "x", color="black", ms=6, mew=1.0)
            else:
                im = ax.imshow(res["splay"], origin="lower", cmap="viridis", extent=(x0, x1, y0, y1),
                               aspect="auto", interpolation="nearest")
                fig.colorbar(im, ax=ax, fraction=0.07, pad=0.03)
            ax.set_title(title, fontsize=11)
            ax.set_xlabel(r"perturbation $\delta$ of $b_1, b_6$" if kind == "constructed"
                          else r"mixing angle $\alpha$ (rad)")
        for ax in axes[:, 0]:
            ax.set_ylabel(r"$\log_{10}$ learning rate (AdamW)")
        # the fourth cell holds the colour key of both outcome maps
        key = axes[1, 1]
        key.axis("off")
        present = sorted({int(v) for res in maps.values() for v in np.unique(res["code"])})
        handles = [style.plt.Rectangle((0, 0), 1, 1, color=OUTCOME_COLORS[LABELS[i]]) for i in present]
        key.legend(handles, [OUTCOME_NAMES[LABELS[i]] for i in present], loc="center left", frameon=False,
                   fontsize=10, title="outcome at T", title_fontsize=11, alignment="left")
        side = p["map_side"]
        fig.suptitle(f"{2 * side * side:,} training runs of {chaos.Plane().steps:,} steps, one per pixel\n"
                     f"({side} × {side} per plane, float64)", fontsize=12, y=0.99)
        style.save(fig, out / FILES[0], quality)

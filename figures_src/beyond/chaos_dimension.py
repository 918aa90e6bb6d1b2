"""The boundary's box-counting dimension at every zoom level, with its spread over zoom centres

For each boundary (every feature learnt by T = 5,000 vs not, on the post's plane; never a dead feature
vs ever, on the plain plane) `toyviz.toy.chaos.zoom_series` draws five boundary pixels of the level-0
map at random (seed 0) and zooms ×10 per level around each, every deeper level re-centred on the
boundary pixel of the level above nearest its centre: 5 levels of 1024 × 1024 float64 runs at
final quality, 3 levels of 256 × 256 at preview. Each image's boundary (pixels whose outcome differs
from a neighbour's) gets a box-counting dimension (`toyviz.toy.fractal`). Dots: one per centre; bars:
the mean and 95 % t-interval over centres (level 0 is one image). Grey band: the range 1.17–1.98 that
Sohl-Dickstein (2024, arXiv:2402.06184) measured for the trainability boundary of his networks.
"""
import numpy as np

from toyviz.plot import style
from toyviz.toy import chaos
from toyviz.toy.fractal import interval

ID = "beyond/chaos_dimension"
KIND = "still"
REPRODUCES = None
FILES = ["chaos_dimension.png"]

NAMES = {"learnt": "learnt all by T vs still failed (post's plane)",
         "perfect": "never failed vs ever failed (plain plane)"}
COLORS = {"learnt": "#3a78c2", "perfect": "#2a9d3f"}


def build(out, quality):
    with style.figure(figsize=(7.6, 5.2)) as (fig, ax):
        ax.axhspan(1.17, 1.98, color="0.9", zorder=0)
        ax.text(0.02, 1.955, "Sohl-Dickstein 2024: 1.17–1.98", transform=ax.get_yaxis_transform(),
                va="top", fontsize=9, color="0.35")
        for k, boundary in enumerate(chaos.BOUNDARIES):
            zc = chaos.zoom_config(boundary, quality)
            dims = chaos.zoom_series(zc)["dims"]                    # (points, levels)
            L = np.arange(zc.levels)
            off = (k - 0.5) * 0.16
            for lv in L:
                ax.plot(np.full(dims.shape[0], lv + off), dims[:, lv], "o", ms=3.5, alpha=0.55, color=COLORS[boundary])
            iv = [interval(dims[:1 if lv == 0 else None, lv]) for lv in L]
            mean = np.array([i["mean"] if i["mean"] is not None else np.nan for i in iv])
            lo = np.array([i["low"] if i["low"] is not None else m for i, m in zip(iv, mean)])
            hi = np.array([i["high"] if i["high"] is not None else m for i, m in zip(iv, mean)])
            ax.errorbar(L + off, mean, yerr=[mean - lo, hi - mean], fmt="s-", color=COLORS[boundary], capsize=4,
                        lw=1.6, ms=6, label=NAMES[boundary])
        ax.axhline(1.0, color=style.GUIDE, lw=0.8, ls="--")
        ax.set_xticks(L, [f"{lv}\n×{10 ** lv:,}" for lv in L])
        ax.set_xlabel("zoom level (magnification)")
        ax.set_ylabel("box-counting dimension")
        ax.set_ylim(0.9, 2.05)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, fontsize=8.5, frameon=False)
        ax.set_title(f"Boundary dimension per zoom level ({zc.points} centres, {zc.side}² float64 runs per image)")
        style.save(fig, out / FILES[0], quality)

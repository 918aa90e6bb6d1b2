"""What a lasting failure looks like: the anatomy of the seeds still dead at 100,000 steps

For every (setting, n) of the phase grid (`toyviz.toy.showcase.phase_grid`, all its learning rates
pooled), the seeds with a dead feature at step 100,000, grouped by their state
(`toyviz.toy.experiments.anatomy`): how many features are dead and how many learnt ones are short
(below the outer circle), with medians of the dead feature's bias in units of 1/n, the number of
examples its output is clearly on for (a), the loss in units of (n − 1)/n³ (one dead feature at
b = 1/n) and the shortest/longest learnt length. The column "1/(d+s)" is the derivation's bias for d
dead features beside s short learnt ones (docs/beyond, "When does the failure last?"; its output is
on for the d dead examples and the s short ones), 1/n when no learnt feature is short, in the same
units. States holding fewer than 10 % of a row's dead seeds are left out.
"""
from toyviz.plot import phase, style
from toyviz.toy import experiments
from toyviz.toy import showcase

ID = "beyond/lasting_anatomy"
KIND = "still"
REPRODUCES = None
FILES = ["lasting_anatomy.png"]

MIN_SHARE = 0.1
HEADER = ["setting", "n", "dead at\n100k", "dead\nd", "short\ns", "seeds", "bias\n× n", "1/(d+s)\n× n", "a",
          "loss /\n((n−1)/n³)", "shortest /\nlongest"]


def rows(quality) -> list[list[str]]:
    grid = showcase.phase_grid(quality)               # the same cached cells the permanence figure reads
    out = []
    for s in grid["settings"]:
        for n in grid["ns"]:
            states = showcase.phase_cell(n, s, grid["n_seeds"], grid["lrs"])
            dead_end = int((states["dead"][:, -1] > 0).sum())
            total = len(states["dead"])
            for k, a in enumerate(x for x in experiments.anatomy(states) if x["n_seeds"] >= MIN_SHARE * dead_end):
                derived = n / (a["dead"] + a["short"]) if a["short"] else 1.0
                out.append([phase.SETTING_NAMES[s] if k == 0 else "", str(n) if k == 0 else "",
                            f"{dead_end:,}/{total:,}" if k == 0 else "", str(a["dead"]), str(a["short"]),
                            f"{a['n_seeds']:,}", f"{a['dead_bias_n']:.2f}".replace("-0.00", "0.00"), f"{derived:.2f}",
                            f"{a['active']:.0f}",
                            f"{a['loss_ratio']:.2f}", "–" if a["live_ratio"] is None else f"{a['live_ratio']:.2f}"])
    return out


def build(out, quality):
    body = rows(quality)
    with style.figure(figsize=(7.0, 0.6 + 0.27 * (len(body) + 2))) as (fig, ax):
        ax.axis("off")
        table = ax.table(cellText=body or [["no seed is dead at 100,000"] + [""] * (len(HEADER) - 1)],
                         colLabels=HEADER, loc="upper left", cellLoc="center")
        table.auto_set_font_size(False)
        table.set_fontsize(9)
        table.scale(1, 1.25)
        for (r, c), cell in table.get_celld().items():
            cell.set_edgecolor(style.GUIDE)
            if r == 0:
                cell.set_text_props(weight="bold", linespacing=1.1)
                cell.set_height(2 * cell.get_height())     # two-line headers
        table.auto_set_column_width(list(range(len(HEADER))))
        ax.set_title("The failures that last: states of the seeds\nstill dead at 100,000 steps (medians)",
                     fontsize=11, loc="left")
        style.save(fig, out / FILES[0], quality)

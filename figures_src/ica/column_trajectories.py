"""Column trajectories: each column of A traced over training, best-effort runs and a failure

Small multiples, one per run: the data (grey), the true columns (dashed) and each learnt column's
tip traced over training from a ring at its start, as a trail that fades from the start (faint,
thin) to the end (strong), with its final position as an arrow (columns drawn × a stated zoom,
clipped at the panel's edge). Runs: the best-effort presets E6.1 (3 sources), E6.2-archetypes and
E6.2 (4 irregular sources), E6.3-6 and E6.3-8 (over-provisioned, columns coloured by the true
direction their k-means cluster matches), all seed 0, and the raw-update failure E3-runaway at the
first seed that learns A_true and then loses it: the specimens of the videos (`toyviz.ica.showcase`). Other
columns take the colour of the true column they match (sign-aware) at the selected step, or at the
step of lowest error for the failure. The best-effort presets select their A by the model's own
criterion (the Laplace evidence with the prior's scale fitted, `toyviz.ica.selection`); a filled dot
marks each column's tip at the selected step, and the title gives the angle error there beside the
least error (which needs A_true) and the error at the end: one error throughout, the sign-aware
mean angle error that the videos plot.
"""
import numpy as np

from toyviz.ica import showcase
from toyviz.plot import style
from toyviz.plot.ica_trajectories import column_colours, key, panel

ID = "ica/column_trajectories"
KIND = "still"
REPRODUCES = None
FILES = ["column_trajectories.png"]

SPECIMENS = ["best_effort_3", "best_effort_4_singleton", "best_effort_full_4", "best_effort_3_6", "best_effort_3_8",
             "runaway"]


def build(out, quality):
    with style.figure(2, 3, figsize=(7.4, 7.0)) as (fig, axes):
        for n, (ax, name) in enumerate(zip(axes.ravel(), SPECIMENS)):
            spec = showcase.specimen(name, quality)
            config, run, seed = spec.config, spec.run, spec.seed
            X, A_true, A = run.X[0], run.A_true, run.A[0]
            mean = run.errors()[0]
            chosen = config.select != "final"
            ref = showcase.shown_step(run)
            colors = column_colours(A[ref], A_true, style.SOURCE_COLORS, signed=not config.nonneg)
            norms = np.linalg.norm(A, axis=1)
            radius = 1.08 * float(np.percentile(np.linalg.norm(X, axis=1), 90 if len(X) > 20 else 100))
            zoom = max(1.0, np.floor(2 * 0.5 * radius / float(np.median(norms))) / 2)
            panel(ax, X, A_true, A, colors, radius, zoom, signed=not config.nonneg,
                  marked=ref if chosen else None)
            style.equal_square(ax, radius)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_xlabel("$x_1$" if n >= 3 else "")  # outer panels only: inner ones would run into
            ax.set_ylabel("$x_2$" if n % 3 == 0 else "")  # the titles below and the panels beside
            if chosen:
                least = int(run.oracle.step[0])
                text = (f"selected {mean[ref]:.1f}° (step {ref})\n"
                        f"least {mean[least]:.1f}° (step {least}), end {mean[-1]:.1f}°")
            else:
                text = f"least {mean[ref]:.1f}° (step {ref})\nend {mean[-1]:.1f}°"
            ax.set_title(f"{spec.preset}, seed {seed}\n{text}", fontsize=9)
            ax.text(0.03, 0.03, f"columns ×{zoom:g}", transform=ax.transAxes, fontsize=9, color=style.INK)
        key(fig)
        fig.subplots_adjust(left=0.05, right=0.99, top=0.92, bottom=0.14, wspace=0.1, hspace=0.32)
        style.save(fig, out / FILES[0], quality)

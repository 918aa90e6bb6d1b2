"""Column trajectories: each column of A traced over training, best-effort runs and a failure

Small multiples, one per run: the data (grey), the true columns (dashed) and each learnt column's
tip traced over training as a trail that fades from the start (faint, thin) to the end (strong),
with its final position as an arrow (columns drawn × a stated zoom, clipped at the panel's edge).
Runs: the best-effort presets E6.1 (3 sources), E6.2-archetypes and E6.2 (4 irregular sources),
E6.3-6 and E6.3-8 (over-provisioned, columns coloured by the true direction their k-means cluster
matches), all seed 0, and the raw-update failure E3-runaway at the first seed that learns A_true
and then loses it (found by `first_seed_falling_then_failing`). Other columns take the colour of the
true column they match (sign-aware) at the kept step, or at the step of lowest error for the
failure. Each title gives the sign-aware mean angle error at that step and at the end. The kept
step is the engine's (chosen by its sign-free error): for E6.2-archetypes it is an A with two
columns flipped, 5.1° sign-aware, while the end of the run is 0.6°.
"""
import numpy as np

from toyviz.ica import error_curves, experiment, first_seed_falling_then_failing, run_experiment
from toyviz.plot import style
from toyviz.plot.ica_trajectories import column_colours, panel

ID = "ica/column_trajectories"
KIND = "still"
REPRODUCES = None
FILES = ["column_trajectories.png"]

RUNS = ["E6.1", "E6.2-archetypes", "E6.2", "E6.3-6", "E6.3-8", "E3-runaway"]


def build(out, quality):
    with style.figure(2, 3, figsize=(10.5, 7.2)) as (fig, axes):
        for ax, name in zip(axes.ravel(), RUNS):
            config = experiment(name)
            seed = 0 if name.startswith("E6") else first_seed_falling_then_failing(name)
            run = run_experiment(name, seed=seed)
            X, A_true, A = run["X"][0], run["A_true"], run["A"][0]
            mean = error_curves(run, config)[0]
            ref = int(run["eval_step"][0]) if config.keep_best else int(np.nanargmin(mean))
            colors = column_colours(A[ref], A_true, style.SOURCE_COLORS, signed=not config.nonneg)
            norms = np.linalg.norm(A, axis=1)
            radius = 1.08 * float(np.percentile(np.linalg.norm(X, axis=1), 90 if len(X) > 20 else 100))
            zoom = max(1.0, np.floor(2 * 0.5 * radius / float(np.median(norms))) / 2)
            panel(ax, X, A_true, A, colors, radius, zoom, signed=not config.nonneg)
            style.equal_square(ax, radius)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            kept = "kept" if config.keep_best else "best"
            ax.set_title(f"{name}, seed {seed}, {A.shape[-1]} columns\n"
                         f"{kept} (step {ref}): {mean[ref]:.1f}°, end: {mean[-1]:.1f}°", fontsize=10)
            ax.text(0.02, 0.02, f"columns ×{zoom:g}", transform=ax.transAxes, fontsize=9, color=style.INK)
        style.save(fig, out / FILES[0], quality)

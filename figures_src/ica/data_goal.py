"""The data Lewicki & Sejnowski learn from: 2-D points along three source directions

An imitation of the kind of data in the "Examples" of Lewicki & Sejnowski (1997): x = A s with three
unit columns of A at 90°, 210° and 330° (toyviz's `ANGLES_3`) and *sparse* non-negative sources, so
that in most points one source dominates and the cloud is drawn out along the three directions. The
sources are s = e³ with e exponential of unit mean, drawn by the ICA engine's `sample_sources`
(cubing makes the distribution far more peaked at 0 and heavier-tailed than the exponential); the
title states the share of points that lie within 10° of a source direction. Dashed rays: the
source directions (columns of A).
"""
import numpy as np

from toyviz.ica import ANGLES_3, unit_columns
from toyviz.ica.data import generator, sample_sources
from toyviz.plot import ica, style

ID = "ica/data_goal"
KIND = "still"
REPRODUCES = "ica/data_goal.png"
FILES = ["data_goal.png"]

POWER = 3            # s = e³: the sparsity of the imitation
POINTS = 2000


def build(out, quality):
    A = unit_columns(ANGLES_3)
    S = sample_sources(POINTS, 3, rate=1.0, signed=False, gen=generator(0)) ** POWER
    X = S @ A.T
    cos = (X / np.linalg.norm(X, axis=1, keepdims=True)) @ A
    near = float(np.mean(np.degrees(np.arccos(np.clip(cos.max(1), -1, 1))) < 10))
    radius = float(np.quantile(np.linalg.norm(X, axis=1), 0.9))
    with style.figure(1, 1, figsize=(5.2, 5.2)) as (fig, ax):
        ica.data(ax, X, color="#4a6fa5", size=6, alpha=0.45)
        ica.true_directions(ax, A, 0.85 * radius)
        ica.frame(ax, radius)
        ax.set_title(f"sparse sources, $s = e^{POWER}$ with $e\\sim\\mathrm{{Exp}}(1)$:\n"
                     f"{near:.0%} of {POINTS:,} points lie within 10°\nof a source direction")
        style.save(fig, out / FILES[0], quality)

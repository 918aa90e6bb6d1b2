"""ICA playground data: the post's experiments as the engine runs them, data sets and starting A included

What the ICA playground (docs/playground/ica.md) takes from the engine instead of recomputing: the
engine draws its data and its initial A from torch's generator, which the page does not port, so each
preset ships seed 0's data set (x, float64, shortest round-trip decimals) and its initial A exactly
as `toyviz.ica.train` makes them, with the preset's settings. Presets that share a data set share one
copy. The page recomputes everything else (MAP coefficients, updates, errors, the selection).
"""
import json

import numpy as np

from toyviz.ica import EXPERIMENTS, init_columns, make_data
from toyviz.ica.data import generator

ID = "playground/ica_presets"
KIND = "data"
REPRODUCES = None
FILES = ["ica_presets.json"]

SEED = 0
# the post's training runs that fit the page: one 1,000-point data set (E3…E6.1, E6.3) and the
# archetypes; E4.1, E4.2 and E6.2 need other 1,000-point sets (the page's own generator covers them)
PRESETS = ("E3", "E3-random", "E3-runaway", "E4.3-raw", "E4.3", "E4.3-full", "E5", "E6.1",
           "E6.2-archetypes", "E6.3-6", "E6.3-8")


def data_key(d) -> str:
    return f"{d.source}|{d.rate}|{d.n_points}|{d.noise}|{d.archetypes}|{','.join(map(str, d.angles))}"


def build(out, quality):
    datasets, presets = {}, {}
    for name in PRESETS:
        c = EXPERIMENTS[name]
        key = data_key(c.data)
        if key not in datasets:
            X = make_data(c.data, SEED)["X"]
            datasets[key] = {"angles": list(c.data.angles), "X": [float(v) for v in X.ravel()]}
        A_true = make_data(c.data, SEED)["A_true"]
        # the engine's init stream for seed s, restart 0 (toyviz.ica.learning.train)
        A0 = init_columns(c.init, A_true, c.k, generator(10_000 + SEED), c.init_noise, signed=not c.nonneg)
        presets[name] = {
            "data": key, "A0": [float(v) for v in np.ravel(A0)], "k": c.k, "prior": c.prior,
            "priorScale": c.prior_scale, "sigma": c.sigma, "lr": c.lr, "steps": c.steps,
            "schedule": c.schedule, "normalise": c.normalise, "equalNorms": c.equal_norms,
            "init": c.init, "select": c.select, "every": c.every,
        }
    data = {"seed": SEED, "datasets": datasets, "presets": presets,
            "about": "toyviz.ica presets, seed 0: data X (N×2 row-major) and initial A (2×k row-major); "
                     "see figures_src/playground/ica_presets.py"}
    (out / "ica_presets.json").write_text(json.dumps(data, separators=(",", ":")))

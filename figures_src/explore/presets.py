"""Explorable presets: a perfect solution, a Symmetric Failure and a recovered "two radii" solution

The starting points of the latent-zones and tilt widgets (docs/explore/): W and b of models toyviz
trained, found by code. A batched run per n with the post's settings (AdamW, lr 1e-3, 25,000 steps)
gives the most typical `perfect` seed for n = 5…8; at n = 7, a seed that ends in Symmetric Failure if
one does (else the most typical `asymmetric_recovery` seed at its last checkpoint in the Symmetric
Failure shape, still stuck), and the most typical recovered seed whose learnt lengths form exactly
two circles. Features are renumbered so that W₁, W₂, … go clockwise from the top and the unlearnt
feature comes last (the post's mediumblue W₇); renumbering features changes nothing in the model.
"""
import json

import numpy as np

from toyviz.toy import (POST_N7, circles, dead_features, find_seeds, outcomes, symmetric_failure_shape,
                        train_cached)

ID = "explore/presets"
KIND = "data"
REPRODUCES = None
FILES = ["presets.json"]

SEEDS = 1000          # seeds per batched run at final quality (scaled down for previews)
PERFECT_NS = (5, 6, 7, 8)
N = 7                 # the post's Symmetric Failure and recovery are at n = 7


def f32(a) -> list:
    """float32 values as the shortest decimals that read back as the same float32."""
    return [float(str(np.float32(v))) for v in np.ravel(a)]


def ordered(W: np.ndarray, b: np.ndarray, last: int | None):
    """Renumber features: clockwise from 12 o'clock, feature `last` (if any) moved to the end."""
    ang = np.mod(np.pi / 2 - np.arctan2(W[1], W[0]), 2 * np.pi)
    order = [i for i in np.argsort(ang, kind="stable") if i != last] + ([last] if last is not None else [])
    return W[:, order], b[order]


def preset(label: str, W, b, last, note: str) -> dict:
    W, b = ordered(np.asarray(W), np.asarray(b), last)
    return {"label": label, "n": int(W.shape[1]), "W": [f32(W[0]), f32(W[1])], "b": f32(b),
            "unlearnt": None if last is None else int(W.shape[1] - 1), "note": note}


def describe(run, k: int, step: int, label: str) -> str:
    c = run.config
    return (f"seed {int(run.seeds[k])} of a {c.optimizer} run (lr {c.lr:g}, {run.K} seeds, n = {c.n}), "
            f"step {step:,}: {label.replace('_', ' ')}")


def build(out, quality):
    seeds = quality.scaled(SEEDS, minimum=64)
    presets = {}
    runs = {n: train_cached(POST_N7.with_(n=n, seeds=seeds)) for n in PERFECT_NS}
    labels = {n: outcomes(r.W_hist, r.b_hist, r.loss) for n, r in runs.items()}
    for n in PERFECT_NS:
        run = runs[n]
        hits = find_seeds(run, "perfect", labels=labels[n])
        if hits.size:
            k = int(hits[0])
            presets[f"perfect_{n}"] = preset(f"Perfect, n = {n} (run)", run.W[k], run.b[k], None,
                                             describe(run, k, int(run.steps[-1]), "perfect"))

    run, lab = runs[N], labels[N]
    stuck = find_seeds(run, "symmetric_failure", labels=lab)
    recovered = find_seeds(run, "asymmetric_recovery", labels=lab)
    if stuck.size:
        k, t = int(stuck[0]), -1
        note = describe(run, k, int(run.steps[-1]), "symmetric failure at the end")
    elif recovered.size:
        k = int(recovered[0])
        t = int(np.where(symmetric_failure_shape(run.W_hist[k], run.b_hist[k]))[0][-1])
        note = describe(run, k, int(run.steps[t]), "in the Symmetric Failure shape (it recovers later)")
    else:
        raise RuntimeError(f"no seed of {run.K} reached Symmetric Failure at n = {N}; raise SEEDS")
    W, b = run.W_hist[k, t], run.b_hist[k, t]
    dead = np.where(dead_features(W))[0]
    presets["symmetric_failure"] = preset(f"Symmetric Failure, n = {N} (run)", W, b, int(dead[0]), note)

    two = [int(k) for k in recovered if len(circles(run.W[k])) == 2]
    if not two:
        raise RuntimeError(f"no recovered seed of {run.K} has two radii at n = {N}; raise SEEDS")
    k = two[0]
    sf = np.where(symmetric_failure_shape(run.W_hist[k], run.b_hist[k]))[0]
    was_dead = int(np.where(dead_features(run.W_hist[k, sf[-1]]))[0][0])
    radii = ", ".join(f"{c.mean():.2f} (×{c.size})" for c in circles(run.W[k]))
    presets["two_radii"] = preset(f"Recovered, two radii, n = {N} (run)", run.W[k], run.b[k], was_dead,
                                  describe(run, k, int(run.steps[-1]), "asymmetric recovery")
                                  + f"; learnt lengths {radii}")
    data = {"presets": presets, "seeds_per_run": seeds,
            "about": "W (m=2 rows of n) and b of toyviz runs; see figures_src/explore/presets.py"}
    (out / "presets.json").write_text(json.dumps(data, separators=(",", ":")))

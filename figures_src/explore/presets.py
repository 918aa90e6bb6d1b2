"""Explorable presets: a perfect solution, a Symmetric Failure and a recovered "two radii" solution

The starting points of the latent-zones and tilt widgets (docs/explore/): W and b of models toyviz
trained, found by code. A batched run per n with the post's settings (AdamW, lr 1e-3, 25,000 steps)
gives the most typical `perfect` seed for n = 5…8; at n = 7, the site's Symmetric Failure
(`showcase.symmetric_failure`, the model of the Symmetric Failure stills) and the most typical
recovered seed whose learnt lengths form exactly two circles. Features are renumbered as everywhere
on the site (`specimen.order_features`): W₁, W₂, … counter-clockwise from the top, or from the
direction the once-unlearnt feature takes, which comes last (the post's mediumblue W₇); renumbering
features changes nothing in the model.
"""
import json

import numpy as np

from toyviz.toy import POST_N7, circles, find_seeds, outcomes, showcase, train_cached
from toyviz.toy.analysis import once_dead
from toyviz.toy.specimen import TOP, order_features

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


def preset(label: str, W, b, last, note: str) -> dict:
    """A preset with its features in the site's order; feature `last` (the unlearnt one, or the one
    that once was) numbered W₇ and the others counter-clockwise from its direction (from the top when
    it has none)."""
    W, b = np.asarray(W), np.asarray(b)
    moved = np.arange(W.shape[1]) == last                      # all False when `last` is None
    start = W[:, last] if moved.any() and np.linalg.norm(W[:, last]) >= 0.1 else TOP
    order = order_features(W, dead=moved, reference=start)
    W, b = W[:, order], b[order]
    return {"label": label, "n": int(W.shape[1]), "W": [f32(W[0]), f32(W[1])], "b": f32(b),
            "unlearnt": None if last is None else int(W.shape[1] - 1), "note": note}


def describe(run, k: int, step: int, label: str) -> str:
    c = run.config
    return (f"seed {int(run.seeds[k])} of a {c.optimizer} run (lr {c.lr:g}, {run.K} seeds, n = {c.n}), "
            f"step {step:,}: {label.replace('_', ' ')}")


def build(out, quality):
    seeds = quality.scaled(SEEDS, minimum=64)
    presets = {}
    runs = {n: train_cached(POST_N7.with_(n=n, n_seeds=seeds)) for n in PERFECT_NS}
    labels = {n: outcomes(r.W_hist, r.b_hist, r.loss) for n, r in runs.items()}
    for n in PERFECT_NS:
        run = runs[n]
        hits = find_seeds(run, "perfect", labels=labels[n])
        if hits.size:
            k = int(hits[0])
            presets[f"perfect_{n}"] = preset(f"Perfect, n = {n} (run)", run.W[k], run.b[k], None,
                                             describe(run, k, int(run.steps[-1]), "perfect"))

    run, lab = runs[N], labels[N]
    sf = showcase.symmetric_failure(quality)          # the same batch: the post's settings at n = 7
    presets["symmetric_failure"] = preset(f"Symmetric Failure, n = {N} (run)", sf.W, sf.b, N - 1,
                                          describe(run, sf.index, sf.step, "in the Symmetric Failure shape"))
    recovered = find_seeds(run, "asymmetric_recovery", labels=lab)

    two = [int(k) for k in recovered if len(circles(run.W[k])) == 2]
    if not two:
        raise RuntimeError(f"no recovered seed of {run.K} has two radii at n = {N}; raise SEEDS")
    k = two[0]
    was_dead = once_dead(run, k)
    radii = ", ".join(f"{c.mean():.2f} (×{c.size})" for c in circles(run.W[k]))
    presets["two_radii"] = preset(f"Recovered, two radii, n = {N} (run)", run.W[k], run.b[k], was_dead,
                                  describe(run, k, int(run.steps[-1]), "asymmetric recovery")
                                  + f"; learnt lengths {radii}")
    data = {"presets": presets, "seeds_per_run": seeds,
            "about": "W (m=2 rows of n) and b of toyviz runs; see figures_src/explore/presets.py"}
    (out / "presets.json").write_text(json.dumps(data, separators=(",", ":")))

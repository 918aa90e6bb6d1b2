"""Running the post's experiments through the run cache, and summarising them as JSON.

`run_experiment("E6.1", seeds=range(5))` trains (or loads) Lewicki & Sejnowski on that preset and
returns a plain dict of arrays, seed axis first; `run_sae` and `run_dictionary` do the same for the
baselines. The final metrics are taken at the best step when the preset keeps the best A (post E6),
else at the last step.
"""
from __future__ import annotations

import dataclasses
import json
import time

import numpy as np

from .config import ICAConfig, experiment
from .dictionary import DictConfig, fit_dictionary
from .learning import train
from .metrics import angle_errors, evaluate
from .sae import SAEConfig, train_sae


def resolve(name_or_config, seed=None, seeds=None):
    """A config from a preset name or a config, with its seeds replaced when given."""
    config = experiment(name_or_config) if isinstance(name_or_config, str) else name_or_config
    if seed is not None and seeds is not None:
        raise ValueError("give seed or seeds, not both")
    if seed is not None:
        seeds = (seed,)
    if seeds is not None:
        seeds = tuple(int(s) for s in seeds)
        if not seeds:
            raise ValueError("need at least one seed")
        config = dataclasses.replace(config, seeds=seeds)
    return config


def _timed(fn, config, **kw):
    def compute():
        t0 = time.perf_counter()
        out = dict(fn(config, **kw))
        out["seconds"] = np.float64(time.perf_counter() - t0)
        return out
    return compute


def _metrics(out, A_eval, S_eval, signed):
    ms = [evaluate(a, out["A_true"], s, signed) for a, s in zip(A_eval, S_eval)]
    for key in ms[0]:
        out[f"final_{key}"] = np.stack([np.asarray(m[key], dtype=np.float64) for m in ms])
    return out


def run_experiment(name_or_config, seed: int | None = None, seeds=None,
                   refresh: bool = False, progress: bool = False) -> dict[str, np.ndarray]:
    """Lewicki & Sejnowski on a preset (e.g. "E6.1") or an `ICAConfig`, cached by toyviz.runs.

    Returns `learning.train`'s record plus `config` (its JSON), `seconds`, and `final_*` metrics
    per seed (angle_mean_deg, angle_max_deg, angle_deg, norm_ratio, mmcs, flipped, dead_columns,
    and centroid_angle_deg / split when over-provisioned) at the evaluated A, which is `A_eval`.
    """
    from toyviz.runs import cached
    config = resolve(name_or_config, seed, seeds)

    def compute():
        out = _timed(train, config, progress=progress)()
        idx = np.arange(len(config.seeds))
        step = out["best_step"] if config.keep_best else np.full(len(idx), config.steps)
        out["eval_step"] = step
        out["A_eval"] = out["A"][idx, step]
        from .map_solvers import map_exact
        S_eval = map_exact(out["X"], out["A_eval"], config.sigma, config.prior_scale, config.nonneg).s
        out["config"] = np.array(json.dumps(dataclasses.asdict(config)))
        return _metrics(out, out["A_eval"], S_eval, not config.nonneg)

    return cached(config, compute, engine="ica", refresh=refresh)


def run_sae(config: SAEConfig, refresh: bool = False, progress: bool = False) -> dict[str, np.ndarray]:
    """The SAE baseline, cached; `final_*` metrics on each seed's decoder."""
    from toyviz.runs import cached

    def compute():
        out = _timed(train_sae, config, progress=progress)()
        out["config"] = np.array(json.dumps(dataclasses.asdict(config)))
        return _metrics(out, out["W_dec"], out["s_hat"], False)

    return cached(config, compute, engine="ica", refresh=refresh)


def run_dictionary(config: DictConfig, refresh: bool = False) -> dict[str, np.ndarray]:
    """scikit-learn dictionary learning, cached; `final_*` metrics on each seed's atoms."""
    from toyviz.runs import cached

    def compute():
        out = _timed(fit_dictionary, config)()
        out["config"] = np.array(json.dumps(dataclasses.asdict(config)))
        return _metrics(out, out["A"], out["s_hat"], False)

    return cached(config, compute, engine="ica", refresh=refresh)


def summary(record, best_step: bool = True) -> dict:
    """The JSON the command writes: config, angle_error_deg {mean, max} per seed and over seeds,
    mmcs, dead_columns, best_step (ICA only), seconds."""
    def lst(key):
        return np.asarray(record[key]).tolist() if key in record else None
    mean, worst = np.asarray(record["final_angle_mean_deg"]), np.asarray(record["final_angle_max_deg"])
    out = {
        "config": json.loads(str(record["config"])),
        "angle_error_deg": {"mean": mean.tolist(), "max": worst.tolist(),
                            "mean_over_seeds": float(np.mean(mean)), "max_over_seeds": float(np.max(worst))},
        "mmcs": lst("final_mmcs"), "dead_columns": lst("final_dead_columns"),
        "norm_ratio": lst("final_norm_ratio"), "best_step": lst("best_step") if best_step else None,
        "diverged_step": lst("diverged_step"), "seconds": float(record["seconds"]),
    }
    if "final_centroid_angle_deg" in record:
        out["centroid_angle_deg"] = lst("final_centroid_angle_deg")
        out["split"] = lst("final_split")
    return out


def error_curves(run, config: ICAConfig) -> tuple[np.ndarray, np.ndarray]:
    """(mean, worst) angle error per step (T+1,) of seed 0 of a run: sign-aware for the exponential
    prior (ŝ ≥ 0: a flipped column is wrong), the sign-free error for the Laplace prior."""
    if not config.nonneg:
        return run["angle_mean_deg"][0], run["angle_max_deg"][0]
    e = angle_errors(run["A"][0], run["A_true"], sign_matters=True)
    return e.mean(-1), e.max(-1)


def first_seed_falling_then_failing(name: str, below: float = 5.0, above: float = 20.0,
                                    seeds=range(10)) -> int:
    """The first seed of preset `name` whose `error_curves` mean falls (below its start) to under
    `below` degrees and ends above `above`: a run that first learns A_true and then loses it."""
    for s in seeds:
        mean = error_curves(run_experiment(name, seed=s), experiment(name))[0]
        low = np.nanmin(mean[1:])
        if low < below and low < mean[0] and mean[-1] > above:
            return int(s)
    raise RuntimeError(f"no seed in {list(seeds)} of {name} falls below {below}° and ends above {above}°")

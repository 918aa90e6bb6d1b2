"""Running the post's experiments through the run cache, and summarising them as JSON.

`run_experiment("E6.1", seeds=range(5))` trains (or loads) Lewicki & Sejnowski on that preset and
returns its `IcaRun` (arrays seed axis first); `run_sae` and `run_dictionary` return plain dicts of
arrays for the baselines. The metrics are taken at the step (and restart) that the preset's selection rule
chose (`ICAConfig.select`, `toyviz.ica.selection`): the last step, the model's own criterion, or the
post's oracle.
"""
from __future__ import annotations

import dataclasses
import json
import time

import numpy as np

from .config import experiment
from .dictionary import DictConfig, fit_dictionary
from .learning import train
from .metrics import evaluate
from .run import IcaRun
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
                   refresh: bool = False, progress: bool = False) -> IcaRun:
    """Lewicki & Sejnowski on a preset (e.g. "E6.1") or an `ICAConfig`, cached by toyviz.runs: the
    `IcaRun` of `learning.train`, whose metrics are taken at the A the selection rule chose."""
    from toyviz.runs import cached
    config = resolve(name_or_config, seed, seeds)
    return IcaRun.from_arrays(cached(config, lambda: train(config, progress=progress).to_arrays(), engine="ica",
                                     refresh=refresh))


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


def _finite(x):
    """Plain Python numbers with None for nan/inf, so the JSON is strict."""
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_finite(v) for v in x]
    if isinstance(x, float) and not np.isfinite(x):
        return None
    return x


def _errors(mean, worst) -> dict:
    """{mean, max} per seed and over seeds, nan-aware (a seed with no finite error is null)."""
    mean, worst = np.asarray(mean, float), np.asarray(worst, float)
    over = (lambda f, v: float(f(v[np.isfinite(v)])) if np.isfinite(v).any() else None)
    return {"mean": mean.tolist(), "max": worst.tolist(),
            "mean_over_seeds": over(np.mean, mean), "max_over_seeds": over(np.max, worst)}


def summary(record: IcaRun | dict) -> dict:
    """The JSON the command writes: config, angle_error_deg (mean and worst column per seed and over
    seeds), mmcs, dead_columns, seconds. For ICA runs angle_error_deg holds three errors side by side,
    `selected` (the A the config's rule chose), `oracle` (least error: the post's "best A") and `final`
    (restart 0's last step), each with the step and restart, sign-aware when ŝ ≥ 0
    (`sign_aware`); strict JSON, null where a number is not finite."""
    if isinstance(record, IcaRun):
        record = record.to_arrays()
    def lst(key):
        return np.asarray(record[key]).tolist() if key in record else None
    out = {
        "config": json.loads(str(record["config"])),
        "angle_error_deg": _errors(record["final_angle_mean_deg"], record["final_angle_max_deg"]),
        "mmcs": lst("final_mmcs"), "dead_columns": lst("final_dead_columns"),
        "norm_ratio": lst("final_norm_ratio"), "diverged_step": lst("diverged_step"),
        "seconds": float(record["seconds"]),
    }
    if "selected_error_deg" in record:
        out["angle_error_deg"] = {"sign_aware": bool(out["config"]["prior"] == "exponential")}
        for name in ("selected", "oracle", "final"):
            e = np.asarray(record[f"{name}_error_deg"])
            out["angle_error_deg"][name] = {**_errors(e[:, 0], e[:, 1]), "step": lst(f"{name}_step"),
                                            "restart": lst(f"{name}_restart")}
    if "final_centroid_angle_deg" in record:
        out["centroid_angle_deg"] = lst("final_centroid_angle_deg")
        out["split"] = lst("final_split")
    return _finite(out)


def selection_study(angle_sets, seeds, restarts: int = 4, preset: str = "E6.1") -> dict[str, np.ndarray]:
    """The best-effort recipe (`preset`) with `restarts` restarts per seed on each set of source
    directions. Returns (sets, seeds) arrays of the mean angle error (sign-aware for ŝ ≥ 0) of the A
    each rule picks: `oracle` (least error over steps and restarts), `selected` (highest fitted
    Laplace evidence over steps and restarts), `first_restart` (the same over restart 0's steps
    only), `fixed_scale` (the evidence at the configured prior scale, not fitted), `map_objective`
    (lowest mean MAP objective over steps and restarts) and `final` (restart 0's last step). The
    evidence rules see the recorded steps, the others every step."""
    import dataclasses as dc

    from .config import with_data
    from .selection import pick
    base = dc.replace(experiment(preset), select="likelihood", restarts=int(restarts))
    names = ("oracle", "selected", "first_restart", "fixed_scale", "map_objective", "final")
    out = {name: [] for name in names}
    for angles in angle_sets:
        row = {name: [] for name in names}
        for seed in seeds:  # one cached run per seed, so a smaller study reuses a larger one's runs
            run = run_experiment(with_data(base, angles=tuple(angles)), seed=seed)
            err, rec = run.restart_error_deg, run.record_steps                          # (1, Q, T+1)
            for name in ("oracle", "selected", "final"):
                row[name].append(float(getattr(run, name).error_deg[0, 0]))
            q, j = pick(run.restart_criterion[:, :1], maximise=True)
            row["first_restart"].append(float(err[0, 0, rec[j[0]]]))
            q, j = pick(run.restart_fixed_scale, maximise=True)
            row["fixed_scale"].append(float(err[0, q[0], rec[j[0]]]))
            q, t = pick(run.restart_objective, maximise=False)
            row["map_objective"].append(float(err[0, q[0], t[0]]))
        for name in names:
            out[name].append(row[name])
    return {k: np.array(v) for k, v in out.items()}


def selection_gaps(study) -> dict[str, np.ndarray]:
    """How many degrees worse than the oracle (the least error) each rule of a `selection_study`
    lands, per (set, seed). ≤ 1° counts as "as good as the oracle" on the site."""
    return {k: study[k] - study["oracle"] for k in study if k != "oracle"}

"""A trained batch of Lewicki & Sejnowski runs and its recorded history: the object ICA figures read.

`IcaRun` is to the ICA engine what `toyviz.toy.history.Run` is to the toy engine: typed fields with
the seed axis first, and `to_arrays`/`from_arrays` for the run cache (plain arrays, the config as
JSON text). Shapes: S seeds, T steps, R recorded steps, N points, k columns, n true sources,
Q restarts per seed.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import numpy as np

from .config import DataConfig, ICAConfig


@dataclass
class Pick:
    """One chosen A per seed: its step and restart, and its [mean, worst] error (sign-aware for ŝ ≥ 0,
    the error the figures plot)."""
    step: np.ndarray         # (S,) int
    restart: np.ndarray      # (S,) int
    error_deg: np.ndarray    # (S, 2)


@dataclass
class Metrics:
    """The engine's metrics (`metrics.evaluate`) of the selected A of each seed; errors sign-free."""
    angle_mean_deg: np.ndarray         # (S,)
    angle_max_deg: np.ndarray          # (S,)
    angle_deg: np.ndarray              # (S, n) per true column
    norm_ratio: np.ndarray             # (S, n)
    mmcs: np.ndarray                   # (S,)
    flipped: np.ndarray                # (S,) columns matched with the opposite sign
    dead_columns: np.ndarray           # (S,) columns no point uses
    centroid_angle_deg: np.ndarray | None = None   # (S, n) over-provisioned runs only
    split: np.ndarray | None = None                # (S, n) columns per cluster, over-provisioned only


@dataclass
class IcaRun:
    """The batch `learning.train` returns for a config: every A over training, ŝ at the recorded steps,
    the errors, the model's criterion, and the A each rule picks (`selection`)."""
    config: ICAConfig
    X: np.ndarray                      # (S, N, 2) data
    S_true: np.ndarray                 # (S, N, n) true sources
    A_true: np.ndarray                 # (2, n)
    lr: np.ndarray                     # (T,) α per step
    record_steps: np.ndarray           # (R,) steps at which ŝ (and the criterion) are kept
    A: np.ndarray                      # (S, T+1, 2, k) the shown restart's columns at every step
    angle_mean_deg: np.ndarray         # (S, T+1) sign-free mean angle error
    angle_max_deg: np.ndarray          # (S, T+1) sign-free worst
    error_mean_deg: np.ndarray         # (S, T+1) the error the oracle uses and figures show
    error_max_deg: np.ndarray          # (S, T+1)
    objective: np.ndarray              # (S, T+1) mean MAP objective
    s_hat: np.ndarray                  # (S, R, N, k)
    criterion: np.ndarray              # (S, R) fitted Laplace evidence (nan where not needed)
    kkt_max: np.ndarray                # (S,)
    diverged_step: np.ndarray          # (S,) −1: never
    selected: Pick                     # the A the config's rule chose
    oracle: Pick                       # least error (needs A_true: the post's "best A")
    final: Pick                        # restart 0's last step
    restart_error_deg: np.ndarray      # (S, Q, T+1)
    restart_objective: np.ndarray      # (S, Q, T+1)
    restart_criterion: np.ndarray      # (S, Q, R)
    restart_fixed_scale: np.ndarray    # (S, Q, R) the evidence at the configured prior scale
    metrics: Metrics                   # of the selected A
    terms_partial: np.ndarray | None = None   # (S, R, N, 2, k) −A z ŝᵀ per point (record_terms)
    terms_full: np.ndarray | None = None      # (S, R, N, 2, k) −A (z ŝᵀ + I) per point
    s_path: np.ndarray | None = None          # (S, P+1, N, k) the post's gradient descent (path_steps)
    seconds: float = 0.0

    @property
    def A_eval(self) -> np.ndarray:
        """The selected A of each seed, (S, 2, k)."""
        return self.A[np.arange(len(self.A)), self.selected.step]

    @property
    def k(self) -> int:
        return self.A.shape[-1]

    def errors(self, i: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(mean, worst) error per step (T+1,) of seed position i: the error the oracle selects on and
        the figures show, sign-aware for ŝ ≥ 0 (a flipped column is wrong), sign-free otherwise."""
        return self.error_mean_deg[i], self.error_max_deg[i]

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for the run cache: picks as `{name}_step` …, metrics as `final_{name}`."""
        out = {"config": np.array(json.dumps(dataclasses.asdict(self.config))), "seconds": np.array(self.seconds)}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Pick):
                out.update({f"{f.name}_{p}": np.asarray(x) for p, x in dataclasses.asdict(v).items()})
            elif isinstance(v, Metrics):
                out.update({f"final_{p}": np.asarray(x) for p, x in dataclasses.asdict(v).items() if x is not None})
            elif f.name not in out and v is not None:
                out[f.name] = np.asarray(v)
        return out

    @classmethod
    def from_arrays(cls, arrays) -> "IcaRun":
        """Inverse of `to_arrays`."""
        kw = {}
        for f in dataclasses.fields(cls):
            if f.name in ("selected", "oracle", "final"):
                kw[f.name] = Pick(*(arrays[f"{f.name}_{p}"] for p in ("step", "restart", "error_deg")))
            elif f.name == "metrics":
                kw[f.name] = Metrics(**{m.name: arrays.get(f"final_{m.name}") for m in dataclasses.fields(Metrics)})
            elif f.name not in ("config", "seconds") and f.name in arrays:
                kw[f.name] = arrays[f.name]
        return cls(config=config_from_json(str(arrays["config"])), seconds=float(arrays["seconds"]), **kw)


def config_from_json(text: str) -> ICAConfig:
    """The `ICAConfig` whose `dataclasses.asdict` was dumped as `text` (lists back to tuples)."""
    d = json.loads(text)
    data = d.pop("data")
    return ICAConfig(data=DataConfig(**{**data, "angles": tuple(data["angles"])}),
                     **{**d, "seeds": tuple(d["seeds"])})

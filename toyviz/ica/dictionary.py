"""Dictionary learning, the baseline a practitioner reaches for first: scikit-learn's
`DictionaryLearning` / `MiniBatchDictionaryLearning` with non-negative codes, on the ICA data sets,
scored with the same metrics as Lewicki & Sejnowski and the SAE.

scikit-learn minimises ½‖X − S D‖²_F + α‖S‖₁,₁ with unit-norm atoms (rows of D); A = Dᵀ.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from .config import DataConfig
from .data import make_data
from .metrics import evaluate

METHODS = ("batch", "minibatch")


@dataclass(frozen=True)
class DictConfig:
    """scikit-learn dictionary learning on one of the ICA experiments' data sets."""
    data: DataConfig = field(default_factory=DataConfig)
    columns: int = 0             # atoms; 0 means k_true
    alpha: float = 0.1           # sparsity weight α
    method: str = "batch"        # "batch": DictionaryLearning; "minibatch": MiniBatchDictionaryLearning
    max_iter: int = 200          # epochs / iterations
    positive_code: bool = True   # codes ≥ 0, the exponential prior's setting
    seeds: tuple[int, ...] = (0,)

    def __post_init__(self):
        if self.columns < 0:
            raise ValueError(f"columns must be ≥ 1 (or 0 for k_true), got {self.columns}")
        if not self.alpha > 0:
            raise ValueError(f"alpha must be > 0, got {self.alpha}")
        if self.method not in METHODS:
            raise ValueError(f"unknown method {self.method!r}; choose from {', '.join(METHODS)}")
        if self.max_iter < 1:
            raise ValueError(f"max_iter must be ≥ 1, got {self.max_iter}")
        if len(self.seeds) < 1:
            raise ValueError("need at least one seed")

    @property
    def k(self) -> int:
        return self.columns or self.data.k_true


def dict_config(ica_config, **changes) -> DictConfig:
    """Dictionary learning on an ICA experiment's data, with as many atoms and the same seeds."""
    return dataclasses.replace(DictConfig(data=ica_config.data, columns=ica_config.k,
                                             seeds=ica_config.seeds), **changes)


def fit_dictionary(config: DictConfig) -> dict[str, np.ndarray]:
    """One fit per seed. Keys: X (S,N,2), A_true (2,n), A (S,2,k) learned atoms as columns,
    s_hat (S,N,k) codes, angle_mean_deg / angle_max_deg (S,)."""
    import warnings

    from sklearn.decomposition import DictionaryLearning, MiniBatchDictionaryLearning
    from sklearn.exceptions import ConvergenceWarning
    Xs, As, codes = [], [], []
    for seed in config.seeds:
        d = make_data(config.data, seed)
        common = dict(n_components=config.k, alpha=config.alpha, positive_code=config.positive_code,
                      random_state=seed, transform_algorithm="lasso_cd", transform_alpha=config.alpha)
        if config.method == "batch":
            model = DictionaryLearning(max_iter=config.max_iter, fit_algorithm="cd", **common)
        else:
            model = MiniBatchDictionaryLearning(max_iter=config.max_iter, batch_size=64, fit_algorithm="cd",
                                                **common)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            code = model.fit_transform(d["X"])
        Xs.append(d["X"])
        As.append(model.components_.T.copy())
        codes.append(code)
        A_true = d["A_true"]
    A = np.stack(As)
    ms = [evaluate(a, A_true, c) for a, c in zip(A, codes)]
    return {"X": np.stack(Xs), "A_true": A_true, "A": A, "s_hat": np.stack(codes),
            "angle_mean_deg": np.array([m["angle_mean_deg"] for m in ms]),
            "angle_max_deg": np.array([m["angle_max_deg"] for m in ms])}

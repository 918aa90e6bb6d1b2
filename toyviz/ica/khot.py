"""How reconstruction degrades as 1, 2, 3 features are active at once through a 2-D bottleneck
(post "ICA vs SAEs", Comparison with SAEs: "if x is three-hot, you're out of luck").

n features are squeezed into 2 dimensions and read back out; a *reader* maps the true feature
vectors S (N, n) to their reconstructions Ŝ (N, n). Readers are built for
- the toy ReLU autoencoder (Ŝ = ReLU(S Wᵀ W + b)) from trained (W, b) arrays alone;
- an SAE on x = A_true s (Ŝ = ReLU(W_enc x + b_enc), columns matched to A_true);
- ICA's MAP inference on x = A_true s with a dictionary A (exact solver, columns matched, each
  coefficient rescaled by ‖a_i‖ so it is on A_true's scale).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from .data import generator
from .map_solvers import map_exact
from .metrics import match_columns
from .sae import encode

Reader = Callable[[np.ndarray], np.ndarray]


def khot_sources(n_features: int, active: int, n: int, seed: int = 0) -> np.ndarray:
    """n vectors with exactly `active` non-zero features, values uniform in (0, 1]. # (n, n_features)"""
    if not 1 <= active <= n_features:
        raise ValueError(f"active must be in 1..{n_features}, got {active}")
    g = generator(seed)
    order = torch.argsort(torch.rand(n, n_features, generator=g), dim=1)[:, :active]
    S = torch.zeros(n, n_features, dtype=torch.float64)
    S.scatter_(1, order, 1.0 - torch.rand(n, active, generator=g, dtype=torch.float64))
    return S.numpy()


def toy_reader(W, b) -> Reader:
    """The toy ReLU autoencoder h = W s, ŝ = ReLU(Wᵀh + b). W: (m, n), b: (n,)."""
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if W.ndim != 2 or b.shape != (W.shape[1],):
        raise ValueError(f"need W (m, n) and b (n,), got {W.shape} and {b.shape}")
    return lambda S: np.maximum(S @ W.T @ W + b, 0.0)


def _matched(A, A_true):
    perm, _ = match_columns(A, A_true)
    if (perm < 0).any():
        raise ValueError("the dictionary has fewer columns than there are true features")
    return perm


def sae_reader(A_true, W_enc, b_enc, W_dec) -> Reader:
    """An SAE read through x = A_true s; codes of the decoder columns matched to A_true's."""
    perm = _matched(np.asarray(W_dec), A_true)
    return lambda S: encode(S @ A_true.T, np.asarray(W_enc), np.asarray(b_enc))[:, perm]


def map_reader(A_true, A=None, sigma: float = 0.1, lam: float = 0.5, nonneg: bool = True) -> Reader:
    """ICA's exact MAP inference with dictionary A (default A_true) on x = A_true s."""
    A = np.asarray(A_true if A is None else A, dtype=np.float64)
    perm = _matched(A, A_true)
    scale = np.linalg.norm(A[:, perm], axis=0) / np.linalg.norm(A_true, axis=0)
    return lambda S: map_exact(S @ A_true.T, A, sigma, lam, nonneg).s[:, perm] * scale


def khot_curve(reader: Reader, n_features: int, actives=(1, 2, 3), n: int = 2000,
               seed: int = 0) -> dict[str, np.ndarray]:
    """Mean squared error ‖s − ŝ‖² and its ratio to ‖s‖², for each number of active features."""
    mse, rel = [], []
    for a in actives:
        S = khot_sources(n_features, a, n, seed + a)
        err = np.sum((S - reader(S)) ** 2, -1)
        mse.append(err.mean())
        rel.append(err.sum() / np.sum(S * S))
    return {"active": np.asarray(actives), "mse": np.array(mse), "relative": np.array(rel)}

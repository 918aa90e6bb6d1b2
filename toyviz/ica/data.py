"""Toy 2-D data for overcomplete ICA: x = A_true s + ε (post "ICA vs SAEs", E1).

Randomness is passed in as a seed and drawn from `torch.Generator().manual_seed(seed)`, so the same
seed gives the same bits whatever else runs; results are float64 numpy arrays.
"""
from __future__ import annotations

import numpy as np
import torch

from .config import DataConfig


def unit_columns(angles_deg) -> np.ndarray:
    """Unit columns at the given angles in degrees. # (2, k)"""
    t = np.deg2rad(np.asarray(angles_deg, dtype=np.float64))
    if t.ndim != 1 or t.size < 1:
        raise ValueError("angles must be a non-empty list of degrees (k ≥ 1)")
    return np.stack([np.cos(t), np.sin(t)])


def generator(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(int(seed))


def sample_sources(n: int, k: int, rate: float, signed: bool, gen: torch.Generator) -> np.ndarray:
    """n draws of k independent sources: exponential with `rate`, or Laplace (random signs). # (n, k)"""
    if not rate > 0:
        raise ValueError(f"rate must be > 0, got {rate}")
    u = torch.rand(n, k, generator=gen, dtype=torch.float64)
    s = -torch.log1p(-u) / rate  # inverse CDF of Exp(rate)
    if signed:
        sign = torch.randint(0, 2, (n, k), generator=gen, dtype=torch.int64) * 2 - 1
        s = s * sign
    return s.numpy()


def make_data(config: DataConfig, seed: int) -> dict[str, np.ndarray]:
    """One seed's data set: {"X": (N, 2), "S": (N, k_true), "A_true": (2, k_true)}.

    The archetype data set is one point per source, x_i = (1/rate) A_true[:, i], its mean length.
    """
    A_true = unit_columns(config.angles)
    k = config.k_true
    gen = generator(seed)
    if config.archetypes:
        S = np.eye(k) / config.rate
    else:
        S = sample_sources(config.n_points, k, config.rate, config.source == "laplace", gen)
    X = S @ A_true.T
    if config.noise > 0:
        X = X + config.noise * torch.randn(X.shape, generator=gen, dtype=torch.float64).numpy()
    return {"X": X, "S": S, "A_true": A_true}


def init_columns(kind: str, A_true: np.ndarray, k: int, gen: torch.Generator,
                 noise: float = 0.3, signed: bool = False) -> np.ndarray:
    """Initial A. # (2, k)

    Args:
        kind: "perturbed" (A_true plus Gaussian noise of std `noise`; needs k == k_true, otherwise the
            extra columns are random), "random" (standard Gaussian entries), or "spread" (unit columns
            evenly spaced, 360°/k apart, or 180°/k when `signed`, at a random rotation).
    """
    if kind == "perturbed":
        kt = A_true.shape[1]
        base = np.concatenate([A_true, np.zeros((2, max(0, k - kt)))], axis=1)[:, :k]
        eps = torch.randn(2, k, generator=gen, dtype=torch.float64).numpy()
        extra = np.arange(k) >= kt  # over-provisioned columns start random
        return base + np.where(extra, 1.0, noise) * eps
    if kind == "random":
        return torch.randn(2, k, generator=gen, dtype=torch.float64).numpy()
    if kind == "spread":
        span = 180.0 if signed else 360.0
        offset = float(torch.rand(1, generator=gen, dtype=torch.float64)) * span / k
        return unit_columns(offset + span * np.arange(k) / k)
    raise ValueError(f"unknown init {kind!r}")

"""Initial weights, data sets and the learning-rate schedule of the toy model.

Randomness is per seed: model i of a batch draws its initial weights from
`numpy.random.default_rng(config.seed + i)` alone, so it does not depend on the batch it is in.
(numpy rather than torch.Generator, so the numba path never pays torch's 2 s import.) Any other
random draw of seed s takes its own independent stream, `data_generator(s)` =
`default_rng([s, DATA_STREAM])` (numpy's SeedSequence keeps the entropy [s, 1] apart from s), so
adding one never moves the initial weights.

The generator is numpy's own, kept because JavaScript can reproduce it: `default_rng(seed)` is
SeedSequence (uint32 hashing) → PCG64 (a 128-bit LCG with the XSL-RR output) → the ziggurat
`standard_normal` on numpy's float64 tables, and `uniform` is low + (high − low) · (top 53 bits).
The toy playground ports these (docs/javascripts/playground/rng.js), so seed s in the page starts from
exactly the W and b below; tests/site/test_playground_toy.py checks seeds 0–999, n = 3…12, both inits.
"""
from __future__ import annotations

import math

import numpy as np

from .config import ToyConfig


DATA_STREAM = 1      # the sparse data set's stream (the initial weights use default_rng(s) itself)


def data_generator(seed: int) -> np.random.Generator:
    """Seed `seed`'s data stream, independent of its initial weights' `default_rng(seed)`."""
    return np.random.default_rng([int(seed), DATA_STREAM])


def seed_list(config: ToyConfig) -> np.ndarray:
    """The seeds of the batch, (K,): config.seed + i."""
    return config.seed + np.arange(config.n_seeds, dtype=np.int64)


def init_weights(config: ToyConfig, seeds=None) -> tuple[np.ndarray, np.ndarray]:
    """Initial W (K, m, n) and b (K, n) in float32, one independent generator per seed.

    "xavier" (default): W ~ N(0, 2/(m+n)) (Glorot normal, as in Anthropic's toy models), b = 0.
    "torch": nn.Linear's default for the encoder Linear(n, m) weight, U(±1/√n), and the decoder
    Linear(m, n) bias, U(±1/√m).
    """
    seeds = seed_list(config) if seeds is None else np.asarray(seeds, dtype=np.int64)
    n, m = config.n, config.m
    W = np.empty((len(seeds), m, n), np.float32)
    b = np.empty((len(seeds), n), np.float32)
    for k, s in enumerate(seeds):
        rng = np.random.default_rng(int(s))
        if config.init == "xavier":
            W[k] = rng.normal(0.0, math.sqrt(2.0 / (m + n)), size=(m, n))
            b[k] = 0.0
        else:
            W[k] = rng.uniform(-1 / math.sqrt(n), 1 / math.sqrt(n), size=(m, n))
            b[k] = rng.uniform(-1 / math.sqrt(m), 1 / math.sqrt(m), size=n)
    return W, b


def lr_multipliers(config: ToyConfig) -> np.ndarray:
    """The schedule's factor on the learning rate at each step, (steps,) float64.

    Linear warm-up over `warmup` steps (factor (t+1)/warmup), then constant or cosine decay to 0.
    """
    t = np.arange(config.steps, dtype=np.float64)
    mult = np.ones(config.steps)
    if config.warmup > 0:
        mult = np.minimum(1.0, (t + 1) / config.warmup)
    if config.schedule == "cosine":
        span = max(config.steps - config.warmup, 1)
        frac = np.clip((t - config.warmup) / span, 0.0, 1.0)
        mult = mult * 0.5 * (1.0 + np.cos(math.pi * frac))
    return mult


def identity_data(n: int) -> np.ndarray:
    """The post's data set: one one-hot example per feature, X = I (n, n), examples along rows."""
    return np.eye(n, dtype=np.float32)


def sparse_data(n: int, count: int, sparsity: float, rng: np.random.Generator) -> np.ndarray:
    """Anthropic's synthetic data ("Superposition, Memorization, and Double Descent"): each entry is
    non-zero with probability 1 − S, uniform on (0, 1], then each example is normalised to unit
    length (all-zero examples stay zero). Returns (count, n) float32."""
    x = 1.0 - rng.random((count, n))                # uniform on (0, 1]
    x = x * (rng.random((count, n)) >= sparsity)
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    return x.astype(np.float32)

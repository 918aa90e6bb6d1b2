"""The toy ReLU autoencoder's run configuration, y = ReLU(WᵀW x + b) (optimization-failure.md, "The
Problem Set-Up").

A `ToyConfig` fully determines a batched run of `n_seeds` models: seed i of the batch is the model a
run with `seed = config.seed + i, n_seeds = 1` trains, bit for bit. Its defaults are the conventions
the results depend on (docs/engines/toy.md lists them): mean squared error over all outputs, W ~
N(0, 2/(m+n)), b = 0, AdamW(lr=1e-3, weight_decay=1e-2) applied to W and b.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace

import numpy as np

OPTIMIZERS = ("adamw", "adam", "sgd")
INITS = ("xavier", "torch")
SCHEDULES = ("constant", "cosine")
DATASETS = ("identity", "sparse")
BACKENDS = ("auto", "numba", "torch")
PRECISIONS = ("float32", "float64")


@dataclass(frozen=True)
class ToyConfig:
    n: int = 7                   # features = input/output dims; the post's figures use 6 or 7
    m: int = 2                   # latent dims; the post keeps m = 2 so the latent plane can be drawn
    n_seeds: int = 1000          # K models trained at once (independently: no reduction crosses seeds)
    seed: int = 0                # model i of the batch is initialised from seed + i
    steps: int = 25_000          # optimiser steps; the post trains 25,000 full-batch epochs
    lr: float = 1e-3             # AdamW's default learning rate, as in the post
    optimizer: str = "adamw"     # "adamw" | "adam" | "sgd" (elementwise, so seeds stay independent)
    weight_decay: float | None = None  # None: 1e-2 for AdamW (torch's default), 0 for Adam and SGD
    beta1: float = 0.9           # Adam(W) first-moment decay (torch defaults)
    beta2: float = 0.999         # Adam(W) second-moment decay
    eps: float = 1e-8            # Adam(W) denominator guard
    schedule: str = "constant"   # "constant" | "cosine" (cosine decay to 0 after warm-up)
    warmup: int = 0              # linear warm-up steps (0: none)
    init: str = "xavier"         # "xavier": W ~ N(0, 2/(m+n)), b = 0; "torch": nn.Linear's default
    data: str = "identity"       # "identity": one one-hot example per feature (the post); "sparse": Anthropic's
    sparsity: float = 0.999      # sparse data: each entry is zero with probability S
    examples: int = 1000         # sparse data: T examples (0: fresh data every step)
    batch: int = 1000            # sparse data with examples = 0: examples drawn per step
    log_points: int = 48         # history: this many log-spaced checkpoints (plus 0 and the last step)
    every: int = 0               # history: also every N steps (0: only the log-spaced ones)
    backend: str = "auto"        # "auto": numba kernel when it covers the set-up, else torch
    device: str = "cpu"          # "cpu" | "cuda" (cuda runs the torch path)
    flush_subnormals: bool = True  # numba path flushes subnormal Adam moments to 0 (see docs)
    precision: str = "float32"   # "float32" | "float64": state, constants, moments and history

    def __post_init__(self):
        def need(ok: bool, what: str):
            if not ok:
                raise ValueError(what)
        for name in ("n", "m", "n_seeds", "steps", "seed", "warmup", "log_points", "every", "examples", "batch"):
            need(isinstance(getattr(self, name), int) and not isinstance(getattr(self, name), bool),
                 f"{name} must be an integer, got {getattr(self, name)!r}")
        need(self.n >= 2, f"n must be at least 2 (got {self.n})")
        need(self.m >= 1, f"m must be at least 1 (got {self.m})")
        need(self.n_seeds >= 1, f"seeds must be at least 1 (got {self.n_seeds})")
        need(self.steps >= 1, f"steps must be at least 1 (got {self.steps})")
        need(self.seed >= 0, f"seed must be non-negative (got {self.seed})")
        need(_positive(self.lr), f"learning rate must be a positive finite number (got {self.lr!r})")
        need(self.optimizer in OPTIMIZERS,
             f"unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}")
        need(self.weight_decay is None or (_finite(self.weight_decay) and self.weight_decay >= 0),
             f"weight decay must be a non-negative finite number (got {self.weight_decay!r})")
        need(0 <= self.beta1 < 1 and 0 <= self.beta2 < 1, "betas must lie in [0, 1)")
        need(_positive(self.eps), "eps must be positive")
        need(self.schedule in SCHEDULES, f"unknown schedule {self.schedule!r}; choose {', '.join(SCHEDULES)}")
        need(0 <= self.warmup <= self.steps, "warmup must lie between 0 and steps")
        need(self.init in INITS, f"unknown init {self.init!r}; choose one of {', '.join(INITS)}")
        need(self.data in DATASETS, f"unknown data {self.data!r}; choose one of {', '.join(DATASETS)}")
        need(0 <= self.sparsity < 1, f"sparsity must lie in [0, 1) (got {self.sparsity})")
        need(self.examples >= 0 and self.batch >= 1, "examples must be >= 0 and batch >= 1")
        need(self.backend in BACKENDS, f"unknown backend {self.backend!r}; choose {', '.join(BACKENDS)}")
        need(self.precision in PRECISIONS,
             f"unknown precision {self.precision!r}; choose one of {', '.join(PRECISIONS)}")
        need(self.device in ("cpu", "cuda"), f"device must be cpu or cuda (got {self.device!r})")
        need(not (self.device == "cuda" and self.backend == "numba"), "the numba backend runs on the cpu only")
        if self.resolved_backend == "numba":
            from .kernel import MAX_PARAMS, MAX_WORK, looped_fits
            need(looped_fits(self.n, self.m), f"n = {self.n}, m = {self.m} is more than the numba kernel takes "
                 f"(n²·m ≤ {MAX_WORK:,} and m·n + n ≤ {MAX_PARAMS:,}, so that one step of 32 seeds stays "
                 "short enough to interrupt)")
        self.check_memory(self.records_bound())

    def records_bound(self) -> int:
        """At most how many steps the default history records (without building the list)."""
        return 2 + self.log_points + (self.steps // self.every + 1 if self.every > 0 else 0)

    def bytes_needed(self, records: int, masked: bool = False) -> dict[str, int]:
        """Memory a run needs, by part, in bytes: the history (records × (m·n + n) floats per seed,
        plus the float64 loss), the optimiser state in the kernel's layout (built once and
        transposed, so twice), the initial weights, the per-step schedule, and for the torch path
        its per-step tensors (identity: a few (K, n, n); sparse: the (K, examples, n) data)."""
        K, n, m, f = self.n_seeds, self.n, self.m, np.dtype(self.dtype).itemsize
        P = m * n + n
        padded = -(-K // 32) * 32                       # the kernel pads K to whole chunks of LANES = 32
        parts = {"history": K * records * (P * f + 8),
                 "initial weights": K * P * (4 + f),
                 "schedule": self.steps * (3 * 8 + 3 * f)}
        if self.resolved_backend == "numba":
            parts["state"] = 2 * padded * ((3 * P + 1) * f + (P if masked else 0))
        else:
            parts["state"] = 4 * K * P * f              # W, b, their gradients and both moments
            rows = n if self.data == "identity" else (self.examples or self.batch)
            parts["per-step tensors"] = 6 * K * rows * n * f
        return parts

    def check_memory(self, records: int, masked: bool = False) -> None:
        """Raise ValueError, before anything is allocated, when the run would not fit in
        `memory_budget()`."""
        parts = self.bytes_needed(records, masked)
        need, budget = sum(parts.values()), memory_budget()
        if need > budget:
            top = ", ".join(f"{k} {_size(v)}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])[:3])
            raise ValueError(f"n = {self.n}, m = {self.m}, {self.n_seeds:,} seeds × {self.steps:,} steps would need "
                             f"{_size(need)} of memory ({top}); this run may use {_size(budget)} "
                             f"({BUDGET_ENV} sets the budget)")

    @property
    def wd(self) -> float:
        """The weight decay actually applied (decoupled for AdamW, an L2 term for Adam and SGD)."""
        if self.weight_decay is not None:
            return float(self.weight_decay)
        return 1e-2 if self.optimizer == "adamw" else 0.0

    @property
    def resolved_backend(self) -> str:
        """"numba" or "torch": the numba kernel covers identity data on the cpu."""
        if self.backend != "auto":
            return self.backend
        return "numba" if (self.device == "cpu" and self.data == "identity") else "torch"

    @property
    def dtype(self) -> type:
        """The numpy dtype of the run's arithmetic and history."""
        return np.float64 if self.precision == "float64" else np.float32

    def with_(self, **changes) -> "ToyConfig":
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)


BUDGET_ENV = "TOYVIZ_MEMORY_BUDGET"


def memory_budget() -> int:
    """Bytes a run may use: $TOYVIZ_MEMORY_BUDGET if set (tests use it), else 80 % of the
    MemAvailable line of /proc/meminfo (what the kernel says can be allocated without swapping);
    without /proc/meminfo, no limit."""
    env = os.environ.get(BUDGET_ENV)
    if env:
        return int(float(env))
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(0.8 * int(line.split()[1]) * 1024)
    except OSError:
        pass
    return 2 ** 63


def _size(b: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB", "TB", "PB"):
        if b < 1000 or unit == "PB":
            return f"{b:,.0f} {unit}" if unit == "bytes" else f"{b:.1f} {unit}"
        b /= 1000


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _positive(x) -> bool:
    return _finite(x) and x > 0


# Named presets: the post's figures.
POST_N7 = ToyConfig(n=7, m=2, steps=25_000)       # "n = 7, m = 2, trained for 25,000 epochs using AdamW"
POST_N6 = ToyConfig(n=6, m=2, steps=25_000)       # the latent-zone introduction (n = 6)

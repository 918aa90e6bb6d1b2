"""A trained batch and its recorded history: the object figures read.

Arrays put the seed axis first: final W (K, m, n), b (K, n), loss (K,); the history at the recorded
steps W_hist (K, T, m, n), b_hist (K, T, n), loss_hist (K, T). Memory is bounded by the number of
checkpoints: at K = 10,000, n = 7, m = 2 each checkpoint costs 0.9 MB in float32 (twice that in
float64: W, b and lr are in the config's precision, the loss is always float64).
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import numpy as np

from .config import ToyConfig


def checkpoint_steps(steps: int, log_points: int = 48, every: int = 0) -> np.ndarray:
    """Steps at which the state is recorded: 0, ~log_points log-spaced steps, every `every` steps,
    and the last step `steps`. Step t means "after t updates". Sorted, unique, int64."""
    pts = [np.array([0, steps])]
    if log_points > 0:
        pts.append(np.unique(np.round(np.logspace(0, np.log10(max(steps, 1)), log_points)).astype(np.int64)))
    if every > 0:
        pts.append(np.arange(0, steps + 1, every))
    out = np.unique(np.concatenate(pts))
    return out[(out >= 0) & (out <= steps)].astype(np.int64)


def batch_loss(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-seed loss on the identity data: mean over all n·n outputs of (ReLU(WᵀW + b) − I)².
    W (..., m, n), b (..., n) → (...,) float64, computed in float64 seed by seed."""
    W, b = np.asarray(W), np.asarray(b)
    (m, n), lead = W.shape[-2:], W.shape[:-2]
    W, b = W.reshape(-1, m, n), b.reshape(-1, n)
    out = np.empty(len(W))
    rows = max(1, min(1024, 2 ** 20 // (n * n)))     # blocks that stay in cache: 3x faster than one pass
    for s in range(0, len(W), rows):
        y = np.matmul(np.swapaxes(W[s:s + rows], -1, -2).astype(np.float64), W[s:s + rows].astype(np.float64))
        y += b[s:s + rows, None, :]                 # row j = example j (WᵀW is symmetric)
        np.maximum(y, 0.0, out=y)
        y[:, np.arange(n), np.arange(n)] -= 1.0      # minus the identity target
        y *= y
        out[s:s + rows] = y.mean(axis=(-1, -2))
    return out.reshape(lead)


@dataclass
class Run:
    """A trained batch of K seeds. `steps` are the recorded steps (T,), `seeds` the seeds (K,),
    `lr` each seed's learning rate (K,)."""
    config: ToyConfig
    seeds: np.ndarray        # (K,) int64
    lr: np.ndarray           # (K,) config.dtype
    steps: np.ndarray        # (T,) int64
    W_hist: np.ndarray       # (K, T, m, n) config.dtype (float32 unless precision="float64")
    b_hist: np.ndarray       # (K, T, n) config.dtype
    loss_hist: np.ndarray    # (K, T) float64
    seconds: float = 0.0     # training time (kernel or torch loop), not counting compilation

    @property
    def W(self) -> np.ndarray:
        """Final W, (K, m, n)."""
        return self.W_hist[:, -1]

    @property
    def b(self) -> np.ndarray:
        """Final b, (K, n)."""
        return self.b_hist[:, -1]

    @property
    def loss(self) -> np.ndarray:
        """Final per-seed loss, (K,)."""
        return self.loss_hist[:, -1]

    @property
    def K(self) -> int:
        return len(self.seeds)

    def select(self, idx) -> "Run":
        """The sub-batch of the given seed indices (positions in this run, not seed values)."""
        idx = np.atleast_1d(np.asarray(idx))
        return dataclasses.replace(self, seeds=self.seeds[idx], lr=self.lr[idx], W_hist=self.W_hist[idx],
                                   b_hist=self.b_hist[idx], loss_hist=self.loss_hist[idx])

    def at(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """(W, b) at the recorded step nearest to `step`: (K, m, n), (K, n)."""
        t = int(np.argmin(np.abs(self.steps - step)))
        return self.W_hist[:, t], self.b_hist[:, t]

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for the run cache (no pickles: the config travels as JSON text)."""
        return {"config_json": np.array(json.dumps(dataclasses.asdict(self.config))), "seeds": self.seeds,
                "lr": self.lr, "steps": self.steps, "W_hist": self.W_hist, "b_hist": self.b_hist,
                "loss_hist": self.loss_hist, "seconds": np.array(self.seconds)}

    @classmethod
    def from_arrays(cls, arrays: dict) -> "Run":
        """Inverse of `to_arrays`."""
        config = ToyConfig(**json.loads(str(arrays["config_json"])))
        return cls(config=config, seeds=arrays["seeds"], lr=arrays["lr"], steps=arrays["steps"],
                   W_hist=arrays["W_hist"], b_hist=arrays["b_hist"], loss_hist=arrays["loss_hist"],
                   seconds=float(arrays["seconds"]))

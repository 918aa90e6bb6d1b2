"""The reference path: batched autograd in torch, with the optimisers written out elementwise.

It is what the numba kernel is tested against, what runs on `--device cuda`, and what trains the
sparse data set. The loss is a mean inside each seed and a sum across seeds, so each seed's
gradient is its own (ARENA's convention). The optimisers are written out rather than taken from
torch.optim so that each seed can have its own learning rate and parameters can be frozen; a test
checks them against torch.optim.AdamW / Adam / SGD.
"""
from __future__ import annotations

import numpy as np
import torch

from .config import ToyConfig
from .data import data_generator, sparse_data


def loss_per_seed(W: torch.Tensor, b: torch.Tensor, X: torch.Tensor | None = None) -> torch.Tensor:
    """Per-seed MSE over all outputs. W (K, m, n), b (K, n), X None (identity data) or (K, T, n)."""
    if X is None:
        n = W.shape[-1]
        pre = torch.einsum("kai,kaj->kij", W, W) + b[:, None, :]     # row j = example e_j
        target = torch.eye(n, dtype=W.dtype, device=W.device)
    else:
        h = torch.einsum("ktn,kan->kta", X, W)                         # (K, T, m)
        pre = torch.einsum("kta,kan->ktn", h, W) + b[:, None, :]
        target = X
    return ((torch.relu(pre) - target) ** 2).mean(dim=(-1, -2))


class ElementwiseOptimizer:
    """AdamW / Adam / SGD on a list of (K, ...) tensors, with a per-seed learning rate (K,) and an
    optional frozen mask per tensor; formulas as in torch.optim."""

    def __init__(self, params, config: ToyConfig, lr: torch.Tensor, frozen=None):
        self.params, self.c, self.lr = params, config, lr
        self.frozen = frozen or [None] * len(params)
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def step(self, mult: float = 1.0):
        c, self.t = self.c, self.t + 1
        wd = c.wd
        bc1, bc2s = 1 - c.beta1 ** self.t, (1 - c.beta2 ** self.t) ** 0.5
        for p, m, v, fz in zip(self.params, self.m, self.v, self.frozen):
            lr = (self.lr * mult).view(-1, *[1] * (p.dim() - 1))
            g = p.grad
            old = (p.clone(), m.clone(), v.clone()) if fz is not None else None
            if c.optimizer == "sgd":
                p.sub_(lr * (g + wd * p))
            else:
                if c.optimizer == "adam":
                    g = g + wd * p
                else:
                    p.mul_(1 - lr * wd)
                m.mul_(c.beta1).add_(g, alpha=1 - c.beta1)
                v.mul_(c.beta2).addcmul_(g, g, value=1 - c.beta2)
                p.sub_((lr / bc1) * m / (v.sqrt() / bc2s + c.eps))
            if fz is not None:
                p.copy_(torch.where(fz, old[0], p))
                m.copy_(torch.where(fz, old[1], m))
                v.copy_(torch.where(fz, old[2], v))


def train_torch(config: ToyConfig, W0: np.ndarray, b0: np.ndarray, lr: np.ndarray, frozen,
                mult: np.ndarray, record: np.ndarray, seeds: np.ndarray, on_step=None):
    """Train the batch; returns W (K, T, m, n), b (K, T, n) at the `record` steps, as numpy arrays in
    the config's precision, and for sparse data the loss (K, T) on the data of that step (None for
    identity data).

    `on_step(t)` is called after each update (progress bars)."""
    dev = torch.device(config.device)
    dtype = {"float32": torch.float32, "float64": torch.float64}[config.precision]
    W = torch.tensor(W0, dtype=dtype, device=dev, requires_grad=True)
    b = torch.tensor(b0, dtype=dtype, device=dev, requires_grad=True)
    fz = None
    if frozen is not None:
        fz = [torch.as_tensor(np.broadcast_to(f, p.shape).copy(), device=dev) for f, p in zip(frozen, (W, b))]
    opt = ElementwiseOptimizer([W, b], config, torch.tensor(lr, dtype=dtype, device=dev), fz)
    rngs = [data_generator(s) for s in seeds] if config.data == "sparse" else None
    X = None
    if config.data == "sparse" and config.examples > 0:
        X = torch.tensor(np.stack([sparse_data(config.n, config.examples, config.sparsity, r) for r in rngs]),
                         dtype=dtype, device=dev)
    K, T = len(seeds), len(record)
    Wh = np.empty((K, T) + W0.shape[1:], config.dtype)
    bh = np.empty((K, T, W0.shape[-1]), config.dtype)
    lh = np.full((K, T), np.nan) if config.data == "sparse" else None   # identity: computed by the caller
    r = 0
    for t in range(config.steps + 1):
        if r < T and record[r] == t:
            Wh[:, r], bh[:, r] = W.detach().cpu().numpy(), b.detach().cpu().numpy()
            if lh is not None and X is not None:
                with torch.no_grad():
                    lh[:, r] = loss_per_seed(W, b, X).double().cpu().numpy()
            r += 1
        if t == config.steps:
            break
        if config.data == "sparse" and config.examples == 0:   # fresh data, each seed its own stream
            X = torch.tensor(np.stack([sparse_data(config.n, config.batch, config.sparsity, g) for g in rngs]),
                             dtype=dtype, device=dev)
        loss = loss_per_seed(W, b, X).sum()
        W.grad = b.grad = None
        loss.backward()
        opt.step(float(mult[t]))
        if on_step is not None:
            on_step(t + 1)
    return Wh, bh, lh

"""The sparse-autoencoder baseline on the same toy data (post "ICA vs SAEs", Comparison with SAEs).

s = ReLU(W_enc x + b_enc), x̂ = W_dec s + b_dec; loss = mean ‖x − x̂‖² + l1 · mean ‖s‖₁, decoder
columns kept at unit norm after every Adam step. Seeds are trained at once with the seed axis
first; each seed's loss is a mean over its own points and the batch loss a sum over seeds, so with
Adam (elementwise) seed i of a batch is seed i trained alone.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import torch

from .config import DataConfig
from .data import generator, make_data
from .metrics import angle_errors


@dataclass(frozen=True)
class SAEConfig:
    """An SAE trained on one of the ICA experiments' data sets."""
    data: DataConfig = field(default_factory=DataConfig)
    columns: int = 0          # dictionary size; 0 means k_true
    l1: float = 0.1           # weight of mean ‖s‖₁ against the mean squared error
    lr: float = 0.01          # Adam's learning rate
    steps: int = 2000         # full-batch Adam steps
    record_every: int = 0     # keep W_dec every this many steps (0: about 100 frames)
    seeds: tuple[int, ...] = (0,)

    def __post_init__(self):
        if self.columns < 0:
            raise ValueError(f"columns must be ≥ 1 (or 0 for k_true), got {self.columns}")
        if not self.l1 >= 0:
            raise ValueError(f"l1 must be ≥ 0, got {self.l1}")
        if not self.lr > 0:
            raise ValueError(f"learning rate must be > 0, got {self.lr}")
        if self.steps < 0:
            raise ValueError(f"steps must be ≥ 0, got {self.steps}")
        if len(self.seeds) < 1:
            raise ValueError("need at least one seed")

    @property
    def k(self) -> int:
        return self.columns or self.data.k_true

    @property
    def every(self) -> int:
        return self.record_every or max(1, self.steps // 100)


def sae_config(ica_config, **changes) -> SAEConfig:
    """An SAE on an ICA experiment's data, with as many columns and the same seeds."""
    return dataclasses.replace(SAEConfig(data=ica_config.data, columns=ica_config.k,
                                             seeds=ica_config.seeds), **changes)


def encode(X, W_enc, b_enc) -> np.ndarray:
    """s = ReLU(W_enc x + b_enc). X: (..., N, m), W_enc: (..., k, m), b_enc: (..., k). # (..., N, k)"""
    return np.maximum(X @ np.swapaxes(W_enc, -1, -2) + b_enc[..., None, :], 0.0)


def _init(k: int, m: int, seed: int) -> dict[str, torch.Tensor]:
    g = generator(20_000 + seed)
    W = torch.randn(m, k, generator=g, dtype=torch.float64)
    W = W / W.norm(dim=0, keepdim=True)
    return {"W_enc": W.T.clone(), "b_enc": torch.zeros(k, dtype=torch.float64),
            "W_dec": W.clone(), "b_dec": torch.zeros(m, dtype=torch.float64)}


def train_sae(config: SAEConfig, progress: bool = False) -> dict[str, np.ndarray]:
    """Train one SAE per seed on its data set (`config.data`), batched: `fit_sae`'s record."""
    data = [make_data(config.data, s) for s in config.seeds]
    return fit_sae(np.stack([d["X"] for d in data]), data[0]["A_true"], config, progress)


def fit_sae(X, A_true, config: SAEConfig, progress: bool = False) -> dict[str, np.ndarray]:
    """Train one SAE per seed on the given data X (S, N, m) (seed i's data and init: `config.seeds[i]`;
    `config.data` is not used), errors measured against A_true (m, n). Keys: X, A_true,
    W_enc (S,k,m), b_enc (S,k), W_dec (S,m,k), b_dec (S,m), W_dec_path (S,R,m,k), record_steps (R,),
    loss (S,T), angle_mean_deg / angle_max_deg (S,R), s_hat (S,N,k) final codes."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: extra threads only contend (7× slower on a busy 2-core box)
    try:
        return _fit_sae(np.asarray(X, np.float64), np.asarray(A_true, np.float64), config, progress)
    finally:
        torch.set_num_threads(threads)


def _fit_sae(X, A_true, config: SAEConfig, progress: bool) -> dict[str, np.ndarray]:
    if X.ndim != 3 or len(X) != len(config.seeds):
        raise ValueError(f"X must be (seeds, points, m) with {len(config.seeds)} seeds, got shape {X.shape}")
    X = torch.tensor(X)
    inits = [_init(config.k, X.shape[-1], s) for s in config.seeds]
    P = {n: torch.stack([i[n] for i in inits]).requires_grad_() for n in inits[0]}
    opt = torch.optim.Adam(P.values(), lr=config.lr)
    rec, losses = [], []
    from tqdm import tqdm
    bar = tqdm(total=config.steps, disable=not progress, desc="sae", unit="step", leave=False)
    for t in range(config.steps + 1):
        if t % config.every == 0:
            rec.append(P["W_dec"].detach().numpy().copy())
        if t == config.steps:
            break
        s = torch.relu(X @ P["W_enc"].transpose(1, 2) + P["b_enc"][:, None, :])
        Xh = s @ P["W_dec"].transpose(1, 2) + P["b_dec"][:, None, :]
        per_seed = ((X - Xh) ** 2).sum(-1).mean(-1) + config.l1 * s.abs().sum(-1).mean(-1)
        opt.zero_grad()
        per_seed.sum().backward()
        opt.step()
        with torch.no_grad():
            P["W_dec"] /= P["W_dec"].norm(dim=1, keepdim=True).clamp_min(1e-12)
        losses.append(per_seed.detach().numpy())
        bar.update()
    bar.close()
    out = {k: v.detach().numpy() for k, v in P.items()}
    path = np.stack(rec, 1)
    err = np.stack([angle_errors(p, A_true) for p in path])
    out.update({
        "X": X.numpy(), "A_true": A_true, "W_dec_path": path,
        "record_steps": np.arange(0, config.steps + 1, config.every),
        "loss": np.array(losses).T.reshape(len(config.seeds), -1),
        "angle_mean_deg": err.mean(-1), "angle_max_deg": err.max(-1),
        "s_hat": encode(X.numpy(), out["W_enc"], out["b_enc"]),
    })
    return out

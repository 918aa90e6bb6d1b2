"""Train K toy models at once: `train(config)` → `Run`, and `train_cached(config)` through the run cache.

The numba kernel (toyviz/toy/kernel.py) runs identity data on the cpu; the torch path
(toyviz/toy/train_torch.py) runs everything else (sparse data, `device="cuda"`) and is the
reference in the tests. Both start from the same per-seed initial weights (toyviz/toy/data.py).
"""
from __future__ import annotations

import time

import numpy as np

from .. import runs
from .config import ToyConfig
from .data import init_weights, lr_multipliers, seed_list
from .history import Run, batch_loss, checkpoint_steps


def _per_seed(x, K: int, shape: tuple, dtype, what: str) -> np.ndarray:
    a = np.asarray(x, dtype)
    try:
        return np.ascontiguousarray(np.broadcast_to(a, (K,) + shape))
    except ValueError:
        raise ValueError(f"{what} has shape {a.shape}; expected {shape} or {(K,) + shape}") from None


def train(config: ToyConfig, init=None, *, lr=None, frozen=None, record=None,
          progress: bool = False, kernel: str = "auto") -> Run:
    """Train `config.n_seeds` models at once and record their history.

    Args:
        config: the run; model i starts from seed `config.seed + i` unless `init` is given.
        init: optional initial `(W, b)`, shapes (m, n) and (n,) for every seed or (K, m, n), (K, n).
        lr: optional learning rate per seed, (K,) (or a scalar); default `config.lr` for all.
            The chaos sweep trains a perturbation × learning-rate grid this way in one run.
        frozen: optional `(W_mask, b_mask)` of booleans, (m, n)/(n,) or (K, m, n)/(K, n): True
            entries keep their initial value (and take no weight decay), e.g. train only W₇, b₇.
        record: steps to record (ints in [0, steps]); default `checkpoint_steps(...)` of the config.
        progress: show a tqdm progress bar on stderr.
        kernel: which numba kernel: "auto" (`kernel.looped_for`: unrolled for small n·n·m, looped above),
            "unrolled" or "looped". Both give the same bits, so it is not part of the config.

    Returns:
        A `Run` (seed axis first). A seed whose weights go non-finite keeps training as NaN without
        touching the others; `outcomes()` labels it "diverged".
    """
    K, n, m, dt = config.n_seeds, config.n, config.m, config.dtype
    rec = checkpoint_steps(config.steps, config.log_points, config.every) if record is None else \
        np.unique(np.asarray(record, np.int64))
    if rec.size == 0 or rec[0] < 0 or rec[-1] > config.steps:
        raise ValueError(f"record steps must lie in [0, {config.steps}]")
    config.check_memory(len(rec), masked=frozen is not None)      # before any large allocation
    if init is None:   # float64 runs start from the float32 draws, so the precisions share their starts
        W0, b0 = (a.astype(dt) for a in init_weights(config))
    else:
        W0 = _per_seed(init[0], K, (m, n), dt, "init W")
        b0 = _per_seed(init[1], K, (n,), dt, "init b")
    lrs = _per_seed(config.lr if lr is None else lr, K, (), dt, "lr")
    if not np.all(np.isfinite(lrs) & (lrs > 0)):
        raise ValueError("every learning rate must be a positive finite number")
    if frozen is not None:
        frozen = (_per_seed(frozen[0], K, (m, n), bool, "frozen W mask"),
                  _per_seed(frozen[1], K, (n,), bool, "frozen b mask"))
    mult = lr_multipliers(config)
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=config.steps, unit="step", desc=f"toy n={n} m={m} K={K}", leave=False)
    loss_h = None
    if config.resolved_backend == "numba":
        if kernel not in ("auto", "unrolled", "looped"):
            raise ValueError(f"unknown kernel {kernel!r}; choose auto, unrolled or looped")
        looped = None if kernel == "auto" else kernel == "looped"
        W_h, b_h, seconds = _train_numba(config, W0, b0, lrs, frozen, mult, rec, bar, looped)
    else:
        from .train_torch import train_torch
        t = time.perf_counter()
        W_h, b_h, loss_h = train_torch(config, W0, b0, lrs, frozen, mult, rec, seed_list(config),
                                       on_step=(lambda s: bar.update(1)) if bar else None)
        seconds = time.perf_counter() - t
    if bar is not None:
        bar.close()
    if loss_h is None:
        loss_h = batch_loss(W_h, b_h)
    return Run(config=config, seeds=seed_list(config), lr=lrs, steps=rec, W_hist=W_h, b_hist=b_h,
               loss_hist=loss_h, seconds=seconds)


def _train_numba(config, W0, b0, lrs, frozen, mult, rec, bar, looped):
    from . import kernel
    dt = config.dtype
    state = kernel.KernelState(W0, b0, lrs, frozen, dt)
    sched = kernel.schedule_arrays(mult, config.beta1, config.beta2, dt)
    looped = kernel.looped_for(config.n, config.m) if looped is None else looped
    kernel.compile_kernel(state, config.optimizer, config.flush_subnormals, looped)   # not timed
    K, T = config.n_seeds, len(rec)
    W_h = np.empty((K, T, config.m, config.n), dt)
    b_h = np.empty((K, T, config.n), dt)
    seconds, t = 0.0, 0
    piece = max(1, config.steps // 50) if bar is not None else config.steps   # progress granularity
    for r, stop in enumerate(rec):
        while t < stop:
            t1 = min(stop, t + piece)
            tic = time.perf_counter()
            kernel.run_segment(state, config.optimizer, sched, t, t1, config.beta1, config.beta2,
                               config.eps, config.wd, config.flush_subnormals, looped)
            seconds += time.perf_counter() - tic
            if bar is not None:
                bar.update(t1 - t)
            t = t1
        W_h[:, r], b_h[:, r] = state.weights()
    return W_h, b_h, seconds


def train_cached(config: ToyConfig, refresh: bool = False) -> Run:
    """`train(config)` through the run cache (.cache/runs/toy/<hash>.npz): a figure that asks for
    the same config again, with the same trainer code (docstrings aside), gets the stored run back."""
    arrays = runs.cached(config, lambda: train(config).to_arrays(), engine="toy", refresh=refresh)
    return Run.from_arrays(arrays)

"""Toy engine speed, measured side by side in one run (`toyviz bench toy-train [--quick] [--grid]`).

Prints seed-steps per second of: the numba kernel (10,000 seeds × 25,000 steps at n = 7, AdamW,
training time only, three times; the best counts), a plain batched autograd loop with torch.optim.AdamW, and a per-seed
loop (one module and one optimiser per seed), and the ratios between them. The torch loops are
timed on fewer steps and compared per seed-step. `--grid` adds K = 100, 1,000, 10,000 × n = 5…10 ×
each optimiser, with the fraction of this machine's float32 peak the kernel reaches.
"""
from __future__ import annotations

import argparse
import os
import time


def flops_per_seed_step(n: int, m: int, optimizer: str) -> int:
    """Arithmetic operations (add, sub, mul, div, sqrt) of one seed-step in the kernel's source."""
    gram = n * (n + 1) // 2 * (2 * m - 1)
    resid = 2 * n * n + n                       # p = g + b, e = C·(p [− 1])
    gb = n * (n - 1)
    s = n * (n + 1) // 2
    gw = m * n * (2 * n - 1)
    P = m * n + n
    per_param = {"adamw": 14, "adam": 15, "sgd": 4}[optimizer]
    return gram + resid + gb + s + gw + P * per_param + 4


def cpu_peak() -> tuple[float, int, str]:
    """float32 operations/s without FMA (the kernel may not contract a·b + c): cores × GHz × 8 lanes
    (AVX2) × vector add/mul pipes (AMD Zen: two multiply and two add pipes; Intel: two ports that do
    either); the core count; and how the peak was counted."""
    cores = len(os.sched_getaffinity(0))
    mhz, vendor, family = 0.0, "", 0
    try:
        for line in open("/proc/cpuinfo"):
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "cpu MHz":
                mhz = max(mhz, float(value))
            elif key == "vendor_id":
                vendor = value.strip()
            elif key == "cpu family":
                family = int(value)
    except (OSError, ValueError):
        pass
    pipes = 4 if vendor == "AuthenticAMD" and family >= 0x17 else 2
    ghz = (mhz or 2500.0) / 1e3
    return cores * ghz * 1e9 * 8 * pipes, cores, f"{cores} cores × {ghz:.2f} GHz × 8 lanes × {pipes} pipes"


def time_numba(n, m, K, steps, optimizer="adamw") -> float:
    from toyviz.toy import ToyConfig, train
    c = ToyConfig(n=n, m=m, seeds=K, steps=steps, optimizer=optimizer, log_points=0,
                  lr=1e-2 if optimizer == "sgd" else 1e-3)
    train(c.with_(seeds=32, steps=2))                   # compile (or load the cache) first
    return train(c).seconds


def time_torch_batched(n, m, K, steps) -> float:
    import torch
    from toyviz.toy import ToyConfig
    from toyviz.toy.data import init_weights
    from toyviz.toy.train_torch import loss_per_seed
    W0, b0 = init_weights(ToyConfig(n=n, m=m, seeds=K))
    W, b = torch.tensor(W0, requires_grad=True), torch.tensor(b0, requires_grad=True)
    opt = torch.optim.AdamW([W, b], lr=1e-3, weight_decay=1e-2)
    tic = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss_per_seed(W, b).sum().backward()
        opt.step()
    return time.perf_counter() - tic


def time_per_seed_loop(n, m, seeds, steps) -> float:
    import torch
    X = torch.eye(n)
    tic = time.perf_counter()
    for s in range(seeds):
        torch.manual_seed(s)
        W = torch.nn.Parameter(torch.randn(m, n) * (2 / (m + n)) ** 0.5)
        b = torch.nn.Parameter(torch.zeros(n))
        opt = torch.optim.AdamW([W, b], lr=1e-3, weight_decay=1e-2)
        for _ in range(steps):
            opt.zero_grad()
            y = torch.relu(X @ W.T @ W + b)
            ((y - X) ** 2).mean().backward()
            opt.step()
    return time.perf_counter() - tic


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="toyviz bench toy-train", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 seeds × 5,000 steps for the headline")
    ap.add_argument("--grid", action="store_true", help="also K × n × optimiser seed-steps/s")
    args = ap.parse_args(argv)
    import torch
    torch.set_num_threads(len(os.sched_getaffinity(0)))
    K, T = (1000, 5000) if args.quick else (10_000, 25_000)
    peak, cores, how = cpu_peak()
    print(f"# toy engine bench: n=7 m=2 AdamW, {cores} cores, torch {torch.__version__}")
    fast = [time_numba(7, 2, K, T) for _ in range(3)]
    rate = K * T / min(fast)
    print(f"numba kernel   {K} seeds × {T} steps: " + ", ".join(f"{t:.2f} s" for t in fast)
          + f"  (best {rate / 1e6:.1f} M seed-steps/s)")
    tb = time_torch_batched(7, 2, K, 200)
    rb = K * 200 / tb
    print(f"torch batched  autograd + torch.optim.AdamW, {K} seeds × 200 steps: {tb:.2f} s "
          f"({rb / 1e6:.2f} M seed-steps/s; {K * T / rb:.0f} s extrapolated)")
    r1k = 1000 * T / min(time_numba(7, 2, 1000, T) for _ in range(3))
    tl = time_per_seed_loop(7, 2, 3, 300)
    rl = 3 * 300 / tl
    print(f"per-seed loop  one module + optimiser per seed, 3 seeds × 300 steps: {tl:.2f} s "
          f"({rl / 1e3:.1f} k seed-steps/s); numba at 1,000 seeds: {r1k / 1e6:.1f} M seed-steps/s")
    print(f"ratio numba / torch batched ({K} seeds): {rate / rb:.0f}x   "
          f"numba / per-seed loop (1,000 seeds): {r1k / rl:,.0f}x")
    f = flops_per_seed_step(7, 2, "adamw")
    print(f"{f} float ops per seed-step → {rate * f / 1e9:.1f} GFLOP/s = {rate * f / peak:.0%} of the "
          f"float32 peak without FMA ({peak / 1e9:.0f} GFLOP/s = {how})")
    if args.grid:
        print("\nK       n  optimizer  M seed-steps/s  peak")
        for opt in ("adamw", "adam", "sgd"):
            for n in range(5, 11):
                for K in (100, 1000, 10_000):
                    steps = 20_000_000 // K          # 20 M seed-steps a cell (~0.2 s): long enough to time
                    r = K * steps / min(time_numba(n, 2, K, steps, opt) for _ in range(2))
                    print(f"{K:<7d} {n:<2d} {opt:<10s} {r / 1e6:14.1f}  {r * flops_per_seed_step(n, 2, opt) / peak:4.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

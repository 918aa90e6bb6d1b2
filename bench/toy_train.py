"""Toy engine speed, measured side by side in one run (`toyviz bench toy-train [--quick] [--grid]`).

Prints seed-steps per second of: the numba kernel (10,000 seeds × 25,000 steps at n = 7, AdamW,
training time only, three times; the best counts), a plain batched autograd loop with torch.optim.AdamW, and a per-seed
loop (one module and one optimiser per seed), and the ratios between them. The torch loops are
timed on fewer steps and compared per seed-step. `--grid` adds K = 100, 1,000, 10,000 × n = 5…10 ×
each optimiser, with the fraction of this machine's float32 peak the kernel reaches. `--kernels`
adds the unrolled and the looped kernel side by side for n = 5…16 (and m = 3, 5 at a few n): compile
time (CPU seconds of the child process that fills numba's cache, so other load on the machine does
not inflate it), seed-steps per CPU-second, the totals of a 1,000- and a 10,000-seed × 25,000-step
run with the compile, and how many 1,000-seed runs repay the unrolled compile, which sets
`kernel.UNROLLED_MAX_N`. `--precision` adds float32 against float64
at n = 7 (10,000 seeds × 5,000 steps); `--interrupt` the seconds from Ctrl-C to exit in a compile
and in a long run. `--kernels-n 5,7,10,11` measures the kernels at those n only (m = 2). `--no-headline`
leaves out the headline; `--markdown PATH` writes the dated tables that the toy engine page includes
(docs/engines/toy.md), one file per run of this command:

    toyviz bench toy-train --grid --markdown bench/results/toy_speed.md
    toyviz bench toy-train --no-headline --precision --interrupt --markdown bench/results/toy_precision.md
    toyviz bench toy-train --no-headline --kernels --kernels-n 5,7,10,11,12,13,14,16 \
        --markdown bench/results/toy_kernels.md
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import _markdown
from _markdown import Measurement


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


def _cpuinfo() -> dict:
    """The first processor's fields of /proc/cpuinfo (empty where it cannot be read)."""
    info = {}
    try:
        for line in open("/proc/cpuinfo"):
            key, _, value = line.partition(":")
            if not key.strip():
                break                                    # the first processor's block ends
            info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    return info


def vector_lanes(flags: set) -> tuple[int, str]:
    """float32 lanes of the widest vector extension and its name: 16 (AVX-512), 8 (AVX, AVX2), else 4."""
    for flag, lanes in (("avx512f", 16), ("avx2", 8), ("avx", 8)):
        if flag in flags:
            return lanes, flag.upper().removesuffix("F")
    return 4, "no AVX"


def cpu_peak() -> tuple[float, int, str]:
    """float32 operations/s without FMA (the kernel may not contract a·b + c): cores × GHz × lanes of
    the widest vector extension × vector add/mul pipes (AMD Zen: two multiply and two add pipes;
    Intel: two ports that do either); the core count; and how the peak was counted. An upper bound:
    the compiler may prefer narrower vectors than the CPU has."""
    info = _cpuinfo()
    cores = len(os.sched_getaffinity(0))
    try:
        mhz, family = float(info.get("cpu MHz", 0)), int(info.get("cpu family", 0))
    except ValueError:
        mhz, family = 0.0, 0
    lanes, _ = vector_lanes(set(info.get("flags", "").split()))
    pipes = 4 if info.get("vendor_id") == "AuthenticAMD" and family >= 0x17 else 2
    ghz = (mhz or 2500.0) / 1e3
    return (cores * ghz * 1e9 * lanes * pipes, cores,
            f"{cores} cores × {ghz:.2f} GHz × {lanes} lanes × {pipes} pipes")


def cpu_model() -> str:
    """The CPU's name and widest vector extension, as /proc/cpuinfo reports them."""
    info = _cpuinfo()
    return f"{info.get('model name', 'unknown CPU')}, {vector_lanes(set(info.get('flags', '').split()))[1]}"


def time_numba(n, m, K, steps, optimizer="adamw") -> float:
    from toyviz.toy import ToyConfig, train
    c = ToyConfig(n=n, m=m, n_seeds=K, steps=steps, optimizer=optimizer, log_points=0,
                  lr=1e-2 if optimizer == "sgd" else 1e-3)
    train(c.with_(n_seeds=32, steps=2))                   # compile (or load the cache) first
    return train(c).seconds


_COMPILE = """
import resource, sys, time, numpy as np
from toyviz.toy import kernel
n, m, looped = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
st = kernel.KernelState(np.zeros((1, m, n), np.float32), np.zeros((1, n), np.float32), np.ones(1, np.float32))
tic = time.perf_counter()
kernel.compile_kernel(st, "adamw", True, looped)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(ru.ru_utime + ru.ru_stime, time.perf_counter() - tic)
"""


def compile_seconds(n: int, m: int, looped: bool) -> tuple[float, float]:
    """(CPU, wall) seconds to compile one AdamW kernel from an empty numba cache, in the child
    process `kernel.compile_kernel` starts (numba's import in that child included)."""
    with tempfile.TemporaryDirectory(prefix="toyviz-bench-numba-") as cache:
        out = subprocess.run([sys.executable, "-c", _COMPILE, str(n), str(m), str(int(looped))], check=True,
                             capture_output=True, text=True, env=dict(os.environ, NUMBA_CACHE_DIR=cache))
    cpu, wall = map(float, out.stdout.split())
    return cpu, wall


def cpu_rate(n: int, m: int, K: int, steps: int, kernel: str = "auto", precision: str = "float32") -> float:
    """Seed-steps per CPU-second (best of two): on a machine shared with other work, CPU time
    stays put where wall time does not."""
    from toyviz.toy import ToyConfig, train
    c = ToyConfig(n=n, m=m, n_seeds=K, steps=steps, log_points=0, precision=precision)
    train(c.with_(n_seeds=32, steps=2), kernel=kernel)    # compile (or load the cache) first
    best = float("inf")
    for _ in range(2):
        tic = time.process_time()
        train(c, kernel=kernel)
        best = min(best, time.process_time() - tic)
    return K * steps / best


REPAY_RUNS = 6   # the unrolled kernel serves n while its compile is repaid within this many typical runs


def kernel_table(sizes=None) -> str:
    """Unrolled against looped per (n, m): compile, speed, and typical runs' totals, all in CPU
    seconds (compile in its child process, training summed over the kernel's threads). A compile is
    paid once per machine and variant (numba's disk cache), a run every time: the hand-over is the
    largest n whose compile is repaid within REPAY_RUNS runs of 1,000 seeds × 25,000 steps. `sizes`:
    the (n, m) to measure (default n = 5…16 at m = 2, and n = 7, 10 at m = 3 and 5). Returns the table
    as Markdown."""
    from toyviz.toy import kernel
    T = 25_000
    print(f"\n# kernels side by side (AdamW, float32), CPU seconds; a run = K seeds × {T:,} steps + compile; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("n   m  compile s (unrolled / looped)  M seed-steps per CPU-s (unrolled / looped)  "
          "run K=1,000 s (unrolled / looped)  run K=10,000 s (unrolled / looped)  K=1,000 runs to repay  kernel used")
    looped_compile = {}
    hand_over, rows = None, []
    for n, m in sizes or [(n, 2) for n in range(5, 17)] + [(7, 3), (10, 3), (7, 5), (10, 5)]:
        if m not in looped_compile:                 # one looped kernel per m serves every n
            looped_compile[m] = compile_seconds(8, m, True)[0]
        cu, cl = compile_seconds(n, m, False)[0], looped_compile[m]
        steps = max(200, int(2e7 * 49 / (n * n * m / 2)) // 1000)    # ~0.2 CPU-s of work at n = 7
        ru, rl = cpu_rate(n, m, 1000, steps, "unrolled"), cpu_rate(n, m, 1000, steps, "looped")
        runs = [(cu + K * T / ru, cl + K * T / rl) for K in (1000, 10_000)]
        repay = (cu - cl) / (1000 * T * (1 / rl - 1 / ru))      # runs after which the compile has paid
        if m == 2 and repay <= REPAY_RUNS:
            hand_over = n
        used = "looped" if kernel.looped_for(n, m) else "unrolled"
        print(f"{n:<3d} {m:<2d} {cu:8.1f} / {cl:4.1f}             {ru / 1e6:8.1f} / {rl / 1e6:5.1f}                        "
              + "".join(f"{u:9.1f} / {l:6.1f}              " for u, l in runs) + f"{repay:5.1f}       " + used,
              flush=True)
        rows.append([f"{n}" + ("" if m == 2 else f" (m = {m})"), f"{cu:.1f} / {cl:.1f}", f"{ru / 1e6:.1f} / {rl / 1e6:.1f}",
                     *(f"{u:.1f} / {l:.1f}" for u, l in runs), f"{repay:.1f}", used])
    largest = max(n for n, m in sizes or [(16, 2)] if m == 2)
    verdict = (f"largest n (m = 2) whose unrolled compile is repaid within {REPAY_RUNS} runs of 1,000 seeds: "
               f"{hand_over}" + (" (the largest n measured: the rule may hold further)" if hand_over == largest else "")
               + f"; kernel.UNROLLED_MAX_N = {kernel.UNROLLED_MAX_N}")
    print(verdict)
    head = ["n", "compile, CPU s (unrolled / looped)", "M seed-steps per CPU-s (unrolled / looped)",
            f"1,000 seeds × {T:,} steps + compile, CPU s", f"10,000 seeds × {T:,} steps + compile, CPU s",
            "runs of 1,000 seeds that repay the unrolled compile", "kernel used"]
    return (f"AdamW, float32; compile in a child process from an empty numba cache; speed best of two.\n\n"
            + _markdown.table(head, rows) + f"\n\nThe {verdict.replace('kernel.UNROLLED_MAX_N', '`UNROLLED_MAX_N`')}.")


_INTERRUPTED = {
    "compile": "train(ToyConfig(n=12, m=2, n_seeds=8, steps=10), kernel='unrolled')",
    "long run": "c = ToyConfig(n=40, m=2, n_seeds=4096, steps=10 ** 6, log_points=0)\n"
                "train(c.with_(steps=2)); print('run', flush=True); train(c)",
}


def interrupt_latency() -> str:
    """Seconds from SIGINT to the KeyboardInterrupt in the process and to its exit, in a compile
    (fresh numba cache) and in a long looped run; and, for scale, the exit of a run that ends.
    Returns the table as Markdown."""
    print("\n# Ctrl-C: seconds from SIGINT to KeyboardInterrupt / to exit (two tries each)")
    table = []
    for what, code in _INTERRUPTED.items():
        rows = []
        for _ in range(2):
            with tempfile.TemporaryDirectory(prefix="toyviz-bench-") as cache:
                env = dict(os.environ, TOYVIZ_CACHE=cache, NUMBA_CACHE_DIR=os.path.join(cache, "numba"))
                body = "    " + code.replace("\n", "\n    ")
                # Ctrl-C's own handler, also when this bench runs in the background (which ignores SIGINT)
                script = ("import signal, time; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
                          "from toyviz.toy import ToyConfig, train\nprint('go', flush=True)\ntry:\n"
                          f"{body}\nexcept KeyboardInterrupt:\n    print('KI', time.time(), flush=True)\n    raise\n")
                proc = subprocess.Popen([sys.executable, "-c", script], env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                for line in proc.stdout:
                    if line.strip() == ("run" if what == "long run" else "go"):
                        break
                time.sleep(1.0)
                sent = time.time()
                proc.send_signal(2)
                line = proc.stdout.readline()
                proc.wait()
                ki = float(line.split()[1]) - sent if line.startswith("KI") else float("nan")
                rows.append(f"{ki:.2f} / {time.time() - sent:.2f} s")
        print(f"{what:9s} " + ", ".join(rows))
        table.append([what, *rows])
    tic = time.time()
    subprocess.run([sys.executable, "-c", "from toyviz.toy import ToyConfig, train"], check=True)
    scale = time.time() - tic
    print(f"for scale: a process that only imports toyviz.toy and exits takes {scale:.2f} s "
          f"(load average {os.getloadavg()[0]:.1f})")
    table.append(["for scale: a process that only imports `toyviz.toy` and exits", f"– / {scale:.2f} s", ""])
    return _markdown.table(["SIGINT during", "try 1: to KeyboardInterrupt / to exit", "try 2"], table)


def precision_table() -> str:
    K, T = 10_000, 5000
    r32, r64 = cpu_rate(7, 2, K, T), cpu_rate(7, 2, K, T, precision="float64")
    print(f"\n# precision, n = 7 AdamW, {K:,} seeds × {T:,} steps: float32 {r32 / 1e6:.1f}, float64 "
          f"{r64 / 1e6:.1f} M seed-steps per CPU-second (float64 / float32 = {r64 / r32:.2f}; "
          f"load average {os.getloadavg()[0]:.1f})")
    return _markdown.table([f"n = 7, AdamW, {K:,} seeds × {T:,} steps", "float32", "float64", "float64 / float32"],
                           [["M seed-steps per CPU-second (best of two)", f"{r32 / 1e6:.1f}", f"{r64 / 1e6:.1f}",
                             f"{r64 / r32:.2f}×"]])


def time_torch_batched(n, m, K, steps) -> float:
    import torch
    from toyviz.toy import ToyConfig
    from toyviz.toy.data import init_weights
    from toyviz.toy.train_torch import loss_per_seed
    W0, b0 = init_weights(ToyConfig(n=n, m=m, n_seeds=K))
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


def headline(quick: bool) -> str:
    """The numba kernel against a batched autograd loop and a per-seed loop at n = 7, AdamW, with the
    kernel's arithmetic rate against this machine's peak. Returns the table as Markdown."""
    import torch
    K, T = (1000, 5000) if quick else (10_000, 25_000)
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
    goal = "≤ 3 s" if (K, T) == (10_000, 25_000) else "(≤ 3 s at 10,000 × 25,000)"
    rows = [[f"numba kernel, {K:,} seeds × {T:,} steps: training, wall (three runs)",
             ", ".join(f"{t:.2f} s" for t in fast) + f" (best {rate / 1e6:.1f} M seed-steps/s)", goal],
            [f"batched autograd loop with `torch.optim.AdamW`, {K:,} seeds × 200 steps",
             f"{rb / 1e6:.2f} M seed-steps/s: numba {rate / rb:.0f}× faster", "≥ 30×"],
            ["per-seed loop (one module and optimiser per seed), 3 seeds × 300 steps",
             f"{rl / 1e3:.1f} k seed-steps/s: numba at 1,000 seeds ({r1k / 1e6:.1f} M) {r1k / rl:,.0f}× faster",
             "≥ 10,000×"],
            [f"the best numba run's arithmetic ({f} float operations per seed-step)",
             f"{rate * f / 1e9:.1f} GFLOP/s ({rate * f / peak:.0%} of a float32 peak without FMA counted as "
             f"{peak / 1e9:.0f} GFLOP/s = {how})", ""]]
    return _markdown.table(["n = 7, m = 2, AdamW", "measured", "goal"], rows)


def grid(peak: float) -> str:
    """Seed-steps per second for K = 100, 1,000, 10,000 × n = 5…10 × each optimiser (20 M seed-steps a
    cell, best of two), with the GFLOP/s (and, printed, the share of `peak`). Returns the table as Markdown."""
    print("\nK       n  optimizer  M seed-steps/s  GFLOP/s         peak")
    Ks, rows, top = (100, 1000, 10_000), [], 0.0
    for opt in ("adamw", "adam", "sgd"):
        for n in range(5, 11):
            cells = []
            for K in Ks:
                steps = 20_000_000 // K          # 20 M seed-steps a cell (~0.2 s): long enough to time
                r = K * steps / min(time_numba(n, 2, K, steps, opt) for _ in range(2))
                gflops = r * flops_per_seed_step(n, 2, opt) / 1e9
                print(f"{K:<7d} {n:<2d} {opt:<10s} {r / 1e6:14.1f}  {gflops:6.1f} GFLOP/s  {gflops * 1e9 / peak:4.0%}")
                cells.append(f"{r / 1e6:.1f} ({gflops:.0f})")
                top = max(top, gflops * 1e9 / peak)
            rows.append([{"adamw": "AdamW", "adam": "Adam", "sgd": "SGD"}[opt], n, *cells])
    return ("M seed-steps per second (wall clock, 20 M seed-steps a cell, best of two), and in brackets the "
            f"GFLOP/s that makes; the largest is {top:.0%} of the counted peak.\n\n"
            + _markdown.table(["optimiser", "n", *(f"K = {K:,}" for K in Ks)], rows))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="toyviz bench toy-train", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 seeds × 5,000 steps for the headline")
    ap.add_argument("--no-headline", action="store_true", help="leave out the headline (only what the options add)")
    ap.add_argument("--grid", action="store_true", help="also K × n × optimiser seed-steps/s")
    ap.add_argument("--kernels", action="store_true", help="also unrolled vs looped kernel per n (minutes)")
    ap.add_argument("--kernels-n", metavar="N,N,...", help="with --kernels: only these n, at m = 2")
    ap.add_argument("--precision", action="store_true", help="also float32 vs float64 at n = 7")
    ap.add_argument("--interrupt", action="store_true", help="also Ctrl-C latency in a compile and a run")
    ap.add_argument("--markdown", metavar="PATH", help="the dated tables the toy engine page includes")
    args = ap.parse_args(argv)
    try:
        sizes = [(int(n), 2) for n in args.kernels_n.split(",")] if args.kernels_n else None
    except ValueError:
        raise ValueError(f"--kernels-n takes whole numbers separated by commas, got {args.kernels_n!r}") from None
    if sizes and min(n for n, _ in sizes) < 1:
        raise ValueError("--kernels-n must be ≥ 1")
    options = [f"--{k.replace('_', '-')}" for k in ("quick", "no_headline", "grid", "precision", "kernels", "interrupt")
               if getattr(args, k)] + ([f"--kernels-n {args.kernels_n}"] if args.kernels_n else [])
    measurement = Measurement(" ".join(["toyviz bench toy-train", *options]))
    import torch
    torch.set_num_threads(len(os.sched_getaffinity(0)))
    peak, cores, how = cpu_peak()
    blocks = []
    if not args.no_headline:
        blocks.append(headline(args.quick))
    if args.grid:
        blocks.append(grid(peak))
    if args.precision:
        blocks.append(precision_table())
    if args.kernels:
        blocks.append(kernel_table(sizes))
    if args.interrupt:
        blocks.append(interrupt_latency())
    if args.markdown:
        cpu = f"{cpu_model()}; peak counted as {how}"
        measurement.write(args.markdown, cpu + ".", *blocks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

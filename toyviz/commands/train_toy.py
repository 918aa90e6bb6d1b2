"""`toyviz train toy`: train a batch of toy ReLU autoencoders and report their outcomes as JSON.

Heavy imports (numpy's analysis, numba, torch) happen inside the handler so `toyviz --help` stays fast.
"""
from __future__ import annotations

import sys
import time

from toyviz.commands.args import count, real, seeds_fit, within

MAX_SEEDS, MAX_STEPS = 10_000_000, 1_000_000_000   # beyond these a run means nothing (and cannot fit)


def register(sub) -> None:
    help_line = "the toy ReLU autoencoder y = ReLU(WᵀWx + b): K seeds at once, outcome counts as JSON"
    p = sub.add_parser("toy", help=help_line, description=help_line)
    p.add_argument("--n", type=count, default=7, help="features (default 7)")
    p.add_argument("--m", type=count, default=2, help="latent dimensions (default 2)")
    p.add_argument("--seeds", type=count, default=1000, help="models trained at once (default 1000)")
    p.add_argument("--steps", type=count, default=25_000, help="optimiser steps (default 25000)")
    p.add_argument("--lr", type=real, default=1e-3, help="learning rate (default 1e-3)")
    p.add_argument("--optimizer", default="adamw", help="adamw | adam | sgd (default adamw)")
    p.add_argument("--weight-decay", type=real, default=None,
                   help="default 1e-2 for adamw, 0 for adam and sgd")
    p.add_argument("--init", default="xavier", help="xavier (W ~ N(0, 2/(m+n)), b = 0; default) | torch "
                                                    "(nn.Linear's default)")
    p.add_argument("--schedule", default="constant", help="constant | cosine")
    p.add_argument("--warmup", type=count, default=0, help="linear warm-up steps")
    p.add_argument("--seed", type=count, default=0, help="model i uses seed + i (default 0)")
    p.add_argument("--device", default="cpu", help="cpu (numba kernel) | cuda (torch path)")
    p.add_argument("--backend", default="auto", help="auto | numba | torch")
    p.add_argument("--json", metavar="PATH", help="write the report here (default: stdout); its folder must exist")
    p.add_argument("--weights", metavar="PATH.npz", help="also write every seed's final W (K, m, n), b (K, n), "
                                                         "seeds (K,) and outcome labels (K,) here")
    p.add_argument("--quiet", "--no-progress", dest="quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args) -> int:
    from toyviz import output
    from toyviz.toy.config import ToyConfig
    if not args.lr > 0:
        raise ValueError(f"--lr must be a positive finite number (got {args.lr})")
    within("--seeds", args.seeds, 1, MAX_SEEDS)
    within("--steps", args.steps, 1, MAX_STEPS)
    within("--weight-decay", args.weight_decay, 0)
    seeds_fit(args.seed, args.seeds)
    if args.weights is not None and not args.weights.endswith(".npz"):
        raise ValueError(f"--weights must name a .npz file (got {args.weights})")
    for target in (args.json, args.weights):
        if target is not None:
            output.check_target(target)     # before training: a bad path fails in a second
    config = ToyConfig(n=args.n, m=args.m, n_seeds=args.seeds, steps=args.steps, lr=args.lr,
                       optimizer=args.optimizer, weight_decay=args.weight_decay, init=args.init,
                       schedule=args.schedule, warmup=args.warmup, seed=args.seed, device=args.device,
                       backend=args.backend)
    if config.device == "cuda":
        import torch
        if not torch.cuda.is_available():
            raise ValueError("--device cuda: no CUDA device is available here")
    tic = time.perf_counter()
    from toyviz.toy.train import train
    result = train(config, progress=not args.quiet and sys.stderr.isatty())
    report = build_report(result, time.perf_counter() - tic)
    if args.weights is not None:
        import numpy as np
        with output.atomic_file(args.weights) as f:
            np.savez(f, W=result.W, b=result.b, seeds=result.seeds,
                     outcome=np.array([s["outcome"] for s in report["seeds"]]))
    text = output.dumps(report)   # compact: 10,000 seed records encode 6x faster than indented
    if args.json is not None:
        output.write_text(args.json, text + "\n")
        counts = ", ".join(f"{k} {v}" for k, v in report["outcomes"].items() if v)
        print(f"{config.n_seeds} seeds × {config.steps} steps in {report['seconds']['total']:.2f} s: {counts}",
              file=sys.stderr)
    else:
        print(text)
    return 0


def build_report(result, total_seconds: float) -> dict:
    """The JSON report of a run (see docs/engines/toy.md)."""
    import dataclasses
    import numpy as np
    from toyviz.toy.analysis import history_masks, outcome_counts, outcomes_at, seed_summaries
    masks = history_masks(result.W_hist, result.b_hist)
    dead_hist, shape_hist, _ = masks                                     # (K, T, n), (K, T)
    labels_at = outcomes_at(result.W_hist, result.b_hist, result.loss_hist, masks=masks)   # (K, T)
    labels = labels_at[:, -1]
    n = result.config.n
    dead_end = dead_hist[:, -1]                                          # (K, n)
    dead_b = result.b[dead_end]
    loss = result.loss
    finite = np.isfinite(loss)
    checkpoints = [{"step": int(s),
                    "dead_feature_counts": np.bincount(dead_hist[:, t].sum(axis=1), minlength=n + 1).tolist(),
                    "symmetric_failure_shape": int((shape_hist[:, t] & (dead_hist[:, t].sum(axis=1) == 1)).sum()),
                    "outcomes": outcome_counts(labels_at[:, t]),
                    "loss_median": float(np.nanmedian(result.loss_hist[:, t]))}
                   for t, s in enumerate(result.steps)]
    seeds = [{"seed": int(seed), "outcome": str(label), **summary} for seed, label, summary
             in zip(result.seeds, labels, seed_summaries(result.W, result.b, loss))]
    q = [0.0, 0.1, 0.5, 0.9, 0.99, 1.0]
    return {
        "config": dataclasses.asdict(result.config),
        "outcomes": outcome_counts(labels),
        "dead_feature_counts": np.bincount(dead_end.sum(axis=1), minlength=n + 1).tolist(),
        "dead_bias_mean": float(dead_b.mean()) if dead_b.size else None,
        "one_dead_loss_expected": (n - 1) / n ** 3,
        "final_loss": {f"q{int(p * 100)}": float(np.quantile(loss[finite], p)) for p in q} if finite.any() else None,
        **({} if finite.any() else {"final_loss_reason": "non-finite (every seed diverged)"}),
        "seconds": {"training": result.seconds, "total": total_seconds},
        "checkpoints": checkpoints,
        "seeds": seeds,
    }

"""`toyviz train ica | sae | dict`: one of the post's experiments, its SAE or dictionary-learning
baseline, over one or several seeds; prints a summary and writes JSON on request.

Heavy imports happen inside the handlers so `toyviz --help` stays fast.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile


def _angles(text: str) -> tuple[float, ...]:
    try:
        values = tuple(float(v) for v in text.split(",") if v.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"--angles takes degrees separated by commas, got {text!r}")
    return values


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--experiment", default="E6.1", metavar="NAME",
                   help="a preset of the post, E1 … E6.3-8 (default E6.1); the data set it uses")
    p.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    p.add_argument("--seeds", type=int, default=1, metavar="N", help="run seeds S … S+N−1, batched")
    p.add_argument("--angles", type=_angles, metavar="DEG,DEG,...",
                   help="true source directions in degrees (unit columns) instead of the preset's")
    p.add_argument("--columns", type=int, metavar="K", help="learned columns (over-provisioning)")
    p.add_argument("--points", type=int, metavar="N", help="data points per seed")
    p.add_argument("--steps", type=int, help="training steps")
    p.add_argument("--lr", type=float, help="learning rate")
    p.add_argument("--json", metavar="PATH", help="write the summary as JSON here")
    p.add_argument("--refresh", action="store_true", help="retrain even if a cached run exists")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def register(sub) -> None:
    p = sub.add_parser("ica", help="overcomplete ICA (Lewicki & Sejnowski) on a preset of the post",
                       description="Train Lewicki & Sejnowski's update on one of the post's "
                                   "experiments (E1–E6.3) and report matched angle errors.")
    _common(p)
    p.add_argument("--prior-scale", type=float, metavar="λ", help="λ_prior in ‖s‖₁/λ and z")
    p.add_argument("--rate", type=float, metavar="λ", help="λ_data, the exponential's rate")
    p.add_argument("--sigma", type=float, metavar="σ", help="σ of the MAP likelihood")
    p.add_argument("--select", choices=("final", "likelihood", "oracle"),
                   help="which A to report: the last step, the model's own criterion (the fitted Laplace "
                        "evidence, across steps and restarts) or the oracle (least angle error, needs "
                        "A_true: the post's 'best A'); default: the preset's")
    p.add_argument("--restarts", type=int, metavar="R",
                   help="restarts per seed from other initial A, trained in one batch (default: the preset's)")
    p.set_defaults(func=run_ica)
    p = sub.add_parser("sae", help="the sparse-autoencoder baseline on a preset's data",
                       description="Train an SAE (ReLU encoder, unit-norm decoder, L1, Adam) on the "
                                   "data of one of the post's experiments.")
    _common(p)
    p.add_argument("--l1", type=float, help="L1 weight")
    p.set_defaults(func=run_sae_cmd)
    p = sub.add_parser("dict", help="scikit-learn dictionary learning on a preset's data",
                       description="Fit scikit-learn's (MiniBatch)DictionaryLearning with "
                                   "non-negative codes on the data of one of the post's experiments.")
    _common(p)
    p.add_argument("--alpha", type=float, help="sparsity weight α")
    p.add_argument("--method", choices=("batch", "minibatch"), help="scikit-learn estimator")
    p.set_defaults(func=run_dict_cmd)


def _base(args):
    """The preset with the common overrides applied (raises ValueError on bad input)."""
    from toyviz.ica.config import experiment, with_data
    from toyviz.ica.experiments import resolve
    if args.seeds < 1:
        raise ValueError(f"--seeds must be ≥ 1, got {args.seeds}")
    config = resolve(experiment(args.experiment), seeds=range(args.seed, args.seed + args.seeds))
    if args.angles is not None:
        if not args.angles:
            raise ValueError("--angles needs at least one direction (k ≥ 1)")
        config = with_data(config, angles=args.angles, n_points=(len(args.angles) if config.data.archetypes
                                                                  else config.data.n_points))
    if args.columns is not None and args.columns < 1:
        raise ValueError(f"--columns must be ≥ 1, got {args.columns}")
    if args.points is not None:
        config = with_data(config, n_points=args.points)
    return config


def _override(config, **changes):
    return dataclasses.replace(config, **{k: v for k, v in changes.items() if v is not None})


def _report(kind: str, summary: dict, path: str | None) -> int:
    a = summary["angle_error_deg"]
    a = a.get("selected", a)  # ICA: the selected A's error
    deg = (lambda v: "n/a" if v is None else f"{v:.2f}°")
    print(f"{kind} {summary.get('experiment', '')}: angle error mean {deg(a['mean_over_seeds'])}, "
          f"worst {deg(a['max_over_seeds'])} over {len(a['mean'])} seed(s); "
          f"mmcs {sum(summary['mmcs']) / len(summary['mmcs']):.4f}; "
          f"dead columns {summary['dead_columns']}; {summary['seconds']:.1f} s")
    if path:
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(summary, f, indent=2, allow_nan=False)
        os.replace(tmp, path)
    return 0


def run_ica(args) -> int:
    from toyviz.ica.experiments import run_experiment, summary
    config = _base(args)
    config = _override(config, columns=args.columns, steps=args.steps, lr=args.lr,
                       prior_scale=args.prior_scale, sigma=args.sigma, select=args.select,
                       restarts=args.restarts)
    if args.rate is not None:
        from toyviz.ica.config import with_data
        config = with_data(config, rate=args.rate)
    record = run_experiment(config, refresh=args.refresh, progress=not args.quiet)
    out = {"engine": "ica", "experiment": args.experiment, **summary(record)}
    return _report("ica", out, args.json)


def run_sae_cmd(args) -> int:
    from toyviz.ica.experiments import run_sae, summary
    from toyviz.ica.sae import sae_config
    config = _override(sae_config(_base(args)), columns=args.columns, steps=args.steps, lr=args.lr,
                       l1=args.l1)
    record = run_sae(config, refresh=args.refresh, progress=not args.quiet)
    out = {"engine": "sae", "experiment": args.experiment, **summary(record)}
    return _report("sae", out, args.json)


def run_dict_cmd(args) -> int:
    from toyviz.ica.dictionary import dict_config
    from toyviz.ica.experiments import run_dictionary, summary
    config = _override(dict_config(_base(args)), columns=args.columns, max_iter=args.steps,
                       alpha=args.alpha, method=args.method)
    if args.lr is not None:
        print("dict: --lr is ignored (scikit-learn sets its own steps)", file=sys.stderr)
    record = run_dictionary(config, refresh=args.refresh)
    out = {"engine": "dict", "experiment": args.experiment, **summary(record)}
    return _report("dict", out, args.json)

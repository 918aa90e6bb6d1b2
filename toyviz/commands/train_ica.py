"""`toyviz train ica | sae | dict`: one of the post's experiments, its SAE or dictionary-learning
baseline, over one or several seeds; prints a summary and writes JSON on request.

Heavy imports happen inside the handlers so `toyviz --help` stays fast.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys

from toyviz.commands.args import count, real, seeds_fit, within

MAX_SEEDS, MAX_STEPS, MAX_POINTS, MAX_COLUMNS = 100_000, 1_000_000_000, 100_000_000, 100_000


def _angles(text: str) -> tuple[float, ...]:
    try:
        return tuple(real(v) for v in text.split(",") if v.strip())
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"--angles takes finite degrees separated by commas, got {text!r}") from None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--experiment", default="E6.1", metavar="NAME",
                   help="a preset of the post, E1 … E6.3-8 (default E6.1); the data set it uses")
    p.add_argument("--seed", type=count, default=0, help="first seed (default 0)")
    p.add_argument("--seeds", type=count, default=1, metavar="N", help="run seeds S … S+N−1, batched")
    p.add_argument("--angles", type=_angles, metavar="DEG,DEG,...",
                   help="true source directions in degrees (unit columns) instead of the preset's")
    p.add_argument("--columns", type=count, metavar="K", help="learned columns (over-provisioning)")
    p.add_argument("--points", type=count, metavar="N", help="data points per seed")
    p.add_argument("--steps", type=count, help="training steps")
    p.add_argument("--lr", type=real, help="learning rate")
    p.add_argument("--json", metavar="PATH", help="write the summary as JSON here (its folder must exist)")
    p.add_argument("--refresh", action="store_true", help="retrain even if a cached run exists")
    p.add_argument("--quiet", "--no-progress", dest="quiet", action="store_true", help="no progress bar")


def register(sub) -> None:
    p = sub.add_parser("ica", help="overcomplete ICA (Lewicki & Sejnowski) on a preset of the post",
                       description="Train Lewicki & Sejnowski's update on one of the post's "
                                   "experiments (E1–E6.3) and report matched angle errors.")
    _common(p)
    p.add_argument("--prior-scale", type=real, metavar="λ", help="λ_prior in ‖s‖₁/λ and z")
    p.add_argument("--rate", type=real, metavar="λ", help="λ_data, the exponential's rate")
    p.add_argument("--sigma", type=real, metavar="σ", help="σ of the MAP likelihood")
    p.add_argument("--select", choices=("final", "likelihood", "oracle"),
                   help="which A to report: the last step, the model's own criterion (the fitted Laplace "
                        "evidence, across steps and restarts) or the oracle (least angle error, needs "
                        "A_true: the post's 'best A'); default: the preset's")
    p.add_argument("--restarts", type=count, metavar="R",
                   help="restarts per seed from other initial A, trained in one batch (default: the preset's)")
    p.set_defaults(func=run_ica)
    p = sub.add_parser("sae", help="the sparse-autoencoder baseline on a preset's data",
                       description="Train an SAE (ReLU encoder, unit-norm decoder, L1, Adam) on the "
                                   "data of one of the post's experiments.")
    _common(p)
    p.add_argument("--l1", type=real, help="L1 weight")
    p.set_defaults(func=run_sae_cmd)
    p = sub.add_parser("dict", help="scikit-learn dictionary learning on a preset's data",
                       description="Fit scikit-learn's (MiniBatch)DictionaryLearning with "
                                   "non-negative codes on the data of one of the post's experiments.")
    _common(p)
    p.add_argument("--alpha", type=real, help="sparsity weight α")
    p.add_argument("--method", choices=("batch", "minibatch"), help="scikit-learn estimator")
    p.set_defaults(func=run_dict_cmd)


def _base(args):
    """The preset with the common overrides applied (raises ValueError on bad input)."""
    from toyviz.ica.config import experiment, with_data
    from toyviz.ica.experiments import resolve
    from toyviz import output
    within("--seeds", args.seeds, 1, MAX_SEEDS)
    seeds_fit(args.seed, args.seeds)
    within("--steps", args.steps, 0, MAX_STEPS)
    within("--points", args.points, 1, MAX_POINTS)
    within("--columns", args.columns, 1, MAX_COLUMNS)
    within("--lr", args.lr, 0)
    if args.json is not None:
        output.check_target(args.json)      # before training: a bad path fails in a second
    config = resolve(experiment(args.experiment), seeds=range(args.seed, args.seed + args.seeds))
    if args.angles is not None:
        if not args.angles:
            raise ValueError("--angles needs at least one direction (k ≥ 1)")
        config = with_data(config, angles=args.angles, n_points=(len(args.angles) if config.data.archetypes
                                                                  else config.data.n_points))
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
    if path is not None:
        from toyviz import output
        output.write_json(path, summary, indent=2)
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

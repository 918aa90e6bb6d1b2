"""The `toyviz` command.

Each topic registers its own subcommands from a module with a `register(subparsers)` function, so
this file only wires them together. Handlers return an exit code; a `ValueError` raised by the API
(bad input) becomes one line on stderr and exit code 2. Heavy imports (torch, manim) happen inside the
handlers, so `--help` stays fast.
"""
from __future__ import annotations

import argparse
import importlib
import sys

# (top-level command, module with `register(subparsers)`, help line)
COMMANDS = (
    ("figures", "toyviz.build.command", "list, build and clean the figures"),
    ("train", "toyviz.commands.train", "train a model and report its outcomes as JSON"),
    ("chaos", "toyviz.commands.chaos", "is recovery chaotic? outcome maps, boundary zooms, Lyapunov exponents (JSON)"),
    ("bench", "toyviz.commands.bench", "run a side-by-side benchmark from bench/"),
    ("render", "toyviz.anim.command", "render an animation for a talk"),
    ("slides", "toyviz.anim.slides", "build the offline slide deck"),
)


class UsageError(ValueError):
    """Bad command-line input: reported as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toyviz",
        description="Train, analyse and draw the toy models of the Optimization Failure and "
                    "ICA vs SAEs posts, and build every figure of the site.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module, help_line in COMMANDS:
        if importlib.util.find_spec(module) is None:  # a topic not built yet offers no command
            continue
        group = sub.add_parser(name, help=help_line, description=help_line)
        importlib.import_module(module).register(group)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ValueError as e:  # bad input from the user: one clear line
        print(f"toyviz {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

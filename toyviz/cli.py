"""The `toyviz` command.

Each topic registers its own subcommands from a module with a `register(subparsers)` function, so
this file only wires them together. Heavy imports (torch, manim) happen inside the handlers, so
`--help` stays fast.

How every command ends, decided here once:
- bad input (a `ValueError` from the API, an `OutputError` for a path that cannot be written, a
  usage error from argparse) is one line on stderr and exit code 2, no traceback;
- Ctrl-C and SIGTERM both raise `KeyboardInterrupt` in the main thread; the commands clean up on the
  way out (workers killed, temporary folders removed) and toyviz exits with 130.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import signal
import sys

from toyviz import __version__

# (top-level command, module with `register(subparsers)`, help line)
COMMANDS = (
    ("figures", "toyviz.build.command", "list, build and clean the figures"),
    ("train", "toyviz.commands.train", "train a model and report its outcomes as JSON"),
    ("chaos", "toyviz.commands.chaos", "is recovery chaotic? outcome maps, boundary zooms, Lyapunov exponents (JSON)"),
    ("bench", "toyviz.commands.bench", "run a side-by-side benchmark from bench/"),
    ("render", "toyviz.anim.command", "render an animation for a talk"),
    ("slides", "toyviz.anim.slides", "build the offline slide deck"),
    ("cache", "toyviz.commands.cache", "see and prune toyviz's caches"),
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (`toyviz render: error: ...; see --help`), exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="toyviz",
        description="Train, analyse and draw the toy models of the Optimization Failure and "
                    "ICA vs SAEs posts, and build every figure of the site.",
    )
    parser.add_argument("--version", action="version", version=f"toyviz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module, help_line in COMMANDS:
        if importlib.util.find_spec(module) is None:  # a topic not built yet offers no command
            continue
        group = sub.add_parser(name, help=help_line, description=help_line)
        importlib.import_module(module).register(group)
    return parser


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:   # --help, --version, a usage error: its code, also when called as main()
        return e.code if isinstance(e.code, int) else 2
    where = " ".join(["toyviz", *(str(getattr(args, k)) for k in ("command", "model", "action") if getattr(args, k, None))])
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread (a test's worker thread): nothing to install
        previous = None
    try:
        return int(args.func(args) or 0)
    except ValueError as e:  # bad input from the user: one clear line
        line = " ".join(str(e).split())
        print(f"{where}: error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `toyviz figures list | head`: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{where}: interrupted", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def entry() -> None:
    """The `toyviz` executable. After an interrupt everything is already cleaned up (the commands'
    `finally` blocks ran), so it leaves at once: the interpreter's own teardown of Manim and torch
    took seconds on a loaded machine, longer than Ctrl-C may take."""
    code = main()
    if code == 130:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    sys.exit(code)


if __name__ == "__main__":
    entry()

"""`toyviz train MODEL ...`: each engine adds its models from its own `command` module."""
from __future__ import annotations

import importlib

# engine modules that expose `register(subparsers)` adding one parser per model they train
ENGINES = ("toyviz.toy.command", "toyviz.ica.command")


def register(parser) -> None:
    sub = parser.add_subparsers(dest="model", metavar="MODEL", required=True)
    for module in ENGINES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module).register(sub)

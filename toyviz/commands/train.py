"""`toyviz train MODEL ...`: one module per engine adds the models it trains."""
from __future__ import annotations

import importlib
import importlib.util

# engine modules that expose `register(subparsers)` adding one parser per model they train
ENGINES = ("toyviz.commands.train_toy", "toyviz.commands.train_ica")


def register(parser) -> None:
    sub = parser.add_subparsers(dest="model", metavar="MODEL", required=True)
    for module in ENGINES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module).register(sub)

"""The catalogue of toyviz's Manim scenes, for `toyviz render` and the slide deck.

A scene module is `toyviz/anim/<topic>.py`; every `manim.Scene` subclass defined in it whose name
does not start with `_` is a scene, its docstring says what it shows (`toyviz render --list` prints
its first paragraph), and its `TOPIC` class attribute (or the module name) is its topic. Modules that
are not scene modules are listed in `NOT_SCENES`.
"""
from __future__ import annotations

import difflib
import importlib
import inspect
import pkgutil
from dataclasses import dataclass

import toyviz.anim as anim_pkg

NOT_SCENES = {"render", "scenes", "command", "mobjects", "slides", "deck"}


@dataclass(frozen=True)
class SceneInfo:
    name: str
    topic: str
    module: str
    cls: type


def catalogue() -> dict[str, SceneInfo]:
    """Every scene, by class name."""
    from manim import Scene

    scenes = {}
    for mod in pkgutil.iter_modules(anim_pkg.__path__):
        if mod.name in NOT_SCENES or mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"toyviz.anim.{mod.name}")
        for name, cls in vars(module).items():
            if (inspect.isclass(cls) and issubclass(cls, Scene) and cls.__module__ == module.__name__
                    and not name.startswith("_")):
                scenes[name] = SceneInfo(name, getattr(cls, "TOPIC", mod.name), module.__name__, cls)
    return dict(sorted(scenes.items()))


def get(name: str) -> SceneInfo:
    """The scene called `name`; a `ValueError` naming the closest ones otherwise."""
    scenes = catalogue()
    if name not in scenes:
        close = difflib.get_close_matches(name, list(scenes), n=3, cutoff=0.4)
        hint = f"; closest: {', '.join(close)}" if close else "; `toyviz render --list` lists them"
        raise ValueError(f"unknown scene {name!r}{hint}")
    return scenes[name]


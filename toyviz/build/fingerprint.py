"""A figure's content hash: what, if changed, must rebuild it.

sphinx-gallery hashes only the script, so a library change leaves figures stale. Ours hashes
- the script's bytes,
- the toyviz modules it imports, followed transitively through their own imports (so editing the
  engine a figure uses rebuilds it, while editing an unrelated module does not),
- the quality preset's fields,
- the versions of the libraries that shape the output (torch, numpy, numba, matplotlib, manim).

Which files those are, and their hash, is `toyviz.sources`'s answer (the run cache asks it too).
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from toyviz import sources
from toyviz.quality import Quality

LIBRARIES = ("torch", "numpy", "numba", "matplotlib", "manim")


def library_versions() -> dict[str, str]:
    out = {}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "absent"
    return out


def figure_hash(script: Path, quality: Quality) -> str:
    """The hex sha256 of everything that shapes `script`'s output at `quality`."""
    h = hashlib.sha256()
    h.update(sources.digest([Path(script), *sources.static_dependencies(script)]).encode())
    h.update(json.dumps({"quality": quality.as_dict(), "versions": library_versions()}, sort_keys=True).encode())
    return h.hexdigest()

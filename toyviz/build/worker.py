"""Run one figure script: `python -m toyviz.build.worker SCRIPT OUT_DIR QUALITY`.

Imports the script by path and calls its `build(out, quality)`. Thread counts come from the
environment the runner sets (OMP_NUM_THREADS, NUMBA_NUM_THREADS), which torch and numba read at start. Run in its own process by the
runner, so that one figure's failure, memory or global state never touches another's.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def run(script: Path, out: Path, quality_name: str) -> None:
    from toyviz import quality

    spec = importlib.util.spec_from_file_location(f"figure_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(out, quality.get(quality_name))


if __name__ == "__main__":
    script, out, q = sys.argv[1:4]
    run(Path(script), Path(out), q)

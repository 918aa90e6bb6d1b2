"""The run cache: hit/miss by config and by the code that computes it, atomic files, one computation
under contention."""
from __future__ import annotations

import dataclasses
import importlib
import io
import multiprocessing as mp
import sys
import textwrap
import time

import numpy as np
import pytest

from toyviz import runs


@dataclasses.dataclass(frozen=True)
class Cfg:
    seed: int = 0
    size: int = 3


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path))
    return tmp_path


def test_hit_miss_and_refresh():
    calls = []

    def compute(cfg=Cfg()):
        calls.append(1)
        return {"x": np.arange(cfg.size) + len(calls)}

    first = runs.cached(Cfg(), compute, engine="toy")
    again = runs.cached(Cfg(), compute, engine="toy")
    assert len(calls) == 1 and np.array_equal(first["x"], again["x"])
    runs.cached(Cfg(seed=1), compute, engine="toy")           # another config: a miss
    assert len(calls) == 2
    runs.cached(Cfg(), compute, engine="toy", refresh=True)  # forced
    assert len(calls) == 3


# --- the key follows the code a run is computed with -------------------------------------------------

ENGINE = textwrap.dedent("""\
    \"\"\"A stand-in engine module.\"\"\"
    import numpy as np


    def step(x):
        \"\"\"One step.\"\"\"
        return x * 2.0   # doubles
""")


@pytest.fixture
def engine(tmp_path, monkeypatch):
    """A module `fake_engine` written to disk; `engine(text)` rewrites it and reloads it."""
    monkeypatch.syspath_prepend(str(tmp_path))
    path = tmp_path / "fake_engine.py"

    def write(text):
        path.write_text(text)
        sys.modules.pop("fake_engine", None)
        importlib.invalidate_caches()
        return importlib.import_module("fake_engine")
    yield write
    sys.modules.pop("fake_engine", None)


def _run(module, calls):
    step = module.step                                # a captured function: its file is part of the key

    def compute():
        calls.append(1)
        return {"x": step(np.ones(3))}
    return runs.cached(Cfg(), compute, engine="toy")


def test_docstring_and_comment_edits_reuse_the_run(engine):
    calls = []
    _run(engine(ENGINE), calls)
    reworded = ENGINE.replace("One step.", "One step of the engine, reworded.").replace("# doubles", "# twice")
    reworded = reworded.replace("A stand-in engine module.", "Another module docstring.")
    assert _run(engine(reworded + "\n# a trailing comment\n"), calls)["x"].tolist() == [2.0, 2.0, 2.0]
    assert len(calls) == 1


def test_arithmetic_change_in_a_captured_function_recomputes(engine):
    calls = []
    _run(engine(ENGINE), calls)
    out = _run(engine(ENGINE.replace("x * 2.0", "x * 3.0")), calls)
    assert len(calls) == 2 and out["x"].tolist() == [3.0, 3.0, 3.0]
    assert len(list(runs.cache_dir().glob("toy/*.npz"))) == 2


def test_key_follows_the_toyviz_modules_reached():
    """The toy trainer's run reaches the kernel and not the analysis; a re-export through
    `toyviz.toy`'s `__init__` (which imports every toy module) does not pull in its siblings."""
    from toyviz import sources
    from toyviz.toy import ToyConfig, train
    config = ToyConfig(n=3, n_seeds=2, steps=10)
    files = runs.code_of(lambda: train(config).to_arrays(), config)
    assert {"toyviz/toy/train.py", "toyviz/toy/kernel.py", "toyviz/toy/config.py"} <= set(files)
    assert not {"toyviz/toy/analysis.py", "toyviz/toy/__init__.py", "toyviz/runs.py"} & set(files)
    assert all(h == sources.file_digest(sources.unlabel(f), code_only=True) for f, h in files.items())


def test_a_library_callback_does_not_change_the_key():
    """A progress bar's `update` in the closure (as `toyviz chaos map` passes one) gives the same key
    as no callback (as a figure build runs it): installed libraries are not part of a run's code."""
    from tqdm import tqdm

    def computing(progress):
        return lambda: {"x": np.ones(2)} if progress is None else {"x": np.ones(2)}
    with tqdm(disable=True) as bar:
        assert runs.code_of(computing(bar.update), Cfg()) == runs.code_of(computing(None), Cfg())
    files = set(runs.code_of(computing(None), Cfg()))
    assert "tests/test_runs.py" in files and not [f for f in files if "tqdm" in f or f.startswith("/")]


def test_code_hash_ignores_prose_only(tmp_path):
    from toyviz import sources
    f = tmp_path / "m.py"
    f.write_text('"""Doc."""\ndef g(a):\n    """Doc."""\n    return a + 1  # one\n')
    base = sources.file_digest(f, code_only=True)
    f.write_text('"""Other doc."""\n\n\ndef g(a):\n    """Other."""\n    # a comment\n    return a + 1\n')
    assert sources.file_digest(f, code_only=True) == base
    f.write_text('"""Doc."""\ndef g(a):\n    """Doc."""\n    return a - 1\n')
    assert sources.file_digest(f, code_only=True) != base
    f.write_text('"""Doc."""\ndef g(a):\n    """Doc."""\n    return a + 1.0\n')
    assert sources.file_digest(f, code_only=True) != base


def test_entries_keyed_the_old_way_are_a_clean_miss(cache, capsys):
    """An entry written by the previous toyviz (keyed on the engine's whole source, carrying
    `__engine__`) is never read: the run is computed, stored under its new key, and prune removes the
    old one."""
    from toyviz.cli import main
    old = cache / "runs" / "toy" / "0123456789abcdef01234567.npz"
    old.parent.mkdir(parents=True)
    buf = io.BytesIO()
    x = np.arange(3)
    np.savez(buf, x=x, __check__=np.array(runs.checksum({"x": x})), __engine__=np.array("f" * 64))
    old.write_bytes(buf.getvalue())
    out = runs.cached(Cfg(), lambda: {"x": np.zeros(2)}, engine="toy")
    assert out["x"].tolist() == [0.0, 0.0] and "run cache" not in capsys.readouterr().err
    assert main(["cache", "prune"]) == 0
    assert [p.name for p in (cache / "runs" / "toy").glob("*.npz")] != [old.name] and not old.exists()


def test_corrupt_file_is_recomputed(cache):
    runs.cached(Cfg(), lambda: {"x": np.ones(2)}, engine="toy")
    [path] = (cache / "runs" / "toy").glob("*.npz")
    path.write_bytes(b"not an npz")
    out = runs.cached(Cfg(), lambda: {"x": np.zeros(2)}, engine="toy")
    assert np.array_equal(out["x"], np.zeros(2))


def _slow_compute(cache_root, counter):
    import os
    os.environ["TOYVIZ_CACHE"] = cache_root

    def compute():
        with counter.get_lock():
            counter.value += 1
        time.sleep(0.5)
        return {"x": np.arange(4)}

    return runs.cached(Cfg(), compute, engine="toy")["x"].tolist()


def test_contended_run_is_computed_once(cache):
    ctx = mp.get_context("fork")
    counter = ctx.Value("i", 0)
    procs = [ctx.Process(target=_slow_compute, args=(str(cache), counter)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert counter.value == 1

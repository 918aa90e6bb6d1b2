"""The run cache: hit/miss by config and engine source, atomic files, one computation under contention."""
from __future__ import annotations

import dataclasses
import multiprocessing as mp
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


def test_key_follows_engine_source(monkeypatch):
    key = runs.config_key(Cfg(), "toy")
    monkeypatch.setattr(runs, "source_hash", lambda *p: "changed")
    assert runs.config_key(Cfg(), "toy") != key


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

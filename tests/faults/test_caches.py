"""A cache is never a reason to fail: every way an entry can be damaged is a miss, reported in one
line, recomputed and replaced atomically; an unwritable cache costs the reuse, never the result."""
from __future__ import annotations

import dataclasses
import io
import zipfile

import numpy as np
import pytest

from toyviz import runs


@dataclasses.dataclass(frozen=True)
class Cfg:
    seed: int = 0


def _compute(value):
    def compute():
        compute.calls += 1
        return {"x": np.full(1000, value, np.float32), "y": np.arange(7)}
    compute.calls = 0
    return compute


def _npz_without_checksum(path):
    buf = io.BytesIO()
    np.savez(buf, x=np.ones(3))
    path.write_bytes(buf.getvalue())


def _wrong_keys(path):
    """A valid npz whose arrays are not the ones written (its checksum names others)."""
    with np.load(path) as d:
        arrays = {k: d[k] for k in d.files}
    arrays["z"] = arrays.pop("y")
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    path.write_bytes(buf.getvalue())


def _flip_mid(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "zero bytes": lambda p: p.write_bytes(b""),
    "damaged mid-file": _flip_mid,
    "wrong keys": _wrong_keys,
    "not a zip": lambda p: p.write_bytes(b"not an npz at all"),
    "older toyviz (no checksum)": _npz_without_checksum,
    "a folder in its place": lambda p: (p.unlink(), p.mkdir()),
}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_run_entry_heals(how, cache, capsys):
    first = runs.cached(Cfg(), _compute(1.0), engine="toy")
    [path] = (cache / "runs" / "toy").glob("*.npz")
    DAMAGE[how](path)
    again = _compute(1.0)
    out = runs.cached(Cfg(), again, engine="toy")
    assert again.calls == 1 and np.array_equal(out["x"], first["x"]) and set(out) == {"x", "y"}
    report = [l for l in capsys.readouterr().err.splitlines() if "run cache" in l]
    assert len(report) == 1 and "recomputing" in report[0] or how == "a folder in its place", report
    if how != "a folder in its place":   # replaced atomically: the next read is a clean hit
        third = _compute(2.0)
        assert np.array_equal(runs.cached(Cfg(), third, engine="toy")["x"], first["x"]) and third.calls == 0
    assert not list((cache / "runs").rglob(".tmp-*"))


def test_cache_entries_have_normal_permissions(cache):
    runs.cached(Cfg(), _compute(1.0), engine="toy")
    [path] = (cache / "runs" / "toy").glob("*.npz")
    assert path.stat().st_mode & 0o777 == 0o644
    with zipfile.ZipFile(path) as z:
        assert {"x.npy", "y.npy", "__check__.npy", "__code__.npy"} == set(z.namelist())


def test_unwritable_cache_costs_reuse_not_result(read_only_dir, monkeypatch, capsys):
    monkeypatch.setenv("TOYVIZ_CACHE", str(read_only_dir))
    compute = _compute(3.0)
    assert runs.cached(Cfg(), compute, engine="toy")["x"][0] == 3.0 and compute.calls == 1


def test_full_cache_disk_costs_reuse_not_result(full_dir, monkeypatch, capsys):
    folder, real = full_dir
    monkeypatch.setenv("TOYVIZ_CACHE", str(folder))
    compute = _compute(4.0)
    assert runs.cached(Cfg(), compute, engine="toy")["x"][0] == 4.0
    assert "not stored" in capsys.readouterr().err
    assert not list(folder.rglob(".tmp-*"))


def test_ica_cache_heals(cache, capsys):
    """The ICA engine caches through the same run cache: a damaged entry is recomputed too."""
    from toyviz.ica.experiments import resolve, run_experiment
    config = resolve("E6.1", seeds=[0])
    import dataclasses as dc
    config = dc.replace(config, steps=5, data=dc.replace(config.data, n_points=50))
    first = run_experiment(config).to_arrays()
    [path] = (cache / "runs" / "ica").glob("*.npz")
    _flip_mid(path)
    again = run_experiment(config).to_arrays()
    assert sorted(first) == sorted(again)
    assert all(np.array_equal(first[k], again[k]) for k in first if k != "seconds" and first[k].dtype.kind != "U")
    assert "recomputing" in capsys.readouterr().err


def test_damaged_lengths_cache_is_a_miss(cache):
    from toyviz.anim import command
    command._cache_file().parent.mkdir(parents=True)
    command._cache_file().write_bytes(b"\x00{not json")
    assert command._read(command._cache_file(), "lengths") is None
    command._store_length("Anything", 1.25)                  # replaced, not appended to the damage
    assert command._read(command._cache_file(), "lengths") == {"Anything": 1.25}


def test_prune_removes_only_what_no_current_code_can_produce(cache, capsys):
    from toyviz.cli import main
    runs.cached(Cfg(), _compute(1.0), engine="toy")
    runs.cached(Cfg(seed=1), _compute(1.0), engine="toy")
    current = sorted((cache / "runs" / "toy").glob("*.npz"))
    stale = cache / "runs" / "toy" / "0123456789abcdef01234567.npz"
    _npz_without_checksum(stale)
    stale.with_suffix(".lock").write_text("")
    assert main(["cache", "list"]) == 0
    listing = capsys.readouterr().out
    assert "runs/toy" in listing and str(cache) in listing
    assert main(["cache", "prune"]) == 0
    assert "removed 2 stale cache entries" in capsys.readouterr().out
    assert sorted((cache / "runs" / "toy").glob("*.npz")) == current and not stale.with_suffix(".lock").exists()

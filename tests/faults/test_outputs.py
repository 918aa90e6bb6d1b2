"""Output paths and files (items 6 and 7): a target that cannot be written is one line and exit 2
with no `.tmp-*` left, whatever the reason; what is written is strict JSON with normal permissions."""
from __future__ import annotations

import json

import pytest

from toyviz import output
from toyviz.cli import main

SMALL_TOY = ["train", "toy", "--n", "4", "--seeds", "3", "--steps", "20", "--quiet"]


def _strict(text: str):
    def refuse(name):
        raise AssertionError(f"non-strict JSON constant {name}")
    return json.loads(text, parse_constant=refuse)


def _one_line(capsys) -> str:
    err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
    assert len(err) == 1 and "error" in err[0], err
    return err[0]


def test_read_only_target(read_only_dir, capsys):
    for argv in (SMALL_TOY + ["--json", str(read_only_dir / "r.json")],
                 ["figures", "build", "--out", str(read_only_dir / "figs")],
                 ["render", "TrainingRun", "--out", str(read_only_dir / "x.mp4")]):
        assert main(argv) == 2
        assert "cannot write" in _one_line(capsys) or "read-only" in capsys.readouterr().err
    assert not list(read_only_dir.iterdir())


def test_full_disk_leaves_no_tmp_and_next_run_succeeds(full_dir, tmp_path, capsys):
    folder, real = full_dir
    assert main(SMALL_TOY + ["--json", str(folder / "r.json")]) == 2
    assert "no space left" in _one_line(capsys)
    assert not [p.name for p in folder.iterdir() if p.name != "filler"]
    if real:
        (folder / "filler").unlink()             # the disk has room again: the same command works
        assert main(SMALL_TOY + ["--json", str(folder / "r.json")]) == 0
        _strict((folder / "r.json").read_text())


def test_atomic_writer_cleans_up_on_every_path(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous")
    with pytest.raises(KeyboardInterrupt):
        with output.atomic_file(target, "w") as f:
            f.write("half")
            raise KeyboardInterrupt
    assert target.read_text() == "previous" and [p.name for p in tmp_path.iterdir()] == ["out.json"]
    output.write_json(target, {"a": 1})
    assert target.stat().st_mode & 0o777 == 0o644 and json.loads(target.read_text()) == {"a": 1}


def test_files_have_normal_permissions(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path / "cache"))
    assert main(SMALL_TOY + ["--json", str(tmp_path / "r.json")]) == 0
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in (tmp_path / "cache").rglob("*.npz"))


def test_strict_json_when_every_seed_diverges(tmp_path, monkeypatch, capsys):
    """A learning rate that blows every seed up: the report is still strict JSON, with reasons."""
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "r.json"
    assert main(["train", "toy", "--n", "4", "--seeds", "3", "--steps", "200", "--lr", "1e30",
                 "--optimizer", "sgd", "--quiet", "--json", str(path)]) == 0
    report = _strict(path.read_text())
    assert report["final_loss"] is None and "diverged" in report["final_loss_reason"]
    assert all(s["outcome"] == "diverged" and s["loss"] is None for s in report["seeds"])
    assert report["checkpoints"][-1]["loss_median"] is None and report["checkpoints"][-1]["loss_median_reason"]


def test_strict_convention():
    data = {"a": float("nan"), "b": [1.0, float("inf")], "c": {"d": float("-inf")}, "e_reason": "mine",
            "e": float("nan")}
    assert _strict(output.dumps(data)) == {
        "a": None, "a_reason": "non-finite (nan)", "b": [1.0, None],
        "b_reason": "non-finite entries shown as null (1 of 2)", "c": {"d": None, "d_reason": "non-finite (-inf)"},
        "e": None, "e_reason": "mine"}


def test_manifest_is_strict_and_normal(figures, capsys):
    src, out, cache = figures
    assert main(["figures", "build", "--src", str(src), "--out", str(out), "--quality", "smoke", "--quiet"]) == 0
    manifest = out / "manifest.json"
    assert _strict(manifest.read_text())["generator"] == "toyviz"
    assert manifest.stat().st_mode & 0o777 == 0o644
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in out.rglob("*") if p.is_file())

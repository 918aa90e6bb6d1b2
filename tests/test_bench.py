"""The benchmarks run end to end on their smallest settings (their numbers are printed, never asserted)."""
import json

from toyviz.cli import main


def test_toy_train_bench_quick(capsys):
    assert main(["bench", "toy-train", "--quick"]) == 0
    out = capsys.readouterr().out
    assert "ratio numba / torch batched" in out and "of the float32 peak" in out


def test_render_formats_bench_one_cell(tmp_path, capsys):
    rows = tmp_path / "rows.json"
    assert main(["bench", "render-formats", "--qualities", "low", "--formats", "png", "--json", str(rows)]) == 0
    assert "| low (480p 15 fps) |" in capsys.readouterr().out
    (row,) = json.loads(rows.read_text())["rows"]
    assert row["format"] == "png" and row["bytes"] > 10_000

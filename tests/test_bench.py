"""The benchmarks run end to end on their smallest settings (their numbers are printed, never asserted),
and each `--markdown` writes the dated table a page includes."""
import importlib.util
import json
import sys

from toyviz.cli import main
from toyviz.commands.bench import BENCH_DIR


def _bench_module(name: str):
    sys.path.insert(0, str(BENCH_DIR))
    spec = importlib.util.spec_from_file_location(f"test_bench_{name}", BENCH_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dated(path, command: str) -> list[str]:
    """The lines of a bench's Markdown, after checking its header says when, how and under what load."""
    lines = path.read_text().splitlines()
    assert lines[0].startswith("Measured 20") and " UTC by `" + command in lines[0]
    assert " cores (load average " in lines[0] and " before, " in lines[0] and " after): " in lines[0]
    assert not list(path.parent.glob("*.tmp"))
    return lines


def test_toy_train_bench_quick_writes_the_headline_and_kernel_tables(tmp_path, capsys):
    out = tmp_path / "toy.md"
    assert main(["bench", "toy-train", "--quick", "--kernels", "--kernels-n", "5", "--markdown", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "ratio numba / torch batched" in printed and "of the float32 peak" in printed
    lines = _dated(out, "toyviz bench toy-train --quick --kernels --kernels-n 5")
    assert any(line.startswith("| numba kernel, 1,000 seeds × 5,000 steps") for line in lines)
    assert any(line.startswith("| per-seed loop") and "× faster" in line for line in lines)
    (row,) = [line for line in lines if line.startswith("| 5 |")]     # the one n asked for, m = 2
    assert row.endswith("| unrolled |")                                # n = 5 is within UNROLLED_MAX_N
    assert any(line.startswith("The largest n (m = 2) whose unrolled compile is repaid") for line in lines)


def test_render_formats_bench_one_cell(tmp_path, capsys):
    rows, md = tmp_path / "rows.json", tmp_path / "render.md"
    assert main(["bench", "render-formats", "--qualities", "low", "--formats", "png", "--json", str(rows),
                 "--markdown", str(md)]) == 0
    assert "| low (480p 15 fps) |" in capsys.readouterr().out
    (row,) = json.loads(rows.read_text())["rows"]
    assert row["format"] == "png" and row["bytes"] > 10_000
    lines = _dated(md, "toyviz bench render-formats")
    assert "(not measured this time: medium, high, 4k)" in lines[0]
    assert [line for line in lines if line.startswith("| low (480p 15 fps) | ")] == [
        f"| low (480p 15 fps) | {row['seconds']:.0f} s, {row['bytes'] / 1e3:.0f} kB |"]


def test_render_formats_ratios_on_known_cells():
    """Each format against mp4 at the same quality, as a range over qualities; 4k against high."""
    rf = _bench_module("render_formats")
    cells = {("low", "mp4"): (10, 100), ("low", "webm"): (20, 150), ("low", "gif"): (15, 1000),
             ("high", "mp4"): (40, 400), ("high", "webm"): (120, 800), ("high", "gif"): (60, 4000),
             ("4k", "mp4"): (120, 1200), ("4k", "webm"): (None, None)}
    rows = [{"quality": q, "format": f, "seconds": s, "bytes": b} for (q, f), (s, b) in cells.items()]
    assert rf.ratios(rows).splitlines() == ["- webm against mp4: 2.0–3.0× the time, 1.5–2.0× the size",
                                            "- gif against mp4: 1.5× the time, 10.0× the size",
                                            "- 4k against high, mp4: 3.0× the time, 3.0× the size"]

"""Every bad input a hostile but fair user tried (issue 18, item 9 and the output paths of item 6):
one line on stderr, exit code 2, no traceback, and no file left anywhere it could have written."""
from __future__ import annotations

import pytest

from toyviz.cli import main

LONG = "x" * 300 + ".json"
BAD_INPUTS = [
    # train toy: counts that cannot fit, numbers that are not finite, seeds out of range, paths
    "train toy --seeds 1e12", "train toy --steps 1e12", "train toy --seed 1e20", "train toy --seed -1",
    "train toy --seeds 0", "train toy --steps 0", "train toy --seeds 1.5", "train toy --seeds many",
    "train toy --n 1000000", "train toy --m 100000",   # refused up front by the kernel's size limit
    "train toy --seed 4294967295 --seeds 2", "train toy --warmup 1e12", "train toy --n 1", "train toy --m 0",
    "train toy --lr inf", "train toy --lr nan", "train toy --lr -1", "train toy --lr 0",
    "train toy --weight-decay 1e300", "train toy --weight-decay -1", "train toy --weight-decay inf",
    "train toy --optimizer rmsprop", "train toy --init ones", "train toy --schedule step",
    "train toy --backend jax",
    "train toy --json ''", "train toy --json {tmp}/dir", "train toy --json {tmp}/missing/r.json",
    "train toy --json {tmp}/file.txt/r.json", "train toy --json {tmp}/" + LONG,
    # train ica / sae / dict
    "train ica --lr inf", "train ica --prior-scale inf", "train ica --prior-scale 0", "train ica --seed -1",
    "train ica --seed 1e20", "train ica --seeds 1e12", "train ica --steps 1e12", "train ica --points 0",
    "train ica --columns 0", "train ica --experiment E9", "train ica --angles ,", "train ica --angles a,b",
    "train ica --angles inf,0", "train ica --sigma nan", "train ica --rate -1", "train ica --json ''",
    "train ica --json {tmp}/dir", "train ica --json {tmp}/missing/r.json", "train sae --l1 inf",
    "train sae --experiment nope", "train dict --alpha nan", "train dict --columns -2",
    # render
    "render --list TrainingRun", "render --list -q bad", "render --list -q high", "render --list --out x.mp4",
    "render TrainingRun -q bad", "render TrainingRun -f avi", "render TrainingRun --fps 0",
    "render TrainingRun --fps 1e9", "render TrainingRun --frame -1", "render TrainingRun --frame 3",
    "render TrainingRun --transparent", "render TrainingRun --out {tmp}/missing/x.mp4",
    "render TrainingRun --out {tmp}/file.txt/x.mp4", "render TrainingRun --out {tmp}/" + "y" * 300 + ".mp4",
    "render TrainingRn", "render", "render TrainingRun --no-length",
    # figures
    "figures build --src {tmp}/nosuch", "figures list --src {tmp}/nosuch", "figures build --src {tmp}/dir",
    "figures build --out {tmp}/file.txt", "figures build --out {tmp}/missing/deeper",
    "figures build --only no-such-figure", "figures build --jobs 0", "figures build --quality ultra",
    "figures clean --out {tmp}/dir", "figures clean --out {tmp}/file.txt", "figures clean --out {tmp}/nosuch",
    "figures clean --out {tmp}",
    # slides
    "slides -q ultra", "slides --fps 0", "slides --only NoSuchSlide", "slides --out {tmp}/file.txt",
    "slides --out {tmp}/nonempty", "slides --out {tmp}/missing/parent/deck", "slides --jobs 0",
    # the rest
    "cache", "cache drop", "bench no-such-bench", "nope", "", "--frobnicate",
]


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A working folder with a file, an empty folder and a folder holding something else."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path / "cache"))
    (tmp_path / "file.txt").write_text("mine")
    (tmp_path / "dir").mkdir()
    (tmp_path / "nonempty").mkdir()
    (tmp_path / "nonempty" / "notes.txt").write_text("mine")
    return tmp_path


def _listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if "cache" not in p.parts)


@pytest.mark.parametrize("line", BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_nothing_left(line, place, capsys):
    import shlex
    argv = shlex.split(line.format(tmp=place))
    before = _listing(place)
    assert main(argv) == 2
    err = capsys.readouterr().err
    lines = [l for l in err.strip().splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in err and "error" in lines[0], err
    assert _listing(place) == before                      # nothing written, no .tmp-* left
    assert (place / "file.txt").read_text() == "mine" and (place / "nonempty" / "notes.txt").exists()


def test_one_line_from_the_shell_too(tmp_path):
    """The same through the installed entry point: the interpreter prints no traceback either."""
    from faultkit import one_line_error, toyviz
    done = toyviz("train", "toy", "--seeds", "1e12", cwd=tmp_path, cache=tmp_path / "cache", timeout=60)
    assert done.returncode == 2 and "--seeds" in one_line_error(done.stderr)

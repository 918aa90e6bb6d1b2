"""`toyviz train toy`: bad input is one line and exit 2; a small run writes the documented JSON."""
import json

import pytest

from toyviz.cli import main


@pytest.mark.parametrize("argv", [["--n", "1"], ["--m", "0"], ["--seeds", "0"], ["--steps", "0"],
                                  ["--lr", "nan"], ["--lr", "-1"], ["--lr", "inf"], ["--optimizer", "rmsprop"]])
def test_bad_input_exits_2_with_one_line(argv, capsys):
    assert main(["train", "toy", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "error" in err[0]


def test_small_run_writes_the_report(tmp_path):
    path = tmp_path / "r.json"
    assert main(["train", "toy", "--n", "5", "--seeds", "20", "--steps", "300", "--json", str(path),
                 "--no-progress"]) == 0
    r = json.loads(path.read_text())
    for key in ("config", "outcomes", "dead_feature_counts", "dead_bias_mean", "final_loss", "seconds",
                "checkpoints", "seeds"):
        assert key in r
    assert sum(r["outcomes"].values()) == 20 == sum(r["dead_feature_counts"]) == len(r["seeds"])
    assert r["config"]["n"] == 5 and len(r["dead_feature_counts"]) == 6
    assert all(sum(c["dead_feature_counts"]) == 20 for c in r["checkpoints"])

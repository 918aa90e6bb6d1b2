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


def test_report_labels_every_checkpoint_and_weights_are_the_final_state(tmp_path):
    """Counts at every checkpoint use the engine's labels; the last checkpoint's are the outcomes; the
    .npz holds each seed's final W and b, equal to a run of the same config."""
    import numpy as np

    from toyviz.toy import LABELS, ToyConfig, outcomes_at, train

    path, weights = tmp_path / "r.json", tmp_path / "w.npz"
    assert main(["train", "toy", "--n", "6", "--seeds", "24", "--steps", "400", "--json", str(path),
                 "--weights", str(weights), "--no-progress"]) == 0
    r = json.loads(path.read_text())
    assert all(list(c["outcomes"]) == list(LABELS) and sum(c["outcomes"].values()) == 24 for c in r["checkpoints"])
    assert r["checkpoints"][-1]["outcomes"] == r["outcomes"]
    run = train(ToyConfig(n=6, n_seeds=24, steps=400))
    at = outcomes_at(run.W_hist, run.b_hist, run.loss_hist)
    for t, c in enumerate(r["checkpoints"]):
        assert c["outcomes"] == {k: int((at[:, t] == k).sum()) for k in LABELS}
    w = np.load(weights)
    assert w["W"].shape == (24, 2, 6) and w["b"].shape == (24, 6)
    assert np.array_equal(w["W"], run.W) and np.array_equal(w["b"], run.b)
    assert w["outcome"].tolist() == [s["outcome"] for s in r["seeds"]] == at[:, -1].tolist()


def test_weights_must_be_an_npz(tmp_path, capsys):
    assert main(["train", "toy", "--seeds", "2", "--steps", "10", "--weights", str(tmp_path / "w.txt")]) == 2
    assert "npz" in capsys.readouterr().err
    assert not (tmp_path / "w.txt").exists()

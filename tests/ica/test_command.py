"""`toyviz train ica | sae | dict` and `toyviz bench ica-map`: JSON contents, and one line with exit
code 2 for bad input."""
import json

import pytest

from toyviz.cli import main


@pytest.mark.parametrize("argv, message", [
    (["train", "ica", "--experiment", "E9"], "unknown experiment"),
    (["train", "ica", "--columns", "0"], "--columns must be ≥ 1"),
    (["train", "ica", "--angles", ","], "k ≥ 1"),
    (["train", "ica", "--prior-scale", "0"], "λ_prior must be > 0"),
    (["train", "ica", "--rate", "-1"], "λ_data must be > 0"),
    (["train", "ica", "--sigma", "0"], "σ must be > 0"),
    (["train", "ica", "--seeds", "0"], "--seeds must be ≥ 1"),
    (["train", "ica", "--restarts", "0"], "restarts must be ≥ 1"),
    (["train", "sae", "--experiment", "nope"], "unknown experiment"),
    (["train", "dict", "--columns", "-2"], "--columns must be ≥ 1"),
])
def test_bad_input_is_one_line_and_exit_code_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_train_ica_json(tmp_path, capsys):
    out = tmp_path / "run.json"
    argv = ["train", "ica", "--experiment", "E6.1", "--seeds", "2", "--steps", "30", "--points", "100",
            "--angles", "80,200,320", "--columns", "4", "--quiet", "--json", str(out)]
    assert main(argv) == 0
    js = json.loads(out.read_text())
    for key in ("config", "angle_error_deg", "mmcs", "dead_columns", "seconds"):
        assert key in js
    assert js["config"]["data"]["angles"] == [80.0, 200.0, 320.0] and js["config"]["columns"] == 4
    assert js["config"]["select"] == "likelihood" and len(js["split"]) == 2
    assert main(argv) == 0  # cached the second time: same answer
    assert json.loads(out.read_text())["angle_error_deg"] == js["angle_error_deg"]


@pytest.mark.parametrize("model, extra", [("sae", ["--steps", "20"]), ("dict", ["--steps", "5"])])
def test_train_baselines_json(model, extra, tmp_path):
    out = tmp_path / f"{model}.json"
    assert main(["train", model, "--experiment", "E6.1", "--points", "100", "--seeds", "2", "--quiet",
                 "--json", str(out)] + extra) == 0
    js = json.loads(out.read_text())
    assert js["engine"] == model and len(js["mmcs"]) == 2 and "angle_error_deg" in js


def test_bench_ica_map_small(tmp_path):
    out = tmp_path / "bench.json"
    assert main(["bench", "ica-map", "--points", "300", "--columns", "3", "--repeat", "1",
                 "--json", str(out)]) == 0
    js = json.loads(out.read_text())
    assert set(js["solvers"]) == {"exact", "pgd", "fista", "sklearn"}
    assert js["solvers"]["exact"]["max_rel_gap"] <= 1e-10
    assert js["solvers"]["pgd"]["max_rel_gap"] <= 1e-8 + 1e-12


def test_train_ica_reports_selected_oracle_and_final(tmp_path):
    """Three errors side by side, per seed and over seeds, the rule in `config`, strict JSON."""
    out = tmp_path / "run.json"
    assert main(["train", "ica", "--experiment", "E6.1", "--seeds", "2", "--steps", "30", "--points", "100",
                 "--restarts", "2", "--quiet", "--json", str(out)]) == 0
    text = out.read_text()
    js = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))
    a = js["angle_error_deg"]
    assert js["config"]["select"] == "likelihood" and js["config"]["restarts"] == 2 and a["sign_aware"]
    for name in ("selected", "oracle", "final"):
        assert len(a[name]["mean"]) == 2 and len(a[name]["step"]) == 2
        assert a[name]["mean_over_seeds"] == pytest.approx(sum(a[name]["mean"]) / 2)
    # the oracle is the least error over every step and restart; the final A is restart 0's last
    assert all(o <= s + 1e-12 and o <= f + 1e-12 for o, s, f in
               zip(a["oracle"]["mean"], a["selected"]["mean"], a["final"]["mean"]))
    assert a["final"]["step"] == [30, 30] and a["final"]["restart"] == [0, 0]
    assert main(["train", "ica", "--experiment", "E6.1", "--steps", "30", "--points", "100",
                 "--select", "oracle", "--quiet", "--json", str(out)]) == 0
    a = json.loads(out.read_text())["angle_error_deg"]
    assert a["selected"] == a["oracle"]


def test_bench_ica_map_markdown_is_dated_with_a_row_per_k(tmp_path):
    """The table the ICA engine page includes: when and where it was measured, one row per k, and a
    solver stopped at its cap marked short."""
    out = tmp_path / "ica_map.md"
    assert main(["bench", "ica-map", "--points", "300", "--columns", "3,8", "--repeat", "1", "--max-iter", "5",
                 "--skip", "sklearn", "--markdown", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("Measured 20") and "UTC" in lines[0] and "cores" in lines[0]
    rows = [line for line in lines if line.startswith("| 3 |") or line.startswith("| 8 |")]
    assert len(rows) == 2 and all("(**short**)" in row for row in rows)     # 5 gradient steps reach no 1e-8 gap
    assert not list(tmp_path.glob("*.tmp"))

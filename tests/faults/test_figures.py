"""The figure build under hostile input (items 1, 5, 8): `clean` refuses what is not its own, a
missing `--src` never empties the manifest, a broken script is one failed figure."""
from __future__ import annotations

import json

import pytest

from faultkit import figure_script, snapshot
from toyviz.cli import main


def build(src, out, *extra) -> int:
    return main(["figures", "build", "--src", str(src), "--out", str(out), "--quality", "smoke", "--quiet",
                 "--jobs", "2", *extra])


def _err(capsys) -> str:
    err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
    assert len(err) == 1 and "Traceback" not in err[0], err
    return err[0]


def test_clean_refuses_the_project(project, capsys):
    before = snapshot(project)
    for target in (project, project / "toyviz", project / "pyproject.toml", project / "nosuch"):
        assert main(["figures", "clean", "--out", str(target)]) == 2
        assert "nothing removed" in _err(capsys)
    assert snapshot(project) == before


def test_clean_removes_only_what_the_manifest_lists(figures, capsys):
    src, out, _ = figures
    assert build(src, out) == 0
    (out / "demo" / "notes.txt").write_text("the user's own")
    (out / "mine.txt").write_text("the user's own")
    capsys.readouterr()
    assert main(["figures", "clean", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "removed 3 files of 3 figures" in said and "kept 2 other files" in said
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == ["demo", "demo/notes.txt", "mine.txt"]
    assert main(["figures", "clean", "--out", str(out)]) == 2   # nothing of ours left: refused, not "removed"
    assert (out / "mine.txt").exists()


def test_clean_refuses_a_manifest_pointing_outside(figures, tmp_path, capsys):
    src, out, _ = figures
    assert build(src, out) == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["figures"][0]["files"].append("../victim.txt")
    (out / "manifest.json").write_text(json.dumps(manifest))
    before = snapshot(out)
    assert main(["figures", "clean", "--out", str(out)]) == 2
    assert "outside" in _err(capsys) and victim.read_text() == "keep me" and snapshot(out) == before


def test_clean_read_only_folder_is_one_line(figures, read_only_dir, capsys):
    import shutil
    import subprocess
    import os
    if os.geteuid() != 0:
        pytest.skip("needs root to remount")
    src, out, _ = figures
    assert build(src, out) == 0
    # the built folder, copied onto a read-only mount
    subprocess.run(["mount", "-o", "remount,rw", str(read_only_dir)], capture_output=True)
    shutil.copytree(out, read_only_dir / "figs")
    if subprocess.run(["mount", "-o", "remount,ro", str(read_only_dir)], capture_output=True).returncode:
        pytest.skip("cannot remount read-only")
    before = snapshot(read_only_dir)
    assert main(["figures", "clean", "--out", str(read_only_dir / "figs")]) == 2
    assert "cannot write" in _err(capsys) and snapshot(read_only_dir) == before


def test_missing_src_keeps_the_manifest(figures, capsys):
    src, out, _ = figures
    assert build(src, out) == 0
    manifest = (out / "manifest.json").read_bytes()
    for action in ("build", "list"):
        assert main(["figures", action, "--src", str(src.parent / "nosuchdir"), "--out", str(out)]) == 2
        assert "no such folder" in _err(capsys)
    assert (out / "manifest.json").read_bytes() == manifest


BROKEN = {
    "syntax error": "def build(out, quality:\n",
    "missing ID": None,
    "bad FILES": "FILES = 3\n",
    "FILES outside": "FILES = ['../escape.txt']\n",
    "ID of another path": "ID = 'demo/alpha'\n",
    "FILES of another figure": "FILES = ['alpha.txt']\n",
}


@pytest.mark.parametrize("how", sorted(BROKEN))
def test_broken_script_is_one_failed_figure(how, figures, capsys):
    src, out, _ = figures
    path = figure_script(src, "zbroken")
    text = path.read_text()
    if how == "missing ID":
        text = text.replace('ID = "demo/zbroken"\n', "")
    elif how == "syntax error":
        text += BROKEN[how]
    else:
        key = BROKEN[how].split(" =")[0]
        text = "\n".join(BROKEN[how].rstrip() if line.startswith(key + " =") else line for line in text.splitlines())
    path.write_text(text)
    assert main(["figures", "list", "--src", str(src), "--out", str(out)]) == 0
    listing = capsys.readouterr()
    rows = {line.split()[0]: line for line in listing.out.splitlines()}
    assert set(rows) == {"demo/alpha", "demo/beta", "demo/gamma", "demo/zbroken"}
    assert "broken" in rows["demo/zbroken"] and "1 broken figure script" in listing.err
    assert build(src, out) == 1                                   # the others build; the exit says one failed
    assert sorted(e["id"] for e in json.loads((out / "manifest.json").read_text())["figures"]) == \
        ["demo/alpha", "demo/beta", "demo/gamma"]
    assert (out / "demo" / "alpha.txt").read_text() == "alpha smoke" and not (out.parent / "escape.txt").exists()
    path.unlink()                                                 # fixed: the next build is clean
    assert build(src, out) == 0

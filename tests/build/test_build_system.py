"""The figure build system on small, fake figure scripts: cache, atomicity, isolation, errors."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from toyviz import quality, sources
from toyviz.build import fingerprint, registry
from toyviz.cli import main

from faultkit import figure_script

@pytest.fixture
def tree(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    figure_script(src, "alpha")
    figure_script(src, "beta")
    return src, out


def build(src, out, *extra) -> int:
    return main(["figures", "build", "--src", str(src), "--out", str(out), "--quality", "smoke", "--jobs", "2", *extra])


def test_build_writes_files_and_manifest(tree, capsys):
    src, out = tree
    assert build(src, out) == 0
    assert (out / "demo" / "alpha.txt").read_text() == "alpha smoke"
    manifest = json.loads((out / "manifest.json").read_text())["figures"]
    assert [e["id"] for e in manifest] == ["demo/alpha", "demo/beta"]
    entry = manifest[0]
    assert set(entry) >= {"id", "title", "kind", "reproduces", "files", "source", "hash", "seconds"}
    assert entry["files"] == ["demo/alpha.txt"] and entry["title"] == "Figure alpha"
    assert "2 built, 0 up to date, 0 failed" in capsys.readouterr().out


def test_second_build_is_a_cache_hit(tree, capsys):
    src, out = tree
    build(src, out)
    mtime = (out / "demo" / "alpha.txt").stat().st_mtime_ns
    capsys.readouterr()
    assert build(src, out) == 0
    assert "0 built, 2 up to date" in capsys.readouterr().out
    assert (out / "demo" / "alpha.txt").stat().st_mtime_ns == mtime


def test_script_change_rebuilds_only_that_figure(tree, capsys):
    src, out = tree
    build(src, out)
    figure_script(src, "alpha", title="Alpha, retitled")
    capsys.readouterr()
    build(src, out)
    assert "1 built, 1 up to date" in capsys.readouterr().out


def test_quality_change_rebuilds(tree, capsys):
    src, out = tree
    build(src, out)
    capsys.readouterr()
    main(["figures", "build", "--src", str(src), "--out", str(out), "--quality", "preview", "--jobs", "1"])
    assert "2 built" in capsys.readouterr().out
    assert (out / "demo" / "alpha.txt").read_text() == "alpha preview"


def test_deleted_output_is_rebuilt(tree, capsys):
    src, out = tree
    build(src, out)
    (out / "demo" / "beta.txt").unlink()
    capsys.readouterr()
    build(src, out)
    assert "1 built, 1 up to date" in capsys.readouterr().out


def test_hash_follows_toyviz_imports(tmp_path, monkeypatch):
    """Editing a toyviz module the script imports (even indirectly) changes the hash; others do not."""
    pkg = tmp_path / "toyviz"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "used.py").write_text("from . import helper\n")
    (pkg / "sub" / "helper.py").write_text("X = 1\n")
    (pkg / "unrelated.py").write_text("Y = 1\n")
    script = tmp_path / "fig.py"
    script.write_text("from toyviz.sub.used import helper\n")
    monkeypatch.setattr(sources, "PACKAGE_DIR", pkg)
    q = quality.get("smoke")
    deps = {p.relative_to(pkg).as_posix() for p in sources.static_dependencies(script)}
    assert deps == {"sub/__init__.py", "sub/used.py", "sub/helper.py"}
    before = fingerprint.figure_hash(script, q)
    (pkg / "unrelated.py").write_text("Y = 2\n")
    assert fingerprint.figure_hash(script, q) == before
    (pkg / "sub" / "helper.py").write_text("X = 2  # changed\n")
    assert fingerprint.figure_hash(script, q) != before


def test_hash_covers_quality_and_library_versions(tmp_path, monkeypatch):
    script = figure_script(tmp_path, "alpha")
    base = fingerprint.figure_hash(script, quality.get("smoke"))
    assert fingerprint.figure_hash(script, quality.get("preview")) != base
    versions = fingerprint.library_versions()
    for lib in ("torch", "matplotlib", "manim"):
        monkeypatch.setattr(fingerprint, "library_versions", lambda lib=lib: {**versions, lib: "0.0.1"})
        assert fingerprint.figure_hash(script, quality.get("smoke")) != base
    monkeypatch.setattr(fingerprint, "library_versions", lambda: versions)
    assert fingerprint.figure_hash(script, quality.get("smoke")) == base


def test_failure_is_isolated_and_exit_code_is_nonzero(tree, capsys):
    src, out = tree
    figure_script(src, "broken", body="    raise RuntimeError('this figure is broken')")
    assert build(src, out) == 1
    captured = capsys.readouterr()
    assert "this figure is broken" in captured.err and "demo/broken" in captured.err
    assert (out / "demo" / "alpha.txt").exists() and (out / "demo" / "beta.txt").exists()
    ids = [e["id"] for e in json.loads((out / "manifest.json").read_text())["figures"]]
    assert ids == ["demo/alpha", "demo/beta"]


def test_undeclared_or_missing_files_fail(tree, capsys):
    src, out = tree
    figure_script(src, "sloppy", files=["a.txt"], body="    (out / 'b.txt').write_text('x')")
    assert build(src, out, "--only", "sloppy") == 1
    err = capsys.readouterr().err
    assert "did not write ['a.txt']" in err and "undeclared ['b.txt']" in err
    assert not (out / "demo" / "b.txt").exists()


def test_unknown_only_is_one_line_and_exit_2(tree, capsys):
    src, out = tree
    assert build(src, out, "--only", "demo/alpah") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "demo/alpha" in err[0] and "alpah" in err[0]


def test_glob_selects(tree, capsys):
    src, out = tree
    assert build(src, out, "--only", "demo/b*") == 0
    assert (out / "demo" / "beta.txt").exists() and not (out / "demo" / "alpha.txt").exists()


def test_bad_declarations_are_reported(tmp_path):
    path = figure_script(tmp_path, "alpha")
    path.write_text(path.read_text().replace('ID = "demo/alpha"', 'ID = "demo/other"'))
    with pytest.raises(registry.FigureError, match="path makes it 'demo/alpha'"):
        registry.read_figure(path)


def test_killed_build_leaves_no_partial_file_and_resumes(tree):
    """Kill a build while a figure is half-written; nothing partial lands, the next build completes."""
    src, out = tree
    figure_script(src, "slow", files=["slow.txt"], body=textwrap.indent(textwrap.dedent("""\
        import time
        with open(out / "slow.txt", "w") as f:
            f.write("half")
            f.flush()
            if quality.name == "smoke":
                time.sleep(60)
            f.write(" and the rest")
        """), "    "))
    cmd = [sys.executable, "-m", "toyviz.cli", "figures", "build", "--src", str(src), "--out", str(out),
           "--quality", "smoke", "--only", "slow", "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not list((out / ".tmp").glob("*/*/slow.txt")) and time.time() < deadline:
        time.sleep(0.1)
    assert list((out / ".tmp").glob("*/*/slow.txt")), "the figure never started writing"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "demo" / "slow.txt").exists()
    assert not (out / ".stamps" / "demo" / "slow.json").exists()
    # the next build (another quality, so the script does not sleep) resumes and completes
    assert main(["figures", "build", "--src", str(src), "--out", str(out), "--quality", "preview", "--only", "slow"]) == 0
    assert (out / "demo" / "slow.txt").read_text() == "half and the rest"
    assert not list((out / ".tmp").glob("*"))


def test_concurrent_build_keeps_the_other_builds_work(tree):
    """A build removes the work folders of killed builds only, never those of a build still running."""
    src, out = tree
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live = out / ".tmp" / str(other.pid) / "demo__x-123"
        dead = out / ".tmp" / "999999999" / "demo__y-456"
        for folder in (live, dead):
            folder.mkdir(parents=True)
            (folder / "partial.png").write_text("half")
        assert build(src, out) == 0
        assert (live / "partial.png").exists() and not dead.parent.exists()
    finally:
        other.kill()
        other.wait()


def test_list_and_clean(tree, capsys):
    src, out = tree
    build(src, out)
    capsys.readouterr()
    assert main(["figures", "list", "--src", str(src), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [l.split()[0] for l in lines] == ["demo/alpha", "demo/beta"] and all("built" in l for l in lines)
    assert main(["figures", "clean", "--out", str(out)]) == 0
    assert not out.exists()


def test_every_real_figure_script_is_well_formed():
    figures = registry.discover()
    assert figures, "no figure scripts found"
    assert all(f.title and f.files for f in figures)

"""toyviz installed from a wheel, outside any checkout (item 10): its caches go to the user's cache
folder, never into site-packages, `render --list` needs no measuring, and a render in an empty folder
works. The wheel is built from the project copy and installed into a fresh venv without downloading
anything: the venv reaches the project's pinned dependencies through a `.pth` file naming the shared
environment's site-packages (not `--system-site-packages`), and toyviz itself is installed with
`pip install --no-deps --no-index`."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from faultkit import HANG


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def installed(project, tmp_path_factory):
    """(the venv's toyviz command, its site-packages) with the wheel of the project copy installed."""
    base = tmp_path_factory.mktemp("wheel")
    run = lambda *cmd, **kw: subprocess.run(list(map(str, cmd)), check=True, capture_output=True, text=True,  # noqa: E731
                                            timeout=HANG, **kw)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
        "-w", base / "dist", project)
    [wheel] = (base / "dist").glob("toyviz-*.whl")
    env = base / "env"
    run(sys.executable, "-m", "venv", "--without-pip", env)
    site = Path(run(env / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
                .stdout.strip())
    (site / "toyviz-pinned-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", env / "bin" / "python", "install", "--no-deps", "--no-index",
        "-q", wheel)
    return env / "bin" / "toyviz", site


@pytest.mark.slow
def test_render_in_an_empty_folder(installed, tmp_path):
    toyviz, site = installed
    home, here = tmp_path / "home", tmp_path / "empty"
    home.mkdir()
    here.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}   # no PYTHONPATH, no TOYVIZ_CACHE
    run = lambda *a: subprocess.run([toyviz, *a], cwd=here, env=env, capture_output=True, text=True,  # noqa: E731
                                    timeout=HANG)
    before = _files(site)
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("toyviz ")
    listing = run("render", "--list")
    assert listing.returncode == 0 and "TiltingHexagon" in listing.stdout and "s  " in listing.stdout
    assert not (home / ".cache" / "toyviz" / "render").exists()          # the shipped catalogue: nothing measured
    done = run("render", "TiltingHexagon", "-q", "low", "--quiet")
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(p.name for p in here.iterdir()) == ["TiltingHexagon_low.mp4"]
    assert (here / "TiltingHexagon_low.mp4").stat().st_mode & 0o777 == 0o644
    assert list((home / ".cache" / "toyviz" / "runs").rglob("*.npz"))   # platformdirs' user cache folder
    assert _files(site) == before                                       # nothing written beside the package
    assert run("figures", "list").returncode == 2                       # no figure scripts here: one line, exit 2

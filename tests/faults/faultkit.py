"""The fault suite's helpers: a copy of the project, small disks, fake figure scripts, and running toyviz
as a user would (a subprocess in its own session, so it can be interrupted like a terminal would).

Commands started with `cwd` in the `project` copy run the copy's own toyviz (`python -m` puts the
working folder first on the path), so the faults happen to a copy, never to the checkout.

Every test here does something hostile but fair to toyviz and then asserts three things: the user was
told in one line (or the command stopped with 130), nothing was lost or left behind, and the next run
succeeds. Timeouts only guard against hangs; times are measured by `toyviz bench faults`.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
HANG = 240   # seconds: a command that runs longer than this is hung (never a timing assertion)


def env_for(cache: Path, **extra) -> dict:
    env = dict(os.environ, TOYVIZ_CACHE=str(cache), PYTHONPATH=str(ROOT), MPLBACKEND="Agg",
               NUMBA_CACHE_DIR=os.environ.get("NUMBA_CACHE_DIR", str(ROOT / ".cache" / "numba")))
    env.update({k: str(v) for k, v in extra.items()})
    return env


def toyviz(*args, cwd: Path, cache: Path, timeout: float = HANG, **env) -> subprocess.CompletedProcess:
    """`toyviz ARGS` in a subprocess, to its end."""
    return subprocess.run([sys.executable, "-m", "toyviz.cli", *map(str, args)], cwd=cwd, env=env_for(cache, **env),
                          capture_output=True, text=True, timeout=timeout)


def start(*args, cwd: Path, cache: Path, **env) -> subprocess.Popen:
    """`toyviz ARGS` started in its own session (as from a terminal), not waited for."""
    return subprocess.Popen([sys.executable, "-m", "toyviz.cli", *map(str, args)], cwd=cwd,
                            env=env_for(cache, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def wait_for(predicate, timeout: float = HANG, what: str = "the condition", proc=None) -> None:
    """Poll `predicate`; fail at once if `proc` ended first (with what it said)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the command ended (exit {proc.returncode}) before {what}: "
                                 f"{proc.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def interrupt(proc: subprocess.Popen, sig: int) -> tuple[int, str, str]:
    """Send `sig` to the command (Ctrl-C reaches the whole foreground group; SIGTERM only toyviz)."""
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=HANG)
    return proc.returncode, out, err


def one_line_error(stderr: str) -> str:
    lines = [l for l in stderr.strip().splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert "error" in lines[0], lines[0]
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files toyviz might leave: `.tmp-*` anywhere under `folder`, and probe files."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".tmp*")) if folder.exists() else []


def toyviz_temp_folders(pid: int | None = None) -> set[Path]:
    """`toyviz-*` scratch folders in the system temp folder (of process `pid` if given)."""
    import tempfile
    found = set(Path(tempfile.gettempdir()).glob("toyviz-*"))
    return {p for p in found if pid is None or p.name.split("-")[2:3] == [str(pid)]}


# ------------------------------------------------------------------------------ fake figure scripts
SCRIPT = '''\
"""{title}

A fake figure for the tests.
"""
ID = "demo/{name}"
KIND = "data"
REPRODUCES = None
FILES = {files!r}


def build(out, quality):
{body}
'''


def figure_script(src: Path, name: str, body: str | None = None, files=None, title: str | None = None) -> Path:
    """A fake figure script `src/demo/<name>.py` (id demo/<name>) whose `build` runs `body`; by
    default it writes each of `files` (default `<name>.txt`) with "<name> <quality>"."""
    files = files or [f"{name}.txt"]
    body = body or "\n".join(f"    (out / {f!r}).write_text('{name} ' + quality.name)" for f in files)
    path = src / "demo" / f"{name}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCRIPT.format(title=title or f"Figure {name}", name=name, files=files, body=body))
    return path


SLEEPER = textwrap.indent(textwrap.dedent("""\
    import time
    (out / "{name}.txt").write_text("half")
    time.sleep(120)
    """), "    ")


# ------------------------------------------------------------------------------ a copy of the project


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------------------ small and read-only disks
def _mount_tmpfs(where: Path, options: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)



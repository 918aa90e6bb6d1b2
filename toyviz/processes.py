"""Child processes and scratch folders that an interrupt must not leave behind.

`Workers` runs commands, each in its own process group, and kills them all at once when the parent is
interrupted (Ctrl-C or SIGTERM, which `toyviz.cli` turns into `KeyboardInterrupt`): the figure build
and the slide deck stop within a second instead of draining their queues. `scratch` is a private
temporary folder named with the owner's process id; it is removed on the way out, and one left by a
process that was killed outright (SIGKILL) is removed by the next toyviz that makes one of its kind.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Workers:
    """The worker processes running now, so that an interrupt can kill them all at once."""

    def __init__(self):
        self.lock, self.procs, self.stopping = threading.Lock(), set(), threading.Event()

    def run(self, cmd: list[str], env: dict | None = None, cwd=None) -> tuple[int, str, str]:
        """Run `cmd` to its end (or until `kill_all`); returns (exit code, stdout, stderr)."""
        with self.lock:
            if self.stopping.is_set():
                return -signal.SIGKILL, "", "interrupted"
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                    cwd=cwd, start_new_session=True)
            self.procs.add(proc)
        try:
            out, err = proc.communicate()
        finally:
            with self.lock:
                self.procs.discard(proc)
        return proc.returncode, out, err

    def kill_all(self) -> None:
        """Kill every running worker and whatever it started; refuse new ones."""
        with self.lock:
            self.stopping.set()
            for proc in self.procs:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)


def _sweep(kind: str, base: Path) -> None:
    """Remove `toyviz-<kind>-<pid>-*` folders whose process is gone."""
    for folder in base.glob(f"toyviz-{kind}-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def make_scratch(kind: str, base: Path | None = None) -> Path:
    """A new private folder `toyviz-<kind>-<pid>-*` in `base` (default: the system temp folder),
    after sweeping the ones killed processes left. The caller removes it (or use `scratch`)."""
    base = Path(base or tempfile.gettempdir())
    _sweep(kind, base)
    return Path(tempfile.mkdtemp(prefix=f"toyviz-{kind}-{os.getpid()}-", dir=base))


@contextlib.contextmanager
def scratch(kind: str, base: Path | None = None):
    """`make_scratch`, removed on the way out whatever happens (Ctrl-C included)."""
    folder = make_scratch(kind, base)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)

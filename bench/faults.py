"""How fast toyviz stops, and how fast `render --list` answers (`toyviz bench faults [--quick]`).

The limits of issue 18, measured by wall clock (the fault suite in tests/faults/ checks what is left
behind; it never times anything):
- Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and SIGTERM (to toyviz alone) stop
  `figures build`, `render`, `slides` and `train toy` within 2 s: the time from the signal to the exit;
- `toyviz render --list` answers within 3 s in an empty folder with an empty cache (a fresh install).

Each command is started in a scratch folder with its own cache folder (the render and deck scenes read
the checkout's run cache, so they replay rather than retrain), interrupted once it is visibly at work,
and its exit code checked (130). `--quick` leaves out the Manim commands (render, slides).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLEEPY_FIGURE = textwrap.dedent('''\
    """Sleeps

    A figure that takes long, for the interrupt benchmark.
    """
    ID = "demo/{name}"
    KIND = "data"
    REPRODUCES = None
    FILES = ["{name}.txt"]


    def build(out, quality):
        import time
        (out / "{name}.txt").write_text("half")
        time.sleep(300)
    ''')


def _env(cache: Path) -> dict:
    return dict(os.environ, TOYVIZ_CACHE=str(cache), PYTHONPATH=str(ROOT), MPLBACKEND="Agg")


def _toyviz_temp(pid: int) -> list[Path]:
    return [p for p in Path(tempfile.gettempdir()).glob(f"toyviz-*-{pid}-*")]


def stop_time(args: list[str], ready, sig: int, cwd: Path, cache: Path, timeout: float = 300) -> tuple[float, int]:
    """Start `toyviz ARGS`, wait until `ready(pid)` is true, send `sig`; (seconds to exit, exit code)."""
    proc = subprocess.Popen([sys.executable, "-m", "toyviz.cli", *map(str, args)], cwd=cwd, env=_env(cache),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + timeout
    while not ready(proc.pid):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"toyviz {' '.join(map(str, args))} never got to work (exit {proc.poll()})")
        time.sleep(0.05)
    time.sleep(0.5)
    tic = time.monotonic()
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    proc.wait(timeout=120)
    return time.monotonic() - tic, proc.returncode


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="toyviz bench faults", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="leave out render and slides (Manim)")
    args = p.parse_args(argv)
    real_cache = ROOT / ".cache"
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        tmp = Path(tmp)
        src, out = tmp / "src", tmp / "out"
        for k in range(4):
            (src / "demo").mkdir(parents=True, exist_ok=True)
            (src / "demo" / f"slow{k}.py").write_text(SLEEPY_FIGURE.format(name=f"slow{k}"))
        commands = {
            "figures build -j 2": (["figures", "build", "--src", src, "--out", out, "--quality", "smoke", "-j", "2",
                                    "--quiet"], lambda pid: any((out / ".tmp").glob("*/*/*.txt")), tmp / "cache"),
            "train toy (200 seeds, long)": (["train", "toy", "--n", "5", "--seeds", "200", "--steps", "50000000",
                                             "--quiet", "--json", tmp / "r.json"],
                                            _after(3.0), real_cache),
        }
        if not args.quick:
            commands["render TrainingRun -q low"] = (["render", "TrainingRun", "-q", "low", "--quiet", "--out", tmp],
                                                     lambda pid: bool(_toyviz_temp(pid)), real_cache)
            commands["slides (3 scenes, -j 2)"] = (["slides", "--only", "TitleSlide,OptFailureSection,ClosingSlide",
                                                    "--fps", "2", "--out", tmp / "deck", "--quiet"],
                                                   lambda pid: any(any(d.glob("toyviz-slide-*"))
                                                                   for d in _toyviz_temp(pid)), real_cache)
        for name, (cmd, ready, cache) in commands.items():
            for sig_name, sig in (("Ctrl-C", signal.SIGINT), ("SIGTERM", signal.SIGTERM)):
                if callable(getattr(ready, "reset", None)):
                    ready.reset()
                seconds, code = stop_time(cmd, ready, sig, tmp, cache)
                rows.append((f"{name}, {sig_name}", seconds, code, 2.0))
        empty, fresh = tmp / "empty", tmp / "fresh-cache"
        empty.mkdir()
        tic = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "toyviz.cli", "render", "--list"], cwd=empty,
                              env=dict(_env(fresh), HOME=str(tmp / "home")), capture_output=True, text=True)
        rows.append(("render --list (empty folder, empty cache)", time.monotonic() - tic, done.returncode, 3.0))
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(f"| {'what':48s} | seconds | exit | limit | within |")
    print(f"|{'-' * 50}|---------|------|-------|--------|")
    for what, seconds, code, limit in rows:
        print(f"| {what:48s} | {seconds:7.2f} | {code:4d} | {limit:5.0f} | {'yes' if seconds <= limit else 'NO':6s} |")
    return 0


def _after(seconds: float):
    """A readiness test that is true `seconds` after its first call (the command is compiling, then training)."""
    state = {}

    def ready(pid):
        state.setdefault("t", time.monotonic())
        return time.monotonic() - state["t"] >= seconds

    ready.reset = state.clear
    return ready


if __name__ == "__main__":
    sys.exit(main())

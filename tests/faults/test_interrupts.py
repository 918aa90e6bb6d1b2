"""Ctrl-C and SIGTERM (item 4), at fixed seeded points: `figures build`, `render`, `slides` and
`train toy` stop with exit code 130, kill their workers, remove their temporary folders and leave
nothing partial; a SIGKILL's leftovers are swept by the next run, which succeeds. How fast they stop
is measured by `toyviz bench faults`; here timeouts only guard against hangs."""
from __future__ import annotations

import os
import random
import signal
import time

import pytest

from faultkit import (ROOT, SLEEPER, figure_script, interrupt, leftovers, start, toyviz, toyviz_temp_folders,
                      wait_for)

SIGNALS = {"ctrl-c": signal.SIGINT, "sigterm": signal.SIGTERM}
REAL_CACHE = ROOT / ".cache"   # the checkout's runs: scenes replay them instead of retraining


def pause(seed: int) -> None:
    """A fixed, seeded extra delay after the command reached its interruption point."""
    time.sleep(random.Random(seed).uniform(0.1, 1.0))


def processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in os.listdir("/proc"):
        if proc.isdigit():
            try:
                cmdline = open(f"/proc/{proc}/cmdline", "rb").read().decode(errors="replace")
            except OSError:
                continue
            if text in cmdline:
                found.append(int(proc))
    return found


@pytest.mark.parametrize("how", sorted(SIGNALS))
def test_figures_build(how, figures, project):
    src, out, cache = figures
    for name in ("slow1", "slow2", "slow3", "slow4"):
        figure_script(src, name, body=SLEEPER.format(name=name))
    proc = start("figures", "build", "--src", src, "--out", out, "--quality", "smoke", "--jobs", "2", "--quiet",
                 cwd=project, cache=cache)
    wait_for(lambda: len(list((out / ".tmp").glob("*/demo__slow*/*.txt"))) >= 1, what="a slow figure to start", proc=proc)
    pause(1)
    code, _, err = interrupt(proc, SIGNALS[how])
    assert code == 130 and "interrupted" in err, err
    assert not processes_mentioning(str(src))                        # workers killed, not drained
    assert not (out / ".tmp").exists() and not leftovers(out)
    assert not list(out.glob("demo/slow*")) and not list((out / ".stamps").glob("demo/slow*"))
    built = {p.stem for p in (out / ".stamps" / "demo").glob("*.json")}
    import json
    assert {e["id"].split("/")[1] for e in json.loads((out / "manifest.json").read_text())["figures"]} == built
    for name in ("slow1", "slow2", "slow3", "slow4"):                 # the next build, scripts fixed, succeeds
        figure_script(src, name)
    done = toyviz("figures", "build", "--src", src, "--out", out, "--quality", "smoke", "--quiet", cwd=project,
                  cache=cache)
    assert done.returncode == 0, done.stderr
    assert "0 failed" in done.stdout and len(json.loads((out / "manifest.json").read_text())["figures"]) == 7


@pytest.mark.slow
@pytest.mark.parametrize("how", sorted(SIGNALS) + ["sigkill"])
def test_render(how, tmp_path, project):
    out = tmp_path / "talk"
    out.mkdir()
    proc = start("render", "TrainingRun", "-q", "low", "--fps", "4", "--out", out, "--quiet", cwd=project,
                 cache=REAL_CACHE)
    wait_for(lambda: toyviz_temp_folders(proc.pid), what="the render's media folder", proc=proc)
    pause(2)
    if how == "sigkill":
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert toyviz_temp_folders(proc.pid)                          # a SIGKILL cannot clean up ...
        done = toyviz("render", "TiltingHexagon", "-q", "low", "--fps", "2", "--out", out, "--quiet",
                      cwd=project, cache=REAL_CACHE)
        assert done.returncode == 0, done.stderr
        assert not toyviz_temp_folders(proc.pid)                      # ... that renders sweeps it
        assert [p.name for p in out.iterdir()] == ["TiltingHexagon_low.mp4"]
        return
    code, _, err = interrupt(proc, SIGNALS[how])
    assert code == 130, err
    assert not toyviz_temp_folders(proc.pid) and not list(out.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("how", sorted(SIGNALS))
def test_slides(how, tmp_path, project):
    out = tmp_path / "deck"
    proc = start("slides", "--only", "TitleSlide,OptFailureSection,ClosingSlide", "-q", "low", "--fps", "2",
                 "--jobs", "2", "--out", out, cwd=project, cache=REAL_CACHE)
    wait_for(lambda: any(any(d.glob("toyviz-slide-*")) for d in toyviz_temp_folders(proc.pid)),
             what="a deck scene to start rendering", proc=proc)
    pause(3)
    code, _, err = interrupt(proc, SIGNALS[how])
    assert code == 130, err
    assert not toyviz_temp_folders(proc.pid)                          # the deck's scratch, slide folders inside
    assert not processes_mentioning("toyviz.anim.slides")
    assert not out.exists() and not list(tmp_path.glob(".deck*"))


@pytest.mark.parametrize("how", sorted(SIGNALS))
def test_train_toy(how, tmp_path, project):
    report = tmp_path / "report.json"
    proc = start("train", "toy", "--n", "5", "--seeds", "200", "--steps", "50000000", "--quiet", "--json", report,
                 cwd=project, cache=REAL_CACHE)
    time.sleep(3)
    pause(4)
    code, _, err = interrupt(proc, SIGNALS[how])
    assert code == 130, err
    assert not list(tmp_path.iterdir())                               # no report, no .tmp-*

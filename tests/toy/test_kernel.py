"""The two numba kernels and their limits: the looped kernel gives the unrolled kernel's bits on both
sides of the hand-over; cutting a run into short calls changes no bit; sizes that cannot fit are
refused at once with the bytes they need; a compile runs in a child process that a signal stops,
leaving nothing partial behind."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from toyviz.toy import ToyConfig, kernel, train
from toyviz.toy.config import BUDGET_ENV

H = kernel.UNROLLED_MAX_N
ROOT = Path(__file__).resolve().parents[2]


def _same_bits(a, b) -> bool:
    return a.dtype == b.dtype and np.array_equal(a.view(np.uint8), b.view(np.uint8))


def _masks(m: int, n: int):
    fw = np.zeros((m, n), bool)
    fw[:, 0] = True                     # W₁ frozen, b₁ too: the others learn
    fb = np.zeros(n, bool)
    fb[0] = True
    return fw, fb


@pytest.mark.parametrize("masked", [False, True])
@pytest.mark.parametrize("optimizer", ["adamw", "adam", "sgd"])
@pytest.mark.parametrize("n", [H - 1, H, H + 1])
def test_looped_kernel_gives_the_unrolled_kernels_bits(n, optimizer, masked):
    # 40 seeds: a full chunk and a padded one; 300 steps: past many flushes of subnormal moments
    c = ToyConfig(n=n, m=2, n_seeds=40, steps=300, log_points=6, optimizer=optimizer,
                  lr=1e-2 if optimizer == "sgd" else 3e-3)
    frozen = _masks(2, n) if masked else None
    unrolled = train(c, frozen=frozen, kernel="unrolled")
    looped = train(c, frozen=frozen, kernel="looped")
    assert _same_bits(unrolled.W_hist, looped.W_hist) and _same_bits(unrolled.b_hist, looped.b_hist)
    assert not np.array_equal(unrolled.W_hist[:, 0], unrolled.W_hist[:, -1])     # it trained
    auto = train(c, frozen=frozen)                                               # the hand-over's choice
    assert _same_bits(auto.W_hist, looped.W_hist)


@pytest.mark.parametrize("n, m", [(H, 1), (5, 3), (3, kernel.LOOPED_WRITTEN_M + 1)])
def test_looped_kernel_bits_in_float64_and_other_m(n, m):
    # m above LOOPED_WRITTEN_M takes the looped kernel's generic loops over the latent rows
    c = ToyConfig(n=n, m=m, n_seeds=33, steps=200, log_points=4, precision="float64")
    for frozen in (None, _masks(m, n)):
        a, b = train(c, frozen=frozen, kernel="unrolled"), train(c, frozen=frozen, kernel="looped")
        assert a.W_hist.dtype == np.float64 and _same_bits(a.W_hist, b.W_hist) and _same_bits(a.b_hist, b.b_hist)


@pytest.mark.parametrize("looped", [False, True])
def test_cutting_a_run_into_short_calls_changes_no_bit(monkeypatch, looped):
    c = ToyConfig(n=6, m=2, n_seeds=100, steps=400, log_points=3)
    which = "looped" if looped else "unrolled"
    whole = train(c, kernel=which)
    monkeypatch.setattr(kernel, "PIECE_SECONDS", 1e-9)    # every call: one step of at most one chunk
    calls, real = [], kernel.compile_kernel

    def counting(*a, **k):
        kern = real(*a, **k)

        def call(S, c0, c1, m_, b1_, b2_, t0, t1, *rest):
            calls.append((c1 - c0, t1 - t0))
            return kern(S, c0, c1, m_, b1_, b2_, t0, t1, *rest)
        return call
    monkeypatch.setattr(kernel, "compile_kernel", counting)
    cut = train(c, kernel=which)
    assert _same_bits(whole.W_hist, cut.W_hist) and _same_bits(whole.b_hist, cut.b_hist)
    assert len(calls) >= c.steps and {steps for _, steps in calls} == {1} and max(ch for ch, _ in calls) <= 1


def test_sizes_the_kernel_cannot_take_are_refused_at_once():
    for bad, what in ((dict(n=1_000_000), "n = 1000000"), (dict(m=100_000), "m = 100000"),
                      (dict(n=2049, m=2), "numba kernel"), (dict(n=7, m=10_000), "numba kernel")):
        tic = time.perf_counter()
        with pytest.raises(ValueError, match=what):
            ToyConfig(**bad)
        assert time.perf_counter() - tic < 5          # a guard against hangs, not a timing
    # the torch path (sparse data) is bounded by memory alone, and large n never falls back to it
    assert ToyConfig(n=2000, m=2, n_seeds=1, data="sparse", examples=100).resolved_backend == "torch"
    assert ToyConfig(n=2048, m=2, n_seeds=1).resolved_backend == "numba"


def test_runs_that_cannot_fit_are_refused_with_the_bytes_they_need(monkeypatch):
    c = ToyConfig(n=7, m=2, n_seeds=1000, steps=1000, log_points=10)
    need = sum(c.bytes_needed(c.records_bound()).values())
    monkeypatch.setenv(BUDGET_ENV, str(need - 1))
    with pytest.raises(ValueError, match=r"would need .*B of memory .*history"):
        ToyConfig(n=7, m=2, n_seeds=1000, steps=1000, log_points=10)
    monkeypatch.setenv(BUDGET_ENV, str(need + 10 ** 6))
    ok = ToyConfig(n=7, m=2, n_seeds=1000, steps=1000, log_points=10)
    with pytest.raises(ValueError, match="would need"):           # recording every step: more history
        train(ok, record=np.arange(1001))
    monkeypatch.delenv(BUDGET_ENV)
    for bad in (dict(n_seeds=10 ** 12), dict(steps=10 ** 12), dict(steps=10 ** 9, every=1)):
        with pytest.raises(ValueError, match="would need"):
            ToyConfig(**bad)


def _env(cache: Path) -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), TOYVIZ_CACHE=str(cache), PYTHONDONTWRITEBYTECODE="1",
                NUMBA_CACHE_DIR=str(cache / "numba"))


def test_a_compile_runs_in_a_child_and_the_parent_loads_it(tmp_path):
    code = ("import numpy as np; from toyviz.toy import kernel\n"
            "st = kernel.KernelState(np.zeros((1, 2, 5), np.float32), np.zeros((1, 5), np.float32), np.ones(1, np.float32))\n"
            "k = kernel.compile_kernel(st, 'sgd', True, True)\n"
            "print(sum(k.stats.cache_hits.values()), sum(k.stats.cache_misses.values()))")
    out = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "0"]          # loaded from the cache the child filled


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_a_compile_stops_it_and_leaves_nothing_partial(tmp_path, sig):
    code = ("import numpy as np, sys; from toyviz.toy import ToyConfig, train\n"
            "print('go', flush=True)\n"
            f"train(ToyConfig(n={H}, m=3, n_seeds=8, steps=10), kernel='unrolled')\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env=_env(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "go"
    for _ in range(600):                             # wait until the compile child runs
        if _children_of_this_test(tmp_path) or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert _children_of_this_test(tmp_path), "no compile child was started"
    proc.send_signal(sig)
    try:
        proc.wait(timeout=60)                        # a guard against hangs; bench/ measures the time
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert not [p for p in (tmp_path / "toy_kernels").iterdir() if ".tmp" in p.name]
    for _ in range(100):                             # the compile child dies with its parent
        if not _children_of_this_test(tmp_path):
            break
        time.sleep(0.1)
    assert not _children_of_this_test(tmp_path)


def _children_of_this_test(cache: Path) -> list[str]:
    found = []
    for pid in subprocess.run(["pgrep", "-f", "_child_compile"], capture_output=True, text=True).stdout.split():
        try:
            if str(cache) in Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace"):
                found.append(pid)
        except OSError:
            pass
    return found


def test_a_signal_during_a_long_run_stops_it_between_calls(tmp_path):
    code = ("import time; from toyviz.toy import ToyConfig, train\n"
            "c = ToyConfig(n=5, m=2, n_seeds=64, steps=10 ** 7, log_points=0)\n"
            "train(c.with_(steps=2))\n"
            "print('go', flush=True)\n"
            "train(c)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env=_env(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "go"
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert "KeyboardInterrupt" in proc.stderr.read()


def test_schedule_in_blocks_is_the_whole_running_product():
    """The per-step constants are computed SCHEDULE_BLOCK steps at a time (so a long run's set-up
    notices Ctrl-C); across block boundaries they equal one running product over every step."""
    T = 2 * kernel.SCHEDULE_BLOCK + 3
    mult = np.random.default_rng(0).random(T)
    got = kernel.schedule_arrays(mult, 0.9, 0.999, np.float64)
    p1, p2 = np.cumprod(np.full(T, 0.9)), np.cumprod(np.full(T, 0.999))
    assert np.array_equal(got["bc1"], 1.0 - p1)
    assert np.array_equal(got["bc2s"], np.sqrt(1.0 - p2))
    assert np.array_equal(got["mult"], mult)

"""The batched trainer: batched = independent (bit for bit on the numba path), numba = torch autograd,
per-seed learning rates, frozen entries, divergence isolated, subnormal flushing."""
import numpy as np
import pytest
import torch

from toyviz.toy import ToyConfig, outcome_counts, outcomes, train
from toyviz.toy.data import init_weights
from toyviz.toy.train_torch import loss_per_seed

SMALL = ToyConfig(n=7, m=2, n_seeds=40, steps=200, log_points=8)


@pytest.mark.parametrize("optimizer", ["adamw", "adam", "sgd"])
def test_seed_i_of_batch_is_seed_i_alone_bit_for_bit(optimizer):
    c = SMALL.with_(optimizer=optimizer, lr=1e-2 if optimizer == "sgd" else 1e-3)
    batch = train(c)
    for i in (0, 5, 17, 31, 39):          # different lanes and chunks of the kernel
        alone = train(c.with_(seed=c.seed + i, n_seeds=1))
        assert np.array_equal(batch.W_hist[i], alone.W_hist[0])
        assert np.array_equal(batch.b_hist[i], alone.b_hist[0])


def test_torch_path_batched_equals_independent():
    c = SMALL.with_(n_seeds=6, steps=50, backend="torch")
    batch = train(c)
    alone = train(c.with_(seed=3, n_seeds=1))
    np.testing.assert_allclose(batch.W[3], alone.W[0], rtol=0, atol=1e-6)


def _torch_optim(config, W0, b0):
    """The plainest reference: torch.optim's AdamW / Adam / SGD on a batched autograd loss, in the
    precision of W0."""
    W = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(b0, requires_grad=True)
    cls = {"adamw": torch.optim.AdamW, "adam": torch.optim.Adam, "sgd": torch.optim.SGD}[config.optimizer]
    extra = {} if config.optimizer == "sgd" else dict(betas=(config.beta1, config.beta2), eps=config.eps)
    opt = cls([W, b], lr=config.lr, weight_decay=config.wd, **extra)
    for _ in range(config.steps):
        opt.zero_grad()
        loss_per_seed(W, b).sum().backward()
        opt.step()
    return W.detach().numpy(), b.detach().numpy()


@pytest.mark.parametrize("n", [5, 7, 10])
def test_numba_agrees_with_torch_autograd_after_100_steps(n):
    c = ToyConfig(n=n, m=2, n_seeds=64, steps=100, log_points=4)
    run = train(c)
    W, b = _torch_optim(c, *init_weights(c))
    assert np.abs(run.W - W).max() < 1e-5
    assert np.abs(run.b - b).max() < 1e-5


@pytest.mark.parametrize("optimizer", ["adamw", "adam", "sgd"])
def test_hand_written_torch_optimizers_match_torch_optim(optimizer):
    c = ToyConfig(n=6, m=2, n_seeds=8, steps=60, optimizer=optimizer, lr=1e-2, weight_decay=1e-2,
                  backend="torch", log_points=2)
    run = train(c)
    W, _ = _torch_optim(c, *init_weights(c))
    assert np.abs(run.W - W).max() < 1e-5
    # and the numba kernel runs the same optimiser
    fast = train(c.with_(backend="numba"))
    assert np.abs(fast.W - run.W).max() < 1e-5


@pytest.mark.parametrize("backend", ["numba", "torch"])
@pytest.mark.parametrize("optimizer", ["adamw", "adam", "sgd"])
def test_float64_agrees_with_torch_autograd_in_float64_and_with_float32(optimizer, backend):
    c = ToyConfig(n=7, m=2, n_seeds=40, steps=100, log_points=4, optimizer=optimizer, weight_decay=1e-2,
                  lr=1e-2 if optimizer == "sgd" else 1e-3, precision="float64", backend=backend)
    run = train(c)
    assert run.W_hist.dtype == run.b_hist.dtype == run.lr.dtype == np.float64
    W, b = _torch_optim(c, *(a.astype(np.float64) for a in init_weights(c)))
    assert np.abs(run.W - W).max() < 1e-12 and np.abs(run.b - b).max() < 1e-12
    single = train(c.with_(precision="float32"))
    assert single.W_hist.dtype == np.float32
    assert 0 < np.abs(run.W - single.W).max() < 1e-5      # float32 rounding, and only that


def test_float64_batch_is_independent_and_masks_hold():
    c = SMALL.with_(precision="float64", n_seeds=33, steps=100)
    fw = np.ones((2, 7), bool); fw[:, 6] = False
    fb = np.ones(7, bool); fb[6] = False
    W0, b0 = init_weights(c)
    batch = train(c, frozen=(fw, fb))
    assert np.array_equal(batch.W[:, :, :6], W0[:, :, :6]) and not np.array_equal(batch.W[:, :, 6], W0[:, :, 6])
    alone = train(c.with_(seed=32, n_seeds=1), frozen=(fw, fb))     # lane 0 of the second chunk
    assert np.array_equal(batch.W_hist[32], alone.W_hist[0])


def test_per_seed_learning_rates_equal_separate_runs():
    c = SMALL.with_(n_seeds=4)
    lrs = np.array([1e-3, 3e-3, 1e-2, 3e-2], np.float32)
    batch = train(c, lr=lrs)
    for i, lr in enumerate(lrs):
        alone = train(c.with_(seed=i, n_seeds=1, lr=float(lr)))
        assert np.array_equal(batch.W[i], alone.W[0])


@pytest.mark.parametrize("backend", ["numba", "torch"])
def test_frozen_entries_keep_their_values(backend):
    c = SMALL.with_(n_seeds=3, steps=50, backend=backend)
    fw = np.ones((2, 7), bool); fw[:, 6] = False       # train only W₇ and b₇
    fb = np.ones(7, bool); fb[6] = False
    W0, b0 = init_weights(c)
    run = train(c, frozen=(fw, fb))
    assert np.array_equal(run.W[:, :, :6], W0[:, :, :6]) and np.array_equal(run.b[:, :6], b0[:, :6])
    assert not np.array_equal(run.W[:, :, 6], W0[:, :, 6])


def test_a_diverging_seed_does_not_touch_the_others():
    c = SMALL.with_(n_seeds=3, optimizer="sgd", steps=100)
    lrs = np.array([1e-2, 1e6, 1e-2], np.float32)
    run = train(c, lr=lrs)
    ref = train(c, lr=np.full(3, 1e-2, np.float32))
    assert not np.isfinite(run.W[1]).all()
    assert np.array_equal(run.W[[0, 2]], ref.W[[0, 2]])
    labels = outcomes(run.W_hist, run.b_hist, run.loss)
    assert labels[1] == "diverged" and labels[0] != "diverged"


def test_subnormal_flush_changes_nothing_visible_and_leaves_no_subnormals():
    # a run that converges exactly drives Adam's moments through the subnormal range
    c = ToyConfig(n=5, m=2, n_seeds=32, steps=6000, log_points=4)
    flushed, strict = train(c), train(c.with_(flush_subnormals=False))
    np.testing.assert_allclose(flushed.W, strict.W, rtol=0, atol=1e-6)
    assert (outcomes(flushed.W_hist, flushed.b_hist, flushed.loss)
            == outcomes(strict.W_hist, strict.b_hist, strict.loss)).all()
    from toyviz.toy import kernel
    st = kernel.KernelState(*init_weights(c), np.full(32, 1e-3, np.float32))
    sched = kernel.schedule_arrays(np.ones(c.steps), c.beta1, c.beta2)
    kernel.run_segment(st, "adamw", sched, 0, c.steps, c.beta1, c.beta2, c.eps, c.wd, True)
    m1, m2 = st.moments()
    tiny = np.finfo(np.float32).tiny
    assert not np.any((m1 != 0) & (np.abs(m1) < tiny)) and not np.any((m2 != 0) & (m2 < tiny))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_flush_uses_the_smallest_normal_number_of_the_precision(dtype):
    # every entry frozen: the moments only meet the flush. 1e-300 is normal in float64 (kept) but
    # far below float32's 1.2e-38; 1e-310 is subnormal in float64 (flushed).
    from toyviz.toy import kernel
    c = ToyConfig(n=5, m=2, n_seeds=kernel.LANES, steps=kernel.FLUSH_EVERY)   # one full chunk: no padding seeds
    frozen = (np.ones((2, 5), bool), np.ones(5, bool))
    st = kernel.KernelState(*init_weights(c), np.full(c.n_seeds, 1e-3), frozen, dtype)
    values = np.array([1e-300, 1e-310, 1e-30, 1e-40] if dtype == np.float64 else [1e-30, 1e-40, 1e-3, 0])
    st.S3[:, st.P:3 * st.P, :] = np.resize(values, (st.S3.shape[0], 2 * st.P, kernel.LANES)).astype(dtype)
    before = st.S3[:, st.P:3 * st.P, :].copy()
    kernel.run_segment(st, "adamw", kernel.schedule_arrays(np.ones(c.steps), c.beta1, c.beta2, dtype),
                       0, c.steps, c.beta1, c.beta2, c.eps, c.wd, True)
    after = st.S3[:, st.P:3 * st.P, :]
    tiny = np.finfo(dtype).tiny
    assert np.array_equal(after, np.where(np.abs(before) < tiny, 0, before))
    assert (after != 0).sum() > 0 and (after == 0).sum() > (before == 0).sum()


def test_bad_configs_raise_value_error():
    for bad in (dict(n=1), dict(m=0), dict(n_seeds=0), dict(steps=0), dict(lr=float("nan")), dict(lr=-1.0),
                dict(lr=float("inf")), dict(optimizer="rmsprop"), dict(init="he"),
                dict(precision="float16")):
        with pytest.raises(ValueError):
            ToyConfig(**bad)
    with pytest.raises(ValueError):
        train(SMALL, lr=np.zeros(SMALL.n_seeds))


@pytest.mark.slow
def test_numba_and_torch_give_the_same_outcome_counts():
    c = ToyConfig(n=7, m=2, n_seeds=1000, steps=3000, log_points=24)
    fast, ref = train(c), train(c.with_(backend="torch"))
    a = outcomes(fast.W_hist, fast.b_hist, fast.loss)
    b = outcomes(ref.W_hist, ref.b_hist, ref.loss)
    assert outcome_counts(a) == outcome_counts(b)
    assert (a == b).mean() > 0.99

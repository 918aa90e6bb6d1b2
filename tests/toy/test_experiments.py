"""The post's experiments: Symmetric Failure statistics on a constructed history, neuron resampling
on hand-set weights, and the resampling protocol's two arms."""
import numpy as np

from toyviz.toy import Run, ToyConfig, dead_features
from toyviz.toy.experiments import resample_dead, resampling_experiment, resampling_runs, symmetric_failure_stats

N = 7


def polygon(r, count):
    a = 2 * np.pi * np.arange(count) / count
    return r * np.stack([np.cos(a), np.sin(a)])


def sf_state(bias, r=1.5):
    W = np.zeros((2, N))
    W[:, :-1] = polygon(r, N - 1)
    return W, np.r_[np.full(N - 1, 1 - r * r), bias]


def test_symmetric_failure_stats_read_the_whole_plateau():
    # seed 0: on the plateau at checkpoints 1 and 2 (biases 0.140, 0.143), seed 1: never
    start = (polygon(0.5, N), np.zeros(N))
    states = [[start, sf_state(0.140), sf_state(0.143)], [start, start, (polygon(1.5, N), np.full(N, -1.25))]]
    W = np.array([[s[0] for s in seed] for seed in states], np.float32)
    b = np.array([[s[1] for s in seed] for seed in states], np.float32)
    loss = np.array([[0.3, 0.0190, 0.0176], [0.3, 0.3, 0.0]])
    run = Run(config=ToyConfig(n=N, seeds=2, steps=200), seeds=np.arange(2), lr=np.full(2, 1e-3, np.float32),
              steps=np.array([0, 100, 200]), W_hist=W, b_hist=b, loss_hist=loss)
    st = symmetric_failure_stats(run)
    assert st["seeds_in_shape"] == 1 and st["checkpoints_in_shape"] == 2
    assert abs(st["dead_bias_mean"] - (0.140 + 0.143) / 2) < 1e-6
    assert abs(st["dead_bias_max_error"] - abs(0.140 - 1 / N)) < 1e-6
    assert abs(st["one_dead_loss_median"] - (0.0190 + 0.0176) / 2) < 1e-9
    assert st["one_dead_loss_first_mean"] == 0.0190 and st["first_shape_step_median"] == 100
    assert st["dead_at_end"] == 1 and st["shape_at_end"] == 1


def test_resampling_puts_each_dead_feature_in_its_own_gap():
    ang = np.array([0.0, 0.5, 1.0, 1.5, 2.0])                 # widest gap: 2.0 → 2π, next: none equal
    ang[4] = 3.0                                                # gaps 0.5, 0.5, 0.5, 1.5, 2π − 3
    W = np.zeros((2, 2, N))
    W[0, :, :5] = 1.2 * np.stack([np.cos(ang), np.sin(ang)])
    W[1] = polygon(1.0, N)                                      # a seed with nothing dead
    b = np.full((2, N), 0.3)
    Wr, br, dead = resample_dead(W, b, scale=0.2)
    assert dead[0].tolist() == [False] * 5 + [True, True] and not dead[1].any()
    np.testing.assert_array_equal(Wr[1], W[1])
    np.testing.assert_array_equal(Wr[0, :, :5], W[0, :, :5])
    got = np.sort(np.mod(np.arctan2(Wr[0, 1, 5:], Wr[0, 0, 5:]), 2 * np.pi))
    widest, next_ = (3.0 + 2 * np.pi) / 2, (1.5 + 3.0) / 2      # the two bisectors
    np.testing.assert_allclose(got, sorted([widest, next_]), atol=1e-9)
    np.testing.assert_allclose(np.linalg.norm(Wr[0, :, 5:], axis=0), 0.2 * 1.2)
    assert (br[0, 5:] == 0).all() and (br[0, :5] == 0.3).all()


def test_resampling_arms_differ_only_where_something_was_dead():
    config = ToyConfig(n=N, seeds=96, steps=1200, log_points=4)
    r = resampling_runs(config, at=400)
    had = r.dead.any(axis=1)
    assert had.any() and not had.all()
    # seeds are independent and resampling touches dead seeds only: the other seeds' arms agree bit for bit
    np.testing.assert_array_equal(r.control.W_hist[~had], r.resampled.W_hist[~had])
    assert not np.array_equal(r.control.W_hist[had, 0], r.resampled.W_hist[had, 0])
    res = resampling_experiment(config, at=400)
    dc = dead_features(r.control.W).any(axis=1)
    assert res["dead_at_resample"] == int(had.sum()) and res["still_dead_without"] == int((dc & had).sum())


def test_specimen_is_the_most_typical_one_dead_seed_numbered_clockwise_from_the_top():
    from toyviz.toy.specimen import symmetric_failure
    start = (polygon(0.5, N), np.zeros(N))
    W_sf, b_sf = sf_state(1 / N)
    moved = [0, 1, 6, 2, 3, 4, 5]                            # the dead feature now at index 2
    states = [(W_sf, b_sf), (W_sf[:, moved], b_sf[moved]), (W_sf, b_sf), (polygon(1.5, N), np.full(N, -1.25))]
    W = np.array([[start[0], s[0]] for s in states], np.float32)
    b = np.array([[start[1], s[1]] for s in states], np.float32)
    loss = np.array([[0.3, 0.0170], [0.3, 0.0175], [0.3, 0.0190], [0.3, 0.0]])
    run = Run(config=ToyConfig(n=N, seeds=4, steps=100), seeds=np.arange(4) + 10, lr=np.full(4, 1e-3, np.float32),
              steps=np.array([0, 100]), W_hist=W, b_hist=b, loss_hist=loss)
    s = symmetric_failure(run, near_step=90)
    assert (s.index, s.seed, s.step, s.in_shape) == (1, 11, 100, 3)     # median loss of the three in shape
    assert s.order[-1] == 2 and np.linalg.norm(s.W[:, -1]) == 0 and abs(s.b[-1] - 1 / N) < 1e-6
    clock = np.mod(np.pi / 2 - np.arctan2(s.W[1, :-1], s.W[0, :-1]), 2 * np.pi)
    assert (np.diff(clock) > 0).all()                                   # clockwise from 12 o'clock

"""The post's experiments: Symmetric Failure statistics on a constructed history, neuron resampling
on hand-set weights, and the resampling protocol's two arms."""
import numpy as np
import pytest

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
    run = Run(config=ToyConfig(n=N, n_seeds=2, steps=200), seeds=np.arange(2), lr=np.full(2, 1e-3, np.float32),
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
    config = ToyConfig(n=N, n_seeds=96, steps=1200, log_points=4)
    r = resampling_runs(config, at=400)
    had = r.dead.any(axis=1)
    assert had.any() and not had.all()
    # seeds are independent and resampling touches dead seeds only: the other seeds' arms agree bit for bit
    np.testing.assert_array_equal(r.control.W_hist[~had], r.resampled.W_hist[~had])
    assert not np.array_equal(r.control.W_hist[had, 0], r.resampled.W_hist[had, 0])
    res = resampling_experiment(config, at=400)
    dc = dead_features(r.control.W).any(axis=1)
    assert res["dead_at_resample"] == int(had.sum()) and res["still_dead_without"] == int((dc & had).sum())


def test_specimen_is_the_most_typical_one_dead_seed_numbered_counter_clockwise_from_the_top():
    from toyviz.toy.specimen import symmetric_failure
    start = (polygon(0.5, N), np.zeros(N))
    W_sf, b_sf = sf_state(1 / N)
    moved = [0, 1, 6, 2, 3, 4, 5]                            # the dead feature now at index 2
    states = [(W_sf, b_sf), (W_sf[:, moved], b_sf[moved]), (W_sf, b_sf), (polygon(1.5, N), np.full(N, -1.25))]
    W = np.array([[start[0], s[0]] for s in states], np.float32)
    b = np.array([[start[1], s[1]] for s in states], np.float32)
    loss = np.array([[0.3, 0.0170], [0.3, 0.0175], [0.3, 0.0190], [0.3, 0.0]])
    run = Run(config=ToyConfig(n=N, n_seeds=4, steps=100), seeds=np.arange(4) + 10, lr=np.full(4, 1e-3, np.float32),
              steps=np.array([0, 100]), W_hist=W, b_hist=b, loss_hist=loss)
    s = symmetric_failure(run, near_step=90)
    assert (s.index, s.seed, s.step, s.in_shape) == (1, 11, 100, 3)     # median loss of the three in shape
    assert s.order[-1] == 2 and np.linalg.norm(s.W[:, -1]) == 0 and abs(s.b[-1] - 1 / N) < 1e-6
    turn = np.mod(np.arctan2(s.W[1, :-1], s.W[0, :-1]) - np.pi / 2, 2 * np.pi)
    assert (np.diff(turn) > 0).all()                                    # counter-clockwise from 12 o'clock


def test_wilson_interval_matches_known_values():
    from toyviz.toy.experiments import wilson
    lo, hi = wilson(0, 10)
    assert lo == 0 and abs(hi - 1.96 ** 2 / (10 + 1.96 ** 2)) < 1e-12      # k = 0: z²/(N + z²)
    lo, hi = wilson(5, 10)
    assert abs(lo - 0.2366) < 1e-4 and abs(hi - 0.7634) < 1e-4
    assert wilson(0, 0) == (0.0, 1.0)


def remnant_state():
    """A lasting n = 7 state measured in a 100,000-step AdamW run (rounded): four long features
    crowded in an arc, two short ones, the dead one short but not zero with b ≈ 2/n."""
    r = np.array([4.5175, 4.5175, 4.5178, 1.0124, 4.5178, 0.0671, 1.0124])
    ang = np.radians([30.3515, 48.3125, 12.3819, 155.8552, 66.282, -140.6678, -77.1912])
    b = np.array([-19.4116, -19.4116, -19.4118, -0.0298, -19.4117, 0.295, -0.0298])
    return r * np.stack([np.cos(ang), np.sin(ang)]), b


def test_lasting_stats_and_anatomy_on_a_constructed_grid_cell():
    """Four seeds recorded at 0, 25k, 50k, 100k: stuck in the post's shape; in it at 25k then
    recovered; perfect; stuck in the two-circle remnant."""
    from toyviz.toy.experiments import anatomy, lasting_stats, seed_states
    start = (polygon(0.5, N), np.zeros(N))
    sf, good, rem = sf_state(1 / N), (polygon(2.0, N), np.full(N, -3.0)), remnant_state()   # good: zero loss
    seeds = [[start, sf, sf, sf], [start, sf, good, good], [start, good, good, good], [start, rem, rem, rem]]
    W = np.array([[s[0] for s in seed] for seed in seeds], np.float32)
    b = np.array([[s[1] for s in seed] for seed in seeds], np.float32)
    from toyviz.toy import batch_loss
    run = Run(config=ToyConfig(n=N, n_seeds=4, steps=100_000), seeds=np.arange(4), lr=np.full(4, 1e-3, np.float32),
              steps=np.array([0, 25_000, 50_000, 100_000]), W_hist=W, b_hist=b, loss_hist=batch_loss(W, b))
    st = seed_states(run)
    assert st["labels"].tolist() == [["symmetric_failure"] * 3, ["still_on_plateau", "asymmetric_recovery",
                                     "asymmetric_recovery"], ["perfect"] * 3, ["irregular_failure"] * 3]
    s = lasting_stats(st)
    assert (s["dead_first"]["count"], s["dead_first"]["of"]) == (3, 4)
    assert (s["permanent"]["count"], s["permanent"]["of"]) == (2, 3)
    assert (s["recovered"]["count"], s["recovered"]["of"]) == (1, 3)
    assert (s["shape_first"]["count"], s["shape_stays"]["count"], s["shape_stays"]["of"]) == (2, 1, 2)
    assert (s["shape_recovered"]["count"], s["shape_recovered"]["of"]) == (1, 2)
    assert s["counts"][0]["still_on_plateau"] == 1 and s["counts"][2]["asymmetric_recovery"] == 1
    rows = {(a["dead"], a["short"]): a for a in anatomy(st)}
    assert set(rows) == {(1, 0), (1, 2)}
    assert rows[(1, 0)]["dead_bias_n"] == pytest.approx(1.0, rel=1e-6) and rows[(1, 0)]["active"] == N
    assert rows[(1, 0)]["loss_ratio"] == pytest.approx(1.0, rel=1e-3)
    # the remnant: its dead output is on for itself and the two short features' examples only
    assert rows[(1, 2)]["active"] == 3 and rows[(1, 2)]["dead_bias_n"] == pytest.approx(0.295 * N, rel=1e-5)
    assert rows[(1, 2)]["live_ratio"] == pytest.approx(1.0124 / 4.5178, rel=1e-4)
    assert rows[(1, 2)]["loss_ratio"] < 0.9


def test_phase_diagram_rows_follow_the_batched_runs():
    """A tiny grid: one row per (n, setting, lr), the learning rate SGD really ran at, and every
    seed counted once at every checkpoint."""
    from toyviz.toy.experiments import phase_diagram
    rows = phase_diagram(ns=(5,), lrs=(1e-3, 1e-2), settings=(("adamw", 1e-1), ("sgd", 0.0)), n_seeds=16,
                         steps=600, checkpoints=(200, 400, 600))
    assert [(r["optimizer"], r["weight_decay"]) for r in rows] == [("adamw", 0.1)] * 2 + [("sgd", 0.0)] * 2
    assert [round(r["lr"], 6) for r in rows] == [1e-3, 1e-2, 1e-2, 1e-1]
    assert all(sum(c.values()) == 16 for r in rows for c in r["counts"])
    assert all(r["counts"][-1]["still_on_plateau"] == 0 for r in rows)

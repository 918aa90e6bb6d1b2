"""The outcome classifier on constructed histories, geometry on hand-set weights, and b → 1/n."""
import numpy as np
import pytest

from toyviz.toy import (FAILURES, LABELS, ToyConfig, circles, find_seeds, outcome_counts, outcomes, outcomes_at,
                        symmetric_failure_shape, train)
from toyviz.toy import geometry

N = 7


def polygon(r, count, phase=0.0):
    a = phase + 2 * np.pi * np.arange(count) / count
    return r * np.stack([np.cos(a), np.sin(a)])


def perfect_state():
    return polygon(1.5, N), np.full(N, 1 - 1.5 ** 2)


def sf_state(bias=1 / N, r=1.5):
    W = np.zeros((2, N))
    W[:, :-1] = polygon(r, N - 1)
    return W, np.r_[np.full(N - 1, 1 - r * r), bias]


def history(*states):
    W = np.stack([s[0] for s in states])[None].astype(np.float32)
    b = np.stack([s[1] for s in states])[None].astype(np.float32)
    return W, b


def label(*states, loss=0.0):
    W, b = history(*states)
    return outcomes(W, b, np.array([loss]))[0]


def pentagon_state(bias=1 / N, r=1.5):
    """Two dead features, the other five on a regular pentagon."""
    W = np.zeros((2, N))
    W[:, :-2] = polygon(r, N - 2)
    return W, np.r_[np.full(N - 2, 1 - r * r), bias, bias]


def two_circles_state():
    """The lasting n = 7 remnant: one dead feature with its bias well above 1/n, two circles."""
    W, b = sf_state(bias=0.28)
    W[:, 0] *= 0.3
    return W, b


INIT = (polygon(0.5, N), np.zeros(N))


def test_every_label_on_a_constructed_history():
    slow = polygon(0.5, N); slow[:, 3] = 0.01
    assert label(INIT, perfect_state(), perfect_state()) == "perfect"
    assert label(INIT, (slow, np.zeros(N)), perfect_state()) == "slow_start"
    assert label(INIT, sf_state(), perfect_state()) == "asymmetric_recovery"
    assert label(INIT, sf_state(), sf_state(), loss=(N - 1) / N ** 3) == "symmetric_failure"
    assert label(INIT, pentagon_state(), pentagon_state(), loss=0.03) == "polygon_failure"
    assert label(INIT, sf_state(), two_circles_state(), loss=0.0147) == "irregular_failure"
    assert label(INIT, perfect_state(), loss=0.3) == "not_converged"
    bad = perfect_state()[0].copy(); bad[0, 0] = np.nan
    assert label(INIT, (bad, perfect_state()[1])) == "diverged"
    # a pentagon that later learns everything never passed through the post's one-dead shape
    assert label(INIT, pentagon_state(), perfect_state()) == "slow_start"


def test_labels_at_checkpoints_see_the_rest_of_the_run():
    """A dead feature that is learnt later is "still on a plateau" at that checkpoint, never a
    failure; dead to the end, the checkpoint's own shape names the failure."""
    W, b = history(INIT, sf_state(), sf_state(), perfect_state())
    loss = np.array([[0.1, 0.0175, 0.0175, 0.0]])
    assert outcomes_at(W, b, loss)[0].tolist() == [
        "not_converged", "still_on_plateau", "still_on_plateau", "asymmetric_recovery"]
    W, b = history(INIT, sf_state(), two_circles_state(), two_circles_state())
    loss = np.array([[0.1, 0.0175, 0.0147, 0.0147]])
    assert outcomes_at(W, b, loss)[0].tolist() == [
        "not_converged", "symmetric_failure", "irregular_failure", "irregular_failure"]
    # a feature that dies again after being learnt: learnt in between is what counts
    W, b = history(INIT, sf_state(), perfect_state(), sf_state())
    loss = np.array([[0.1, 0.0175, 0.0, 0.0175]])
    assert outcomes_at(W, b, loss)[0].tolist() == [
        "not_converged", "still_on_plateau", "asymmetric_recovery", "symmetric_failure"]
    # the last column is `outcomes`, and a non-finite weight stays "diverged" from then on
    bad = perfect_state()[0].copy(); bad[0, 0] = np.inf
    W, b = history(INIT, perfect_state(), (bad, perfect_state()[1]), perfect_state())
    loss = np.array([[0.1, 0.0, np.inf, 0.0]])
    at = outcomes_at(W, b, loss)[0]
    assert at.tolist() == ["not_converged", "perfect", "diverged", "diverged"]
    assert outcomes(W, b, loss[:, -1])[0] == at[-1]


def test_counts_list_every_label_once():
    labels = np.array(["perfect", "still_on_plateau", "perfect", "polygon_failure"])
    counts = outcome_counts(labels)
    assert list(counts) == list(LABELS) and sum(counts.values()) == 4
    assert counts["perfect"] == 2 and counts["still_on_plateau"] == 1 and counts["symmetric_failure"] == 0
    assert set(FAILURES) < set(LABELS)


def test_shape_tolerances_are_the_documented_ones():
    assert symmetric_failure_shape(*sf_state())
    assert symmetric_failure_shape(*sf_state(bias=1 / N * 1.09))
    assert not symmetric_failure_shape(*sf_state(bias=1 / N * 1.11))
    W, b = sf_state()
    W[:, 0] *= 1.06                    # lengths 6 % apart
    assert not symmetric_failure_shape(W, b)
    W, b = sf_state()
    W[:, 1] = polygon(1.5, 1, phase=2 * np.pi / 6 + 0.07)[:, 0]   # one gap off by 0.07 rad
    assert not symmetric_failure_shape(W, b)


def test_circles_tells_one_from_two():
    assert len(circles(polygon(1.5, 6))) == 1
    W = polygon(1.5, 6); W[:, :2] *= 0.5
    assert [len(c) for c in circles(W)] == [2, 4]


def test_zones_are_clipped_exactly_to_the_polygon():
    W, b = perfect_state()
    for i, z in enumerate(geometry.zones(W, b)):
        assert len(z) >= 3
        # every vertex inside the half-plane (on its edge within rounding) and inside the polygon's hull
        assert np.all(z @ W[:, i] + b[i] >= -1e-12)
        assert np.all(np.linalg.norm(z, axis=1) <= 1.5 + 1e-12)
        assert np.any(np.all(np.isclose(z, W[:, i]), axis=1))       # the feature's own vertex is in its zone
    # at Symmetric Failure the dead feature's zone is the whole polygon (b > 0, W = 0)
    W, b = sf_state()
    z = geometry.zone(W, b, N - 1)
    assert len(z) == len(geometry.latent_polygon(W))
    # a half-plane through the middle halves a regular polygon's area
    sq = np.array([[1.0, 0], [0, 1], [-1, 0], [0, -1]])
    half = geometry.clip_halfplane(sq, np.array([1.0, 0]), 0.0)
    area = 0.5 * abs(np.dot(half[:, 0], np.roll(half[:, 1], 1)) - np.dot(half[:, 1], np.roll(half[:, 0], 1)))
    assert area == pytest.approx(1.0)


def test_gram_and_tilt():
    W, b = sf_state()
    G = geometry.gram(W)
    assert np.allclose(G[N - 1], 0) and np.allclose(G[:, N - 1], 0)   # dead row and column
    offset, tilt = geometry.plane_offset_tilt(W, b, N - 1)
    assert offset == pytest.approx(1 / N) and np.allclose(tilt, 0)


@pytest.mark.slow
def test_bias_of_a_dead_feature_goes_to_one_over_n_on_the_plateau():
    """b → 1/n at Symmetric Failure, measured on real runs: seeds in the shape at a mid-training
    checkpoint have their dead bias at the mean of its targets."""
    run = train(ToyConfig(n=7, m=2, n_seeds=400, steps=4000, log_points=30))
    t = np.searchsorted(run.steps, 3000)
    W, b = run.W_hist[:, t], run.b_hist[:, t]
    sf = symmetric_failure_shape(W, b)
    assert sf.sum() > 20
    dead = np.linalg.norm(W[sf], axis=1) < 0.1
    assert np.abs(b[sf][dead] - 1 / 7).max() < 2e-3
    found = find_seeds(run, "asymmetric_recovery", count=3)
    assert len(found) <= 3

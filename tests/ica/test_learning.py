"""The update against its formula, written out point by point; schedules; batched seeds equal
seeds trained alone; recorded trajectories have the documented shapes."""
import dataclasses

import numpy as np
import pytest

from toyviz.ica import (ICAConfig, DataConfig, delta_A, equalise_norms, experiment, learning_rates,
                        map_exact, train, update_terms)


def setup(seed=0, k=4, n=30):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((2, k))
    S = np.maximum(rng.standard_normal((n, k)), 0) * rng.integers(0, 2, (n, k))
    S[:, 0] = -S[:, 0]  # signed entries too (the Laplace prior)
    return A, S


@pytest.mark.parametrize("normalise", [False, True])
def test_update_matches_its_formula_point_by_point(normalise):
    A, S = setup()
    lam = 0.5
    total = np.zeros_like(A)
    for s in S:                                   # ΔA = −A(z ŝᵀ + I), z = −sign(ŝ)/λ, averaged
        z = -np.sign(s) / lam
        total += -A @ (np.outer(z, s) + np.eye(len(s)))
    expected = total / len(S)
    if normalise:
        expected = np.linalg.inv(A @ A.T) @ expected
    np.testing.assert_allclose(delta_A(A, S, lam, normalise), expected, rtol=1e-12, atol=1e-12)


def test_per_point_terms_average_to_the_update():
    A, S = setup(1)
    partial, full = update_terms(A, S, 0.7)
    assert partial.shape == full.shape == (len(S), 2, A.shape[1])
    for n, s in enumerate(S):
        z = -np.sign(s) / 0.7
        np.testing.assert_allclose(partial[n], -A @ np.outer(z, s), atol=1e-12)
        np.testing.assert_allclose(full[n], -A @ (np.outer(z, s) + np.eye(len(s))), atol=1e-12)
    np.testing.assert_allclose(full.mean(0), delta_A(A, S, 0.7), atol=1e-12)


def test_learning_rate_schedules():
    c = ICAConfig(lr=0.3, steps=100, schedule="warmup_cosine")
    lr = learning_rates(c)
    assert lr.shape == (100,)
    assert np.argmax(lr) == 9 and np.isclose(lr.max(), 0.3)          # 10 % warm-up
    assert np.all(np.diff(lr[:10]) > 0) and np.all(np.diff(lr[10:]) <= 0)
    assert lr[-1] < 1e-3 * 0.3                                        # cosine to 0
    np.testing.assert_array_equal(learning_rates(ICAConfig(lr=0.3, steps=7)), 0.3)


def test_equal_norms_keeps_directions_and_mean_norm():
    A = np.array([[1.0, 0.0, -3.0], [0.0, 2.0, 0.0]])
    B = equalise_norms(A)
    np.testing.assert_allclose(np.linalg.norm(B, axis=0), 2.0)
    np.testing.assert_allclose(B / np.linalg.norm(B, axis=0), A / np.linalg.norm(A, axis=0))


SMALL = dataclasses.replace(experiment("E6.1"), steps=40, data=DataConfig(n_points=200))


@pytest.mark.parametrize("config", [
    SMALL,
    dataclasses.replace(SMALL, prior="laplace", data=DataConfig(n_points=200, source="laplace"),
                        init="random", normalise=False, equal_norms=False, lr=0.02),
    dataclasses.replace(SMALL, columns=6, record_terms=True, data=DataConfig(n_points=20)),
])
def test_batched_seeds_equal_seeds_trained_alone(config):
    batch = train(dataclasses.replace(config, seeds=(3, 4, 5))).to_arrays()
    for i, seed in enumerate((3, 4, 5)):
        alone = train(dataclasses.replace(config, seeds=(seed,))).to_arrays()
        for key, value in alone.items():
            if key in ("A_true", "lr", "record_steps", "config", "seconds"):
                continue
            np.testing.assert_allclose(batch[key][i], value[0], rtol=1e-9, atol=1e-12, err_msg=key)


def test_record_shapes_and_consistency():
    c = dataclasses.replace(SMALL, seeds=(0, 1), record_every=10, record_terms=True, path_steps=5,
                            data=DataConfig(n_points=50))
    r = train(c)
    assert r.A.shape == (2, 41, 2, 3) and r.X.shape == (2, 50, 2)
    assert r.s_hat.shape == (2, 5, 50, 3) and list(r.record_steps) == [0, 10, 20, 30, 40]
    assert r.terms_full.shape == (2, 5, 50, 2, 3) and r.s_path.shape == (2, 6, 50, 3)
    # ŝ recorded at step 20 is the MAP of the data under A at step 20
    np.testing.assert_allclose(r.s_hat[1, 2], map_exact(r.X[1], r.A[1, 20], c.sigma,
                                                           c.prior_scale).s, atol=1e-12)
    assert r.kkt_max.max() < 1e-8
    i = np.arange(2)
    assert np.all(r.oracle.error_deg[:, 0] == r.error_mean_deg.min(1))
    assert np.all(r.error_mean_deg[i, r.oracle.step] == r.error_mean_deg.min(1))
    assert np.all(r.final.step == 40) and r.criterion.shape == (2, 5)


def test_same_seed_same_bits():
    a, b = train(SMALL).to_arrays(), train(SMALL).to_arrays()
    assert a.keys() == b.keys()
    for key in a.keys() - {"seconds"}:
        np.testing.assert_array_equal(a[key], b[key])

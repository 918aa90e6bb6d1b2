"""The SAE and dictionary-learning baselines, and the k-hot reconstruction limit."""
import dataclasses

import numpy as np
import pytest

from toyviz.ica import (DataConfig, DictConfig, SAEConfig, encode, fit_dictionary,
                        khot_curve, khot_sources, map_reader, sae_reader, toy_reader,
                        train_sae, unit_columns)

SAE_SMALL = SAEConfig(data=DataConfig(n_points=200), steps=60)


def test_sae_seeds_batched_equal_alone_and_decoder_unit_norm():
    batch = train_sae(dataclasses.replace(SAE_SMALL, seeds=(0, 1)))
    alone = train_sae(dataclasses.replace(SAE_SMALL, seeds=(1,)))
    for key in ("W_enc", "b_enc", "W_dec", "b_dec", "loss", "angle_mean_deg"):
        np.testing.assert_allclose(batch[key][1], alone[key][0], rtol=1e-9, atol=1e-12, err_msg=key)
    np.testing.assert_allclose(np.linalg.norm(batch["W_dec"], axis=1), 1.0)
    assert batch["W_dec_path"].shape[:2] == (2, 61)


def test_sae_loss_decreases_and_encode_is_relu_affine():
    r = train_sae(SAE_SMALL)
    assert r["loss"][0, -1] < r["loss"][0, 0]
    W, b = np.array([[1.0, 0.0], [0.0, -1.0]]), np.array([0.0, 0.5])
    np.testing.assert_allclose(encode(np.array([[2.0, 3.0]]), W, b), [[2.0, 0.0]])


def test_dictionary_learning_nonnegative_codes_and_unit_atoms():
    c = DictConfig(data=DataConfig(n_points=200), max_iter=20, seeds=(0, 1))
    r = fit_dictionary(c)
    assert r["A"].shape == (2, 2, 3) and (r["s_hat"] >= 0).all()
    np.testing.assert_allclose(np.linalg.norm(r["A"], axis=1), 1.0, atol=1e-6)
    assert r["angle_mean_deg"].shape == (2,)


def test_khot_sources_have_exactly_k_active():
    S = khot_sources(6, 3, 500, seed=1)
    assert (np.count_nonzero(S, 1) == 3).all() and S.max() <= 1 and S.min() >= 0
    np.testing.assert_array_equal(S, khot_sources(6, 3, 500, seed=1))


def test_toy_reader_by_hand():
    # two orthogonal features in a 2-D latent reconstruct exactly, however many are on
    curve = khot_curve(toy_reader(np.eye(2), np.zeros(2)), 2, actives=(1, 2))
    np.testing.assert_allclose(curve["mse"], 0.0, atol=1e-24)
    with pytest.raises(ValueError):
        toy_reader(np.eye(2), np.zeros(3))


def test_map_inference_fails_at_three_active_features():
    """Three features through 2 dimensions: MAP keeps at most two, so 3-hot cannot be undone."""
    A = unit_columns([90.0, 210.0, 330.0])
    curve = khot_curve(map_reader(A, sigma=0.1, lam=0.5), 3)
    rel = curve["relative"]
    assert rel[0] < 0.01          # one feature: only the σ²/λ shrinkage is lost
    assert rel[2] > 0.1 and rel[0] < rel[1] < rel[2]


def test_sae_reader_matches_columns():
    A = unit_columns([90.0, 210.0, 330.0])
    # an SAE whose columns are A's in another order: code j reads and writes column p[j]
    p = [2, 0, 1]
    reader = sae_reader(A, A[:, p].T, np.zeros(3), A[:, p])
    S = khot_sources(3, 1, 50)
    assert reader(S).shape == (50, 3)
    assert np.allclose(np.argmax(reader(S), 1), np.argmax(S, 1))


def test_sae_recovers_a_planted_dictionary():
    """Data from a known dictionary: three unit directions 120° apart, each point a positive multiple
    of one of them. The SAE with encoder Aᵀ and no biases reconstructs it exactly, so A_true is a
    solution; every seed that reaches the lowest loss has found it (within 1°, sign-aware), and every
    seed that did not is stuck at a higher loss than A_true's own (a local minimum, not a better
    dictionary)."""
    from toyviz.ica import fit_sae
    from toyviz.ica.metrics import angle_errors
    A_true = unit_columns([90.0, 210.0, 330.0])
    rng = np.random.default_rng(0)
    S = np.zeros((600, 3))
    S[np.arange(600), rng.integers(0, 3, 600)] = rng.exponential(2.0, 600)     # one source per point
    X = np.repeat((S @ A_true.T)[None], 6, axis=0)                                # same data, 6 inits
    config = SAEConfig(steps=1000, l1=0.1, seeds=tuple(range(6)))
    r = fit_sae(X, A_true, config)
    loss = r["loss"][:, -1]
    err = angle_errors(r["W_dec"], A_true, sign_matters=True).max(-1)               # worst column, per seed
    S_planted = encode(X[0], A_true.T, np.zeros(3))
    planted = ((X[0] - S_planted @ A_true.T) ** 2).sum(-1).mean() + config.l1 * S_planted.sum(-1).mean()
    best = loss <= 1.01 * loss.min()
    assert best.sum() >= 2 and np.all(err[best] < 1.0), (loss, err)
    assert np.all(loss[err >= 1.0] > planted), (loss, err, planted)
    assert loss.min() <= planted                     # A_true (with the l1 shrinkage learnt) is optimal

"""What the site shows (`toyviz.toy.showcase`): the same specimen at every quality where the seed budget
allows it, each specimen showing what its figures say, and the runs scenes replay equal to the runs
the stills read.

At final quality the Symmetric Failure is searched in the first 64 seeds of a 1,000-seed batch; seed
i of a batch is bit for bit the run of seed i alone (tests/toy/test_train.py), so the final specimen is
the preview's by construction: here smoke (64 seeds) and preview (250) are compared, not final (1,000
seeds, too long for a test). The recovery and the settled asymmetry do not depend on quality at all.
"""
import numpy as np
import pytest

from toyviz import quality as qualities
from toyviz.toy import batch_loss, dead_features, feature_norms, showcase, train_cached
from toyviz.toy.experiments import frozen_w7_optimum
from toyviz.toy.history import checkpoint_steps
from toyviz.toy.recovery import STAGES
from toyviz.toy.specimen import relabel


@pytest.mark.slow
def test_symmetric_failure_is_the_same_model_at_smoke_and_preview():
    smoke, preview = (showcase.symmetric_failure(qualities.get(q)) for q in ("smoke", "preview"))
    assert (smoke.batch, preview.batch) == (64, 250)
    assert (smoke.seed, smoke.step) == (preview.seed, preview.step) and np.array_equal(smoke.order, preview.order)
    assert np.array_equal(smoke.W_hist, preview.W_hist) and np.array_equal(smoke.b_hist, preview.b_hist)
    assert preview.in_shape >= smoke.in_shape >= 1
    W, b = preview.W, preview.b
    assert dead_features(W).tolist() == [False] * 6 + [True] and abs(b[6] - 1 / 7) < 0.1 / 7   # W₇ dead, b₇ ≈ 1/7


def test_recovery_is_its_batch_seed_recorded_densely_and_numbered_like_the_post():
    sp = showcase.recovery()
    t = [sp.stages[name] for name in STAGES]
    assert t == sorted(t) and len(set(t)) == 4 and sp.shown == "symmetric_failure"
    assert dead_features(sp.W)[-1] and not dead_features(sp.W_hist[-1]).any() and sp.loss_hist[-1] <= 1e-4
    # the dense run is the batch's seed, bit for bit, at every checkpoint they share
    batch = train_cached(showcase.RECOVERY_BATCH)
    W, b = relabel(sp.order, batch.W_hist[sp.index], batch.b_hist[sp.index])
    shared = np.intersect1d(batch.steps, sp.steps)
    assert shared.size > 200
    i, j = np.searchsorted(batch.steps, shared), np.searchsorted(sp.steps, shared)
    assert np.array_equal(W[i], sp.W_hist[j]) and np.array_equal(b[i], sp.b_hist[j])
    # W₁ and W₆ are the learnt features on either side of W₇'s final direction
    a = np.arctan2(sp.W_hist[-1, 1], sp.W_hist[-1, 0])
    turn = np.mod(a[:6] - a[6], 2 * np.pi)
    assert turn.argmin() == 0 and turn.argmax() == 5


def test_settled_asymmetry_is_the_posts_slightly_asymmetric_failure():
    W, b = showcase.settled_asymmetry()
    assert np.all(W[:, 6] == 0) and b[6] == np.float32(1 / 7)                # W₇, b₇ frozen
    y = np.maximum(W.T @ W + b[:, None], 0)[:6, :6]
    assert ((y - np.eye(6)) ** 2).mean() < 1e-6                                # the six settle to ≈ 0 loss
    assert min(b[0], b[5]) > max(b[1:5])                                       # b₁, b₆ higher (the post: −0.988 vs −1.02…)
    assert max(feature_norms(W)[[0, 5]]) < min(feature_norms(W)[1:5])          # W₁, W₆ shorter
    opt = frozen_w7_optimum(W, b)
    assert opt["cosine"] > 0.999                                               # W₇* along W₆ + W₁
    # construct_asymmetry_1 records the first steps of the same run: the same end, bit for bit
    run = showcase.settling_run(record=np.union1d(np.arange(21), checkpoint_steps(showcase.SETTLE.steps)))
    assert np.array_equal(run.W[0], W) and np.array_equal(run.b[0], b)


def test_asymmetric_updates_replay_the_settled_start_to_recovery():
    d = showcase.asymmetric_updates()
    W0, b0 = showcase.settled_asymmetry()
    assert np.array_equal(d["W"][0], W0) and np.array_equal(d["b"][0], b0) and d["steps"][0] == 0
    assert np.allclose(np.linalg.norm(d["U"], axis=1).max(axis=1), 1.0)       # largest column = 1, each record
    assert np.allclose(batch_loss(d["W"][-1], d["b"][-1]), d["loss"][-1])
    assert d["loss"][-1] < 1e-6 and np.linalg.norm(d["W"][-1, :, 6]) > 0.5 and d["b"][-1, 6] < 0   # recovered


"""Hand-derived gradients and forces against torch autograd in float64 (micrograd's habit)."""
import numpy as np
import pytest
import torch

from toyviz.toy import forces
from toyviz.toy.train_torch import loss_per_seed


def _autograd(W, b):
    Wt = torch.tensor(W, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    loss = loss_per_seed(Wt[None], bt[None])[0]
    loss.backward()
    return float(loss), Wt.grad.numpy(), bt.grad.numpy()


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n,m", [(7, 2), (5, 3), (6, 2)])
def test_gradients_match_autograd(seed, n, m):
    rng = np.random.default_rng(seed)
    W, b = rng.normal(size=(m, n)), rng.normal(scale=0.5, size=n)
    L, gW, gb = _autograd(W, b)
    hW, hb = forces.gradients(W, b)
    assert forces.loss(W, b) == pytest.approx(L, rel=1e-12)
    np.testing.assert_allclose(hW, gW, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(hb, gb, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(forces.example_gradients(W, b).sum(axis=0), gW, rtol=1e-10, atol=1e-13)


def _sym_failure(n=7, r=1.5, eps=0.05):
    """A Symmetric Failure: n − 1 learnt spokes of a regular polygon, W_k = small, b_k = 1/n."""
    ang = 2 * np.pi * np.arange(n - 1) / (n - 1)
    W = np.zeros((2, n))
    W[:, :-1] = r * np.stack([np.cos(ang), np.sin(ang)])
    b = np.r_[np.full(n - 1, 1 - r * r), 1 / n]
    W[:, -1] = eps * np.array([np.cos(0.3), np.sin(0.3)])
    return W, b


def test_three_forces_are_per_example_autograd():
    W, b = _sym_failure()
    k = 6
    f = forces.three_forces(W, b, k)
    # own force: autograd of example k's loss alone
    def grad_of_examples(rows):
        Wt = torch.tensor(W, requires_grad=True)
        bt = torch.tensor(b, requires_grad=True)
        X = torch.eye(7, dtype=torch.float64)[rows][None]
        h = torch.einsum("ktn,kan->kta", X, Wt[None])
        pre = torch.einsum("kta,kan->ktn", h, Wt[None]) + bt
        ((torch.relu(pre) - X) ** 2).sum().div(49).backward()
        return Wt.grad.numpy()
    np.testing.assert_allclose(f["own"], grad_of_examples([k])[:, k], atol=1e-13)
    np.testing.assert_allclose(f["tilt"], grad_of_examples([j for j in range(7) if j != k])[:, k], atol=1e-13)
    on = grad_of_examples([k]); on[:, k] = 0
    np.testing.assert_allclose(f["on_learnt"], on, atol=1e-13)
    # at Symmetric Failure its own example pulls W_k outward (gradient along −W_k), the tilt pushes
    # it back harder (along +W_k): the net gradient shrinks W_k, the post's local optimum
    u = W[:, k] / np.linalg.norm(W[:, k])
    assert f["own"] @ u < 0 < f["tilt"] @ u
    assert (f["own"] + f["tilt"]) @ u > 0


def test_tilt_condition_fails_at_symmetric_failure():
    W, b = _sym_failure()
    lhs, rhs, holds = forces.tilt_condition(W, b, 6)
    assert not holds and lhs < rhs


def test_frozen_column_optimum_is_zero_at_symmetric_failure():
    W, b = _sym_failure()
    wk, bk, _ = forces.frozen_column_optimum(W, b, 6)
    assert np.linalg.norm(wk) < 1e-5
    assert bk == pytest.approx(1 / 7, abs=1e-6)     # b → 1/n: the mean of its targets


def test_frozen_w7_optimum_is_along_w1_plus_w6_when_they_are_shorter():
    """The post: with W₁, W₆ slightly short (b raised) and W₂, W₅ tilted, W₇'s frozen optimum is ε(W₆ + W₁)."""
    from toyviz.toy import experiments as ex
    sym = ex.frozen_w7_optimum(*ex.constructed_asymmetry(7))
    assert sym["norm"] < 1e-6 and sym["b7"] == pytest.approx(1 / 7, abs=1e-6)
    asym = ex.frozen_w7_optimum(*ex.constructed_asymmetry(7, delta_b=0.03, tilt=0.03))
    assert asym["norm"] > 1e-3 and asym["cosine"] > 0.999 and asym["epsilon"] > 0


def test_constructed_symmetric_failure_costs_n_minus_1_over_n_cubed():
    from toyviz.toy import experiments as ex
    for n in (5, 6, 7):   # radius √2.04 separates up to 6 learnt spokes with zero interference
        assert forces.loss(*ex.constructed_asymmetry(n)) == pytest.approx((n - 1) / n ** 3, rel=1e-12)

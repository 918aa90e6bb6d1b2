"""The MAP solvers against a general bound-constrained QP solver (scipy), on random and degenerate
problems; the exact solver's certificate; batched equals one point (and one seed) at a time."""
import numpy as np
import pytest
from scipy.optimize import minimize

from toyviz.ica.data import unit_columns
from toyviz.ica.map_solvers import (duality_gap, kkt_violation, map_exact, map_fista, map_pgd,
                                    objective)


def qp_reference(x, A, sigma, lam, nonneg):
    """min ‖x − As‖²/(2σ²) + ‖s‖₁/λ by L-BFGS-B on s = u − v, u, v ≥ 0 (v = 0 when s ≥ 0)."""
    k = A.shape[1]
    n = k if nonneg else 2 * k
    B = A if nonneg else np.concatenate([A, -A], 1)

    def f(w):
        r = x - B @ w
        return 0.5 * r @ r / sigma**2 + w.sum() / lam, -B.T @ r / sigma**2 + 1.0 / lam

    best = None
    for start in (np.zeros(n), np.ones(n)):
        res = minimize(f, start, jac=True, method="L-BFGS-B", bounds=[(0, None)] * n,
                       options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10_000})
        if best is None or res.fun < best.fun:
            best = res
    w = best.x
    return w if nonneg else w[:k] - w[k:]


def random_problem(rng, k, n=40):
    A = unit_columns(rng.uniform(0, 360, k)) * rng.uniform(0.3, 3.0, k)
    X = rng.exponential(2.0, (n, k)) @ A.T + 0.3 * rng.standard_normal((n, 2))
    return X, A


def degenerate_problems():
    a = unit_columns([30.0, 100.0, 200.0])
    yield "repeated column", np.concatenate([a, a[:, :1]], 1)
    yield "parallel column", np.concatenate([a, 2.5 * a[:, :1]], 1)
    yield "antiparallel column", np.concatenate([a, -a[:, :1]], 1)
    yield "zero column", np.concatenate([a, np.zeros((2, 1))], 1)
    yield "single column", a[:, :1]
    yield "all parallel", np.stack([np.array([1.0, 1.0]), np.array([2.0, 2.0])], 1)


def degenerate_points(A, rng):
    """x = 0, points exactly on each column, on the threshold, and random ones."""
    pts = [np.zeros(2)] + [A[:, i] * s for i in range(A.shape[1]) for s in (0.5, 3.0)]
    pts += list(rng.standard_normal((10, 2)) * 3)
    return np.array(pts)


@pytest.mark.parametrize("nonneg", [True, False])
@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
def test_exact_matches_qp_on_random_problems(k, nonneg):
    rng = np.random.default_rng(k)
    X, A = random_problem(rng, k)
    sigma, lam = 0.7, 0.5
    res = map_exact(X, A, sigma, lam, nonneg)
    F = objective(X, A, res.s, sigma, lam)
    for i, x in enumerate(X):
        s_ref = qp_reference(x, A, sigma, lam, nonneg)
        F_ref = objective(x[None], A, s_ref[None], sigma, lam)[0]
        assert F[i] <= F_ref * (1 + 1e-9) + 1e-12  # never worse than the general solver
        assert F_ref <= F[i] * (1 + 1e-6) + 1e-9   # and the general solver agrees
    assert np.all(np.count_nonzero(res.s, -1) <= 2)
    assert res.kkt.max() < 1e-9 and res.gap.max() < 1e-10
    if nonneg:
        assert (res.s >= 0).all()


@pytest.mark.parametrize("nonneg", [True, False])
def test_exact_on_degenerate_problems(nonneg):
    rng = np.random.default_rng(1)
    for name, A in degenerate_problems():
        X = degenerate_points(A, rng)
        res = map_exact(X, A, 1.0, 0.8, nonneg)
        F = objective(X, A, res.s, 1.0, 0.8)
        for i, x in enumerate(X):
            F_ref = objective(x[None], A, qp_reference(x, A, 1.0, 0.8, nonneg)[None], 1.0, 0.8)[0]
            assert F[i] <= F_ref * (1 + 1e-9) + 1e-12, name
        assert np.isfinite(res.s).all() and res.kkt.max() < 1e-9, name
        assert (res.s[0] == 0).all(), f"{name}: x = 0 must give ŝ = 0"


def test_point_on_a_column_uses_that_column_alone():
    A = unit_columns([0.0, 90.0, 200.0])
    x = 3.0 * A[:, 1]
    s = map_exact(x[None], A, 0.1, 0.5).s[0]
    np.testing.assert_allclose(s, [0.0, 3.0 - 0.02, 0.0], atol=1e-12)  # shrunk by σ²/λ


@pytest.mark.parametrize("nonneg", [True, False])
def test_iterative_solvers_reach_the_exact_objective(nonneg):
    rng = np.random.default_rng(7)
    X, A = random_problem(rng, 4, n=200)
    ex = map_exact(X, A, 0.5, 0.5, nonneg)
    F = objective(X, A, ex.s, 0.5, 0.5)
    fi = map_fista(X, A, 0.5, 0.5, nonneg, tol=1e-12)
    assert fi.gap.max() <= 1e-12
    assert np.max(objective(X, A, fi.s, 0.5, 0.5) / F - 1) < 1e-11
    pg = map_pgd(X, A, 0.5, 0.5, nonneg, steps=200_000, tol=1e-9, reference=F)
    assert np.max(objective(X, A, pg.s, 0.5, 0.5) / F - 1) <= 1e-9
    # the duality gap bounds the true suboptimality
    assert np.all(duality_gap(X, A, pg.s, 0.5, 0.5, nonneg) >= objective(X, A, pg.s, 0.5, 0.5) / F - 1 - 1e-12)


def test_kkt_certificate_flags_a_wrong_answer():
    rng = np.random.default_rng(3)
    X, A = random_problem(rng, 3)
    s = map_exact(X, A, 1.0, 0.5).s
    assert kkt_violation(X, A, s, 1.0, 0.5).max() < 1e-9
    assert kkt_violation(X, A, s * 1.1 + 0.01, 1.0, 0.5).min() > 1e-3


def test_pgd_path_is_recorded_and_descends():
    rng = np.random.default_rng(4)
    X, A = random_problem(rng, 3, n=30)
    res = map_pgd(X, A, 0.5, 0.5, steps=50, record=True)
    assert res.path.shape == (51, 30, 3)
    F = objective(X, A, res.path, 0.5, 0.5)  # (51, 30)
    assert np.all(np.diff(F, axis=0) <= 1e-12)


def test_batched_equals_one_point_and_one_seed_at_a_time():
    rng = np.random.default_rng(5)
    Xs, As = zip(*(random_problem(rng, 4, n=25) for _ in range(3)))
    X, A = np.stack(Xs), np.stack(As)  # (3, 25, 2), (3, 2, 4)
    batched = map_exact(X, A, 0.3, 0.5).s
    for b in range(3):
        np.testing.assert_allclose(batched[b], map_exact(X[b], A[b], 0.3, 0.5).s, rtol=0, atol=1e-12)
        for n in range(25):
            np.testing.assert_allclose(batched[b, n], map_exact(X[b, n:n + 1], A[b], 0.3, 0.5).s[0],
                                       rtol=0, atol=1e-12)


@pytest.mark.parametrize("bad", [
    dict(X=np.zeros((4, 3)), A=np.eye(2)),                 # dimension mismatch
    dict(X=np.zeros((4, 2)), A=np.zeros((2, 0))),          # k < 1
    dict(X=np.zeros((4, 2)), A=np.eye(2), lam=0.0),        # λ ≤ 0
    dict(X=np.zeros((4, 2)), A=np.eye(2), sigma=-1.0),     # σ ≤ 0
    dict(X=np.full((4, 2), np.nan), A=np.eye(2)),          # not finite
])
@pytest.mark.parametrize("solver", [map_exact, map_fista, map_pgd])
def test_bad_inputs_raise_value_error(bad, solver):
    kw = dict(sigma=1.0, lam=1.0) | bad
    with pytest.raises(ValueError):
        solver(kw.pop("X"), kw.pop("A"), **kw)


@pytest.mark.parametrize("nonneg", [True, False])
def test_compiled_enumeration_equals_the_numpy_reference(nonneg):
    from toyviz.ica.enumerate_kernel import enumerate_2d
    from toyviz.ica.map_solvers import _enumerate_2d_numpy, objective
    rng = np.random.default_rng(7)
    for k in (1, 2, 3, 5, 8):                     # general position: the same ŝ
        X, A = random_problem(rng, k)
        X = np.concatenate([X, degenerate_points(A, rng)])
        for c in (0.02, 0.5):
            np.testing.assert_allclose(enumerate_2d(X, A, c, nonneg), _enumerate_2d_numpy(X, A, c, nonneg),
                                       rtol=1e-9, atol=1e-12)
    for name, A in degenerate_problems():         # repeated columns tie: the same objective
        X = np.concatenate([random_problem(rng, A.shape[1])[0], degenerate_points(A, rng)])
        fast, ref = enumerate_2d(X, A, 0.5, nonneg), _enumerate_2d_numpy(X, A, 0.5, nonneg)
        np.testing.assert_allclose(objective(X, A, fast, 1.0, 2.0), objective(X, A, ref, 1.0, 2.0),
                                   rtol=1e-12, atol=1e-12, err_msg=name)
    # leading axes (seeds) broadcast as in the numpy version
    X, A = random_problem(rng, 4)
    As = np.stack([A, A[:, ::-1], 2 * A])
    np.testing.assert_allclose(enumerate_2d(X, As, 0.02, nonneg), _enumerate_2d_numpy(X, As, 0.02, nonneg),
                               rtol=1e-9, atol=1e-12)

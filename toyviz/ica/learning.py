"""Learning A by Lewicki & Sejnowski's rule, with every variant the post tried (post E3–E6).

ΔA = −A(z ŝᵀ + I), averaged over the data, z = ∇ log P(ŝ) = −sign(ŝ)/λ_prior (the post's
equation (5)); optionally left-multiplied by (AAᵀ)⁻¹ (E4.3), followed by equal column norms
(Olshausen & Field), under a constant or warm-up + cosine learning rate (E6). Seeds are batched:
every array has the seed axis first, and seed i of a batch equals seed i trained alone.
"""
from __future__ import annotations

import math
import time

import numpy as np

from .config import ICAConfig
from .data import generator, init_columns, make_data
from .map_solvers import map_exact, map_pgd, objective
from .metrics import angle_errors, evaluate
from .run import IcaRun, Metrics, Pick
from .selection import fitted_evidence, laplace_evidence, pick

BLOW_UP = 1e6  # a column norm beyond this (or a singular AAᵀ) stops that seed: "diverged"
CRITERION_POINTS = 2_000_000  # points × columns per batched evaluation of the criterion (memory bound)


def score(S_hat, lam: float) -> np.ndarray:
    """z = ∇ log P(ŝ) = −sign(ŝ)/λ for the Laplace and exponential priors alike. # (..., N, k)"""
    return -np.sign(S_hat) / lam


def update_terms(A, S_hat, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-point update terms −A z ŝᵀ and −A(z ŝᵀ + I) (the post's E4.3/E5 arrows).

    A: (..., m, k); S_hat: (..., N, k). Returns two (..., N, m, k) arrays; their mean over N is ΔA.
    """
    z = score(S_hat, lam)
    zs = z[..., :, None] * S_hat[..., None, :]                        # z ŝᵀ per point  # (..., N, k, k)
    partial = -np.einsum("...mi,...nij->...nmj", A, zs)
    return partial, partial - A[..., None, :, :]


def delta_A(A, S_hat, lam: float, normalise: bool = False) -> np.ndarray:
    """ΔA = −A(mean_n z ŝᵀ + I), left-multiplied by (AAᵀ)⁻¹ when `normalise`. # (..., m, k)"""
    z = score(S_hat, lam)
    M = np.swapaxes(z, -1, -2) @ S_hat / S_hat.shape[-2]               # mean z ŝᵀ  # (..., k, k)
    d = -A @ (M + np.eye(A.shape[-1]))
    if normalise:
        d = np.linalg.solve(A @ np.swapaxes(A, -1, -2), d)
    return d


def learning_rates(config: ICAConfig) -> np.ndarray:
    """α_t for t = 0..steps−1: constant, or 10 % linear warm-up then cosine to 0. # (steps,)"""
    T, lr = config.steps, config.lr
    if config.schedule == "constant":
        return np.full(T, lr)
    warm = max(1, int(round(0.1 * T)))
    t = np.arange(T)
    ramp = lr * (t + 1) / warm
    decay = lr * 0.5 * (1 + np.cos(math.pi * (t - warm + 1) / max(1, T - warm)))
    return np.where(t < warm, ramp, decay)


def equalise_norms(A) -> np.ndarray:
    """Every column rescaled to the mean column norm (Olshausen & Field). # (..., m, k)"""
    n = np.linalg.norm(A, axis=-2, keepdims=True)
    return A * (n.mean(-1, keepdims=True) / np.where(n > 0, n, 1.0))


def _bar(total: int, on: bool, desc: str):
    from tqdm import tqdm
    return tqdm(total=total, disable=not on, desc=desc, unit="step", leave=False)


def _healthy(A) -> np.ndarray:
    """Seeds whose A is finite, bounded and has an invertible AAᵀ. # (...)"""
    finite = np.isfinite(A).all((-1, -2))
    Af = np.where(finite[..., None, None], A, 0.0)
    norms = np.linalg.norm(Af, axis=-2).max(-1)
    AAt = Af @ np.swapaxes(Af, -1, -2)
    det = np.linalg.det(AAt)
    return finite & (norms < BLOW_UP) & (det > 1e-12 * np.maximum(np.trace(AAt, axis1=-2, axis2=-1), 1e-300) ** 2)


def train(config: ICAConfig, progress: bool = False) -> IcaRun:
    """Run `config` for each of its seeds and restarts at once (`IcaRun` lists what is kept).

    Restarts share their seed's data and differ in the initial A (restart 0 is the run without
    restarts). Per-seed arrays show the restart that `config.select` chose; the metrics are those of
    the A it chose.
    """
    start = time.perf_counter()
    Q = config.restarts
    data = [make_data(config.data, s) for s in config.seeds]
    X = np.repeat(np.stack([d["X"] for d in data]), Q, axis=0)          # member = seed × restart
    A_true = data[0]["A_true"]
    # restart 0 keeps the init stream of a run without restarts; the others are offset far from it
    gens = [generator(10_000 + s + 1_000_000 * q) for s in config.seeds for q in range(Q)]
    A = np.stack([init_columns(config.init, A_true, config.k, g, config.init_noise,
                               signed=not config.nonneg) for g in gens])
    lam, sig, nonneg = config.prior_scale, config.sigma, config.nonneg
    lrs = learning_rates(config)
    Sn, T, every = len(config.seeds), config.steps, config.every
    M = Sn * Q
    traj = np.empty((M, T + 1) + A.shape[1:])
    obj = np.full((M, T + 1), np.nan)
    rec_steps = np.arange(0, T + 1, every)
    s_hat = np.zeros((M, len(rec_steps), X.shape[1], config.k))
    terms = np.zeros((2, M, len(rec_steps), X.shape[1], 2, config.k)) if config.record_terms else None
    kkt_max = np.zeros(M)
    alive = _healthy(A)
    diverged = np.where(alive, -1, 0)
    bar = _bar(T, progress, "ica")
    for t in range(T + 1):
        bar.update(t > 0)
        traj[:, t] = A
        res = map_exact(X[alive], A[alive], sig, lam, nonneg, gap=False)
        kkt_max[alive] = np.maximum(kkt_max[alive], res.kkt.max(-1))
        obj[alive, t] = objective(X[alive], A[alive], res.s, sig, lam).mean(-1)
        if t % every == 0:
            s_hat[alive, t // every] = res.s
            if terms is not None:
                terms[:, alive, t // every] = update_terms(A[alive], res.s, lam)
        if t == T:
            break
        step = np.zeros_like(A)
        step[alive] = lrs[t] * delta_A(A[alive], res.s, lam, config.normalise)
        A = A + step
        if config.equal_norms:
            A = np.where(alive[..., None, None], equalise_norms(A), A)
        now = _healthy(A)
        newly = alive & ~now
        diverged[newly] = t + 1
        A = np.where(newly[..., None, None], traj[:, t], A)  # freeze a diverged seed at its last A
        alive = alive & now
    bar.close()
    err = angle_errors(traj, A_true)  # (M, T+1, n)
    shown = angle_errors(traj, A_true, sign_matters=nonneg)
    crit, fixed = _criterion(config, X, traj, rec_steps)                 # (M, R) each
    restart_error = shown.mean(-1).reshape(Sn, Q, T + 1)
    picks = _choose(config, restart_error, shown.max(-1).reshape(Sn, Q, T + 1), crit.reshape(Sn, Q, -1),
                    rec_steps)
    idx = np.arange(Sn) * Q + picks["selected"].restart                 # the shown member of each seed
    A_eval = traj[idx, picks["selected"].step]                           # (S, 2, k)
    S_eval = map_exact(X[idx], A_eval, sig, lam, nonneg).s
    ms = [evaluate(a, A_true, s, not nonneg) for a, s in zip(A_eval, S_eval)]
    return IcaRun(
        config=config, X=X[::Q], S_true=np.stack([d["S"] for d in data]), A_true=A_true, lr=lrs,
        record_steps=rec_steps, A=traj[idx], angle_mean_deg=err.mean(-1)[idx], angle_max_deg=err.max(-1)[idx],
        error_mean_deg=shown.mean(-1)[idx], error_max_deg=shown.max(-1)[idx], objective=obj[idx],
        s_hat=s_hat[idx], criterion=crit[idx], kkt_max=kkt_max[idx], diverged_step=diverged[idx], **picks,
        restart_error_deg=restart_error, restart_objective=obj.reshape(Sn, Q, T + 1),
        restart_criterion=crit.reshape(Sn, Q, -1), restart_fixed_scale=fixed.reshape(Sn, Q, -1),
        metrics=Metrics(**{key: np.stack([np.asarray(m[key], dtype=np.float64) for m in ms]) for key in ms[0]}),
        terms_partial=None if terms is None else terms[0][idx], terms_full=None if terms is None else terms[1][idx],
        s_path=None if not config.path_steps else np.moveaxis(
            map_pgd(X[idx], traj[idx, 0], sig, lam, nonneg, steps=config.path_steps, record=True).path, 0, 1),
        seconds=time.perf_counter() - start)


def _criterion(config: ICAConfig, X, traj, rec_steps) -> tuple[np.ndarray, np.ndarray]:
    """The fitted Laplace evidence at the recorded steps the rule needs (all of them for
    "likelihood", the last for "final" with restarts), nan elsewhere; and for "likelihood" the
    evidence at the configured prior scale as well. # (M, R), (M, R)"""
    crit = np.full((traj.shape[0], len(rec_steps)), np.nan)
    fixed = crit.copy()
    if config.select == "likelihood":
        need = np.arange(len(rec_steps))
    elif config.select == "final" and config.restarts > 1:
        need = np.array([len(rec_steps) - 1])
    else:
        return crit, fixed
    M, N = X.shape[:2]
    per_call = max(1, CRITERION_POINTS // (M * N * config.k))   # recorded steps evaluated at once
    for lo in range(0, len(need), per_call):
        j = need[lo:lo + per_call]
        A = np.swapaxes(traj[:, rec_steps[j]], 0, 1)                     # (J, M, 2, k)
        crit[:, j] = fitted_evidence(X, A, config.sigma, config.prior_scale, config.nonneg)[0].T
        if config.select == "likelihood":
            fixed[:, j] = laplace_evidence(X, A, config.sigma, config.prior_scale, config.nonneg).T
    return crit, fixed


def _choose(config: ICAConfig, mean, worst, crit, rec_steps) -> dict[str, Pick]:
    """The selected, oracle and final `Pick` of each seed, from the errors (S, Q, T+1) and the
    criterion (S, Q, R)."""
    S, Q, T1 = mean.shape
    last = np.full(S, T1 - 1)
    oracle_q, oracle_t = pick(mean, maximise=False)
    if config.select == "likelihood":
        sel_q, j = pick(crit, maximise=True)
        sel_t = rec_steps[j]
    elif config.select == "oracle":
        sel_q, sel_t = oracle_q, oracle_t
    else:  # "final": the last step, of the restart the criterion prefers there
        sel_q = pick(crit[:, :, -1:], maximise=True)[0] if Q > 1 else np.zeros(S, int)
        sel_t = last
    rows = np.arange(S)
    return {name: Pick(np.asarray(t), np.asarray(q), np.stack([mean[rows, q, t], worst[rows, q, t]], -1))
            for name, q, t in (("selected", sel_q, sel_t), ("oracle", oracle_q, oracle_t),
                               ("final", np.zeros(S, int), last))}

"""The exact MAP solver's inner loop for 2-D data, compiled: every support of size ≤ 2 (and its signs)
of every point, the cheapest sign-consistent candidate kept (`map_solvers.map_exact`).

The numpy version (`map_solvers._enumerate_2d_numpy`) builds every candidate of every point as
arrays, some 60 passes over memory; here each point's candidates are tried in registers, in the same
order and with the same formulas, so ties break the same way (the empty support wins a tie, then the
first candidate in order: single columns sign by sign, then pairs sign pair by sign pair). Checked
against the numpy version in tests/ica/test_map_solvers.py.
"""
from __future__ import annotations

import numpy as np

from ..runs import use_numba_cache

use_numba_cache()

from numba import njit  # noqa: E402  (after the cache folder is chosen)


@njit(cache=True, nogil=True)
def _kernel(X, A, c, nonneg, S):  # pragma: no cover - compiled
    B, N, _ = X.shape
    k = A.shape[2]
    nsg = 1 if nonneg else 2
    G = np.empty((k, k))
    y = np.empty(k)
    for b in range(B):
        a0, a1 = A[b, 0], A[b, 1]
        for i in range(k):
            for j in range(k):
                G[i, j] = a0[i] * a0[j] + a1[i] * a1[j]
        for n in range(N):
            x0, x1 = X[b, n, 0], X[b, n, 1]
            best = 0.5 * (x0 * x0 + x1 * x1)          # the empty support
            bi, bj, si_best, sj_best = -1, -1, 0.0, 0.0
            for i in range(k):
                y[i] = x0 * a0[i] + x1 * a1[i]
            for t in range(nsg):                        # supports of size 1
                sg = 1.0 if t == 0 else -1.0
                for i in range(k):
                    d = G[i, i]
                    if d <= 0:
                        continue
                    s = (y[i] - c * sg) / d
                    if s * sg > 0:
                        r0, r1 = x0 - a0[i] * s, x1 - a1[i] * s
                        obj = 0.5 * (r0 * r0 + r1 * r1) + c * abs(s)
                        if obj < best:
                            best, bi, bj, si_best, sj_best = obj, i, -1, s, 0.0
            for t in range(nsg * nsg):                  # supports of size 2, Cramer's rule
                sgi = 1.0 if t // nsg == 0 else -1.0
                sgj = 1.0 if t % nsg == 0 else -1.0
                for i in range(k):
                    for j in range(i + 1, k):
                        gii, gjj, gij = G[i, i], G[j, j], G[i, j]
                        had = gii * gjj
                        if not (had > 0 and gii * gjj - gij * gij > 1e-12 * had):
                            continue                    # parallel, repeated or zero columns
                        det = gii * gjj - gij * gij
                        ci, cj = y[i] - c * sgi, y[j] - c * sgj
                        s_i = (gjj * ci - gij * cj) / det
                        s_j = (gii * cj - gij * ci) / det
                        if s_i * sgi > 0 and s_j * sgj > 0:
                            r0 = x0 - a0[i] * s_i - a0[j] * s_j
                            r1 = x1 - a1[i] * s_i - a1[j] * s_j
                            obj = 0.5 * (r0 * r0 + r1 * r1) + c * (abs(s_i) + abs(s_j))
                            if obj < best:
                                best, bi, bj, si_best, sj_best = obj, i, j, s_i, s_j
            for i in range(k):
                S[b, n, i] = 0.0
            if bi >= 0:
                S[b, n, bi] = si_best
            if bj >= 0:
                S[b, n, bj] = sj_best


def enumerate_2d(X: np.ndarray, A: np.ndarray, c: float, nonneg: bool) -> np.ndarray:
    """ŝ for X (..., N, 2) and A (..., 2, k), leading axes broadcast; c = σ²/λ. # (..., N, k)"""
    lead = np.broadcast_shapes(X.shape[:-2], A.shape[:-2])
    Xb = np.ascontiguousarray(np.broadcast_to(X, lead + X.shape[-2:]).reshape((-1,) + X.shape[-2:]))
    Ab = np.ascontiguousarray(np.broadcast_to(A, lead + A.shape[-2:]).reshape((-1,) + A.shape[-2:]))
    S = np.empty(Xb.shape[:2] + (A.shape[-1],))
    _kernel(Xb, Ab, float(c), bool(nonneg), S)
    return S.reshape(lead + S.shape[1:])

"""What the ICA pages show, decided once: the named runs (specimens) of the videos and stills, the
seeds the stills and claims share, and the choices made inside a run (which step's A, which point).

Each function is pure in (config, quality): a specimen is a preset plus a seed, either fixed or found
by code in a batch of candidate seeds (`CANDIDATES`), and `specimen(name, quality)` returns the cached
`IcaRun`. ICA specimens are the same at every quality (one seed of a preset trains in seconds, so no
search is scaled down); only the seed counts of the statistics (`seeds`, `selection_sets`) scale.

Randomness: every ICA stream is `torch.Generator().manual_seed(n)` (`data.generator`), with the
stream number derived from the seed in one place each: the data set of seed s from s
(`data.make_data`), restart q's initial A from 10,000 + s + 1,000,000·q (`learning.train`), the
random direction sets from their own seed (`selection.direction_sets`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .config import ANGLES_3, ANGLES_4, ICAConfig, experiment
from .experiments import run_experiment
from .metrics import angle_errors, dead_columns
from .run import IcaRun
from .selection import direction_sets

CANDIDATES = range(10)   # seeds a finder searches, in order; the first that shows the phenomenon wins


# --- seed finders: the first candidate seed whose run shows the phenomenon --------------------------
def largest_gap(A) -> float:
    """The widest angle (degrees) between neighbouring column directions of A (2, k): ≥ 180° means
    some data directions lie outside every non-negative combination of the columns."""
    ang = np.sort(np.degrees(np.arctan2(A[1], A[0])) % 360)
    return float(np.max(np.diff(np.r_[ang, ang[0] + 360])))


def covers_plane(run: IcaRun) -> bool:
    """The initial A spans the plane with non-negative coefficients."""
    return largest_gap(run.A[0, 0]) < 180.0


def falls_then_fails(run: IcaRun, below: float = 5.0, above: float = 20.0) -> bool:
    """The error falls (below its start) under `below` degrees and ends above `above`: the run first
    learns A_true and then loses it."""
    mean = run.errors()[0]
    low = np.nanmin(mean[1:])
    return bool(low < below and low < mean[0] and mean[-1] > above)


def ends_within(degrees: float) -> Callable[[IcaRun], bool]:
    """The final A is within `degrees` (mean error, sign-aware for ŝ ≥ 0) of A_true."""
    return lambda run: bool(run.errors()[0][-1] < degrees)


def loses_a_column(within: int = 40) -> Callable[[IcaRun], bool]:
    """Gets within 5° of A_true (sign-aware) and then loses a column (ŝᵢ = 0 for every point) within
    `within` steps."""
    def test(run: IcaRun) -> bool:
        err = angle_errors(run.A[0], run.A_true, sign_matters=True).mean(-1)
        return bool(err[: within + 1].min() < 5.0 and dead_columns(run.s_hat[0][: within + 1]).max() > 0)
    return test


def first_seed(preset, shows: Callable[[IcaRun], bool], seeds=CANDIDATES) -> int:
    """The first of `seeds` whose run of `preset` (a name or an `ICAConfig`) `shows` the phenomenon; a
    RuntimeError if none does."""
    for s in seeds:
        if shows(run_experiment(preset, seed=s)):
            return int(s)
    raise RuntimeError(f"no seed in {list(seeds)} of {preset} shows {getattr(shows, '__name__', 'it')}")


# --- the specimens: one per video (and the stills that show the same run) ---------------------------
@dataclass(frozen=True)
class IcaSpecimen:
    """A named run the site shows: its preset, the seed shown and that seed's run."""
    name: str
    preset: str
    seed: int
    config: ICAConfig
    run: IcaRun


SPECIMENS: dict[str, tuple[str, int | Callable[[IcaRun], bool]]] = {
    # name: (preset, seed or the test that finds it); why each, in the scene that shows it
    "s_hat": ("E2", covers_plane),
    "runaway": ("E3-runaway", falls_then_fails),
    "perfect": ("E3", ends_within(5.0)),
    "random": ("E3-random", 0),
    "laplace": ("E4.1", 0),
    "gaussian_noise": ("E4.2", falls_then_fails),
    "no_normalization": ("E4.3-raw", loses_a_column(40)),
    "normalized": ("E4.3", ends_within(1.0)),
    "inv_full_data": ("E4.3-full", falls_then_fails),
    "best_effort_3": ("E6.1", 0),
    "best_effort_4_singleton": ("E6.2-archetypes", 0),
    "best_effort_full_4": ("E6.2", 0),
    "best_effort_3_6": ("E6.3-6", 0),
    "best_effort_3_8": ("E6.3-8", 0),
}


def specimen(name: str, quality=None) -> IcaSpecimen:
    """The specimen called `name` (a key of `SPECIMENS`); the same at every quality (module docstring)."""
    if name not in SPECIMENS:
        raise ValueError(f"unknown ICA specimen {name!r}; choose from {', '.join(SPECIMENS)}")
    preset, rule = SPECIMENS[name]
    seed = rule if isinstance(rule, int) else first_seed(preset, rule)
    return IcaSpecimen(name, preset, seed, experiment(preset), run_experiment(preset, seed=seed))


def shown_step(run: IcaRun, i: int = 0) -> int:
    """The step whose A a figure shows as "the" result of seed position i: the step the config's rule
    selected, or for a run that reports its last A (select="final") the step of least error."""
    if run.config.select != "final":
        return int(run.selected.step[i])
    return int(np.nanargmin(run.errors(i)[0]))


def first_dead_step(run: IcaRun, i: int = 0) -> tuple[int, int] | None:
    """(step, column) of the first step at which a column alive at the start dies (ŝ = 0 for every
    point) in seed position i, or None if none does. ŝ is recorded every few steps; the steps between
    the last record without and the first with the death are solved exactly (`map_exact`)."""
    from .map_solvers import map_exact
    c = run.config
    unused = lambda S: (S == 0).all(0)                                    # noqa: E731 (k,)
    alive = ~unused(run.s_hat[i, 0])
    died = [np.flatnonzero(unused(S) & alive) for S in run.s_hat[i]]
    r = next((j for j, d in enumerate(died) if len(d)), None)
    if r is None:
        return None
    for t in range(int(run.record_steps[r - 1]) + 1, int(run.record_steps[r]) + 1):
        d = np.flatnonzero(unused(map_exact(run.X[i], run.A[i, t], c.sigma, c.prior_scale, c.nonneg).s) & alive)
        if len(d):
            return t, int(d[0])
    return int(run.record_steps[r]), int(died[r][0])


def angle_offsets(run: IcaRun, i: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Each learnt column's signed angle (degrees, counter-clockwise positive) from the true direction
    it stands for at the shown step (`shown_step`, `metrics.column_sources`), at every step of seed
    position i: (source per column (k,), offsets (T+1, k), nan for a column that stands for none)."""
    from .metrics import column_sources
    A = run.A[i]                                                          # (T+1, 2, k)
    source = column_sources(A[shown_step(run, i)], run.A_true, not run.config.nonneg)[0]
    learnt = np.arctan2(A[:, 1], A[:, 0])                                 # (T+1, k)
    true = np.arctan2(run.A_true[1], run.A_true[0])[np.maximum(source, 0)]
    off = np.degrees((learnt - true + np.pi) % (2 * np.pi) - np.pi)
    return source, np.where(source >= 0, off, np.nan)


def pgd_path(run: IcaRun, steps: int, i: int = 0) -> np.ndarray:
    """The post's s ← ReLU(s − η∇F) from s = 0 for seed position i's data and initial A, every
    iterate, with `map_pgd`'s default step η = σ²/‖A‖₂². (steps + 1, N, k)"""
    from .map_solvers import map_pgd
    c = run.config
    return map_pgd(run.X[i], run.A[i, 0], c.sigma, c.prior_scale, c.nonneg, steps=steps, record=True).path


# --- the statistics the stills and claims share ------------------------------------------------------
def seeds(quality, full: int = 12) -> tuple[int, ...]:
    """The seeds every ICA still and the claims use (0…2 at preview, 0…11 at final), so that they
    share the engine's cached runs."""
    return tuple(range(quality.scaled(full, 1)))


def selection_sets(quality) -> list[tuple[str, tuple[float, ...]]]:
    """The source directions the ICA selection is measured on: the post's two sets (E6.1, E6.2) and
    seeded random draws each of 3 and 4 directions (irregular gaps; no two closer than 10°), 20 of
    each at preview and final quality (the first few of the same draws at smoke quality). Returns
    (group, angles) pairs."""
    n = min(20, quality.scaled(80, 2))
    return ([("post", ANGLES_3), ("post", ANGLES_4)] + [("3 random", a) for a in direction_sets(3, n, 3)]
            + [("4 random", a) for a in direction_sets(4, n, 4)])


def selection_seeds(quality) -> tuple[int, ...]:
    """Seeds per direction set of the selection measurement (1 at preview, 2 at final quality)."""
    return tuple(range(quality.scaled(2, 1)))


def typical_seed(values) -> int:
    """Index of the seed whose value is the median one (the lower median for an even count)."""
    v = np.asarray(values, float)
    return int(np.argsort(v)[(len(v) - 1) // 2])


def two_active_point(S_hat, X, quantile: float = 0.6) -> int:
    """A data point whose MAP code has exactly two active entries: of those no farther from the
    origin than the `quantile` of the data's norms, the one whose smaller active entry is largest
    (the clearest case of one point pulling on two columns)."""
    S, X = np.asarray(S_hat), np.asarray(X)
    r = np.linalg.norm(X, axis=-1)
    ok = ((S > 0).sum(-1) == 2) & (r <= np.quantile(r, quantile))
    if not ok.any():
        raise ValueError("no point has exactly two active coefficients")
    second = np.where(ok, np.sort(S, -1)[:, -2], -np.inf)
    return int(np.argmax(second))

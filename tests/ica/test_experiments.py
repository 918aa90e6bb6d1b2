"""The post's experiments, reproduced: planted recovery by the best-effort preset over several
seeds, and the failure modes the post reports (or, where they only partly reproduce, what we see;
docs/engines/ica.md gives the numbers)."""
import dataclasses

import numpy as np
import pytest
from scipy.stats import spearmanr

from toyviz.ica import delta_A, experiment, map_exact, run_experiment, summary, train


def seeds(name, *s):
    return train(dataclasses.replace(experiment(name), seeds=tuple(s)))


@pytest.mark.slow
def test_best_effort_recovers_three_sources_within_a_few_degrees():
    """Planted recovery: every seed passes within 3° of A_true on the way (the least error, which
    needs A_true), and the A the evidence selects without A_true stays within 5° mean, 6° worst."""
    r = run_experiment("E6.1", seeds=range(5))
    assert np.all(r.oracle.error_deg[:, 0] < 3.0), r.oracle.error_deg
    assert np.all(r.metrics.angle_mean_deg < 5.0), r.metrics.angle_mean_deg
    assert np.all(r.metrics.angle_max_deg < 6.0), r.metrics.angle_max_deg
    assert np.all(r.metrics.dead_columns == 0) and np.all(r.metrics.mmcs > 0.995)
    js = summary(r)
    assert js["angle_error_deg"]["selected"]["max_over_seeds"] < 6.0
    assert len(js["angle_error_deg"]["selected"]["step"]) == 5


@pytest.mark.slow
def test_best_effort_recovers_four_irregular_archetypes():
    r = seeds("E6.2-archetypes", 0, 1, 2)
    assert np.all(r.oracle.error_deg[:, 0] < 1.0) and np.all(r.final.error_deg[:, 0] < 1.0)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["E3-runaway", "E4.2"])
def test_raw_update_runs_away_and_noise_does_not_help(name):
    """From a perturbed A_true the raw update first improves (best ≤ 7°) and then drifts far off
    (≥ 30°) at a constant rate, with or without σ = 0.05 noise in the data."""
    r = seeds(name, 0, 1, 2)
    best = r.angle_mean_deg.min(1)
    assert np.all(best < 7.0) and np.all(r.angle_mean_deg[:, -1] > 30.0)


@pytest.mark.slow
def test_normalised_update_still_fails_on_the_full_data():
    r = seeds("E4.3-full", 1, 2)
    assert np.all(r.angle_mean_deg.min(1) < 10.0)
    assert np.all(r.angle_mean_deg[:, -1] > 10.0)


@pytest.mark.slow
def test_laplace_only_partly_fails_to_align():
    """The post: with signed data and prior the columns stop rotating into place. Here that happens
    for some seeds only (seeds 0 and 4 of 0–7 end > 10° off; the others within 4°)."""
    r = seeds("E4.1", 0, 4, 5)
    final = r.angle_mean_deg[:, -1]
    assert final[0] > 10 and final[1] > 10 and final[2] < 4


@pytest.mark.slow
def test_normalisation_makes_updates_shrink_near_the_answer():
    """Raw update: the closer A is to A_true, the larger |ΔA| (negative rank correlation with the
    angle error); after left-multiplying by (AAᵀ)⁻¹ the correlation turns positive (post E4.3)."""
    def corr(name):
        c = experiment(name)
        r = seeds(name, 0, 1, 2, 3)
        out = []
        for i in range(4):
            steps = range(0, c.steps, 5)
            mags = [np.linalg.norm(delta_A(r.A[i, t], map_exact(r.X[i], r.A[i, t], c.sigma,
                                                                   c.prior_scale).s,
                                           c.prior_scale, c.normalise)) for t in steps]
            out.append(spearmanr(mags, r.angle_mean_deg[i, list(steps)])[0])
        return np.mean(out)
    assert corr("E4.3-raw") < 0 < corr("E4.3")

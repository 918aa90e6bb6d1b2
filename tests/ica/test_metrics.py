"""Metrics on hand-set matrices whose answers can be worked out on paper."""
import numpy as np

from toyviz.ica import (angle_errors, cluster_report, dead_columns, evaluate, match_columns, mmcs,
                        norm_ratios, unit_columns)

A_TRUE = unit_columns([90.0, 210.0, 330.0])


def test_permutation_sign_and_scale_are_undone():
    A = np.stack([-2.0 * A_TRUE[:, 2], 0.5 * A_TRUE[:, 0], 3.0 * A_TRUE[:, 1]], 1)
    perm, cos = match_columns(A, A_TRUE)
    assert list(perm) == [1, 2, 0]
    np.testing.assert_allclose(cos, [1.0, 1.0, -1.0])
    np.testing.assert_allclose(angle_errors(A, A_TRUE), 0.0, atol=1e-6)
    np.testing.assert_allclose(norm_ratios(A, A_TRUE), [0.5, 3.0, 2.0])
    assert evaluate(A, A_TRUE)["flipped"] == 1


def test_rotation_gives_its_angle():
    A = unit_columns([95.0, 200.0, 333.0])
    np.testing.assert_allclose(angle_errors(A, A_TRUE), [5.0, 10.0, 3.0], atol=1e-9)
    np.testing.assert_allclose(angle_errors(np.stack([A, A_TRUE]), A_TRUE)[1], 0.0, atol=1e-6)


def test_mmcs_and_dead_columns():
    A = unit_columns([90.0, 90.0, 270.0 + 60.0])
    # true columns: 90° (cos 1), 210° (best |cos| with 90° or 330°: cos 60° = 0.5 / 120°), 330° (1)
    np.testing.assert_allclose(mmcs(A, A_TRUE), (1 + 0.5 + 1) / 3)
    S = np.array([[1.0, 0.0, 0.0], [2.0, 0.0, 0.0]])
    assert dead_columns(S) == 2 and dead_columns(np.stack([S, S + 1])).tolist() == [2, 0]


def test_over_provisioned_columns_cluster_onto_true_directions():
    A = unit_columns([88.0, 92.0, 205.0, 215.0, 328.0, 332.0])
    rep = cluster_report(A, A_TRUE)
    np.testing.assert_allclose(rep["centroid_angle_deg"], 0.0, atol=1e-6)
    assert rep["split"].tolist() == [2, 2, 2]
    A = unit_columns([88.0, 90.0, 92.0, 210.0, 330.0, 331.0])
    assert cluster_report(A, A_TRUE)["split"].tolist() == [3, 1, 2]


def test_fewer_columns_than_sources_leave_one_unmatched():
    A = unit_columns([90.0, 210.0])
    perm, _ = match_columns(A, A_TRUE)
    assert sorted(perm.tolist()) == [-1, 0, 1]
    assert angle_errors(A, A_TRUE).max() == 90.0

"""Metrics on hand-set matrices whose answers can be worked out on paper."""
from itertools import permutations

import numpy as np

from toyviz.ica import (angle_errors, cluster_report, cosines, dead_columns, evaluate, match_columns, mmcs,
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


def test_sign_matters_counts_a_flipped_column_as_wrong():
    A_true = np.eye(2)
    flipped = A_true * np.array([1.0, -1.0])
    assert np.allclose(angle_errors(flipped, A_true), 0.0)                       # sign-free: aligned
    assert np.allclose(angle_errors(flipped, A_true, sign_matters=True), [0.0, 180.0])
    # a spare column pointing the right way is matched instead of the flipped one
    spare = np.c_[flipped, [0.0, 0.9]]
    assert np.allclose(angle_errors(spare, A_true, sign_matters=True), 0.0)
    assert match_columns(spare, A_true, sign_matters=True)[0].tolist() == [0, 2]


def test_every_assignment_and_hungarian_agree_with_sign_matters():
    rng = np.random.default_rng(3)
    A_true = rng.normal(size=(2, 3))
    small = rng.normal(size=(20, 2, 5))            # 5!/2! = 60 assignments: tried all at once
    large = rng.normal(size=(4, 2, 12))            # 12!/9! = 1320 assignments
    for A in (small, large):
        batched = angle_errors(A, A_true, sign_matters=True)
        one_by_one = np.stack([np.degrees(np.arccos(np.clip(match_columns(a, A_true, sign_matters=True)[1], -1, 1)))
                               for a in A])
        np.testing.assert_allclose(batched, one_by_one, atol=1e-9)
    huge = rng.normal(size=(2, 20))                # 20!/17! = 6840 > 4096: the Hungarian path
    C = cosines(huge, A_true)
    best = max(permutations(range(20), 3), key=lambda p: C[list(p), [0, 1, 2]].sum())
    np.testing.assert_allclose(angle_errors(huge, A_true, sign_matters=True),
                               np.degrees(np.arccos(C[list(best), [0, 1, 2]])), atol=1e-9)


def test_column_sources_match_columns_and_clusters():
    from toyviz.ica import column_sources
    A = A_TRUE[:, [2, 0, 1]] * np.array([1.0, 1.0, -1.0])            # permuted, the last one flipped
    assert column_sources(A, A_TRUE, signed=True)[0].tolist() == [2, 0, 1]
    src, labels, perm = column_sources(A, A_TRUE, signed=False)      # k = n: every column is assigned
    assert src.tolist() == [2, 0, 1] and labels is None and perm is None
    spread = np.concatenate([A_TRUE, unit_columns([95.0, 205.0, 335.0])], 1)   # two columns per source
    src, labels, perm = column_sources(spread, A_TRUE)
    assert src.tolist() == [0, 1, 2, 0, 1, 2] and len(perm) == 3

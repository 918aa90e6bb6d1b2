"""The one feature order and the stages of a recovery, on constructed weights whose answer is known."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from toyviz.toy import Run, ToyConfig, batch_loss
from toyviz.toy.experiments import constructed_asymmetry
from toyviz.toy.recovery import find_recovery, recovery_stages
from toyviz.toy.specimen import order_features, relabel, symmetric_failure

N = 7


def at_degrees(*degrees):
    a = np.radians(degrees)
    return np.stack([np.cos(a), np.sin(a)])


def test_order_is_counter_clockwise_from_the_top_with_the_dead_last():
    W = np.c_[at_degrees(0, 120, 60, 300, 180, 240), [0.0, 0.01]]     # feature 6 dead
    order = order_features(W)
    assert order.tolist() == [1, 4, 5, 3, 0, 2, 6]                   # 120°, 180°, 240°, 300°, 0°, 60°, dead


def test_order_from_the_unlearnt_features_direction_puts_its_neighbours_first_and_last():
    # a hexagon at 30° + 60°k; the unlearnt feature will point at 0°, between the vertices at 30° and 330°
    W = np.c_[at_degrees(90, 30, 210, 330, 150, 270), [0.0, 0.0]]
    order = order_features(W, reference=np.array([1.0, 0.0]))
    angles = np.degrees(np.arctan2(W[1, order[:-1]], W[0, order[:-1]])) % 360
    assert np.allclose(angles, [30, 90, 150, 210, 270, 330]) and order[-1] == 6
    W1, W3, W6 = W[:, order[0]], W[:, order[2]], W[:, order[5]]
    assert np.allclose(W1 + W6, [np.sqrt(3), 0])                       # W₁, W₆ flank W₇'s direction (the post's W₇ ∝ W₆ + W₁)
    assert np.allclose(W3, -W6)                                        # W₃ is W₆'s mirror, as in the post
    (W_new,) = relabel(order, W)
    assert np.array_equal(W_new, W[:, order])


def test_dead_features_keep_their_old_order_at_the_end():
    W = np.c_[[0.0, 0.0], at_degrees(45, 135), [0.01, 0.0], at_degrees(270)]
    assert order_features(W).tolist() == [2, 4, 1, 0, 3]               # 135°, 270°, 45°, then dead 0, 3


def constructed_recovery():
    """A 10-checkpoint history with known stages: learning (0, 1), Symmetric Failure (2, 3), W₁, W₆
    shortened so the learnt lengths spread by 20 % (4, 5) while b₇ rises to its peak 0.25 (5), b₇
    falling 0.15 below it (6), W₇ learnt but loss still 1e-2 (7), recovered (8, 9)."""
    W_sf, b_sf = constructed_asymmetry(N)                            # W₇ = 0, b₇ = 1/7: the plateau
    W = np.repeat(W_sf[None], 10, axis=0)
    b = np.repeat(b_sf[None], 10, axis=0)
    W[:2] *= 0.5
    W[4:, :, [0, 5]] *= 0.8
    b[4:7, 6] = (0.2, 0.25, 0.1)
    W[7:, :, 6] = (0.5, 0.0)
    b[7:, 6] = -0.1
    loss = batch_loss(W, b)
    loss[7:] = (1e-2, 5e-5, 5e-5)
    return W, b, loss


def test_the_hand_built_symmetric_failure_is_already_in_the_site_order():
    W, b = constructed_asymmetry(N)
    assert order_features(W, reference=W[:, 0] + W[:, 5]).tolist() == list(range(N))


def test_recovery_stages_of_a_constructed_history():
    W, b, loss = constructed_recovery()
    assert abs(loss[2] / ((N - 1) / N ** 3) - 1) < 1e-9                # the hand-built plateau's loss
    assert recovery_stages(W, b, loss, np.arange(10)) == {"symmetric_failure": 2, "skew": 4, "w7_grows": 6,
                                                           "recovered": 8}


def test_recovery_stages_missing_a_stage_is_none():
    W, b, loss = constructed_recovery()
    loss[7:] = 1e-2                                                   # never reaches loss ≤ 1e-4
    assert recovery_stages(W, b, loss, np.arange(10)) is None
    W, b, loss = constructed_recovery()
    b[4:, 6] = 0.25                                                   # b₇ never falls below its peak
    assert recovery_stages(W, b, loss, np.arange(10)) is None


def test_find_recovery_numbers_from_w7s_final_direction():
    # the constructed history under a shuffled feature order: the unlearnt feature at index 3
    W, b, loss = constructed_recovery()
    W[7:, :, 6] = 0.5 * at_degrees(-10)[:, 0]                         # W₇ ends at −10°, between W₁ and W₆
    shuffle = np.array([4, 2, 6, 3, 0, 5, 1])                         # new index i holds old feature shuffle[i]
    W_s, b_s = W[..., shuffle], b[..., shuffle]
    run = Run(config=ToyConfig(n=N, n_seeds=1, steps=9), seeds=np.array([5]), lr=np.full(1, 1e-3, np.float32),
              steps=np.arange(10), W_hist=W_s[None].astype(np.float32), b_hist=b_s[None].astype(np.float32),
              loss_hist=loss[None], seconds=0.0)
    k, order = find_recovery(run, labels=np.array(["asymmetric_recovery"]))
    assert k == 0 and order.tolist() == np.argsort(shuffle).tolist()  # the constructed numbering, recovered


def test_symmetric_failure_searched_among_the_first_seeds_only():
    # five seeds in the shape with different losses
    W_sf, b_sf = constructed_asymmetry(N)
    W = np.repeat(np.repeat(W_sf[None, None], 2, axis=1), 4, axis=0).astype(np.float32)
    b = np.repeat(np.repeat(b_sf[None, None], 2, axis=1), 4, axis=0).astype(np.float32)
    W, b = np.repeat(W[:1], 5, axis=0), np.repeat(b[:1], 5, axis=0)
    loss = np.array([[0.3, 0.0170], [0.3, 0.0190], [0.3, 0.0176], [0.3, 0.0200], [0.3, 0.0180]])
    run = Run(config=ToyConfig(n=N, n_seeds=5, steps=100), seeds=np.arange(5), lr=np.full(5, 1e-3, np.float32),
              steps=np.array([0, 100]), W_hist=W, b_hist=b, loss_hist=loss)
    every, first = symmetric_failure(run, 100), symmetric_failure(run, 100, search=3)
    assert (every.index, first.index) == (4, 2)                        # median of five (0.0180), of three (0.0176)
    assert every.in_shape == first.in_shape == 5 and first.batch == 5


def test_the_playgrounds_order_is_the_same_function():
    """docs/javascripts/playground/toy.js's `orderFeatures` (run by node) against `order_features` on
    random weights with random dead features."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    source = (Path(__file__).parents[2] / "docs/javascripts/playground/toy.js").read_text()
    function = re.search(r"function orderFeatures[\s\S]*?\n  }\n", source).group(0)
    script = (f"const orderFeatures = {function.replace('function orderFeatures', 'function')};\n"
              "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "console.log(JSON.stringify(cases.map(([W, n, dead]) => orderFeatures(W, n, dead))));")
    rng = np.random.default_rng(0)
    cases = []
    for _ in range(300):
        n = int(rng.integers(3, 13))
        cases.append((rng.normal(size=(2, n)), rng.random(n) < 0.2))
    payload = json.dumps([(W.ravel().tolist(), W.shape[1], dead.tolist()) for W, dead in cases])
    out = subprocess.run([node, "-e", script], input=payload, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [order_features(W, dead).tolist() for W, dead in cases]

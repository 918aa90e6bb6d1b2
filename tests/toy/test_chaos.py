"""Chaos measurements: the Lyapunov estimator on maps with known exponents, the float64 training map
against torch autograd and the float32 kernel, box counting on shapes of known dimension, and the
outcome map / zoom machinery on small grids."""
import math

import numpy as np
import pytest
import torch

from toyviz.toy import ToyConfig, train
from toyviz.toy import chaos, fractal, lyapunov
from toyviz.toy.data import init_weights
from toyviz.toy.train_torch import loss_per_seed


# --- the estimator on known maps -------------------------------------------------------------------

def test_benettin_logistic_map_at_r4_gives_ln2():
    step = lambda x, t: 4.0 * x * (1.0 - x)
    x0 = np.random.default_rng(1).uniform(0.1, 0.9, size=(16, 1))
    r = lyapunov.benettin(step, x0, steps=20_000, every=1, d0=1e-9)
    lam = lyapunov.window_exponent(r["log_growth"], np.ones_like(r["log_growth"], bool), 1)
    assert np.abs(lam - math.log(2)).max() < 0.03
    assert abs(lam.mean() - math.log(2)) < 0.01


def test_benettin_linear_map_gives_log_of_largest_eigenvalue():
    rng = np.random.default_rng(2)
    Q = np.linalg.qr(rng.standard_normal((4, 4)))[0]
    A = Q @ np.diag([1.3, -0.9, 0.5, 0.2]) @ np.linalg.inv(Q)
    step = lambda x, t: x @ A.T
    r = lyapunov.benettin(step, np.zeros((8, 4)), steps=600, every=5, d0=1e-6)   # at the fixed point 0
    mask = np.zeros_like(r["log_growth"], bool)
    mask[:, 20:] = True                                             # after the direction has aligned
    assert np.allclose(lyapunov.window_exponent(r["log_growth"], mask, 5), math.log(1.3), atol=1e-6)
    assert lyapunov.log_spectral_radius(lyapunov.jacobian(step, np.ones(4), 0)) == pytest.approx(math.log(1.3), abs=1e-8)


def test_benettin_contracting_map_is_negative():
    step = lambda x, t: 0.5 * x
    r = lyapunov.benettin(step, np.ones((3, 2)), steps=50, every=5)
    assert np.allclose(r["log_growth"] / 5, math.log(0.5))


# --- the float64 training map -------------------------------------------------------------------------

@pytest.mark.parametrize("optimizer", ["adamw", "adam", "sgd"])
def test_toy_step_matches_torch_optim_in_float64(optimizer):
    c = ToyConfig(n=7, n_seeds=6, steps=40, optimizer=optimizer, lr=1e-2)
    W0, b0 = (a.astype(np.float64) for a in init_weights(c))
    W, b = torch.tensor(W0, requires_grad=True), torch.tensor(b0, requires_grad=True)
    cls = {"adamw": torch.optim.AdamW, "adam": torch.optim.Adam, "sgd": torch.optim.SGD}[optimizer]
    opt = cls([W, b], lr=c.lr, weight_decay=c.wd)
    step = lyapunov.toy_step(c, c.lr)
    x = lyapunov.pack(W0, b0)
    for t in range(c.steps):
        opt.zero_grad()
        loss_per_seed(W, b).sum().backward()
        opt.step()
        x = step(x, t)
    Wn, bn = lyapunov.unpack(x, 2, 7)
    np.testing.assert_allclose(Wn, W.detach().numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(bn, b.detach().numpy(), rtol=0, atol=1e-12)


def test_gradient_matches_autograd():
    c = ToyConfig(n=6, n_seeds=5)
    W0, b0 = (a.astype(np.float64) for a in init_weights(c))
    b0 = b0 + np.random.default_rng(0).normal(0, 0.3, b0.shape)
    W, b = torch.tensor(W0, requires_grad=True), torch.tensor(b0, requires_grad=True)
    loss_per_seed(W, b).sum().backward()
    gW, gb = lyapunov.gradient(W0, b0)
    np.testing.assert_allclose(gW, W.grad.numpy(), atol=1e-14)
    np.testing.assert_allclose(gb, b.grad.numpy(), atol=1e-14)


def test_toy_step_matches_the_float32_kernel_with_a_learning_rate_per_seed():
    c = ToyConfig(n=7, n_seeds=40, steps=300, log_points=2)
    lr = np.geomspace(1e-4, 3e-2, 40)
    run = train(c, lr=lr)
    x = lyapunov.pack(*init_weights(c))
    step = lyapunov.toy_step(c, lr)
    for t in range(c.steps):
        x = step(x, t)
    W, b = lyapunov.unpack(x, 2, 7)
    assert np.abs(W - run.W).max() < 1e-4
    assert np.abs(b - run.b).max() < 1e-4


def test_jacobian_of_toy_step_matches_autograd():
    c = ToyConfig(n=7, n_seeds=1, lr=1e-2)
    x = lyapunov.pack(*init_weights(c))[0]
    step = lyapunov.toy_step(c, c.lr)
    for t in range(30):
        x = step(x, t)
    P = 21
    J = lyapunov.jacobian(step, x, 30, lyapunov.toy_fd_steps(x, P))

    # autograd reference: the same AdamW step written in torch
    xt = torch.tensor(x, requires_grad=True)

    def torch_step(s):
        W, b = s[:14].reshape(2, 7), s[14:21]
        g = torch.autograd.grad(loss_per_seed(W[None], b[None]).sum(), (W, b), create_graph=True)
        g = torch.cat([g[0].reshape(-1), g[1]])
        th, mo, vo = s[:P], s[P:2 * P], s[2 * P:]
        mo = 0.9 * mo + 0.1 * g
        vo = 0.999 * vo + 0.001 * g * g
        bc1, bc2s = 1 - 0.9 ** 31, (1 - 0.999 ** 31) ** 0.5
        th = th * (1 - c.lr * c.wd) - (c.lr / bc1) * mo / (vo.sqrt() / bc2s + c.eps)
        return torch.cat([th, mo, vo])
    Jt = torch.autograd.functional.jacobian(torch_step, xt).numpy()
    np.testing.assert_allclose(torch_step(xt).detach().numpy(), step(x, 30), atol=1e-13)
    assert np.abs(J - Jt).max() < 1e-5 * np.abs(Jt).max()


# --- box counting ---------------------------------------------------------------------------------

def test_box_dimension_of_a_tilted_line_is_one():
    y, x = np.mgrid[:512, :512]
    assert fractal.box_dimension(fractal.boundary(y < 0.37 * x + 40)) == pytest.approx(1.0, abs=0.02)


def test_boundary_of_a_filled_square_and_disc_is_one():
    y, x = np.mgrid[:512, :512]
    for shape in ((abs(x - 256) < 150) & (abs(y - 256) < 150), (x - 256) ** 2 + (y - 256) ** 2 < 180 ** 2):
        assert fractal.box_dimension(fractal.boundary(shape)) == pytest.approx(1.0, abs=0.05)


def test_sierpinski_triangle_gives_log3_over_log2():
    n = 1024
    i, j = np.mgrid[:n, :n]
    tri = (i & j) == 0                     # Pascal's triangle mod 2: the Sierpinski gasket
    assert fractal.box_dimension(tri) == pytest.approx(math.log(3) / math.log(2), abs=0.02)


def test_random_noise_boundary_fills_the_plane():
    labels = np.random.default_rng(0).random((512, 512)) < 0.5
    # a quarter of single pixels have no differing neighbour, every box of 2 × 2 or more has one: 1.95
    assert fractal.box_dimension(fractal.boundary(labels)) == pytest.approx(2.0, abs=0.06)


def test_interval_spread_over_points():
    iv = fractal.interval([1.0, 1.2, 1.4, float("nan")])
    assert iv["count"] == 3 and iv["mean"] == pytest.approx(1.2)
    assert iv["low"] == pytest.approx(1.2 - 4.303 * 0.2 / math.sqrt(3))
    assert fractal.interval([])["mean"] is None


# --- maps and zooms -----------------------------------------------------------------------------------

def test_map_pixel_equals_the_same_run_trained_alone():
    win = chaos.Window(chaos.Plane(steps=300), 0.0, 0.05, -3.0, -1.5, side=8)
    res = chaos.outcome_map(win)
    xs, ys = win.axes()
    i, j = 5, 2
    W0, b0 = win.plane.starts(xs[[j]])
    alone = train(win.plane.toy_config(1), init=(W0, b0), lr=[10 ** ys[i]])
    assert res["splay"][i, j] == pytest.approx(float(np.linalg.norm(alone.W[0], axis=0).sum()), rel=1e-6)
    assert res["code"].dtype == np.uint8 and res["learnt"].shape == (8, 8)


def test_constructed_plane_starts_are_the_posts_construction():
    from toyviz.toy.experiments import constructed_asymmetry
    W, b = chaos.Plane().starts(np.array([0.0, 0.03]))
    W1, b1 = constructed_asymmetry(7, delta_b=0.03)
    np.testing.assert_allclose(W[1], W1)
    np.testing.assert_allclose(b[1], b1)


def test_zoom_windows_shrink_tenfold_around_drawn_boundary_pixels():
    zc = chaos.ZoomConfig(points=3, levels=3, side=32)
    level0 = {"learnt": np.arange(32)[None, :].repeat(32, 0) >= 7, "ever_dead": np.ones((32, 32), bool),
              "x": np.linspace(0, 1, 32), "log_lr": np.linspace(-4, -1, 32)}
    centres = chaos.zoom_centres(zc, level0)
    assert np.allclose(centres[:, 0], level0["x"][6])                # every boundary pixel is in column 6
    assert np.array_equal(centres, chaos.zoom_centres(zc, level0))   # seeded: same draw again
    with pytest.raises(ValueError, match="no 'perfect' boundary"):
        chaos.zoom_centres(chaos.ZoomConfig(boundary="perfect", side=32), level0)


def test_each_level_recentres_on_the_boundary_the_level_above_resolves(monkeypatch):
    """A straight boundary at 0.4321 of the plane's width, through no pixel centre: a zoom that kept
    the level-0 centre would leave it once a window is narrower than a pixel; re-centred, every level
    contains it."""
    zc = chaos.ZoomConfig(points=2, levels=5, side=32)
    edge = zc.level0().x0 + 0.4321 * (zc.level0().x1 - zc.level0().x0)

    def fake_map(win, progress=None):
        xs, ys = win.axes()
        return {"learnt": np.broadcast_to(xs >= edge, (win.side, win.side)), "ever_dead": np.ones((win.side,) * 2, bool),
                "x": xs, "log_lr": ys}
    monkeypatch.setattr(chaos, "outcome_map_cached", fake_map)
    base = zc.level0()
    level0 = fake_map(base)
    for row in chaos.zoom_windows(zc, level0):
        assert row[0] == base and len(row) == zc.levels
        for L, w in enumerate(row):
            assert (w.x1 - w.x0) == pytest.approx((base.x1 - base.x0) / zc.factor ** L)
            assert w.x0 < edge < w.x1                                  # the boundary is in every window
    fixed = base.zoom(*chaos.zoom_centres(zc, level0)[0], zc.factor ** 4)
    assert not fixed.x0 < edge < fixed.x1                              # what a fixed centre would show


def test_bad_inputs_raise_value_errors():
    with pytest.raises(ValueError):
        chaos.Plane(kind="spiral")
    with pytest.raises(ValueError):
        chaos.Window(side=4)
    with pytest.raises(ValueError):
        chaos.ZoomConfig(boundary="pretty")


def test_exponent_windows_follow_each_seeds_plateau():
    res = chaos.plain_exponents(chaos.PlainLyapunovConfig(n_seeds=12, steps=3000))
    had = np.isfinite(res["plateau"])
    assert had.any() and (~had).any()                         # some seeds lose a feature, some never do
    assert np.all(np.isnan(res["recovery"][~had]))            # no plateau, no recovery
    assert np.all(np.isfinite(res["linear"][had]))            # the linearised rate exists on every plateau
    assert np.all(np.isfinite(res["end"]))


def test_command_prints_strict_json_and_rejects_bad_input(capsys, tmp_path, monkeypatch):
    import json
    from toyviz.cli import main
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path))
    assert main(["chaos", "map", "--side", "8", "--steps", "50", "--no-progress"]) == 0
    report = json.loads(capsys.readouterr().out)                   # json.loads accepts NaN: check the text too
    assert report["pixels"] == 64 and sum(report["outcomes"].values()) == 64
    assert report["perfect_dimension"] is None                     # no "perfect" boundary on the post's plane
    out = tmp_path / "lyap.json"
    assert main(["chaos", "lyapunov", "--plain-seeds", "4", "--steps", "300", "--json", str(out)]) == 0
    assert capsys.readouterr().err.startswith("wrote ")
    text = out.read_text()
    assert "NaN" not in text and json.loads(text)["plateau"]["count"] >= 0
    for bad in (["chaos", "map", "--side", "4"], ["chaos", "zoom", "--boundary", "pretty"],
                ["chaos", "map", "--precision", "float16"], ["chaos", "lyapunov", "--every", "0"]):
        assert main(bad) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("toyviz chaos: error:") and "\n" not in err


# --- what the interactive map hands the playground -----------------------------------------------------

def test_tile_starts_are_the_exact_inputs_of_each_pixels_run(tmp_path):
    """chaos_tiles' per-tile learning rates (rows, bottom to top) and, on the plain plane, cos α and
    sin α (columns) decode to the very float64 values outcome_map trains with and Plane.starts mixes."""
    import base64
    import importlib.util
    import json
    from pathlib import Path
    from toyviz import quality
    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("chaos_tiles", root / "figures_src/beyond/chaos_tiles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path, quality.get("smoke"))
    decode = lambda text: np.frombuffer(base64.b64decode(text), "<f8")
    index = json.loads((tmp_path / "chaos_tiles.json").read_text())
    for b in index["boundaries"]:
        zc = chaos.zoom_config(b["boundary"], quality.get("smoke"))
        rows = chaos.zoom_windows(zc, chaos.outcome_map_cached(zc.level0()))
        starts = json.loads((tmp_path / b["starts"]).read_text())["tiles"]
        assert len(starts) == len(b["tiles"]) and b["run"]["record"] == zc.plane.record.tolist()
        for tile, st in zip(b["tiles"], starts):
            win = rows[tile["point"]][tile["level"]]
            assert (tile["x0"], tile["x1"], tile["y0"], tile["y1"]) == (win.x0, win.x1, win.y0, win.y1)
            x, lr = (v.reshape(win.side, win.side) for v in win.pixels())
            assert np.array_equal(decode(st["lr"]), lr[:, 0]) and (lr == lr[:, :1]).all()
            if b["plane"] == "plain":
                W, _ = zc.plane.starts(x.ravel())                       # cos α·W_a + sin α·W_b
                Wab, _ = init_weights(ToyConfig(n=zc.plane.n, n_seeds=2, seed=zc.plane.seed))
                c, s = decode(st["cos"]), decode(st["sin"])
                mixed = c[None, :, None, None] * Wab[0].astype(np.float64) + s[None, :, None, None] * Wab[1].astype(np.float64)
                assert np.array_equal(W.reshape(win.side, win.side, 2, -1), np.broadcast_to(mixed, (win.side,) + mixed.shape[1:]))

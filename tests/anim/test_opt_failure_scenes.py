"""The Optimization Failure scenes: each constructs and plays through (Manim's dry run, at a tiny
frame size and frame rate so that it is quick), lasts 10–25 s, is listed by the scene catalogue with
its topic, and one renders for real to a small mp4 with the expected size."""
from __future__ import annotations

import inspect

import numpy as np
import pytest

manim = pytest.importorskip("manim")

from toyviz.anim import opt_failure  # noqa: E402
from toyviz.anim.render import frame_at, render_scene  # noqa: E402
from toyviz.toy.analysis import symmetric_failure_shape  # noqa: E402

SCENES = ["AsymmetricUpdates", "TiltingHexagon", "TrainingRun"]
TINY = {"dry_run": True, "frame_rate": 2, "pixel_height": 72, "pixel_width": 128, "verbosity": "ERROR",
        "progress_bar": "none", "disable_caching": True, "notify_outdated_version": False}


@pytest.mark.parametrize("name", SCENES)
def test_scene_plays_through(name):
    cls = getattr(opt_failure, name)
    with manim.tempconfig(TINY):
        scene = cls()
        scene.render()
        length = float(scene.renderer.time)
    assert 10.0 <= length <= 25.0
    assert cls.TOPIC == "opt_failure"
    assert inspect.getdoc(cls).splitlines()[0].strip()


def test_catalogue_would_list_them():
    # the catalogue's rule (toyviz.anim.scenes), without importing every other topic's module
    from toyviz.anim import scenes
    assert "opt_failure" not in scenes.NOT_SCENES and "mobjects" in scenes.NOT_SCENES
    found = sorted(name for name, cls in vars(opt_failure).items()
                   if inspect.isclass(cls) and issubclass(cls, manim.Scene)
                   and cls.__module__ == opt_failure.__name__ and not name.startswith("_"))
    assert found == sorted(SCENES)


def test_data_is_found_by_code():
    W, b, seed, step = opt_failure.symmetric_failure_checkpoint()
    assert np.linalg.norm(W[:, 6]) < 0.1 and abs(b[6] - 1 / 7) < 0.1 / 7          # W₇ dead, b₇ ≈ 1/7
    sp = opt_failure.recovery_specimen()
    shape = symmetric_failure_shape(sp.W, sp.b)
    assert shape.any() and sp.loss[-1] < 1e-4 and np.linalg.norm(sp.W[-1, :, 6]) > 0.5  # SF, then recovered


def test_one_real_render(tmp_path):
    out = render_scene(opt_failure.TrainingRun, tmp_path / "run.mp4", 90, 3)
    assert out.stat().st_size > 10_000
    png = frame_at(out, tmp_path / "last.png")
    from PIL import Image
    assert Image.open(png).size == (160, 90)

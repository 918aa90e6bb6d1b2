"""The Optimization Failure scenes: each constructs and plays through (Manim's dry run, at a tiny
frame size and frame rate so that it is quick), lasts 10–25 s, is listed by the scene catalogue with
its topic, replays the showcase's data (the columns on screen at a known record are that record's),
and one renders for real to a small mp4 with the expected size."""
from __future__ import annotations

import inspect

import numpy as np
import pytest

manim = pytest.importorskip("manim")

from toyviz.anim import opt_failure  # noqa: E402
from toyviz import quality as qualities  # noqa: E402
from toyviz.anim.render import frame_at, render_scene  # noqa: E402
from toyviz.toy import showcase  # noqa: E402
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


def test_scenes_replay_the_showcase():
    sf = showcase.symmetric_failure(qualities.get(opt_failure.TiltingHexagon.QUALITY))
    assert np.linalg.norm(sf.W[:, 6]) < 0.1 and abs(sf.b[6] - 1 / 7) < 0.1 / 7          # W₇ dead, b₇ ≈ 1/7
    sp = showcase.recovery()
    shape = symmetric_failure_shape(sp.W_hist, sp.b_hist)
    assert shape.any() and sp.loss_hist[-1] < 1e-4 and np.linalg.norm(sp.W_hist[-1, :, 6]) > 0.5  # SF, then recovered
    source = inspect.getsource(opt_failure)
    assert "train(" not in source and "train_cached(" not in source                       # no scene trains


def played(cls):
    """A scene played through in Manim's dry run: its mobjects stay inspectable."""
    with manim.tempconfig(TINY):
        scene = cls()
        scene.render()
    return scene


def tips(scene) -> np.ndarray:
    """Where each column arrow ends on screen (the tip of its coloured part), (n, 2)."""
    return np.array([col.parts[-1][1].points[0][:2] for col in scene.cols])


def show_record(scene, i: int) -> None:
    """Move the scene's playback clock exactly onto record i and redraw."""
    scene.playback.set_value(scene.clock[i])
    scene.movers.update(0)


def test_training_run_frames_show_the_recorded_columns():
    scene, sp = played(opt_failure.TrainingRun), showcase.recovery()
    W = sp.W_hist.astype(float)
    expected = lambda i: np.array([scene.plane(W[i, :, j])[:2] for j in range(W.shape[-1])])
    assert np.allclose(tips(scene), expected(-1), atol=1e-6)                   # the last frame: the end of the run
    for stage in ("symmetric_failure", "w7_grows"):
        show_record(scene, sp.stages[stage])
        assert np.allclose(tips(scene), expected(sp.stages[stage]), atol=1e-6)
    show_record(scene, sp.stages["symmetric_failure"])                          # W₇ ≈ 0 sits at the origin there
    assert np.linalg.norm(tips(scene)[-1] - scene.plane([0, 0])[:2]) < 0.1 * scene.SCALE


def test_asymmetric_updates_shows_w7_and_labels_it_in_its_gap():
    scene, d = played(opt_failure.AsymmetricUpdates), showcase.asymmetric_updates(smooth=opt_failure.AsymmetricUpdates.SMOOTH)
    show_record(scene, 0)                                                       # the start: W₇ = 0
    origin = scene.plane([0, 0])[:2]
    assert np.allclose(tips(scene), [scene.plane(w)[:2] for w in d["W"][0].T], atol=1e-6)
    assert scene.dot.get_fill_opacity() == 1.0 and np.allclose(scene.dot.get_center()[:2], origin, atol=1e-6)
    # W₇'s label sits in the gap between W₁ and W₆ (no other column there) and on top of the drawing
    angle = lambda p: np.arctan2(p[1] - origin[1], p[0] - origin[0])
    label7, W1, W6 = angle(scene.names[6].get_center()), angle(tips(scene)[0]), angle(tips(scene)[5])
    assert np.mod(label7 - W6, 2 * np.pi) < np.mod(W1 - W6, 2 * np.pi) < np.pi
    others = [m.get_center()[:2] for m in scene.names[:6]]
    assert min(np.linalg.norm(p - scene.names[6].get_center()[:2]) for p in others) > scene.names[6].width
    assert scene.movers.submobjects[-1] is scene.names[6]
    # every record's columns stay inside the frame, and at their widest they span most of its height
    left, right, bottom, top = scene.REGION
    spans = []
    for i in range(0, len(d["steps"]), 10):
        show_record(scene, i)
        t = tips(scene)
        assert (t[:, 0] >= left).all() and (t[:, 0] <= right).all() and (t[:, 1] >= bottom).all() and (t[:, 1] <= top).all()
        spans.append(max(np.ptp(t[:, 0]) / (right - left), np.ptp(t[:, 1]) / (top - bottom)))
    assert max(spans) > 0.6
    show_record(scene, len(d["steps"]) - 1)                                     # the end: W₇ learnt, its label on it
    tip7 = tips(scene)[6]
    assert np.linalg.norm(d["W"][-1, :, 6]) > 0.5 and scene.dot.get_fill_opacity() == 0.0
    assert np.linalg.norm(scene.names[6].get_center()[:2] - tip7) < 0.8


def test_one_real_render(tmp_path):
    out = render_scene(opt_failure.TrainingRun, tmp_path / "run.mp4", 90, 3)
    assert out.stat().st_size > 10_000
    png = frame_at(out, tmp_path / "last.png")
    from PIL import Image
    assert Image.open(png).size == (160, 90)

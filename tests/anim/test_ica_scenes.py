"""The ICA scenes (toyviz/anim/ica.py, ica_updates.py): each one runs through Manim's dry-run mode
(every updater called, nothing drawn) at a low frame rate, lasts 8–25 s, ends with its texts inside
the frame and off the planes of data, and is listed with topic "ica"; one real tiny render writes a
playable video. (Texts crossing texts or lines while a video plays: tests/figures/test_scene_collisions.py.)"""
from __future__ import annotations

import inspect

import numpy as np
import pytest
from manim import DL, UR, Scene, tempconfig

import toyviz.anim.ica as ica
import toyviz.anim.ica_updates as ica_updates

SCENES = [cls for mod in (ica, ica_updates) for name, cls in vars(mod).items()
          if inspect.isclass(cls) and issubclass(cls, Scene) and cls.__module__ == mod.__name__
          and not name.startswith("_")]
QUIET = {"verbosity": "ERROR", "progress_bar": "none", "disable_caching": True, "notify_outdated_version": False}


def test_every_video_has_a_scene_with_topic_and_summary():
    assert len(SCENES) == 14   # the ICA table of FIGURES.md has 14 videos (the issue says 15)
    for cls in SCENES:
        assert cls.TOPIC == "ica"
        assert (cls.__doc__ or "").strip().splitlines()[0]


def _text_boxes(scene) -> list[tuple[str, np.ndarray]]:
    """Each text on screen (every `Text`, and each readout as one block) as (its text, (x0, y0, x1, y1))."""
    from manim import Text

    from toyviz.anim.mobjects import Readout
    seen, out = set(), []
    for top in scene.mobjects:
        for m in top.get_family():
            if id(m) in seen or not isinstance(m, (Text, Readout)) or not len(m.get_all_points()):
                continue
            seen.update(id(sub) for sub in m.get_family())
            name = m.text if isinstance(m, Text) else "readout"
            out.append((name, np.r_[m.get_corner(DL)[:2], m.get_corner(UR)[:2]]))
    assert out
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("cls", SCENES, ids=[c.__name__ for c in SCENES])
def test_scene_dry_run(cls, tmp_path):
    """Plays through; at its end (the verdict on screen) every text lies inside the frame and none lies
    on a plane of data (where data points, which are no lines, and columns are drawn). Its own media folder:
    Manim caches a Text's outlines by its string alone, and a test on tiny frames leaves them clipped."""
    from manim import config
    with tempconfig({**QUIET, "dry_run": True, "frame_rate": 1, "media_dir": str(tmp_path)}):
        scene = cls()
        scene.render()
        assert 8.0 <= scene.renderer.time <= 25.0
        w, h = config.frame_width / 2, config.frame_height / 2
        boxes = _text_boxes(scene)
    for name, b in boxes:
        assert -w <= b[0] and b[2] <= w and -h <= b[1] and b[3] <= h, f"{name!r} leaves the frame: {b}"
    for area in scene.data_areas:
        for name, b in boxes:
            assert not _overlap(b, area), f"{name!r} lies on a data plane"


def test_tiny_render(tmp_path):
    from toyviz.anim.render import frame_at, render_scene
    out = render_scene(ica.LearningAPerfect, tmp_path / "perfect.mp4", 90, 2)
    assert out.stat().st_size > 0
    png = frame_at(out, tmp_path / "last.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_best_effort_scenes_draw_the_selected_A_with_the_error_they_plot(tmp_path, monkeypatch):
    """The verdict names the step the criterion selects (its maximum), the plotted error there, and
    the least error beside it; the columns are coloured by the A at that step."""
    import dataclasses

    import numpy as np

    from toyviz.ica import experiment, run_experiment
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path))
    config = dataclasses.replace(experiment("E6.2-archetypes"), steps=60, seeds=(0,))
    run = run_experiment(config)
    mean, worst = run.errors()
    step = int(run.selected.step[0])
    crit = run.criterion[0]
    assert step == run.record_steps[int(np.nanargmax(crit))]
    text = ica.LearningA.verdict(object.__new__(ica.LearningA), run, config, step, mean, worst)
    assert f"selected (criterion, step {step}): {mean[step]:.1f}° mean, {worst[step]:.1f}° worst" in text
    least = int(run.oracle.step[0])
    assert f"least error (needs A_true, step {least}): {mean[least]:.1f}°" in text
    assert mean[least] == mean.min() and f"end: {mean[-1]:.1f}°" in text


def _tips_on_screen(cols) -> np.ndarray:
    """Where each drawn column's arrowhead points, in scene coordinates (k, 3): the head vertex
    farthest from the plane's origin."""
    o = cols.plane([0, 0])
    heads = [arrow.parts[-1][1].points for arrow in cols.arrows]
    return np.array([h[np.argmax(np.linalg.norm(h - o, axis=1))] for h in heads])


@pytest.mark.parametrize("cls", [ica.LearningAPerfect, ica.LearningABestEffort4Singleton],
                         ids=["final-A", "selected-A"])
def test_frame_shows_each_column_where_the_run_has_it(cls):
    """After the scene, the arrows stand at the specimen's A at the step it shows (the last step, or
    the step the rule selected); during playback, at the playback time of step s they stand at A at
    step s (× the stated zoom)."""
    from toyviz.ica import showcase
    with tempconfig({**QUIET, "dry_run": True, "frame_rate": 1}):
        scene = cls()
        scene.render()
    t, clock, moving, cols = scene.playback
    run = showcase.specimen(cls.SPECIMEN).run
    end = int(run.selected.step[0])                       # "final" selects the last step
    np.testing.assert_allclose(_tips_on_screen(cols), cols.plane(cols.tips(run.A[0, end])), atol=1e-6)
    T = run.config.steps
    for step in (0, T // 7, T // 2, T):
        t.set_value(float(clock[step]))
        moving.update()
        np.testing.assert_allclose(_tips_on_screen(cols), cols.plane(cols.tips(run.A[0, step])), atol=1e-6,
                                   err_msg=f"step {step}")
    assert not np.allclose(run.A[0, 0], run.A[0, T])     # the columns do move


def test_every_scene_names_a_showcase_specimen():
    from toyviz.ica import showcase
    assert {cls.SPECIMEN for cls in SCENES} == set(showcase.SPECIMENS)

"""Every scene's text legible where the page shows the video: the frame fills the 688 px content
column (tests/figures/test_stills.py), so a text's em must be at least 11 CSS px at that width.

Each scene plays through in Manim's dry run (tiny frames, no file); every `Text` it creates is kept,
and its size is read at the end of the scene (`Text.font_size` follows any later scaling). Scenes
that still fail are listed under [pending] scenes in label_exceptions.toml.
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from unittest import mock

import pytest

manim = pytest.importorskip("manim")

from toyviz.anim.mobjects import FONT  # noqa: E402
from toyviz.anim.scenes import catalogue  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import figlayout  # noqa: E402

SCENES = catalogue()
PENDING = tomllib.loads((Path(__file__).parent / "label_exceptions.toml").read_text())["pending"]
COLUMN_PX, MIN_CSS_PX = 688, 11
CAP_HEIGHT = 0.729      # DejaVu Sans: capital height / em (1493 / 2048 font units)
TINY = {"dry_run": True, "frame_rate": 2, "pixel_height": 72, "pixel_width": 128, "verbosity": "ERROR",
        "progress_bar": "none", "disable_caching": True, "notify_outdated_version": False}


def em_px(font_size: float) -> float:
    """A Manim font size as CSS px of em once the frame is shown `COLUMN_PX` wide."""
    probe = manim.Text("H", font=FONT, font_size=48)
    em_per_size = probe.height / CAP_HEIGHT / 48                   # scene units of em per font-size unit
    return font_size * em_per_size * COLUMN_PX / manim.config.frame_width


def texts_of(scene_cls) -> list:
    """Every Text the scene creates, after it has played through."""
    made, original = [], manim.Text.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)
    with manim.tempconfig(TINY), mock.patch.object(manim.Text, "__init__", init):
        scene_cls().render()
    return made


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENES))
def test_scene_text_legible_in_the_column(name):
    small = sorted({(round(em_px(t.font_size), 1), t.text) for t in texts_of(SCENES[name].cls)
                    if t.text.strip() and em_px(t.font_size) < MIN_CSS_PX})
    figlayout.verdict(PENDING, "scenes", name, [f"{text!r}: {px} CSS px" for px, text in small])

"""`toyviz render` and the scene catalogue: every scene plays through (Manim's dry run at 1 fps: every
updater runs, nothing is drawn) and lasts 8–25 s; one real render per topic; the command writes each
format (mp4, webm, gif, png, png --frame K, a transparent webm) of a tiny test-only scene; bad input is
one line and exit code 2, before anything is written; an interrupted render leaves nothing behind;
and every scene module also renders from Manim's own command line as it is."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

manim = pytest.importorskip("manim")
av = pytest.importorskip("av")

from manim import BLUE, RED, Circle, Create, Square, Transform  # noqa: E402

from toyviz import cli  # noqa: E402
from toyviz.anim import command, scenes  # noqa: E402
from toyviz.anim.mobjects import WhiteScene  # noqa: E402
from toyviz.anim.render import frame_at, render_scene  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CATALOGUE = scenes.catalogue()
DRY = {"dry_run": True, "frame_rate": 1, "pixel_height": 36, "pixel_width": 64, "verbosity": "ERROR",
       "progress_bar": "none", "disable_caching": True, "notify_outdated_version": False}


class TinyTestScene(WhiteScene):
    """A circle drawn, then turned into a square (2.5 s): the test-only scene."""
    TOPIC = "test"

    def construct(self):
        c = Circle(color=BLUE)
        self.play(Create(c), run_time=1.0)
        self.wait(0.5)
        self.play(Transform(c, Square(color=RED)), run_time=1.0)


class InterruptedScene(WhiteScene):
    """Stops half-way as Ctrl-C would."""

    def construct(self):
        self.play(Create(Circle()), run_time=1.0)
        raise KeyboardInterrupt


@pytest.fixture
def tiny(monkeypatch):
    """`toyviz render` sees the test-only scenes as well as the catalogue."""
    extra = {c.__name__: scenes.SceneInfo(c.__name__, "test", __name__, c)
             for c in (TinyTestScene, InterruptedScene)}
    real_get = scenes.get
    monkeypatch.setattr(scenes, "get", lambda name: extra[name] if name in extra else real_get(name))
    return extra


def render(*args) -> int:
    return cli.main(["render", *map(str, args)])


# ------------------------------------------------------------------------------ every scene
def test_catalogue_has_both_topics():
    topics = {info.topic for info in CATALOGUE.values()}
    assert {"opt_failure", "ica"} <= topics
    assert not any(name.endswith("Deck") or name.endswith("Slide") for name in CATALOGUE)   # deck.py is skipped


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_scene_plays_through(name):
    info = CATALOGUE[name]
    with manim.tempconfig(DRY):
        scene = info.cls()
        scene.render()
        length = float(scene.renderer.time)
    assert 8.0 <= length <= 25.0, f"{name} lasts {length} s"
    assert command.summary(info.cls) and len(command.summary(info.cls)) <= 100


def test_list(capsys):
    assert render("--list", "--no-length") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(CATALOGUE) + 1                               # a header, then one line a scene
    for line, info in zip(out[1:], CATALOGUE.values()):
        assert line.split()[:2] == [info.name, info.topic]


@pytest.mark.slow
def test_one_real_render_per_topic(tmp_path):
    # opt_failure through the command itself (low quality, 2 fps), ica through render_scene
    done = subprocess.run([BIN / "toyviz", "render", "TrainingRun", "-q", "low", "--fps", "2", "--quiet",
                           "--out", tmp_path], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    path, size = done.stdout.split()[0], done.stdout.split()[1]
    assert Path(path) == tmp_path / "TrainingRun_low.mp4" and float(size) > 0
    with av.open(path) as c:
        stream = c.streams.video[0]
        assert (stream.height, stream.average_rate) == (480, 2)
    ica = render_scene(CATALOGUE["LearningAPerfect"].cls, tmp_path / "ica.mp4", 90, 2)
    png = frame_at(ica, tmp_path / "ica.png", fraction=0.5)
    from PIL import Image
    assert Image.open(png).size == (160, 90)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["TrainingRun_low.mp4", "ica.mp4", "ica.png"]


# ------------------------------------------------------------------------------ each format
@pytest.mark.parametrize("fmt, extra, mode", [
    ("mp4", [], None), ("webm", [], None), ("gif", [], None), ("png", [], "RGBA"),
    ("png", ["--frame", "3"], "RGB"), ("webm", ["--transparent"], None), ("png", ["--transparent", "--frame", "3"], "RGBA"),
])
def test_each_format(tiny, tmp_path, capsys, fmt, extra, mode):
    out = tmp_path / f"tiny.{fmt}"
    assert render("TinyTestScene", "-q", "low", "--fps", "6", "-f", fmt, *extra, "--out", out) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(f"{out}  ") and printed.endswith("kB")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]               # nothing else left behind
    if fmt == "png":
        from PIL import Image
        image = Image.open(out)
        assert image.size == (854, 480) and image.mode == mode
        if "--frame" in extra and "--transparent" in extra:
            assert image.getpixel((0, 0))[3] == 0                           # the background is transparent
    else:
        with av.open(str(out)) as c:
            stream = c.streams.video[0]
            frames = sum(1 for _ in c.decode(video=0))
        assert stream.height == 480 and 14 <= frames <= 16                  # 2.5 s at 6 fps


def test_frame_k_is_frame_k_of_the_video(tiny, tmp_path):
    assert render("TinyTestScene", "-q", "low", "--fps", "6", "--out", tmp_path / "v.mp4", "--quiet") == 0
    assert render("TinyTestScene", "-q", "low", "--fps", "6", "-f", "png", "--frame", "8", "--out",
                  tmp_path / "f.png", "--quiet") == 0
    frame_at(tmp_path / "v.mp4", tmp_path / "from_video.png", index=8)
    import numpy as np
    from PIL import Image
    a = np.asarray(Image.open(tmp_path / "f.png").convert("RGB"), float)
    b = np.asarray(Image.open(tmp_path / "from_video.png").convert("RGB"), float)
    assert np.abs(a - b).mean() < 3.0                                       # lossless vs. H.264: close


def test_format_from_out_suffix_and_default_name(tiny, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert render("TinyTestScene", "-q", "low", "--fps", "3", "--out", "talk.gif", "--quiet") == 0
    assert render("TinyTestScene", "-q", "low", "--fps", "3", "-f", "png", "--quiet") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["TinyTestScene_low.png", "talk.gif"]


# ------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize("args, says", [
    (["TrainingRn"], "closest: TrainingRun"),
    (["TrainingRun", "-q", "ultra"], "unknown quality 'ultra'"),
    (["TrainingRun", "-f", "avi"], "unknown format 'avi'"),
    (["TrainingRun", "--out", "/nonexistent/x.mp4"], "does not exist"),
    (["--list", "TrainingRun"], "--list does not take a scene name"),
    (["--list", "-q", "high"], "--list does not take --quality"),
    (["--list", "-q", "bad"], "unknown quality"),
    (["TrainingRun", "--no-length"], "--no-length goes with --list"),
    (["TrainingRun", "--out", "/proc/x.mp4"], "cannot write"),
    (["TrainingRun", "--transparent"], "mp4 has no transparency"),
    (["TrainingRun", "--frame", "3"], "--frame K needs --format png"),
    (["TrainingRun", "--out", "x.webm", "-f", "mp4"], "does not end in .mp4"),
    (["TrainingRun", "--fps", "0"], "--fps"),
    ([], "name a scene"),
])
def test_bad_input_is_one_line_and_exit_2(args, says, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert render(*args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0], err
    assert not list(tmp_path.iterdir())


def test_bad_input_from_the_shell(tmp_path):
    done = subprocess.run([BIN / "toyviz", "render", "Hexagon"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == ("toyviz render: error: unknown scene 'Hexagon'; closest: " +
                                   done.stderr.split("closest: ")[1].strip())
    assert "TiltingHexagon" in done.stderr and not list(tmp_path.iterdir())


def test_frame_past_the_end(tiny, tmp_path, capsys):
    assert render("TinyTestScene", "-q", "low", "--fps", "4", "-f", "png", "--frame", "500", "--out",
                  tmp_path / "x.png", "--quiet") == 2
    assert "past the end" in capsys.readouterr().err and not list(tmp_path.iterdir())


def test_interrupted_render_leaves_nothing(tiny, tmp_path, capsys):
    import tempfile
    before = set(Path(tempfile.gettempdir()).glob("toyviz-manim-*"))
    assert render("InterruptedScene", "-q", "low", "--fps", "4", "--out", tmp_path / "x.mp4", "--quiet") == 130
    assert not list(tmp_path.iterdir())
    assert set(Path(tempfile.gettempdir()).glob("toyviz-manim-*")) == before      # its media folder too


# ------------------------------------------------------------------------------ Manim's own CLI
@pytest.mark.slow
@pytest.mark.parametrize("module", sorted({info.module for info in CATALOGUE.values()}))
def test_manim_command_line(module):
    """`manim toyviz/anim/<topic>.py Scene` works as it is, from the project root (a dry run of the
    module's shortest scene, to keep it quick)."""
    path = Path(*module.split(".")).with_suffix(".py")
    name = min((n for n, i in CATALOGUE.items() if i.module == module),
               key=lambda n: ("LearningAPerfect", "TrainingRun", "LearningANormalized").index(n)
               if n in ("LearningAPerfect", "TrainingRun", "LearningANormalized") else 9)
    done = subprocess.run([BIN / "manim", "--dry_run", "--fps", "2", "--disable_caching", "-v", "ERROR",
                           str(path), name], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.parametrize("ffmpeg", [True, False])
@pytest.mark.parametrize("transparent", [False, True])
def test_gif_through_ffmpeg_or_manim(tiny, tmp_path, monkeypatch, ffmpeg, transparent):
    """A gif comes from ffmpeg's two streaming passes when ffmpeg is on the PATH, else from Manim's
    own writer; either way the frames, size and (with --transparent) a clear background."""
    import toyviz.anim.render as r
    if not ffmpeg:
        monkeypatch.setattr(r.shutil, "which", lambda name: None)
    out = tmp_path / "tiny.gif"
    extra = ["--transparent"] if transparent else []
    assert render("TinyTestScene", "-q", "low", "--fps", "6", *extra, "--out", out, "--quiet") == 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    from PIL import Image, ImageSequence
    with Image.open(out) as im:                      # PIL keeps a gif's transparency (PyAV drops it)
        frames = [f.convert("RGBA") for f in ImageSequence.Iterator(im)]
    assert 14 <= len(frames) <= 16 and frames[0].size == (854, 480)
    corner = frames[-1].getpixel((2, 2))
    if transparent:
        assert corner[3] == 0
    else:                                            # white, give or take the H.264 intermediate
        assert corner[3] == 255 and min(corner[:3]) >= 250


def test_shipped_catalogue_is_current():
    """`render --list` reads the catalogue shipped in the package (instant on a fresh install); it must
    describe the scenes as they are now."""
    rows = command.shipped_catalogue()
    assert rows is not None, ("a scene module changed since toyviz/anim/scenes.json was written: run "
                              "python -c 'from toyviz.anim.command import ship_catalogue; ship_catalogue()'")
    assert [r["name"] for r in rows] == list(CATALOGUE)
    for r in rows:
        info = CATALOGUE[r["name"]]
        assert (r["topic"], r["summary"]) == (info.topic, command.summary(info.cls))
        assert 8.0 <= r["seconds"] <= 25.0


def test_measuring_a_scene_leaves_no_text_outlines_behind(tmp_path, monkeypatch):
    """The length dry run draws text on a tiny canvas; Manim would cache those cut outlines under the
    media folder (keyed without the canvas) for a later full-size render to reuse."""
    import manim
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(manim.config, "media_dir", "./media")
    assert command._measure(scenes.catalogue()["TiltingHexagon"]) > 0
    assert not (tmp_path / "media").exists()

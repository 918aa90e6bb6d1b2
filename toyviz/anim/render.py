"""Render a Manim scene class to a video file (and its poster frame) from Python.

Figure scripts and `toyviz render` call `render_scene`; the same scene classes also render from the
`manim` command line (`manim -ql toyviz/anim/<topic>.py SceneName`), so a speaker can use Manim's
own options. Manim writes into a private temporary media folder; only the finished file is moved
to its destination, so an interrupted render leaves nothing half-written behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def render_scene(scene_cls, out: Path, pixel_height: int, fps: int, transparent: bool = False,
                 fmt: str | None = None, progress: bool = False, **scene_kwargs) -> Path:
    """Render `scene_cls` to `out` (.mp4, .webm, .gif or .mov by its suffix); returns `out`.

    Args:
        scene_cls: a `manim.Scene` subclass (tunables as class attributes).
        out: the file to write; its folder must exist.
        pixel_height: frame height in pixels; the width follows Manim's 16:9 frame.
        fps: frames per second.
        transparent: a transparent background (webm, mov or png only).
        progress: show Manim's progress bar.
    """
    from manim import tempconfig

    out = Path(out)
    fmt = fmt or out.suffix.lstrip(".")
    if fmt not in ("mp4", "webm", "gif", "mov", "png"):
        raise ValueError(f"unknown format {fmt!r}; choose mp4, webm, gif, mov or png")
    width = int(round(pixel_height * 16 / 9)) // 2 * 2  # even sizes for the encoder
    with tempfile.TemporaryDirectory(prefix="toyviz-manim-") as media:
        options = {
            "pixel_height": pixel_height, "pixel_width": width, "frame_rate": fps,
            "media_dir": media, "disable_caching": True, "verbosity": "ERROR",
            "progress_bar": "display" if progress else "none", "notify_outdated_version": False, "transparent": transparent,
            "format": fmt if fmt != "png" else None, "write_to_movie": fmt != "png",
            "save_last_frame": fmt == "png", "output_file": "scene",
        }
        if fmt == "mov":
            options["movie_file_extension"] = ".mov"
        with tempconfig(options):
            scene = scene_cls(**scene_kwargs)
            scene.render()
            produced = _find_output(Path(media), fmt)
        tmp = out.with_name(f".tmp-{os.getpid()}-{out.name}")
        shutil.move(str(produced), tmp)
        os.replace(tmp, out)
    return out


def _find_output(media: Path, fmt: str) -> Path:
    suffix = {"png": ".png", "mov": ".mov"}.get(fmt, f".{fmt}")
    hits = [p for p in media.rglob(f"*{suffix}") if "partial_movie_files" not in p.parts]
    if not hits:
        raise RuntimeError(f"Manim produced no {suffix} file")
    return max(hits, key=lambda p: p.stat().st_size)


def frame_at(video: Path, out: Path, index: int | None = None, fraction: float = 1.0) -> Path:
    """Save one frame of `video` as a PNG: frame `index`, or else the frame at `fraction` of its
    length (1.0: the last). Decodes one frame at a time, so a long 1080p video costs no memory."""
    import av

    with av.open(str(video)) as container:
        total = container.streams.video[0].frames or 0
        want = index if index is not None else (int(round(fraction * (total - 1))) if total else None)
        frame = None
        for i, f in enumerate(container.decode(video=0)):
            frame = f
            if want is not None and i >= want:
                break
    if frame is None:
        raise RuntimeError(f"{video} has no frames")
    if index is not None and i < index:
        raise ValueError(f"frame {index} is past the end of the video ({i + 1} frames)")
    frame.to_image().save(out, format="PNG")
    return out


def poster_frame(video: Path, out: Path, at: float = 1.0) -> Path:
    """The poster a page shows before the video plays: the frame at fraction `at` (default: last)."""
    return frame_at(video, out, fraction=at)

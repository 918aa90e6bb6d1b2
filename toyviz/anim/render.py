"""Render a Manim scene class to a video file, a still or its poster frame, from Python.

Figure scripts, `toyviz render` and the slide deck call these; the same scene classes also render from
the `manim` command line (`manim -ql toyviz/anim/<topic>.py SceneName`), so a speaker can use Manim's
own options. Manim writes into a private temporary media folder; only the finished file is moved to its
destination (through a hidden temporary name and an atomic rename), so an interrupted or failed render
leaves nothing half-written behind.
"""
from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

from toyviz.output import atomic_file, move_into_place
from toyviz.processes import scratch

FORMATS = ("mp4", "webm", "gif", "mov", "png")

# Manim's default (one encoder, unbounded frame queue) buffers every frame the encoder has not yet
# taken: a 4k render of a 20 s scene held 16 GB. Two encoders with eight frames each bound that
# memory and overlap encoding with drawing (measured in bench/render_formats.py).
ENCODING = {"max_inflight_encoders": 2, "encoder_queue_size": 8}


class _FrameReached(Exception):
    """Raised from inside the renderer once the wanted frame is drawn: stops the render early."""


def render_scene(scene_cls, out: Path, pixel_height: int, fps: int, transparent: bool = False,
                 fmt: str | None = None, progress: bool = False, frame: int | None = None,
                 total: float | None = None, quality: str | None = None, **scene_kwargs) -> Path:
    """Render `scene_cls` to `out`; returns `out`.

    Args:
        scene_cls: a `manim.Scene` subclass (tunables as class attributes).
        out: the file to write (.mp4, .webm, .gif, .mov or .png); its folder must exist.
        pixel_height: frame height in pixels; the width follows Manim's 16:9 frame.
        fps: frames per second.
        transparent: a transparent background (webm, gif, mov or png; mp4 has no alpha channel).
        fmt: the format, when it is not `out`'s suffix.
        progress: show one progress bar for the whole scene (seconds of video drawn).
        frame: with png: save frame `frame` (0-based, as in the video at `fps`) instead of the last;
            drawn losslessly from the renderer, which stops there.
        total: the scene's length in seconds if known (the progress bar then shows a percentage).
        quality: the build quality ("smoke", "preview", "final") whose prepared data the scene replays:
            set as its class attribute `QUALITY` (scenes whose data depends on it read it).
        scene_kwargs: passed to the scene's constructor.

    Raises:
        ValueError: an unknown format, or `frame` past the scene's end.
    """
    from manim import tempconfig

    out = Path(out)
    if quality is not None:
        scene_cls = type(scene_cls.__name__, (scene_cls,), {"QUALITY": quality})
    fmt = fmt or out.suffix.lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if frame is not None and fmt != "png":
        raise ValueError("a single frame is written as png")
    if fmt == "gif" and shutil.which("ffmpeg"):
        return _render_gif(scene_cls, out, pixel_height, fps, transparent, progress, total, scene_kwargs)
    width = 2 * int(round(pixel_height * 8 / 9))  # 16:9, even for the encoder (480p: 854, as manim -ql)
    grab = frame is not None
    with scratch("manim") as media:
        options = {
            "pixel_height": pixel_height, "pixel_width": width, "frame_rate": fps,
            "media_dir": str(media), "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none",
            "notify_outdated_version": False, "transparent": transparent,
            "format": None if fmt == "png" else fmt, "write_to_movie": fmt != "png",
            "save_last_frame": fmt == "png" and not grab, "output_file": "scene", **ENCODING,
        }
        if fmt == "mov":
            options["movie_file_extension"] = ".mov"
        with tempconfig(options), _progress(progress, total) as bar:
            scene = scene_cls(**scene_kwargs)
            grabbed = _watch(scene.renderer, bar, frame)
            try:
                scene.render()
            except _FrameReached:
                pass
            if grab:
                if "image" not in grabbed:
                    raise ValueError(f"frame {frame} is past the end of the scene "
                                     f"({grabbed['count']} frames at {fps} fps)")
                produced = Path(media) / "frame.png"
                _save_png(grabbed["image"], produced, transparent)
            else:
                produced = _find_output(Path(media), fmt)
        move_into_place(produced, out)
    return out


def _render_gif(scene_cls, out: Path, pixel_height: int, fps: int, transparent: bool, progress: bool,
                total: float | None, scene_kwargs: dict) -> Path:
    """A gif in bounded memory. Manim builds its palette from every decoded frame held at once (14 GB
    for 20 s at 1080p, far more at 4k); here the scene is rendered to the same intermediate Manim
    encodes a gif from (H.264, or lossless QuickTime RLE when transparent), then ffmpeg makes the
    palette and the gif in two streaming passes with Manim's filters."""
    with scratch("gif") as tmp:
        clip = Path(tmp) / ("clip.mov" if transparent else "clip.mp4")
        render_scene(scene_cls, clip, pixel_height, fps, transparent, progress=progress, total=total,
                     **scene_kwargs)
        palette, gif = Path(tmp) / "palette.png", Path(tmp) / "scene.gif"
        alpha = ":reserve_transparent=1" if transparent else ":reserve_transparent=0"
        use = "paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle" + (":alpha_threshold=128" if transparent else "")
        for args in (["-i", clip, "-vf", f"palettegen=stats_mode=diff{alpha}", palette],
                     ["-i", clip, "-i", palette, "-lavfi", f"[0:v][1:v]{use}", gif]):
            subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *map(str, args)], check=True)
        move_into_place(gif, out)
    return out


@contextlib.contextmanager
def _progress(show: bool, total: float | None):
    if not show:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=total, unit="s", dynamic_ncols=True, leave=False, mininterval=0.5, disable=None,
               bar_format=("{l_bar}{bar}| {n:.1f}/{total:.1f} s of video [{elapsed}<{remaining}]" if total
                           else "{desc}{n:.1f} s of video drawn [{elapsed}]"))
    try:
        yield bar
    finally:
        bar.close()


def _watch(renderer, bar, frame: int | None) -> dict:
    """Wrap the renderer's per-frame and per-animation calls: advance `bar` by the seconds of video
    drawn, and keep frame number `frame` (then stop the render). Returns a dict that receives
    'count' (frames so far) and 'image' (the kept frame, RGBA)."""
    seen = {"count": 0}
    if bar is None and frame is None:
        return seen
    add_frame, play = renderer.add_frame, renderer.play

    def sync():
        if bar is not None:
            bar.update(max(0.0, renderer.time - bar.n))

    def watched_add_frame(pixels, num_frames: int = 1):
        before = seen["count"]
        if frame is not None and not renderer.skip_animations and before <= frame < before + num_frames:
            seen["image"] = pixels.copy()
            seen["count"] = frame + 1
            raise _FrameReached
        add_frame(pixels, num_frames)
        if not renderer.skip_animations:
            seen["count"] = before + num_frames
        sync()

    def watched_play(*args, **kwargs):
        play(*args, **kwargs)
        sync()

    renderer.add_frame, renderer.play = watched_add_frame, watched_play
    return seen


def _save_png(pixels, path: Path, transparent: bool) -> None:
    from PIL import Image

    image = Image.fromarray(pixels, "RGBA" if pixels.shape[-1] == 4 else "RGB")
    (image if transparent else image.convert("RGB")).save(path, format="PNG")


def _find_output(media: Path, fmt: str) -> Path:
    """The file Manim wrote: any name with the format's suffix, outside the partial movie files (a
    gif is named with a version suffix, `scene_ManimCE_v0.21.0.gif`; mp4 and webm are not)."""
    suffix = f".{fmt}"
    hits = [p for p in media.rglob(f"*{suffix}") if "partial_movie_files" not in p.parts]
    if not hits:
        raise RuntimeError(f"Manim produced no {suffix} file")
    return max(hits, key=lambda p: p.stat().st_size)


def frame_at(video: Path, out: Path, index: int | None = None, fraction: float = 1.0) -> Path:
    """Save one frame of `video` as a PNG: frame `index`, or else the frame at `fraction` of its
    length (1.0: the last). Decodes one frame at a time, so a long 1080p video costs no memory.
    Written through a temporary name, so an interrupt leaves no partial PNG."""
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
    out = Path(out)
    with scratch("frame") as tmp:
        png = Path(tmp) / "frame.png"
        frame.to_image().save(png, format="PNG")
        move_into_place(png, out)
    return out


def poster_frame(video: Path, out: Path, at: float = 1.0) -> Path:
    """The poster a page shows before the video plays: the frame at fraction `at` (default: last).

    Posters load with the page (videos do not), so they are kept light: a 256-colour palette
    (Manim's flat colours survive it) makes them ~4x smaller than the full-colour frame."""
    from PIL import Image

    frame_at(video, out, fraction=at)
    with Image.open(out) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    with atomic_file(out) as f:
        small.save(f, format="PNG", optimize=True)
    return out

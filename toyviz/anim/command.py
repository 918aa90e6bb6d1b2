"""`toyviz render`: any toyviz animation at any quality and format, for a talk.

`toyviz render --list` lists the scenes (name, topic, length, what each shows); `toyviz render SCENE
--quality high --format webm` renders one, with a progress bar, then prints the path and size of what
it wrote. Bad input (an unknown scene, quality or format, an unwritable `--out`) is one line on stderr
and exit code 2, before anything is rendered; an interrupted render leaves nothing behind.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import signal
import sys
import tempfile
import textwrap
from pathlib import Path

# Manim's own presets, so `toyviz render -q high` means what `manim -qh` means.
QUALITIES = {"low": (480, 15), "medium": (720, 30), "high": (1080, 60), "4k": (2160, 60)}
FORMATS = ("mp4", "webm", "gif", "png")
# Scene lengths are measured by a dry run at this frame rate (frames are computed, not drawn), then
# cached: the lengths Manim reports are whole frames, so the list shows them to a quarter second.
LENGTH_FPS = 4


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def summary(cls, width: int = 100) -> str:
    """One line of what a scene shows: the first paragraph of its docstring, shortened to `width`."""
    doc = inspect.getdoc(cls) or cls.__name__
    first = " ".join(doc.strip().split("\n\n")[0].split())
    return textwrap.shorten(first, width=width, placeholder=" …")


# ---------------------------------------------------------------------------------- scene lengths
def _cache_file() -> Path:
    root = os.environ.get("TOYVIZ_CACHE")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / ".cache"
    return base / "render" / "lengths.json"


def _source_key() -> str:
    """A hash of every scene module's source: a cached length is reused until the scenes change."""
    h = hashlib.sha256()
    for p in sorted(Path(__file__).parent.glob("*.py")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:16]


def _load_lengths() -> dict:
    try:
        data = json.loads(_cache_file().read_text())
    except (OSError, ValueError):
        return {}
    return data.get("lengths", {}) if data.get("key") == _source_key() else {}


def _store_length(name: str, seconds: float) -> None:
    lengths = _load_lengths()
    lengths[name] = round(float(seconds), 3)
    path = _cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        tmp.write_text(json.dumps({"key": _source_key(), "lengths": lengths}, indent=1, sort_keys=True))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only checkout: lengths are measured again next time


def length(info) -> float:
    """The scene's length in seconds (a dry run at `LENGTH_FPS`, cached until the scene modules change)."""
    cached = _load_lengths().get(info.name)
    if cached is not None:
        return cached
    from manim import tempconfig

    with tempconfig({"dry_run": True, "frame_rate": LENGTH_FPS, "pixel_height": 36, "pixel_width": 64,
                     "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True,
                     "notify_outdated_version": False}):
        scene = info.cls()
        scene.render()
        seconds = float(scene.renderer.time)
    _store_length(info.name, seconds)
    return seconds


# ---------------------------------------------------------------------------------- the command
def _resolve(args):
    """Check every input before anything is rendered; returns (info, height, fps, fmt, out)."""
    from toyviz.anim import scenes

    if args.quality not in QUALITIES:
        raise ValueError(f"unknown quality {args.quality!r}; choose one of {', '.join(QUALITIES)}")
    fmt = args.format
    suffix = Path(args.out).suffix.lstrip(".").lower() if args.out and not Path(args.out).is_dir() else ""
    if fmt is None:
        fmt = suffix if suffix in FORMATS else "mp4"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if args.transparent and fmt == "mp4":
        raise ValueError("mp4 has no transparency; use --format webm, gif or png with --transparent")
    if args.frame is not None and fmt != "png":
        raise ValueError("--frame K needs --format png")
    if args.frame is not None and args.frame < 0:
        raise ValueError(f"--frame must be 0 or more (got {args.frame})")
    height, fps = QUALITIES[args.quality]
    fps = args.fps if args.fps is not None else fps
    if fps < 1 or fps > 240:
        raise ValueError(f"--fps must be between 1 and 240 (got {fps})")
    info = scenes.get(args.scene)                       # unknown: one line with the closest names
    default_name = f"{info.name}_{args.quality}" + (f"_frame{args.frame}" if args.frame is not None else "")
    out = Path(args.out) if args.out else Path(f"{default_name}.{fmt}")
    if out.is_dir():
        out = out / f"{default_name}.{fmt}"
    if out.suffix.lstrip(".").lower() != fmt:
        raise ValueError(f"--out {out} does not end in .{fmt}")
    folder = out.parent
    if not folder.is_dir():
        raise ValueError(f"cannot write {out}: no folder {folder}")
    if out.exists() and not out.is_file():
        raise ValueError(f"cannot write {out}: it is not a file")
    try:                                               # a real probe: root passes os.access everywhere
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".toyviz-probe-"):
            pass
    except OSError as e:
        raise ValueError(f"cannot write {out}: {e.strerror or e}") from None
    return info, height, fps, fmt, out


def _interrupt_on_sigterm():
    """A `kill` (SIGTERM) unwinds like Ctrl-C, so temporary files are removed on the way out."""
    def raise_interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, raise_interrupt)
    except ValueError:  # not the main thread (e.g. called from a test's worker thread)
        return None


def cmd_render(args) -> int:
    from toyviz.anim import render, scenes

    if args.list:
        infos = scenes.catalogue().values()
        print(f"{'scene':30s} {'topic':12s} {'length':>7s}  what it shows")
        for info in infos:
            seconds = "" if args.no_length else f"{length(info):6.1f}s"
            print(f"{info.name:30s} {info.topic:12s} {seconds:>7s}  {summary(info.cls)}", flush=True)
        return 0
    if not args.scene:
        raise ValueError("name a scene (see `toyviz render --list`)")
    info, height, fps, fmt, out = _resolve(args)
    what = "frame " + str(args.frame) if args.frame is not None else ("last frame" if fmt == "png" else fmt)
    print(f"rendering {info.name} at {args.quality} ({height}p, {fps} fps): {what}"
          + (", transparent" if args.transparent else ""), file=sys.stderr)
    previous = _interrupt_on_sigterm()
    try:
        render.render_scene(info.cls, out, height, fps, transparent=args.transparent, fmt=fmt,
                            progress=not args.quiet, frame=args.frame, total=_load_lengths().get(info.name))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print(f"{out}  {_size(out.stat().st_size)}")
    return 0


def register(parser) -> None:
    parser.description = ("Render a toyviz animation for a talk. Every scene also renders from Manim's own "
                          "command line, with all of Manim's options: manim -qh toyviz/anim/<topic>.py <Scene> "
                          "(toyviz render --list names each scene's topic).")
    parser.add_argument("scene", nargs="?", metavar="SCENE", help="the scene's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list every scene: name, topic, length, what it shows")
    parser.add_argument("--no-length", action="store_true", help="with --list: do not measure the lengths")
    parser.add_argument("--quality", "-q", default="medium", metavar="Q",
                        help="low (480p 15 fps), medium (720p 30 fps, the default), high (1080p 60 fps), "
                             "4k (2160p 60 fps)")
    parser.add_argument("--format", "-f", metavar="FMT",
                        help="mp4 (the default, or the suffix of --out), webm, gif, or png (the last frame)")
    parser.add_argument("--fps", type=int, metavar="N", help="frames per second (default: the quality's)")
    parser.add_argument("--frame", type=int, metavar="K", help="with --format png: frame K (from 0) instead of the last")
    parser.add_argument("--transparent", action="store_true", help="transparent background (webm, gif, png)")
    parser.add_argument("--out", "-o", metavar="PATH",
                        help="file or existing folder to write (default: SCENE_QUALITY.FORMAT here)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=cmd_render)

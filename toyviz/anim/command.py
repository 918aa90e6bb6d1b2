"""`toyviz render`: any toyviz animation at any quality and format, for a talk.

`toyviz render --list` lists the scenes (name, topic, length, what each shows); `toyviz render SCENE
--quality high --format webm` renders one, with a progress bar, then prints the path and size of what
it wrote. Bad input (an unknown scene, quality or format, an unwritable `--out`) is one line on stderr
and exit code 2, before anything is rendered; an interrupted render leaves nothing behind.

Scene lengths come from `lengths.json` shipped in this package (so `--list` answers at once on a
fresh install), then from the user's cache, and are measured by a dry run only for a scene whose
module changed since (`ship_catalogue()` rewrites the shipped file; a test says when it is stale).
With the shipped catalogue current, `--list` does not even import Manim.
"""
from __future__ import annotations

import inspect
import json
import sys
import textwrap
from pathlib import Path

from toyviz import output, quality, sources, theme
from toyviz.commands.args import count
from toyviz.paths import cache_root

DEFAULT_QUALITY = "medium"
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
SHIPPED = Path(__file__).with_name("scenes.json")   # the catalogue with lengths, shipped in the package
NOT_SCENE_CODE = {"command.py", "render.py", "slides.py", "deck.py"}   # cannot change the catalogue


def _cache_file() -> Path:
    return cache_root() / "render" / "lengths.json"


def _source_key() -> str:
    """A hash of the scene modules' source: stored lengths are reused until the scenes change."""
    files = [p for p in sorted(Path(__file__).parent.glob("*.py")) if p.name not in NOT_SCENE_CODE]
    return sources.digest(files)[:16]


def _read(path: Path, field: str):
    """`field` of a stored file written for the current scene code; None when absent, stale or damaged."""
    try:
        data = json.loads(path.read_text())
        return data[field] if data.get("key") == _source_key() else None
    except Exception:  # noqa: BLE001 - a damaged cache is a miss, never a failure
        return None


def shipped_catalogue() -> list[dict] | None:
    """The shipped rows (name, topic, seconds, summary), or None if a scene module changed since."""
    rows = _read(SHIPPED, "scenes")
    try:
        return [{"name": str(r["name"]), "topic": str(r["topic"]), "seconds": float(r["seconds"]),
                 "summary": str(r["summary"])} for r in rows] if rows else None
    except (KeyError, TypeError, ValueError):
        return None


def _load_lengths() -> dict:
    shipped = {r["name"]: r["seconds"] for r in shipped_catalogue() or []}
    cached = _read(_cache_file(), "lengths")
    return {**shipped, **(cached if isinstance(cached, dict) else {})}


def _store_length(name: str, seconds: float) -> None:
    lengths = _read(_cache_file(), "lengths")
    lengths = dict(lengths) if isinstance(lengths, dict) else {}
    lengths[name] = round(float(seconds), 3)
    try:
        output.write_json(_cache_file(), {"key": _source_key(), "lengths": lengths}, parents=True,
                          indent=1, sort_keys=True)
    except output.OutputError:
        pass  # an unwritable cache: lengths are measured again next time


def ship_catalogue() -> Path:
    """Measure every scene and rewrite the shipped `scenes.json` (run after changing a scene:
    `python -c "from toyviz.anim.command import ship_catalogue; ship_catalogue()"`)."""
    from toyviz.anim import scenes

    rows = [{"name": i.name, "topic": i.topic, "seconds": round(_measure(i), 3), "summary": summary(i.cls)}
            for i in scenes.catalogue().values()]
    return output.write_json(SHIPPED, {"key": _source_key(), "scenes": rows}, indent=1)


def length(info) -> float:
    """The scene's length in seconds (shipped, cached, or a dry run at `LENGTH_FPS` stored in the cache)."""
    known = _load_lengths().get(info.name)
    if known is not None:
        return known
    seconds = _measure(info)
    _store_length(info.name, seconds)
    return seconds


def _measure(info) -> float:
    """A dry run on a tiny canvas, in a media folder of its own: Manim caches each Text's outline by
    text, font and size but not canvas, so outlines cut by this canvas must not reach a real render."""
    import tempfile

    from manim import tempconfig

    with tempfile.TemporaryDirectory(prefix="toyviz-measure-") as media, \
            tempconfig({"dry_run": True, "frame_rate": LENGTH_FPS, "pixel_height": 36, "pixel_width": 64,
                        "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True,
                        "notify_outdated_version": False, "media_dir": media}):
        scene = info.cls()
        scene.render()
        return float(scene.renderer.time)


# ---------------------------------------------------------------------------------- the command
def _resolve(args):
    """Check every input before anything is rendered; returns (info, height, fps, fmt, out)."""
    if args.out is not None:
        output.check_target(Path(args.out) / "probe" if _is_dir(args.out) else args.out)
    from toyviz.anim import scenes

    fmt = args.format
    suffix = Path(args.out).suffix.lstrip(".").lower() if args.out and not _is_dir(args.out) else ""
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
    height, fps = quality.render(args.quality)
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
    output.check_target(out)          # a folder that is missing, read-only, a file, a name too long
    return info, height, fps, fmt, out


def _is_dir(path) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:  # a name too long to stat: not a folder (check_target says what is wrong)
        return False


LIST_ONLY = ("scene", "format", "fps", "frame", "transparent", "out")   # options --list cannot take


def cmd_render(args) -> int:
    theme.select(args.theme)                 # before the scenes are imported: they read it then
    from toyviz.anim import render, scenes

    chosen = args.quality or DEFAULT_QUALITY
    quality.render(chosen)                               # an unknown name: one line, before anything else
    if args.list:
        given = [name for name in LIST_ONLY if getattr(args, name) not in (None, False)]
        if given or args.quality is not None:
            what = "a scene name" if "scene" in given else "--" + (given or ["quality"])[0]
            raise ValueError(f"--list does not take {what}: it lists every scene (render one with "
                             "`toyviz render SCENE ...`)")
        print(f"{'scene':30s} {'topic':12s} {'length':>7s}  what it shows")
        rows = shipped_catalogue() or ({"name": i.name, "topic": i.topic, "info": i, "summary": summary(i.cls)}
                                       for i in scenes.catalogue().values())
        for row in rows:
            seconds = "" if args.no_length else f"{row.get('seconds') or length(row['info']):6.1f}s"
            print(f"{row['name']:30s} {row['topic']:12s} {seconds:>7s}  {row['summary']}", flush=True)
        return 0
    if args.no_length:
        raise ValueError("--no-length goes with --list")
    if not args.scene:
        raise ValueError("name a scene (see `toyviz render --list`)")
    args.quality = chosen
    info, height, fps, fmt, out = _resolve(args)
    what = "frame " + str(args.frame) if args.frame is not None else ("last frame" if fmt == "png" else fmt)
    print(f"rendering {info.name} at {args.quality} ({height}p, {fps} fps): {what}"
          + (", transparent" if args.transparent else ""), file=sys.stderr)
    render.render_scene(info.cls, out, height, fps, transparent=args.transparent, fmt=fmt,
                        progress=not args.quiet, frame=args.frame, total=_load_lengths().get(info.name))
    print(f"{out}  {_size(out.stat().st_size)}")
    return 0


def register(parser) -> None:
    parser.description = ("Render a toyviz animation for a talk. Every scene also renders from Manim's own "
                          "command line, with all of Manim's options: manim -qh toyviz/anim/<topic>.py <Scene> "
                          "(toyviz render --list names each scene's topic).")
    parser.add_argument("scene", nargs="?", metavar="SCENE", help="the scene's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list every scene: name, topic, length, what it shows")
    parser.add_argument("--no-length", action="store_true", help="with --list: do not measure the lengths")
    parser.add_argument("--quality", "-q", metavar="Q",
                        help=quality.describe(default=DEFAULT_QUALITY))
    parser.add_argument("--format", "-f", metavar="FMT",
                        help="mp4 (the default, or the suffix of --out), webm, gif, or png (the last frame)")
    parser.add_argument("--fps", type=count, metavar="N", help="frames per second (default: the quality's)")
    parser.add_argument("--frame", type=count, metavar="K", help="with --format png: frame K (from 0) instead of the last")
    parser.add_argument("--transparent", action="store_true", help="transparent background (webm, gif, png)")
    parser.add_argument("--theme", default="light", metavar="T",
                        help="light (white background, the default) or dark (a dark background, light ink, "
                             "the dark palette)")
    parser.add_argument("--out", "-o", metavar="PATH",
                        help="file or existing folder to write (default: SCENE_QUALITY.FORMAT here)")
    parser.add_argument("--quiet", "--no-progress", dest="quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=cmd_render)

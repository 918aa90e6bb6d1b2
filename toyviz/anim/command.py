"""`toyviz render`: any toyviz animation at any quality and format, for a talk."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Manim's own presets, so `toyviz render -q high` means what `manim -qh` means.
QUALITIES = {"low": (480, 15), "medium": (720, 30), "high": (1080, 60), "4k": (2160, 60)}
FORMATS = ("mp4", "webm", "gif", "png")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def cmd_render(args) -> int:
    from toyviz.anim import render, scenes

    if args.list:
        for info in scenes.catalogue().values():
            length = f"{scenes.duration(info):5.1f} s" if not args.no_length else ""
            print(f"{info.name:34s} {info.topic:12s} {length}  {info.summary}")
        return 0
    if not args.scene:
        raise ValueError("name a scene (see `toyviz render --list`)")
    if args.quality not in QUALITIES:
        raise ValueError(f"unknown quality {args.quality!r}; choose one of {', '.join(QUALITIES)}")
    if args.format not in FORMATS:
        raise ValueError(f"unknown format {args.format!r}; choose one of {', '.join(FORMATS)}")
    if args.transparent and args.format == "mp4":
        raise ValueError("mp4 has no transparency; use --format webm, gif or png with --transparent")
    info = scenes.get(args.scene)
    height, fps = QUALITIES[args.quality]
    fps = args.fps or fps
    if fps < 1:
        raise ValueError(f"--fps must be a positive integer (got {fps})")
    out = Path(args.out or f"{info.name}_{args.quality}.{args.format}")
    if out.is_dir():
        out = out / f"{info.name}_{args.quality}.{args.format}"
    if out.suffix.lstrip(".") != args.format:
        raise ValueError(f"--out {out} does not end in .{args.format}")
    if not out.parent.exists() or not os.access(out.parent, os.W_OK):
        raise ValueError(f"cannot write to {out.parent}: no such folder or no permission")
    print(f"rendering {info.name} ({args.quality}: {height}p, {fps} fps, {args.format})", file=sys.stderr)
    if args.format == "png" and args.frame is not None:
        with tempfile.TemporaryDirectory() as tmp:
            video = render.render_scene(info.cls, Path(tmp) / "scene.mp4", height, fps, progress=True)
            render.frame_at(video, out, index=args.frame)
    else:
        render.render_scene(info.cls, out, height, fps, transparent=args.transparent, progress=True)
    print(f"{out}  {_size(out.stat().st_size)}")
    return 0


def register(parser) -> None:
    parser.description = ("Render a toyviz animation. Every scene also renders from Manim's own command "
                          "line: manim -qh toyviz/anim/<topic>.py <Scene>.")
    parser.add_argument("scene", nargs="?", metavar="SCENE", help="the scene's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list every scene: name, topic, length, what it shows")
    parser.add_argument("--no-length", action="store_true", help="with --list: skip measuring each scene's length")
    parser.add_argument("--quality", "-q", default="medium", help="low (480p15), medium (720p30, default), "
                                                                   "high (1080p60), 4k (2160p60)")
    parser.add_argument("--format", "-f", default="mp4", help="mp4 (default), webm, gif, or png (last frame)")
    parser.add_argument("--fps", type=int, help="frames per second (default: the quality's)")
    parser.add_argument("--frame", type=int, metavar="K", help="with --format png: frame K instead of the last")
    parser.add_argument("--transparent", action="store_true", help="transparent background (webm, gif, png)")
    parser.add_argument("--out", "-o", help="file or folder to write (default: SCENE_QUALITY.FORMAT here)")
    parser.set_defaults(func=cmd_render)

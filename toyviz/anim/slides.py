"""`toyviz slides`: an offline HTML slide deck of both stories (manim-slides + reveal.js, no CDN).

The deck's scenes (`toyviz/anim/deck.py`: the site's own scene classes with `Slide` mixed in) are
rendered with manim-slides' Python API into a private folder, then converted by manim-slides' reveal.js
converter with `cdn_url` pointing at a copy of `node_modules/reveal.js/dist` vendored into the deck,
so the deck makes no outside request; a favicon is shipped with it. It opens from the file system
(`index.html`) and from any static web server. Nothing touches the network: manim-slides' and
Manim's version checks are never run (the render goes through the API, not their command lines).

The deck is built in a hidden folder next to `--out` and renamed into place at the end: an
interrupted build leaves the previous deck (or nothing) behind, never a half-written one. Scenes render
in worker processes (`python -m toyviz.anim.slides SCENE ...`) whose Manim media folders live inside
the build's own scratch folder: Ctrl-C or SIGTERM kills the workers at once and removes that folder,
so no `toyviz-slide-*` folder is left in the system's temp folder.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from toyviz import output, theme
from toyviz.commands.args import count
from toyviz.paths import in_project
from toyviz.processes import Workers, make_scratch, scratch
from toyviz.quality import describe, render as render_quality

QUALITIES = ("low", "medium", "high")     # render qualities a deck is built at (`toyviz.quality.RENDER`)
DEFAULT_OUT = in_project("build", "slides")
MARKER = ".toyviz-deck.json"        # written into every deck: --out may replace a folder holding it
REVEAL_THEMES = {"light": "white", "dark": "black"}   # toyviz theme → reveal.js theme
REVEAL_FILES = ("reveal.css", "reveal.js", "theme/white.css", "theme/black.css", "plugin/notes.js",
                "plugin/markdown.js", "plugin/highlight/zenburn.css")
FAVICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#ffffff"/>
<polygon points="32,6 54,19 54,45 32,58 10,45 10,19" fill="#ffdab9" stroke="#b22222" stroke-width="4"/>
<line x1="32" y1="32" x2="54" y2="19" stroke="#0000cd" stroke-width="5" stroke-linecap="round"/>
<circle cx="32" cy="32" r="4" fill="#222222"/>
</svg>
"""


def reveal_dist() -> Path:
    """node_modules/reveal.js/dist, installed by `make setup` (npm ci)."""
    return in_project("node_modules", "reveal.js", "dist")


def deck_classes(only: str | None = None) -> list[type]:
    """The deck's scene classes in order, or those named in `only` (comma-separated, in deck order)."""
    from toyviz.anim import deck

    classes = list(deck.DECK)
    if not only:
        return classes
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    names = {c.__name__: c for c in classes}
    unknown = [w for w in wanted if w not in names]
    if unknown:
        raise ValueError(f"unknown deck scene {', '.join(unknown)}; the deck's scenes: {', '.join(names)}")
    return [c for c in classes if c.__name__ in wanted]


def _render_one(name: str, height: int, fps: int, low: bool, slides_dir: str,
                media_base: str | None = None) -> tuple[str, float, int]:
    """Render one deck scene: its slides' videos and JSON into `slides_dir` (Manim's media in a
    scratch folder inside `media_base`)."""
    import logging

    from manim import tempconfig

    from toyviz.anim import deck

    logging.getLogger("manim-slides").setLevel(logging.WARNING)
    start = time.perf_counter()
    cls = getattr(deck, name)
    if low and cls.LOW:                                 # display-only statistics, scaled for low quality
        cls = type(name, (cls,), dict(cls.LOW))
    width = 2 * int(round(height * 8 / 9))
    with scratch("slide", media_base) as media, tempconfig({
            "pixel_height": height, "pixel_width": width, "frame_rate": fps, "media_dir": str(media),
            "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none",
            "notify_outdated_version": False, "format": "mp4"}):
        scene = cls(output_folder=Path(slides_dir))
        scene.render()
        n = len(scene._slides)
    return name, time.perf_counter() - start, n


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ValueError(f"--out {out} is a folder that holds something else than a toyviz deck; "
                         "name an empty or new folder")
    output.check_target(out)        # its folder exists and is writable


def build(out: Path = DEFAULT_OUT, quality: str = "low", only: str | None = None, jobs: int | None = None,
          fps: int | None = None, log=print, theme_name: str = "light") -> dict:
    """Build the deck into the folder `out`; returns its summary (slides, seconds, files).

    Args:
        out: the deck's folder (created; a previous toyviz deck there is replaced).
        quality: one of `QUALITIES` (`toyviz.quality.RENDER`: 480p 15 fps … 1080p 60 fps).
        only: comma-separated deck scene names (a subset, for tests and previews).
        jobs: scenes rendered at once (default: 2, or 1 on a one-core machine).
        fps: override the quality's frame rate.
        theme_name: "light" (the default) or "dark" (`toyviz.theme`): the scenes' and the deck's colours.
    """
    deck_theme = theme.select(theme_name)
    height, default_fps = render_quality(quality, QUALITIES)
    fps = fps if fps is not None else default_fps
    if fps < 1 or fps > 120:
        raise ValueError(f"--fps must be between 1 and 120 (got {fps})")
    out = Path(out).absolute()
    _check_out(out)
    dist = reveal_dist()
    missing = [f for f in REVEAL_FILES if not (dist / f).is_file()]
    if missing:
        raise ValueError(f"reveal.js is not installed ({dist / missing[0]} missing): run `make setup`")
    classes = deck_classes(only)
    jobs = jobs or min(2, os.cpu_count() or 1)
    log(f"building {len(classes)} deck scenes at {quality} quality ({height}p, {fps} fps) into {out}")

    start = time.perf_counter()
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    work = make_scratch("deck")
    try:
        tmp.mkdir()
        timings = _render_all(classes, height, fps, quality == "low", work / "slides", jobs, log)
        slides = _convert(classes, work / "slides", tmp, deck_theme)
        _vendor(dist, tmp)
        summary = {"quality": quality, "pixel_height": height, "fps": fps, "theme": deck_theme.name,
                   "scenes": [{"name": c.__name__, "slides": timings[c.__name__][1],
                               "seconds": round(timings[c.__name__][0], 1)} for c in classes],
                   "slides": slides, "build_seconds": round(time.perf_counter() - start, 1)}
        output.write_json(tmp / MARKER, summary, indent=1)
        _swap(tmp, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return summary


def _render_all(classes, height, fps, low, slides_dir: Path, jobs: int, log) -> dict:
    slides_dir.mkdir(parents=True)
    media_base = str(slides_dir.parent)             # the build's scratch folder: removed on any exit
    timings = {}

    def done(name, seconds, n):
        timings[name] = (seconds, n)
        log(f"  {name:20s} {n:2d} slide{'s' if n != 1 else ' '} {seconds:6.1f} s")

    names = [c.__name__ for c in classes]
    if jobs <= 1 or len(names) == 1:
        for name in names:
            done(*_render_one(name, height, fps, low, str(slides_dir), media_base))
        return timings
    # Long scenes first, so that the last worker does not start the longest one alone.
    order = sorted(names, key=lambda n: n.endswith("Slide") or n.endswith("Section"))
    workers = Workers()

    def run(name):
        code, out, err = workers.run([sys.executable, "-m", "toyviz.anim.slides", name, str(height), str(fps),
                                      str(int(low)), str(slides_dir), media_base])
        if code != 0:
            raise RuntimeError(f"deck scene {name} failed: " + "\n".join(err.strip().splitlines()[-10:]))
        return json.loads(out.strip().splitlines()[-1])

    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        for result in pool.map(run, order):
            done(*result)
    except BaseException:                           # Ctrl-C, SIGTERM, or a scene that failed
        workers.kill_all()                          # do not wait for the other scenes to finish
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
    return timings


def _convert(classes, slides_dir: Path, deck_dir: Path, deck_theme: theme.Theme) -> list[dict]:
    """manim-slides' reveal.js converter, pointed at the vendored copy; then the favicon."""
    from manim_slides.config import PresentationConfig
    from manim_slides.convert import RevealJS

    configs = [PresentationConfig.from_file(slides_dir / f"{c.__name__}.json") for c in classes]
    RevealJS(presentation_configs=configs, assets_dir="videos", cdn_url="vendor/reveal.js",
             reveal_theme=REVEAL_THEMES[deck_theme.name], background_color=deck_theme.background,
             title="toyviz: two stories",
             controls="false", progress="true", slide_number="c/t", show_slide_number="speaker",
             hash="true").convert_to(deck_dir / "index.html")
    html_path = deck_dir / "index.html"
    html = html_path.read_text(encoding="utf-8")
    icon = ('<link rel="icon" href="favicon.svg" type="image/svg+xml">\n'
            '    <meta name="description" content="toyviz: the Optimization Failure and ICA vs SAEs stories, '
            'as an offline slide deck">\n')
    html = html.replace("</title>\n", "</title>\n    " + icon, 1)
    html_path.write_text(html, encoding="utf-8")
    (deck_dir / "favicon.svg").write_text(FAVICON_SVG)
    _favicon_ico(deck_dir / "favicon.ico")
    slides = []
    for c, config in zip(classes, configs):
        for k, s in enumerate(config.slides):
            slides.append({"scene": c.__name__, "beat": k + 1, "notes": s.notes})
    return slides


def _favicon_ico(path: Path) -> None:
    """favicon.ico too, for a server that serves the deck at its root (browsers ask for it there)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (64, 64), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, 63, 63), 12, fill="#ffffff")
    d.polygon([(32, 6), (54, 19), (54, 45), (32, 58), (10, 45), (10, 19)], fill="#ffdab9", outline="#b22222", width=4)
    d.line((32, 32, 54, 19), fill="#0000cd", width=5)
    img.save(path, sizes=[(16, 16), (32, 32), (64, 64)])


def _vendor(dist: Path, deck_dir: Path) -> None:
    """Copy the reveal.js files the page loads (and its licence) into deck_dir/vendor/reveal.js/dist."""
    target = deck_dir / "vendor" / "reveal.js"
    for f in REVEAL_FILES:
        (target / "dist" / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(dist / f, target / "dist" / f)
    licence = dist.parent / "LICENSE"
    if licence.is_file():
        shutil.copy2(licence, target / "LICENSE")


def _swap(tmp: Path, out: Path) -> None:
    """Put the finished deck at `out`; a previous deck there is replaced."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_slides(args) -> int:
    if Path(args.out).absolute() == DEFAULT_OUT.absolute() and DEFAULT_OUT.parent.parent.is_dir():
        DEFAULT_OUT.parent.mkdir(exist_ok=True)   # build/ (ignored by git)
    if args.jobs is not None and args.jobs < 1:
        raise ValueError(f"--jobs must be 1 or more (got {args.jobs})")
    log = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr))
    summary = build(Path(args.out), args.quality, args.only, args.jobs, args.fps, log=log,
                    theme_name=args.theme)
    out = Path(args.out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{out / 'index.html'}  {len(summary['slides'])} slides, {size / 1e6:.1f} MB, "
          f"built in {summary['build_seconds']:.0f} s")
    print("open it in a browser (file:// works), or serve the folder: "
          f"python -m http.server --directory {out}")
    return 0


def register(parser) -> None:
    parser.description = ("Build an offline HTML slide deck of both stories (manim-slides with reveal.js "
                          "vendored: no CDN). Open OUT/index.html; press S for the speaker notes.")
    parser.add_argument("--quality", "-q", default="low", metavar="Q",
                        help=describe(QUALITIES, default="low"))
    parser.add_argument("--out", "-o", default=str(DEFAULT_OUT), metavar="DIR",
                        help="the deck's folder (default: build/slides)")
    parser.add_argument("--only", metavar="NAMES", help="only these deck scenes, comma-separated "
                                                        "(e.g. TitleSlide,TrainingRunDeck)")
    parser.add_argument("--jobs", "-j", type=count, metavar="N", help="scenes rendered at once (default 2)")
    parser.add_argument("--fps", type=count, metavar="N", help="frames per second (default: the quality's)")
    parser.add_argument("--theme", default="light", metavar="T",
                        help="light (white slides, the default) or dark (the dark theme's background and palette)")
    parser.add_argument("--quiet", "--no-progress", dest="quiet", action="store_true",
                        help="no per-scene progress lines")
    parser.set_defaults(func=cmd_slides)


if __name__ == "__main__":   # one deck scene in a worker process: prints (name, seconds, slides) as JSON
    name, height, fps, low, slides_dir, media_base = sys.argv[1:7]
    print(json.dumps(_render_one(name, int(height), int(fps), low == "1", slides_dir, media_base)))

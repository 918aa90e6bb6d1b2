"""Screenshots of every page of a built site, desktop, phone and dark, and one contact sheet of them all,
so anyone can look at the whole site at once.

    python -m toyviz.site.screenshots --out DIR [--site site] [--pages 'part1/*,home'] [--full]

DIR receives one PNG per page and view (`part1-symmetric-failure.desktop.png`, …) and `contact.png`,
a grid with a row per page and a column per view. By default each shot is the first 2.5 screens of the
page (`--full` for the whole page). The site must be built first (`make site`); it is served on a free
port. Each image is written to a temporary name and renamed, so an interrupted run leaves no half file.
"""
from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path
from urllib.parse import urlparse

from toyviz import output
from toyviz.processes import scratch
from toyviz.site import browse

VIEWS = {  # name: (viewport, colour scheme)
    "desktop": ({"width": 1280, "height": 900}, "light"),
    "phone": ({"width": 375, "height": 740}, "light"),
    "dark": ({"width": 1280, "height": 900}, "dark"),
}
SCREENS = 2.5  # page height captured, in screens, unless --full
THUMB_WIDTH = 360  # px per view in the contact sheet
LABEL = 22  # px for a page's name above its row


def _name(url: str, base: str) -> str:
    path = urlparse(url).path.strip("/")
    return path.replace("/", "-") or "home"


def shoot(site: Path, out: Path, patterns: str = "*", full: bool = False) -> list[tuple[str, dict[str, Path]]]:
    """One screenshot per page whose path matches one of the comma-separated globs (`home` is the front
    page), per view; returns [(page name, {view: png})] in the sitemap's order."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with browse.serve(site, browse.free_port()) as base, sync_playwright() as p:
        browser = browse.launch(p)
        pages = [u for u in browse.sitemap_pages(site, base)
                 if any(fnmatch.fnmatch(urlparse(u).path.strip("/") or "home", p) for p in patterns.split(","))]
        contexts = {v: browser.new_context(viewport=vp, color_scheme=scheme, reduced_motion="reduce")
                    for v, (vp, scheme) in VIEWS.items()}
        for url in pages:
            name, files = _name(url, base), {}
            for view, context in contexts.items():
                page = context.new_page()
                page.goto(url, wait_until="networkidle")
                page.evaluate("""async () => { document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; });
                  await Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
                  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise; }""")
                page.wait_for_timeout(300)
                target = out / f"{name}.{view}.png"
                height = page.evaluate("document.documentElement.scrollHeight")
                clip = None if full else {"x": 0, "y": 0, "width": VIEWS[view][0]["width"],
                                          "height": min(height, int(VIEWS[view][0]["height"] * SCREENS))}
                with scratch("shot") as tmp:
                    shot = Path(tmp) / target.name
                    page.screenshot(path=str(shot), full_page=True, clip=clip, type="png")
                    output.move_into_place(shot, target)
                files[view] = target
                page.close()
            shots.append((name, files))
            print(f"{name}: {', '.join(files)}", flush=True)
        browser.close()
    return shots


def contact_sheet(shots: list[tuple[str, dict[str, Path]]], out: Path) -> Path:
    """A grid: a row per page (its name above), a column per view, each shot scaled to THUMB_WIDTH."""
    from PIL import Image, ImageDraw

    rows = []
    for name, files in shots:
        thumbs = []
        for view in VIEWS:
            im = Image.open(files[view]).convert("RGB")
            scale = THUMB_WIDTH / im.width if view != "phone" else THUMB_WIDTH / 2 / im.width
            thumbs.append(im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale)))))
        rows.append((name, thumbs))
    widths = [THUMB_WIDTH if v != "phone" else THUMB_WIDTH // 2 for v in VIEWS]
    gap = 8
    sheet_w = sum(widths) + gap * (len(widths) + 1)
    sheet_h = sum(LABEL + max(t.height for t in th) + gap for _, th in rows) + gap
    sheet = Image.new("RGB", (sheet_w, sheet_h), "white")
    draw = ImageDraw.Draw(sheet)
    y = gap
    for name, thumbs in rows:
        draw.text((gap, y + 4), name, fill="black")
        x = gap
        for w, t in zip(widths, thumbs):
            sheet.paste(t, (x, y + LABEL))
            x += w + gap
        y += LABEL + max(t.height for t in thumbs) + gap
    target = out / "contact.png"
    with output.atomic_file(target) as f:
        sheet.save(f, format="PNG")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toyviz.site.screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the screenshots and contact.png")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site/)")
    parser.add_argument("--pages", default="*", help="only pages whose path matches one of these globs, e.g. 'part1/*,home'")
    parser.add_argument("--full", action="store_true", help="whole pages instead of their first screens")
    args = parser.parse_args(argv)
    if not (args.site / "sitemap.xml").is_file():
        print(f"error: no built site in {args.site}/ (no sitemap.xml): run `make site` first", file=sys.stderr)
        return 2
    try:
        shots = shoot(args.site, args.out, args.pages, args.full)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    if not shots:
        print(f"error: no page matches {args.pages!r}", file=sys.stderr)
        return 2
    print(contact_sheet(shots, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

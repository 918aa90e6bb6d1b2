"""Embedding built figures in pages: `{{ figure: ID }}` or `{{ figure: ID | caption }}` on a line of its own.

The id is looked up in `docs/figures/manifest.json` (what the build produced); an id the manifest does
not know fails the site build with the closest ids, so a page can never show a broken image. A still
becomes `<img>` (two when it has a dark variant: the stylesheet shows the one matching the page's
colour scheme, and both are lazy, so a reader loads only the one shown), a video `<video controls
preload="metadata">` with its poster frame, a data figure a download link; every one gets a caption
and a link to the page that shows its source script.

Every image and video carries its pixel size in the markup, so the page reserves its space before it
loads (no layout shift). A video sits in a box one control bar taller than its frame, the frame at the
top: the player's controls never cover what is drawn (legends, axis labels). Under it, the figure
script's own description says in words what the video shows, for readers who cannot watch it.
"""
from __future__ import annotations

import difflib
import html
import json
import posixpath
import ast
import re
import struct
from pathlib import Path

from toyviz import theme

FIGURE_TAG = re.compile(r"^\{\{\s*figure:\s*(?P<id>[\w./-]+)\s*(?:\|\s*(?P<caption>.*?))?\s*\}\}\s*$", re.M)
VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


class UnknownFigure(ValueError):
    pass


def load_manifest(path: Path) -> dict[str, dict]:
    """id → manifest entry; empty if the manifest does not exist yet."""
    try:
        entries = json.loads(Path(path).read_text())["figures"]
    except FileNotFoundError:
        return {}
    return {e["id"]: e for e in entries}


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG from its header; None if the file is missing or not a PNG."""
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except FileNotFoundError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def script_description(script: Path) -> str:
    """A figure script's description for readers: its docstring's paragraph after the title, as plain
    text (code marks and the closing pointer to the Manim scene dropped)."""
    doc = ast.get_docstring(ast.parse(Path(script).read_text())) or ""
    paragraphs = [" ".join(p.split()) for p in doc.split("\n\n") if p.strip()]
    text = paragraphs[1] if len(paragraphs) > 1 else (paragraphs[0] if paragraphs else "")
    text = re.sub(r"\s*(Manim )?[Ss]cene `\w+` \([\w/.]+\)[.,]?", "", text).replace("`", "")
    return text.strip()


def add_sizes_and_descriptions(manifest: dict[str, dict], figures_dir: Path, root: Path) -> None:
    """Each entry gains `size` (its first PNG's, the poster for a video) and, for a video, `description`."""
    for entry in manifest.values():
        png = next((f for f in entry["files"] if f.endswith(".png")), None)
        entry["size"] = png_size(figures_dir / png) if png else None
        if entry["kind"] == "video" and (root / entry["source"]).exists():
            entry["description"] = script_description(root / entry["source"])


def source_page(fig_id: str) -> str:
    """The docs path of the generated page that shows a figure's script."""
    return f"gallery/{fig_id}.md"


def _url(target: str, page_url: str) -> str:
    """`target` (site-root relative) relative to the page at `page_url` (mkdocs' page.url)."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    return posixpath.relpath(target, base or ".")


def figure_html(entry: dict, page_url: str, caption: str | None = None, figures_url: str = "figures",
                link_source: bool = True) -> str:
    """The HTML that shows one manifest entry on the page at `page_url`."""
    files = [f"{figures_url}/{f}" for f in entry["files"]]
    alt = html.escape(caption or entry["title"], quote=True)
    anchor = "fig-" + entry["id"].replace("/", "-")
    size = entry.get("size")
    size_attrs = f' width="{size[0]}" height="{size[1]}"' if size else ""
    if entry["kind"] == "video":
        video = next(f for f in files if posixpath.splitext(f)[1] in VIDEO_TYPES)
        poster = next((f for f in files if f.endswith(".png")), None)
        poster_attr = f' poster="{_url(poster, page_url)}"' if poster else ""
        kind = VIDEO_TYPES[posixpath.splitext(video)[1]]
        described = f' aria-describedby="{anchor}-text"' if entry.get("description") else ""
        ratio = f' style="--tv-ratio: {100 * size[1] / size[0]:.3f}%"' if size else ""
        media = (f'<div class="tv-video"{ratio}><video controls preload="metadata" playsinline{poster_attr}'
                 f'{size_attrs} aria-label="{alt}"{described}>'
                 f'<source src="{_url(video, page_url)}" type="{kind}"></video></div>')
        if entry.get("description"):
            media += (f'\n<details class="tv-video-text"><summary>What the video shows</summary>'
                      f'<p id="{anchor}-text">{html.escape(entry["description"])}</p></details>')
    elif entry["kind"] == "still":
        image = next(f for f in files if f.endswith((".png", ".svg", ".jpg")))
        img = f' alt="{alt}"{size_attrs} loading="lazy" decoding="async">'
        dark = posixpath.join(posixpath.dirname(image), theme.dark_file(posixpath.basename(image)))
        if dark in files:   # one per scheme, same size: the stylesheet shows the one that matches;
            # a lightbox gallery per scheme, so its next/previous never steps onto a hidden twin
            media = (f'<img class="tv-light" data-gallery="light" src="{_url(image, page_url)}"{img}'
                     f'<img class="tv-dark" data-gallery="dark" src="{_url(dark, page_url)}"{img}')
        else:
            media = f'<img src="{_url(image, page_url)}"{img}'
    else:
        media = " ".join(f'<a href="{_url(f, page_url)}">{html.escape(posixpath.basename(f))}</a>' for f in files)
    text = html.escape(caption) if caption else html.escape(entry["title"])
    links = ""
    if link_source:
        src = _url(source_page(entry["id"]).removesuffix(".md"), page_url) + "/"
        links = f' <a class="tv-source" href="{src}" title="how this figure is made">source</a>'
    return (f'<figure class="tv-figure" id="{anchor}">\n{media}\n'
            f"<figcaption>{text}{links}</figcaption>\n</figure>")


def replace_tags(markdown: str, manifest: dict[str, dict], page_url: str, **kwargs) -> str:
    """Every `{{ figure: ... }}` line of `markdown` replaced by its HTML; unknown ids raise."""
    def sub(match: re.Match) -> str:
        fig_id = match["id"]
        if fig_id not in manifest:
            close = difflib.get_close_matches(fig_id, list(manifest), n=3, cutoff=0.5)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise UnknownFigure(f"unknown figure id {fig_id!r} (not in the figure manifest; "
                                f"is it built? `toyviz figures build`).{hint}")
        return figure_html(manifest[fig_id], page_url, match["caption"], **kwargs)
    return FIGURE_TAG.sub(sub, markdown)

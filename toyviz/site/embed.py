"""Embedding built figures in pages: `{{ figure: ID }}` or `{{ figure: ID | caption }}` on a line of its own.

The id is looked up in `docs/figures/manifest.json` (what the build produced); an id the manifest does
not know fails the site build with the closest ids, so a page can never show a broken image. A still
becomes `<img>`, a video `<video controls preload="metadata">` with its poster frame, a data figure a
download link; every one gets a caption and a link to the page that shows its source script.
"""
from __future__ import annotations

import difflib
import html
import json
import posixpath
import re
from pathlib import Path

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
    if entry["kind"] == "video":
        video = next(f for f in files if posixpath.splitext(f)[1] in VIDEO_TYPES)
        poster = next((f for f in files if f.endswith(".png")), None)
        poster_attr = f' poster="{_url(poster, page_url)}"' if poster else ""
        kind = VIDEO_TYPES[posixpath.splitext(video)[1]]
        media = (f'<video controls preload="metadata" playsinline{poster_attr} aria-label="{alt}">'
                 f'<source src="{_url(video, page_url)}" type="{kind}"></video>')
    elif entry["kind"] == "still":
        image = next(f for f in files if f.endswith((".png", ".svg", ".jpg")))
        media = f'<img src="{_url(image, page_url)}" alt="{alt}" loading="lazy">'
    else:
        media = " ".join(f'<a href="{_url(f, page_url)}">{html.escape(posixpath.basename(f))}</a>' for f in files)
    text = html.escape(caption) if caption else html.escape(entry["title"])
    links = ""
    if link_source:
        src = _url(source_page(entry["id"]).removesuffix(".md"), page_url) + "/"
        links = f' <a class="tv-source" href="{src}" title="how this figure is made">source</a>'
    anchor = "fig-" + entry["id"].replace("/", "-")
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

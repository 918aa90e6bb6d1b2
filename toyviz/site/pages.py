"""Pages the site generates at build time, never typed: the gallery, the claims page, the CLI reference.

Each function returns Markdown; `toyviz.site.hooks` adds them to the site as generated files.

The claims page reads every `*claims.json` that a `data` figure wrote (schema: `toyviz.claims`): its
claims, and the values the pages insert with `{{ n:ID }}` (`toyviz.site.numbers`).
"""
from __future__ import annotations

import html
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

from toyviz import output, theme
from toyviz.site import embed

VERDICTS = ("agree", "disagree", "partly", "not measurable")  # shown as words on coloured badges
POSTS = {"optimization-failure": "Optimization Failure", "ica-vs-saes": "ICA vs SAEs"}
GROUPS = {"opt_failure": "Part I — Optimization Failure", "ica": "Part II — ICA vs SAEs",
          "beyond": "Beyond the posts", "explore": "Data for the explorables"}


def _text(value) -> str:
    """Plain text for HTML or Markdown: escaped, on one line."""
    return html.escape(" ".join(str(value if value is not None else "").split()), quote=True)


THUMB_WIDTH = 400  # px: twice a card's width at 1280 px, so thumbnails stay sharp on dense screens


def thumbnail(entry: dict) -> tuple[str, tuple[int, int]] | None:
    """(path under gallery/, size) of an entry's thumbnail: its first PNG scaled to THUMB_WIDTH as WebP;
    None for an entry without a PNG or whose size is unknown."""
    size = entry.get("size")
    if not size or not any(f.endswith(".png") for f in entry["files"]):
        return None
    width = min(THUMB_WIDTH, size[0])
    return f"thumbs/{entry['id']}.webp", (width, max(1, round(size[1] * width / size[0])))


def _variants(entry: dict, thumb: str) -> list[tuple[str, str]]:
    """(figure PNG, thumbnail path) of the entry's still and, if it has one, of its dark twin."""
    png = next(f for f in entry["files"] if f.endswith(".png"))
    pairs = [(png, thumb)]
    if theme.dark_file(png) in entry["files"]:
        pairs.append((theme.dark_file(png), theme.dark_file(thumb)))
    return pairs


def write_thumbnails(manifest: dict[str, dict], figures_dir: Path, gallery_dir: Path) -> None:
    """Every entry's thumbnail under `gallery_dir` (the built site's gallery/), and its dark twin's: the
    gallery's first load would otherwise fetch every full-size figure. Written to a temporary file, then
    renamed."""
    from PIL import Image

    for entry in manifest.values():
        thumb = thumbnail(entry)
        if thumb is None:
            continue
        for png, path in _variants(entry, thumb[0]):
            png, target = figures_dir / png, gallery_dir / path
            if target.exists() and target.stat().st_mtime >= png.stat().st_mtime:
                continue
            with Image.open(png) as im, output.atomic_file(target, parents=True) as f:
                im.convert("RGB").resize(thumb[1], Image.LANCZOS).save(f, format="WEBP", quality=82)


def _card(entry: dict) -> str:
    """One gallery card: the whole card is a link named by its title (the thumbnail's alt is empty, so
    a screen reader does not read the title twice)."""
    thumb = thumbnail(entry)
    img = '<span class="tv-data" aria-hidden="true">data</span>'
    if thumb:       # a still with a dark twin: one per scheme, the stylesheet shows the page's (both lazy)
        pairs = _variants(entry, thumb[0])
        classes = [""] if len(pairs) == 1 else [" tv-light", " tv-dark"]
        img = "".join(f'<img class="tv-thumb{c}" src="{path}" alt="" width="{thumb[1][0]}" height="{thumb[1][1]}" '
                      f'loading="lazy" decoding="async">' for c, (_, path) in zip(classes, pairs))
    badge = "video" if entry["kind"] == "video" else entry["kind"]
    repro = f"reproduces <code>{_text(entry['reproduces'])}</code>" if entry["reproduces"] else "new: not in the posts"
    link = embed.source_page(entry["id"]).removesuffix(".md").removeprefix("gallery/") + "/"
    return (f'<a class="tv-card" href="{link}">{img}<span class="tv-card-title">{_text(entry["title"])}</span>'
            f'<span class="tv-card-meta">{badge} · {repro} · {entry["seconds"]:.0f} s</span></a>')


def gallery(manifest: dict[str, dict]) -> str:
    """Every built figure as a card: thumbnail (of the poster frame for videos), title, what it reproduces,
    its source page and build time; a grid of raw HTML (no Markdown inside, so no stray paragraphs)."""
    lines = ["# Gallery", "",
             f"Every figure toyviz builds — {len(manifest)} of them — with the post figure it regenerates. "
             "Click a card for the figure, its script and how to rebuild it.", ""]
    by_group: dict[str, list[dict]] = {}
    for entry in manifest.values():
        by_group.setdefault(entry["id"].split("/")[0], []).append(entry)
    for group, entries in sorted(by_group.items(), key=lambda g: (list(GROUPS).index(g[0]) if g[0] in GROUPS
                                                                   else len(GROUPS), g[0])):
        lines += [f"## {GROUPS.get(group, group)}", "", '<div class="tv-gallery">']
        lines += [_card(e) for e in entries]
        lines += ["</div>", ""]
    return "\n".join(lines)


def load_claims(figures_dir: Path, manifest: dict[str, dict]) -> list[dict]:
    claims = []
    for entry in manifest.values():
        for f in entry["files"]:
            if entry["kind"] == "data" and f.endswith("claims.json"):
                for c in json.loads((figures_dir / f).read_text())["claims"]:
                    claims.append({**c, "_source": entry["id"]})
    return claims


def _verdict(verdict: str) -> str:
    slug = verdict.replace(" ", "-") if verdict in VERDICTS else "other"
    return f'<span class="tv-verdict tv-verdict--{slug}">{_text(verdict)}</span>'


def _claim(c: dict, manifest: dict[str, dict]) -> list[str]:
    """One claim as a block: what the post says, its verdict, what we measured, the note, the figure."""
    fig = c.get("figure")
    figure = (f'<a href="../{embed.source_page(fig).removesuffix(".md")}/">{_text(manifest[fig]["title"])}</a>'
              if fig in manifest else _text(fig or "—"))
    note = f'<p class="tv-claim-note">{_text(c["note"])}</p>' if c.get("note") else ""
    return [f'<div class="tv-claim"><p class="tv-claim-text">{_verdict(c["verdict"])} {_text(c["claim"])}</p>'
            f'<p><span class="tv-claim-label">Measured:</span> {_text(c["measured"])}</p>{note}'
            f'<p class="tv-claim-meta">Figure: {figure} · data: <code>{_text(c["_source"])}</code></p></div>', ""]


def _values_table(values: dict[str, dict], manifest: dict[str, dict]) -> list[str]:
    """Every value the pages quote: id (the row's anchor), text, what it was measured on, its data figure."""
    lines = ["## Numbers on the pages", "",
             "Every measured number in the site's prose is inserted from this list by its id when the site is "
             "built, so it matches the runs of this build.", "",
             "| id | value | measured on | data |", "|---|---|---|---|"]
    for num_id, v in sorted(values.items()):
        src = v["_source"]
        data = (f'<a href="../{embed.source_page(src).removesuffix(".md")}/">{_text(src)}</a>' if src in manifest
                else _text(src))
        lines.append(f'| <code id="n-{_text(num_id)}">{_text(num_id)}</code> | {_text(v["text"])} | '
                     f'{_text(v["size"])} | {data} |')
    return lines + [""]


def claims_page(claims: list[dict], manifest: dict[str, dict], values: dict[str, dict] | None = None) -> str:
    """The claims, grouped by post and by the post's section, then the values the pages quote, generated
    from the data figures' JSON."""
    counts = {v: sum(c["verdict"] == v for c in claims) for v in VERDICTS}
    lines = ["# Claims, measured", "",
             "Every quantitative claim of the two posts that toyviz could test, with what our runs measured. "
             "This page is generated from the `data` figures' JSON at build time: no number here is typed by hand. "
             "Claims are grouped by the section of the post that makes them; a claim tested twice (by the "
             "post's own experiment and by a wider run beyond it) appears twice, each with its data.",
             "", '<p class="tv-claim-counts">' + " ".join(f"{_verdict(v)} {n}" for v, n in counts.items()) + "</p>", ""]
    for post, title in POSTS.items():
        rows = [c for c in claims if c["post"] == post]
        if not rows:
            continue
        lines += [f"## {title}", ""]
        sections: dict[str, list[dict]] = {}
        for c in rows:
            sections.setdefault(c["section"], []).append(c)
        for section, group in sections.items():
            lines += [f"### {_text(section)}", ""]
            for c in group:
                lines += _claim(c, manifest)
    if not claims:
        lines.append("*No claims data has been built yet.*")
    if values:
        lines += [""] + _values_table(values, manifest)
    return "\n".join(lines)


def cli_reference() -> str:
    """`toyviz --help` and every subcommand's help, captured from the parser itself."""
    from toyviz.cli import build_parser

    parser = build_parser()
    lines = ["# Command reference", "", "Generated from the `toyviz` command's own `--help` at build time.", ""]

    def walk(p, path):
        buf = io.StringIO()
        with redirect_stdout(buf):
            p.print_help()
        lines.extend([f"## `{' '.join(path)}`", "", "```text", buf.getvalue().rstrip(), "```", ""])
        for action in p._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                for name, sub in action.choices.items():
                    walk(sub, path + [name])

    walk(parser, ["toyviz"])
    return "\n".join(lines)

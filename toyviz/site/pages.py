"""Pages the site generates at build time, never typed: the gallery, the claims table, the CLI reference.

Each function returns Markdown; `toyviz.site.hooks` adds them to the site as generated files.

The claims table reads every `*claims.json` that a `data` figure wrote (schema: `toyviz.claims`).
"""
from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

from toyviz.site import embed

VERDICTS = {"agree": "✅ agree", "disagree": "❌ disagree", "partly": "➗ partly", "not measurable": "— not measurable"}
POSTS = {"optimization-failure": "Optimization Failure", "ica-vs-saes": "ICA vs SAEs"}


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def gallery(manifest: dict[str, dict]) -> str:
    """Every built figure as a card: thumbnail (poster frame for videos), title, what it reproduces,
    its source page and build time."""
    lines = ["# Gallery", "",
             f"Every figure toyviz builds — {len(manifest)} of them — with the post figure it regenerates. "
             "Click a title for the figure, its script and how to rebuild it.", ""]
    by_group: dict[str, list[dict]] = {}
    for entry in manifest.values():
        by_group.setdefault(entry["id"].split("/")[0], []).append(entry)
    for group, entries in sorted(by_group.items()):
        lines += [f"## {group}", "", '<div class="tv-gallery" markdown>', ""]
        for e in entries:
            thumb = next((f for f in e["files"] if f.endswith(".png")), None)
            img = (f'<img src="../figures/{thumb}" alt="{_cell(e["title"])}" loading="lazy">' if thumb
                   else '<div class="tv-data">data</div>')
            badge = "▶ video" if e["kind"] == "video" else e["kind"]
            repro = f"reproduces <code>{e['reproduces']}</code>" if e["reproduces"] else "new: not in the posts"
            link = embed.source_page(e["id"]).removesuffix(".md").removeprefix("gallery/") + "/"
            lines.append(f'<a class="tv-card" href="{link}">{img}<span class="tv-card-title">{_cell(e["title"])}'
                         f'</span><span class="tv-card-meta">{badge} · {repro} · {e["seconds"]:.0f} s</span></a>')
        lines += ["", "</div>", ""]
    return "\n".join(lines)


def load_claims(figures_dir: Path, manifest: dict[str, dict]) -> list[dict]:
    claims = []
    for entry in manifest.values():
        for f in entry["files"]:
            if entry["kind"] == "data" and f.endswith("claims.json"):
                for c in json.loads((figures_dir / f).read_text())["claims"]:
                    claims.append({**c, "_source": entry["id"]})
    return claims


def claims_page(claims: list[dict], manifest: dict[str, dict]) -> str:
    """The claims table, grouped by post, generated from the data figures' JSON."""
    counts = {v: sum(c["verdict"] == v for c in claims) for v in VERDICTS}
    lines = ["# Claims, measured", "",
             "Every quantitative claim of the two posts that toyviz could test, with what our runs measured. "
             "This page is generated from the `data` figures' JSON at build time: no number here is typed by hand.",
             "", " · ".join(f"{VERDICTS[v]}: {n}" for v, n in counts.items()), ""]
    for post, title in POSTS.items():
        rows = [c for c in claims if c["post"] == post]
        if not rows:
            continue
        lines += [f"## {title}", "", "| claim | where | measured | verdict | figure |", "|---|---|---|---|---|"]
        for c in rows:
            fig = c.get("figure")
            fig_link = (f"[{fig.split('/')[-1]}]({embed.source_page(fig)})"
                        if fig in manifest else _cell(fig or ""))
            measured = _cell(c["measured"]) + (f" <br><small>{_cell(c['note'])}</small>" if c.get("note") else "")
            lines.append(f"| {_cell(c['claim'])} | {_cell(c['section'])} | {measured} | "
                         f"{VERDICTS.get(c['verdict'], _cell(c['verdict']))} | {fig_link} |")
        lines.append("")
    if not claims:
        lines.append("*No claims data has been built yet.*")
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

"""Measured numbers in pages: `{{ n:ID }}` inserts the value a claims data figure published under ID.

A page never types a measured number: it writes `{{ n:chaos.recovered_share }}` in prose, a list item, a
table, an admonition or a figure caption, and the build puts in the value's text as the figure build
formatted it (`toyviz.claims.value`), e.g. `84%`, with what it was measured on and the build's quality as
a tooltip. So a preview and a final build each show their own consistent numbers. An id that no built
claims file publishes fails the build; so does an id that two claims files publish.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

NUMBER_TAG = re.compile(r"\{\{\s*n:\s*(?P<id>[\w.]+)\s*\}\}")


class UnknownNumber(ValueError):
    pass


def load_values(figures_dir: Path, manifest: dict[str, dict]) -> dict[str, dict]:
    """id → value record (`toyviz.claims.value`) plus `_source` (the data figure's id) and `_quality`,
    from every built `*claims.json`; an id published twice raises ValueError naming both figures."""
    values: dict[str, dict] = {}
    for entry in manifest.values():
        for f in entry["files"]:
            if entry["kind"] != "data" or not f.endswith("claims.json"):
                continue
            for v in json.loads((Path(figures_dir) / f).read_text()).get("values", []):
                if v["id"] in values:
                    raise ValueError(f"value id {v['id']!r} is published by both {values[v['id']]['_source']} "
                                     f"and {entry['id']}")
                values[v["id"]] = {**v, "_source": entry["id"], "_quality": entry.get("quality") or "unknown"}
    return values


def tooltip(v: dict) -> str:
    """'65,536 runs · preview build'."""
    return f"{v['size']} · {v['_quality']} build"


def _lookup(values: dict[str, dict], num_id: str) -> dict:
    if num_id not in values:
        raise UnknownNumber(f"unknown number id {num_id!r} (no built claims file publishes it; "
                            f"is its claims figure built? `toyviz figures build --only '*claims*'`)")
    return values[num_id]


def replace_numbers(markdown: str, values: dict[str, dict], plain_lines: re.Pattern | None = None) -> str:
    """Every `{{ n:ID }}` of `markdown` replaced by `<span class="tv-n" title="size · quality build">text</span>`;
    on lines that `plain_lines` matches (figure tags, whose caption is also the image's alt text and is
    escaped there) by the plain text. Unknown ids raise UnknownNumber."""
    def span(match: re.Match) -> str:
        v = _lookup(values, match["id"])
        return f'<span class="tv-n" title="{html.escape(tooltip(v), quote=True)}">{html.escape(v["text"])}</span>'

    def plain(match: re.Match) -> str:
        return _lookup(values, match["id"])["text"]

    if plain_lines is not None:
        markdown = plain_lines.sub(lambda line: NUMBER_TAG.sub(plain, line[0]), markdown)
    return NUMBER_TAG.sub(span, markdown)

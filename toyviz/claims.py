"""The claims data that the `claims` data figures write and the site's generated claims table reads
(`toyviz.site.pages.claims_page`). Schema (one file, many claims):

    {"claims": [{"post": "optimization-failure" | "ica-vs-saes",
                 "section": "the post's section that makes the claim",
                 "claim": "the claim, in our words",
                 "measured": "what toyviz measured, with numbers",
                 "verdict": "agree" | "disagree" | "partly" | "not measurable",
                 "figure": "<figure id that shows it>" (optional),
                 "note": "conditions, caveats" (optional)}],
     "values": [{"id": "chaos.recovered_share",   (dotted, unique across the site)
                 "text": "84%",                   (as a page shows it: the script knows the precision)
                 "size": "65,536 runs",           (what it was measured on)
                 "value": 0.8437}]}               (the raw number, optional)

Pages insert a value by id with `{{ n:chaos.recovered_share }}` (`toyviz.site.numbers`), so no
measured number on the site is typed by hand.
"""
from __future__ import annotations

import re
from pathlib import Path

from toyviz import output

POSTS = ("optimization-failure", "ica-vs-saes")
VERDICTS = ("agree", "disagree", "partly", "not measurable")
VALUE_ID = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)+")   # dotted: "page_or_topic.name"


def claim(post: str, section: str, text: str, measured: str, verdict: str, figure: str | None = None,
          note: str | None = None) -> dict:
    """One claim record; raises ValueError for an unknown post or verdict."""
    if post not in POSTS or verdict not in VERDICTS:
        raise ValueError(f"unknown post {post!r} or verdict {verdict!r}")
    c = {"post": post, "section": section, "claim": text, "measured": measured, "verdict": verdict}
    if figure:
        c["figure"] = figure
    if note:
        c["note"] = note
    return c


def value(id: str, text: str, *, size: str, value: float | int | None = None) -> dict:
    """One named value for the pages, e.g. `value("chaos.recovered_share", f"{share:.0%}", size="65,536 runs",
    value=share)`; raises ValueError for an id that is not dotted lower-case words or for empty text."""
    if not VALUE_ID.fullmatch(id):
        raise ValueError(f"value id {id!r} is not dotted lower-case words (e.g. 'chaos.recovered_share')")
    if not str(text).strip() or not str(size).strip():
        raise ValueError(f"value {id!r} needs a text and a size")
    v = {"id": id, "text": str(text), "size": str(size)}
    if value is not None:
        v["value"] = value.item() if hasattr(value, "item") else value   # numpy scalars → JSON numbers
    return v


def write_claims(path: Path, claims: list[dict], values: list[dict] = ()) -> None:
    """The claims file, as the claims table and the pages' `{{ n:ID }}` read it; a value id given twice
    raises ValueError."""
    ids = [v["id"] for v in values]
    if len(set(ids)) != len(ids):
        raise ValueError(f"value ids given twice: {sorted({i for i in ids if ids.count(i) > 1})}")
    output.write_json(Path(path), {"claims": claims, "values": list(values)}, indent=1, ensure_ascii=False)

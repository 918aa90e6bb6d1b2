"""The claims data that the `claims` data figures write and the site's generated claims table reads
(`toyviz.site.pages.claims_page`). Schema (one file, many claims):

    {"claims": [{"post": "optimization-failure" | "ica-vs-saes",
                 "section": "the post's section that makes the claim",
                 "claim": "the claim, in our words",
                 "measured": "what toyviz measured, with numbers",
                 "verdict": "agree" | "disagree" | "partly" | "not measurable",
                 "figure": "<figure id that shows it>" (optional),
                 "note": "conditions, caveats" (optional)}]}
"""
from __future__ import annotations

from pathlib import Path

from toyviz import output

POSTS = ("optimization-failure", "ica-vs-saes")
VERDICTS = ("agree", "disagree", "partly", "not measurable")


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


def write_claims(path: Path, claims: list[dict]) -> None:
    """The claims file, as the claims table reads it."""
    output.write_json(Path(path), {"claims": claims}, indent=1, ensure_ascii=False)

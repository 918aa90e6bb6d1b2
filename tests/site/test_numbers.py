"""Every number in a page's prose is inserted from claims data (`{{ n:ID }}`), or listed as exempt.

The test reads each docs page's Markdown, strips what is not prose (front matter, code, maths, HTML
tags, link targets, figure ids, `{{ n:ID }}` references) and fails on any digit left that no entry of
`numbers_exempt.toml` covers. An exemption names its page (a glob), the exact text and the reason
(a date, a definition of the set-up, the posts' own counts when quoted, a version pin); an exemption
whose text no longer occurs on its pages fails too, so the file stays honest. Run one page with
`-k part1-index`.
"""
from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

from toyviz.site import embed, numbers

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXEMPT_FILE = Path(__file__).with_name("numbers_exempt.toml")
SKIP = ("assets/", "figures/")  # vendored packages and built figures, not our prose
# Pages whose numbers are still being converted, and by whom (issue 19 part 4): expected to fail, strictly,
# so a page that passes must leave this list.
PENDING: dict[str, str] = {}

MATHS = re.compile(r"\$\$.+?\$\$|\\\[.+?\\\]|\$(?:[^$\n]|\n(?![ \t]*\n))+?\$|\\\(.+?\\\)", re.S)  # inline: one paragraph
DECIMAL = re.compile(r"\d+\.\d+")   # in maths, a decimal is a value (measured, or a stated threshold)
_STRIP = [
    re.compile(r"\A---\n.*?\n---\n", re.S),                        # front matter
    re.compile(r"^(?P<f>`{3,}|~{3,}).*?^(?P=f)[ \t]*$", re.S | re.M),   # fenced code
    re.compile(r"<!--.*?-->", re.S),                                # HTML comments
    re.compile(r"(`+).+?\1", re.S),                                 # inline code
    MATHS,                                                          # maths, but for its decimals
    numbers.NUMBER_TAG,                                             # inserted numbers
    re.compile(r"\{\{\s*figure:\s*[\w./-]+\s*\|?"),                 # a figure tag's id (its caption stays)
    re.compile(r"<[^>]*>"),                                         # HTML tags and their attributes
    re.compile(r"&#?\w+;"),                                         # HTML entities
    re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"),            # link targets
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M),                  # reference link definitions
    re.compile(r"\[\^[^\]]+\]"),                                    # footnote markers
    re.compile(r"\{\s*[:#.][^}]*\}"),                               # attribute lists { #id .class }
    re.compile(r"^\s*\d+\.(?=\s)", re.M),                           # ordered-list markers
]
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def prose(markdown: str) -> str:
    """What a reader reads as text: `markdown` without code, maths, markup, link targets and references."""
    for pattern in _STRIP:
        keep = (lambda m: " " + " ".join(DECIMAL.findall(m[0])) + " ") if pattern is MATHS else " "
        markdown = pattern.sub(keep, markdown)
    return markdown


def exemptions() -> list[dict]:
    return tomllib.loads(EXEMPT_FILE.read_text()).get("exempt", [])


def unexplained_numbers(text: str, exempt: list[dict]) -> list[str]:
    """The numbers in `text` (prose) outside every exempt text, each with a little context."""
    for e in sorted(exempt, key=lambda e: -len(e["text"])):   # "4 November 2024" before "November 2024"
        text = _exact(e["text"]).sub(" ", text)
    return [" ".join(text[max(0, m.start() - 30):m.end() + 30].split()) for m in DIGITS.finditer(text)]


def _exact(text: str) -> re.Pattern:
    """`text` as a whole, in any case: "0.1" does not cover part of "0.15", nor "n = 7" part of "n = 70"."""
    return re.compile(r"(?<!\w)(?<!\d[.,])" + re.escape(text) + r"(?!\w|[.,]\d)", re.I)


def _pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                  if not p.relative_to(DOCS).as_posix().startswith(SKIP))


def _for(page: str) -> list[dict]:
    return [e for e in exemptions() if fnmatch.fnmatch(page, e["page"])]


def _param(page: str):
    pending = [pytest.mark.xfail(strict=True, reason=f"being converted by {PENDING[page]}")] if page in PENDING else []
    return pytest.param(page, id=page.removesuffix(".md").replace("/", "-"), marks=pending)


@pytest.mark.parametrize("page", [_param(p) for p in _pages()])
def test_every_number_in_the_prose_comes_from_claims(page):
    text = prose((DOCS / page).read_text())
    found = unexplained_numbers(text, _for(page))
    assert not found, (f"{page}: numbers typed into the prose; insert them with {{{{ n:ID }}}} from a claims "
                       f"figure, or exempt them in {EXEMPT_FILE.name} with a reason:\n  " + "\n  ".join(found))


def test_every_number_reference_names_a_published_value(built_site):
    """Each `{{ n:ID }}` on a page names a value that a built claims file publishes (the site build fails
    on the first one that does not; this lists them all). `built_site` builds the figures first."""
    manifest = embed.load_manifest(DOCS / "figures" / "manifest.json")
    if not manifest:
        pytest.skip("no figures built (toyviz figures build)")
    values = numbers.load_values(DOCS / "figures", manifest)
    missing = [f"{p}: {m['id']}" for p in _pages() for m in numbers.NUMBER_TAG.finditer((DOCS / p).read_text())
               if m["id"] not in values]
    assert not missing, "references to values no built claims file publishes (stale build?):\n  " + "\n  ".join(missing)


def test_every_exemption_is_used_and_explained():
    pages = {p: prose((DOCS / p).read_text()) for p in _pages()}
    for e in exemptions():
        assert e.get("reason", "").strip(), f"exemption {e['text']!r} has no reason"
        where = [p for p in pages if fnmatch.fnmatch(p, e["page"])]
        assert any(_exact(e["text"]).search(pages[p]) for p in where), (
            f"exemption {e['text']!r} for {e['page']} matches no page's prose any more: remove it")


# --- the stripper itself, on small known inputs ----------------------------------------------------------

@pytest.mark.parametrize("markdown", [
    "The run recovered in 84% of seeds.",
    "- a list item with 4,000 seeds",
    "| cell | 0.25 |",
    '!!! note "Measured"\n    it took 3 s',
    "{{ figure: opt_failure/x | 12 of the seeds }}",
    "Some `code` and then 17 more, $x$ too.",
    "the equilibrium is at $\\lVert W_7 \\rVert = 0.0027$",
])
def test_a_typed_number_in_prose_is_found(markdown):
    assert unexplained_numbers(prose(markdown), [])


@pytest.mark.parametrize("markdown", [
    "The bias is $b_7 = 1/7$ exactly.",
    "$$\\frac{n-1}{n^3}$$",
    "Inline \\(W_7 \\approx 1/7\\) maths.",
    "Run `toyviz train toy --seeds 4000` first.",
    "```python\nrun(seeds=4000)\n```",
    "{{ n:chaos.recovered_share }} of the seeds recover.",
    "{{ figure: opt_failure/asymmetric_failure_4 | {{ n:opt.dead }} dead }}",
    '<div data-n="7" class="w2"></div>',
    "[the post](https://example.org/2024/07/post#e4-3) says so",
    "---\ndate: 2024-07-01\n---\nText.",
    "Heading { #sec-2 }",
    "1. first step\n2. second step",
])
def test_numbers_outside_the_prose_are_ignored(markdown):
    assert not unexplained_numbers(prose(markdown), [])


def test_an_exemption_covers_only_its_exact_text():
    text = prose("With n = 7 features, 84% recover.")
    assert unexplained_numbers(text, [{"text": "n = 7"}]) == ["With features, 84% recover."]
    assert unexplained_numbers(prose("n = 70 and 0.15"), [{"text": "n = 7"}, {"text": "0.1"}]) == [
        "n = 70 and 0.15", "n = 70 and 0.15"]
    assert unexplained_numbers(prose("n = 7,000 or n = 7, then"), [{"text": "n = 7"}]) == ["n = 7,000 or , then"]


def test_the_macro_and_the_figure_tag_agree_with_the_stripper():
    """The stripper uses the same patterns as the build, so a tag it strips is one the build expands."""
    assert numbers.NUMBER_TAG.fullmatch("{{ n:part1.dead_share }}")
    assert embed.FIGURE_TAG.fullmatch("{{ figure: opt_failure/x | caption }}")

"""What a reader sees, in Debian's Chromium, on every authored page (the gallery by its index and three
sampled figure pages): maths typeset with its styles (an accent over its letter, a fraction on two
rows), nothing wider than its column and no sideways page scroll, the gallery in columns with no
markup shown as text, videos whose controls leave the picture alone and that never start by
themselves, no serious or critical axe-core finding in light and dark, cumulative layout shift and the
gzip-compressed weight of a first visit.

Every page is seen three ways and each way is checked the same: a full load (1280 px, light), a
reload with a warm cache (375 px, dark) and instant navigation (one walk through all pages,
alternating width and scheme, starting on a page without maths). The site is served on a port other
than site_url's, so the walk also checks instant navigation on any port. `TOYVIZ_READER_REPORT=FILE`
writes the per-page numbers (CLS, first-load bytes, axe counts) as JSON.
"""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from toyviz.site.browse import sitemap_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_EXCEPTIONS = Path(__file__).with_name("axe_exceptions.json")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 375, "height": 740}
CLS_LIMIT = 0.05
FIRST_LOAD_GZIP_LIMIT = 1_000_000  # bytes, a page without videos
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".map")
CONTROL_BAR = 48  # px: Chromium's media control panel at the bottom of a <video>

# Registered before any page script: every layout shift not caused by the reader's input.
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""

# Typeset maths as drawn: MathJax's stylesheet present, no maths left raw, every accent's glyph raised
# above its letter's and overlapping it sideways (unstyled, it sits beside the letter on the same line), every fraction's numerator above its denominator.
MATHS = """() => {
  const box = e => e.getBoundingClientRect();
  const arith = [...document.querySelectorAll('.arithmatex')];
  const out = {count: document.querySelectorAll('mjx-container').length, expected: arith.length > 0,
               styles: !!document.getElementById('MJX-CHTML-styles'),
               raw: arith.filter(e => !e.querySelector('mjx-container')).length, bad: []};
  for (const m of [...document.querySelectorAll('mjx-mover')].slice(0, 40)) {
    const base = m.querySelector(':scope > mjx-base mjx-c'), over = m.querySelector(':scope > mjx-over mjx-c');
    if (!base || !over) continue;
    const b = box(base), o = box(over);
    if (b.width === 0) continue;  // not displayed (a closed <details>)
    const raised = o.top <= b.top - 0.25 * b.height;
    const overlapping = o.left < b.right && o.right > b.left;
    if (!(raised && overlapping)) out.bad.push('accent beside its letter: ' + m.textContent.slice(0, 20));
  }
  for (const f of [...document.querySelectorAll('mjx-mfrac')].slice(0, 40)) {
    const num = f.querySelector('mjx-num'), den = f.querySelector('mjx-den');
    if (!num || !den || box(num).width === 0) continue;
    if (!(box(num).bottom <= box(den).top + 1)) out.bad.push('fraction on one row: ' + f.textContent.slice(0, 20));
  }
  return out;
}"""

# Sideways overflow: the page scrolls sideways, or an element of the article pokes out of the column
# (an element inside a box that scrolls or clips sideways is that box's business, not the column's).
OVERFLOW = """() => {
  const art = document.querySelector('article.md-content__inner');
  const out = {pageScroll: document.documentElement.scrollWidth - window.innerWidth, wide: []};
  if (!art) return out;
  const right = art.getBoundingClientRect().right + 1, left = art.getBoundingClientRect().left - 1;
  const clips = new Map();
  const clipped = e => {
    if (e === art || !e) return false;
    if (clips.has(e)) return clips.get(e);
    const ox = getComputedStyle(e).overflowX;
    const v = ox !== 'visible' || clipped(e.parentElement);
    clips.set(e, v);
    return v;
  };
  for (const e of art.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || (r.right <= right && r.left >= left)) continue;
    if (clipped(e.parentElement)) continue;
    out.wide.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(r.width)} px`);
  }
  return out;
}"""

GALLERY = """() => {
  const grids = [...document.querySelectorAll('.tv-gallery')];
  return {
    columns: grids.map(g => new Set([...g.children].map(c => Math.round(c.getBoundingClientRect().left))).size),
    markup: [...document.querySelectorAll('.tv-card')].map(c => c.innerText).filter(t => /<|=\\"|\\/>/.test(t)),
    unnamed: [...document.querySelectorAll('.tv-card')].filter(c => !c.innerText.trim()).length,
  };
}"""

# Each video: the drawn frame (object-fit: contain, at the top) ends above the control bar; not playing.
VIDEOS = """() => [...document.querySelectorAll('video')].map(v => {
  const r = v.getBoundingClientRect();
  const w = v.videoWidth || v.width, h = v.videoHeight || v.height;
  const frame = Math.min(r.width / w, r.height / h) * h;
  return {src: v.currentSrc, gap: r.height - frame, autoplay: v.autoplay, playing: !v.paused,
          described: !!(v.getAttribute('aria-describedby') &&
                        document.getElementById(v.getAttribute('aria-describedby'))?.textContent.trim())};
})"""


def _scroll_through(page) -> None:
    """Scroll to the bottom a screen at a time, so lazy images load and late shifts are counted."""
    page.evaluate("""async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight * 0.9) {
        scrollTo(0, y); await new Promise(r => setTimeout(r, 60));
      }
      await new Promise(r => setTimeout(r, 300));
      scrollTo(0, 0);
    }""")


def _settle(page) -> None:
    """Wait for the maths (MathJax loads and typesets asynchronously) and for widgets' data."""
    try:
        page.wait_for_function("""() => [...document.querySelectorAll('.arithmatex')]
                                  .every(e => e.querySelector('mjx-container'))""", timeout=20_000)
    except Exception:
        pass  # reported by the maths check, with what stayed raw
    page.wait_for_load_state("networkidle")
    page.evaluate("""async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise)
                                     await MathJax.startup.promise; }""")
    page.wait_for_function("() => !document.documentElement.classList.contains('tv-typesetting')")
    page.wait_for_timeout(150)


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
      .map(v => ({id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}))""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def _excepted(violation: dict, path: str, exceptions: list[dict]) -> bool:
    return any(e["rule"] == violation["id"] and all(any(s in t for s in e["selectors"]) for t in violation["targets"])
               for e in exceptions)


def _gzip_bytes(site: Path, base: str, urls: list[str]) -> int:
    """What the page's requests weigh served as a static host serves them: text gzip-compressed."""
    total = 0
    for url in set(urls):
        path = site / unquote(urlparse(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            continue
        data = path.read_bytes()
        total += len(gzip.compress(data, 6)) if path.suffix in COMPRESSED else len(data)
    return total


def _look(page) -> dict:
    return {"maths": page.evaluate(MATHS), "overflow": page.evaluate(OVERFLOW)}


def _reader_pages(site: Path, base: str) -> list[str]:
    """Every page a person wrote, the gallery's index, and one figure page of each kind (a still, a
    video and a data figure, the first of each in the manifest)."""
    urls = sitemap_pages(site, base)
    manifest = json.loads((site / "figures" / "manifest.json").read_text())["figures"]
    sampled = {}
    for entry in manifest:
        sampled.setdefault(entry["kind"], f"{base}gallery/{entry['id']}/")
    figure_pages = {f"{base}gallery/{e['id']}/" for e in manifest}
    return [u for u in urls if u not in figure_pages] + sorted(sampled.values())


@pytest.fixture(scope="module")
def seen(browser, site_url, built_site) -> dict:
    """Every reader page seen three ways; what was seen, per page and way."""
    pages = _reader_pages(built_site, site_url)
    exceptions = json.loads(AXE_EXCEPTIONS.read_text())["exceptions"]
    seen: dict[str, dict] = {u: {} for u in pages}

    desktop = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    desktop.add_init_script(CLS_OBSERVER)
    phone = browser.new_context(viewport=PHONE, color_scheme="dark", is_mobile=True, has_touch=True,
                                device_scale_factor=2)
    for url in pages:
        page = desktop.new_page()
        requested: list[str] = []
        page.on("request", lambda r: r.resource_type != "media" and requested.append(r.url))
        page.goto(url, wait_until="load")
        _settle(page)
        s = seen[url]
        s["full"] = _look(page)
        s["bytes_gzip"] = _gzip_bytes(built_site, site_url, requested)
        s["has_video"] = page.evaluate("document.querySelectorAll('video').length > 0")
        s["videos"] = page.evaluate(VIDEOS)
        s["gallery"] = page.evaluate(GALLERY)
        _scroll_through(page)
        s["cls"] = page.evaluate("window.__cls")
        s["axe_light"] = [v for v in _axe(page) if not _excepted(v, url, exceptions)]
        page.close()

        page = phone.new_page()
        page.goto(url, wait_until="load")  # warms the cache, then the reload is what is checked
        _settle(page)
        page.reload(wait_until="load")
        _settle(page)
        s["reload"] = _look(page)
        s["axe_dark"] = [v for v in _axe(page) if not _excepted(v, url, exceptions)]
        page.close()
    desktop.close()
    phone.close()

    # One walk by instant navigation, starting on a page without maths (MathJax must arrive with the
    # first page that needs it), alternating width and colour scheme, and ending where it started.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    start = next(u for u in pages if "arithmatex" not in _html(built_site, site_url, u)
                 and "jp-RenderedMarkdown" not in _html(built_site, site_url, u))
    page.goto(start, wait_until="load")
    page.evaluate("window.__no_reload = true")
    for i, url in enumerate([u for u in pages if u != start] + [start]):  # back to the start at the end
        page.set_viewport_size([DESKTOP, PHONE][i % 2])
        page.emulate_media(color_scheme=["light", "dark"][(i // 2) % 2])
        page.evaluate("""href => { window.__article = document.querySelector('article');
                                   const a = document.createElement('a'); a.href = href;
                                   document.body.appendChild(a); a.click(); }""", urlparse(url).path)
        page.wait_for_url(url)
        page.wait_for_function("() => document.querySelector('article') !== window.__article")
        _settle(page)
        seen[url]["instant"] = _look(page) | {"reloaded": not page.evaluate("window.__no_reload === true")}
    context.close()

    if os.environ.get("TOYVIZ_READER_REPORT"):
        report = {urlparse(u).path: {"cls": round(s["cls"], 4), "first_load_gzip": s["bytes_gzip"],
                                     "videos": s["has_video"], "axe_light": len(s["axe_light"]),
                                     "axe_dark": len(s["axe_dark"])} for u, s in seen.items()}
        Path(os.environ["TOYVIZ_READER_REPORT"]).write_text(json.dumps(report, indent=1))
    return seen


def _html(site: Path, base: str, url: str) -> str:
    return (site / urlparse(url).path.lstrip("/") / "index.html").read_text()


WAYS = ("full", "reload", "instant")


def test_maths_is_typeset_with_its_styles(seen):
    problems = []
    for url, s in seen.items():
        for way in WAYS:
            m = s[way]["maths"]
            if not m["expected"]:
                continue
            if not m["styles"] or m["raw"] or m["bad"] or not m["count"]:
                problems.append(f"{url} ({way}): styles {m['styles']}, raw {m['raw']}, {m['bad'][:3]}")
    assert not problems, "\n".join(problems)


def test_instant_navigation_never_falls_back_to_a_full_load(seen):
    reloaded = [u for u, s in seen.items() if s.get("instant", {}).get("reloaded")]
    assert not reloaded, f"full reloads instead of instant navigation: {reloaded}"


def test_nothing_is_wider_than_its_column(seen):
    problems = []
    for url, s in seen.items():
        for way in WAYS:
            o = s[way]["overflow"]
            if o["pageScroll"] > 0 or o["wide"]:
                problems.append(f"{url} ({way}): page scrolls {o['pageScroll']} px sideways; {o['wide'][:4]}")
    assert not problems, "\n".join(problems)


def test_gallery_lays_out_in_columns_and_shows_no_markup(seen):
    gallery = next(s for u, s in seen.items() if u.endswith("/gallery/"))["gallery"]
    assert gallery["columns"] and min(gallery["columns"]) >= 2, gallery["columns"]
    assert not gallery["markup"], gallery["markup"][:3]
    assert not gallery["unnamed"]


def test_videos_leave_the_picture_uncovered_and_never_autoplay(seen):
    problems = []
    videos = [(u, v) for u, s in seen.items() for v in s["videos"]]
    assert videos, "no video on any page checked"
    for url, v in videos:
        if v["gap"] < CONTROL_BAR:
            problems.append(f"{url}: {v['src']} has {v['gap']:.0f} px below its frame for the controls")
        if v["autoplay"] or v["playing"]:
            problems.append(f"{url}: {v['src']} plays by itself")
        if not v["described"]:
            problems.append(f"{url}: {v['src']} has no text description")
    assert not problems, "\n".join(problems)


def test_no_serious_accessibility_violation(seen):
    problems = [f"{url} ({scheme}): {v['id']} ({v['impact']}, {v['count']}×): {v['help']} — {v['targets'][:2]}"
                for url, s in seen.items() for scheme in ("axe_light", "axe_dark") for v in s[scheme]]
    assert not problems, "\n".join(problems)


def test_axe_exceptions_each_give_a_reason():
    for e in json.loads(AXE_EXCEPTIONS.read_text())["exceptions"]:
        assert e["rule"] and e["selectors"] and len(e["reason"]) > 40, e


def test_layout_barely_shifts(seen):
    shifted = {u: round(s["cls"], 3) for u, s in seen.items() if s["cls"] > CLS_LIMIT}
    assert not shifted, f"cumulative layout shift above {CLS_LIMIT}: {shifted}"


def test_first_visit_is_light(seen):
    heavy = {u: s["bytes_gzip"] for u, s in seen.items() if not s["has_video"] and s["bytes_gzip"] >= FIRST_LOAD_GZIP_LIMIT}
    assert not heavy, f"first load (gzip) at or above {FIRST_LOAD_GZIP_LIMIT:,} bytes: {heavy}"


def test_a_still_opens_full_size_and_zooms_on_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + "part1/", wait_until="networkidle")
    still = page.locator("figure.tv-figure a.glightbox").first
    width = int(still.locator("img").get_attribute("width"))
    assert width > PHONE["width"]  # shrunk to the column, so enlarging it is worth something
    still.click()
    shown = page.locator(".glightbox-container .gslide.current .gslide-image img")
    shown.wait_for(state="visible")
    assert shown.evaluate("i => i.naturalWidth") == width  # the file itself, not a thumbnail
    page.wait_for_selector(".glightbox-container .gslide.current .gslide-image img.zoomable")
    assert "user-scalable=no" not in (page.locator("meta[name=viewport]").get_attribute("content") or "")
    context.close()

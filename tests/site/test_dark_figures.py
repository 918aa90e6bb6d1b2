"""The stills follow the site's colour scheme, in Debian's Chromium: in the light scheme the light still is
shown (and the dark one never fetched), in the dark scheme the dark one, whose background matches the
page's; switching the scheme with material's toggle swaps them in place, moving nothing on the page."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "part1/symmetric-failure/"     # a page of stills
DESKTOP = {"width": 1280, "height": 900}
BACKGROUND_TOLERANCE = 3              # per 8-bit channel

# Per still: which variant is displayed, whether it has loaded, and the files the page fetched.
SHOWN = """() => [...document.querySelectorAll('figure.tv-figure')].filter(f => f.querySelector('img.tv-dark'))
  .map(f => {
    const imgs = [...f.querySelectorAll('img')], shown = imgs.filter(i => i.getBoundingClientRect().width > 0);
    const r = f.getBoundingClientRect();
    return {id: f.id, shown: shown.map(i => i.className), src: shown.map(i => i.getAttribute('src')),
            hidden: imgs.filter(i => !shown.includes(i)).map(i => new URL(i.getAttribute('src'), location).href),
            links: [...f.querySelectorAll('a.glightbox')].filter(a => getComputedStyle(a).display !== 'none').length,
            box: [r.left, r.top + scrollY, r.width, r.height]};
  })"""
FETCHED = "() => performance.getEntriesByType('resource').map(e => e.name)"
# The shown still's top-left pixel and the page's background, both as [r, g, b].
PIXELS = """async (id) => {
  const img = [...document.getElementById(id).querySelectorAll('img')].find(i => i.getBoundingClientRect().width > 0);
  img.scrollIntoView();
  if (!img.complete || !img.naturalWidth) await new Promise(r => img.addEventListener('load', r, {once: true}));
  const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
  const px = [...ctx.getImageData(2, 2, 1, 1).data].slice(0, 3);
  const probe = document.createElement('div');
  probe.style.background = getComputedStyle(document.body).getPropertyValue('--md-default-bg-color');
  document.body.append(probe);
  const bg = getComputedStyle(probe).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number);
  probe.remove();
  return {px, bg};
}"""


def _open(browser, site_url, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="load")
    return context, page


def test_the_light_scheme_shows_the_light_stills_only(browser, site_url):
    context, page = _open(browser, site_url, "light")
    figures = page.evaluate(SHOWN)
    assert figures, "no still with a dark variant on " + PAGE
    for f in figures:
        assert f["shown"] == ["tv-light"], f
        assert f["links"] == 1, f                  # the lightbox link of the hidden one goes too
        assert not f["src"][0].endswith(".dark.png")
    for f in figures:
        page.evaluate(PIXELS, f["id"])             # scroll each into view, let it load
    fetched = set(page.evaluate(FETCHED))
    assert not fetched & {u for f in figures for u in f["hidden"]}, "a hidden dark still was downloaded"
    context.close()


def test_the_dark_scheme_shows_dark_stills_on_the_pages_background(browser, site_url):
    context, page = _open(browser, site_url, "dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    figures = page.evaluate(SHOWN)
    for f in figures:
        assert f["shown"] == ["tv-dark"], f
        assert f["links"] == 1, f
        assert f["src"][0].endswith(".dark.png")
    for f in figures:
        seen = page.evaluate(PIXELS, f["id"])
        assert max(abs(a - b) for a, b in zip(seen["px"], seen["bg"])) <= BACKGROUND_TOLERANCE, (f["id"], seen)
    fetched = set(page.evaluate(FETCHED))
    assert not fetched & {u for f in figures for u in f["hidden"]}, "a hidden light still was downloaded"
    context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_switching_the_scheme_swaps_each_still_in_place(browser, site_url, system):
    """Material's toggle, from either system scheme: each still swaps, nothing on the page moves (the
    reader's choice wins over the system's scheme)."""
    schemes = {"light": ("default", "tv-light"), "dark": ("slate", "tv-dark")}
    other = "dark" if system == "light" else "light"
    context, page = _open(browser, site_url, system)
    before = page.evaluate(SHOWN)
    assert [f["shown"] for f in before] == [[schemes[system][1]]] * len(before)
    for scheme in (other, system):
        page.locator('[data-md-component="palette"] label:visible').first.click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{schemes[scheme][0]}'")
        after = page.evaluate(SHOWN)
        assert [f["shown"] for f in after] == [[schemes[scheme][1]]] * len(before)
        for b, a in zip(before, after):
            assert a["box"] == pytest.approx(b["box"], abs=0.5), (b["id"], b["box"], a["box"])
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_gallery_shows_each_schemes_thumbnails(browser, site_url, scheme):
    """A card of a still with a dark twin shows the thumbnail of the page's scheme, the other hidden."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "gallery/", wait_until="load")
    shown = page.evaluate("""() => [...document.querySelectorAll('.tv-card')].filter(c => c.querySelector('img.tv-dark'))
      .map(c => [...c.querySelectorAll('img')].filter(i => i.getBoundingClientRect().width > 0).map(i => i.className))""")
    assert shown, "no gallery card with a dark thumbnail"
    assert all(s == [f"tv-thumb tv-{scheme}"] for s in shown), shown
    context.close()

"""Clicking a still enlarges it in the page's colour scheme, in Debian's Chromium: in the dark scheme the
lightbox shows the dark twin on the dark page's background, in the light scheme the light still on the
light one, whether the scheme came from the system or from material's toggle; its buttons stay visible
on that background. Measured on the pixels a reader sees (a screenshot), not on style sheets."""
from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.image import imread

from toyviz import colorscience as cs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "part1/symmetric-failure/"     # a page of stills with dark twins
VIEWPORTS = {"desktop": dict(viewport={"width": 1280, "height": 900}),
             "phone": dict(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)}
BACKGROUND_TOLERANCE = 3 / 255        # per channel, between the backdrop and the page's background
MIN_BUTTON_CONTRAST = 3.0             # WCAG 1.4.11, for the close button's icon against the backdrop
SCHEME = {"light": "default", "dark": "slate"}

# The enlarged still's file and box, the close button's box and the page's background colour.
OPENED = """() => {
  const img = document.querySelector('.glightbox-container .gslide.current .gslide-image img');
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const probe = document.createElement('div');
  probe.style.background = getComputedStyle(document.body).getPropertyValue('--md-default-bg-color');
  document.body.append(probe);
  const bg = getComputedStyle(probe).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number);
  probe.remove();
  return {src: img.getAttribute('src'), image: box(img),
          buttons: [...document.querySelectorAll('.glightbox-container :is(.gclose, .gnext, .gprev)')]
                   .filter(b => b.getBoundingClientRect().width > 0).map(box),
          close: box(document.querySelector('.glightbox-container .gclose')), bg: bg.map(v => v / 255)};
}"""
SETTLED = """() => { const img = document.querySelector('.glightbox-container .gslide.current .gslide-image img');
  return img && img.complete && img.naturalWidth > 0 && document.getAnimations().every(a => a.playState !== 'running'); }"""


def _open_still(browser, site_url, viewport, system, toggle_to=None):
    context = browser.new_context(color_scheme=system, **VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="load")
    if toggle_to:
        page.locator('[data-md-component="palette"] label:visible').first.click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEME[toggle_to]}'")
    link = page.locator("figure.tv-figure a.glightbox:visible").first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function(SETTLED)
    seen = page.evaluate(OPENED)
    pixels = imread(io.BytesIO(page.screenshot()))[..., :3]     # (H, W, 3) in [0, 1], CSS px
    context.close()
    return seen, pixels


def _outside(pixels, boxes, margin=4):
    """The pixels outside every box (left, top, right, bottom), as (N, 3)."""
    keep = np.ones(pixels.shape[:2], bool)
    for left, top, right, bottom in boxes:
        keep[max(int(top) - margin, 0):int(bottom) + margin, max(int(left) - margin, 0):int(right) + margin] = False
    return pixels[keep]


def _inside(pixels, box):
    left, top, right, bottom = (int(round(v)) for v in box)
    return pixels[top:bottom, left:right].reshape(-1, 3)


@pytest.mark.parametrize("viewport, system, toggle_to", [
    ("desktop", "dark", None), ("phone", "dark", None), ("desktop", "light", None), ("phone", "light", None),
    ("desktop", "light", "dark"),                           # the reader's choice wins over the system's
])
def test_the_enlarged_still_follows_the_scheme(browser, site_url, viewport, system, toggle_to):
    scheme = toggle_to or system
    seen, pixels = _open_still(browser, site_url, viewport, system, toggle_to)
    assert seen["src"].endswith(".dark.png") == (scheme == "dark"), seen["src"]
    backdrop = np.median(_outside(pixels, [seen["image"], *seen["buttons"]]), axis=0)
    assert np.abs(backdrop - seen["bg"]).max() <= BACKGROUND_TOLERANCE, (backdrop * 255, np.array(seen["bg"]) * 255)
    luminance = cs.luminance(backdrop)
    assert luminance < 0.05 if scheme == "dark" else luminance > 0.8, luminance
    icon = max(cs.contrast(p, backdrop) for p in _inside(pixels, seen["close"]))
    assert icon >= MIN_BUTTON_CONTRAST, icon

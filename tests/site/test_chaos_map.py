"""The interactive chaos map (docs/javascripts/chaos_map.js) in headless Chromium.

A harness page holds the page's markup below a tall spacer and loads the script from the same
relative place as docs/beyond/chaos.md does; the tiles are built by figures_src/beyond/chaos_tiles.py
at smoke quality (32² runs per level, through the run cache). Checked: nothing is fetched before the
map scrolls into view; hovering a pixel names the δ and learning rate of that pixel's run (computed
here from the tile index) and the outcome its colour encodes (read here from the PNG); zooming moves
between levels; no request leaves the local server. A click (or Enter on the keyboard's cursor) opens
the pixel's run in the playground, and there, for pixels drawn at random (seeded) from the maps, half of
them on the two sides of a boundary, the playground's outcome label is the map's and its final W, b
are Python's bit for bit. The last test checks, on the built site, that only the chaos page loads the
script."""
from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from toyviz import quality
from toyviz.toy import LABELS, train
from toyviz.toy import chaos

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
HARNESS = """<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>chaos map</title></head><body>
<div id="spacer" style="height:3000px">scroll down</div>
<div class="tv-chaos-map" data-boundary="{boundary}"></div>
<script src="../../javascripts/chaos_map.js"></script></body></html>"""


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    root = tmp_path_factory.mktemp("chaos_site")
    figs = root / "figures" / "beyond"
    figs.mkdir(parents=True)
    spec = importlib.util.spec_from_file_location("chaos_tiles", ROOT / "figures_src/beyond/chaos_tiles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(figs, quality.get("smoke"))
    (root / "javascripts").mkdir()
    shutil.copy(ROOT / "docs/javascripts/chaos_map.js", root / "javascripts/chaos_map.js")
    for b in ("learnt", "perfect"):
        page = root / "beyond" / b
        page.mkdir(parents=True)
        (page / "index.html").write_text(HARNESS.format(boundary=b))
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()


def open_map(browser, url):
    page = browser.new_page(viewport={"width": 900, "height": 800})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(url, wait_until="load")
    return page, requests, errors


def ready(page):
    page.locator(".tv-chaos-map").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.tv-chaos-map .tv-cm-readout')?.textContent.startsWith('hover')",
                           timeout=15_000)


@pytest.mark.parametrize("boundary", ["learnt", "perfect"])
def test_tiles_load_only_in_view_and_hover_names_the_pixels_run(browser, harness, boundary):
    url, root = harness
    page, requests, errors = open_map(browser, url + f"beyond/{boundary}/")
    page.wait_for_timeout(400)
    assert not any("chaos_tiles" in r for r in requests), "tiles fetched before the map was in view"
    ready(page)
    index = json.loads((root / "figures/beyond/chaos_tiles.json").read_text())
    spec = next(b for b in index["boundaries"] if b["boundary"] == boundary)
    from PIL import Image
    sprite = np.asarray(Image.open(root / "figures/beyond" / spec["sprite"]).convert("RGB")).astype(int)
    palette = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in index["palette"]])
    side = spec["side"]
    canvas = page.locator(".tv-chaos-map canvas")
    for level in range(spec["levels"]):
        if level:
            page.get_by_role("button", name=f"zoom in ×{spec['factor']:g}").click()
        tile = next(t for t in spec["tiles"] if t["level"] == level and (level == 0 or t["point"] == 0))
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        for col, row in ((3, 5), (side - 2, side // 2), (side // 3, side - 1)):
            page.mouse.move(box["x"] + (col + 0.5) * box["width"] / side, box["y"] + (row + 0.5) * box["height"] / side)
            text, _, link = page.locator(".tv-cm-readout").inner_text().partition(" · ")
            assert link in ("", "open this run in the playground ↗")
            x = tile["x0"] + (col + 0.5) / side * (tile["x1"] - tile["x0"])
            lr = 10 ** (tile["y1"] - (row + 0.5) / side * (tile["y1"] - tile["y0"]))
            rgb = sprite[tile["row"] * side + row, tile["col"] * side + col]
            outcome = index["labels"][int(np.argmin(((palette - rgb) ** 2).sum(axis=1)))]
            name, rest = text.split(" = ", 1)
            assert name == spec["x_name"]
            x_shown = float(rest.split(",")[0])
            lr_shown = float(rest.split("learning rate = ")[1].split(" ")[0])
            assert x_shown == pytest.approx(x, rel=1e-5, abs=1e-12)
            assert lr_shown == pytest.approx(lr, rel=1e-5)
            assert text.endswith("→ " + outcome)
        assert page.locator(".tv-chaos-map").get_attribute("data-level") == str(level)
    assert page.get_by_role("button", name=f"zoom in ×{spec['factor']:g}").is_disabled()
    page.get_by_role("button", name="centre 2").click()
    assert page.locator(".tv-chaos-map").get_attribute("data-point") == "1"
    page.get_by_role("button", name="zoom out").click()
    assert page.locator(".tv-chaos-map").get_attribute("data-level") == str(spec["levels"] - 2)
    assert all(r.startswith(url) for r in requests), [r for r in requests if not r.startswith(url)]
    assert errors == []
    page.close()


def drawn_pixels(field: np.ndarray, rng, pairs: int = 2, loose: int = 1) -> list[tuple[int, int]]:
    """(row, col) of the map's arrays (row 0 = the smallest lr): `pairs` boundary pixels with their
    right-hand neighbour of the other outcome, and `loose` pixels anywhere, drawn by `rng`."""
    rows, cols = np.nonzero(field[:, :-1] != field[:, 1:])
    out = []
    for k in rng.choice(rows.size, size=min(pairs, rows.size), replace=False):
        out += [(int(rows[k]), int(cols[k])), (int(rows[k]), int(cols[k]) + 1)]
    side = field.shape[0]
    return out + [(int(r), int(c)) for r, c in rng.integers(0, side, size=(loose, 2))]


def query_of(href: str) -> dict:
    from urllib.parse import parse_qs, urlsplit
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}


@pytest.mark.parametrize("boundary", ["learnt", "perfect"])
def test_a_click_opens_the_pixels_run_in_the_playground_with_the_maps_outcome_and_bits(browser, harness, site_url, boundary):
    """Float64 in the page and in the kernel are the same IEEE operations in the same order (neither
    fuses a·b + c), and the map hands the page the exact float64 inputs, so the tolerance is zero."""
    url, root = harness
    smoke = quality.get("smoke")
    zc = chaos.zoom_config(boundary, smoke)
    windows = chaos.zoom_windows(zc, chaos.outcome_map_cached(zc.level0()), points=1)[0]   # centre 1, every level
    plane, rng = zc.plane, np.random.default_rng(0)
    page, requests, errors = open_map(browser, url + f"beyond/{boundary}/")
    ready(page)
    api = "window.toyvizChaosMap.instances[0].api"
    page.evaluate(f"{api}.startsReady()")
    picks = []                                                        # (window, level, row, col, href)
    for level, win in enumerate(windows):
        page.evaluate(f"{api}.setView(0, {level})")
        for row, col in drawn_pixels(chaos.field_of(chaos.outcome_map_cached(win), boundary), rng):
            href = page.evaluate(f"{api}.readoutAt({col}, {win.side - 1 - row}).href")
            picks.append((win, level, row, col, href))
    # the click and the keyboard's Enter open the same URL in a new tab
    win, level, row, col, href = picks[-1]
    page.evaluate(f"{api}.setView(0, {level})")
    canvas = page.locator(".tv-chaos-map canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    with page.expect_popup() as popup:
        page.mouse.click(box["x"] + (col + 0.5) * box["width"] / win.side, box["y"] + (win.side - 1 - row + 0.5) * box["height"] / win.side)
    assert popup.value.url == href
    popup.value.close()
    page.locator(".tv-chaos-map").focus()
    page.keyboard.press("ArrowRight")
    with page.expect_popup() as popup:
        page.keyboard.press("Enter")
    mid = win.side // 2
    assert popup.value.url == page.evaluate(f"{api}.readoutAt({mid + 1}, {mid}).href")
    assert page.locator(".tv-cm-readout a").get_attribute("href") == popup.value.url
    popup.value.close()
    assert errors == []
    page.close()

    # the playground, opened at each URL, against Python's run of the same pixel
    play = browser.new_page()
    play.on("pageerror", lambda e: errors.append(str(e)))
    refs = {}
    for win, level, row, col, href in picks:
        q = query_of(href)
        assert q["start"] == {"constructed": "post", "plain": "plain"}[plane.kind]
        x, lr = (v.reshape(win.side, win.side) for v in win.pixels())
        assert float(q["delta" if plane.kind == "constructed" else "alpha"]) == x[row, col]
        assert float(q["lr"]) == lr[row, col]
        if win not in refs:
            W0, b0 = plane.starts(win.pixels()[0])                    # as outcome_map builds them
            refs[win] = (W0.reshape(win.side, win.side, 2, -1), b0.reshape(win.side, win.side, -1), lr,
                         chaos.outcome_map_cached(win)["code"])
        W0, b0, lr, code = refs[win]
        ref = train(plane.toy_config(1, "float64"), init=(W0[row, col][None], b0[row, col][None]),
                    lr=lr[row, col][None], record=plane.record)
        play.goto(site_url + "playground/toy/?" + href.split("?", 1)[1], wait_until="load")
        play.wait_for_function(READY_PLAYGROUND, timeout=30_000)
        got = play.evaluate(f"() => {{ const a = {PLAYGROUND_API}; a.go({plane.steps}); const s = a.state();"
                            " return {label: s.label, step: s.step, W: Array.from(s.W), b: Array.from(s.b)}; }")
        assert got["step"] == plane.steps
        assert got["label"] == LABELS[code[row, col]], (level, row, col)
        assert np.array_equal(np.array(got["W"]), ref.W[0].ravel()), (level, row, col)
        assert np.array_equal(np.array(got["b"]), ref.b[0]), (level, row, col)
    labels = {LABELS[refs[w][3][r, c]] for w, _, r, c, _ in picks}
    assert len(labels) >= 2, "the drawn pixels should straddle a boundary"
    assert errors == []
    play.close()


READY_PLAYGROUND = "document.querySelector('.tv-widget[data-widget=\"../playground/toy\"][data-ready]') !== null"
PLAYGROUND_API = "toyvizWidgets.find('../playground/toy')[0].api"


def test_only_the_chaos_page_loads_the_script(browser, site_url):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "beyond/", wait_until="load")
    assert not any("chaos_map.js" in r for r in requests)
    page.goto(site_url + "beyond/chaos/", wait_until="load")
    assert any(r.endswith("javascripts/chaos_map.js") for r in requests)
    page.locator(".tv-chaos-map").first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.tv-chaos-map .tv-cm-readout')?.textContent.startsWith('hover')",
                           timeout=15_000)
    assert all(r.startswith(site_url) for r in requests)
    page.close()

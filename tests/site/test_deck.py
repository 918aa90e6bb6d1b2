"""The offline slide deck (`toyviz slides`): built once (a three-slide subset with a real story scene, at
the lowest quality and a small frame rate, so that it is quick; the full deck is the same code with
more scenes), then opened in Debian's headless Chromium from a local web server and from the file
system: no console errors, no request leaves the deck's own folder, every slide's video reaches a
playable state, and the keyboard advances the slides."""
from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ONLY = "TitleSlide,TrainingRunDeck"   # a card and a story scene in two beats: three slides


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "slides"
    cmd = [Path(sys.executable).parent / "toyviz", "slides", "--quality", "low", "--fps", "5",
           "--only", ONLY, "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 slides" in done.stdout
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def deck_url(deck):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(deck)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_deck_folder_is_self_contained(deck):
    html = (deck / "index.html").read_text()
    links = re.findall(r'(?:src|href|data-background-video)="([^"]*)"', html)
    assert links and not [u for u in links if "//" in u], links              # every asset is relative
    assert (deck / "favicon.svg").is_file() and 'rel="icon"' in html
    assert (deck / "vendor/reveal.js/dist/reveal.js").is_file()
    videos = sorted((deck / "videos").glob("*.mp4"))
    assert len(videos) == 3 and all(f"videos/{v.name}" in html for v in videos)
    summary = json.loads((deck / ".toyviz-deck.json").read_text())
    assert [s["name"] for s in summary["scenes"]] == ONLY.split(",")
    assert all(s["notes"] for s in summary["slides"])                  # speaker notes on every slide
    assert html.count('<aside class="notes"') == 3


def _open(browser, url: str, local_prefix: str):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    problems, outside = [], []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: r.url.startswith(local_prefix) or r.url.startswith("data:")
            or r.url.startswith("blob:") or outside.append(r.url))
    page.goto(url + "index.html" if url.endswith("/") else url)
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
    return page, problems, outside


def _walk(page) -> list[dict]:
    """Visit every slide from the keyboard; the state of each slide's background video."""
    total = page.evaluate("Reveal.getTotalSlides()")
    seen = []
    for k in range(total):
        if k:
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"Reveal.getIndices().h === {k}", timeout=5_000)
        page.wait_for_function(
            "(() => { const v = Reveal.getCurrentSlide().slideBackgroundContentElement"
            "?.querySelector('video'); return v && v.readyState >= 3 && v.duration > 0; })()",
            timeout=20_000)
        seen.append(page.evaluate(
            "(() => { const v = Reveal.getCurrentSlide().slideBackgroundContentElement.querySelector('video');"
            " return {index: Reveal.getIndices().h, ready: v.readyState, duration: v.duration,"
            " error: v.error && v.error.code, src: v.currentSrc}; })()"))
    return seen


def test_deck_from_a_web_server(browser, deck_url, tmp_path):
    page, problems, outside = _open(browser, deck_url, deck_url)
    try:
        seen = _walk(page)
        assert [s["index"] for s in seen] == [0, 1, 2]
        assert all(s["error"] is None and s["duration"] > 0 for s in seen)
        page.keyboard.press("ArrowLeft")                               # and back
        page.wait_for_function("Reveal.getIndices().h === 1", timeout=5_000)
        page.screenshot(path=str(tmp_path / "slide.png"))
    finally:
        page.close()
    assert not problems, problems
    assert not outside, outside


def test_deck_from_the_file_system(browser, deck):
    url = deck.as_uri() + "/"
    page, problems, outside = _open(browser, url, url)
    try:
        seen = _walk(page)
        assert len(seen) == 3 and all(s["src"].startswith("file://") for s in seen)
    finally:
        page.close()
    assert not problems, problems
    assert not outside, outside


def test_bad_input_is_one_line(tmp_path):
    toyviz = Path(sys.executable).parent / "toyviz"
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("someone else's")
    for args in (["--quality", "ultra"], ["--only", "NoSuchDeck"], ["--out", str(tmp_path / "taken")],
                 ["--out", "/nonexistent/deck"]):
        done = subprocess.run([toyviz, "slides", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, (args, done.stderr)
    assert (tmp_path / "taken" / "notes.txt").read_text() == "someone else's"

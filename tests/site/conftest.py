"""The built site, once per test session: every figure at preview quality (the content-hash cache makes
this a no-op when `make site` already built them), `mkdocs build --strict`, a local HTTP server, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""
from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    """A port free now: the site is built for it (site_url must match the served address for instant
    navigation), so two test sessions on one machine do not collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = _free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{PORT}/"}
    build = subprocess.run([bin_dir / "toyviz", "figures", "build", "--quality", "preview", "--quiet"],
                           cwd=ROOT, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    site = tmp_path_factory.mktemp("site")
    mk = subprocess.run([bin_dir / "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                        cwd=ROOT, capture_output=True, text=True, env=env)
    assert mk.returncode == 0, mk.stdout + mk.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()

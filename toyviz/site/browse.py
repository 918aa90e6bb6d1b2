"""The built site in Debian's Chromium, for the browser tests and the screenshot sheet: serve a built
site over HTTP, list its pages from the sitemap, launch the browser (never a downloaded one)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SITE_URL_PORT = 8000  # mkdocs.yml's site_url for local builds


def free_port() -> int:
    """A free port other than site_url's, so that serving there also checks instant navigation on any port."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port != SITE_URL_PORT:
            return port


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int):
    """Serve `directory` on 127.0.0.1:`port` in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def sitemap_pages(site: Path, base: str) -> list[str]:
    """Every page of the built site, as URLs under `base`, in the sitemap's (the navigation's) order."""
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter() if e.tag.endswith("loc")]
    if not locs:
        raise ValueError("the sitemap is empty (site_url missing?)")
    return [base + urlparse(u).path.lstrip("/") for u in locs]


def launch(playwright):
    """Headless Debian Chromium; a clear error if it is not installed."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

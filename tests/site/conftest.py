"""The built site, once per test session: every figure at preview quality (the content-hash cache makes
this a no-op when `make site` already built them), `mkdocs build --strict` as `make site` builds it, a
local HTTP server on another port than site_url's (instant navigation must work on any port), and
Debian's Chromium driven by Playwright (never a downloaded browser).

`TOYVIZ_TEST_SITE=DIR` tests a site already built into DIR (with the default site_url) instead.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toyviz.site import browse

ROOT = Path(__file__).resolve().parents[2]
PORT = browse.free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    if os.environ.get("TOYVIZ_TEST_SITE"):
        return Path(os.environ["TOYVIZ_TEST_SITE"])
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([bin_dir / "toyviz", "figures", "build", "--quality", "preview", "--quiet"],
                           cwd=ROOT, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    site = tmp_path_factory.mktemp("site")
    mk = subprocess.run([bin_dir / "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                        cwd=ROOT, capture_output=True, text=True, env=env)
    assert mk.returncode == 0, mk.stdout + mk.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with browse.serve(built_site, PORT) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            b = browse.launch(p)
        except FileNotFoundError as e:
            pytest.fail(str(e))
        yield b
        b.close()

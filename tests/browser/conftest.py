"""Shared browser-test fixtures: the real site built once, served like GitHub Pages, and Debian's Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tools.ghpages_server import PagesServer

ROOT = Path(__file__).resolve().parents[2]
BASE = "/ee-guide/"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Debian's chromium where it exists (CI, this workplace); Playwright's own browser elsewhere.
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    system = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if system:
        args["executable_path"] = system
    return args


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session under the GitHub Pages project base path."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--out", str(out), "--base-url", BASE],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/ee-guide/``, served with gzip, max-age=600 and 404.html like GitHub Pages."""
    with PagesServer(built_site, BASE) as server:
        yield server.url



@pytest.fixture(scope="session")
def calculator_url(built_site: Path, site_url: str) -> str:
    page = built_site / "calculator" / "index.html"
    assert "data-calculator-state" in page.read_text(encoding="utf-8"), "the calculator page lost its form"
    return site_url + "calculator/"


@pytest.fixture(scope="session")
def warm_context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser profile shared by the calculator tests that only fill the form and read the result: its HTTP
    cache and stored memory snapshot make each later visit a returning visitor's (about 0.5 s to ready instead
    of a cold start's 1.5 to 2.5 s on two cores, some 40 visits a run). The first visit, the download and the
    snapshot's own paths are tested in fresh profiles (test_calculator_states, _download, _snapshot)."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def warm_page(warm_context: BrowserContext) -> Iterator[Page]:
    """A new tab in `warm_context`, closed after the test. Tests using it change nothing of the profile's own
    (no init scripts, routes or storage of the context)."""
    page = warm_context.new_page()
    yield page
    page.close()

"""`build.py serve`: an edit reloads the open page; a broken edit keeps the last good site on screen."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "content"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["/"])
def dev_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, Path]]:
    base = request.param
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
             "--out", str(tmp_path / "site"), "--port", str(port), "--base-url", base],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        )
        try:
            deadline = time.monotonic() + 20
            while "Serving on" not in log.read_text():
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            yield f"http://127.0.0.1:{port}{base}", content, log
        finally:
            proc.terminate()
            proc.wait(10)


def test_an_edit_reloads_the_open_page_and_a_broken_edit_keeps_the_last_good_site(
    page: Page, dev_server: tuple[str, Path, Path]
) -> None:
    url, content, log = dev_server
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(url + "guide/first/")
    expect(page.locator("h1")).to_have_text("First step")
    page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)

    source = content / "guide" / "first.md"
    source.write_text(source.read_text().replace("title: First step", "title: First step, edited"))
    expect(page.locator("h1")).to_have_text("First step, edited", timeout=15_000)  # no navigation by us

    source.write_text(source.read_text().replace("title: First step, edited", "title: [unclosed"))
    deadline = time.monotonic() + 15
    while "invalid YAML" not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    assert f"{source}:3: invalid YAML" in log.read_text()
    page.reload()
    expect(page.locator("h1")).to_have_text("First step, edited")
    assert problems == [], problems  # the live-reload snippet is allowed by the page's CSP


@pytest.mark.parametrize("dev_server", ["/ee-guide/"], indirect=True)
def test_serving_under_a_base_url_serves_the_site_there(page: Page, dev_server: tuple[str, Path, Path]) -> None:
    url, _content, log = dev_server
    assert url.endswith("/ee-guide/") and f"Serving on {url}" in log.read_text()
    page.goto(url + "guide/first/")
    expect(page.locator("h1")).to_have_text("First step")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    page.get_by_role("link", name="About", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("About <us>")

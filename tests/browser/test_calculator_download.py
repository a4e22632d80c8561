"""The calculator on slow and metered lines (issue 18), in Chromium with its network throttled over CDP: real
download progress, nothing of Pyodide downloaded on a metered line until the visitor asks, each big file over
the network once, and nothing of it on the guide pages."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from tools.ghpages_server import PagesServer

from .axe import run_axe
from .calculator_cases import CASES, expected, fill, wait_ready
from .conftest import BASE

pytestmark = pytest.mark.browser

# Records every value the progress bar takes and every state the calculator goes through, as they happen.
RECORDER = """
window.__bar = []; window.__states = [];
new MutationObserver((records) => {
  for (const r of records) {
    for (const n of r.addedNodes) {  // the bar as the parser inserts it: its value in the markup
      const bar = n.id === 'calc-download' ? n : n.querySelector?.('#calc-download');
      if (bar) window.__bar.push([Number(bar.getAttribute('value')), bar.max]);
    }
    if (r.target.id === 'calc-download' && r.attributeName === 'value')
      window.__bar.push([Number(r.target.getAttribute('value')), r.target.max]);
    if (r.target.id === 'calculator' && r.attributeName === 'data-calculator-state')
      window.__states.push(r.target.dataset.calculatorState);
  }
}).observe(document, {subtree: true, childList: true, attributes: true,
                       attributeFilter: ['value', 'data-calculator-state']});
"""


def metered(connection: dict) -> str:
    """An init script giving the page the navigator.connection of a metered or 2G line."""
    return f"Object.defineProperty(navigator, 'connection', {{value: {json.dumps(connection)}, configurable: true}});"


def throttle(page: Page, mbits: float, latency_ms: float) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = mbits * 1e6 / 8
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency_ms,
                                                  "downloadThroughput": rate, "uploadThroughput": rate})


def big_files(built_site: Path, page_url: str) -> dict[str, int]:
    """The calculator's own downloads, absolute URL → size over the wire, computed here from the built files:
    gzipped like the server does for JavaScript and wasm, as they are for the zips."""
    html = (built_site / "calculator" / "index.html").read_text(encoding="utf-8")
    base = page_url.split("/calculator/")[0] + "/"
    sizes = {}
    for path in sorted((built_site / "pyodide").rglob("*")):
        if path.is_file():
            rel = path.relative_to(built_site).as_posix()
            assert rel in html, f"{rel} is shipped but the page does not know it"
            data = path.read_bytes()
            sizes[base + rel] = len(gzip.compress(data, 6)) if path.suffix in (".mjs", ".wasm") else len(data)
    return sizes


@pytest.fixture
def served(built_site: Path) -> Iterator[tuple[str, list[str]]]:
    """The calculator's URL on a server of its own that logs every GET: the network log on the server's side
    (Playwright's body sizes for a worker's module imports read from the cache are not reliable)."""
    log: list[str] = []
    with PagesServer(built_site, BASE) as server:
        class Logged(server.httpd.RequestHandlerClass):  # type: ignore[name-defined,misc]
            def do_GET(self) -> None:
                log.append(urlsplit(self.path).path)
                super().do_GET()

        server.httpd.RequestHandlerClass = Logged
        yield server.url + "calculator/", log


def assert_each_requested_once(log: list[str], files: dict[str, int]) -> None:
    for url in files:
        path = urlsplit(url).path
        assert log.count(path) == 1, f"{path} was requested {log.count(path)} times: {log}"


def test_progress_rises_from_zero_to_full_then_ready(page: Page, served: tuple[str, list[str]], built_site: Path,
                                                     ) -> None:
    calculator_url, log = served
    files = big_files(built_site, calculator_url)
    page.add_init_script(RECORDER)
    throttle(page, 20, 40)  # 4.8 MB: about two seconds
    refused: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    page.goto(calculator_url)
    # The inline script in the head (allowed by its hash) wrote the two preloads before any stylesheet arrived.
    assert page.evaluate("'calcPreloaded' in document.documentElement.dataset"), refused
    assert page.locator('link[rel="preload"][as="fetch"]').count() == 2
    bar = page.get_by_role("progressbar", name="Download of the calculator")
    expect(bar).to_be_visible()
    wait_ready(page)
    expect(bar).to_be_hidden()
    values = page.evaluate("window.__bar")
    total = values[-1][1]
    assert total == sum(Path(built_site, u.split("/ee-guide/", 1)[1]).stat().st_size for u in files)
    assert values[0][0] == 0 and values[-1][0] == total, values[:3] + values[-3:]
    assert [v for v, _ in values] == sorted(v for v, _ in values), "the bar went backwards"
    assert len({v for v, _ in values if 0 < v < total}) >= 5, "no progress between empty and full"
    assert refused == []
    states = page.evaluate("window.__states")
    assert states[0] == "loading" and states[-1] == "ready" and "starting" in states, states
    mb = f"{sum(files.values()) / 1e6:.1f}"
    expect(page.locator("#calc-download-text")).to_have_text(f"{mb} MB of about {mb} MB")
    assert page.locator("#calc-download").get_attribute("aria-valuetext") == f"{mb} MB of about {mb} MB"
    # Once each, the memory snapshot's worker included (it starts once the page is idle).
    page.wait_for_function("() => document.getElementById('calculator').dataset.snapshot !== 'missing'")
    assert_each_requested_once(log, files)


def test_save_data_downloads_nothing_until_the_button(page: Page, served: tuple[str, list[str]], built_site: Path,
                                                      ) -> None:
    calculator_url, log = served
    files = big_files(built_site, calculator_url)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(metered({"saveData": True, "effectiveType": "4g"}))
    page.goto(calculator_url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "waiting")
    button = page.get_by_role("button", name=f"Download the calculator (about {sum(files.values()) / 1e6:.1f} MB)")
    expect(button).to_be_visible()
    assert page.locator('link[rel="preload"]').count() == 0
    pyodide = [u for u in requests if "/pyodide/" in u or "calculator-worker" in u]
    assert pyodide == [], f"requested before the visitor asked: {pyodide}"
    violations = run_axe(page)
    assert violations == [], f"axe in the waiting state: {violations}"
    page.unroute_all()  # axe's route turns Playwright's HTTP cache off; the downloads below need it on
    button.click()
    expect(page.locator("#calc-status-text")).to_be_focused()
    wait_ready(page)
    mode, answers = CASES[0][1], CASES[0][2]
    fill(page, mode, answers)
    expect(page.locator("#calc-total")).to_have_text(f"{expected(mode, answers)['total']:,}")
    assert_each_requested_once(log, files)


def test_on_2g_the_first_answer_starts_it_and_answers_meanwhile_are_scored(page: Page, calculator_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    held: list[Route] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # answered once every answer is in
    page.add_init_script(metered({"saveData": False, "effectiveType": "2g"}))
    page.goto(calculator_url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "waiting")
    assert not [u for u in requests if "/pyodide/" in u]
    mode, answers = CASES[1][1], CASES[1][2]
    fill(page, mode, answers)  # the first of these answers starts the download
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "loading")
    expect(page.get_by_role("progressbar", name="Download of the calculator")).to_be_visible()
    expect(page.get_by_role("button", name="Download the calculator", exact=False)).to_be_hidden()
    assert held, "no answer started the download"
    for route in held:
        route.continue_()
    page.unroute_all()
    wait_ready(page)
    expect(page.locator("#calc-total")).to_have_text(f"{expected(mode, answers)['total']:,}")


def test_guide_pages_download_none_of_the_calculator(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("", "crs-criteria/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator('link[rel="preload"]').count() == 0
    assert not [u for u in requests if "/pyodide/" in u or "calculator" in u.rsplit("/", 1)[-1]]

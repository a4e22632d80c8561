"""The calculator page's states (loading, ready with results, error, no JavaScript): accessibility with
axe-core, same-origin requests only, no Content-Security-Policy violation, and the failure path."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect
from playwright.sync_api import Error as PlaywrightError

from .axe import run_axe
from .calculator_cases import CASES, expected, fill, question, wait_ready
from .conftest import BASE

pytestmark = pytest.mark.browser
OFFICIAL_TOOL = "https://ircc.canada.ca/english/immigrate/skilled/crs-tool.asp"
# Chromium reports CSP violations as console errors; the page also records them for the test.
CSP_PROBE = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def assert_accessible(page: Page, state: str) -> None:
    violations = run_axe(page)
    assert violations == [], f"axe in the {state} state: " + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in violations)


def state(page: Page) -> str | None:
    return page.locator("#calculator").get_attribute("data-calculator-state")


def test_loading_state_is_usable_and_accessible(page: Page, calculator_url: str) -> None:
    # Hold the runtime back: the form must already work while Python downloads.
    page.route("**/pyodide.asm.wasm", lambda route: None)
    page.goto(calculator_url)
    assert state(page) == "loading"
    expect(page.locator("#calc-status-text")).to_contain_text("Downloading")
    page.get_by_label(question("What is your marital status?")).select_option(label="Married")
    expect(page.get_by_role("group", name=question("Is your spouse", whole=False))).to_be_visible()
    assert_accessible(page, "loading")


def test_ready_state_with_results_is_accessible_same_origin_and_csp_clean(page: Page, calculator_url: str) -> None:
    origin = calculator_url.removesuffix(BASE + "calculator/")
    requests: list[str] = []
    console_errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    page.add_init_script(CSP_PROBE)
    mode, answers = CASES[1][1], CASES[1][2]
    result = expected(mode, answers)
    page.goto(calculator_url)
    wait_ready(page)
    expect(page.locator("#calc-status-text")).to_contain_text("Ready")
    fill(page, mode, answers)
    expect(page.locator("#calc-total")).to_have_text(f"{result['total']:,}")
    assert_accessible(page, "ready with results")
    # Validation messages on the page are accessible too.
    page.get_by_role("group", name="Your CELPIP-G results", exact=True).get_by_label("Speaking").select_option("")
    assert_accessible(page, "ready, one answer missing")

    foreign = [u for u in requests if not u.startswith(origin + "/")]
    assert foreign == [], f"requests to other origins: {foreign}"
    assert page.evaluate("window.__csp") == []
    assert console_errors == []
    # Only the calculator's own files: no lock file, no package index, no CDN fallback.
    assert not [u for u in requests if "pyodide-lock.json" in u or "jsdelivr" in u]


def test_page_preloads_the_runtime_and_stdlib_and_each_is_downloaded_once(page: Page, calculator_url: str) -> None:
    """The page starts Pyodide's two big downloads itself (<link rel=preload>), before the worker exists; the
    worker must then read them from the HTTP cache (or join them in flight), not download them again."""
    bodies: dict[str, list[int]] = {}

    def finished(request: Request) -> None:
        # The snapshot worker's late requests can finish as the context closes after the test.
        with contextlib.suppress(PlaywrightError):
            bodies.setdefault(request.url, []).append(request.sizes()["responseBodySize"])

    page.context.on("requestfinished", finished)
    page.goto(calculator_url)
    wait_ready(page)
    boot = page.locator("#calc-boot")
    absolute = "u => new URL(u, document.baseURI).href"
    wasm = page.evaluate(absolute, boot.get_attribute("data-index")) + "pyodide.asm.wasm"
    stdlib = page.evaluate(absolute, boot.get_attribute("data-stdlib"))
    preloads = page.locator('head link[rel="preload"]').evaluate_all(
        "links => links.map(l => [l.href, l.as, l.crossOrigin])")
    assert sorted(preloads) == sorted([[wasm, "fetch", "anonymous"], [stdlib, "fetch", "anonymous"]])
    for url in (wasm, stdlib):
        sizes = bodies.get(url, [])
        assert len(sizes) >= 2, f"{url}: requested {len(sizes)} time(s), expected the preload and the worker's"
        # A response read from the cache, or joined while in flight, reports no body bytes of its own.
        assert len([n for n in sizes if n > 0]) == 1, f"{url} came over the network more than once: {sizes}"


def test_runtime_blocked_shows_message_retry_and_official_tool(page: Page, calculator_url: str) -> None:
    blocked = {"on": True}

    def wasm(route: Route) -> None:
        if blocked["on"]:
            route.abort()
        else:
            route.continue_()

    page.route("**/pyodide.asm.wasm", wasm)
    page.goto(calculator_url)
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "error", timeout=10_000)
    expect(page.locator("#calc-status-text")).to_contain_text("could not start")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    expect(page.get_by_role("link", name="IRCC's official CRS tool")).to_have_attribute("href", OFFICIAL_TOOL)
    assert_accessible(page, "error")
    # The form and the answers survive; a retry with the runtime back works.
    page.get_by_label(question("What is your marital status?")).select_option(label="Widowed")
    blocked["on"] = False
    page.get_by_role("button", name="Try again").click()
    # The button's box is hidden for the new attempt: focus goes to the status text, not to the page's start.
    expect(page.locator("#calc-status-text")).to_be_focused()
    wait_ready(page)
    expect(page.locator("#calc-status-text")).to_be_focused()
    expect(page.get_by_label(question("What is your marital status?"))).to_have_value("widowed")
    expect(page.get_by_role("button", name="Try again")).to_be_hidden()


def test_worker_blocked_shows_the_failure_message(page: Page, calculator_url: str) -> None:
    page.route("**/calculator-worker.*.mjs", lambda route: route.abort())
    page.goto(calculator_url)
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "error", timeout=10_000)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()


def test_python_not_ready_within_30_seconds_is_a_failure(page: Page, calculator_url: str) -> None:
    page.clock.install()
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answers
    page.goto(calculator_url)
    assert state(page) == "loading"
    page.clock.run_for(31_000)
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "error")
    expect(page.locator("#calc-status-text")).to_contain_text("taking too long")
    expect(page.get_by_role("link", name="IRCC's official CRS tool")).to_be_visible()


def test_without_javascript_a_message_and_the_criteria_tables(browser: Browser, calculator_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(calculator_url)
    expect(page.locator(".calc-noscript")).to_be_visible()
    expect(page.locator("#calc-form")).to_be_hidden()
    link = page.get_by_role("link", name="CRS points criteria page")
    expect(link).to_have_attribute("href", f"{BASE}crs-criteria/")
    # ...and the criteria tables themselves, from the engine's data, to add up by hand.
    tables = page.locator(".calc-noscript-criteria table")
    expect(tables).to_have_count(12)
    expect(tables.first.locator("caption")).to_contain_text("age")
    context.close()


def test_phone_layout_has_no_sideways_scroll(browser: Browser, calculator_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    mode, answers = CASES[4][1], CASES[4][2]
    phone.goto(calculator_url)
    wait_ready(phone)
    fill(phone, mode, answers)
    expect(phone.locator("#calc-results")).to_be_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the calculator scrolls sideways by {overflow}px on a 360px phone"
    context.close()


def test_the_inline_script_starts_the_worker_before_the_page_script_arrives(page: Page, calculator_url: str) -> None:
    """The worker starts from the page's inline script, not once calculator.mjs has arrived and run: with
    calculator.mjs held back, Python still starts and the engine is imported. What the worker says meanwhile waits
    for the page's script, which then shows it: ready, and a score."""
    held: list[Route] = []
    page.route(re.compile(r"/js/calculator\.[0-9a-f]+\.mjs$"), lambda route: held.append(route))
    page.goto(calculator_url, wait_until="domcontentloaded")  # the load event waits for the held script
    page.wait_for_function("() => self.calcBoot?.early?.events.some(e => e.data?.type === 'ready')",
                           timeout=30_000)
    assert held, "calculator.mjs was not requested"
    assert state(page) == "loading"  # nothing has run the page yet: the worker got its init from the inline script
    released_at = page.evaluate("performance.now()")
    for route in held:
        route.continue_()
    wait_ready(page)
    mode, answers = CASES[0][1], CASES[0][2]
    fill(page, mode, answers)
    expect(page.locator("#calc-total")).to_have_text(f"{expected(mode, answers)['total']:,}")
    # The worker on duty is the inline script's (taken over, not started again by the page's script).
    startup = page.evaluate("JSON.parse(document.getElementById('calculator').dataset.startup)")
    assert startup["worker"] < released_at, (startup, released_at)

"""Every built page in Chromium at a phone width (390 px) and a desktop width (1280 px), light and dark.

For each: it loads cleanly and requests nothing off-site, the page never scrolls sideways, and axe-core finds
nothing (WCAG 2.1 A/AA plus 2.2's 24 px target size; in dark, whose only difference is its colours, axe's colour
rules). Full-page screenshots go to test-results/layout/ for a reviewer to look at: each page at both widths in
light, and at the phone's in dark. One browser page per width and colour scheme, reused for
every address, and the four side by side, keep the run short.
"""

from __future__ import annotations

import asyncio
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.async_api import Browser as AsyncBrowser
from playwright.async_api import async_playwright
from playwright.sync_api import Browser, Page

from .axe import run_axe_async
from .conftest import BASE, ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-results" / "layout"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
# The calculator's axe checks run state by state in its own tests; here it is checked for layout only.
AXE_SKIP = ("calculator/", "fr/calculator/")
# The axe rules whose result depends on colours: all that can differ between the light and dark schemes.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
# Elements wider than the window outside a scroll region: named in the failure to point at the culprit.
WIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('[role=region]'))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


def page_urls(built_site: Path) -> list[str]:
    """Every built page as a path under the base URL ("" for home), and one missing page for 404.html."""
    pages = sorted(
        p.parent.relative_to(built_site).as_posix().removeprefix(".").lstrip("/")
        for p in built_site.rglob("index.html")
    )
    return [f"{rel}/" if rel else "" for rel in pages] + ["no-such-page/"]


async def _check_variant(browser: AsyncBrowser, urls: list[str], site_url: str, width: str, scheme: str) -> list[str]:
    """Every page at one width and colour scheme, in one browser page reused for every address."""
    w, h = WIDTHS[width]
    phone = width == "phone"
    context = await browser.new_context(viewport={"width": w, "height": h}, is_mobile=phone, has_touch=phone)
    page = await context.new_page()
    await page.emulate_media(color_scheme=scheme)
    origin = site_url.removesuffix(BASE)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("request", lambda r: None if r.url.startswith(origin + "/") else errors.append(f"off-site {r.url}"))
    failures: list[str] = []
    started = time.monotonic()
    for rel in urls:
        name = rel.strip("/").replace("/", "_") or "home"
        where = f"{name} ({w}px, {scheme})"
        errors.clear()
        response = await page.goto(site_url + rel, wait_until="load")
        expected = 404 if rel == "no-such-page/" else 200
        if response is None or response.status != expected:
            failures.append(f"{where}: HTTP {response.status if response else 'no response'}")
        assert await page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            failures.append(f"{where}: the page scrolls sideways by {overflow}px (too wide: "
                            f"{await page.evaluate(WIDE)})")
        if not rel.startswith(AXE_SKIP):
            # Dark differs from light in colours only (test_dark_mode_changes_colours_only), so in dark only
            # the colour rules can find anything new: about a third of axe's time on each page.
            rules = COLOUR_RULES if scheme == "dark" else None
            failures += [f"{where}: axe {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
                         for v in await run_axe_async(page, extra_tags=("wcag22aa",), rules=rules)]
        # JPEG: a third faster to write than PNG for these long pages, and as readable. Light at both widths,
        # dark at the phone's: full-page shots are a third of this test's time, and dark differs in colours only.
        if scheme == "light" or phone:
            await page.screenshot(path=SHOTS / f"{name}-{w}-{scheme}.jpg", full_page=True, type="jpeg", quality=80)
        if rel.startswith(AXE_SKIP) or expected == 404:  # the 404 itself; downloads cut short by goto
            errors[:] = [e for e in errors if "Failed to load resource" not in e]
        failures += [f"{where}: {e}" for e in errors]
    await context.close()
    print(f"\n{len(urls)} pages at {w}px, {scheme}: {time.monotonic() - started:.1f} s")
    return failures


async def _check_all(urls: list[str], site_url: str, launch: dict) -> list[str]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch)
        results = await asyncio.gather(*(_check_variant(browser, urls, site_url, width, scheme)
                                         for width in WIDTHS for scheme in ("light", "dark")))
        await browser.close()
    return [failure for variant in results for failure in variant]


def test_every_page_fits_loads_cleanly_and_passes_axe(built_site: Path, site_url: str,
                                                      browser_type_launch_args: dict) -> None:
    """Both editions, every page, at both widths in both schemes. The four variants run side by side, each in
    its own browser context (async Playwright, in a thread of its own so it has its own event loop): the
    checks are mostly the browser's work, so on two cores this takes about half the time of one after another."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in [*SHOTS.glob("*.png"), *SHOTS.glob("*-1280-dark.jpg")]:  # shots this test no longer takes
        old.unlink()
    urls = page_urls(built_site)
    assert len([u for u in urls if u.startswith("fr/")]) > 30  # the French edition is checked too
    with ThreadPoolExecutor(1) as pool:
        failures = pool.submit(asyncio.run, _check_all(urls, site_url, browser_type_launch_args)).result()
    assert failures == [], "\n".join(failures)


def test_dark_mode_changes_colours_only() -> None:
    """What lets the every-page check run only axe's colour rules in dark: every dark-scheme rule of the
    stylesheets sets colour custom properties on :root and nothing else (no layout, no display)."""
    css_files = sorted((ROOT / "templates" / "static" / "css").glob("*.css"))
    blocks = []
    for path in css_files:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"@media[^{]*prefers-color-scheme:\s*dark[^{]*\{", text):
            depth, i = 1, match.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            blocks.append((path.name, text[match.end():i - 1]))
    assert blocks, "no dark scheme found: this test no longer tests anything"
    for name, body in blocks:
        rules = re.findall(r"([^{}]+)\{([^{}]*)\}", body)
        assert rules and all(selector.strip() == ":root" for selector, _ in rules), (name, body)
        for _, declarations in rules:
            for declaration in filter(None, (d.strip() for d in declarations.split(";"))):
                prop, _, value = declaration.partition(":")
                assert prop.strip().startswith("--"), f"{name}: dark sets {prop.strip()}, not a custom property"
                assert re.fullmatch(r"#[0-9a-f]{3,8}|rgb\([^)]*\)", value.strip()), f"{name}: {declaration}"


def test_wide_tables_scroll_in_a_focusable_region_with_a_cue(browser: Browser, site_url: str) -> None:
    """On a phone the rounds table is wider than the screen: it scrolls inside its labelled region, by
    keyboard too, and the region shows the shadow cue at its edge."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "rounds/")
    region = page.locator(".table-scroll:has(.rounds-table)")
    assert region.get_attribute("role") == "region"
    assert page.locator("#" + region.get_attribute("aria-labelledby")).inner_text().endswith("newest first")
    box = region.evaluate("e => ({client: e.clientWidth, scroll: e.scrollWidth})")
    assert box["scroll"] > box["client"], "the rounds table fits a phone: this test no longer tests scrolling"
    assert "radial-gradient" in region.evaluate("e => getComputedStyle(e).backgroundImage")
    region.focus()
    page.keyboard.press("ArrowRight")
    for _ in range(50):  # (wait_for_function evaluates a string, which the page's CSP forbids)
        if region.evaluate("e => e.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert region.evaluate("e => e.scrollLeft") > 0, "the arrow key did not scroll the focused region"
    context.close()


@pytest.mark.parametrize("width", [768, 1280])
def test_beyond_a_phone_the_rounds_table_fits_without_scrolling(browser: Browser, site_url: str, width: int) -> None:
    """On a tablet or a desktop the latest rounds, tie-breaking time included, are seen whole, in both languages."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in ("rounds/", "fr/rounds/"):
        page.goto(site_url + path)
        region = page.locator(".table-scroll:has(.rounds-table)")
        box = region.evaluate("e => ({client: e.clientWidth, scroll: e.scrollWidth})")
        assert box["scroll"] <= box["client"], f"{path} at {width} px: the table needs {box['scroll']} px"
        last = page.locator(".rounds-table tbody tr:first-child td:last-child")
        assert last.evaluate("(e) => e.getBoundingClientRect().right") <= region.evaluate(
            "(e) => e.getBoundingClientRect().right") + 0.5
    page.close()


def test_home_page_opens_with_two_calls_to_action_and_the_latest_cutoff(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url)
    actions = page.locator(".home-actions a")
    assert actions.count() == 2
    hrefs = [actions.nth(i).get_attribute("href") for i in range(2)]
    assert hrefs == [BASE + "calculator/", BASE + "steps/"]
    cutoff = page.locator(".latest-rounds > p strong").first
    for element in (actions.nth(0), actions.nth(1), cutoff):
        bottom = element.evaluate("e => e.getBoundingClientRect().bottom")
        assert bottom <= 844, f"{element} is below the first phone screen ({bottom}px)"
    assert cutoff.inner_text().isdigit()
    for i in range(2):  # tap targets well over WCAG 2.2's 24 px
        assert actions.nth(i).bounding_box()["height"] >= 44
    context.close()


def test_menu_items_line_up_and_contents_list_numbers_show(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "programs/federal-skilled-worker/")
    tops = page.locator(".site-nav a").evaluate_all("links => links.map(a => a.getBoundingClientRect().top)")
    assert len(set(tops)) == 1, f"menu items at different heights: {tops}"
    # Desktop: "On this page" sits in a side column, left of the text, and its list markers are not clipped.
    toc, text = page.locator(".toc").bounding_box(), page.locator(".prose").bounding_box()
    assert toc["x"] + toc["width"] <= text["x"] and toc["y"] < text["y"] + 200
    assert page.locator(".toc > ol").evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)") >= 28
    measure = text["width"] / page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert 30 <= measure <= 45, f"text column {measure:.0f} em wide"
    context.close()


@pytest.mark.parametrize("path", ["no/such/page/", "deep/er/still/missing"])
def test_404_page_is_styled_at_any_depth(page: Page, site_url: str, path: str) -> None:
    response = page.goto(site_url + path)
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The stylesheet loaded even though the page sits at an unknown depth under the base URL.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    page.get_by_role("link", name="Go to the home page").click()
    assert page.url == site_url

"""Every page of the real site in Chromium: loads cleanly, requests nothing off-site, passes axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .axe import run_axe
from .conftest import BASE


def page_urls(built_site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
        for p in built_site.rglob("index.html")
    )


def test_every_page_loads_cleanly_and_passes_axe(context, built_site: Path, site_url: str) -> None:
    origin = site_url.removesuffix(BASE)
    failures: list[str] = []
    for rel in page_urls(built_site):
        if rel.startswith("calculator/"):
            continue  # the calculator page has its own browser tests, state by state
        page: Page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        page.on("requestfailed", lambda r, e=errors: e.append(f"failed request {r.url}"))
        page.on("request", lambda r, q=requests: q.append(r.url))
        response = page.goto(site_url + rel.lstrip("/"), wait_until="load")
        if response is None or response.status != 200:
            failures.append(f"{rel}: HTTP {response.status if response else 'no response'}")
        foreign = [u for u in requests if not u.startswith(origin + "/")]
        violations = run_axe(page)
        failures += [f"{rel}: {problem}" for problem in errors]
        failures += [f"{rel}: off-site request {u}" for u in foreign]
        failures += [f"{rel}: axe {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in violations]
        page.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("path", ["no/such/page/", "deep/er/still/missing"])
def test_404_page_is_styled_at_any_depth(page: Page, site_url: str, path: str) -> None:
    response = page.goto(site_url + path)
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The stylesheet loaded even though the page sits at an unknown depth under the base URL.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    page.get_by_role("link", name="Go to the home page").click()
    assert page.url == site_url


def test_phone_layout_has_no_sideways_scroll(browser, site_url: str, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    for rel in ["", "programs/federal-skilled-worker/", "documents/proof-of-funds/", "rounds/"]:
        phone.goto(site_url + rel)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{rel or 'home'} scrolls sideways by {overflow}px on a 360px phone"
    context.close()

"""The header's search box on the real site in Chromium: a word from one page finds that page, under the base
URL, with no request off 127.0.0.1, no console error or CSP violation; without JavaScript the box is hidden."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sitegen.search import index_site
from tools.ghpages_server import PagesServer

from .axe import run_axe
from .conftest import BASE
from .test_calculator_states import CSP_PROBE

pytestmark = pytest.mark.browser
WORD = re.compile(r"[a-z]{8,}")


class _Text(HTMLParser):
    """The page's whole text, and separately the text of its Markdown body (<div class="prose">)."""

    def __init__(self) -> None:
        super().__init__()
        self.all: list[str] = []
        self.prose: list[str] = []
        self.title = ""
        self._depth = 0  # open elements inside the prose div, 0 when outside
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += 1
        elif tag == "div" and ("class", "prose") in attrs:
            self._depth = 1
        self._in_h1 = tag == "h1" and not self.title

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
        self._in_h1 = False

    def handle_data(self, data: str) -> None:
        self.all.append(data)
        if self._depth:
            self.prose.append(data)
        if self._in_h1:
            self.title += data


def unique_word(built_site: Path) -> tuple[str, str, str]:
    """(word, page URL under the base, page title): a word in one page's body whose first six letters appear
    on no other page at all (so Pagefind's stemming cannot match another page either)."""
    texts: dict[str, _Text] = {}
    for html in sorted(built_site.rglob("*.html")):
        parser = _Text()
        parser.feed(html.read_text(encoding="utf-8"))
        texts[html.relative_to(built_site).as_posix()] = parser
    lowered = {rel: " ".join(t.all).lower() for rel, t in texts.items()}
    for rel, parsed in texts.items():
        if not rel.endswith("index.html") or 'data-pagefind-body' not in (built_site / rel).read_text("utf-8"):
            continue
        for word in sorted(set(WORD.findall(" ".join(parsed.prose).lower()))):
            if not any(word[:6] in text for other, text in lowered.items() if other != rel):
                return word, BASE + rel.removesuffix("index.html"), parsed.title.strip()
    raise AssertionError("no word appears on only one page")


def test_a_word_from_one_page_finds_that_page(page: Page, built_site: Path, site_url: str) -> None:
    word, url, title = unique_word(built_site)
    origin = site_url.removesuffix(BASE)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(CSP_PROBE)
    page.goto(site_url)  # the home page: the search box is in every page's header

    box = page.get_by_role("searchbox", name="Search the guide")
    expect(box).to_be_visible()
    box.fill(word)
    status = page.locator("#site-search-status")
    expect(status).to_have_text(f"1 page matches “{word}”.")
    results = page.locator("#site-search-list li")
    expect(results).to_have_count(1)
    link = results.get_by_role("link")
    expect(link).to_have_text(title)
    assert link.get_attribute("href") == url  # the base URL is kept
    excerpt = results.locator("p")
    expect(excerpt.locator("mark").first).to_have_text(re.compile(word, re.IGNORECASE))
    assert len(excerpt.inner_text().split()) >= 5, "the excerpt shows the words around the match"

    violations = run_axe(page)
    assert violations == [], [f"{v['id']}: {v['help']} at {v['nodes']}" for v in violations]
    assert [u for u in requests if not u.startswith(origin + "/")] == []
    assert any(u.startswith(site_url + "pagefind/") and "wasm" in u for u in requests), "the index was not used"
    assert page.evaluate("window.__csp") == []
    assert errors == []

    link.click()
    page.wait_for_url(origin + url)
    expect(page.locator("h1")).to_have_text(title)


def test_no_match_and_escape(page: Page, site_url: str) -> None:
    page.goto(site_url + "documents/")
    box = page.get_by_role("searchbox", name="Search the guide")
    box.fill("zzqxjv")
    expect(page.locator("#site-search-status")).to_have_text("No page matches “zzqxjv”. Try another word.")
    expect(page.locator("#site-search-list li")).to_have_count(0)
    box.press("Escape")
    expect(page.locator("#site-search-results")).to_be_hidden()
    expect(box).to_be_focused()


def test_without_javascript_the_box_is_hidden(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url)
        expect(page.locator("h1")).to_be_visible()  # the page itself works
        expect(page.locator("#site-search")).to_be_hidden()
        assert page.get_by_role("searchbox").count() == 0
    finally:
        context.close()


def test_each_language_searches_its_own_pages(page: Page, built_site: Path, tmp_path: Path) -> None:
    """Give the English and the French "about" pages a word in common and index again as the build does: each
    page's search finds only the page in its own language, and says so in it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    titles = {}
    for path in ("about/", "fr/about/"):
        file = site / path / "index.html"
        html = file.read_text(encoding="utf-8")
        titles[path] = re.search(r"<h1>([^<]*)</h1>", html).group(1).replace("&#39;", "'")
        file.write_text(html.replace("<h1>", "<p>Quokkaville</p>\n<h1>", 1), encoding="utf-8")
    index_site(site)
    assert set(json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"]) == {"en", "fr"}
    found = {"about/": "1 page matches “quokkaville”.", "fr/about/": "1 page correspond à «\u00a0quokkaville\u00a0»."}
    with PagesServer(site, BASE) as server:
        for path, status in found.items():
            page.goto(server.url + path)
            page.get_by_role("searchbox").fill("quokkaville")
            results = page.locator("#site-search-list li")
            expect(page.locator("#site-search-status")).to_have_text(status)
            expect(results.get_by_role("link")).to_have_text(titles[path])

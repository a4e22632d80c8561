"""The real site's guide pages for issue 12: built, in the right menu section, official sources only, glossary linked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .helpers import ROOT, run_build

# page address -> (menu section title, pages that must link to it)
GUIDE_PAGES = {
    "steps/apply-for-permanent-residence/": ("Step by step", ["steps/", "steps/invitation-and-60-days/"]),
    "steps/after-you-land/": ("Step by step", ["steps/", "steps/decision-and-landing/"]),
    "steps/why-applications-are-refused/": ("Step by step", ["steps/"]),
    "glossary/": ("About", ["faq/"]),
    "faq/": ("About", ["fraud-and-representatives/"]),
    "fraud-and-representatives/": ("About", ["about/"]),
    "programs/provinces-and-territories/": ("Programs", ["programs/provincial-nominee-program/"]),
}

# Government of Canada, the law, the consultants' regulator, and each province's or territory's own sites.
OFFICIAL_HOSTS = (
    "canada.ca", "gc.ca", "college-ic.ca",
    "alberta.ca", "gov.bc.ca", "welcomebc.ca", "gov.mb.ca", "immigratemanitoba.com", "gnb.ca", "welcomenb.ca",
    "gov.nl.ca", "gov.nt.ca", "immigratenwt.ca", "novascotia.ca", "liveinnovascotia.com", "ontario.ca",
    "princeedwardisland.ca", "quebec.ca", "saskatchewan.ca", "yukon.ca",
)


class PageLinks(HTMLParser):
    """Links by where they sit: the menu's current section, the pager, the article body, the sources box."""

    def __init__(self) -> None:
        super().__init__()
        self.menu_current: list[str] = []
        self.by_place: dict[str, list[str]] = {"pager": [], "article": [], "sources": []}
        self.h2 = 0
        self._stack: list[str] = []  # the open nav/aside/article elements, by class (or tag name)
        self._current_text: list[str] | None = None

    @property
    def body(self) -> list[str]:
        return self.by_place["article"]

    @property
    def sources(self) -> list[str]:
        return self.by_place["sources"]

    @property
    def pager(self) -> list[str]:
        return self.by_place["pager"]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("nav", "aside", "article"):
            self._stack.append((a.get("class") or tag).split()[0])
        place = self._stack[-1] if self._stack else ""
        if tag == "h2" and place == "article":
            self.h2 += 1
        if tag == "a" and a.get("href"):
            self.by_place.get(place, []).append(str(a["href"]))
            if place == "site-nav" and a.get("aria-current") == "true":
                self._current_text = []

    def handle_data(self, data: str) -> None:
        if self._current_text is not None:
            self._current_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._current_text is not None:
            self.menu_current.append("".join(self._current_text).strip())
            self._current_text = None
        if tag in ("nav", "aside", "article") and self._stack:
            self._stack.pop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide") / "site"
    result = run_build(ROOT / "content", out)
    assert result.returncode == 0, result.stderr
    return out


def links(site: Path, address: str) -> PageLinks:
    parser = PageLinks()
    parser.feed((site / address / "index.html").read_text(encoding="utf-8"))
    return parser


def host_is_official(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


@pytest.mark.parametrize("address", sorted(GUIDE_PAGES))
def test_guide_page_is_built_in_its_menu_section_and_linked_from_its_neighbours(site: Path, address: str) -> None:
    section, linked_from = GUIDE_PAGES[address]
    page = links(site, address)
    assert page.menu_current == [section], f"{address}: menu marks {page.menu_current}, expected {section}"
    assert page.h2 >= 2, f"{address}: expected `##` sections"
    assert page.pager, f"{address}: not in its section's reading order (no previous/next link)"
    html = (site / address / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-03">' in html
    for other in linked_from:
        assert f"/{address}" in links(site, other).body, f"{other} does not link to {address}"


@pytest.mark.parametrize("address", sorted(GUIDE_PAGES))
def test_guide_page_cites_and_links_only_official_sites(site: Path, address: str) -> None:
    page = links(site, address)
    assert page.sources, f"{address}: no sources"
    external = [u for u in page.sources + page.body if u.startswith(("http://", "https://"))]
    unofficial = [u for u in external if not host_is_official(u) or not u.startswith("https://")]
    assert unofficial == [], f"{address}: not an official https:// page: {unofficial}"


def test_unofficial_hosts_are_refused_by_the_check() -> None:
    """The host test itself: look-alike and consultancy addresses must not pass."""
    assert host_is_official("https://www.canada.ca/en/x.html")
    assert host_is_official("https://laws-lois.justice.gc.ca/eng/acts/I-2.5/")
    assert not host_is_official("https://www.cicnews.com/2026/07/x.html")
    assert not host_is_official("https://canada.ca.example.com/")
    assert not host_is_official("https://notcanada.ca/")


def test_provinces_page_lists_all_thirteen_with_quebec_and_nunavut_apart(site: Path) -> None:
    html = (site / "programs/provinces-and-territories/index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", table, re.S)
    names = [name for name, _ in rows]
    assert names == ["Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland and Labrador",
                     "Northwest Territories", "Nova Scotia", "Nunavut", "Ontario", "Prince Edward Island",
                     "Quebec", "Saskatchewan", "Yukon"]
    cell = dict(rows)
    assert "No nominee program" in cell["Nunavut"] and 'href="#nunavut"' in cell["Nunavut"]
    assert "Not part of the PNP" in cell["Quebec"]
    with_pnp = [n for n in names if n not in ("Nunavut", "Quebec")]
    pages = {}
    for name in with_pnp + ["Quebec"]:
        urls = re.findall(r'href="(https://[^"]+)"', cell[name])
        assert len(urls) == 1 and host_is_official(urls[0]), f"{name}: {urls}"
        pages[name] = urls[0]
    assert len({pages[n] for n in with_pnp}) == 11, "each nominee program has its own page"


def test_every_glossary_term_has_an_anchor_and_is_linked_from_another_page(site: Path) -> None:
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    terms = re.findall(r'<h3 id="([^"]+)"', glossary)
    assert {"ita", "crs", "clb", "nclc", "teer", "noc", "eca", "lmia", "common-law-partner", "dependent-child",
            "port-of-entry", "umi", "misrepresentation"} <= set(terms)
    linked: set[str] = set()
    for path in site.rglob("index.html"):
        if path.parent.name == "glossary":
            continue
        linked |= {href.split("#", 1)[1] for href in links(site, path.parent.relative_to(site).as_posix()).body
                   if re.search(r"/glossary/#", href)}
    assert sorted(set(terms) - linked) == [], "glossary terms no other page links to"
    assert linked <= set(terms), f"links to missing glossary anchors: {sorted(linked - set(terms))}"

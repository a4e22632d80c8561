"""Checks on the built HTML of every page (no browser needed): weight, unique titles, breadcrumbs."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import yaml

from .conftest import BASE, ROOT

LIMIT = 40_000  # bytes, gzip: a guide page and its stylesheets
# The calculator is an application page, not a guide page: its form carries the 516 occupation titles and the
# country names its questions search in the browser, and its weight is the first-visit figure of
# bench/bench_calculator_startup.py. It has a budget of its own, so it cannot creep either.
CALCULATOR_LIMIT = 56_000
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CRUMBS = re.compile(r'<nav class="breadcrumbs".*?</nav>', re.S)
CRUMB_TEXT = re.compile(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)")
MENU_CURRENT = re.compile(r'<a [^>]*aria-current="true">([^<]+)</a>')


def built_pages(built_site: Path) -> dict[str, str]:
    return {p.relative_to(built_site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(built_site.rglob("*.html"))}


def test_every_page_with_its_css_is_under_40_kb_gzipped(built_site: Path) -> None:
    sizes = {}
    for rel, html in built_pages(built_site).items():
        css = [built_site / href.removeprefix(BASE) for href in STYLESHEET.findall(html)]
        assert css, f"{rel} links no stylesheet"
        sizes[rel] = len(gzip.compress(html.encode())) + sum(len(gzip.compress(c.read_bytes())) for c in css)
    for calculator_page in ("calculator/index.html", "fr/calculator/index.html"):
        calculator = sizes.pop(calculator_page)
        assert calculator <= CALCULATOR_LIMIT, (calculator_page, calculator)
    assert {rel: size for rel, size in sizes.items() if size > LIMIT} == {}
    assert len(sizes) > 30  # the whole site was measured


def test_no_two_pages_share_a_title(built_site: Path) -> None:
    titles: dict[str, list[str]] = {}
    for rel, html in built_pages(built_site).items():
        titles.setdefault(TITLE.search(html).group(1), []).append(rel)
    assert {t: pages for t, pages in titles.items() if len(pages) > 1} == {}


def test_breadcrumbs_use_the_menu_labels(built_site: Path) -> None:
    """The crumb for a page's section says what the menu item marked current says, on the section's own
    landing page too."""
    settings = yaml.safe_load((ROOT / "content" / "site.yml").read_text())
    labels = {"en": {s["title"] for s in settings["nav"]}}
    labels |= {code: set(t["nav"].values()) for code, t in settings.get("translations", {}).items()}
    home = {"en": "Home", "fr": "Accueil"}
    checked = 0
    for rel, html in built_pages(built_site).items():
        trail, current = CRUMBS.search(html), MENU_CURRENT.search(html)
        if not trail or not current:  # home, and pages outside the menu's sections
            continue
        language = "fr" if rel.startswith("fr/") else "en"
        crumbs = [c.strip() for c in CRUMB_TEXT.findall(trail.group(0))]
        assert crumbs[0] == home[language], rel
        assert crumbs[1] == current.group(1).strip(), f"{rel}: breadcrumb {crumbs[1]!r}, menu {current.group(1)!r}"
        assert crumbs[1] in labels[language]
        checked += 1
    assert checked > 60  # both editions
    landing = built_pages(built_site)["documents/index.html"]
    assert [c.strip() for c in CRUMB_TEXT.findall(CRUMBS.search(landing).group(0))] == ["Home", "Documents"]

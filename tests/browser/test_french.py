"""The French edition in Chromium: the French calculator filled as a person would, in French, gives the same
totals and subtotals as the English one and the engine; the language switch keeps the answers; no English
interface text is left on the French calculator (each language's search: test_search.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.site.helpers import leaves

from .axe import run_axe
from .calculator_cases import CASES, ENGLISH, ROOT, Words, displayed, expected, fill, wait_ready
from .conftest import warm_page

pytestmark = pytest.mark.browser

# `page` is a tab of the shared returning-visitor profile in this module (conftest.warm_context).
page = warm_page

FRENCH = Words("fr")
# Several kinds of profile: a spouse who comes along, French first with English second, the CLB estimate.
PROFILES = {c[0]: c for c in CASES if c[0] in ("married-accompanying-celpip", "french-first-english-second",
                                               "clb-estimate")}


def _scored(page: Page, url: str, mode: str, answers: dict[str, Any], words: Words) -> dict[str, Any]:
    page.goto(url)
    wait_ready(page)
    fill(page, mode, answers, words)
    return displayed(page, expected(mode, answers), words)


@pytest.mark.parametrize("case", sorted(PROFILES))
def test_the_french_calculator_gives_the_english_totals(page: Page, site_url: str, case: str) -> None:
    _, mode, answers = PROFILES[case]
    result = expected(mode, answers)
    english = _scored(page, site_url + "calculator/", mode, answers, ENGLISH)
    french = _scored(page, site_url + "fr/calculator/", mode, answers, FRENCH)
    assert french == english == {"total": result["total"], "subtotals": result["subtotals"]}
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_the_language_switch_keeps_the_answers_and_the_score(page: Page, site_url: str) -> None:
    _, mode, answers = PROFILES["married-accompanying-celpip"]
    english = _scored(page, site_url + "calculator/", mode, answers, ENGLISH)
    switch = page.locator("a[data-language-switch]")
    expect(switch).to_have_attribute("href", re.compile(r"/fr/calculator/#.+"))
    switch.click()
    page.wait_for_url(re.compile(r"/fr/calculator/#"))
    wait_ready(page)
    assert displayed(page, expected(mode, answers), FRENCH) == english
    # And back: the French page's switch carries them too.
    expect(page.locator("a[data-language-switch]")).to_have_attribute("href", re.compile(r"/calculator/#.+"))


def _english_only(name: str, french_name: str) -> list[str]:
    """Texts of an English strings file that its French file does not share (a word both languages use, such
    as "Points" or "CELPIP-G", is not English only), without their {placeholders}' surroundings."""
    english = yaml.safe_load((ROOT / "templates" / "strings" / name).read_text(encoding="utf-8"))
    french = set(leaves(yaml.safe_load((ROOT / "templates" / "strings" / french_name).read_text(encoding="utf-8"))))
    pieces = []
    for text in leaves(english):
        for piece in re.split(r"\{[^}]*\}", " ".join(text.split())):
            piece = piece.strip(" :,.()")
            if len(piece) >= 14 and piece not in french:
                pieces.append(piece)
    return pieces


def test_no_english_interface_text_on_the_french_calculator(page: Page, site_url: str) -> None:
    """After a score, with the results, the improvements and the rounds shown: the visible text of the French
    page holds none of the English page's interface texts."""
    _, mode, answers = PROFILES["married-accompanying-celpip"]
    _scored(page, site_url + "fr/calculator/", mode, answers, FRENCH)
    for details in page.locator("#calculator details").all():
        details.evaluate("d => d.open = true")
    text = " ".join(page.locator("body").inner_text().split())
    english = _english_only("calculator.en.yml", "calculator.fr.yml") + _english_only("en.yml", "fr.yml")
    assert len(english) > 100
    assert [e for e in english if e in text] == []
    assert run_axe(page, extra_tags=("wcag22aa",)) == []

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


SINGLE = ("marital_status=single&age=29&education=bachelors&has_canadian_credential=no&language_mode=yes"
          "&first_language.test=ielts&first_language.speaking=7.0&first_language.listening=8.0"
          "&first_language.reading=7.0&first_language.writing=7.0&second_language.test=none&canadian_work_years=1"
          "&foreign_work_years=3&certificate_of_qualification=no&has_job_offer=no&provincial_nomination=no"
          "&sibling_in_canada=no&dates.first_language_test=2025-01-01")


def test_the_first_of_the_month_is_written_1er_on_the_french_calculator(page: Page, site_url: str) -> None:
    """French dates and punctuation follow French-Canadian usage in the browser as the build's do
    (sitegen.strings.day_text): the test results taken on 1 January 2025 stop counting on the « 1er janvier 2027 »,
    not the « 1 janvier 2027 »; a no-break space comes before the colon; the event and its effect are two
    sentences."""
    for url, written in (
            (f"{site_url}fr/calculator/", "1er janvier 2027\u00a0: Les résultats de test (première langue officielle) "
                                          "ont 2 ans et ne comptent plus. Sans résultats valides"),
            (f"{site_url}calculator/", "1 January 2027: Your first official language results are 2 years old and stop "
                                       "counting. Without valid")):
        page.goto("about:blank")
        page.goto(f"{url}#{SINGLE}")
        wait_ready(page)
        line = page.locator("#calc-timeline li").first
        expect(line).to_contain_text(written)  # (which takes any space for any other: the exact text below)
        assert written in line.evaluate("(e) => e.textContent")
        effect = page.locator("#calc-timeline li .calc-timeline-points").first  # plain text, not a boxed warning
        assert effect.evaluate("(e) => getComputedStyle(e).borderLeftStyle") == "none"
    expect(page.locator("#calc-timeline")).not_to_contain_text("1er")

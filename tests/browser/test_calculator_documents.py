"""The calculator's "Your document list" in Chromium: filled as a person would, ticks kept, printed alone, shared."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from calculator.documents import KEYS

from .axe import run_axe
from .calculator_cases import CASES, expected, fill, page_profile, wait_ready
from .test_calculator import expect_score, open_calculator

pytestmark = pytest.mark.browser

MODE, COUPLE = next((m, p) for name, m, p in CASES if name == "married-accompanying-celpip")
COUNTRIES = {"countries_lived": ["IN", "AE", "GB"], "spouse_countries_lived": ["IN"]}


def shown_items(page: Page) -> list[str]:
    return page.locator("#calc-documents input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(b => b.dataset.docId)")


def test_document_list_ticks_print_and_share(context: BrowserContext, calculator_url: str) -> None:
    answers: dict[str, Any] = {**COUPLE, "documents": COUNTRIES}
    result = expected(MODE, answers)
    assert "errors" not in result, result
    page = context.new_page()
    open_calculator(page, calculator_url)
    fill(page, MODE, COUPLE)
    expect_score(page, result)
    # Before the countries are given, the list asks for them, with a link to the question.
    police = page.locator("#calc-documents li").filter(has_text="Police certificates")
    expect(police.first).to_contain_text("Tell us the countries")
    police.first.get_by_role("link", name="Answer this question").click()
    countries = page.get_by_label("Countries where you lived for 6 months or more in a row")
    expect(countries).to_be_focused()
    # A name the list does not know: the message sits next to the box, and the score stays.
    countries.fill("India, Narnia")
    expect(page.locator("#err-q-doc-countries")).to_contain_text("'Narnia' is not a two-letter country code")
    expect(page.locator("#calc-optional-note")).to_be_visible()
    expect_score(page, result)
    # Codes or names, as a person may type them.
    countries.fill("India, ae, Britain (UK)")
    page.get_by_label("Countries where your spouse or partner lived", exact=False).fill("IN")
    docs = page.locator("#calc-documents")
    expect(docs.get_by_text("Police certificate: United Arab Emirates", exact=True)).to_be_visible()
    # The partner's countries were typed last: their result may come a moment after the principal's.
    expect(docs.locator('input[data-doc-id="police_certificate:partner:IN"]')).to_have_count(1)
    assert shown_items(page) == [d["id"] for d in result["documents"]]
    assert json.loads(page.locator("#calculator").get_attribute("data-last-profile") or "{}") == \
        page_profile(MODE, answers)
    partner = docs.locator("h4", has_text="For your spouse or partner")
    expect(partner).to_be_visible()
    # Each item says why, and links the site's page on it.
    funds = docs.locator("li").filter(has_text="Proof of funds")
    assert next(d["reason"] for d in result["documents"] if d["key"] == "proof_of_funds") == "unless_cec"
    expect(funds).to_contain_text("unless you are invited under the Canadian Experience Class")
    href = funds.get_by_role("link").get_attribute("href") or ""
    assert href.endswith("/documents/proof-of-funds/")
    assert page.request.get(page.url.split("/ee-guide/")[0] + href).ok
    pages = json.loads(page.locator("#calc-doc-pages").text_content() or "{}")
    assert set(pages) == set(KEYS)  # every document the engine can list links the site's page on it
    eca = docs.locator("li").filter(has_text="Educational credential assessment")
    expect(eca).to_contain_text("We worked this out from your answers")
    assert run_axe(page) == []

    # Ticks are kept in this browser, by document, and survive a new page; Clear removes them.
    box = docs.get_by_label("Police certificate: India").first
    box.check()
    expect(page.locator("#calc-doc-status")).to_contain_text("kept in this browser only")
    stored = page.evaluate("localStorage.getItem('ee-guide:calculator-documents')")
    assert json.loads(stored) == ["police_certificate:principal:IN"]

    # "Print my document list" prints the list alone (print styles, in the real browser).
    page.evaluate("window.print = () => { window.printedAlone = document.body.classList.contains('print-documents'); }")
    docs.get_by_role("button", name="Print my document list").click()
    assert page.evaluate("window.printedAlone") is True
    page.emulate_media(media="print")
    expect(docs.locator("li").first).to_be_visible()
    expect(page.locator("#calc-breakdown")).to_be_hidden()
    expect(page.locator("#calc-form")).to_be_hidden()
    expect(docs.get_by_role("button", name="Clear my ticks")).to_be_hidden()
    page.emulate_media(media="screen")

    # The share link brings the answers, the list and the ticks back in a new page.
    link = page.locator("#calc-share-link").input_value()
    assert "documents.countries_lived=India" in link
    other = context.new_page()
    other.goto(link)
    wait_ready(other)
    expect_score(other, result)
    expect(other.get_by_label("Countries where you lived for 6 months or more in a row")).to_have_value(
        "India, ae, Britain (UK)")
    expect(other.locator("#calc-documents").get_by_text("Police certificate: Britain (UK)", exact=True)).to_be_visible()
    assert shown_items(other) == [d["id"] for d in result["documents"]]
    expect(other.locator("#calc-documents").get_by_label("Police certificate: India").first).to_be_checked()
    other.locator("#calc-documents").get_by_role("button", name="Clear my ticks").click()
    expect(other.locator("#calc-documents").get_by_label("Police certificate: India").first).not_to_be_checked()
    assert other.evaluate("localStorage.getItem('ee-guide:calculator-documents')") is None

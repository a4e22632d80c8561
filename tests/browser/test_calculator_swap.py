"""The partner as the principal applicant on the calculator page: filled as a person would, compared with the
engine's command line, kept by the share link, and checked with axe."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .axe import run_axe
from .calculator_cases import CANADIAN_EDUCATION, CASES, FORM, expected, fill, page_profile
from .test_calculator import expect_score, open_calculator

pytestmark = pytest.mark.browser

_, MODE, COUPLE = next(c for c in CASES if c[0] == "married-accompanying-celpip")
# The partner is a nurse (NOC 31301, 14 months) with two years of Canadian work; the visitor is a software
# engineer, in no category on the rules date's lists.
OWN_OCCUPATION = {"noc": "21231", "months_last_3_years": 24}
PARTNER = {"age": 29, "canadian_education": "one_or_two_year", "foreign_work_years": 2,
           "certificate_of_qualification": False, "job_offer": "none", "provincial_nomination": True,
           "second_language": None, "occupation": {"noc": "31301", "months_last_3_years": 14},
           "eligibility": {"language_results_under_2_years": True, "canadian_work_years_last_3": 2,
                           "canadian_work_teer": 1}}
STRINGS = FORM["strings"]["swap"]
NURSE = "31301 Registered nurses and registered psychiatric nurses"


def fill_partner(page: Page) -> None:
    page.locator("#q-partner > summary").click()
    page.get_by_label("How old is your spouse or partner?", exact=True).select_option(label="29 years of age")
    page.get_by_label("Has your partner earned a Canadian degree").select_option(
        label=CANADIAN_EDUCATION["one_or_two_year"])
    page.get_by_label("how many years of foreign skilled work experience does your partner have?").select_option(
        label="2 years")
    page.get_by_label("Does your partner have a certificate").select_option(label="No")
    page.get_by_label("Does your partner have a valid job offer").select_option(label="No")
    page.get_by_label("Does your partner have a nomination").select_option(label="Yes")
    page.get_by_label("Does your partner have results in the other").select_option(
        label="Not applicable")
    # The partner's occupation by keyboard, in the second combobox; the visitor's by its code, in the first.
    combo = page.get_by_role("combobox", name="Your partner's main occupation (job title or NOC code)")
    combo.press_sequentially("psychiatric nur")
    combo.press("ArrowDown")
    combo.press("Enter")
    expect(combo).to_have_value(NURSE)
    page.get_by_label("Months of full-time work your partner did in this occupation").fill("14")
    page.get_by_label("Are all your partner's language test results less than two years old?").select_option(
        label="Yes")
    page.get_by_label("Your partner's years of skilled work in Canada in the last 3 years").fill("2")
    page.get_by_label("TEER category of your partner's Canadian work").fill("1")
    page.get_by_role("combobox", name="Your main occupation (job title or NOC code)").press_sequentially("21231")
    page.get_by_label("Months of full-time work in this occupation in the last 3 years").fill("24")


def expect_swap(page: Page, own: dict, swap: dict) -> None:
    box = page.locator("#calc-swap")
    cols = box.locator(".calc-swap-col")
    expect(cols).to_have_count(2)
    expect(cols.nth(0).locator(".calc-swap-total strong")).to_have_text(f"{own['total']:,}")
    expect(cols.nth(1).locator(".calc-swap-total strong")).to_have_text(f"{swap['total']:,}")
    for i, r in enumerate((own, swap)):
        expect(cols.nth(i).locator("dd")).to_have_text([f"{r['subtotals'][s['key']]:,}" for s in own["sections"]])
    n = abs(swap["difference"])
    assert swap["higher"] == "partner" and n > 1  # this couple: the nomination is the partner's
    expect(box.locator(".calc-swap-difference")).to_have_text(
        f"With your partner as the principal applicant, the score is higher by {n:,} points.")
    expect(box).to_contain_text("Each of you may also keep an Express Entry profile of your own")
    # Each ordering's programs and the category rounds it could be invited in, in the strings' words.
    for col, r in zip((cols.nth(0), cols.nth(1)), (own, swap), strict=True):
        status = r["eligibility"] if r is swap else {k: e["status"] for k, e in r["eligibility"].items()}
        cats = r["categories"] if r is swap else {k: c["status"] for k, c in r["categories"].items()}
        shown = [f"{STRINGS['category_names'][k]}: {STRINGS['status'][v]}" for k, v in cats.items()
                 if v != "not_eligible"]
        expect(col.locator(".calc-swap-categories li")).to_have_text(shown or [STRINGS["categories_none"]])
        expect(col).to_contain_text(f"Canadian Experience Class: {STRINGS['status'][status['cec']]}")
    assert swap["categories"]["healthcare"] == "eligible" and own["categories"]["healthcare"]["status"] != "eligible"
    expect(cols.nth(1).locator("[data-category=healthcare]")).to_have_text(
        "Healthcare and social services occupations: appears to meet the minimum requirements")
    expect(cols.nth(0).locator("[data-category=healthcare]")).to_have_count(0)


def test_partner_as_principal_applicant_side_by_side_and_shared(context: BrowserContext, calculator_url: str) -> None:
    answers = {**COUPLE, "occupation": OWN_OCCUPATION, "partner": PARTNER}
    result = expected(MODE, answers)
    swap = result["spouse_as_principal"]
    page = context.new_page()
    open_calculator(page, calculator_url)
    expect(page.locator("#q-partner")).to_be_hidden()  # single until the spouse is coming
    fill(page, MODE, COUPLE)
    fill_partner(page)
    expect_score(page, result)
    expect_swap(page, result, swap)
    assert json.loads(page.locator("#calculator").get_attribute("data-last-profile") or "{}") == \
        page_profile(MODE, answers)
    violations = run_axe(page)
    assert violations == [], violations

    link = page.locator("#calc-share-link").input_value()
    assert "partner.age=29" in link and "partner.provincial_nomination=yes" in link
    assert "partner.occupation.noc=31301" in link and "partner.occupation.months_last_3_years=14" in link
    other = context.new_page()
    other.goto(link)
    expect(other.locator("#calculator")).to_have_attribute("data-calculator-state", "ready", timeout=30_000)
    expect_score(other, result)
    expect_swap(other, result, swap)
    expect(other.locator("#q-partner-age")).to_have_value("29")
    expect(other.locator("#q-partner-noc")).to_have_value(NURSE)  # the box shows the restored code's title
    expect(other.locator("#q-partner-noc-teer")).to_contain_text("TEER 1")
    expect(other.locator("#q-noc")).to_have_value("21231 Software engineers and designers")

    # Side by side on a wide screen; on a phone the two columns stack.
    wide = [other.locator(".calc-swap-col").nth(i).bounding_box() for i in range(2)]
    assert wide[0] and wide[1] and wide[0]["y"] == wide[1]["y"] and wide[1]["x"] > wide[0]["x"]
    other.set_viewport_size({"width": 375, "height": 800})
    boxes = [other.locator(".calc-swap-col").nth(i).bounding_box() for i in range(2)]
    assert boxes[0] and boxes[1] and boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"]

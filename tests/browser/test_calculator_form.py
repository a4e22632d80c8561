"""The calculator form without stumbles: whole option texts, question numbers that never skip, score boxes in the
order of the test's own report, estimates with a complete eligibility result, the score column on a wide screen."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .axe import run_axe
from .calculator_cases import CASES, expected, fill, fill_for_link, lang, profile, question, spouse, wait_ready
from .conftest import warm_page

pytestmark = pytest.mark.browser
CASE = {c[0]: c for c in CASES}
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}

# `page` is a tab of the shared returning-visitor profile in this module (conftest.warm_context).
page = warm_page

# Every option of every visible select, measured in the select's own font against the room the closed select gives
# its text (the content box, less the arrow). A cut text shows as wider than that room.
CUT_OPTIONS = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const cut = [];
  for (const select of document.querySelectorAll('#calc-form select')) {
    if (!select.offsetParent) continue;
    const style = getComputedStyle(select);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
    for (const option of select.options) {
      const width = ctx.measureText(option.text).width;
      if (width > room) cut.push(`${select.id}: "${option.text}" needs ${Math.ceil(width)} px of ${room}`);
    }
  }
  return cut;
}"""


def test_no_select_cuts_its_option_text_on_a_phone(browser: Browser, calculator_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(calculator_url)
    wait_ready(page)
    # Answers that reveal the long lists too: a Canadian credential, a job offer, a spouse, a French test.
    _, mode, answers = CASE["canadian-education-sibling-job-offer"]
    fill(page, mode, {**answers, "marital_status": "married", "spouse": {
        "citizen_or_permanent_resident": False, "accompanying": True, "education": "two_or_more",
        "canadian_work_years": 0, "language": None}})
    page.get_by_label(question("Which language test did you take", whole=False)).select_option("tef_old_scale")
    expect(page.locator("#q-cdn-edu")).to_be_visible()
    expect(page.locator("#q-job-teer")).to_be_visible()
    expect(page.locator("#q-spouse-edu")).to_be_visible()
    assert page.evaluate("document.querySelectorAll('#calc-form select').length") > 20
    assert page.evaluate(CUT_OPTIONS) == []
    # The full wording of the chosen option shows below its select, and is part of its description.
    detail = page.locator("#q-education-detail")
    expect(detail).to_contain_text("Master's degree, or professional degree needed to practice in a licensed "
                                   "profession")
    expect(page.locator("#q-education")).to_have_attribute("aria-describedby", re.compile(r"\bq-education-detail\b"))
    page.close()


def visible_numbers(page: Page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('#calc-form .qn')]
        .filter((s) => !s.closest('[hidden]')).map((s) => s.textContent)""")


def assert_consecutive(numbers: list[str]) -> None:
    mains = [int(re.match(r"\d+", n).group()) for n in numbers]
    distinct = list(dict.fromkeys(mains))
    assert distinct == list(range(1, len(distinct) + 1)), numbers
    assert mains == sorted(mains), numbers


def test_question_numbers_do_not_skip_for_a_single_or_a_married_applicant(page: Page, calculator_url: str) -> None:
    page.goto(calculator_url)
    wait_ready(page)
    _, mode, single = CASE["single-ielts"]
    fill(page, mode, single)
    numbers = visible_numbers(page)
    assert_consecutive(numbers)
    assert numbers[:3] == ["1)", "2)", "3)"]  # the spouse questions are hidden: age is question 2
    expect(page.get_by_label("2) How old are you?", exact=True)).to_have_value("29")
    assert numbers[-1] == "9)"  # the sibling question, last for a single applicant

    _, mode, married = CASE["married-accompanying-celpip"]
    page.goto("about:blank")  # a new visit: the same address again is a reload, which keeps this tab's answers
    page.goto(calculator_url)
    wait_ready(page)
    fill(page, mode, married)
    numbers = visible_numbers(page)
    assert_consecutive(numbers)
    assert numbers[:4] == ["1)", "2) i.", "2) ii.", "3)"]
    expect(page.get_by_label("3) How old are you?", exact=True)).to_have_value("33")
    expect(page.get_by_label(question("Did your spouse", whole=False))).to_be_visible()
    assert numbers[-1] == "13)"
    # Back to single: the numbers close up again.
    page.get_by_label(question("What is your marital status?")).select_option("single")
    expect(page.get_by_label("2) How old are you?", exact=True)).to_be_visible()
    assert_consecutive(visible_numbers(page))


def score_labels(page: Page, group: str) -> list[str]:
    return page.get_by_role("group", name=group, exact=True).locator(".score label").all_inner_texts()


def test_score_boxes_follow_the_score_report_or_say_which_is_which(page: Page, calculator_url: str) -> None:
    page.goto(calculator_url)
    wait_ready(page)
    page.get_by_role("group", name=question("Are your test results less than two years old?")).get_by_label(
        "Yes", exact=True).check()
    first = page.get_by_label(question("Which language test did you take", whole=False))
    first.select_option("ielts")
    ielts = score_labels(page, "Your IELTS (General Training) results")
    assert ielts == ["Listening", "Reading", "Writing", "Speaking"]
    expect(page.locator("#fl-ielts .score-order")).to_have_text(re.compile("same order as on your IELTS"))
    first.select_option("pte_core")
    assert score_labels(page, "Your PTE Core results") == ["Listening", "Reading", "Speaking", "Writing"]
    first.select_option("tcf")
    labels = score_labels(page, "Your TCF Canada results")
    assert labels == ["Speaking (Expression orale)", "Listening (Compréhension orale)",
                      "Reading (Compréhension écrite)", "Writing (Expression écrite)"]
    expect(page.locator("#fl-tcf .score-order")).to_contain_text("Check the name above each box")


ELIGIBILITY = {  # every optional program answer, so FSW, CEC and FST can each be decided
    "continuous_work_years": 3, "skilled_work_years_last_10": 4, "canadian_work_years_last_3": 1,
    "canadian_work_teer": 1, "trade_work_years_last_5": 0, "trade_job_offer": False, "settlement_funds": 50000,
    "family_size": 1, "authorized_to_work": False, "studied_in_canada_2_years": False, "relative_in_canada": False,
}


def fill_eligibility(page: Page, answers: dict[str, Any]) -> None:
    page.locator("#q-eligibility > summary").click()
    for key, value in answers.items():
        control = page.locator(f"#q-elig-{key.replace('_', '-')}")
        if isinstance(value, bool):
            control.select_option("yes" if value else "no")
        else:
            control.fill(str(value))


def shown_eligibility(page: Page) -> list[str]:
    return page.locator("#calc-eligibility .program > p").all_inner_texts()


def test_an_estimate_gets_as_complete_an_eligibility_result_as_real_results(page: Page, calculator_url: str) -> None:
    _, mode, answers = CASE["clb-estimate"]
    assert mode == "estimate"
    page.goto(calculator_url)
    wait_ready(page)
    fill(page, mode, answers)
    fill_eligibility(page, ELIGIBILITY)
    result = expected(mode, {**answers, "eligibility": ELIGIBILITY})
    statuses = {key: e["status"] for key, e in result["eligibility"].items()}
    assert "unknown" not in statuses.values(), result["eligibility"]
    expect(page.locator("#calc-eligibility .program")).to_have_count(len(statuses))
    expect(page.locator("#calc-eligibility .status-unknown")).to_have_count(0)
    for key, status in statuses.items():
        expect(page.locator(f"#calc-eligibility .program.status-{status}").filter(
            has_text=re.compile(key.upper() + "|Federal Skilled|Canadian Experience"))).not_to_have_count(0)
    # Nothing asks again what question 5 i answered, and the page says what the check assumes.
    expect(page.locator("#calc-eligibility a[href^='#q-results']")).to_have_count(0)
    expect(page.locator("#calc-eligibility")).not_to_contain_text("two years old?")
    expect(page.locator("#calc-eligibility-estimate")).to_be_visible()
    estimate_shown = shown_eligibility(page)

    # The same answers with real, recent results: the same verdicts (a new visit: see above).
    page.goto("about:blank")
    page.goto(calculator_url)
    wait_ready(page)
    fill(page, "yes", profile(**{**answers, "first_language": {**answers["first_language"], "test": "ielts",
         "speaking": 7.5, "listening": 8, "reading": 6.5, "writing": 7.5},
         "second_language": {**answers["second_language"], "test": "tcf", "speaking": 10, "listening": 458,
                             "reading": 453, "writing": 10}}))
    fill_eligibility(page, ELIGIBILITY)
    expect(page.locator("#calc-eligibility .program")).to_have_count(len(statuses))
    assert shown_eligibility(page) == estimate_shown
    expect(page.locator("#calc-eligibility-estimate")).to_have_count(0)


def summary_numbers(page: Page) -> dict[str, str]:
    summary = page.locator("#calc-summary")
    keys = summary.locator("dt").all_inner_texts()
    return {"total": summary.locator("#calc-summary-total").inner_text(),
            **dict(zip(keys, summary.locator("dd").all_inner_texts(), strict=True))}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wide_screen_keeps_the_score_in_view_beside_the_form(browser: Browser, calculator_url: str,
                                                             scheme: str) -> None:
    page = browser.new_page(viewport=WIDE, color_scheme=scheme)
    _, mode, answers = CASE["married-accompanying-celpip"]
    result = expected(mode, answers)
    page.goto(calculator_url)
    wait_ready(page)
    summary = page.locator("#calc-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("once every question is answered")
    fill(page, mode, answers)
    expect(page.locator("#calc-total")).to_have_text(f"{result['total']:,}")
    expect(page.locator("#calc-bar")).to_be_hidden()  # the column takes the sticky bar's place
    # Scrolled down to the last questions, the column is still wholly in view, beside the form, not over it.
    page.locator("#q-spouse-test").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(300)
    box, form = summary.bounding_box(), page.locator("#calc-form").bounding_box()
    assert box and form
    assert page.evaluate("window.scrollY") > 1500
    assert box["y"] >= 0 and box["y"] + box["height"] <= WIDE["height"], box
    assert box["x"] >= form["x"] + form["width"], (box, form)
    assert box["x"] + box["width"] <= WIDE["width"]
    # The same total and subtotals as the full results below, and as the engine.
    shown = summary_numbers(page)
    assert shown["total"] == page.locator("#calc-total").inner_text() == f"{result['total']:,}"
    for section in result["sections"]:
        row = page.locator("#calc-breakdown tr.subtotal").filter(
            has=page.get_by_role("rowheader", name=section["subtotal_label"], exact=True))
        assert shown[section["label"]] == row.locator("td").inner_text() == f"{result['subtotals'][section['key']]:,}"
    # An answer that changes the score changes the column too.
    page.get_by_role("group", name=question("Do you have a nomination certificate", whole=False)).get_by_label(
        "Yes", exact=True).check()
    nominated = expected(mode, {**answers, "provincial_nomination": True})
    expect(summary.locator("#calc-summary-total")).to_have_text(f"{nominated['total']:,}")
    violations = run_axe(page)
    assert violations == [], violations
    page.close()


def test_a_phone_has_the_sticky_bar_not_the_column(browser: Browser, calculator_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    _, mode, answers = CASE["single-ielts"]
    page.goto(calculator_url)
    wait_ready(page)
    fill(page, mode, answers)
    expect(page.locator("#calc-bar")).to_be_visible()
    expect(page.locator("#calc-summary")).to_be_hidden()
    page.close()


FILLED_GROUPS = """() => [...document.querySelectorAll('#calc-form fieldset.scores')]
  .filter((g) => g.querySelector('input, select')).map((g) => g.id)"""


def test_a_score_group_gets_its_own_questions_when_it_first_shows(page: Page, calculator_url: str) -> None:
    """The score groups are filled in from their test's <template> as they show (calculator.mjs, fillScores): a
    shared link's scores land in them, each box with its group's id, name, label and hint, and the score is the
    engine's."""
    answers = profile(marital_status="married", spouse=spouse(education="two_year", work=2,
                                                              language=lang("ielts", 6.5, 7.5, 6.5, 6)),
                      second_language=lang("tef", 400, 420, 380, 390))
    fragment = ("marital_status=married&spouse.citizen_or_permanent_resident=no&spouse.accompanying=yes&age=29"
                "&education=bachelors&has_canadian_credential=no&language_mode=yes&first_language.test=ielts"
                "&first_language.speaking=7.0&first_language.listening=8.0&first_language.reading=7.0"
                "&first_language.writing=7.0&second_language.test=tef&second_language.speaking=400"
                "&second_language.listening=420&second_language.reading=380&second_language.writing=390"
                "&canadian_work_years=1&foreign_work_years=3&certificate_of_qualification=no&has_job_offer=no"
                "&provincial_nomination=no&sibling_in_canada=no&spouse.education=two_year"
                "&spouse.canadian_work_years=2&spouse.language.test=ielts&spouse.language.speaking=6.5"
                "&spouse.language.listening=7.5&spouse.language.reading=6.5&spouse.language.writing=6.0"
                "&partner.second_language.test=celpip&partner.second_language.speaking=9"
                "&partner.second_language.listening=10&partner.second_language.reading=8"
                "&partner.second_language.writing=9")
    page.goto("about:blank")
    page.goto(f"{calculator_url}#{fragment}")
    wait_ready(page)
    expect(page.locator("#calc-total")).to_have_text(f"{expected('yes', answers)['total']:,}")
    # the others are still empty
    assert page.evaluate(FILLED_GROUPS) == ["fl-ielts", "sl-tef", "sp-ielts", "pl-celpip"]
    last = json.loads(page.locator("#calculator").get_attribute("data-last-profile"))
    assert last["partner"]["second_language"] == {"test": "celpip", "speaking": 9, "listening": 10, "reading": 8,
                                                  "writing": 9}  # the partner's part reads its copied boxes
    box = page.locator("#sl-tef-reading")
    expect(box).to_have_attribute("name", "second_language.reading")
    expect(box).to_have_value("380")
    expect(page.get_by_role("group", name="Your TEF Canada (scores out of 699) results").get_by_label(
        re.compile("^Reading"))).to_have_value("380")  # its label's `for` follows the new id
    expect(page.locator("#sl-tef-reading-hint")).to_have_text(re.compile(r"\d+.+\d+"))
    expect(box).to_have_attribute("aria-describedby", "sl-tef-reading-hint")
    expect(page.locator("#sp-ielts-writing")).to_have_attribute("name", "spouse.language.writing")
    # Another test and back: the group is filled once, keeps its answers, and its boxes are scored again.
    spouse_test = page.locator("#q-spouse-test")
    spouse_test.select_option("celpip")
    # its four new, empty boxes are required questions like any other
    expect(page.locator("#calc-progress")).to_have_text("4 questions left before your score appears.")
    spouse_test.select_option("ielts")
    expect(page.locator("#calc-progress")).to_have_text("")
    assert page.locator("#sp-ielts select").count() == 4
    expect(page.locator("#sp-ielts-writing")).to_have_value("6.0")
    assert json.loads(page.locator("#calculator").get_attribute("data-last-profile"))["spouse"]["language"] == {
        "test": "ielts", "speaking": 6.5, "listening": 7.5, "reading": 6.5, "writing": 6}
    assert page.evaluate(FILLED_GROUPS) == ["fl-ielts", "sl-tef", "sp-celpip", "sp-ielts", "pl-celpip"]


def test_a_reload_keeps_the_answers_and_the_score_in_this_tab(page: Page, calculator_url: str) -> None:
    """The answers, the script-made score boxes included, are kept in this tab's history entry as they change
    (calculator.mjs, keepAnswers), so a reload shows the same answers and score; the address is not changed and a
    new tab starts empty."""
    _, mode, answers = CASE["married-accompanying-celpip"]
    page.goto("about:blank")
    link = fill_for_link(page, calculator_url, mode, answers)
    total = f"{expected(mode, answers)['total']:,}"
    for _ in range(50):  # kept within 1.3 s of the last answer (a visitor does not reload sooner)
        if page.evaluate("() => history.state?.calcAnswers") == link.split("#", 1)[1]:
            break
        page.wait_for_timeout(50)
    page.reload()
    wait_ready(page)
    expect(page.locator("#calc-total")).to_have_text(total)
    expect(page.locator("#sp-ielts-writing")).to_have_value("6.0")  # a box the script added
    assert "#" not in page.url
    other = page.context.new_page()
    other.goto(calculator_url)
    wait_ready(other)
    expect(other.locator("#calc-progress")).not_to_have_text("")
    assert other.locator("#sp-ielts").locator("select").count() == 0
    other.close()

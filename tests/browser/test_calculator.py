"""The calculator page in Chromium: scores as the engine's command line does, link, keyboard, panels."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .calculator_cases import CASES, expected, fill, page_profile, profile, question, wait_ready
from .conftest import warm_page

pytestmark = pytest.mark.browser

# `page` is a tab of the shared returning-visitor profile in this module (conftest.warm_context).
page = warm_page


def open_calculator(page: Page, url: str) -> None:
    page.goto(url)
    wait_ready(page)


def expect_score(page: Page, result: dict[str, Any]) -> None:
    """The displayed total and each section subtotal equal the engine's."""
    expect(page.locator("#calc-total")).to_have_text(f"{result['total']:,}")
    for section in result["sections"]:
        row = page.locator("#calc-breakdown tr.subtotal").filter(
            has=page.get_by_role("rowheader", name=section["subtotal_label"], exact=True))
        expect(row.locator("td")).to_have_text(f"{result['subtotals'][section['key']]:,}")


@pytest.mark.parametrize(("mode", "answers"), [(m, p) for _, m, p in CASES], ids=[c[0] for c in CASES])
def test_displayed_score_matches_the_engine_cli(page: Page, calculator_url: str, mode: str,
                                                answers: dict[str, Any]) -> None:
    result = expected(mode, answers)
    assert "errors" not in result, result
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect_score(page, result)
    # Every line of the four sections is shown with the engine's label and points.
    breakdown = page.locator("#calc-breakdown").inner_text()
    for section in result["sections"]:
        assert section["label"] in breakdown
        for key in section["lines"]:
            assert result["labels"][key] in breakdown
    expect(page.locator("#calc-rules")).to_contain_text(result["rules"]["reviewed"])
    for warning in result["warnings"]:
        expect(page.locator("#calc-rules")).to_contain_text(warning["message"])  # the CLI's English, as words
    expect(page.locator("#calc-fsw")).to_contain_text(str(result["fsw"]["total"]))
    if result["improvements"]:
        expect(page.locator("#calc-improvements li").first).to_contain_text(result["improvements"][0]["message"])


SHARED = {c[0]: c for c in CASES if c[0] in ("married-accompanying-celpip", "spouse-nclc-estimate-older")}


@pytest.mark.parametrize("case", sorted(SHARED))
def test_shareable_link_restores_answers_and_score(context: BrowserContext, calculator_url: str, case: str) -> None:
    _, mode, answers = SHARED[case]
    result = expected(mode, answers)
    page = context.new_page()
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect_score(page, result)
    link = page.locator("#calc-share-link").input_value()
    assert link.startswith(calculator_url + "#")
    query = link.split("#", 1)[1]
    assert f"first_language.test={answers['first_language']['test']}" in query
    assert f"spouse.education={answers['spouse']['education']}" in query

    other = context.new_page()
    requests: list[str] = []
    other.on("request", lambda r: requests.append(r.url))
    other.goto(link)
    wait_ready(other)
    expect_score(other, result)
    expect(other.get_by_label(question("What is your marital status?"))).to_have_value("married")
    expect(other.get_by_label(question("Did your spouse", whole=False))).to_have_value(
        answers["spouse"]["language"]["test"])
    assert json.loads(other.locator("#calculator").get_attribute("data-last-profile") or "{}") == \
        page_profile(mode, answers)
    # The fragment stays in the browser: no request carries the answers.
    assert not [u for u in requests if "first_language" in u]


def test_keyboard_only_completion(page: Page, calculator_url: str) -> None:
    """Tab, arrow keys and Space only: every question is reachable and answerable without a pointer."""
    open_calculator(page, calculator_url)
    page.keyboard.press("Tab")  # into the page

    def tab_to(element_id: str, limit: int = 80) -> None:
        for _ in range(limit):
            if page.evaluate("document.activeElement.id") == element_id:
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached #{element_id}")

    def choose(element_id: str, value: str) -> None:
        tab_to(element_id)
        for _ in range(60):
            if page.locator(f"#{element_id}").input_value() == value:
                return
            page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrow keys never selected {value} in #{element_id}")

    def radio(group: str, yes: bool) -> None:
        tab_to(f"{group}-no")
        page.keyboard.press("ArrowDown" if yes else "Space")
        expect(page.locator(f"#{group}-{'yes' if yes else 'no'}")).to_be_checked()

    choose("q-marital", "single")
    choose("q-age", "27")
    choose("q-education", "masters")
    radio("q-cdn-cred", yes=False)
    tab_to("q-results-yes")
    page.keyboard.press("Space")
    choose("q-first-test", "ielts")
    # In the order of the IELTS Test Report Form: listening, reading, writing, speaking.
    for ability, value in (("listening", "8.5"), ("reading", "8.0"), ("writing", "7.5"), ("speaking", "7.5")):
        choose(f"fl-ielts-{ability}", value)
    choose("q-second-english", "none")
    choose("q-cdn-work", "0")
    choose("q-foreign-work", "2")
    radio("q-certificate", yes=False)
    radio("q-job", yes=False)
    radio("q-pnp", yes=False)
    radio("q-sibling", yes=True)

    answers = profile(age=27, education="masters", first_language={
        "test": "ielts", "speaking": 7.5, "listening": 8.5, "reading": 8, "writing": 7.5},
        canadian_work_years=0, foreign_work_years=2, sibling_in_canada=True)
    expect_score(page, expected("yes", answers))
    # The results and the share controls are reachable by keyboard too.
    tab_to("calc-copy", limit=200)


def test_engine_validation_message_sits_next_to_its_field(page: Page, calculator_url: str) -> None:
    open_calculator(page, calculator_url)
    fill(page, "yes", profile(first_language={"test": "pte_core", "speaking": 76, "listening": 71, "reading": 69,
                                              "writing": 79}))
    expect(page.locator("#calc-results")).to_be_visible()
    speaking = page.get_by_role("group", name="Your PTE Core results", exact=True).get_by_label("Speaking")
    speaking.fill("95")
    expect(speaking).to_have_attribute("aria-invalid", "true")
    error_id = f"err-{speaking.get_attribute('id')}"
    expect(speaking).to_have_attribute("aria-describedby", re.compile(rf"\b{error_id}\b"))
    message = page.locator(f"#{error_id}")
    expect(message).to_contain_text("95")
    expect(message).to_contain_text("PTE Core")
    expect(page.locator("#calc-results")).to_be_hidden()  # no score for answers the engine rejects
    # The same errors after another keystroke stay as they are: nothing rebuilt, nothing announced again.
    page.evaluate("""(id) => {
      window.__error = document.getElementById(id);
      window.__alerts = 0;
      new MutationObserver((m) => (window.__alerts += m.length)).observe(
        document.getElementById('calc-errors'), { childList: true, subtree: true, attributes: true });
    }""", error_id)
    page.locator("#q-eligibility > summary").click()
    page.locator("#q-elig-continuous-work-years").press_sequentially("3")
    page.wait_for_timeout(1000)
    assert page.evaluate("(id) => document.getElementById(id) === window.__error && window.__alerts === 0", error_id)
    speaking.fill("80")
    expect(speaking).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#calc-results")).to_be_visible()


def choose_occupation(page: Page, typed: str, downs: int = 1) -> None:
    """Pick an occupation with the keyboard only: type, arrow down to the option, Enter."""
    combo = page.get_by_role("combobox", name="Your main occupation (job title or NOC code)")
    combo.focus()
    combo.press_sequentially(typed)
    expect(combo).to_have_attribute("aria-expanded", "true")
    for _ in range(downs):
        combo.press("ArrowDown")
    active = combo.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_attribute("aria-selected", "true")
    combo.press("Enter")
    expect(combo).to_have_attribute("aria-expanded", "false")


def test_occupation_combobox_by_keyboard(page: Page, calculator_url: str) -> None:
    open_calculator(page, calculator_url)
    combo = page.get_by_role("combobox", name="Your main occupation (job title or NOC code)")
    combo.focus()
    combo.press_sequentially("psychiatric nur")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("31301 Registered nurses and registered psychiatric nurses")
    combo.press("Escape")
    expect(combo).to_have_attribute("aria-expanded", "false")
    assert page.locator("#q-noc-code").input_value() == ""  # nothing chosen until Enter or a click
    combo.press("ArrowDown")
    combo.press("Enter")
    assert page.locator("#q-noc-code").input_value() == "31301"
    expect(combo).to_have_value("31301 Registered nurses and registered psychiatric nurses")
    expect(page.locator("#q-noc-teer")).to_contain_text("TEER 1")
    combo.fill("")
    combo.press_sequentially("72200")  # a whole code is chosen as soon as it is typed
    assert page.locator("#q-noc-code").input_value() == "72200"
    expect(page.locator("#q-noc-teer")).to_contain_text("TEER 2")
    # A list rebuilt by typing starts with nothing highlighted: Enter then chooses nothing (and breaks nothing).
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    combo.fill("")
    combo.press_sequentially("tech")
    for _ in range(4):
        combo.press("ArrowDown")
    combo.press_sequentially("nician")
    assert combo.get_attribute("aria-activedescendant") is None
    expect(page.locator("#q-noc-list [aria-selected=true]")).to_have_count(0)
    combo.press("Enter")
    assert errors == [] and page.locator("#q-noc-code").input_value() == ""


def test_the_long_lists_come_only_when_a_question_needs_them(calculator_url: str, context: BrowserContext) -> None:
    """The occupation titles and country names are not part of the page: the first use of their questions, or a
    link that answers them, fetches them once; a linked code then shows its title and a name becomes its code.
    (A fresh profile: in the shared one the lists may be cached already.)"""
    page = context.new_page()
    lists: list[str] = []
    page.on("request", lambda r: "/calculator/lists." in r.url and lists.append(r.url))
    mode, answers = "yes", profile()
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect_score(page, expected(mode, answers))
    assert lists == []
    link = page.locator("#calc-share-link").input_value()
    combo = page.get_by_role("combobox", name="Your main occupation (job title or NOC code)")
    combo.focus()
    combo.press_sequentially("registered nurs")
    expect(page.get_by_role("listbox").get_by_role("option").first).to_contain_text("31301")
    assert len(lists) == 1

    linked = context.new_page()
    fetched: list[str] = []
    linked.on("request", lambda r: "/calculator/lists." in r.url and fetched.append(r.url))
    linked.goto(link + "&occupation.noc=31301&documents.countries_lived=India%2C%20ae")
    wait_ready(linked)
    expect(linked.locator("#q-noc")).to_have_value("31301 Registered nurses and registered psychiatric nurses")
    expect(linked.locator("#calc-documents")).to_contain_text("Police certificate: India")
    sent = json.loads(linked.locator("#calculator").get_attribute("data-last-profile") or "{}")
    assert sent["documents"]["countries_lived"] == ["IN", "AE"]
    assert len(fetched) == 1
    linked.close()


def test_a_bad_code_in_a_link_is_shown_on_the_occupation_box(page: Page, calculator_url: str) -> None:
    mode, answers = "yes", profile()
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect_score(page, expected(mode, answers))  # the share link is written with the result
    link = page.locator("#calc-share-link").input_value()
    assert "#" in link
    page.goto(link + "&occupation.noc=99999")
    wait_ready(page)
    combo = page.locator("#q-noc")
    expect(combo).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#err-q-noc")).to_contain_text("99999")
    expect(page.locator("#calc-results")).to_be_visible()  # an optional answer never hides the score


def test_the_rounds_list_for_a_nurse_shows_healthcare_not_trades(page: Page, calculator_url: str,
                                                               built_site: Path, context: BrowserContext) -> None:
    import calculator

    summary = json.loads(
        re.search(r'<script type="application/json" id="calc-draws-data">(.*?)</script>',
                  (built_site / "calculator" / "index.html").read_text(encoding="utf-8"), re.S).group(1))
    mode, answers = "yes", profile()
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    choose_occupation(page, "registered nurses")
    page.get_by_label("Months of full-time work in this occupation in the last 3 years").fill("14")
    page.get_by_label("Of those months, how many were in Canada?").fill("14")
    occupation = {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 14}
    sent = {**page_profile(mode, answers), "occupation": occupation}
    engine = calculator.score(sent, rounds_summary=summary)["rounds"]
    expect_score(page, expected(mode, {**answers, "occupation": occupation}))
    assert json.loads(page.locator("#calculator").get_attribute("data-last-profile") or "{}") == sent
    rows = page.locator(".calc-draws-table tbody tr")
    expect(rows).to_have_count(len(engine["rounds"]))
    for i, row in enumerate(engine["rounds"]):
        expect(rows.nth(i).locator("th")).to_contain_text(row["label"])
        expect(rows.nth(i).locator("td").first).to_have_text(f"{row['cutoff']:,}")
    expect(page.locator(".calc-draws-table")).to_contain_text("Healthcare and social services occupations")
    expect(page.locator(".calc-draws-table")).not_to_contain_text("Trade occupations")
    folded = page.locator(".calc-rounds-out")
    expect(folded.locator("li").filter(has_text="Trade occupations")).to_contain_text("is not on this category's list")
    if engine["pool"]:
        expect(page.locator("#calc-draws")).to_contain_text(f"{engine['pool']['at_or_above_min']:,}")
    fst = page.locator("#calc-eligibility .program").filter(has_text="Federal Skilled Trades Program")
    expect(fst).to_contain_text("Your occupation (NOC 31301) is not in the eligible trade groups.")
    # The shareable link keeps the occupation, and a new visit shows its title again.
    link = page.locator("#calc-share-link").input_value()
    again = context.new_page()
    open_calculator(again, link)
    expect(again.locator("#q-noc")).to_have_value("31301 Registered nurses and registered psychiatric nurses")
    expect(again.locator(".calc-draws-table")).to_contain_text("Healthcare and social services occupations")


def test_a_bad_optional_answer_keeps_the_score(page: Page, calculator_url: str) -> None:
    mode, answers = "yes", profile()
    result = expected(mode, answers)
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect_score(page, result)
    choose_occupation(page, "registered nurses")
    months = page.get_by_label("Months of full-time work in this occupation in the last 3 years")
    months.fill("10")
    canadian = page.get_by_label("Of those months, how many were in Canada?")
    canadian.fill("12")  # more months in Canada than in all
    expect(page.locator("#calc-optional-note")).to_be_visible()
    expect(canadian).to_have_attribute("aria-invalid", "true")
    error = page.locator("#err-q-occ-canadian")
    expect(error).to_contain_text("more than the 10 months")
    expect_score(page, result)  # still the score, without the occupation
    expect(page.locator("#calc-results")).to_be_visible()
    page.locator("#q-eligibility > summary").click()
    page.get_by_label("Number of family members", exact=False).fill("0")  # out of range
    # The message uses the question's words, not the field's name.
    expect(page.locator("#err-q-elig-family-size")).to_contain_text("Number of family members: 0 is out of range")
    expect(page.locator("#calc-results")).to_be_visible()
    expect_score(page, result)
    canadian.fill("8")
    expect(error).to_have_count(0)
    expect(page.locator("#calc-optional-note")).to_be_visible()  # the family size still needs a fix
    page.get_by_label("Number of family members", exact=False).fill("1")
    expect(page.locator("#calc-optional-note")).to_be_hidden()


def test_ask_link_carries_a_summary_only_when_asked(page: Page, calculator_url: str) -> None:
    mode, answers = CASES[0][1], CASES[0][2]
    result = expected(mode, answers)
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect_score(page, result)
    ask = page.locator("#calc-ask")
    assert "#" not in (ask.get_attribute("href") or "")
    page.get_by_label("Add a summary of my score").check()
    href = ask.get_attribute("href") or ""
    assert href.split("#")[0].endswith("/assessment/")
    assert f"{result['total']}" in href and "summary=" in href
    ask.click()
    # The summary reaches the message: the form's text box, or (no endpoint configured) the email draft.
    message, mailto = page.locator("#assessment-message"), page.locator("#assessment-mailto")
    expect(message.or_(mailto)).to_be_attached()
    title = f"{result['total']}"
    if mailto.count():
        expect(mailto).to_have_attribute("href", re.compile(r"&body=[^&]*" + re.escape(title)))
    else:
        expect(message).to_have_value(re.compile(re.escape(title)))


def test_score_is_announced_only_when_it_changes(page: Page, calculator_url: str) -> None:
    """One polite live region, present from the start, speaks the score when it changes and its absence."""
    mode, answers = CASES[0][1], CASES[0][2]
    result = expected(mode, answers)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the sticky bar (a wide screen has the column)
    open_calculator(page, calculator_url)
    announce = page.locator("#calc-announce")
    expect(announce).to_have_attribute("aria-live", "polite")
    assert page.evaluate("document.getElementById('calc-announce').closest('[hidden]') === null")
    others = "[aria-live]:not(#calc-announce):not(#calc-status):not(#calc-copied):not(.combo-count)"  # the comboboxes
    assert page.locator(others).count() == 0
    fill(page, mode, answers)
    expect_score(page, result)
    expect(announce).to_have_text(f"Your CRS score: {result['total']:,}")
    # The sticky bar shows, and focused controls are kept clear of it.
    assert page.evaluate("""() => {
      const bar = document.getElementById('calc-bar').offsetHeight;
      const pad = parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom);
      return bar > 0 && pad >= bar;
    }""")
    # A keystroke that leaves the score as it was says nothing.
    page.evaluate("""() => {
      window.__announced = 0;
      new MutationObserver((m) => (window.__announced += m.length)).observe(
        document.getElementById('calc-announce'), { childList: true, characterData: true, subtree: true });
    }""")
    page.locator("#q-eligibility > summary").click()
    page.locator("#q-elig-continuous-work-years").press_sequentially("3")
    page.wait_for_timeout(1500)
    expect(page.locator("#calc-total")).to_have_text(f"{result['total']:,}")
    assert page.evaluate("window.__announced") == 0
    expect(announce).to_have_text(f"Your CRS score: {result['total']:,}")
    # A score that goes away says so.
    page.locator("#q-age").select_option("")
    expect(page.locator("#calc-results")).to_be_hidden()
    expect(announce).to_have_text(re.compile("not available"))
    assert not page.evaluate("document.documentElement.classList.contains('calc-bar-shown')")


def test_print_view_shows_results_not_the_form(page: Page, calculator_url: str) -> None:
    mode, answers = CASES[0][1], CASES[0][2]
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect(page.locator("#calc-results")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#calc-form")).to_be_hidden()
    expect(page.locator("#calc-breakdown")).to_be_visible()
    expect(page.locator("#calc-answers")).to_be_visible()
    expect(page.locator("#calc-answers")).to_contain_text("Never Married / Single")


def test_profile_sent_is_the_one_compared(page: Page, calculator_url: str) -> None:
    """Guards the comparison above: the page's profile for a case is exactly `page_profile`."""
    mode, answers = CASES[1][1], CASES[1][2]
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    expect(page.locator("#calc-results")).to_be_visible()
    sent = json.loads(page.locator("#calculator").get_attribute("data-last-profile") or "{}")
    assert sent == page_profile(mode, answers)


def test_a_round_at_the_score_gives_its_tie_break_time_as_the_rounds_page_writes_it(
        page: Page, calculator_url: str, built_site: Path) -> None:
    """A score equal to a round's cut-off depends on the tie-break time: the verdict gives it in the page's
    words, as sitegen.strings.format_datetime writes it on the rounds page, never IRCC's raw ISO text. The page's
    rounds data is edited on its way to the browser so that every round type's cut-off is the score."""
    from datetime import datetime

    from sitegen.render import load_strings
    from sitegen.strings import format_datetime
    from tests.site.helpers import ROOT

    mode, answers = "yes", profile()
    occupation = {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 14}
    total = expected(mode, {**answers, "occupation": occupation})["total"]
    open_calculator(page, calculator_url)
    fill(page, mode, answers)
    choose_occupation(page, "registered nurses")  # the healthcare rounds can then invite this profile
    page.get_by_label("Months of full-time work in this occupation in the last 3 years").fill("14")
    page.get_by_label("Of those months, how many were in Canada?").fill("14")
    expect(page.locator("#calc-total")).to_have_text(f"{total:,}")
    fragment = page.locator("#calc-share-link").input_value().split("#", 1)[1]
    for language, prefix in (("en", ""), ("fr", "fr/")):
        html = (built_site / prefix / "calculator" / "index.html").read_text(encoding="utf-8")
        data = re.search(r'(<script type="application/json" id="calc-draws-data">)(.*?)(</script>)', html, re.S)
        summary = json.loads(data.group(2))
        for kind in summary["round_types"]:
            kind["latest"]["cutoff"] = total
        edited = html.replace(data.group(0), data.group(1) + json.dumps(summary) + data.group(3))
        address = calculator_url.replace("/calculator/", f"/{prefix}calculator/")
        page.route(address, lambda route, _request, body=edited: route.fulfill(body=body, content_type="text/html"))
        page.goto("about:blank")
        page.goto(f"{address}#{fragment}")
        wait_ready(page)
        strings = load_strings(ROOT / "templates", language, ROOT)
        rows = page.locator(".calc-draws-table tbody tr.draw-at")
        expect(rows.first).to_be_visible()
        said = 0
        for i in range(rows.count()):
            label, verdict = rows.nth(i).locator("th").inner_text(), rows.nth(i).locator("td").last.inner_text()
            kind = next(k for k in summary["round_types"] if label.startswith(k["label"]))
            iso = kind["latest"]["tie_break"]
            if iso:
                when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
                assert format_datetime(when, strings) in verdict, (language, label, verdict)
                said += 1
            assert not re.search(r"\d{4}-\d\d-\d\dT", verdict), verdict
        assert said, "a round at the score with its tie-break time"
        page.unroute(address)


def test_rounds_waiting_for_the_same_answers_ask_for_them_once(page: Page, calculator_url: str) -> None:
    """Before the optional questions are answered, a dozen undecided rounds wait for the same one or two answers:
    they are grouped by those answers, each group asks for them once, and its link opens their question."""
    open_calculator(page, calculator_url)
    fill(page, "yes", profile())
    undecided = page.locator(".calc-rounds-unknown > li")
    expect(undecided.first).to_be_visible()
    groups = page.locator(".calc-rounds-unknown")
    asks = page.locator(".calc-rounds-needs")
    assert undecided.count() > groups.count() >= 2  # several rounds in some group
    expect(asks).to_have_count(groups.count())
    expect(page.locator(".calc-rounds-unknown ul")).to_have_count(0)
    programs = page.locator(".calc-rounds-needs a", has_text="optional questions on the programs")
    expect(programs).to_have_count(groups.count())  # once a group, not once a round
    expect(page.locator(".calc-rounds-needs a", has_text="Your main occupation")).to_have_count(1)
    programs.first.click()
    expect(page.locator("#q-eligibility")).to_have_attribute("open", "")

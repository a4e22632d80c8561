"""The dates that change the score in Chromium: the list, the .ics file parsed back, axe, the shareable link."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .axe import run_axe
from .calculator_cases import expected, fill, page_profile, profile, wait_ready
from .test_calculator import expect_score, open_calculator

pytestmark = pytest.mark.browser

RULES = "2026-03-15"
# Age 29 with a birthday next month, 11 months of Canadian work, a test taken 23 months ago.
DATES = {"birth": "1996-04-10", "first_language_test": "2024-04-20", "canadian_work_start": "2025-04-15"}
FIELDS = {"birth": "Your date of birth", "first_language_test": "Date of your first official language test results",
          "canadian_work_start": "Start of your current skilled job in Canada"}


def read_ics(text: str) -> list[dict[str, str]]:
    """A small RFC 5545 reader: checks CRLF and 75-octet lines, unfolds, returns each VEVENT's properties."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw)
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    events: list[dict[str, str]] = []
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            events.append({})
        elif line != "END:VEVENT" and events and "END" not in events[-1]:
            events[-1][name] = value
    return events


def unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def answer_dates(page: Page) -> None:
    page.locator("#q-rules-date summary").click()
    page.get_by_label("Score under the rules in force on").fill(RULES)
    page.locator("#q-dates summary").click()
    for key, label in FIELDS.items():
        page.get_by_label(label, exact=True).fill(DATES[key])


def test_timeline_calendar_and_link(context: BrowserContext, calculator_url: str, tmp_path: Path) -> None:
    answers = profile(canadian_work_years=0)
    result = expected("yes", {**answers, "rules_date": RULES, "dates": DATES})
    timeline: list[dict[str, Any]] = result["timeline"]
    # the three cases of the issue, as the engine lists them
    assert timeline[0]["kind"] == "birthday" and timeline[0]["date"] == "2026-04-10" and timeline[0]["points"] < 0
    assert timeline[1]["kind"] == "canadian_work" and timeline[1]["date"] == "2026-04-15"
    assert timeline[2] == {"date": "2026-04-20", "kind": "language_expires", "which": "first_language",
                           "points": None}
    page = context.new_page()
    open_calculator(page, calculator_url)
    fill(page, "yes", answers)
    answer_dates(page)
    expect_score(page, result)
    items = page.locator("#calc-timeline li")
    expect(items).to_have_count(len(timeline))
    assert [items.nth(i).get_attribute("data-date") for i in range(len(timeline))] == [e["date"] for e in timeline]
    expect(items.first).to_contain_text("10 April 2026")
    expect(items.first).to_contain_text(f"−{-timeline[0]['points']} points")
    expect(items.nth(1)).to_contain_text(f"+{timeline[1]['points']} points")
    assert json.loads(page.locator("#calculator").get_attribute("data-last-profile") or "{}") == \
        page_profile("yes", {**answers, "rules_date": RULES, "dates": DATES})
    assert run_axe(page) == []

    with page.expect_download() as info:
        page.get_by_role("button", name="Add to my calendar").click()
    path = tmp_path / "dates.ics"
    info.value.save_as(path)
    events = read_ics(path.read_bytes().decode("utf-8"))
    assert [e["DTSTART;VALUE=DATE"] for e in events] == [e["date"].replace("-", "") for e in timeline]
    assert len({e["UID"] for e in events}) == len(events)
    assert all(e["DTSTAMP"].endswith("Z") and e["SUMMARY"] for e in events)
    assert unescape(events[0]["SUMMARY"]).startswith("You turn 30: −")
    assert "\\," in events[0]["DESCRIPTION"]  # RFC 5545 escapes commas in text
    assert unescape(events[0]["DESCRIPTION"]) == f"From the CRS calculator: on 15 March 2026, your score was " \
        f"{result['total']}."

    link = page.locator("#calc-share-link").input_value()
    assert "dates.birth=1996-04-10" in link
    other = context.new_page()
    other.goto(link)
    wait_ready(other)
    expect_score(other, result)
    for key, label in FIELDS.items():
        expect(other.get_by_label(label, exact=True)).to_have_value(DATES[key])
    expect(other.locator("#calc-timeline li")).to_have_count(len(timeline))

"""The dates that change the score (calculator/timeline.py): events, points re-scored, expiries, errors, .ics."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import calculator
from calculator import timeline

RULES = "2026-03-15"


def base(**changes: Any) -> dict[str, Any]:
    p: dict[str, Any] = {
        "rules_date": RULES, "marital_status": "single", "spouse": None, "age": 29, "education": "bachelors",
        "canadian_education": "none",
        "first_language": {"test": "ielts", "speaking": 7, "listening": 8, "reading": 7, "writing": 7},
        "second_language": None, "canadian_work_years": 0, "foreign_work_years": 3,
        "certificate_of_qualification": False, "job_offer": "none", "provincial_nomination": False,
        "sibling_in_canada": False,
    }
    p.update(changes)
    return p


def events(p: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in calculator.score(p)["timeline"] if e["kind"] == kind]


def test_age_29_with_a_birthday_next_month_loses_the_points_on_that_day() -> None:
    p = base(dates={"birth": "1996-04-10"})
    first = events(p, "birthday")[0]
    lost = calculator.score(base(age=30))["total"] - calculator.score(base())["total"]
    assert lost < 0
    assert first == {"date": "2026-04-10", "kind": "birthday", "points": lost, "age": 30}


def test_eleven_months_of_canadian_work_gain_the_next_band_a_month_later() -> None:
    p = base(dates={"canadian_work_start": "2025-04-15"})
    first = events(p, "canadian_work")[0]
    gain = calculator.score(base(canadian_work_years=1))["total"] - calculator.score(base())["total"]
    assert gain > 0
    assert first == {"date": "2026-04-15", "kind": "canadian_work", "points": gain, "years": 1}
    # every later band up to five years, each re-scored on the one before; none after that
    bands = events(p, "canadian_work")
    assert [e["years"] for e in bands] == [1, 2, 3, 4, 5]
    assert sum(e["points"] for e in bands) == (calculator.score(base(canadian_work_years=5))["total"]
                                              - calculator.score(base())["total"])


def test_a_test_taken_23_months_ago_expires_next_month() -> None:
    p = base(second_language={"test": "tcf", "speaking": 12, "listening": 510, "reading": 505, "writing": 12},
             dates={"first_language_test": "2024-04-20", "second_language_test": "2024-04-02"})
    found = events(p, "language_expires")
    assert found[0] == {"date": "2026-04-02", "kind": "language_expires", "which": "second_language",
                        "points": calculator.score({**p, "second_language": None, "dates": None})["total"]
                        - calculator.score(p)["total"]}
    assert found[0]["points"] < 0
    # the first language cannot simply stop counting: no points, the page says the profile needs new results
    assert found[1] == {"date": "2026-04-20", "kind": "language_expires", "which": "first_language", "points": None}


def test_expired_documents_are_warnings_not_dates() -> None:
    r = calculator.score(base(dates={"eca": "2021-03-15", "first_language_test": "2024-01-10",
                                     "profile_submitted": "2025-03-01", "invitation": "2026-01-01"}))
    assert r["timeline"] == []
    assert r["timeline_warnings"] == [
        {"code": "language_expired", "date": "2026-01-10", "which": "first_language"},
        {"code": "eca_expired", "date": "2026-03-15"},
        {"code": "profile_expired", "date": "2026-03-01"},
        {"code": "invitation_deadline_passed", "date": "2026-03-02"},
    ]


def test_eca_profile_and_invitation_dates() -> None:
    r = calculator.score(base(dates={"eca": "2022-06-30", "profile_submitted": "2025-05-01",
                                     "invitation": "2026-03-01"}))
    assert r["timeline"] == [
        {"date": "2026-04-30", "kind": "application_deadline", "points": None},
        {"date": "2026-05-01", "kind": "profile_expires", "points": None},
        {"date": "2027-06-30", "kind": "eca_expires", "points": None},
    ]


def test_a_29_february_birthday_is_1_march_in_common_years() -> None:
    p = base(age=29, rules_date="2025-06-01", dates={"birth": "1996-02-29"})
    assert events(p, "birthday")[0]["date"] == "2026-03-01"
    assert timeline.add_years("1996-02-29", 32) == "2028-02-29"
    # on 28 February of a common year the birthday has not come yet
    assert calculator.validate(base(age=29, rules_date="2026-02-28", dates={"birth": "1996-02-29"})) == []
    assert calculator.validate(base(age=30, rules_date="2026-03-01", dates={"birth": "1996-02-29"})) == []


def test_no_dates_no_timeline() -> None:
    r = calculator.score(base())
    assert r["timeline"] == [] and r["timeline_warnings"] == []


def fields(p: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["message"] for e in calculator.validate(p)}


def test_consistency_errors_name_the_field() -> None:
    errors = fields(base(dates={"birth": "1990-04-10"}))
    assert "35" in errors["dates.birth"] and "29" in errors["dates.birth"] and "age" in errors["dates.birth"]
    errors = fields(base(dates={"eca": "2026-03-16", "second_language_test": "2025-01-01", "when": "x",
                                "canadian_work_start": "2023-01-01", "invitation": "2026-02-30"}))
    assert set(errors) == {"dates.eca", "dates.second_language_test", "dates.when", "dates.canadian_work_start",
                           "dates.invitation"}
    assert "after" in errors["dates.eca"]
    assert "3 years" in errors["dates.canadian_work_start"] and "0 years" in errors["dates.canadian_work_start"]
    assert fields(base(dates={"profile_submitted": "2026-01-01", "invitation": "2025-12-01"})).keys() == {
        "dates.invitation"}
    assert fields(base(dates="2020-01-01")).keys() == {"dates"}
    assert fields(base(dates={"birth": "1996-04-10", "eca": "1990-01-01"})).keys() == {"dates.eca"}
    # "45 or more" and "17 or less" accept any older or younger birth date
    assert fields(base(age=45, dates={"birth": "1970-01-01"})) == {}
    # a score never breaks on bad dates: score_json answers with the errors
    assert '"dates.birth"' in calculator.score_json(
        __import__("json").dumps(base(dates={"birth": "nope"})))


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)), st.integers(0, 100), st.integers(-400, 400))
@settings(max_examples=300, deadline=None)
def test_date_arithmetic_matches_datetime(day: dt.date, years: int, days: int) -> None:
    text = day.isoformat()
    assert timeline.day_number(text) == (day - dt.date(1970, 1, 1)).days
    assert timeline.add_days(text, days) == (day + dt.timedelta(days=days)).isoformat()
    try:
        expected = day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        expected = dt.date(day.year + years, 3, 1)
    assert timeline.add_years(text, years) == expected.isoformat()
    assert timeline.full_years(text, expected.isoformat()) == years
    assert timeline.full_years(text, (expected - dt.timedelta(days=1)).isoformat()) == years - 1


@given(st.integers(18, 44), st.dates(dt.date(2016, 1, 1), dt.date(2026, 12, 31)), st.integers(0, 4),
       st.integers(0, 400))
@settings(max_examples=100, deadline=None)
def test_timeline_points_add_up_to_the_rescored_profile(age: int, rules: dt.date, work: int, born: int) -> None:
    """Every event re-scores the profile as it stands after the ones before: their sum is the last score."""
    rules_date = rules.isoformat()
    birth = timeline.add_days(timeline.add_years(rules_date, -age), -born % 365)
    if timeline.full_years(birth, rules_date) != age:
        birth = timeline.add_years(rules_date, -age)
    start = timeline.add_days(rules_date, -(work * 365 + 100))
    if timeline.full_years(start, rules_date) > work:
        start = timeline.add_years(rules_date, -work)
    p = base(rules_date=rules_date, age=age, canadian_work_years=work,
             dates={"birth": birth, "canadian_work_start": start})
    r = calculator.score(p)
    items = r["timeline"]
    assert [e["date"] for e in items] == sorted(e["date"] for e in items)
    assert all(e["date"] > rules_date for e in items)
    assert all(e["points"] != 0 for e in items)
    final = copy.deepcopy(p)
    final.update(age=45, canadian_work_years=5, dates=None)
    assert r["total"] + sum(e["points"] for e in items) == calculator.score(final)["total"]

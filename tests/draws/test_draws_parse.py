"""The parser over IRCC's real feed and over every spelling the feed uses."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sitegen.draws import parse_date, parse_datetime, parse_rounds
from sitegen.errors import display_path

from .helpers import FEED, feed, make_round


def test_every_round_is_parsed(rounds, feed_text):
    raw = json.loads(feed_text)["rounds"]
    assert len(rounds) == len(raw) == 435
    assert {r.number for r in rounds} == {x["drawNumber"] for x in raw}
    assert all(r.draw_time is not None for r in rounds)
    # Newest first, like the feed.
    assert [r.number for r in rounds] == [x["drawNumber"] for x in raw]
    assert rounds.source == display_path(FEED, Path.cwd())  # relative when run from the project


def test_latest_round(rounds):
    latest = rounds.latest
    assert (latest.number, latest.date, latest.invitations, latest.cutoff) == ("434", date(2026, 8, 7), 300, 470)
    assert latest.name_raw == "Transport Occupations, 2026-Version 2"
    assert (latest.category, latest.category_label) == ("transport", "Transport occupations")
    assert latest.draw_time == datetime(2026, 8, 7, 10, 8, 20, tzinfo=UTC)
    assert latest.tie_break == datetime(2025, 10, 11, 14, 55, 49, tzinfo=UTC)
    assert latest.programs.startswith("Federal Skilled Worker Program")


def test_split_round_91(rounds):
    a, b = rounds.get("91a"), rounds.get("91b")
    assert a.date == b.date == date(2018, 5, 30)
    assert (a.category, b.category) == ("fst", "pnp")
    assert rounds.get("92").sort_key > b.sort_key > a.sort_key > rounds.get("90").sort_key
    numbers = [r.number for r in rounds]
    assert numbers.index("91b") + 1 == numbers.index("91a")


def test_low_cutoffs_are_not_clamped(rounds):
    assert rounds.get("176").cutoff == 75
    assert rounds.get("176").invitations == 27332
    assert rounds.get("397").cutoff == 169
    assert rounds.get("421").cutoff == 223
    assert min(r.cutoff for r in rounds) == 75


def test_tie_break_missing_year_takes_it_from_the_round(rounds):
    assert rounds.get("208").date == date(2021, 10, 27)
    assert rounds.get("208").tie_break == datetime(2021, 10, 7, 16, 38, 21, tzinfo=UTC)


def test_ordinal_day(rounds):
    assert rounds.get("432").tie_break == datetime(2026, 7, 3, 21, 35, 13, tzinfo=UTC)


def test_tie_breaks_are_empty_exactly_in_rounds_1_to_76(rounds):
    empty = {r.number for r in rounds if r.tie_break is None}
    assert empty == {str(n) for n in range(1, 77)}
    assert rounds.get("77").tie_break == datetime(2017, 10, 23, 15, 58, 27, tzinfo=UTC)


def test_draw_times_match_the_round_date(rounds):
    # Early rounds often fall on the next UTC day; #357's day is a typo in IRCC's data (July 12 for July 22).
    off = {r.number for r in rounds if abs((r.draw_time.date() - r.date).days) > 1}
    assert off == {"357"}
    assert all(r.tie_break <= r.draw_time for r in rounds if r.tie_break)


def test_distributions(rounds):
    with_distribution = {r.number for r in rounds if r.distribution}
    assert min(int(n) for n in with_distribution) == 214
    assert {str(n) for n in range(214, 435)} - with_distribution == {"223", "224", "226", "227"}
    bad = {r.number: r.distribution.inconsistencies() for r in rounds if r.distribution}
    bad = {n: p for n, p in bad.items() if p}
    # dd3 = dd4+…+dd8, dd9 = dd10+…+dd14, dd18 = dd1+dd2+dd3+dd9+dd15+dd16+dd17 everywhere but IRCC's #247 typo.
    assert bad == {"247": ["dd3 is 55,867 but dd4+dd5+dd6+dd7+dd8 = 55,687"]}


def test_latest_distribution(rounds):
    d = rounds.latest_distribution
    assert d is rounds.latest.distribution
    assert d.as_of == date(2026, 8, 3)
    assert d.total == 229100
    assert [(b.min, b.max, b.count) for b in d.finest] == [
        (601, 1200, 500), (501, 600, 19705), (491, 500, 12939), (481, 490, 12890), (471, 480, 16368),
        (461, 470, 16057), (451, 460, 14845), (441, 450, 13595), (431, 440, 13267), (421, 430, 11942),
        (411, 420, 11326), (401, 410, 10775), (351, 400, 50107), (301, 350, 17101), (0, 300, 7683),
    ]
    assert sum(b.count for b in d.finest) == d.total
    subtotals = {(b.min, b.max): b.count for b in d.bands if b.subtotal}
    assert subtotals == {(451, 500): 73099, (401, 450): 60905}


def test_latest_by_category(rounds):
    latest = {r.category: r.number for r in rounds.latest_by_category()}
    assert latest["cec"] == "432"
    assert latest["pnp"] == "431"
    assert latest["french"] == "433"
    assert latest["transport"] == "434"
    assert latest["general"] == "294"
    assert latest["fst"] == "159"
    assert list(latest)[:5] == ["general", "cec", "pnp", "fsw", "fst"]
    recent = {r.category for r in rounds.latest_by_category(within_days=365)}
    assert "fst" not in recent and "general" not in recent and "cec" in recent


DATETIMES = [
    ("August 7, 2026 at 10:08:20 UTC", datetime(2026, 8, 7, 10, 8, 20)),
    ("August 06, 2026 at 11:29:10 UTC", datetime(2026, 8, 6, 11, 29, 10)),
    ("October 15, 2025 15:55:18 UTC", datetime(2025, 10, 15, 15, 55, 18)),
    ("March 01, 2023, at 17:24:39 UTC", datetime(2023, 3, 1, 17, 24, 39)),
    ("November 1, 2017, at 12:55:44 UTC", datetime(2017, 11, 1, 12, 55, 44)),
    ("January 23, 2025 at 2025-01-23 15:30:04 UTC", datetime(2025, 1, 23, 15, 30, 4)),
    ("April 26,2023 18:10:04 UTC", datetime(2023, 4, 26, 18, 10, 4)),
    ("May 31, 2024 at12:48:30 UTC", datetime(2024, 5, 31, 12, 48, 30)),
    ("October 25, 2023 at 15:48:39 AM UTC", datetime(2023, 10, 25, 15, 48, 39)),  # 24-hour with stray AM
    ("June 22, 2021 at 20:19:59 PM UTC", datetime(2021, 6, 22, 20, 19, 59)),  # 24-hour with stray PM
    ("September 30, 2023 at 04:22:17 AM UTC", datetime(2023, 9, 30, 4, 22, 17)),
    ("September 30, 2023 at 04:22:17 PM UTC", datetime(2023, 9, 30, 16, 22, 17)),
    ("September 30, 2023 at 12:22:17 AM UTC", datetime(2023, 9, 30, 0, 22, 17)),
    ("September 30, 2023 at 12:22:17 PM UTC", datetime(2023, 9, 30, 12, 22, 17)),
    ("February 02 2022 at 14:16:27 UTC", datetime(2022, 2, 2, 14, 16, 27)),
    (" July 13, 2016 at 13:56:45 UTC", datetime(2016, 7, 13, 13, 56, 45)),
    ("March 27, 2015 at 23:59:47", datetime(2015, 3, 27, 23, 59, 47)),  # no zone: UTC like the rest
    ("March 02. 2024 at 01:58:34 UTC", datetime(2024, 3, 2, 1, 58, 34)),
    ("July 3rd 2026 at 21:35:13 UTC", datetime(2026, 7, 3, 21, 35, 13)),
    ("May 21, 2026 at  12:14:09 UTC", datetime(2026, 5, 21, 12, 14, 9)),
    ("April 13, 2026  at 23:10:05 UTC", datetime(2026, 4, 13, 23, 10, 5)),
    ("October 18, 2025 at  7:18:52 UTC", datetime(2025, 10, 18, 7, 18, 52)),
    ("July 04, 2023 at 19:36:18 UTC ", datetime(2023, 7, 4, 19, 36, 18)),
    ("September 05, 2025 at 0:59:13 UTC", datetime(2025, 9, 5, 0, 59, 13)),
    ("January 9, 2019 at 7:35:09 UTC", datetime(2019, 1, 9, 7, 35, 9)),
    ("Sept. 1st, 2026 at 9:05 UTC", datetime(2026, 9, 1, 9, 5, 0)),
    ("august 7, 2026 AT 10:08:20 utc", datetime(2026, 8, 7, 10, 8, 20)),
]


@pytest.mark.parametrize(("text", "expected"), DATETIMES)
def test_datetime_spellings(text, expected):
    assert parse_datetime(text, expected.date()) == expected.replace(tzinfo=UTC)


def test_every_spelling_in_the_feed_is_covered(feed_text):
    """Every distinct shape of drawDateTime/drawCutOff in the real file is one of the cases above."""

    def shape(s: str) -> str:
        return re.sub(r"[A-Za-z]+", lambda m: m[0] if m[0] in ("at", "UTC", "AM", "PM", "rd") else "M",
                      re.sub(r"\d", "9", s))

    tested = {shape(t) for t, _ in DATETIMES} | {shape("October 7 at 16:38:21 UTC")}
    seen = {shape(x[k]) for x in json.loads(feed_text)["rounds"] for k in ("drawDateTime", "drawCutOff") if x[k]}
    assert seen <= tested


def test_missing_year():
    # Tie-breaks never follow their round: the last such date on or before it, even across a new year.
    assert parse_datetime("October 7 at 16:38:21 UTC", date(2021, 10, 27), "before").year == 2021
    assert parse_datetime("December 30 at 10:00:00 UTC", date(2022, 1, 5), "before").year == 2021
    assert parse_datetime("October 11 at 14:55:49 UTC", date(2026, 8, 7), "before").year == 2025
    # A draw time is near its round date, possibly the next UTC day across a new year.
    assert parse_datetime("January 1 at 02:00:00 UTC", date(2019, 12, 31)).year == 2020
    assert parse_datetime("August 7 at 10:08:20 UTC", date(2026, 8, 7)).year == 2026


@pytest.mark.parametrize("text", [
    "", "soon", "August 7, 2026", "Augustus 7, 2026 at 10:08:20 UTC", "February 30, 2026 at 10:00:00 UTC",
    "August 7, 2026 at 25:08:20 UTC", "August 7, 2026 at 10:61:20 UTC", "7 August 2026 at 10:08:20 UTC",
    "January 23, 2025 at 2025-13-23 15:30:04 UTC",
])
def test_bad_datetimes(text):
    with pytest.raises(ValueError):
        parse_datetime(text, date(2026, 8, 7))


def test_parse_date():
    assert parse_date("August 3, 2026") == date(2026, 8, 3)
    assert parse_date("July 19, 2026") == date(2026, 7, 19)
    with pytest.raises(ValueError):
        parse_date("August 3")


def test_small_feed_and_number_values():
    text = feed(
        make_round("2", "2026-08-07", drawSize="4", drawCRS="1200"),
        make_round("1", "2026-08-01", drawCutOff=""),
    ).replace('"drawSize": "4"', '"drawSize": 4')  # a JSON number is accepted too
    rs = parse_rounds(text, "feed.json")
    assert [r.number for r in rs] == ["2", "1"]
    assert rs.latest.invitations == 4 and rs.latest.cutoff == 1200
    assert rs.get("1").tie_break is None
    assert rs.latest_distribution is None


def test_feed_out_of_order_is_sorted():
    rs = parse_rounds(feed(make_round("9", "2026-01-01"), make_round("10", "2026-02-01")), "f.json")
    assert rs.latest.number == "10"


def test_byte_order_mark_is_accepted(tmp_path):
    from sitegen.draws import load_rounds

    path = tmp_path / "feed.json"
    path.write_bytes(b"\xef\xbb\xbf" + feed(make_round("1", "2026-08-07")).encode())
    assert load_rounds(path).latest.number == "1"

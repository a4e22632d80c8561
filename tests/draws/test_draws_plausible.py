"""Values no real round can have are refused by the build's parser, which update-draws shares: far-future or
pre-Express Entry dates, negative or absurd counts, digits other than 0-9, oversized files; and a feed with
very many rounds is checked in one linear pass."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from sitegen.draws import MAX_FEED_BYTES, Rounds, load_rounds, parse_rounds
from sitegen.errors import BuildFailed
from sitegen.update_draws import Refused, _changes

from .helpers import feed, make_round

PATH = "content/data/ee_rounds_123_en.json"
TODAY = date(2026, 12, 3)


def errors(text: str, today: date = TODAY) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        parse_rounds(text, PATH, today=today)
    return [str(e) for e in caught.value.errors]


def one_round(**fields: str) -> tuple[str, int]:
    """A feed of round #435 with ``fields`` changed, and the line of the (single) changed field."""
    text = feed(make_round("435", "2026-08-21", **fields))
    [key] = fields
    return text, text[: text.index(f'"{key}"')].count("\n") + 1


@pytest.mark.parametrize(("key", "value", "message"), [
    # the date that was accepted once, after which every build failed
    ("drawDate", "9999-12-31", '"9999-12-31" is in the future (after 2026-12-04)'),
    ("drawDate", "2026-12-05", '"2026-12-05" is in the future (after 2026-12-04)'),
    ("drawDate", "2014-12-31", '"2014-12-31" is before Express Entry began (2015-01-01)'),
    ("drawDate", "20260821", '"20260821" is not a date like "2026-08-07"'),  # fromisoformat alone takes these
    ("drawDate", "2026-W34-5", '"2026-W34-5" is not a date like "2026-08-07"'),
    ("drawDate", "٢٠٢٦-٠٨-٢١", '"٢٠٢٦-٠٨-٢١" is not a date like "2026-08-07"'),
    ("drawDateTime", "August 21, 9999 at 14:00:00 UTC",
     '"August 21, 9999 at 14:00:00 UTC" is in the future (after 2026-12-04)'),
    ("drawDateTime", "August ٢١, 2026 at 14:00:00 UTC",
     '"August ٢١, 2026 at 14:00:00 UTC" is not a date and time like "August 7, 2026 at 10:08:20 UTC"'),
    ("drawCutOff", "July 1, 2014 at 12:00:00 UTC",
     '"July 1, 2014 at 12:00:00 UTC" is before Express Entry began (2015-01-01)'),
    ("drawSize", "-3,000", '"-3,000" is negative: a number of invitations cannot be'),
    ("drawSize", "0", '"0" must be at least 1'),
    ("drawSize", "100,001", '"100,001" is more than 100,000 invitations, which is not plausible'),
    ("drawSize", "٣٠٠٠", '"٣٠٠٠" has digits other than 0-9'),
    ("drawSize", "３,０００", '"３,０００" has digits other than 0-9'),
    ("drawSize", "9" * 5000, '"' + "9" * 56 + "…" + ' is not a number of invitations like "5,000"'),
    ("drawCRS", "٥٢٠", '"٥٢٠" is not a CRS score from 0 to 1,200'),
    ("drawNumber", "٤٣٥", '"٤٣٥" is not a round number like "434" or "91a"'),
    ("drawNumber", "0435", '"0435" is not a round number like "434" or "91a"'),
    ("drawNumber", "100000", '"100000" is not a round number like "434" or "91a"'),
    ("dd18", "-1", '"-1" is negative: a number of candidates cannot be'),
    ("dd18", "10,000,001", '"10,000,001" is more than 10,000,000 candidates, which is not plausible'),
])
def test_implausible_value_is_refused_naming_round_and_field(key, value, message):
    text, line = one_round(**{key: value})
    label = "round #435" if key != "drawNumber" else f"round #{value}"
    assert errors(text) == [f"{PATH}:{line}: {label}: {key}: {message}"]


def test_the_limits_themselves_are_accepted():
    rounds = parse_rounds(feed(
        make_round("3", "2026-12-04", drawSize="100,000", drawDateTime="December 4, 2026 at 01:00:00 UTC"),
        make_round("2", "2015-01-01", drawSize="1", drawDateTime="January 1, 2015 at 12:00:00 UTC",
                   drawCutOff="January 1, 2015 at 00:00:00 UTC"),
        make_round("1", "2020-01-01", dd18="10,000,000", dd17="10,000,000", drawDistributionAsOn="January 1, 2020",
                   drawDateTime="January 1, 2020 at 12:00:00 UTC"),
    ), PATH, today=TODAY)
    assert [(r.number, r.invitations) for r in rounds] == [("3", 100_000), ("2", 1), ("1", 3000)]
    assert rounds.get("1").distribution.total == 10_000_000


def test_the_future_is_measured_from_today_by_default():
    # No "today" given: the real date in UTC, plus one day for time zones.
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    [message] = errors(feed(make_round("435", "9999-12-31")), today=None)
    assert message.endswith(f'round #435: drawDate: "9999-12-31" is in the future (after {tomorrow.isoformat()})')
    assert parse_rounds(feed(make_round("435", tomorrow.isoformat())), PATH).latest.date == tomorrow


def test_a_distribution_date_in_the_future_is_refused():
    text = feed(make_round("435", "2026-08-21", dd18="5", dd17="5", drawDistributionAsOn="August 3, 9999"))
    line = text[: text.index('"drawDistributionAsOn"')].count("\n") + 1
    assert errors(text) == [
        f'{PATH}:{line}: round #435: drawDistributionAsOn: "August 3, 9999" is in the future (after 2026-12-04)'
    ]


def test_a_huge_json_number_is_refused_by_name_not_a_crash():
    # Python refuses to convert more than 4,300 digits; the parser keeps such a number as text and refuses it.
    text = feed(make_round("435", "2026-08-21")).replace('"drawSize": "3,000"', '"drawSize": ' + "7" * 5000)
    [message] = errors(text)
    assert ': round #435: drawSize: "777' in message and "is not a number of invitations" in message


def test_json_numbers_are_still_accepted():
    text = feed(make_round("435", "2026-08-21")).replace('"drawSize": "3,000"', '"drawSize": 3000')
    assert parse_rounds(text, PATH, today=TODAY).latest.invitations == 3000


def test_deeply_nested_json_is_refused_not_a_crash():
    assert errors("[" * 100_000 + "]" * 100_000) == [f"{PATH}: is nested too deeply to be the rounds feed"]


def test_an_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "ee_rounds_123_en.json"
    with path.open("wb") as f:  # sparse: no 50 MB written, but that is its size
        f.truncate(MAX_FEED_BYTES + 1)
    with pytest.raises(BuildFailed) as caught:
        load_rounds(path, shown=PATH)
    assert str(caught.value) == (f"{PATH}: is {MAX_FEED_BYTES + 1:,} bytes, more than the {MAX_FEED_BYTES:,} a "
                                 "rounds feed can be (the real one is under 1 MB)")


# --- very many rounds: one pass with a dict, never a comparison of every pair ------------------------------

ROUND_COUNT = 130_000


def many_rounds_lines() -> tuple[list[str], list[str]]:
    """130,000 valid rounds as JSON lines, with their numbers, newest first: #65000b … #1a (suffixes keep the
    numbers plausible)."""
    numbers = [f"{65_000 - i // 2}{'ba'[i % 2]}" for i in range(ROUND_COUNT)]
    template = json.dumps(make_round("NUMBER", "2020-01-01"))
    lines = [template.replace('"NUMBER"', f'"{n}"', 1) for n in numbers]
    return lines, numbers


def test_duplicates_among_130000_rounds_are_all_found_with_their_lines():
    lines, numbers = many_rounds_lines()
    # Three duplicates, far apart: round i of the list is on line i + 2.
    for copy_to, copy_from in ((7, 5), (100_000, 3), (ROUND_COUNT - 1, 0)):
        lines[copy_to] = lines[copy_from]
    text = '{"rounds": [\n' + ",\n".join(lines) + "\n]}\n"
    found = errors(text)
    assert found == [
        f"{PATH}:{7 + 2}: round #{numbers[5]}: drawNumber: appears twice (first on line {5 + 2})",
        f"{PATH}:{100_000 + 2}: round #{numbers[3]}: drawNumber: appears twice (first on line {3 + 2})",
        f"{PATH}:{ROUND_COUNT - 1 + 2}: round #{numbers[0]}: drawNumber: appears twice (first on line 2)",
    ]


def test_comparing_two_feeds_of_130000_rounds_finishes():
    # update-draws looks up every round of one feed in the other: that must be a dict lookup each time.
    base = parse_rounds(feed(make_round("1", "2020-01-01")), PATH, today=TODAY).latest
    old = Rounds(tuple(replace(base, number=f"{n}a") for n in range(ROUND_COUNT // 2, 0, -1))
                 + tuple(replace(base, number=f"{n}b") for n in range(ROUND_COUNT // 2, 0, -1)))
    new = Rounds((replace(base, number="65001a"), *old.rounds))
    lines = _changes(old, new, PATH)
    assert lines[:2] == ["1 new round(s):", "  #65001a on 1 January 2020: Canadian Experience Class, 3,000 "
                         "invitations, cut-off 520"]
    assert len(lines) == 2
    lost = Rounds(new.rounds[:-1])
    with pytest.raises(Refused, match=r"lost 1 round\(s\) that .*: #1b$"):
        _changes(old, lost, PATH)

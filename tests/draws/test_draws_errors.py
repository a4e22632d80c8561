"""Malformed feeds: every problem is reported as ``path:line: message``, all of them at once."""

from __future__ import annotations

import pytest

from sitegen.draws import parse_rounds
from sitegen.errors import BuildFailed

from .helpers import feed, make_round

PATH = "content/data/ee_rounds_123_en.json"


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def errors(text: str) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        parse_rounds(text, PATH)
    return [str(e) for e in caught.value.errors]


def replace_in_round(feed_text: str, number: str, key: str, new_value: str) -> tuple[str, int]:
    """Replace one field of one round of the real feed; returns the new text and that field's line."""
    start = feed_text.index(f'"drawNumber": "{number}"')
    pos = feed_text.index(f'"{key}": ', start)
    end = feed_text.index("\n", pos)
    trailing = "," if feed_text[end - 1] == "," else ""
    text = feed_text[:pos] + f'"{key}": {new_value}{trailing}' + feed_text[end:]
    return text, feed_text[:pos].count("\n") + 1


@pytest.mark.parametrize(("key", "value", "message"), [
    ("drawCRS", '"47O"', 'round #434: drawCRS: "47O" is not a CRS score from 0 to 1,200'),
    ("drawCRS", '"1,250"', 'round #434: drawCRS: "1,250" is not a CRS score from 0 to 1,200'),
    ("drawCRS", '"-5"', 'round #434: drawCRS: "-5" is not a CRS score from 0 to 1,200'),
    ("drawSize", '""', 'round #434: drawSize: "" is not a number of invitations like "5,000"'),
    ("drawSize", '"3.000"', 'round #434: drawSize: "3.000" is not a number of invitations like "5,000"'),
    ("drawSize", '"0"', 'round #434: drawSize: "0" must be at least 1'),
    ("drawDate", '"2026-13-07"', 'round #434: drawDate: "2026-13-07" is not a date like "2026-08-07"'),
    ("drawDate", '"August 7, 2026"', 'round #434: drawDate: "August 7, 2026" is not a date like "2026-08-07"'),
    ("drawNumber", '"434!"', 'round #434!: drawNumber: "434!" is not a round number like "434" or "91a"'),
    ("drawName", '"  "', "round #434: drawName: is empty"),
    ("drawDateTime", '"sometime in August"',
     'round #434: drawDateTime: "sometime in August" is not a date and time like "August 7, 2026 at 10:08:20 UTC"'),
    ("drawCutOff", '"February 30, 2026 at 10:00:00 UTC"',
     'round #434: drawCutOff: "February 30, 2026 at 10:00:00 UTC" is not a valid date'),
    ("drawCutOff", '"Octobre 11, 2025 at 14:55:49 UTC"',
     'round #434: drawCutOff: "Octobre 11, 2025 at 14:55:49 UTC" has an unknown month "Octobre"'),
    ("dd5", '"lots"', 'round #434: dd5: "lots" is not a number of candidates like "19,705"'),
    ("drawDistributionAsOn", '"last week"',
     'round #434: drawDistributionAsOn: "last week" is not a date like "August 3, 2026"'),
    ("drawCRS", "null", "round #434: drawCRS: must be a string, not null"),
    ("drawCRS", "[470]", "round #434: drawCRS: must be a string, not [470]"),
])
def test_bad_value_reports_its_line(feed_text, key, value, message):
    text, line = replace_in_round(feed_text, "434", key, value)
    assert errors(text) == [f"{PATH}:{line}: {message}"]


def test_bad_value_deep_in_the_file(feed_text):
    text, line = replace_in_round(feed_text, "91a", "drawCRS", '"two hundred"')
    assert line > 10000
    assert errors(text) == [f'{PATH}:{line}: round #91a: drawCRS: "two hundred" is not a CRS score from 0 to 1,200']


def test_all_problems_are_collected(feed_text):
    text, line1 = replace_in_round(feed_text, "434", "drawCRS", '"x"')
    text, line2 = replace_in_round(text, "12", "drawDateTime", '"?"')
    text, line3 = replace_in_round(text, "12", "drawSize", '"-"')
    found = errors(text)
    assert len(found) == 3
    assert found[0].startswith(f"{PATH}:{line1}: round #434: drawCRS: ")
    assert {f.split(": round #")[0] for f in found[1:]} == {f"{PATH}:{line2}", f"{PATH}:{line3}"}


def test_zero_cutoff_is_accepted_not_clamped(feed_text):
    text, _ = replace_in_round(feed_text, "176", "drawCRS", '"0"')
    assert parse_rounds(text, PATH).get("176").cutoff == 0


def test_invalid_json_gives_its_line(feed_text):
    pos = feed_text.index('"drawCRS": "470"')
    text = feed_text[:pos] + '"drawCRS": "470" "oops",' + feed_text[pos + len('"drawCRS": "470"') + 1:]
    line = feed_text[:pos].count("\n") + 1
    [message] = errors(text)
    assert message.startswith(f"{PATH}:{line}: not valid JSON: ")


def test_truncated_file(feed_text):
    [message] = errors(feed_text[:5000])
    assert ": not valid JSON: " in message


def test_missing_key_points_at_the_round(feed_text):
    start = feed_text.index('"drawNumber": "433"')
    pos = feed_text.index('      "drawCRS": "391",\n', start)
    text = feed_text[:pos] + feed_text[pos + len('      "drawCRS": "391",\n'):]
    round_line = feed_text[:feed_text.rindex("{", 0, start)].count("\n") + 1
    assert errors(text) == [f"{PATH}:{round_line}: round #433: missing drawCRS"]


def test_duplicate_round():
    text = feed(make_round("2", "2026-08-07"), make_round("2", "2026-08-01"))
    first, second = [n for n, line in enumerate(text.splitlines(), 1) if line == "    {"]
    number_line = next(n for n, line in enumerate(text.splitlines(), 1) if n > second and '"drawNumber"' in line)
    assert errors(text) == [f"{PATH}:{number_line}: round #2: drawNumber: appears twice (first on line {first})"]


def test_duplicate_key():
    text = feed(make_round("2", "2026-08-07"))
    text = text.replace('"drawCRS": "520",', '"drawCRS": "520",\n      "drawCRS": "521",')
    assert errors(text) == [f'{PATH}:{line_of(text, "521")}: round #2: drawCRS: appears twice in this round']


@pytest.mark.parametrize(("text", "message"), [
    ("[]", f'{PATH}:1: expected an object with a "rounds" list'),
    ('{"rounds": {}}', f'{PATH}:1: expected an object with a "rounds" list'),
    ('{"classes": "wb-tables"}', f'{PATH}:1: expected an object with a "rounds" list'),
    ('{"classes": "wb-tables",\n "rounds": []}', f"{PATH}:2: the rounds list is empty"),
    ('{"rounds": [\n"434"]}', f"{PATH}:2: each round must be an object"),
])
def test_wrong_shape(text, message):
    assert errors(text) == [message]


def test_error_messages_read_as_the_editor_sees_them(feed_text):
    text, line = replace_in_round(feed_text, "434", "drawCRS", '"47O"')
    with pytest.raises(BuildFailed) as caught:
        parse_rounds(text, PATH)
    assert str(caught.value) == f'{PATH}:{line}: round #434: drawCRS: "47O" is not a CRS score from 0 to 1,200'


def test_load_rounds_names_the_file_as_the_editor_knows_it(tmp_path, feed_text):
    from sitegen.draws import load_rounds

    path = tmp_path / "ee_rounds_123_en.json"
    path.write_text(feed_text.replace('"drawCRS": "470"', '"drawCRS": "x"'), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        load_rounds(path, shown="content/data/ee_rounds_123_en.json")
    assert str(caught.value).startswith("content/data/ee_rounds_123_en.json:")
    with pytest.raises(BuildFailed) as caught:
        load_rounds(tmp_path / "missing.json", shown="content/data/missing.json")
    assert str(caught.value).startswith("content/data/missing.json: cannot read the rounds feed: ")

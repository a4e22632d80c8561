"""Hostile input: any JSON value, anywhere in a profile, gives field errors (CLI exit 2) or a score, never a
traceback. Hypothesis feeds arbitrary JSON to score_json and to the command line's code path (main() in this
process, standard input replaced), both as a whole profile and in place of one value inside a valid full one."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import calculator
from calculator.__main__ import main

from .test_swap import couple

# Every optional part filled in (spouse, second language, eligibility, occupation, partner, dates, documents),
# so that replacing any one value reaches every validator.
FULL: dict[str, Any] = {
    **couple(),  # test_swap's couple, with every other optional part added
    "second_language": {"test": "nclc", "speaking": 5, "listening": 5, "reading": 5, "writing": 5},
    "canadian_work_years": 1,
    "eligibility": {"family_size": 2, "settlement_funds": 30000, "spouse_studied_in_canada_2_years": True,
                    "continuous_work_years": 1, "canadian_work_years_last_3": 1},
    "occupation": {"noc": "21231", "months_last_3_years": 24, "canadian_months_last_3_years": 12,
                   "continuous_months": 12},
    "dates": {"birth": "1991-03-02", "first_language_test": "2026-01-10", "eca": "2025-05-01",
              "profile_submitted": "2026-02-01"},
    "documents": {"countries_lived": ["IN", "FR"], "spouse_countries_lived": ["IN"], "foreign_credential": True},
}

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12) | st.sampled_from(["clb", "ielts", "nclc", "2026-06-01", "married", "none", "21231"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path inside a JSON value (dict keys and list indexes)."""
    out = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        out.append(prefix + (key,))
        out.extend(paths(child, prefix + (key,)))
    return out


FULL_PATHS = paths(FULL)


def cli(text: str) -> tuple[int, Any]:
    """`python -m calculator score -` with `text` on standard input, run in this process (quick)."""
    out = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        with contextlib.redirect_stdout(out):
            code = main(["score", "-"])
    finally:
        sys.stdin = old_stdin
    return code, json.loads(out.getvalue())


def check(text: str) -> None:
    code, got = cli(text)
    assert code in (0, 2)
    if code == 2:
        assert got["errors"] and all(set(e) == {"field", "code", "params", "message"} for e in got["errors"])
        assert not any("internal error" in e["message"] for e in got["errors"]), got
    else:
        assert "total" in got
    browser = json.loads(calculator.score_json(text))
    assert ("errors" in browser) == (code == 2)
    if code == 2:
        assert not any("internal error" in e["message"] for e in browser["errors"]), browser


def test_the_full_profile_is_valid() -> None:
    # the base of the replacements below must score, or every replacement would only test an invalid profile
    assert calculator.validate(FULL) == []
    assert cli(json.dumps(FULL))[0] == 0


@settings(max_examples=80, deadline=None)
@given(JSON)
def test_any_json_value_as_the_profile(value: Any) -> None:
    check(json.dumps(value))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FULL_PATHS), JSON)
def test_any_json_value_at_any_key_of_a_full_profile(path: tuple, value: Any) -> None:
    p = copy.deepcopy(FULL)
    target = p
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    check(json.dumps(p))


def test_languages_given_as_list_or_object_are_field_errors() -> None:
    for bad in (["clb"], {"x": 1}):
        for where in (("first_language",), ("second_language",), ("spouse", "language"),
                      ("partner", "second_language")):
            p = copy.deepcopy(FULL)
            target = p
            for key in where:
                target = target[key]
            target["test"] = bad
            code, got = cli(json.dumps(p))
            assert code == 2, got
            assert ".".join(where) + ".test" in {e["field"] for e in got["errors"]}, got


def test_deeply_nested_json_is_a_clear_error(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    for text in (deep, '{"age": ' + deep + "}"):
        code, got = cli(text)
        assert code == 2
        assert got["errors"][0]["field"] == "profile" and "nested" in got["errors"][0]["message"]
        assert got["errors"][0]["code"] == "json_too_deep"
        browser = json.loads(calculator.score_json(text))
        assert browser["errors"][0]["field"] == "profile" and "nested" in browser["errors"][0]["message"]
        assert browser["errors"][0]["code"] == "json_too_deep"
    summary = tmp_path / "rounds.json"
    summary.write_text(deep)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["score", str(tmp_path / "none.json"), "--rounds", str(summary)]) == 2
    assert json.loads(out.getvalue())["errors"][0]["field"] == "rounds"
    # just under what json.loads can parse: the value then reaches validation, whose message quotes it
    for depth in range(sys.getrecursionlimit() - 60, sys.getrecursionlimit() + 10, 10):
        text = '{"age": ' + "[" * depth + "]" * depth + "}"
        check(text)

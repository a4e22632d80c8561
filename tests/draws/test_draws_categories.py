"""Round names drift; categories come from keywords, and an unknown name is kept as it is."""

from __future__ import annotations

import json

import pytest

from sitegen.draws import calculator_summary, categorize, parse_rounds

from .helpers import feed, make_round

# Every distinct drawName in the real feed, with its category.
NAMES = {
    "No Program Specified": "general",
    "General": "general",
    "Canadian Experience Class": "cec",
    "Provincial Nominee Program": "pnp",
    "Federal Skilled Worker": "fsw",
    "Federal Skilled Trades": "fst",
    "French language proficiency (Version 1)": "french",
    "French-Language proficiency 2026-Version 2": "french",
    "Healthcare occupations (Version 1)": "healthcare",
    "Healthcare and social services occupations (Version 2)": "healthcare",
    "Healthcare and Social Services Occupations, 2026-Version 3": "healthcare",
    "STEM occupations (Version 1)": "stem",
    "Trade occupations (Version 1)": "trades",
    "Trade occupations (Version 2)": "trades",
    "Trades Occupations, 2026-Version 3": "trades",
    "Transport occupations (Version 1)": "transport",
    "Transport Occupations, 2026-Version 2": "transport",
    "Agriculture and agri-food occupations (Version 1)": "agriculture",
    "Education occupations (Version 1)": "education",
    "Physicians with Canadian Work Experience, 2026-Version 1": "physicians",
    "Senior managers with Canadian Work Experience, 2026-Version 1": "senior_managers",
    "Skilled Military Recruits, 2026-Version 1": "military",
}


def test_every_name_in_the_feed_is_listed(feed_text):
    assert {x["drawName"] for x in json.loads(feed_text)["rounds"]} == set(NAMES)


@pytest.mark.parametrize(("name", "key"), NAMES.items())
def test_category(name, key):
    assert categorize(name).key == key


def test_rounds_keep_their_raw_name(rounds):
    for r in rounds:
        assert r.category == NAMES[r.name_raw]
        assert r.category_label == categorize(r.name_raw).label
    assert {r.name_raw for r in rounds if r.category == "healthcare"} == {
        n for n, k in NAMES.items() if k == "healthcare"
    }


@pytest.mark.parametrize(("name", "key"), [
    ("Researchers with Canadian Work Experience, 2027-Version 1", "researchers"),
    ("Francophone candidates 2027", "french"),
    ("Health care occupations", "healthcare"),
    ("Canadian Experience Class, 2027-Version 2", "cec"),
    ("Provincial Nominee Program (Version 3)", "pnp"),
    ("Federal Skilled Trades Program", "fst"),
    ("General, 2027", "general"),
])
def test_future_spellings(name, key):
    assert categorize(name).key == key


def test_keyword_boundaries():
    assert categorize("Operating systems occupations").key == "other"  # "systems" is not STEM
    assert categorize("STEM occupations").key == "stem"


def test_unknown_name_is_shown_not_dropped():
    name = "Entrepreneurs  in Canada, 2027-Version 1"
    c = categorize(name)
    assert (c.key, c.label, c.requires) == ("other", "Entrepreneurs in Canada, 2027-Version 1", "occupation")
    rs = parse_rounds(feed(make_round("3", "2026-08-09", name), make_round("2", "2026-08-08")), "f.json")
    assert rs.latest.category == "other"
    assert rs.latest.name_raw == name
    assert rs.latest.category_label == "Entrepreneurs in Canada, 2027-Version 1"
    groups = [(c.key, c.label, [r.number for r in rounds]) for c, rounds in rs.by_category()]
    assert groups == [("cec", "Canadian Experience Class", ["2"]),
                      ("other", "Entrepreneurs in Canada, 2027-Version 1", ["3"])]
    summary = calculator_summary(rs)
    assert [t["key"] for t in summary["round_types"]] == ["cec", "other"]
    assert summary["round_types"][1]["label"] == "Entrepreneurs in Canada, 2027-Version 1"


def test_two_unknown_types_stay_apart():
    rs = parse_rounds(feed(make_round("3", "2026-08-09", "Zeta draw"), make_round("2", "2026-08-08", "Alpha draw")),
                      "f.json")
    assert [c.label for c, _ in rs.by_category()] == ["Alpha draw", "Zeta draw"]

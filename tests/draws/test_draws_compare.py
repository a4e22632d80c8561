"""calculator_summary, compare and pool_position: the semantics the in-browser JavaScript mirrors."""

from __future__ import annotations

import json

import pytest

from sitegen.draws import calculator_summary, compare, eligibility, parse_rounds, pool_position

from .helpers import feed, make_round


@pytest.fixture(scope="module")
def summary(rounds):
    return calculator_summary(rounds)


def test_summary_shape(summary):
    assert json.loads(json.dumps(summary)) == summary
    assert summary["as_of"] == {"number": "434", "date": "2026-08-07"}
    types = {t["key"]: t for t in summary["round_types"]}
    assert types["cec"] == {
        "key": "cec", "label": "Canadian Experience Class", "requires": "cec", "recent": True,
        "latest": {"number": "432", "date": "2026-08-05", "cutoff": 516, "invitations": 3000,
                   "name": "Canadian Experience Class", "tie_break": "2026-07-03T21:35:13Z"},
    }
    assert types["general"]["requires"] == "any" and types["general"]["recent"] is False
    assert types["french"]["requires"] == "french"
    assert {t["requires"] for t in summary["round_types"]} <= {"any", "cec", "fsw", "fst", "pnp", "french",
                                                                "occupation"}
    assert types["physicians"]["latest"]["cutoff"] == 223
    assert types["transport"]["latest"] == {
        "number": "434", "date": "2026-08-07", "cutoff": 470, "invitations": 300,
        "name": "Transport Occupations, 2026-Version 2", "tie_break": "2025-10-11T14:55:49Z",
    }


def test_summary_distribution_has_only_the_finest_bands(summary):
    d = summary["distribution"]
    assert d["as_of"] == "2026-08-03" and d["total"] == 229100
    assert d["bands"][0] == {"min": 601, "max": 1200, "count": 500}
    assert d["bands"][-1] == {"min": 0, "max": 300, "count": 7683}
    assert len(d["bands"]) == 15
    # Non-overlapping, contiguous, highest first, and covering 0–1200.
    for upper, lower in zip(d["bands"], d["bands"][1:], strict=False):
        assert lower["max"] + 1 == upper["min"]
    assert sum(b["count"] for b in d["bands"]) == d["total"]


def test_summary_without_distribution():
    s = calculator_summary(parse_rounds(feed(make_round("1", "2026-08-07")), "f.json"))
    assert s["distribution"] is None
    assert pool_position(500, s) is None


def rt(key: str, requires: str) -> dict:
    return {"key": key, "requires": requires}


@pytest.mark.parametrize(("round_type", "eligible", "expected"), [
    (rt("general", "any"), {}, None),
    (rt("general", "any"), {"fsw": True}, True),
    (rt("general", "any"), {"fsw": False, "cec": False, "fst": False, "pnp": False}, False),
    (rt("general", "any"), {"fsw": False, "cec": False, "fst": False}, None),
    (rt("general", "any"), {"fsw": False, "cec": False, "fst": False, "pnp": True}, True),
    (rt("cec", "cec"), {"cec": True, "fsw": False}, True),
    (rt("cec", "cec"), {"cec": False, "fsw": True}, False),
    (rt("cec", "cec"), {"fsw": True}, None),
    (rt("pnp", "pnp"), {"pnp": None, "cec": True}, None),
    (rt("french", "french"), {"french": True, "cec": True}, True),
    (rt("french", "french"), {"french": True}, None),
    (rt("french", "french"), {"french": False, "cec": True}, False),
    (rt("french", "french"), {"french": True, "fsw": False, "cec": False, "fst": False, "pnp": True}, False),
    (rt("healthcare", "occupation"), {"cec": True}, None),
    (rt("healthcare", "occupation"), {"cec": True, "healthcare": True}, True),
    (rt("healthcare", "occupation"), {"cec": True, "healthcare": False}, False),
    (rt("healthcare", "occupation"), {"fsw": False, "cec": False, "fst": False, "healthcare": True}, False),
    (rt("other", "occupation"), {"fsw": True}, None),
])
def test_eligibility(round_type, eligible, expected):
    assert eligibility(round_type, eligible) is expected


def test_compare_lists_the_round_types_the_profile_could_be_invited_in(summary):
    eligible = {"cec": True, "fsw": False, "fst": False, "pnp": False, "french": False, "healthcare": True}
    rows = compare(516, eligible, summary)
    by_key = {r["key"]: r for r in rows}
    assert "fsw" not in by_key and "fst" not in by_key and "pnp" not in by_key and "french" not in by_key
    assert by_key["cec"] == {
        "key": "cec", "label": "Canadian Experience Class", "recent": True, "number": "432", "date": "2026-08-05",
        "cutoff": 516, "invitations": 3000, "tie_break": "2026-07-03T21:35:13Z", "eligible": True, "margin": 0,
        "status": "at",
    }
    assert by_key["healthcare"]["eligible"] is True and by_key["healthcare"]["status"] == "above"
    assert by_key["stem"]["eligible"] is None  # unknown: "if you qualify"
    assert by_key["general"]["status"] == "below" and by_key["general"]["margin"] == 516 - 529
    # Same order as the summary.
    order = [t["key"] for t in summary["round_types"]]
    assert [r["key"] for r in rows] == [k for k in order if k in by_key]


def test_compare_status(summary):
    cec = lambda score: next(r for r in compare(score, {"cec": True}, summary) if r["key"] == "cec")  # noqa: E731
    assert cec(517)["status"] == "above" and cec(517)["margin"] == 1
    assert cec(516)["status"] == "at"
    assert cec(515)["status"] == "below" and cec(515)["margin"] == -1


def test_compare_with_nothing_known_lists_every_type(summary):
    rows = compare(450, {}, summary)
    assert len(rows) == len(summary["round_types"])
    assert all(r["eligible"] is None for r in rows)


def test_pool_position_at_a_band_edge_is_exact(summary):
    p = pool_position(471, summary)
    # 601+: 500, 501–600: 19,705, 491–500: 12,939, 481–490: 12,890, 471–480: 16,368
    assert p["at_or_above_min"] == p["at_or_above_max"] == p["estimate"] == 500 + 19705 + 12939 + 12890 + 16368
    assert p["exact"] is True
    assert p["band"] == {"min": 471, "max": 480, "count": 16368}
    assert (p["as_of"], p["total"], p["score"]) == ("2026-08-03", 229100, 471)


def test_pool_position_inside_a_band_gives_a_range_and_an_estimate(summary):
    p = pool_position(470, summary)
    above = 500 + 19705 + 12939 + 12890 + 16368
    assert (p["at_or_above_min"], p["at_or_above_max"]) == (above, above + 16057)
    assert p["exact"] is False
    # 470 is the top score of 461–470: 1 of its 10 scores, so a tenth of 16,057, rounded half up.
    assert p["estimate"] == above + 1606
    assert p["band"] == {"min": 461, "max": 470, "count": 16057}
    p = pool_position(465, summary)
    assert p["estimate"] == above + (16057 * 6 + 5) // 10  # 6 of 10 scores: 9,634.2 → 9,634


@pytest.mark.parametrize(("score", "expected"), [
    (1200, (0, 500, False)),
    (601, (500, 500, True)),
    (600, (500, 20205, False)),
    (301, (229100 - 7683, 229100 - 7683, True)),
    (0, (229100, 229100, True)),
    (300, (229100 - 7683, 229100, False)),
])
def test_pool_position_edges(summary, score, expected):
    p = pool_position(score, summary)
    assert (p["at_or_above_min"], p["at_or_above_max"], p["exact"]) == expected
    assert p["at_or_above_min"] <= p["estimate"] <= p["at_or_above_max"]


def test_pool_position_is_monotonic(summary):
    estimates = [pool_position(s, summary)["estimate"] for s in range(0, 1201)]
    assert estimates == sorted(estimates, reverse=True)


@pytest.mark.parametrize("score", [-1, 1201])
def test_pool_position_rejects_impossible_scores(summary, score):
    with pytest.raises(ValueError):
        pool_position(score, summary)

"""The rounds summary (sitegen) and the engine's comparison with it (calculator.rounds)."""

from __future__ import annotations

import json

import pytest

import calculator
import calculator.rounds
from calculator.rounds import pool_position
from sitegen.draws import calculator_summary, parse_rounds

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


CANADIAN_NURSE = {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 0,
                  "continuous_months": 14}
FSW_OK = {"language_results_under_2_years": True, "continuous_work_years": 3, "skilled_work_years_last_10": 3,
          "settlement_funds": 50000, "family_size": 1, "trade_work_years_last_5": 0}  # FSW yes, FST no


def person(**fields) -> dict:
    p = {"rules_date": "2026-09-01", "marital_status": "single", "age": 30, "education": "bachelors",
         "canadian_education": "none",
         "first_language": {"test": "clb", "speaking": 9, "listening": 9, "reading": 9, "writing": 9},
         "canadian_work_years": 0, "foreign_work_years": 3, "certificate_of_qualification": False,
         "job_offer": "none", "provincial_nomination": False, "sibling_in_canada": False}
    p.update(fields)
    return p


def rounds_for(summary: dict, **fields) -> dict:
    return calculator.score(person(**fields), rounds_summary=summary)["rounds"]


def keys(rows: list[dict]) -> list[str]:
    return [r["key"] for r in rows]


def test_a_nurse_eligible_for_fsw_is_listed_for_healthcare_and_not_trades(summary):
    r = rounds_for(summary, eligibility=FSW_OK, occupation=CANADIAN_NURSE)
    assert "healthcare" in keys(r["rounds"]) and "fsw" in keys(r["rounds"]) and "general" in keys(r["rounds"])
    out = {x["key"]: x["reasons"] for x in r["not_eligible"]}
    assert out["trades"] == [{"code": "occupation_not_listed", "noc": "31301"}]
    assert out["cec"] == [{"code": "program_not_eligible", "program": "cec"}]
    assert out["pnp"] == [{"code": "no_nomination"}]
    assert out["french"] == [{"code": "no_french_results"}]
    assert out["physicians"][0]["code"] == "occupation_not_listed"
    assert r["unknown"] == []
    # Every round type of the summary is in exactly one list, in the summary's order within each.
    order = keys(summary["round_types"])
    assert sorted(keys(r["rounds"]) + keys(r["not_eligible"])) == sorted(order)
    assert keys(r["rounds"]) == [k for k in order if k in keys(r["rounds"])]


def test_a_row_has_the_cutoff_the_gap_and_the_date(summary):
    r = rounds_for(summary, eligibility=FSW_OK, occupation=CANADIAN_NURSE)
    result = calculator.score(person(eligibility=FSW_OK, occupation=CANADIAN_NURSE))
    health = next(x for x in r["rounds"] if x["key"] == "healthcare")
    latest = next(t["latest"] for t in summary["round_types"] if t["key"] == "healthcare")
    assert (health["cutoff"], health["date"], health["number"]) == (latest["cutoff"], latest["date"], latest["number"])
    assert health["margin"] == result["total"] - latest["cutoff"]
    assert health["status"] == ("above" if health["margin"] > 0 else "at" if health["margin"] == 0 else "below")


def test_unknown_rounds_say_what_would_decide_them(summary):
    r = rounds_for(summary)  # no eligibility answers, no occupation
    unknown = {x["key"]: x["needs"] for x in r["unknown"]}
    assert unknown["healthcare"] == ["occupation.noc", "programs"]
    assert unknown["fsw"] == ["fsw"] and unknown["general"] == ["fsw", "fst"]  # no Canadian work: not CEC
    assert r["rounds"] == []


def test_status_follows_the_margin(summary):
    cec = next(t for t in summary["round_types"] if t["key"] == "cec")
    rows = calculator.rounds.compare  # the function the engine uses
    base = {"eligibility": {k: {"status": "not_eligible"} for k in ("fsw", "fst")} | {"cec": {"status": "eligible"}},
            "categories": {}, "category_rules": {"encoded": True}}
    only = {"as_of": summary["as_of"], "round_types": [cec], "distribution": None}
    for score, status in ((cec["latest"]["cutoff"] + 1, "above"), (cec["latest"]["cutoff"], "at"),
                          (cec["latest"]["cutoff"] - 1, "below")):
        row = rows({**base, "total": score}, False, only)["rounds"][0]
        assert row["status"] == status and row["margin"] == score - cec["latest"]["cutoff"]


def test_rounds_of_a_category_not_in_force_and_of_unknown_names(summary):
    other = {"key": "other", "label": "Some new round", "requires": "occupation", "recent": True,
             "latest": {"number": "999", "date": "2026-08-01", "cutoff": 400, "invitations": 10,
                        "name": "Some new round", "tie_break": None}}
    agri = {**other, "key": "agriculture", "label": "Agriculture and agri-food occupations"}
    mine = {**summary, "round_types": [other, agri]}
    r = rounds_for(mine, eligibility=FSW_OK, occupation=CANADIAN_NURSE)
    assert r["unknown"][0]["reasons"] == [{"code": "unknown_round_type"}]
    assert r["not_eligible"][0]["reasons"] == [{"code": "category_not_in_force"}]
    old = rounds_for(mine, rules_date="2024-06-01", eligibility=FSW_OK, occupation=CANADIAN_NURSE)
    assert [x["reasons"] for x in old["unknown"]] == [[{"code": "unknown_round_type"}],
                                                      [{"code": "category_rules_not_encoded"}]]


def test_score_json_compares_with_the_summary_it_was_given(summary):
    profile = json.dumps(person(eligibility=FSW_OK, occupation=CANADIAN_NURSE))
    assert "rounds" not in json.loads(calculator.score_json(profile))
    calculator.use_rounds(json.dumps(summary))
    try:
        result = json.loads(calculator.score_json(profile))
    finally:
        calculator.use_rounds(None)
    assert result["rounds"] == rounds_for(summary, eligibility=FSW_OK, occupation=CANADIAN_NURSE)
    assert result["rounds"]["pool"] == pool_position(result["total"], summary)


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

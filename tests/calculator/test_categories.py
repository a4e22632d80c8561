"""Category-based selection decided by the engine: occupations, months, French, dated lists, validation."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculator
from calculator.occupations import fst_trade, teer, units

from .conftest import lang, profile
from .test_properties import profiles

Y2026, Y2025, Y2024 = "2026-06-01", "2025-06-01", "2024-06-01"
# Meets FSW (CLB 9, a degree, 3 continuous years, funds) on every date: categories then depend on their own test.
FSW_OK = {"language_results_under_2_years": True, "continuous_work_years": 3, "skilled_work_years_last_10": 4,
          "settlement_funds": 50000, "family_size": 1}


def categories(date: str = Y2026, occupation: dict | None = None, eligibility: dict | None = FSW_OK,
               **fields) -> dict:
    p = profile(rules_date=date, foreign_work_years=3, **fields)
    if eligibility is not None:
        p["eligibility"] = eligibility
    if occupation is not None:
        p["occupation"] = occupation
    return calculator.score(p)["categories"]


def occ(noc: str, months: int | None = None, canadian: int | None = None, continuous: int | None = None) -> dict:
    out = {"noc": noc}
    for key, value in (("months_last_3_years", months), ("canadian_months_last_3_years", canadian),
                       ("continuous_months", continuous)):
        if value is not None:
            out[key] = value
    return out


def test_the_profile_meets_fsw() -> None:
    p = profile(rules_date=Y2026, foreign_work_years=3, eligibility=FSW_OK)
    assert calculator.score(p)["eligibility"]["fsw"]["status"] == "eligible"


def test_a_nurse_with_14_months_is_in_healthcare_in_2026_but_not_with_8() -> None:
    assert categories(occupation=occ("31301", 14, 0, 14))["healthcare"]["status"] == "eligible"
    short = categories(occupation=occ("31301", 8, 0, 8))["healthcare"]
    assert short["status"] == "not_eligible"
    assert short["reasons"] == [{"code": "not_enough_months", "field": "occupation.months_last_3_years",
                                 "months": 8, "required": 12}]


def test_the_2025_rule_asked_for_6_continuous_months() -> None:
    assert categories(Y2025, occ("31301", 8, 0, 8))["healthcare"]["status"] == "eligible"
    broken = categories(Y2025, occ("31301", 14, 0, 5))["healthcare"]
    assert broken["status"] == "not_eligible"
    assert broken["reasons"][0]["field"] == "occupation.continuous_months"
    # the 2026 rule does not ask for continuity
    assert categories(Y2026, occ("31301", 14, 0, 5))["healthcare"]["status"] == "eligible"


def test_cooks_were_in_trades_in_2025_and_are_not_in_2026() -> None:
    assert categories(Y2025, occ("63200", 30, 0, 30))["trades"]["status"] == "eligible"
    trades = categories(Y2026, occ("63200", 30, 0, 30))["trades"]
    assert trades["status"] == "not_eligible"
    assert trades["reasons"] == [{"code": "occupation_not_listed", "noc": "63200"}]
    # butchers moved from agriculture (2025) to trades (2026)
    assert categories(Y2025, occ("63201", 30, 0, 30))["agriculture"]["status"] == "eligible"
    assert categories(Y2026, occ("63201", 30, 0, 30))["trades"]["status"] == "eligible"


def test_a_family_physician_with_only_foreign_work_is_in_healthcare_not_physicians() -> None:
    c = categories(occupation=occ("31102", 20, 0, 20))
    assert c["healthcare"]["status"] == "eligible"
    assert c["physicians"]["status"] == "not_eligible"
    assert c["physicians"]["reasons"] == [{"code": "not_enough_months", "months": 0, "required": 12,
                                           "field": "occupation.canadian_months_last_3_years"}]
    assert categories(occupation=occ("31102", 20, 14, 20), canadian_work_years=1)["physicians"]["status"] == "eligible"


def test_french_needs_nclc_7_in_all_four_abilities() -> None:
    almost = categories(second_language=lang("nclc", 7, 7, 7, 6))["french"]
    assert almost["status"] == "not_eligible"
    assert almost["reasons"] == [{"code": "french_below", "required": 7, "lowest": 6}]
    assert categories(second_language=lang("nclc", 7))["french"]["status"] == "eligible"
    none = categories()["french"]
    assert none["status"] == "not_eligible" and none["reasons"] == [{"code": "no_french_results"}]
    # French first, with no occupation at all: the French category does not need one
    assert categories(first_language=lang("nclc", 9), second_language=lang("clb", 5))["french"]["status"] == "eligible"


def test_each_unknown_names_what_is_missing() -> None:
    c = categories()
    assert c["healthcare"] == {"status": "unknown", "reasons": [], "needs": ["occupation.noc"]}
    c = categories(occupation=occ("31301"))
    assert c["healthcare"]["status"] == "unknown" and c["healthcare"]["needs"] == ["occupation.months_last_3_years"]
    c = categories(occupation=occ("31102", 20))
    assert c["physicians"]["needs"] == ["occupation.canadian_months_last_3_years"]
    c = categories(occupation=occ("31301", 14), eligibility=None)  # program eligibility not answered
    assert c["healthcare"]["status"] == "unknown" and c["healthcare"]["needs"] == ["programs"]
    c = categories(occupation=occ("42102", 0))
    assert c["military"]["status"] == "unknown" and c["military"]["needs"] == ["military.armed_forces_offer"]


def test_not_eligible_for_any_program_means_no_category() -> None:
    c = categories(occupation=occ("31301", 14), first_language=lang("clb", 4), education="none",
                   eligibility={**FSW_OK, "trade_work_years_last_5": 0})
    assert c["healthcare"]["status"] == "not_eligible"
    assert {"code": "no_program"} in c["healthcare"]["reasons"]


def test_the_keys_in_force_on_each_date() -> None:
    assert list(categories(Y2026)) == ["french", "healthcare", "stem", "trades", "education", "transport",
                                       "physicians", "senior_managers", "researchers", "military"]
    assert list(categories(Y2025)) == ["french", "healthcare", "stem", "trades", "education", "agriculture"]
    result = calculator.score(profile(rules_date=Y2024))
    assert result["categories"] == {}
    assert result["category_rules"] == {"encoded": False, "effective_from": None, "earliest": "2025-02-27"}


def test_stem_is_marked_disputed_in_2026() -> None:
    rules = calculator.score(profile(rules_date=Y2026))["category_rules"]
    assert rules["categories"]["stem"]["disputed"] is True and rules["categories"]["healthcare"]["disputed"] is False
    assert rules["categories"]["physicians"]["experience"] == "canadian"
    assert rules["effective_from"] == "2026-02-18" and rules["experience"]["months"] == 12
    assert all(s["url"].startswith("https://www.canada.ca/") for s in rules["sources"])


@pytest.mark.parametrize(("occupation", "field", "words"), [
    ({"noc": "99999"}, "occupation.noc", "not a NOC 2021 unit group"),
    ({"noc": "3130"}, "occupation.noc", "5 digits"),
    ({"noc": 31301}, "occupation.noc", "5 digits"),
    ({"noc": "３１３０１"}, "occupation.noc", "5 digits"),
    ({"noc": "31301", "months_last_3_years": 37}, "occupation.months_last_3_years", "out of range"),
    ({"noc": "31301", "months_last_3_years": -1}, "occupation.months_last_3_years", "out of range"),
    ({"noc": "31301", "months_last_3_years": 10, "canadian_months_last_3_years": 12},
     "occupation.canadian_months_last_3_years", "more than the 10 months"),
    ({"noc": "31301", "months_last_3_years": 10, "continuous_months": 11}, "occupation.continuous_months",
     "more than the 10 months"),
    ({"noc": "31301", "title": "nurse"}, "occupation.title", "unknown field"),
    (["31301"], "occupation", "expected an object"),
])
def test_bad_occupations_are_field_errors(occupation, field: str, words: str) -> None:
    errors = calculator.validate(profile(occupation=occupation))
    assert [e["field"] for e in errors] == [field], errors
    assert words in errors[0]["message"]


def test_the_cli_exits_2_for_an_unknown_code(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile(occupation={"noc": "12345"})))
    done = subprocess.run([sys.executable, "-m", "calculator", "score", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["field"] == "occupation.noc"


def test_the_occupation_gives_its_teer_and_trade_status() -> None:
    assert len(units()) == 516 and teer("31301") == 1 and teer("00012") == 0 and teer("73100") == 3
    result = calculator.score(profile(occupation={"noc": "72200"}))
    assert result["occupation"] == {"noc": "72200", "teer": 2, "skilled": True, "fst_trade": "yes"}
    assert fst_trade("72600", Y2026) == "no"          # sub-major group 726 (air pilots) is excluded
    assert fst_trade("63200", Y2026) == "unconfirmed"  # cooks: likely eligible, not confirmed
    assert fst_trade("62200", Y2026) == "unconfirmed"  # chefs
    assert fst_trade("31301", Y2026) == "no"
    assert fst_trade("72200", "2020-01-01") is None     # NOC 2016 trades are not encoded
    assert calculator.score(profile())["occupation"] is None


def test_the_occupation_answers_cec_teer() -> None:
    base = {"language_results_under_2_years": True}
    cec = calculator.score(profile(canadian_work_years=1, first_language=lang("clb", 6), eligibility=base,
                                   occupation=occ("72200", 14, 14, 14)))["eligibility"]["cec"]
    assert cec["status"] == "eligible"  # TEER 2 work needs CLB 5
    cec = calculator.score(profile(canadian_work_years=3, first_language=lang("clb", 6), eligibility=base,
                                   occupation=occ("21300", 14, 14, 14)))["eligibility"]["cec"]
    assert cec["status"] == "unknown"  # TEER 1 work needs CLB 7, but other Canadian work may be TEER 2 or 3
    assert cec["needs"] == ["eligibility.canadian_work_teer"]
    cec = calculator.score(profile(canadian_work_years=1, first_language=lang("clb", 6), eligibility=base,
                                   occupation=occ("21300", 14, 6, 14)))["eligibility"]["cec"]
    assert cec["status"] == "unknown"  # under 12 months in Canada: the occupation says nothing of the CEC work


def test_the_criteria_page_lists_exactly_what_the_engine_accepts() -> None:
    tables = calculator.criteria_tables(Y2026)
    for key in ("healthcare", "trades", "transport"):
        listed = {row[0] for row in tables[f"category-{key}"]["rows"]}
        accepted = {code for code in units() if categories(occupation=occ(code, 12, 12, 12),
                                                          canadian_work_years=1)[key]["status"] == "eligible"}
        assert listed == accepted, key
    assert "category-agriculture" not in tables and "category-agriculture" in calculator.criteria_tables(Y2025)


OCCUPATIONS = st.fixed_dictionaries({
    "noc": st.sampled_from(sorted(units())),
    "months_last_3_years": st.integers(0, 36),
}).flatmap(lambda o: st.fixed_dictionaries({
    **{k: st.just(v) for k, v in o.items()},
    "canadian_months_last_3_years": st.integers(0, o["months_last_3_years"]),
    "continuous_months": st.integers(0, o["months_last_3_years"]),
}))


@settings(max_examples=300, deadline=None)
@given(profiles(), OCCUPATIONS, st.sampled_from([Y2025, Y2026, "2026-11-10"]))
def test_no_category_is_eligible_when_no_program_is(p: dict, occupation: dict, date: str) -> None:
    canadian = min(occupation["canadian_months_last_3_years"], 12 * p["canadian_work_years"] + 11)
    occupation = {**occupation, "canadian_months_last_3_years": canadian}
    p = {**p, "rules_date": date, "occupation": occupation}
    result = calculator.score(p)
    statuses = {e["status"] for e in result["eligibility"].values()}
    if statuses == {"not_eligible"}:
        assert all(c["status"] == "not_eligible" for c in result["categories"].values())
    for c in result["categories"].values():
        assert (c["status"] == "unknown") == bool(c["needs"])
        assert c["status"] != "not_eligible" or c["reasons"]


def test_the_cli_compares_with_a_rounds_summary_file(tmp_path) -> None:
    summary = {"as_of": {"number": "9", "date": "2026-05-01"}, "distribution": None, "round_types": [
        {"key": "healthcare", "label": "Healthcare", "requires": "occupation", "recent": True,
         "latest": {"number": "9", "date": "2026-05-01", "cutoff": 400, "invitations": 100, "name": "Healthcare",
                    "tie_break": None}}]}
    (tmp_path / "s.json").write_text(json.dumps(summary))
    p = profile(rules_date=Y2026, foreign_work_years=3, eligibility=FSW_OK, occupation=occ("31301", 14, 0, 14))
    (tmp_path / "p.json").write_text(json.dumps(p))
    run = [sys.executable, "-m", "calculator", "score", str(tmp_path / "p.json"), "--rounds"]
    done = subprocess.run([*run, str(tmp_path / "s.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    rows = json.loads(done.stdout)["rounds"]["rounds"]
    assert [(r["key"], r["cutoff"]) for r in rows] == [("healthcare", 400)]
    (tmp_path / "bad.json").write_text("[]")
    done = subprocess.run([*run, str(tmp_path / "bad.json")], capture_output=True, text=True)
    assert done.returncode == 2 and json.loads(done.stdout)["errors"][0]["field"] == "rounds"


def test_canadian_months_cannot_exceed_the_canadian_work_years() -> None:
    errors = calculator.validate(profile(canadian_work_years=0, occupation=occ("31301", 14, 12, 14)))
    assert [e["field"] for e in errors] == ["occupation.canadian_months_last_3_years"]
    assert "more than the 0 years of Canadian work" in errors[0]["message"]
    assert calculator.validate(profile(canadian_work_years=1, occupation=occ("31301", 14, 12, 14))) == []
    # TEER 4 and 5 work is not skilled work, which is all the Canadian work question counts
    assert calculator.validate(profile(canadian_work_years=0, occupation=occ("65200", 14, 12, 14))) == []


@pytest.mark.parametrize("occupation", [None, occ("31301", 14, 0, 14), occ("63200", 14, 0, 14)])
def test_a_caller_can_never_change_the_next_result(occupation: dict | None) -> None:
    """Category results are shared between results: read-only (a change raises), and a deep copy is the caller's."""
    import copy
    import pickle

    extra = {"occupation": occupation} if occupation else {}
    first = calculator.score(profile(rules_date=Y2026, **extra))
    healthcare = first["categories"]["healthcare"]
    want = copy.deepcopy(first["categories"])
    for change in (lambda: healthcare.__setitem__("status", "eligible"), lambda: healthcare["needs"].append("x"),
                   lambda: healthcare["reasons"].extend([{}]), lambda: first["categories"].pop("stem"),
                   lambda: healthcare.update(status="x"), lambda: first["categories"].clear()):
        with pytest.raises(TypeError, match="shared between results"):
            change()
    for reason in (r for c in first["categories"].values() for r in c["reasons"]):
        with pytest.raises(TypeError):
            reason["code"] = "changed"
    mine = copy.deepcopy(first)["categories"]
    mine["healthcare"]["needs"].append("changed")
    mine["healthcare"]["status"] = "eligible"
    assert pickle.loads(pickle.dumps(first["categories"])) == want
    second = calculator.score(profile(rules_date=Y2026, **extra))
    assert second["categories"] == want
    assert json.loads(json.dumps(second["categories"])) == want


@pytest.mark.parametrize("occupation", [
    {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 0, "continuous_months": 14},
    {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 15, "continuous_months": 14},
    {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 0, "continuous_months": 15},
    {"noc": "99999", "months_last_3_years": 14, "canadian_months_last_3_years": 0, "continuous_months": 14},
    {"noc": "31301", "months_last_3_years": 37, "canadian_months_last_3_years": 0, "continuous_months": 0},
    {"noc": "31301", "months_last_3_years": 14.0, "canadian_months_last_3_years": 0, "continuous_months": 0},
])
def test_the_fast_and_the_checked_validation_agree(occupation: dict) -> None:
    from calculator.profile import _check_occupation, _Errors

    fast = _Errors()
    answer = _check_occupation(fast, occupation)
    checked = _Errors()  # an unknown key sends the same answers through the checked path
    same = _check_occupation(checked, {**occupation, "title": "x"})
    assert [e for e in checked if e["field"] != "occupation.title"] == list(fast)
    assert same == answer


# Typed from shared/reference/noc/categories-2026.md (compiled 2026-12-03), not read from the data file.
HEALTH = ("31100 31101 31102 31103 31110 31111 31112 31120 31121 31200 31201 31202 31203 31209 31300 31301 31302 "
          "31303 32101 32102 32103 32104 32109 32111 32120 32121 32122 32123 32124 32129 32201 33101 33102 33103 "
          "41300 41301 42201")
TRADES = ("22303 70010 70011 72100 72102 72106 72200 72201 72300 72302 72310 72311 72320 72400 72401 72402 72422 "
          "72501 72999 73100 73110 73112 73113 82021")
LISTS = {
    "2026": {"healthcare": HEALTH, "stem": "20011 21220 21300 21301 21310 21321 21331 22300 22301 22310 63100",
             "trades": TRADES + " 63201", "education": "41220 41221 42202 42203 43100",
             "transport": "22313 72404 72410 72600", "physicians": "31100 31101 31102",
             "senior_managers": "00012 00013 00014 00015", "researchers": "41200 41201",
             "military": "40042 42102 43204"},
    "2025": {"healthcare": HEALTH, "stem": "20011 21220 21300 21301 21310 21321 21331 22300 22301 22310 63100",
             "trades": TRADES + " 63200", "education": "41220 41221 42202 42203 43100", "agriculture": "63201"},
}


@pytest.mark.parametrize("year", sorted(LISTS))
def test_the_lists_are_the_reference_lists(year: str) -> None:
    lists = calculator.category_lists(Y2026 if year == "2026" else Y2025)
    occupations = {k: {o["noc"] for o in c["occupations"]} for k, c in lists["categories"].items() if k != "french"}
    assert occupations == {k: set(v.split()) for k, v in LISTS[year].items()}

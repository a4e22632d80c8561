"""Program eligibility (crs-rules.md E.1-E.5): eligible, not eligible with a reason per unmet requirement,
or unknown naming the missing answer (never a guess)."""

from __future__ import annotations

import pytest

from calculator.codes import english

from .conftest import lang, score

FSW_OK = {"language_results_under_2_years": True, "continuous_work_years": 1, "skilled_work_years_last_10": 3,
          "family_size": 1, "settlement_funds": 20000, "studied_in_canada_2_years": False,
          "relative_in_canada": False}
FST_OK = {"language_results_under_2_years": True, "trade_work_years_last_5": 2, "trade_job_offer": True,
          "family_size": 1, "settlement_funds": 20000}
CEC_OK = {"language_results_under_2_years": True, "canadian_work_years_last_3": 1, "canadian_work_teer": 2}


def elig(program: str, **kw):
    """One program's eligibility, with the English of each reason (its "message") as the command line prints it."""
    return english(score(**kw)["eligibility"][program])


def test_fsw_eligible() -> None:
    e = elig("fsw", age=29, education="bachelors", first_language=lang("clb", 9), foreign_work_years=3,
             eligibility=FSW_OK)
    assert e["status"] == "eligible" and e["reasons"] == []


@pytest.mark.parametrize("change,needle", [
    ({"first_language": lang("clb", 9, 9, 9, 6)}, "Language"),
    ({"eligibility": {**FSW_OK, "continuous_work_years": 0}}, "continuous"),
    ({"education": "none"}, "secondary"),
    ({"eligibility": {**FSW_OK, "settlement_funds": 15262}}, "$15,263"),
    ({"eligibility": {**FSW_OK, "language_results_under_2_years": False}}, "two years"),
    ({"age": 47, "education": "secondary", "foreign_work_years": 1,
      "eligibility": {**FSW_OK, "skilled_work_years_last_10": 1}},
     "pass mark"),
])
def test_fsw_not_eligible(change: dict, needle: str) -> None:
    kw = {"age": 29, "education": "bachelors", "first_language": lang("clb", 9), "foreign_work_years": 3,
          "eligibility": FSW_OK, **change}
    e = elig("fsw", **kw)
    assert e["status"] == "not_eligible"
    assert any(needle in r["message"] for r in e["reasons"])


def test_fsw_unknown_names_each_missing_answer() -> None:
    e = elig("fsw", first_language=lang("clb", 9), foreign_work_years=3)
    assert e["status"] == "unknown"
    assert e["needs"] == ["eligibility.language_results_under_2_years", "eligibility.continuous_work_years",
                          "eligibility.family_size", "eligibility.settlement_funds"]
    assert [r["params"]["field"] for r in e["reasons"]] == e["needs"]


def test_unmet_wins_over_unknown() -> None:
    e = elig("fsw", first_language=lang("clb", 6))
    assert e["status"] == "not_eligible"
    assert "eligibility.continuous_work_years" in e["needs"]


@pytest.mark.parametrize("date,size,amount", [
    ("2026-06-01", 1, 15263), ("2026-06-01", 2, 19001), ("2026-06-01", 3, 23360), ("2026-06-01", 4, 28362),
    ("2026-06-01", 5, 32168), ("2026-06-01", 6, 36280), ("2026-06-01", 7, 40392), ("2026-06-01", 8, 44504),
    ("2026-06-01", 10, 52728), ("2025-07-06", 1, 14690), ("2025-01-01", 2, 18288), ("2024-06-01", 3, 22483),
    ("2025-01-01", 4, 27297), ("2025-01-01", 5, 30690), ("2025-01-01", 6, 34917), ("2025-01-01", 7, 38875),
    ("2025-01-01", 9, 38875 + 2 * 3958), ("2025-07-07", 1, 15263),
])
def test_proof_of_funds_amounts(date: str, size: int, amount: int) -> None:
    base = {"rules_date": date, "first_language": lang("clb", 9), "foreign_work_years": 3}
    if size > 1:
        base["marital_status"] = "married"
        base["spouse"] = {"citizen_or_permanent_resident": True}
    ok = elig("fsw", **base, eligibility={**FSW_OK, "family_size": size, "settlement_funds": amount})
    assert ok["status"] == "eligible"
    short = elig("fsw", **base, eligibility={**FSW_OK, "family_size": size, "settlement_funds": amount - 1})
    assert short["status"] == "not_eligible" and f"${amount:,}" in short["reasons"][0]["message"]


def test_proof_of_funds_before_our_data_is_unknown() -> None:
    e = elig("fsw", rules_date="2024-05-27", first_language=lang("clb", 9), foreign_work_years=3,
             eligibility=FSW_OK)
    assert e["status"] == "unknown" and "not in our data" in e["reasons"][0]["message"]


def test_proof_of_funds_waived_with_work_authorization_and_offer() -> None:
    kw = {"first_language": lang("clb", 9), "foreign_work_years": 3, "job_offer": "teer_0_1_2_3"}
    no_funds = {k: v for k, v in FSW_OK.items() if k not in ("family_size", "settlement_funds")}
    assert elig("fsw", **kw, eligibility={**no_funds, "authorized_to_work": True})["status"] == "eligible"
    e = elig("fsw", **kw, eligibility=no_funds)
    assert e["status"] == "unknown" and "eligibility.authorized_to_work" in e["needs"]
    e = elig("fsw", **kw, eligibility={**no_funds, "authorized_to_work": False, "family_size": 1,
                                       "settlement_funds": 100})
    assert e["status"] == "not_eligible"
    # no job offer: a work authorization alone does not waive funds
    e = elig("fsw", first_language=lang("clb", 9), foreign_work_years=3,
             eligibility={**no_funds, "authorized_to_work": True})
    assert e["status"] == "unknown" and "eligibility.settlement_funds" in e["needs"]


def test_fst_eligible_and_language_minimums() -> None:
    assert elig("fst", first_language=lang("clb", 5, 5, 4, 4), eligibility=FST_OK)["status"] == "eligible"
    for levels in ((4, 5, 4, 4), (5, 4, 4, 4), (5, 5, 3, 4), (5, 5, 4, 3)):
        res = {"test": "clb", **dict(zip(("speaking", "listening", "reading", "writing"), levels, strict=True))}
        e = elig("fst", first_language=res, eligibility=FST_OK)
        assert e["status"] == "not_eligible" and "Language" in e["reasons"][0]["message"]


def test_fst_work_offer_or_certificate() -> None:
    lang5 = lang("clb", 5)
    e = elig("fst", first_language=lang5, eligibility={**FST_OK, "trade_work_years_last_5": 1})
    assert e["status"] == "not_eligible" and "2 years" in e["reasons"][0]["message"]
    e = elig("fst", first_language=lang5, eligibility={**FST_OK, "trade_job_offer": False})
    assert e["status"] == "not_eligible" and "certificate" in e["reasons"][0]["message"]
    e = elig("fst", first_language=lang5, certificate_of_qualification=True,
             eligibility={**FST_OK, "trade_job_offer": False})
    assert e["status"] == "eligible"
    e = elig("fst", first_language=lang5, eligibility={k: v for k, v in FST_OK.items() if k != "trade_job_offer"})
    assert e["status"] == "unknown" and e["needs"] == ["eligibility.trade_job_offer"]
    e = elig("fst", first_language=lang5, eligibility={**FST_OK, "settlement_funds": 0, "authorized_to_work": True})
    assert e["status"] == "eligible"  # trade job offer + authorization waives funds


def test_cec() -> None:
    assert elig("cec", canadian_work_years=1, eligibility=CEC_OK)["status"] == "eligible"
    e = elig("cec", canadian_work_years=0, eligibility={"language_results_under_2_years": True})
    assert e["status"] == "not_eligible" and "Canada" in e["reasons"][0]["message"]
    e = elig("cec", canadian_work_years=3, eligibility={**CEC_OK, "canadian_work_years_last_3": 0})
    assert e["status"] == "not_eligible"
    e = elig("cec", canadian_work_years=3, eligibility={"language_results_under_2_years": True})
    assert e["status"] == "unknown" and e["needs"] == ["eligibility.canadian_work_years_last_3"]


@pytest.mark.parametrize("low,teer,status", [
    (7, None, "eligible"), (9, 0, "eligible"), (6, 2, "eligible"), (5, 3, "eligible"), (6, 1, "not_eligible"),
    (6, 0, "not_eligible"), (4, 3, "not_eligible"), (4, None, "not_eligible"), (6, None, "unknown"),
])
def test_cec_language_by_teer(low: int, teer: int | None, status: str) -> None:
    answers = {**CEC_OK, "canadian_work_teer": teer}
    e = elig("cec", canadian_work_years=1, first_language=lang("clb", low, 10, 10, 10), eligibility=answers)
    assert e["status"] == status
    if status == "unknown":
        assert e["needs"] == ["eligibility.canadian_work_teer"]


def test_cec_needs_no_funds_or_education() -> None:
    e = elig("cec", canadian_work_years=1, education="none", eligibility=CEC_OK)
    assert e["status"] == "eligible"

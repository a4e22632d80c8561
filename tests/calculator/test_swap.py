"""The partner as the principal applicant (result["spouse_as_principal"]): checked against score() of the swapped
profile built by hand, and the field errors of the optional "partner" answers."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculator

from .profiles import ABILITIES, EDUCATION


def couple() -> dict:
    return {
        "rules_date": "2026-06-01", "marital_status": "married",
        "spouse": {"citizen_or_permanent_resident": False, "accompanying": True, "education": "masters",
                   "canadian_work_years": 2,
                   "language": {"test": "ielts", "speaking": 8, "listening": 8.5, "reading": 8, "writing": 7.5}},
        "age": 35, "education": "bachelors", "canadian_education": "none",
        "first_language": {"test": "clb", "speaking": 7, "listening": 7, "reading": 7, "writing": 7},
        "canadian_work_years": 0, "foreign_work_years": 3, "certificate_of_qualification": False,
        "job_offer": "none", "provincial_nomination": False, "sibling_in_canada": True,
        "eligibility": {"family_size": 2, "settlement_funds": 30000, "spouse_studied_in_canada_2_years": True},
        "partner": {"age": 30, "canadian_education": "three_year_or_more", "foreign_work_years": 1,
                    "certificate_of_qualification": False, "job_offer": "none", "provincial_nomination": False,
                    "second_language": {"test": "nclc", "speaking": 7, "listening": 7, "reading": 7, "writing": 7},
                    "eligibility": {"language_results_under_2_years": True, "canadian_work_years_last_3": 2,
                                    "canadian_work_teer": 1}},
    }


def by_hand(p: dict) -> dict:
    """The swapped profile, typed out: the partner as principal applicant, the visitor as accompanying spouse."""
    partner, spouse = p["partner"], p["spouse"]
    elig = {"family_size": p["eligibility"]["family_size"], "settlement_funds": p["eligibility"]["settlement_funds"],
            "studied_in_canada_2_years": p["eligibility"]["spouse_studied_in_canada_2_years"],
            **partner.get("eligibility", {})}
    return {
        "rules_date": p["rules_date"], "marital_status": p["marital_status"],
        "spouse": {"citizen_or_permanent_resident": False, "accompanying": True, "education": p["education"],
                   "canadian_work_years": p["canadian_work_years"], "language": p["first_language"]},
        "age": partner["age"], "education": spouse["education"], "canadian_education": partner["canadian_education"],
        "first_language": spouse["language"], "second_language": partner.get("second_language"),
        "canadian_work_years": spouse["canadian_work_years"], "foreign_work_years": partner["foreign_work_years"],
        "certificate_of_qualification": partner["certificate_of_qualification"], "job_offer": partner["job_offer"],
        "provincial_nomination": partner["provincial_nomination"], "sibling_in_canada": p["sibling_in_canada"],
        "eligibility": elig,
    }


def test_the_swap_scores_what_the_swapped_profile_scores_on_its_own() -> None:
    p = couple()
    result = calculator.score(p)
    swapped = calculator.score(by_hand(p))
    got = result["spouse_as_principal"]
    # by hand from crs-rules.md: core 95 (age 30) + 126 (master's) + 128 (CLB 10 x4) + 12 (NCLC 7 x4) + 46 (2 years)
    # = 407, spouse 8 + 12 + 0 = 20, transferability 50 + 50 = 100, additional 30 + 15 + 50 = 95
    assert got["total"] == swapped["total"] == 622
    assert got["subtotals"] == swapped["subtotals"]
    assert got["difference"] == swapped["total"] - result["total"] > 0
    assert got["higher"] == "partner"
    assert got["eligibility"] == {k: swapped["eligibility"][k]["status"] for k in ("fsw", "cec", "fst")}
    assert got["eligibility"]["cec"] == "eligible"  # the partner's own Canadian work answers were used
    assert got["categories"] == {k: c["status"] for k, c in swapped["categories"].items()}
    # the visitor's own score is unchanged by the partner's answers
    alone = copy.deepcopy(p)
    del alone["partner"]
    assert calculator.score(alone)["total"] == result["total"]
    assert "spouse_as_principal" not in calculator.score(alone)


def test_higher_says_you_or_equal() -> None:
    p = couple()
    p["partner"].update(age=60, canadian_education="none", second_language=None)
    p["spouse"]["education"] = "secondary"
    got = calculator.score(p)["spouse_as_principal"]
    assert got["difference"] < 0 and got["higher"] == "you"
    same = couple()
    # identical people on both sides: the same total either way
    same["spouse"] = {"citizen_or_permanent_resident": False, "accompanying": True, "education": "bachelors",
                      "canadian_work_years": 0, "language": same["first_language"]}
    same["partner"] = {"age": 35, "canadian_education": "none", "foreign_work_years": 3,
                       "certificate_of_qualification": False, "job_offer": "none", "provincial_nomination": False}
    same["eligibility"] = {}
    got = calculator.score(same)["spouse_as_principal"]
    assert got["difference"] == 0 and got["higher"] == "equal"


def test_the_partners_occupation_decides_the_swapped_categories() -> None:
    p = couple()
    p["partner"]["occupation"] = {"noc": "31301", "months_last_3_years": 24, "canadian_months_last_3_years": 24,
                                  "continuous_months": 24}
    got = calculator.score(p)["spouse_as_principal"]
    assert got["categories"]["healthcare"] == "eligible"
    assert got["categories"] == {k: c["status"] for k, c in calculator.score(by_hand(p) | {
        "occupation": p["partner"]["occupation"]})["categories"].items()}
    # the visitor has no occupation: their own healthcare category stays undecided
    assert calculator.score(p)["categories"]["healthcare"]["status"] == "unknown"


def test_score_json_carries_the_swap() -> None:
    out = json.loads(calculator.score_json(json.dumps(couple())))
    assert out["spouse_as_principal"]["total"] == calculator.score(by_hand(couple()))["total"]


def fields(p: dict) -> dict[str, str]:
    return {e["field"]: e["message"] for e in calculator.validate(p)}


@pytest.mark.parametrize("change", ["single", "pr", "stays"])
def test_partner_is_an_error_unless_the_spouse_is_coming_and_not_pr(change: str) -> None:
    p = couple()
    if change == "single":
        p["marital_status"], p["spouse"] = "single", None
    else:
        p["spouse"]["citizen_or_permanent_resident"] = change == "pr"
        p["spouse"]["accompanying"] = change != "stays"
    errors = fields(p)
    assert list(errors) == ["partner"]
    assert "not a Canadian citizen or permanent resident" in errors["partner"]


def test_partner_field_errors_name_the_partner_field() -> None:
    p = couple()
    p["partner"].update(age="x", typo=1, canadian_education="maybe")
    p["partner"]["second_language"] = {"test": "celpip", **{a: 9 for a in ABILITIES}}  # English again
    p["partner"]["eligibility"] = {"family_size": 3, "canadian_work_teer": 7}
    del p["partner"]["job_offer"]
    errors = fields(p)
    assert set(errors) == {"partner.typo", "partner.age", "partner.canadian_education", "partner.job_offer",
                           "partner.second_language.test", "partner.eligibility.family_size",
                           "partner.eligibility.canadian_work_teer"}
    assert errors["partner.job_offer"] == "missing (required)"
    assert "French" in errors["partner.second_language.test"]
    with pytest.raises(calculator.ProfileError):
        calculator.score(p)


def test_the_partners_language_results_are_needed() -> None:
    p = couple()
    p["spouse"]["language"] = None
    assert list(fields(p)) == ["spouse.language"]
    p["partner"] = "yes"
    assert list(fields(p)) == ["partner"] and "expected an object" in fields(p)["partner"]


def test_canadian_education_must_fit_the_partners_education() -> None:
    p = couple()
    p["spouse"]["education"] = "secondary"  # a 3-year Canadian credential needs at least a bachelor's
    assert list(fields(p)) == ["partner.canadian_education"]


# ---- property tests ----

def levels(test: str):
    return st.fixed_dictionaries({"test": st.just(test), **{a: st.integers(0, 12) for a in ABILITIES}})


@st.composite
def canadian(draw, education: str) -> str:
    rank = EDUCATION.index(education)
    return draw(st.sampled_from(["none"] + (["one_or_two_year"] if rank >= 2 else [])
                                + (["three_year_or_more"] if rank >= 4 else [])))


@st.composite
def couples(draw) -> dict:
    you_french, partner_french = draw(st.booleans()), draw(st.booleans())
    education, partner_education = draw(st.sampled_from(EDUCATION)), draw(st.sampled_from(EDUCATION))
    offers = st.sampled_from(["none", "teer_0_major_group_00", "teer_0_1_2_3", "teer_4_5"])
    return {
        "rules_date": draw(st.sampled_from(["2016-12-01", "2018-01-01", "2021-01-01", "2025-04-01", "2026-06-01"])),
        "marital_status": draw(st.sampled_from(["married", "common_law"])),
        "spouse": {"citizen_or_permanent_resident": False, "accompanying": True, "education": partner_education,
                   "canadian_work_years": draw(st.integers(0, 10)),
                   "language": draw(levels("nclc" if partner_french else "clb"))},
        "age": draw(st.integers(17, 50)), "education": education, "canadian_education": draw(canadian(education)),
        "first_language": draw(levels("nclc" if you_french else "clb")),
        "second_language": draw(st.none() | levels("clb" if you_french else "nclc")),
        "canadian_work_years": draw(st.integers(0, 10)), "foreign_work_years": draw(st.integers(0, 10)),
        "certificate_of_qualification": draw(st.booleans()), "job_offer": draw(offers),
        "provincial_nomination": draw(st.booleans()), "sibling_in_canada": draw(st.booleans()),
        "eligibility": {"family_size": 2, "settlement_funds": draw(st.integers(0, 40000)),
                        "spouse_studied_in_canada_2_years": draw(st.booleans())},
        "partner": {"age": draw(st.integers(17, 50)), "canadian_education": draw(canadian(partner_education)),
                    "second_language": draw(st.none() | levels("clb" if partner_french else "nclc")),
                    "foreign_work_years": draw(st.integers(0, 10)),
                    "certificate_of_qualification": draw(st.booleans()), "job_offer": draw(offers),
                    "provincial_nomination": draw(st.booleans())},
    }


@settings(max_examples=200, deadline=None)
@given(couples())
def test_swap_total_is_the_swapped_profiles_own_score(p: dict) -> None:
    got = calculator.score(p)["spouse_as_principal"]
    swapped = calculator.score(by_hand(p))
    assert (got["total"], got["subtotals"]) == (swapped["total"], swapped["subtotals"])
    assert got["eligibility"] == {k: swapped["eligibility"][k]["status"] for k in ("fsw", "cec", "fst")}


@settings(max_examples=200, deadline=None)
@given(couples())
def test_the_swap_of_the_swap_gives_back_the_original_total(p: dict) -> None:
    own = calculator.score(p)
    back = by_hand(p)
    # the swapped profile's "partner" is the visitor: what the swapped form does not hold about them
    back["partner"] = {"age": p["age"], "canadian_education": p["canadian_education"],
                       "second_language": p["second_language"], "foreign_work_years": p["foreign_work_years"],
                       "certificate_of_qualification": p["certificate_of_qualification"],
                       "job_offer": p["job_offer"], "provincial_nomination": p["provincial_nomination"]}
    back["eligibility"] = {"family_size": 2, "settlement_funds": p["eligibility"]["settlement_funds"],
                           "spouse_studied_in_canada_2_years": False}
    twice = calculator.score(back)["spouse_as_principal"]
    assert (twice["total"], twice["subtotals"]) == (own["total"], own["subtotals"])
    assert twice["difference"] == -own["spouse_as_principal"]["difference"]


def test_the_page_has_words_for_every_category_and_asks_the_partners_own_answers() -> None:
    """calculator.mjs words the swapped ordering's categories from the strings file; the partner's program
    questions are the personal ones, each in words about the partner, not the visitor's."""
    from pathlib import Path

    from calculator.rules import load_json
    from calculator.swap import PERSONAL_ELIGIBILITY
    from sitegen.calculator_form import ELIGIBILITY_FROM_FORM, form_context

    form = form_context(Path(__file__).resolve().parents[2])
    names = form["strings"]["swap"]["category_names"]
    for entry in load_json("categories.json")["lists"]["values"]:
        assert set(entry["value"]["categories"]) <= set(names), entry["from"]
    # every category a result can hold, on the latest rules date too
    assert set(calculator.score(couple())["spouse_as_principal"]["categories"]) <= set(names)
    visitor = {e["key"]: e["label"] for e in form["eligibility"]}
    partner = {e["key"]: e["label"] for e in form["partner_eligibility"]}
    assert set(partner) == {k for k in PERSONAL_ELIGIBILITY if k in visitor or k in ELIGIBILITY_FROM_FORM}
    assert all("partner" in label and label != visitor.get(key) for key, label in partner.items())

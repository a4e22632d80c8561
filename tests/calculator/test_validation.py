"""Invalid input: every problem is a field error, nothing raises, no score is given."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculator

from .conftest import SPOUSE, lang, profile


def fields(p: object) -> list[str]:
    return [e["field"] for e in calculator.validate(p)]


@pytest.mark.parametrize("key", ["marital_status", "age", "education", "canadian_education", "first_language",
                                 "canadian_work_years", "foreign_work_years", "certificate_of_qualification",
                                 "job_offer", "provincial_nomination", "sibling_in_canada"])
def test_missing_required_field(key: str) -> None:
    p = profile()
    del p[key]
    assert fields(p) == [key]


@pytest.mark.parametrize("key,bad", [
    ("marital_status", "engaged"), ("marital_status", None), ("age", -1), ("age", 121), ("age", 29.5), ("age", "29"),
    ("age", True), ("education", "phd"), ("education", 3), ("canadian_education", "yes"),
    ("canadian_work_years", -1), ("canadian_work_years", 11), ("canadian_work_years", 1.5),
    ("foreign_work_years", "3"), ("foreign_work_years", None), ("certificate_of_qualification", "no"),
    ("certificate_of_qualification", 0), ("job_offer", "teer_1"), ("job_offer", True),
    ("provincial_nomination", 1), ("sibling_in_canada", "true"), ("first_language", None),
    ("first_language", "ielts"), ("first_language", [7, 7, 7, 7]), ("second_language", "tef"),
    ("second_language", 5), ("rules_date", "yesterday"), ("eligibility", "yes"), ("eligibility", [1]),
])
def test_bad_value(key: str, bad: object) -> None:
    p = profile()
    p[key] = bad
    assert fields(p) == [key]


def test_unknown_fields_are_reported() -> None:
    p = profile(typo_field=1)
    p["first_language"]["speking"] = 7
    p["eligibility"] = {"family_sise": 2}
    assert sorted(fields(p)) == ["eligibility.family_sise", "first_language.speking", "typo_field"]


def test_every_problem_is_listed() -> None:
    p = profile(age="old", education="x", first_language={"test": "ielts", "speaking": 10, "listening": "a",
                                                           "reading": 7.25},
                job_offer=None, eligibility={"family_size": 0, "settlement_funds": -5})
    assert sorted(fields(p)) == sorted([
        "age", "education", "first_language.speaking", "first_language.listening", "first_language.reading",
        "first_language.writing", "job_offer", "eligibility.family_size", "eligibility.settlement_funds"])
    with pytest.raises(calculator.ProfileError) as info:
        calculator.score(p)
    assert len(info.value.errors) == 9


def test_language_test_errors() -> None:
    assert fields(profile(first_language={"test": "toefl", "speaking": 1, "listening": 1, "reading": 1,
                                          "writing": 1})) == ["first_language.test"]
    assert fields(profile(first_language={"speaking": 7})) == [
        "first_language.test", "first_language.listening", "first_language.reading", "first_language.writing"]


@pytest.mark.parametrize("status", ["married", "common_law"])
def test_spouse_required_with_partner(status: str) -> None:
    assert fields(profile(marital_status=status)) == ["spouse"]
    p = profile(marital_status=status)
    p["spouse"] = {}
    assert fields(p) == ["spouse.citizen_or_permanent_resident"]


@pytest.mark.parametrize("status", ["single", "divorced_or_separated", "legally_separated", "widowed",
                                    "annulled_marriage"])
def test_spouse_must_be_null_without_partner(status: str) -> None:
    assert fields({**profile(), "marital_status": status, "spouse": dict(SPOUSE)}) == ["spouse"]
    assert fields({**profile(), "marital_status": status, "spouse": None}) == []


def test_spouse_field_errors() -> None:
    p = profile(with_spouse=True, spouse={"education": "x", "canadian_work_years": -2,
                                          "language": lang("ielts", 10), "accompanying": "yes", "age": 30})
    assert sorted(fields(p)) == sorted(["spouse.accompanying", "spouse.age", "spouse.language.speaking",
                                        "spouse.language.listening", "spouse.language.reading",
                                        "spouse.language.writing", "spouse.education",
                                        "spouse.canadian_work_years"])


def test_scored_spouse_needs_education_and_work() -> None:
    def married(spouse: dict) -> dict:
        return {**profile(), "marital_status": "married", "spouse": spouse}

    p = married({"citizen_or_permanent_resident": False, "accompanying": True})
    assert sorted(fields(p)) == ["spouse.canadian_work_years", "spouse.education"]
    # a citizen/PR spouse or one who stays behind needs neither
    assert fields(married({"citizen_or_permanent_resident": True})) == []
    assert fields(married({"citizen_or_permanent_resident": False, "accompanying": False})) == []
    assert fields(married({"citizen_or_permanent_resident": False})) == ["spouse.accompanying"]


@pytest.mark.parametrize("canadian,education", [("one_or_two_year", "secondary"), ("one_or_two_year", "none"),
                                                ("three_year_or_more", "two_year")])
def test_canadian_credential_above_highest_education(canadian: str, education: str) -> None:
    assert fields(profile(canadian_education=canadian, education=education)) == ["canadian_education"]


@pytest.mark.parametrize("elig,field", [
    ({"language_results_under_2_years": "yes"}, "language_results_under_2_years"),
    ({"continuous_work_years": 11}, "continuous_work_years"),
    ({"skilled_work_years_last_10": -1}, "skilled_work_years_last_10"),
    ({"canadian_work_years_last_3": 4}, "canadian_work_years_last_3"),
    ({"canadian_work_teer": 4}, "canadian_work_teer"),
    ({"trade_work_years_last_5": 6}, "trade_work_years_last_5"),
    ({"trade_job_offer": 1}, "trade_job_offer"),
    ({"settlement_funds": "lots"}, "settlement_funds"),
    ({"settlement_funds": -1}, "settlement_funds"),
    ({"settlement_funds": True}, "settlement_funds"),
    ({"family_size": 0}, "family_size"),
    ({"authorized_to_work": "no"}, "authorized_to_work"),
    ({"studied_in_canada_2_years": 2}, "studied_in_canada_2_years"),
    ({"spouse_studied_in_canada_2_years": "n"}, "spouse_studied_in_canada_2_years"),
    ({"relative_in_canada": []}, "relative_in_canada"),
])
def test_eligibility_field_errors(elig: dict, field: str) -> None:
    assert fields(profile(eligibility=elig)) == ["eligibility." + field]


def test_eligibility_cross_checks() -> None:
    assert fields(profile(canadian_work_years=1, eligibility={"canadian_work_years_last_3": 2})) == [
        "eligibility.canadian_work_years_last_3"]
    assert fields(profile(canadian_work_years=2, foreign_work_years=3,
                          eligibility={"skilled_work_years_last_10": 4})) == ["eligibility.skilled_work_years_last_10"]
    assert fields(profile(eligibility={"skilled_work_years_last_10": 2, "continuous_work_years": 3})) == [
        "eligibility.continuous_work_years"]
    assert fields(profile(with_spouse=True, eligibility={"family_size": 1})) == ["eligibility.family_size"]
    assert fields(profile(eligibility={"family_size": 1, "settlement_funds": 0, "canadian_work_teer": None})) == []


def messages(p: object) -> dict[str, str]:
    return {e["field"]: e["message"] for e in calculator.validate(p)}


def test_messages_use_the_questions_words_and_count_years_properly() -> None:
    """What the page shows next to a field: the question's words, never the field's name; "1 year", not "1 years"."""
    m = messages(profile(canadian_work_years=1, eligibility={"family_size": 0, "canadian_work_years_last_3": 2,
                                                              "settlement_funds": -5}))
    assert m["eligibility.family_size"].startswith("Number of family members: 0 is out of range")
    assert "family_size" not in m["eligibility.family_size"] and "family size" not in m["eligibility.family_size"]
    assert m["eligibility.settlement_funds"].startswith("Settlement funds: enter an amount of 0 or more")
    assert "2 years in Canada" in m["eligibility.canadian_work_years_last_3"]
    assert "the 1 year of skilled work" in m["eligibility.canadian_work_years_last_3"]
    assert "1 years" not in " ".join(m.values())
    wrong = messages(profile(education="secondary", canadian_education="three_year_or_more"))
    assert "three_year" not in wrong["canadian_education"] and "Bachelor" in wrong["canadian_education"]
    months = messages(profile(occupation={"noc": "31301", "months_last_3_years": 1,
                                          "canadian_months_last_3_years": 2}))
    assert months["occupation.canadian_months_last_3_years"].startswith(
        "2 months in Canada is more than the 1 month of work")


def test_score_json_errors_and_results() -> None:
    out = json.loads(calculator.score_json("{not json"))
    assert out["errors"][0]["field"] == "profile"
    out = json.loads(calculator.score_json("[1, 2]"))
    assert out["errors"][0]["field"] == "profile"
    out = json.loads(calculator.score_json(json.dumps(profile(age=200))))
    assert out == {"errors": [{"field": "age", "code": "int_range", "message": out["errors"][0]["message"],
                               "params": {"what": "age", "n": 200, "lo": 0, "hi": 120}}]}
    assert out["errors"][0]["message"] == "Age in years: 200 is out of range. Enter a whole number from 0 to 120."
    assert "total" not in out
    out = json.loads(calculator.score_json(json.dumps(profile())))
    assert out["total"] == calculator.score(profile())["total"]


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(
    max_size=8), lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                    max_leaves=12)
KEYS = ["rules_date", "marital_status", "spouse", "age", "education", "canadian_education", "first_language",
        "second_language", "canadian_work_years", "foreign_work_years", "certificate_of_qualification", "job_offer",
        "provincial_nomination", "sibling_in_canada", "eligibility"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KEYS), JSON)
def test_any_single_field_value_never_raises(key: str, value: object) -> None:
    p = profile(with_spouse=True)
    p[key] = value
    out = json.loads(calculator.score_json(json.dumps(p)))
    assert ("errors" in out) != ("total" in out)
    if "errors" in out:
        assert out["errors"] and all(set(e) == {"field", "code", "params", "message"} for e in out["errors"])
        assert calculator.validate(p) == out["errors"]


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_any_json_never_raises(value: object) -> None:
    out = json.loads(calculator.score_json(json.dumps(value)))
    assert "errors" in out


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["first_language", "second_language"]),
       st.sampled_from(["speaking", "listening", "reading", "writing", "test"]), JSON)
def test_any_language_value_never_raises(where: str, ability: str, value: object) -> None:
    p = profile(first_language=lang("ielts", 7), second_language=lang("tcf", 10, 500, 500, 10))
    p[where][ability] = value
    out = json.loads(calculator.score_json(json.dumps(p)))
    assert ("errors" in out) != ("total" in out)

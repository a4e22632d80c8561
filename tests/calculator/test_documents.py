"""The document list (calculator/documents.py): which documents a profile needs, and why."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import calculator
from calculator.documents import COUNTRIES, KEYS, REASONS

from .conftest import lang, profile

# A CEC-eligible profile: a year of skilled work in Canada in the last 3 years, CLB 9, current results.
CEC = {"canadian_work_years": 1, "eligibility": {"canadian_work_years_last_3": 1,
                                                 "language_results_under_2_years": True}}


def docs(**kw: Any) -> list[dict[str, Any]]:
    return calculator.score(profile(**{"documents": {}, **kw}))["documents"]


def keys(items: list[dict[str, Any]], person: str = "principal") -> list[str]:
    return [d["key"] for d in items if d["person"] == person]


def errors(**kw: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in calculator.validate(profile(**kw))}


def test_a_cec_profile_gets_no_proof_of_funds() -> None:
    result = calculator.score(profile(**CEC, documents={}))
    assert result["eligibility"]["cec"]["status"] == "eligible"
    assert "proof_of_funds" not in keys(result["documents"])
    # The same profile without the year in Canada is not CEC: now it needs proof of funds (FSW).
    assert "proof_of_funds" in keys(docs(eligibility={"language_results_under_2_years": True}))


def test_proof_of_funds_waived_with_a_job_offer_and_authorization_to_work() -> None:
    offer = {"job_offer": "teer_0_1_2_3", "eligibility": {"authorized_to_work": True}}
    assert "proof_of_funds" not in keys(docs(**offer))
    assert "proof_of_funds" in keys(docs(job_offer="teer_0_1_2_3", eligibility={"authorized_to_work": False}))
    assert "job_offer" in keys(docs(**offer))


def test_proof_of_funds_says_when_cec_is_undecided() -> None:
    item = next(d for d in docs(canadian_work_years=1) if d["key"] == "proof_of_funds")
    assert item["reason"] == "unless_cec"  # CEC unknown: needed unless invited under CEC
    item = next(d for d in docs() if d["key"] == "proof_of_funds")
    assert item["reason"] == "fsw_fst"  # no Canadian work: CEC is out


def test_a_foreign_degree_gets_an_eca() -> None:
    eca = [d for d in docs(education="bachelors", canadian_education="none") if d["key"] == "eca"]
    assert eca == [{"id": "eca:principal", "key": "eca", "reason": "foreign_education", "person": "principal",
                    "derived": True}]
    # Below secondary school there is nothing to assess.
    assert "eca" not in keys(docs(education="none", canadian_education="none"))


def test_a_canadian_credential_asks_whether_the_highest_one_is_foreign() -> None:
    canadian = {"education": "masters", "canadian_education": "three_year_or_more"}
    asked = [d for d in docs(**canadian) if d["key"] == "eca"]
    assert asked[0]["reason"] == "credential_unknown"
    assert asked[0]["needs"] == "documents.foreign_credential"
    answered = [d for d in docs(**canadian, documents={"foreign_credential": True}) if d["key"] == "eca"]
    assert answered[0]["reason"] == "foreign_credential_answer" and answered[0]["derived"] is False
    assert "eca" not in keys(docs(**canadian, documents={"foreign_credential": False}))


def test_an_answer_that_contradicts_the_form_is_an_error() -> None:
    found = errors(education="bachelors", canadian_education="none", documents={"foreign_credential": False})
    assert "outside Canada" in found["documents.foreign_credential"]


def test_three_countries_give_three_police_certificates() -> None:
    items = docs(documents={"countries_lived": ["IN", "AE", "GB"]})
    police = [d for d in items if d["key"] == "police_certificate"]
    assert [(d["country"], d["reason"], d["person"]) for d in police] == [
        ("IN", "lived_there", "principal"), ("AE", "lived_there", "principal"), ("GB", "lived_there", "principal")]
    assert len({d["id"] for d in police}) == 3


def test_police_certificates_ask_for_the_countries_until_given() -> None:
    police = [d for d in docs() if d["key"] == "police_certificate"]
    assert police == [{"id": "police_certificate:principal", "key": "police_certificate",
                       "reason": "countries_not_given", "person": "principal", "needs": "documents.countries_lived"}]
    assert "police_certificate" not in keys(docs(documents={"countries_lived": []}))  # only Canada: none


def test_country_codes_are_checked() -> None:
    found = errors(documents={"countries_lived": ["IN", "XX", "in", "IN"], "colour": 1})
    assert "'XX' is not a two-letter country code" in found["documents.countries_lived"]
    assert found["documents.colour"] == "unknown field (check the spelling)"
    assert "no police certificate from Canada" in errors(documents={"countries_lived": ["CA"]})[
        "documents.countries_lived"]
    assert "IN is listed twice" in found["documents.countries_lived"]
    assert "'in' is not" in found["documents.countries_lived"]  # codes are upper case
    assert errors(documents={"countries_lived": "IN"})["documents.countries_lived"].startswith("expected a list")
    assert errors(documents=["IN"])["documents"].startswith("expected an object")
    assert "married or common-law" in errors(documents={"spouse_countries_lived": ["IN"]})[
        "documents.spouse_countries_lived"]


def test_language_results_for_each_test_given_and_the_partners() -> None:
    items = docs(first_language=lang("ielts", 8), second_language=lang("tef", 400), with_spouse=True,
                 spouse={"language": lang("celpip", 7), "canadian_work_years": 2})
    results = [(d["person"], d["reason"], d["test"]) for d in items if d["key"] == "language_results"]
    assert results == [("principal", "first_language", "ielts"), ("principal", "second_language", "tef"),
                       ("partner", "partner_language", "celpip")]
    partner = keys(items, "partner")
    assert partner == ["passport", "birth_certificate", "photos", "police_certificate", "medical_exam",
                       "language_results", "work_experience"]
    assert "marriage_certificate" in keys(items)


def test_a_citizen_partner_is_not_examined() -> None:
    items = docs(marital_status="common_law", spouse={"citizen_or_permanent_resident": True})
    assert keys(items, "partner") == []
    assert "common_law_proof" in keys(items)


def test_work_experience_for_each_kind_of_work_counted() -> None:
    work = [(d["which"], d["years"]) for d in docs(canadian_work_years=2, foreign_work_years=3)
            if d["key"] == "work_experience"]
    assert work == [("canada", 2), ("abroad", 3)]
    assert "work_experience" not in keys(docs())


def test_the_medical_exam_follows_the_rules_date() -> None:
    def medical(date: str) -> str:
        return next(d["reason"] for d in docs(rules_date=date) if d["key"] == "medical_exam")

    assert medical("2022-06-01") == "upfront"
    assert medical("2024-06-01") == "on_request"
    assert medical("2026-06-01") == "upfront"


def test_everyone_needs_identity_documents_and_photos() -> None:
    assert keys(docs())[:3] == ["passport", "birth_certificate", "photos"]


def test_the_list_is_made_only_when_asked() -> None:
    assert "documents" not in calculator.score(profile())  # a profile without the field costs nothing more
    assert "documents" not in calculator.score(profile(documents=None))
    assert calculator.score(profile(documents={}))["documents"]


def test_a_caller_may_change_its_list() -> None:
    first = docs()
    first[0]["reason"] = "changed"
    assert docs()[0]["reason"] == "everyone"


def test_the_json_entry_point_returns_the_list() -> None:
    import json

    out = json.loads(calculator.score_json(json.dumps(profile(documents={"countries_lived": ["FR"]}))))
    assert any(d.get("country") == "FR" for d in out["documents"])


def test_the_schema_describes_the_answers() -> None:
    props = calculator.profile_schema()["properties"]["documents"]["properties"]
    assert set(props) == {"countries_lived", "spouse_countries_lived", "foreign_credential"}


CODES = sorted(set(COUNTRIES) - {"CA"})


@settings(max_examples=60, deadline=None)
@given(countries=st.lists(st.sampled_from(CODES), unique=True, max_size=6),
       partner=st.lists(st.sampled_from(CODES), unique=True, max_size=6),
       married=st.booleans(), canadian=st.integers(0, 5), foreign=st.integers(0, 3),
       education=st.sampled_from(["none", "secondary", "bachelors", "masters"]))
def test_every_item_is_coded_known_and_unique(countries: list[str], partner: list[str], married: bool,
                                               canadian: int, foreign: int, education: str) -> None:
    answers: dict[str, Any] = {"countries_lived": countries}
    kw: dict[str, Any] = {"canadian_work_years": canadian, "foreign_work_years": foreign, "education": education}
    if married:
        answers["spouse_countries_lived"] = partner
        kw["with_spouse"] = True
    items = docs(documents=answers, **kw)
    assert all(d["key"] in KEYS and d["reason"] in REASONS for d in items)
    assert len({d["id"] for d in items}) == len(items)  # ticks are kept by id: no two items share one
    police = [d["country"] for d in items if d["key"] == "police_certificate" and d["person"] == "principal"]
    assert police == countries
    spouse_police = [d["country"] for d in items if d["key"] == "police_certificate" and d["person"] == "partner"]
    assert spouse_police == (partner if married else [])


def test_the_page_has_words_for_every_key_and_reason() -> None:
    """The engine returns codes; calculator.mjs words them from the strings file: none may be missing."""
    from pathlib import Path

    import yaml

    strings = yaml.safe_load((Path(__file__).resolve().parents[2] / "templates" / "strings" /
                              "calculator.en.yml").read_text(encoding="utf-8"))["documents"]
    names = set(strings["names"])
    for key in KEYS:
        wanted = {"work_experience": {"work_experience_canada", "work_experience_abroad"},
                  "language_results": {"language_results", "language_results_levels"},
                  "police_certificate": {"police_certificate", "police_certificate_countries"}}.get(key, {key})
        assert wanted <= names, key
    assert set(REASONS) <= set(strings["reasons"])

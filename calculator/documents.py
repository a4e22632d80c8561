"""The visitor's own document list: which documents this profile needs, and why.

The engine returns codes only: each item is {"id", "key", "reason", "person", ...params}. The page words them
(templates/strings/calculator.en.yml, `documents`) and links each key to the site's page on it. The optional
profile field "documents" holds what the form does not: the countries lived in (police certificates) and, when
the answers cannot tell, whether the highest credential is from outside Canada (an ECA).
"""

from __future__ import annotations

from .eligibility import funds_exemption
from .profile import WITH_PARTNER, Profile, _check_bool, _Errors, _show
from .rules import load_json

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

FIELDS = ("countries_lived", "spouse_countries_lived", "foreign_credential")
_FIELD_SET = frozenset(FIELDS)
_DATA = load_json("documents.json")
# ISO 3166-1 alpha-2 codes, with their usual English names for the page's suggestions (data/documents.json).
COUNTRIES: dict[str, str] = _DATA["countries"]
_MEDICAL = _DATA["medical_exam"]["values"]
# No police certificate is asked from Canada (content/documents/police-certificates.md).
HOME = "CA"
FORMER = ("divorced_or_separated", "legally_separated", "widowed", "annulled_marriage")

# Every document key and reason code the engine can return: the page's strings and links must cover them all.
KEYS = (
    "passport", "birth_certificate", "photos", "marriage_certificate", "common_law_proof", "former_relationship",
    "language_results", "eca", "work_experience", "police_certificate", "medical_exam", "proof_of_funds",
    "job_offer", "provincial_nomination", "certificate_of_qualification", "sibling_in_canada",
)
REASONS = (
    "everyone", "married", "common_law", "former_relationship", "first_language", "second_language",
    "partner_language", "foreign_education", "foreign_credential_answer", "credential_unknown", "canadian_work",
    "foreign_work", "partner_canadian_work", "lived_there", "countries_not_given", "upfront", "on_request",
    "fsw_fst", "unless_cec", "job_offer", "provincial_nomination", "certificate_of_qualification",
    "sibling_in_canada",
)


def _countries(errors: _Errors, value: Any, path: str) -> list[str] | None:
    if not isinstance(value, list):
        errors.add(path, "countries_expected", value=_show(value))
        return None
    out: list[str] = []
    # the page has one control for the whole list: one message says everything wrong
    problems: list[dict[str, Any]] = []
    for code in value:
        if not isinstance(code, str) or code not in COUNTRIES:
            problems.append({"code": "country_unknown", "params": {"value": _show(code)}})
        elif code == HOME:
            problems.append({"code": "country_home", "params": {}})
        elif code in out:
            problems.append({"code": "country_twice", "params": {"country": code}})
        else:
            out.append(code)
    if problems:
        errors.add(path, "countries_problems", problems=problems)
        return None
    return out


def check(errors: _Errors, value: Any, marital: str | None, education: str | None,
          canadian_education: str | None) -> dict[str, Any]:
    """Validate the optional "documents" answers; every problem goes to `errors` as {field, message}."""
    if not isinstance(value, dict):
        errors.add("documents", "documents_expected", fields="{" + ", ".join(FIELDS) + "}", value=_show(value))
        return {}
    for key in value:
        if key not in _FIELD_SET:
            errors.add(f"documents.{key}", "unknown_field")
    out: dict[str, Any] = {}
    for key in ("countries_lived", "spouse_countries_lived"):
        if value.get(key) is None:
            continue
        if key == "spouse_countries_lived" and marital is not None and marital not in WITH_PARTNER:
            errors.add("documents.spouse_countries_lived", "spouse_countries_not_allowed")
            continue
        codes = _countries(errors, value[key], "documents." + key)
        if codes is not None:
            out[key] = codes
    if value.get("foreign_credential") is not None:
        answer = _check_bool(errors, value, "foreign_credential", "documents.foreign_credential")
        if answer is False and _derived_foreign(education, canadian_education):
            errors.add("documents.foreign_credential", "foreign_credential_contradiction")
        elif answer is not None:
            out["foreign_credential"] = answer
    return out


def _derived_foreign(education: str | None, canadian_education: str | None) -> bool:
    """True when the answers alone show the highest credential is from outside Canada."""
    return education not in (None, "none") and canadian_education == "none"


def _medical(date: str) -> str:
    reason = _MEDICAL[0]["value"]
    for entry in _MEDICAL:
        if entry["from"] <= date:
            reason = entry["value"]
    return reason


def _item(key: str, reason: str, person: str = "principal", detail: str = "") -> dict[str, Any]:
    # The id keeps a visitor's tick on the same document while other answers change (calculator.mjs).
    return {"id": f"{key}:{person}:{detail}" if detail else f"{key}:{person}", "key": key, "reason": reason,
            "person": person}


# Items whose words never change, built once and copied (a caller may change its result).
_EVERYONE = tuple(_item(key, "everyone") for key in ("passport", "birth_certificate", "photos"))
_PARTNER = tuple(_item(key, "everyone", "partner") for key in ("passport", "birth_certificate", "photos"))
_MARITAL = {"married": _item("marriage_certificate", "married"), "common_law": _item("common_law_proof", "common_law")}


def _police(items: list[dict[str, Any]], codes: list[str] | None, person: str, need: str) -> None:
    if codes is None:
        item = _item("police_certificate", "countries_not_given", person)
        item["needs"] = need
        items.append(item)
        return
    for code in codes:
        item = _item("police_certificate", "lived_there", person, code)
        item["country"] = code
        items.append(item)


def compute(p: Profile, programs: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents this profile needs, in the order of the site's checklist, each with its reason code."""
    docs = p.documents
    items = [_EVERYONE[0].copy(), _EVERYONE[1].copy(), _EVERYONE[2].copy()]
    marital = p.marital_status
    if marital in _MARITAL:
        items.append(_MARITAL[marital].copy())
    elif marital in FORMER:
        item = _item("former_relationship", "former_relationship")
        item["status"] = marital
        items.append(item)
    for which, lang in (("first_language", p.lang1), ("second_language", p.lang2)):
        if lang is not None:
            item = _item("language_results", which, "principal", which)
            item.update(which=which, test=lang.test, language=lang.language)
            items.append(item)
    if p.education != "none":
        answer = docs.get("foreign_credential")
        if _derived_foreign(p.education, p.canadian_education):
            item = _item("eca", "foreign_education")
            item["derived"] = True
            items.append(item)
        elif answer is None:
            item = _item("eca", "credential_unknown")
            item["needs"] = "documents.foreign_credential"
            items.append(item)
        elif answer:
            item = _item("eca", "foreign_credential_answer")
            item["derived"] = False
            items.append(item)
    for which, reason, years in (("canada", "canadian_work", p.canadian_work),
                                 ("abroad", "foreign_work", p.foreign_work)):
        if years:
            item = _item("work_experience", reason, "principal", which)
            item.update(which=which, years=years)
            items.append(item)
    _police(items, docs.get("countries_lived"), "principal", "documents.countries_lived")
    medical = _medical(p.rules_date)
    items.append(_item("medical_exam", medical))
    if funds_exemption(p, programs) is None:
        unsure = programs["cec"]["status"] == "unknown"
        items.append(_item("proof_of_funds", "unless_cec" if unsure else "fsw_fst"))
    if p.job_offer != "none":
        items.append(_item("job_offer", "job_offer"))
    if p.nomination:
        items.append(_item("provincial_nomination", "provincial_nomination"))
    if p.certificate:
        items.append(_item("certificate_of_qualification", "certificate_of_qualification"))
    if p.sibling:
        items.append(_item("sibling_in_canada", "sibling_in_canada"))
    if p.spouse_cpr is False and marital in WITH_PARTNER:
        # The partner is examined even when not coming: identity, police certificates, medical exam.
        items += [_PARTNER[0].copy(), _PARTNER[1].copy(), _PARTNER[2].copy()]
        _police(items, docs.get("spouse_countries_lived"), "partner", "documents.spouse_countries_lived")
        items.append(_item("medical_exam", medical, "partner"))
        if p.with_spouse and p.spouse_lang is not None:
            item = _item("language_results", "partner_language", "partner")
            item.update(test=p.spouse_lang.test, language=p.spouse_lang.language)
            items.append(item)
        if p.with_spouse and p.spouse_work:
            item = _item("work_experience", "partner_canadian_work", "partner", "canada")
            item.update(which="canada", years=p.spouse_work)
            items.append(item)
    return items

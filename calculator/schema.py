"""JSON Schema of the profile, built from the same option lists and scales the validator uses."""

from __future__ import annotations

from . import documents, swap, timeline
from . import language as lang
from .profile import (
    ELIGIBILITY_FIELDS,
    MAX_AGE,
    MAX_OCCUPATION_MONTHS,
    MAX_WORK_YEARS,
    OCCUPATION_FIELDS,
    REQUIRED,
    SPOUSE_FIELDS,
    TOP_FIELDS,
)
from .rules import ABILITIES, CANADIAN_EDUCATION, EARLIEST, EDUCATION_LEVELS, JOB_OFFERS, LABELS, MARITAL_STATUSES

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any


def _score_schema(test: str, ability: str) -> dict[str, Any]:
    spec = lang.TESTS[test]
    scale = spec["scale"][ability]
    number: dict[str, Any] = {"type": "number", "minimum": scale["min"], "maximum": scale["max"],
                              "multipleOf": scale["step"]}
    pattern = r"^\s*\d+(\.\d+)?\s*$"
    if spec.get("below_scale"):
        pattern = r"^\s*(" + "|".join(spec["below_scale"]) + r"|\d+(\.\d+)?)\s*$"
    return {"anyOf": [number, {"type": "string", "pattern": pattern}]}


def _language_schema() -> dict[str, Any]:
    variants = []
    for test, spec in lang.TESTS.items():
        props: dict[str, Any] = {"test": {"const": test}}
        for ability in ABILITIES:
            props[ability] = _score_schema(test, ability)
        variants.append({
            "title": spec["name"],
            "type": "object",
            "properties": props,
            "required": ["test", *ABILITIES],
            "additionalProperties": False,
        })
    return {
        "description": "Language results as the test reports them (number or string, e.g. 7.5, \"7.5\", "
                       "\"M\" for CELPIP). English tests: celpip, ielts, pte_core, clb; French: tef, "
                       "tef_old_scale, tcf, nclc.",
        "oneOf": variants,
    }


def _enum(options: tuple[str, ...], labels: dict[str, str] | None = None, description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "enum": list(options)}
    if description:
        out["description"] = description
    if labels:
        out["x-labels"] = {k: labels[k] for k in options}
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(fields: tuple[str, ...], described: dict[str, Any], description: str = "",
            required: tuple[str, ...] = (), nullable: bool = True) -> dict[str, Any]:
    """An object of exactly the validator's `fields`, in its order: a field without a schema is a KeyError here,
    so the schema cannot fall behind the validator (tests/calculator/test_schema.py checks the reverse)."""
    out: dict[str, Any] = {"type": ["object", "null"] if nullable else "object"}
    if description:
        out["description"] = description
    out["properties"] = {k: described[k] for k in fields}
    if required:
        out["required"] = list(required)
    out["additionalProperties"] = False
    return out


def profile_schema() -> dict[str, Any]:
    """The profile's JSON Schema (draft 2020-12)."""
    years = {"type": "integer", "minimum": 0, "maximum": MAX_WORK_YEARS}
    elig_props: dict[str, Any] = {}
    for key, (kind, lo, hi, meaning) in ELIGIBILITY_FIELDS.items():
        if kind == "bool":
            elig_props[key] = {"type": ["boolean", "null"], "description": meaning}
        elif kind == "int":
            elig_props[key] = {"type": ["integer", "null"], "minimum": lo, "maximum": hi, "description": meaning}
        else:
            elig_props[key] = {"type": ["number", "null"], "minimum": lo, "description": meaning}
    countries = {"type": ["array", "null"], "uniqueItems": True,
                 "items": {"type": "string", "pattern": "^[A-Z]{2}$", "not": {"const": "CA"}}}
    date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    months = {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_OCCUPATION_MONTHS}
    occupation = _object(OCCUPATION_FIELDS, {
        "noc": {"type": ["string", "null"], "pattern": r"^\d{5}$", "description": "A NOC 2021 unit group code"},
        "months_last_3_years": {**months, "description": "Months of full-time work in this occupation in the last "
                                                         "3 years"},
        "canadian_months_last_3_years": {**months, "description": "Months of that work in Canada (at most "
                                                                  "months_last_3_years)"},
        "continuous_months": {**months, "description": "Longest stretch of that work without a break, in months "
                                                       "(at most months_last_3_years)"},
    }, "Optional, for category rounds: a missing answer makes a category 'unknown'.")
    props: dict[str, Any] = {
        "rules_date": {**date, "description": f"Score under the rules in force on this date (default: today; not "
                                              f"before {EARLIEST})."},
        "marital_status": _enum(MARITAL_STATUSES, LABELS["marital_status"]),
        "spouse": _object(SPOUSE_FIELDS, {
            "citizen_or_permanent_resident": {"type": "boolean"},
            "accompanying": {"type": ["boolean", "null"]},
            "education": _nullable(_enum(EDUCATION_LEVELS, LABELS["education"])),
            "canadian_work_years": {**years, "type": ["integer", "null"], "description": "5 means 5 or more"},
            "language": _nullable({"$ref": "#/$defs/language"}),
        }, "Required for married and common_law, else null. Education, Canadian work and language are needed "
           "only when the spouse is scored (not a citizen or PR, and accompanying).",
            required=("citizen_or_permanent_resident",)),
        "age": {"type": "integer", "minimum": 0, "maximum": MAX_AGE},
        "education": _enum(EDUCATION_LEVELS, LABELS["education"],
                           "Highest Canadian credential or foreign one with an ECA"),
        "canadian_education": _enum(CANADIAN_EDUCATION, LABELS["canadian_education"]),
        "first_language": {"$ref": "#/$defs/language"},
        "second_language": {**_nullable({"$ref": "#/$defs/language"}),
                            "description": "Must be the other official language"},
        "canadian_work_years": {**years, "description": "Skilled work in Canada in the last 10 years; 5 means "
                                                        "5 or more"},
        "foreign_work_years": {**years, "description": "Skilled work abroad in the last 10 years; 3 means 3 "
                                                       "or more"},
        "certificate_of_qualification": {"type": "boolean"},
        "job_offer": _enum(JOB_OFFERS, LABELS["job_offer"]),
        "provincial_nomination": {"type": "boolean"},
        "sibling_in_canada": {"type": "boolean", "description": "Yours or your accompanying spouse's"},
        "eligibility": _object(tuple(ELIGIBILITY_FIELDS), elig_props, "Optional answers used only for program "
                               "eligibility; a missing one makes the answer 'unknown'."),
        "occupation": occupation,
        "dates": _object(timeline.DATE_FIELDS, {k: _nullable(date) for k in timeline.DATE_FIELDS},
                         "Optional dates (YYYY-MM-DD, not after the rules date) for result['timeline']: " +
                         ", ".join(timeline.DATE_FIELDS) + "."),
        "documents": _object(documents.FIELDS, {
            "countries_lived": {**countries, "description": "Countries other than Canada lived in for 6 months or "
                                "more in a row since age 18, in the last 10 years"},
            "spouse_countries_lived": {**countries, "description": "The same for the spouse or partner"},
            "foreign_credential": {"type": ["boolean", "null"], "description": "The highest credential is from "
                                   "outside Canada (asked only when the answers cannot tell)"},
        }, "Optional answers for the document list (result['documents'])."),
    }
    # The partner as principal applicant (result["spouse_as_principal"]): the partner's own answers to the
    # top-level questions of the same names, so their schemas are the top-level ones; the swapped profile needs
    # the required ones among them.
    partner_props = {k: props[k] for k in swap.PARTNER_FIELDS if k != "eligibility"}
    partner_props["eligibility"] = _object(swap.PERSONAL_ELIGIBILITY, elig_props, "The partner's own answers "
                                           "about themselves; the family's answers are given once, under "
                                           "eligibility.")
    props["partner"] = _object(swap.PARTNER_FIELDS, partner_props,
                               "Optional: only for a married or common-law applicant whose spouse or partner is "
                               "accompanying and not a citizen or PR. What the swap needs that the spouse answers "
                               "do not hold.", required=tuple(k for k in REQUIRED if k in swap.PARTNER_FIELDS))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "calculator/profile.schema.json",
        "title": "Express Entry profile",
        "type": "object",
        "$defs": {"language": _language_schema()},
        "properties": {k: props[k] for k in TOP_FIELDS},
        "required": list(REQUIRED),
        "additionalProperties": False,
    }

"""The profile's JSON Schema (calculator/schema.py) against the validator: the same fields at every level, found
by asking the validator, and every profile the validator accepts is valid under the schema."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import calculator
from calculator import documents, swap, timeline
from calculator.profile import ELIGIBILITY_FIELDS, OCCUPATION_FIELDS, SPOUSE_FIELDS, TOP_FIELDS, validate_profile

from .profiles import generate
from .schema_check import KEYWORDS, errors, keywords
from .test_swap import couple

SCHEMA = calculator.profile_schema()
PROPS = SCHEMA["properties"]


def full() -> dict[str, Any]:
    """A couple that answers every optional part: partner (with occupation and eligibility), dates, documents."""
    p = couple()
    p["occupation"] = {"noc": "21231", "months_last_3_years": 24, "canadian_months_last_3_years": 0,
                       "continuous_months": 24}
    p["partner"]["occupation"] = {"noc": "31301", "months_last_3_years": 14, "canadian_months_last_3_years": 14,
                                  "continuous_months": 14}
    p["dates"] = {"birth": "1990-07-01", "first_language_test": "2025-03-01", "eca": "2022-01-10",
                  "spouse_language_test": "2025-05-02", "profile_submitted": "2026-01-15"}
    p["documents"] = {"countries_lived": ["IN", "AE"], "spouse_countries_lived": ["IN"]}
    return p


def unknown(profile: dict[str, Any]) -> set[str]:
    """The fields the validator calls unknown."""
    return {e["field"] for e in validate_profile(profile)[1] if e["message"].startswith("unknown field")}


def test_the_schema_uses_only_keywords_the_checker_understands() -> None:
    assert keywords(SCHEMA) <= KEYWORDS


def test_the_full_profile_is_valid_for_both() -> None:
    p = full()
    assert validate_profile(p)[1] == []
    assert errors(SCHEMA, p) == []
    assert set(p) == set(TOP_FIELDS) - {"second_language"}  # it does answer every optional part


# (path in the profile, path in the schema, the validator's own list of the fields there)
LEVELS = [
    ((), (), TOP_FIELDS),
    (("spouse",), ("spouse",), SPOUSE_FIELDS),
    (("eligibility",), ("eligibility",), tuple(ELIGIBILITY_FIELDS)),
    (("occupation",), ("occupation",), OCCUPATION_FIELDS),
    (("partner",), ("partner",), swap.PARTNER_FIELDS),
    (("partner", "eligibility"), ("partner", "eligibility"), swap.PERSONAL_ELIGIBILITY),
    (("partner", "occupation"), ("partner", "occupation"), OCCUPATION_FIELDS),
    (("dates",), ("dates",), timeline.DATE_FIELDS),
    (("documents",), ("documents",), documents.FIELDS),
]


@pytest.mark.parametrize(("where", "schema_path", "fields"), LEVELS, ids=[".".join(x[0]) or "top" for x in LEVELS])
def test_each_level_has_the_validators_fields(where: tuple[str, ...], schema_path: tuple[str, ...],
                                              fields: tuple[str, ...]) -> None:
    node = SCHEMA
    for key in schema_path:
        node = node["properties"][key]
    assert set(node["properties"]) == set(fields)
    assert node["additionalProperties"] is False
    # Asked of the validator itself: a name it does not know is "unknown"; every name in the schema is not.
    p = full()
    target = p
    for key in where:
        target = target[key]
    prefix = "".join(k + "." for k in where)
    target["no_such_field"] = None
    for key in node["properties"]:
        target.setdefault(key, None)
    assert unknown(p) == {prefix + "no_such_field"}
    assert errors(SCHEMA, p) != []  # and the schema refuses it too
    del target["no_such_field"]
    assert unknown(p) == set()


def test_every_profile_the_validator_accepts_is_valid_under_the_schema() -> None:
    accepted = 0
    for p in generate(300):
        if not validate_profile(copy.deepcopy(p))[1]:
            accepted += 1
            assert errors(SCHEMA, p) == [], p
    assert accepted > 250


@pytest.mark.parametrize("change", [
    lambda p: p["partner"].update(sibling_in_canada=True),  # not the partner's: the family's answer
    lambda p: p["partner"].pop("age"),
    lambda p: p["partner"]["eligibility"].update(family_size=2),
    lambda p: p["partner"]["occupation"].update(noc="3130"),
    lambda p: p["dates"].update(eca="10/01/2022"),
    lambda p: p["documents"].update(countries_lived=["IN", "IN"]),
    lambda p: p["occupation"].update(months_last_3_years=37),
], ids=["partner-sibling", "partner-no-age", "partner-family-size", "partner-noc", "eca-date", "countries-twice",
        "months"])
def test_what_the_validator_refuses_the_schema_refuses(change: Any) -> None:
    p = full()
    change(p)
    assert validate_profile(copy.deepcopy(p))[1] != []
    assert errors(SCHEMA, p) != []

"""The partner as the principal applicant: the same couple scored the other way round.

The optional profile field "partner" holds what the swap needs that the form does not already hold. The rest
comes from the visitor's answers: the partner's education, Canadian work and language test are the spouse
answers, and the visitor's own education, first official language and Canadian work become the spouse factors.

check() builds the swapped profile as plain profile data and runs it through validate_profile, so the swapped
ordering is checked and scored by exactly the code that checks and scores any profile: its total is what that
profile would score on its own, under the same rules date.
"""

from __future__ import annotations

from . import categories, crs, eligibility, fsw
from .profile import WITH_PARTNER, Profile, _Errors, _show, _unknown_keys, validate_profile

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

PARTNER_FIELDS = (
    "age", "canadian_education", "second_language", "foreign_work_years", "certificate_of_qualification",
    "job_offer", "provincial_nomination", "occupation", "eligibility",
)
# Eligibility answers about one person: the partner gives their own under partner.eligibility. The others
# (settlement funds, family size, a relative in Canada) are the family's and stay as the visitor gave them.
PERSONAL_ELIGIBILITY = (
    "language_results_under_2_years", "continuous_work_years", "skilled_work_years_last_10",
    "canadian_work_years_last_3", "canadian_work_teer", "trade_work_years_last_5", "trade_job_offer",
    "authorized_to_work",
)
_SHARED_ELIGIBILITY = ("settlement_funds", "family_size", "relative_in_canada")
# The two study answers trade places: "you" becomes "your spouse" and the other way round.
_STUDY = ("studied_in_canada_2_years", "spouse_studied_in_canada_2_years")
_NOT_PERSONAL = frozenset(_SHARED_ELIGIBILITY + _STUDY)
# Top-level fields of the swapped profile that come from "partner": their errors are reported there.
_FROM_PARTNER = frozenset(PARTNER_FIELDS)
_PARTNER_SET = frozenset(PARTNER_FIELDS)


def check(errors: _Errors, data: dict[str, Any], marital: str | None, spouse: tuple,
          rules_date: str | None) -> Profile | None:
    """The swapped profile (the partner as principal applicant), or None; problems go to `errors` as partner.X.

    `spouse` is validate_profile's spouse tuple (citizen or PR, accompanying, education, work, language).
    """
    value = data["partner"]
    if marital is None or marital in WITH_PARTNER and spouse[0] is None:
        return None  # marital status or spouse answers are wrong: their own errors say so
    if marital not in WITH_PARTNER or spouse[0] is not False or spouse[1] is not True:
        errors.add("partner", "partner_not_allowed")
        return None
    if not isinstance(value, dict):
        errors.add("partner", "partner_expected", fields="{" + ", ".join(PARTNER_FIELDS) + "}", value=_show(value))
        return None
    if not value.keys() <= _PARTNER_SET:
        _unknown_keys(errors, value, PARTNER_FIELDS, "partner.")
    own = data.get("spouse") or {}
    if own.get("language") is None:
        errors.add("spouse.language", "spouse_language_for_swap")
    mine = value.get("eligibility")
    if mine is not None:
        if not isinstance(mine, dict):
            errors.add("partner.eligibility", "partner_eligibility_expected", value=_show(mine))
            return None
        for key in mine:
            if key in _NOT_PERSONAL:
                errors.add("partner.eligibility." + key, "partner_eligibility_shared")
    if not isinstance(own, dict) or not isinstance(data.get("eligibility") or {}, dict):
        return None  # reported by the visitor's own validation
    p, found = validate_profile(swapped_profile(data, rules_date))
    mapped = [e for e in found if e["field"].split(".", 1)[0] in _FROM_PARTNER]
    for e in mapped:
        errors.put("partner." + e["field"], e)
    # Errors in the visitor's own answers are reported by the visitor's own validation; should the swapped
    # profile fail only on those, the swap still says why it has no result.
    if p is None and not mapped and not errors:
        first = found[0]
        errors.add("partner", "swap_impossible", reason={"code": first["code"], "params": first["params"]})
    return p


def swapped_profile(data: dict[str, Any], rules_date: str | None) -> dict[str, Any]:
    """Profile data with the partner as principal applicant and the visitor as the accompanying spouse."""
    partner, own = data["partner"], data.get("spouse") or {}
    given = data.get("eligibility") or {}
    elig = {k: given[k] for k in _SHARED_ELIGIBILITY if k in given}
    for key, theirs in (_STUDY, _STUDY[::-1]):
        if theirs in given:
            elig[key] = given[theirs]
    elig.update({k: v for k, v in (partner.get("eligibility") or {}).items() if k not in _NOT_PERSONAL})
    out: dict[str, Any] = {
        "rules_date": rules_date,
        "marital_status": data.get("marital_status"),
        "spouse": {
            "citizen_or_permanent_resident": False,
            "accompanying": True,
            "education": data.get("education"),
            "canadian_work_years": data.get("canadian_work_years"),
            # IRCC counts one language test for a spouse: the visitor's first official language. (Using it, and
            # not the better of two, makes the swap of the swap give back the visitor's own profile.)
            "language": data.get("first_language"),
        },
        "education": own.get("education"),
        "first_language": own.get("language"),
        "canadian_work_years": own.get("canadian_work_years"),
        # A brother or sister in Canada counts for the applicant's or the accompanying spouse's sibling
        # (crs-rules.md, additional points; IRCC's question 10), so it stays the same after the swap.
        "sibling_in_canada": data.get("sibling_in_canada"),
        "eligibility": elig or None,
    }
    # A provincial nomination and a job offer belong to one candidate: the partner gives their own.
    for key in PARTNER_FIELDS[:-1]:
        out[key] = partner.get(key)
    return {k: v for k, v in out.items() if v is not None}


def compare(swapped: Profile, own_total: int) -> dict[str, Any]:
    """result["spouse_as_principal"]: the swapped ordering's score, programs and categories, and the difference."""
    total, subtotals, _lines = crs.score(swapped)
    programs = eligibility.compute(swapped, fsw.compute(swapped))
    by_category, _facts = categories.compute(swapped, programs)
    difference = total - own_total
    return {
        "total": total,
        "subtotals": subtotals,
        "difference": difference,
        "higher": "partner" if difference > 0 else "you" if difference < 0 else "equal",
        "eligibility": {k: programs[k]["status"] for k in ("fsw", "cec", "fst")},
        "categories": {k: c["status"] for k, c in by_category.items()},
    }

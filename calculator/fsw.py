"""The Federal Skilled Worker 67-point selection grid.

The CRS inputs do not settle every FSW factor (work years are capped at "3 or more" and "5 or more";
some adaptability items have no CRS question), so each factor has a minimum from what is known and
a maximum from what is possible. `passes` is true or false only when the range decides it.
"""

from __future__ import annotations

from .profile import Profile
from .rules import MAX_YEARS

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

VALID_OFFERS = ("teer_0_major_group_00", "teer_0_1_2_3")
# Inputs at these values mean "or more", so the true number may be higher.
CANADIAN_WORK_OPEN = 5
FOREIGN_WORK_OPEN = 3
_LANGUAGE_LOW = {"code": "fsw_language_low", "params": {}}  # shared by every result (read-only by convention)


def _experience_range(p: Profile) -> tuple[int, int, bool]:
    """(min years, max years, exact) of skilled work in the last 10 years."""
    exact = p.elig.get("skilled_work_years_last_10")
    if exact is not None:
        return exact, exact, True
    low = p.canadian_work + p.foreign_work
    if p.canadian_work >= CANADIAN_WORK_OPEN or p.foreign_work >= FOREIGN_WORK_OPEN:
        return low, 10, False
    # Two part-years can add up to one more whole year.
    return low, low + 1, False


def compute(p: Profile) -> dict[str, Any]:
    r = p.rules
    clb1 = p.lang1.clb
    table = r.fsw_lang_first
    first = table[clb1[0]] + table[clb1[1]] + table[clb1[2]] + table[clb1[3]]
    second_min, second_pts = r.fsw_lang_second
    second = second_pts if p.lang2 is not None and min(p.lang2.clb) >= second_min else 0
    language = first + second
    education = r.fsw_education[p.education]
    lo_years, hi_years, exact = _experience_range(p)
    exp_lo = r.fsw_experience[min(lo_years, MAX_YEARS)]
    exp_hi = r.fsw_experience[min(hi_years, MAX_YEARS)]
    age = r.fsw_age[min(p.age, len(r.fsw_age) - 1)]
    has_offer = p.job_offer in VALID_OFFERS
    arranged = r.fsw_arranged if has_offer else 0

    a = r.fsw_adapt
    known: dict[str, int] = {}
    possible: dict[str, int] = {}  # items that may apply but need an answer
    needs: list[str] = []
    if p.with_spouse:
        sp = p.spouse_lang
        if sp is not None and min(sp.clb) >= a["spouse_language_min_clb"]:
            known["spouse_language"] = a["spouse_language"]
        if p.spouse_work:
            known["spouse_canadian_work"] = a["spouse_canadian_work"]
        studied = p.elig.get("spouse_studied_in_canada_2_years")
        if studied:
            known["spouse_studied_in_canada"] = a["spouse_studied_in_canada"]
        elif studied is None:
            possible["spouse_studied_in_canada"] = a["spouse_studied_in_canada"]
            needs.append("eligibility.spouse_studied_in_canada_2_years")
    studied = p.elig.get("studied_in_canada_2_years")
    if studied:
        known["studied_in_canada"] = a["studied_in_canada"]
    elif studied is None:
        possible["studied_in_canada"] = a["studied_in_canada"]
        needs.append("eligibility.studied_in_canada_2_years")
    if p.canadian_work >= 1:
        known["canadian_work"] = a["canadian_work"]
    if has_offer:
        known["arranged_employment"] = a["arranged_employment"]
    relative = p.elig.get("relative_in_canada")
    if p.sibling or relative:
        known["relative_in_canada"] = a["relative_in_canada"]
    elif relative is None:
        possible["relative_in_canada"] = a["relative_in_canada"]
        needs.append("eligibility.relative_in_canada")
    adapt_lo = min(a["cap"], sum(known.values()))
    adapt_hi = min(a["cap"], adapt_lo + sum(possible.values()))
    if adapt_hi == adapt_lo:
        needs = []
    if not exact and exp_lo != exp_hi:
        needs.insert(0, "eligibility.skilled_work_years_last_10")

    total = language + education + exp_lo + age + arranged + adapt_lo
    max_total = language + education + exp_hi + age + arranged + adapt_hi
    pass_mark = r.fsw_pass
    passes = True if total >= pass_mark else (False if max_total < pass_mark else None)
    notes = []
    if passes is None:
        notes.append({"code": "fsw_between",
                      "params": {"total": total, "max_total": max_total, "pass_mark": pass_mark}})
    if min(clb1) < 7:
        notes.append(_LANGUAGE_LOW)
    return {
        "factors": {
            "language": language,
            "education": education,
            "experience": exp_lo,
            "age": age,
            "arranged_employment": arranged,
            "adaptability": adapt_lo,
        },
        "adaptability_items": known,
        "total": total,
        "max_total": max_total,
        "pass_mark": pass_mark,
        "passes": passes,
        "needs": needs if passes is None else [],
        "notes": notes,
    }

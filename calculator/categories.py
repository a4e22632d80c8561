"""Category-based selection: which category rounds a profile can be invited in, under the lists of its date.

A category is "eligible" only when its own test passes (a listed occupation with enough months in it, or NCLC 7
in all four French abilities) and the profile is eligible for FSW, CEC or FST; "not_eligible" when either fails;
otherwise "unknown", naming in ``needs`` the answers that would decide it. Nothing is guessed: before the first
dated list (2025-02-27) there is no list at all, and the result says the lists for that date are not encoded.

Reasons are codes with numbers ({"code": "not_enough_months", "field": ..., "months": 8, "required": 12}); the
page's strings give them words.
"""

from __future__ import annotations

from bisect import bisect_right

from .profile import Profile
from .rules import load_json, sources_for

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

_LISTS: list[dict[str, Any]] | None = None
_SETS: dict[tuple[str, str], frozenset[str]] = {}  # (list date, category) -> its NOC codes, built once


def _lists() -> list[dict[str, Any]]:
    global _LISTS
    if _LISTS is None:  # read on first use: scoring without categories never pays for it
        _LISTS = sorted(load_json("categories.json")["lists"]["values"], key=lambda v: v["from"])
    return _LISTS


def list_for(date: str) -> dict[str, Any] | None:
    """The dated list of categories in force on ``date`` (None before the first encoded list)."""
    lists = _lists()
    i = bisect_right([v["from"] for v in lists], date)
    return lists[i - 1] if i else None


def _codes(entry: dict[str, Any], key: str) -> frozenset[str]:
    codes = _SETS.get((entry["from"], key))
    if codes is None:
        codes = _SETS[(entry["from"], key)] = frozenset(entry["value"]["categories"][key]["nocs"])
    return codes


def _tri_any(*flags: bool | None) -> bool | None:
    """Three-valued OR: True if any is True, False if all are False, else None (unknown)."""
    if True in flags:
        return True
    return False if all(f is False for f in flags) else None


def programs_flag(eligibility: dict[str, dict[str, Any]]) -> bool | None:
    """Eligible for FSW, CEC or FST (category rounds invite only from these three programs)."""
    flag = {"eligible": True, "not_eligible": False}
    return _tri_any(*(flag.get(eligibility[k]["status"]) for k in ("fsw", "cec", "fst")))


def _french(p: Profile, spec: dict[str, Any]) -> tuple[bool | None, list[dict[str, Any]], list[str]]:
    french = p.lang1 if p.lang1.language == "french" else p.lang2 if p.lang2 and p.lang2.language == "french" \
        else None
    if french is None:
        return False, [{"code": "no_french_results"}], []
    lowest = min(french.clb)
    if lowest < spec["min_nclc"]:
        return False, [{"code": "french_below", "required": spec["min_nclc"], "lowest": lowest}], []
    return True, [], []


def _occupation(p: Profile, entry: dict[str, Any], key: str) -> tuple[bool | None, list[dict[str, Any]], list[str]]:
    spec = entry["value"]["categories"][key]
    occupation = p.occupation
    code = occupation.get("noc")
    if code is None:
        return None, [], ["occupation.noc"]
    if code not in _codes(entry, key):
        return False, [{"code": "occupation_not_listed", "noc": code}], []
    if spec["test"] == "military":  # no months rule: recruitment by the Canadian Armed Forces, which is not asked
        return None, [], ["military.armed_forces_offer"]
    rule = entry["value"]["experience"]
    fields = ["continuous_months" if rule["continuous"] else "months_last_3_years"]
    if spec["experience"] == "canadian":
        fields.append("canadian_months_last_3_years")
    reasons, needs = [], []
    for field in fields:
        months = occupation.get(field)
        if months is None:
            needs.append("occupation." + field)
        elif months < rule["months"]:
            reasons.append({"code": "not_enough_months", "field": "occupation." + field, "months": months,
                            "required": rule["months"]})
    if reasons:
        return False, reasons, []
    if needs:
        return None, [], needs
    return True, [], []


def compute(p: Profile, eligibility: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(categories by key, the list's own facts) for a profile whose programs' eligibility is already known."""
    entry = list_for(p.rules_date)
    if entry is None:
        return {}, {"encoded": False, "effective_from": None, "earliest": _lists()[0]["from"]}
    programs = programs_flag(eligibility)
    out = {}
    for key, spec in entry["value"]["categories"].items():
        if spec["test"] == "french":
            own, reasons, needs = _french(p, spec)
        else:
            own, reasons, needs = _occupation(p, entry, key)
        if programs is False:
            reasons = [*reasons, {"code": "no_program"}]
        if own is False or programs is False:
            status = "not_eligible"
            needs = []
        elif own is True and programs is True:
            status = "eligible"
        else:
            status = "unknown"
            reasons = []
            if programs is None:
                needs = [*needs, "programs"]
        out[key] = {
            "status": status, "reasons": reasons, "needs": needs, "test": spec["test"],
            "experience": spec.get("experience"), "confidence": spec["confidence"],
            "disputed": bool(spec.get("disputed")),
        }
    facts = {
        "encoded": True, "effective_from": entry["from"], "experience": dict(entry["value"]["experience"]),
        "sources": sources_for(entry["sources"]),
    }
    return out, facts


def category_lists(date: str) -> dict[str, Any] | None:
    """The categories in force on ``date`` with their occupations (code, title, TEER), for the site's page."""
    from .occupations import teer, units

    entry = list_for(date)
    if entry is None:
        return None
    names = units()
    return {
        "effective_from": entry["from"],
        "experience": dict(entry["value"]["experience"]),
        "sources": sources_for(entry["sources"]),
        "note": entry.get("note", ""),
        "categories": {
            key: {**{k: v for k, v in spec.items() if k != "nocs"},
                  "occupations": [{"noc": c, "title": names[c], "teer": teer(c)} for c in spec.get("nocs", ())]}
            for key, spec in entry["value"]["categories"].items()
        },
    }

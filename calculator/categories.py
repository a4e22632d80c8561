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

from .frozen import FrozenDict, FrozenList
from .profile import Profile
from .rules import load_json, sources_for

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

_LISTS: list[_List] | None = None
_FROMS: list[str] = []
_BY_DATE: dict[str, _List | None] = {}  # rules dates seen -> their list (a bounded cache)
# Results of profiles without an occupation depend only on (list, programs flag, lowest French level): built once
# each and shared by every such result (read-only, like the result's labels).
_NO_OCCUPATION: dict[tuple[str, bool | None, int], dict[str, Any]] = {}
_FLAG = {"eligible": True, "not_eligible": False}


class _List:
    """One dated list of categories, compiled for scoring: per category (key, test, NOC codes, Canadian work
    required, minimum NCLC), the months rule, and the facts every result shares (``category_rules``)."""

    __slots__ = ("entry", "date", "months", "month_field", "tests", "facts", "unlisted", "listing", "by_code")

    def __init__(self, entry: dict[str, Any]) -> None:
        self.entry = entry  # the data as written, for the site's tables (category_lists)
        value = entry["value"]
        rule = value["experience"]
        self.date = entry["from"]
        self.months = rule["months"]
        self.month_field = "continuous_months" if rule["continuous"] else "months_last_3_years"
        self.tests = tuple(
            (key, spec["test"], frozenset(spec.get("nocs", ())), spec.get("experience") == "canadian",
             spec.get("min_nclc"))
            for key, spec in value["categories"].items()
        )
        # (category, code or French level, programs flag) -> a shared result: "not on this list" (most of a
        # profile's categories) and the French category, which no occupation changes
        self.unlisted: dict[tuple[str, str | int, bool | None], dict[str, Any]] = {}
        # code -> the tests of the categories that list it (most codes: none, the others one or two), and
        # (code, programs flag, French level) -> every other category's shared result: a profile's categories are
        # then that template with only its code's own categories decided.
        self.listing: dict[str, tuple] = {}
        for t in self.tests:
            for code in t[2]:
                self.listing[code] = (*self.listing.get(code, ()), t)
        self.by_code: dict[tuple[str, bool | None, int], dict[str, Any]] = {}
        self.facts = {
            "encoded": True, "effective_from": entry["from"], "experience": dict(rule),
            "sources": sources_for(entry["sources"]),
            "categories": {key: {"test": spec["test"], "experience": spec.get("experience"),
                                 "confidence": spec["confidence"], "disputed": bool(spec.get("disputed"))}
                           for key, spec in value["categories"].items()},
        }


def _entries() -> list[dict[str, Any]]:
    return sorted(load_json("categories.json")["lists"]["values"], key=lambda v: v["from"])


def _compiled(date: str) -> _List | None:
    global _LISTS, _FROMS
    found = _BY_DATE.get(date, False)
    if found is not False:
        return found
    if _LISTS is None:  # read on first use: the page's start-up never pays for it
        _LISTS = [_List(e) for e in _entries()]
        _FROMS = [x.date for x in _LISTS]
    i = bisect_right(_FROMS, date)
    found = _LISTS[i - 1] if i else None
    if len(_BY_DATE) > 4096:
        _BY_DATE.clear()
    _BY_DATE[date] = found
    return found


def programs_flag(eligibility: dict[str, dict[str, Any]]) -> bool | None:
    """Eligible for FSW, CEC or FST (category rounds invite only from these three programs): True if any is
    eligible, False if all are not, else None (unknown)."""
    flags = (_FLAG.get(eligibility["fsw"]["status"]), _FLAG.get(eligibility["cec"]["status"]),
             _FLAG.get(eligibility["fst"]["status"]))
    if True in flags:
        return True
    return False if flags == (False, False, False) else None


def _lowest_french(p: Profile) -> int:
    """The lowest NCLC level of the profile's French results; -1 without French results."""
    if p.lang1.language == "french":
        return min(p.lang1.clb)
    if p.lang2 is not None and p.lang2.language == "french":
        return min(p.lang2.clb)
    return -1


def _own_test(test: str, codes: frozenset[str], canadian: bool, min_nclc: int | None, lst: _List,
              occupation: dict[str, Any], french: int) -> tuple[bool | None, list[dict[str, Any]], list[str]]:
    """(passes: True / False / None, reasons, needs) of one category's own test."""
    if test == "french":
        if french < 0:
            return False, [{"code": "no_french_results"}], []
        if french < min_nclc:
            return False, [{"code": "french_below", "required": min_nclc, "lowest": french}], []
        return True, [], []
    code = occupation.get("noc")
    if code is None:
        return None, [], ["occupation.noc"]
    if code not in codes:
        return False, [{"code": "occupation_not_listed", "noc": code}], []
    if test == "military":  # no months rule: recruitment by the Canadian Armed Forces, which is not asked
        return None, [], ["military.armed_forces_offer"]
    reasons, needs = [], []
    for field in (lst.month_field, "canadian_months_last_3_years") if canadian else (lst.month_field,):
        months = occupation.get(field)
        if months is None:
            needs.append("occupation." + field)
        elif months < lst.months:
            reasons.append({"code": "not_enough_months", "field": "occupation." + field, "months": months,
                            "required": lst.months})
    if reasons:
        return False, reasons, []
    if needs:
        return None, [], needs
    return True, [], []


def _decide(lst: _List, programs: bool | None, occupation: dict[str, Any], french: int) -> dict[str, Any]:
    code = occupation.get("noc")
    if code is None:
        return _decide_all(lst, programs, occupation, french)
    template = lst.by_code.get((code, programs, french))
    if template is None:
        if len(lst.by_code) > 4096:  # bounded: a long-running process may see every code
            lst.by_code.clear()
        template = lst.by_code[(code, programs, french)] = _decide_all(lst, programs, {"noc": code}, french)
    listed = lst.listing.get(code)
    if listed is None:
        return template
    out = dict(template)
    for key, test, codes, canadian, min_nclc in listed:
        out[key] = _one(test, codes, canadian, min_nclc, lst, programs, occupation, french)
    return FrozenDict(out)


def _one(test: str, codes: frozenset[str], canadian: bool, min_nclc: int | None, lst: _List, programs: bool | None,
         occupation: dict[str, Any], french: int) -> dict[str, Any]:
    """One category's result from its own test and the programs flag (a new dict: it depends on the months)."""
    own, reasons, needs = _own_test(test, codes, canadian, min_nclc, lst, occupation, french)
    if own is False or programs is False:
        if programs is False:
            reasons = [*reasons, {"code": "no_program"}]
        return _category("not_eligible", reasons, ())
    if own is True and programs is True:
        return _category("eligible", (), ())
    return _category("unknown", (), [*needs, "programs"] if programs is None else needs)


def _category(status: str, reasons: Any, needs: Any) -> FrozenDict:
    """One category's result, read-only all through: results share them (calculator/frozen.py)."""
    return FrozenDict({"status": status, "reasons": FrozenList(map(FrozenDict, reasons)), "needs": FrozenList(needs)})


def _decide_all(lst: _List, programs: bool | None, occupation: dict[str, Any], french: int) -> dict[str, Any]:
    out = {}
    code = occupation.get("noc")
    for key, test, codes, canadian, min_nclc in lst.tests:
        if test == "french" and code is not None:  # the same for every occupation: shared, like "unlisted"
            shared = lst.unlisted.get((key, french, programs))
            if shared is None:
                shared = lst.unlisted[(key, french, programs)] = _decide_all(lst, programs, {}, french)[key]
            out[key] = shared
            continue
        if code is not None and test != "french" and code not in codes:
            shared = lst.unlisted.get((key, code, programs))
            if shared is None:
                reasons = [{"code": "occupation_not_listed", "noc": code}]
                if programs is False:
                    reasons.append({"code": "no_program"})
                shared = lst.unlisted[(key, code, programs)] = _category("not_eligible", reasons, ())
            out[key] = shared
            continue
        out[key] = _one(test, codes, canadian, min_nclc, lst, programs, occupation, french)
    return FrozenDict(out)


def compute(p: Profile, eligibility: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(categories by key, the list's facts) for a profile whose programs' eligibility is already known.

    Each category is {"status", "reasons", "needs"}; what does not depend on the profile (the test, where the
    work must be, the confidence, the dispute) is in the facts, under "categories". Both are shared between
    results: the categories are read-only (calculator/frozen.py), the facts read-only by convention.
    """
    lst = _compiled(p.rules_date)
    if lst is None:
        return {}, {"encoded": False, "effective_from": None, "earliest": _FROMS[0]}
    programs = programs_flag(eligibility)
    french = _lowest_french(p)
    if not p.occupation:
        key = (lst.date, programs, french)
        out = _NO_OCCUPATION.get(key)
        if out is None:
            out = _NO_OCCUPATION[key] = _decide_all(lst, programs, p.occupation, french)
        return out, lst.facts
    return _decide(lst, programs, p.occupation, french), lst.facts


def category_lists(date: str) -> dict[str, Any] | None:
    """The categories in force on ``date`` with their occupations (code, title, TEER), for the site's page."""
    from .occupations import teer, units

    lst = _compiled(date)
    if lst is None:
        return None
    entry, names = lst.entry, units()
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

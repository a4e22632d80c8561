"""Public entry points: score a profile dict, or JSON text for the browser."""

from __future__ import annotations

import json

from . import categories, crs, eligibility, fsw, improvements, notices, rounds
from .occupations import fst_trade, teer
from .profile import Profile, error_entry, plan_module, validate_profile
from .rules import LABELS, REVIEWED

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any


class ProfileError(ValueError):
    """Raised by score() for an invalid profile; `errors` lists every problem as {field, code, params, message}."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e.get('message', e['code'])}" for e in errors))
        self.errors = errors


def validate(profile: Any) -> list[dict[str, str]]:
    """Every problem in a profile as {"field": "dotted.path", "code", "params", "message": English}; [] when valid."""
    return validate_profile(profile)[1]


def _levels(res: Any) -> dict[str, int] | None:
    if res is None:
        return None
    s, li, r, w = res.clb
    return {"speaking": s, "listening": li, "reading": r, "writing": w}


_LINE_LABELS = LABELS["lines"]
# Layout of IRCC's results box: sections in order, their lines, and the two capped transferability groups.
_SECTIONS = [
    {"key": s["key"], "label": s["label"], "subtotal_label": s["subtotal_label"], "lines": s["lines"],
     "groups": s.get("groups", [])}
    for s in LABELS["sections"]
]
_TOTAL_LABEL = LABELS["total"]
_CONSTANTS = {"labels": _LINE_LABELS, "sections": _SECTIONS, "total_label": _TOTAL_LABEL}


# The latest-rounds summary that score_json compares every result with (set once by the page: use_rounds).
_ROUNDS: dict[str, Any] | None = None


def use_rounds(summary_json: str | None) -> None:
    """Compare every later score_json result with this rounds summary (JSON text; None to stop).

    The summary is sitegen's ``calculator_summary`` of IRCC's feed; the page hands it to the engine once.
    """
    global _ROUNDS
    _ROUNDS = None if summary_json is None else json.loads(summary_json)


def score(profile: dict[str, Any], rounds_summary: dict[str, Any] | None = None) -> dict[str, Any]:
    """Score a profile under the rules in force on its rules_date. Raises ProfileError if it is invalid.

    With ``rounds_summary`` the result also has ``rounds``: the rounds this profile can be invited in.
    The result's labels, sections, total_label and category_rules (constant data of the rules date) are shared by
    every result: treat them as read-only, like the messages ({code, params}) of the warnings, reasons, notes and
    improvements, many of which are made once and shared. The categories are shared too, and read-only (changing
    one raises TypeError; copy.deepcopy gives a changeable copy).
    """
    p, errors = validate_profile(profile)
    if p is None:
        raise ProfileError(errors)
    return _result(p, rounds_summary=rounds_summary)


def _add_rounds(result: dict[str, Any], p: Profile, summary: dict[str, Any]) -> None:
    try:
        result["rounds"] = rounds.compare(result, p.nomination, summary)
    except (KeyError, TypeError, ValueError):  # a malformed summary must never take the score with it
        result["rounds"] = None


def _occupation(p: Profile) -> dict[str, Any] | None:
    code = p.occupation.get("noc")
    if code is None:
        return None
    level = teer(code)
    return {"noc": code, "teer": level, "skilled": level <= 3, "fst_trade": fst_trade(code, p.rules_date)}


def _result(p: Profile, constants: bool = True, rounds_summary: dict[str, Any] | None = None) -> dict[str, Any]:
    """The result of a valid profile; `constants=False` leaves out the labels and layout (same every time)."""
    base = crs.sections(p)
    total, subtotals, lines = crs.score(p, base)
    grid = fsw.compute(p)
    spouse_lang = p.spouse_lang if p.with_spouse else None
    programs = eligibility.compute(p, grid)
    by_category, category_rules = categories.compute(p, programs)
    result = {
        "total": total,
        "subtotals": subtotals,
        "lines": lines,
        "with_spouse": p.with_spouse,
        "clb": {
            "first_language": _levels(p.lang1),
            "second_language": _levels(p.lang2),
            "spouse_language": _levels(spouse_lang),
        },
        "languages": {
            "first_language": p.lang1.language,
            "second_language": p.lang2.language if p.lang2 is not None else None,
            "spouse_language": spouse_lang.language if spouse_lang is not None else None,
        },
        "rules": {"date": p.rules_date, "effective_from": p.rules.effective_from, "reviewed": REVIEWED},
        "warnings": notices.warnings(p, lines),
        "fsw": grid,
        "eligibility": programs,
        "occupation": _occupation(p),
        "categories": by_category,
        "category_rules": category_rules,
        "improvements": improvements.compute(p, base, total),
    }
    # The plan's three parts are imported on the first profile that asks for them: `import calculator` (the page's
    # start-up, ~25 ms of it under Pyodide) does not pay for them; the page's memory snapshot imports them too.
    if p.partner is not None:
        result["spouse_as_principal"] = plan_module("swap").compare(p.partner, total)
    if p.documents is not None:  # asked for (the page always asks): a profile without it pays nothing
        result["documents"] = plan_module("documents").compute(p, programs)
    if rounds_summary is not None:
        _add_rounds(result, p, rounds_summary)
    if p.dates:
        result["timeline"], result["timeline_warnings"] = plan_module("timeline").compute(p)
    else:
        result["timeline"], result["timeline_warnings"] = [], []
    if constants:
        result.update(_CONSTANTS)
    return result


def error(field: str, code: str, **params: Any) -> dict[str, Any]:
    """One error outside profile validation (the JSON text, the command line's files), shaped like its errors."""
    return error_entry(field, code, params)


# JSON nested thousands deep exhausts Python's stack in json.loads (or in repr when an error quotes the value);
# a real profile is four levels deep at most, so that is a field error, not an internal one. Made when first
# needed: rendering reads the words, which no valid score needs.
def too_deep() -> dict[str, Any]:
    return error("profile", "json_too_deep")


# One encoder for every result: json.dumps with ensure_ascii=False makes a new one per call, and the check for
# circular references keeps a dict of every container it enters (a result has ~150 and no cycle; a cycle would
# be a RecursionError, which score_json reports). Together ~10 µs of a score.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
# The JSON of the parts results share (the categories of the usual profiles, the category list's facts), written
# once each: id -> (the object, its JSON). The object is kept so that its id is not reused while cached.
_SHARED_JSON: dict[int, tuple[Any, str]] = {}


def _shared_json(value: Any) -> str:
    entry = _SHARED_JSON.get(id(value))
    if entry is not None and entry[0] is value:
        return entry[1]
    text = _ENCODE(value)
    if len(_SHARED_JSON) > 256:  # bounded: results with an occupation bring their own categories
        _SHARED_JSON.clear()
    _SHARED_JSON[id(value)] = (value, text)
    return text


def score_json(text: str) -> str:
    """JSON in, JSON out, never raises: a result, or {"errors": [...]} for invalid input.

    The result is score()'s without the labels, sections and total_label: they are the same for every result
    (calculator/data/labels.json), and the page has them in its own language.
    """
    try:
        try:
            profile = json.loads(text)
        except (ValueError, TypeError) as exc:
            return json.dumps({"errors": [error("profile", "json_invalid", detail=str(exc))]}, ensure_ascii=False)
        p, errors = validate_profile(profile)
        if p is None:
            return json.dumps({"errors": errors}, ensure_ascii=False)
        result = _result(p, constants=False, rounds_summary=_ROUNDS)
        # the shared parts are spliced in as JSON written once (read-only: no result changes them)
        categories, facts = result.pop("categories"), result.pop("category_rules")
        return _ENCODE(result)[:-1] + ', "categories": ' + _shared_json(categories) + ', "category_rules": ' \
            + _shared_json(facts) + "}"
    except RecursionError:  # before Exception, which it is a subclass of
        return json.dumps({"errors": [too_deep()]})
    except Exception as exc:  # the browser must always get JSON back
        return json.dumps({"errors": [error("profile", "internal_error", detail=repr(exc))]}, ensure_ascii=False)

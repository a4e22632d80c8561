"""The codes the engine speaks in, and their English rendering.

Every visitor-facing text of a result or an error is {"code": ..., "params": {...}}: the page words it in its
own language (templates/static/js/calculator.mjs, from calculator/data/messages.json or
templates/strings/messages.<language>.yml) and the command line in English (`render`). No sentence is built
here or anywhere else in the engine; this module only fills the English words in, for people who call the
engine directly.

CODES is the one registry: every code the engine can emit, with the names of its parameters. A parameter's
value is a raw number, a key (named in PARAM_KINDS: looked up in the words), a date, another message
({"code", "params"}, rendered in place) or a list of either. tests/calculator/test_codes.py checks that every
code has words in English and French with exactly these placeholders, and that the codes emitted over the test
profiles are in the registry with these parameters.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

CODES: dict[str, tuple[str, ...]] = {
    # validation errors
    "int_expected": ("what", "lo", "hi", "value"),
    "int_range": ("what", "n", "lo", "hi"),
    "bool_expected": ("value",),
    "enum_expected": ("options", "value"),
    "unknown_field": (),
    "required": (),
    "profile_expected": ("value",),
    "json_invalid": ("detail",),
    "json_too_deep": (),
    "internal_error": ("detail",),
    "date_format": ("value",),
    "date_not_real": ("value",),
    "date_before_start": ("earliest",),
    "language_results_expected": ("fields", "value"),
    "missing_score": (),
    "test_not_accepted": ("test", "since"),
    "score_not_a_score": ("test", "ability", "value", "scale"),
    "score_wrong_type": ("test", "ability", "scale"),
    "score_outside": ("test", "ability", "value", "scale"),
    "score_impossible": ("test", "ability", "value", "scale"),
    "scale_steps": ("lo", "hi", "step"),
    "scale_whole": ("lo", "hi"),
    "scale_steps_tokens": ("tokens", "lo", "hi", "step"),
    "scale_whole_tokens": ("tokens", "lo", "hi"),
    "second_language_same": ("other", "first", "second"),
    "canadian_education_level": ("needed", "chosen"),
    "spouse_not_allowed": ("marital",),
    "spouse_required": ("marital", "fields"),
    "eligibility_expected": ("value",),
    "amount_expected": ("what", "min", "value"),
    "last3_over_work": ("last3", "work"),
    "total_under_sum": ("total", "canada", "abroad"),
    "continuous_over_total": ("continuous", "total"),
    "family_size_with_partner": (),
    "occupation_expected": ("fields", "value"),
    "noc_format": ("value",),
    "noc_unknown": ("noc",),
    "canadian_months_over_total": ("months", "total"),
    "continuous_months_over_total": ("months", "total"),
    "canadian_months_over_work": ("months", "years"),
    "partner_not_allowed": (),
    "partner_expected": ("fields", "value"),
    "spouse_language_for_swap": (),
    "partner_eligibility_expected": ("value",),
    "partner_eligibility_shared": (),
    "swap_impossible": ("reason",),
    "dates_expected": ("value",),
    "date_after_rules": ("value", "rules_date"),
    "birth_age_mismatch": ("real", "rules_date", "age"),
    "date_before_birth": ("value", "birth"),
    "second_test_date_without_results": (),
    "spouse_test_date_without_results": (),
    "work_start_over_years": ("start", "years", "rules_date", "given"),
    "invitation_before_profile": ("invitation", "submitted"),
    "documents_expected": ("fields", "value"),
    "countries_expected": ("value",),
    "countries_problems": ("problems",),
    "country_unknown": ("value",),
    "country_home": (),
    "country_twice": ("country",),
    "spouse_countries_not_allowed": (),
    "foreign_credential_contradiction": (),
    # the command line's own errors (calculator/__main__.py)
    "file_unreadable": ("path", "detail"),
    "rounds_unreadable": ("path", "detail"),
    "rounds_too_deep": ("path",),
    "rounds_not_summary": ("path",),
    "date_option_missing": (),
    "table_unknown": ("tables", "known"),
    "table_unknown_category": ("tables", "categories", "known"),
    # warnings (calculator/notices.py)
    "notice": ("notice",),
    "rules_not_reviewed": ("reviewed", "date"),
    "tef_scale": ("since",),
    "tcf_nclc_4": ("per", "fewer"),
    "levels_entered": (),
    "job_offer_no_points": ("since",),
    "spouse_cpr_single": (),
    "spouse_not_coming_single": (),
    # program eligibility: reasons (need_*: an answer that would decide it, named in "field") and notes
    "need_results_current": ("field",),
    "need_family_size": ("field",),
    "need_settlement_funds": ("field",),
    "need_funds_waiver": ("field",),
    "need_continuous_work": ("field",),
    "need_fsw_grid": ("field", "pass_mark"),
    "need_trade_work": ("field",),
    "need_trade_offer": ("field",),
    "need_canadian_work": ("field",),
    "need_canadian_teer": ("field", "scale", "high", "low"),
    "funds_not_in_data": ("date",),
    "results_too_old": (),
    "fsw_language": ("scale", "min", "lowest"),
    "fsw_work": (),
    "fsw_education": (),
    "fsw_grid_short": ("max_total", "pass_mark"),
    "funds_short": ("size", "required_dollars", "funds_dollars"),
    "fst_language": ("scale", "speaking", "listening", "reading", "writing", "short"),
    "fst_work": ("min", "years"),
    "fst_offer": (),
    "cec_work": ("count",),
    "cec_language": ("scale", "min", "lowest"),
    "cec_language_teer": ("scale", "min", "teer", "lowest"),
    "funds_waived": (),
    "funds_enough": ("size", "required_dollars"),
    "fst_job_requirements": (),
    "cec_exclusions": (),
    # the FSW grid's notes
    "fsw_between": ("total", "max_total", "pass_mark"),
    "fsw_language_low": (),
    # improvements (calculator/improvements.py)
    "raise_score": ("test", "ability", "score", "scale", "from", "to"),
    "raise_level": ("ability", "scale", "from", "to"),
    "spouse_raise_score": ("test", "ability", "score", "scale", "from", "to"),
    "spouse_raise_level": ("ability", "scale", "from", "to"),
    # a CLB/NCLC level (a "level" parameter, with the message's "scale"): 0 is below the lowest level
    "level": ("scale", "n"),
    "level_below": ("scale",),
    "english_test": ("min",),
    "french_test": ("min",),
    "reach_nclc": ("min",),
    "reach_level_all": ("scale", "min"),
    "more_canadian_work": ("count",),
    "more_foreign_work": ("count",),
    "spouse_more_canadian_work": ("count",),
    "second_credential": (),
    "higher_education": ("education",),
    "spouse_higher_education": ("education",),
    "get_nomination": (),
    "get_job_offer": (),
    "get_certificate": (),
    "canadian_study_short": (),
    "canadian_study_long": (),
    "spouse_language_test": ("min",),
    # counted units, used as parameters of the messages above
    "years": ("count",),
    "months": ("count",),
}

# The flat codes of the category and round reasons ({"code", ...params}, calculator/categories.py and rounds.py)
# and of the timeline's warnings (calculator/timeline.py), whose words are the page's own
# (templates/strings/calculator.<language>.yml: `round_reasons`, `timeline.warnings`), with their parameters.
REASON_CODES: dict[str, tuple[str, ...]] = {
    "occupation_not_listed": ("noc",),
    "not_enough_months": ("field", "months", "required"),
    "no_french_results": (),
    "french_below": ("required", "lowest"),
    "no_program": (),
    "program_not_eligible": ("program",),
    "no_nomination": (),
    "category_not_in_force": (),
    "category_rules_not_encoded": (),
    "unknown_round_type": (),
}
TIMELINE_WARNINGS: dict[str, tuple[str, ...]] = {
    "language_expired": ("date", "which"),
    "eca_expired": ("date",),
    "profile_expired": ("date",),
    "invitation_deadline_passed": ("date",),
}

# What a parameter's value is, by the parameter's name, when it is not a number or words to show as they are:
# "date" (YYYY-MM-DD, shown in the reader's format), "dollars" (Canadian dollars), or the table of words its keys
# are looked up in: "words.<table>" (messages.json's words), "labels.<table>" (labels.json), "notices" (a notice's
# message by id: meta.json, or templates/strings/notices.<language>.yml), or "level" (a CLB/NCLC level on the
# message's "scale": the words of the code "level", or "level_below" for 0). A list value is each item so looked up.
# (Levels are numbers, not nested messages, because improvements carry several on every score: each nested dict
# is JSON to write and read again.)
PARAM_KINDS: dict[str, str] = {
    "what": "words.field",
    "test": "words.test", "first": "words.test", "second": "words.test",
    "ability": "words.ability", "short": "words.ability",
    "scale": "words.scale",
    "other": "words.language",
    "needed": "labels.education_short", "chosen": "labels.education_short", "education": "labels.education_short",
    "marital": "labels.marital_status",
    "notice": "notices",
    "since": "date", "earliest": "date", "reviewed": "date", "date": "date", "rules_date": "date", "start": "date",
    "birth": "date", "invitation": "date", "submitted": "date",
    "required_dollars": "dollars", "funds_dollars": "dollars",
    "from": "level", "to": "level",
}


def msg(code: str, **params: Any) -> dict[str, Any]:
    """A message: its code and parameters (the words come later, in the reader's language)."""
    return {"code": code, "params": params}


_WORDS: dict[str, Any] = {}


def _words() -> dict[str, Any]:
    """messages.json, labels.json and the notices, read on the first rendering (a score renders nothing)."""
    if not _WORDS:
        from .rules import LABELS, META, load_json

        data = load_json("messages.json")
        _WORDS.update(codes=data["codes"], words=data["words"], labels=LABELS,
                      notices={n["id"]: n["message"] for n in META["notices"]})
    return _WORDS


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _date(text: str) -> str:
    """A YYYY-MM-DD date as the English page writes it: 3 November 2026."""
    try:
        return f"{int(text[8:10])} {_MONTHS[int(text[5:7]) - 1]} {int(text[:4])}"
    except (ValueError, IndexError):
        return text


def _number(n: float) -> str:
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,}"
    return f"{int(n):,}"


def _value(name: str, value: Any, words: dict[str, Any], params: dict[str, Any]) -> str:
    if type(value) is dict and "code" in value:
        return render(value["code"], value.get("params") or {})
    if type(value) is list:
        parts = [_value(name, v, words, params) for v in value]
        nested = any(type(v) is dict for v in value)
        return words["words"]["clause_separator" if nested else "list_separator"].join(parts)
    kind = PARAM_KINDS.get(name)
    if value is None:
        return "null"
    if kind == "date" and type(value) is str:
        return _date(value)
    if kind is None or kind == "date":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        return _number(value)
    if kind == "dollars":
        return f"${value:,.0f}"
    if kind == "notices":
        return words["notices"].get(value, str(value))
    if kind == "level":
        scale = params.get("scale")
        return render("level_below", {"scale": scale}) if value == 0 else render("level", {"scale": scale, "n": value})
    group, table = kind.split(".")
    return words[group][table].get(value, str(value))


def render(code: str, params: dict[str, Any]) -> str:
    """The English words of a message (messages.json): plural forms by `count`, keys looked up, numbers 1,234."""
    words = _words()
    text = words["codes"][code]
    if type(text) is dict:
        text = text["one" if params.get("count") == 1 else "other"]
    return text.format_map({k: _value(k, v, words, params) for k, v in params.items()})


def english(data: Any) -> Any:
    """A copy of a result (or any part of one) with an English "message" next to every code that has words."""
    if isinstance(data, dict):  # FrozenDict (shared category results) too
        out = {k: english(v) for k, v in data.items()}
        code = data.get("code")
        if type(code) is str and code in CODES and "message" not in data and type(data.get("params")) is dict:
            out["message"] = render(code, data["params"])
        return out
    if isinstance(data, (list, tuple)):
        return [english(v) for v in data]
    return data

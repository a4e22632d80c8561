"""Warnings attached to a result, as codes (calculator/codes.py): rules we could not verify, and known
differences with IRCC's tool. The page words them; the command line renders the English."""

from __future__ import annotations

from .profile import Profile
from .rules import META, PARAMETERS, REVIEWED, parameter_entry

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

# The warnings whose parameters never change, made once and shared by every result (read-only by convention).
_NOTICES = tuple((n["from"], {"code": "notice", "params": {"notice": n["id"]}}) for n in META["notices"])
_TEF = {"code": "tef_scale", "params": {"since": PARAMETERS["language.tef"][0]["from"]}}
_LEVELS = {"code": "levels_entered", "params": {}}
_SPOUSE_CPR = {"code": "spouse_cpr_single", "params": {}}
_SPOUSE_NOT_COMING = {"code": "spouse_not_coming_single", "params": {}}


def warnings(p: Profile, lines: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    date = p.rules_date
    for since, notice in _NOTICES:
        if date >= since:
            out.append(notice)
    if date > REVIEWED:
        out.append({"code": "rules_not_reviewed", "params": {"reviewed": REVIEWED, "date": date}})
    tests = {p.lang1.test}
    if p.lang2 is not None:
        tests.add(p.lang2.test)
    if p.with_spouse and p.spouse_lang is not None:
        tests.add(p.spouse_lang.test)
    if "tef" in tests:
        out.append(_TEF)
    if p.lang1.test == "tcf" and 4 in p.lang1.clb:
        per = p.rules.first_language[1 if p.with_spouse else 0][4]
        out.append({"code": "tcf_nclc_4", "params": {"per": per, "fewer": per * p.lang1.clb.count(4)}})
    if tests & {"clb", "nclc"}:
        out.append(_LEVELS)
    if p.job_offer not in ("none", "teer_4_5") and lines["job_offer"] == 0:
        since = parameter_entry("crs.job_offer", date)["from"]
        out.append({"code": "job_offer_no_points", "params": {"since": since}})
    if p.marital_status in ("married", "common_law") and not p.with_spouse:
        out.append(_SPOUSE_CPR if p.spouse_cpr else _SPOUSE_NOT_COMING)
    return out

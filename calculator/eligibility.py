"""Eligibility for the three Express Entry programs: FSW, FST and CEC.

Each requirement is met, unmet (with the reason) or unknown (an optional answer is missing). A
program is not_eligible when any requirement is unmet, else unknown when any is unknown, else
eligible. Unknown answers are never guessed. Reasons and notes are codes ({"code", "params"},
calculator/codes.py); a reason that an answer would decide names it in params["field"].
"""

from __future__ import annotations

from .occupations import teer
from .profile import Profile
from .rules import ABILITIES, EDUCATION_RANK

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

VALID_OFFERS = ("teer_0_major_group_00", "teer_0_1_2_3")


def _msg(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


# The reasons and notes whose parameters never change, made once and shared by every result (read-only).
_TOO_OLD = _msg("results_too_old")
_FSW_WORK = _msg("fsw_work")
_FSW_EDUCATION = _msg("fsw_education")
_FST_OFFER = _msg("fst_offer")
_FUNDS_WAIVED = _msg("funds_waived")
_FST_JOB = _msg("fst_job_requirements")
_CEC_EXCLUSIONS = _msg("cec_exclusions")
_NEEDS: dict[tuple[str, str], dict[str, Any]] = {}  # (field, code) -> the shared message


class _Check:
    def __init__(self) -> None:
        self.unmet: list[dict[str, Any]] = []
        self.unknown: list[dict[str, Any]] = []
        self.needs: list[str] = []
        self.notes: list[dict[str, Any]] = []

    def need(self, field: str, code: str, params: dict[str, Any] | None = None) -> None:
        """An answer that would decide a requirement: `code` says why it matters (`params`: its other parameters).

        Those without other parameters are made once and shared by every result (read-only by convention).
        """
        if params is None:
            message = _NEEDS.get((field, code))
            if message is None:
                message = _NEEDS[(field, code)] = {"code": code, "params": {"field": field}}
        else:
            message = {"code": code, "params": {"field": field, **params}}
        self.unknown.append(message)
        if field not in self.needs:
            self.needs.append(field)

    def result(self) -> dict[str, Any]:
        if self.unmet:
            status, reasons = "not_eligible", self.unmet
        elif self.unknown:
            status, reasons = "unknown", self.unknown
        else:
            status, reasons = "eligible", []
        return {"status": status, "reasons": reasons, "needs": self.needs, "notes": self.notes}


def _lang_name(p: Profile) -> str:
    """The scale of the first language's levels, as a words key: "english" (CLB) or "french" (NCLC)."""
    return p.lang1.language


def _results_current(p: Profile, c: _Check) -> None:
    current = p.elig.get("language_results_under_2_years")
    if current is False:
        c.unmet.append(_TOO_OLD)
    elif current is None:
        c.need("eligibility.language_results_under_2_years", "need_results_current")


def _waived(p: Profile, has_offer: bool) -> bool:
    """Proof of funds is waived for FSW and FST when authorized to work in Canada with a valid job offer."""
    return bool(p.elig.get("authorized_to_work")) and has_offer


def funds_exemption(p: Profile, programs: dict[str, Any]) -> str | None:
    """Why this profile needs no proof of funds ("cec", "authorized_with_offer"), or None when it may need it.

    CEC invitations never need it; FSW and FST waive it as `_funds` does (the job offer each program counts).
    """
    if programs["cec"]["status"] == "eligible":
        return "cec"
    if _waived(p, p.job_offer in VALID_OFFERS) or _waived(p, p.elig.get("trade_job_offer") is True):
        return "authorized_with_offer"
    return None


def _funds(p: Profile, c: _Check, has_offer: bool) -> None:
    """Proof of settlement funds, waived when authorized to work in Canada with a valid job offer."""
    e = p.elig
    authorized = e.get("authorized_to_work")
    if _waived(p, has_offer):
        c.notes.append(_FUNDS_WAIVED)
        return
    size, funds = e.get("family_size"), e.get("settlement_funds")
    if size is None:
        c.need("eligibility.family_size", "need_family_size")
    if funds is None:
        c.need("eligibility.settlement_funds", "need_settlement_funds")
    if size is not None:
        required = p.rules.funds_required(size)
        if required is None:
            c.unknown.append({"code": "funds_not_in_data", "params": {"date": p.rules_date}})
            return
        if funds is not None:
            if funds >= required:
                c.notes.append({"code": "funds_enough", "params": {"size": size, "required_dollars": required}})
            elif has_offer and authorized is None:
                c.need("eligibility.authorized_to_work", "need_funds_waiver")
            else:
                c.unmet.append({"code": "funds_short", "params": {"size": size, "required_dollars": required,
                                                                     "funds_dollars": funds}})
            return
    if has_offer and authorized is None:
        c.need("eligibility.authorized_to_work", "need_funds_waiver")


def fsw(p: Profile, fsw_grid: dict[str, Any]) -> dict[str, Any]:
    c = _Check()
    req = p.rules.elig_fsw
    _results_current(p, c)
    low = min(p.lang1.clb)
    if low < req["min_clb"]:
        c.unmet.append({"code": "fsw_language", "params": {"scale": _lang_name(p), "min": req["min_clb"],
                                                                "lowest": low}})
    cont = p.elig.get("continuous_work_years")
    if cont is None:
        c.need("eligibility.continuous_work_years", "need_continuous_work")
    elif cont < req["min_continuous_work_years"]:
        c.unmet.append(_FSW_WORK)
    if EDUCATION_RANK[p.education] < EDUCATION_RANK[req["min_education"]]:
        c.unmet.append(_FSW_EDUCATION)
    if fsw_grid["passes"] is False:
        c.unmet.append({"code": "fsw_grid_short", "params": {"max_total": fsw_grid["max_total"],
                                                                  "pass_mark": fsw_grid["pass_mark"]}})
    elif fsw_grid["passes"] is None:
        for field in fsw_grid["needs"]:
            c.need(field, "need_fsw_grid", {"pass_mark": fsw_grid["pass_mark"]})
    _funds(p, c, p.job_offer in VALID_OFFERS)
    return c.result()


def fst(p: Profile) -> dict[str, Any]:
    c = _Check()
    req = p.rules.elig_fst
    _results_current(p, c)
    mins = req["min_clb"]
    s, li, r, w = p.lang1.clb
    if s < mins["speaking"] or li < mins["listening"] or r < mins["reading"] or w < mins["writing"]:
        short = [a for a, lv in zip(ABILITIES, p.lang1.clb, strict=True) if lv < mins[a]]
        c.unmet.append({"code": "fst_language", "params": {
            "scale": _lang_name(p), "speaking": mins["speaking"], "listening": mins["listening"],
            "reading": mins["reading"], "writing": mins["writing"], "short": short}})
    years = p.elig.get("trade_work_years_last_5")
    if years is None:
        c.need("eligibility.trade_work_years_last_5", "need_trade_work")
    elif years < req["min_trade_work_years_last_5"]:
        c.unmet.append({"code": "fst_work", "params": {"min": req["min_trade_work_years_last_5"], "years": years}})
    offer = p.elig.get("trade_job_offer")
    if not p.certificate:
        if offer is None:
            c.need("eligibility.trade_job_offer", "need_trade_offer")
        elif offer is False:
            c.unmet.append(_FST_OFFER)
    _funds(p, c, offer is True)
    c.notes.append(_FST_JOB)
    return c.result()


def _canadian_occupation(p: Profile) -> int | None:
    """The TEER of the visitor's occupation when it alone gives a year of skilled work in Canada in the last 3 years
    (12 months or more there): then it answers CEC's questions that the eligibility answers left open."""
    occupation = p.occupation
    code, months = occupation.get("noc"), occupation.get("canadian_months_last_3_years")
    if code is None or months is None or months < 12:
        return None
    level = teer(code)
    return level if level <= 3 else None


def cec(p: Profile) -> dict[str, Any]:
    c = _Check()
    req = p.rules.elig_cec
    _results_current(p, c)
    last3 = p.elig.get("canadian_work_years_last_3")
    occupation_teer = _canadian_occupation(p)
    if last3 is None and occupation_teer is not None:
        last3 = p.occupation["canadian_months_last_3_years"] // 12
    minimum = req["min_canadian_work_years_last_3"]
    if p.canadian_work < minimum or last3 is not None and last3 < minimum:
        c.unmet.append({"code": "cec_work", "params": {"count": minimum}})
    elif last3 is None:
        c.need("eligibility.canadian_work_years_last_3", "need_canadian_work")
    low = min(p.lang1.clb)
    high_min, low_min = req["min_clb_teer_0_1"], req["min_clb_teer_2_3"]
    name = _lang_name(p)
    if low < low_min:
        c.unmet.append({"code": "cec_language", "params": {"scale": name, "min": low_min, "lowest": low}})
    elif low < high_min:
        teer = p.elig.get("canadian_work_teer")
        if teer is None and occupation_teer is not None and occupation_teer >= 2:
            teer = occupation_teer  # a year of TEER 2/3 work in Canada meets CEC at CLB 5; TEER 0/1 work decides
            # nothing, since other Canadian work may be TEER 2 or 3
        if teer is None:
            c.need("eligibility.canadian_work_teer", "need_canadian_teer",
                   {"scale": name, "high": high_min, "low": low_min})
        elif teer <= 1:
            c.unmet.append({"code": "cec_language_teer", "params": {"scale": name, "min": high_min, "teer": teer,
                                                                      "lowest": low}})
    c.notes.append(_CEC_EXCLUSIONS)
    return c.result()


def compute(p: Profile, fsw_grid: dict[str, Any]) -> dict[str, Any]:
    return {"fsw": fsw(p, fsw_grid), "fst": fst(p), "cec": cec(p)}

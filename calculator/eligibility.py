"""Eligibility for the three Express Entry programs: FSW, FST and CEC.

Each requirement is met, unmet (with the reason) or unknown (an optional answer is missing). A
program is not_eligible when any requirement is unmet, else unknown when any is unknown, else
eligible. Unknown answers are never guessed.
"""

from __future__ import annotations

from .occupations import teer
from .profile import Profile
from .rules import ABILITIES, EDUCATION_RANK

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

VALID_OFFERS = ("teer_0_major_group_00", "teer_0_1_2_3")


class _Check:
    def __init__(self) -> None:
        self.unmet: list[str] = []
        self.unknown: list[str] = []
        self.needs: list[str] = []
        self.notes: list[str] = []

    def need(self, field: str, why: str) -> None:
        self.unknown.append(f"unknown: need {field} ({why})")
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
    return "NCLC" if p.lang1.language == "french" else "CLB"


def _results_current(p: Profile, c: _Check) -> None:
    current = p.elig.get("language_results_under_2_years")
    if current is False:
        c.unmet.append("Language test results must be less than two years old.")
    elif current is None:
        c.need("eligibility.language_results_under_2_years", "are your language test results less than two years old?")


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
        c.notes.append("No proof of funds needed: you are authorized to work in Canada and have a valid job offer.")
        return
    waiver_why = "with your job offer, being authorized to work in Canada waives proof of funds"
    size, funds = e.get("family_size"), e.get("settlement_funds")
    if size is None:
        c.need("eligibility.family_size", "the funds needed depend on the number of family members")
    if funds is None:
        c.need("eligibility.settlement_funds", "how much money you can show")
    if size is not None:
        required = p.rules.funds_required(size)
        if required is None:
            c.unknown.append(f"unknown: the proof-of-funds amounts in force on {p.rules_date} are not in our data")
            return
        if funds is not None:
            if funds >= required:
                c.notes.append(f"Proof of funds: a family of {size} needs ${required:,}.")
            elif has_offer and authorized is None:
                c.need("eligibility.authorized_to_work", waiver_why)
            else:
                c.unmet.append(f"Proof of funds: a family of {size} needs ${required:,}; you have ${funds:,.0f}.")
            return
    if has_offer and authorized is None:
        c.need("eligibility.authorized_to_work", waiver_why)


def fsw(p: Profile, fsw_grid: dict[str, Any]) -> dict[str, Any]:
    c = _Check()
    req = p.rules.elig_fsw
    _results_current(p, c)
    low = min(p.lang1.clb)
    if low < req["min_clb"]:
        c.unmet.append(f"Language: {_lang_name(p)} {req['min_clb']} or more is needed in all four abilities of the "
                       f"first official language (lowest is {low}).")
    cont = p.elig.get("continuous_work_years")
    if cont is None:
        c.need("eligibility.continuous_work_years",
               "one year of continuous full-time skilled work in one occupation in the last 10 years is required")
    elif cont < req["min_continuous_work_years"]:
        c.unmet.append("Work: at least one year of continuous full-time (or equal part-time) paid skilled work "
                       "(TEER 0-3) in one occupation in the last 10 years is required.")
    if EDUCATION_RANK[p.education] < EDUCATION_RANK[req["min_education"]]:
        c.unmet.append("Education: a secondary (high school) diploma or higher is required (foreign credentials "
                       "need an ECA).")
    if fsw_grid["passes"] is False:
        c.unmet.append(f"Selection grid: {fsw_grid['max_total']} points at most, under the pass mark of "
                       f"{fsw_grid['pass_mark']}.")
    elif fsw_grid["passes"] is None:
        for field in fsw_grid["needs"]:
            c.need(field, f"it decides whether you reach {fsw_grid['pass_mark']} points on the FSW grid")
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
        need = ", ".join(f"{a} {mins[a]}" for a in ABILITIES)
        c.unmet.append(f"Language: {_lang_name(p)} {need} are needed; too low in {', '.join(short)}.")
    years = p.elig.get("trade_work_years_last_5")
    if years is None:
        c.need("eligibility.trade_work_years_last_5", "two years of work in a skilled trade in the last 5 years")
    elif years < req["min_trade_work_years_last_5"]:
        c.unmet.append(f"Work: at least {req['min_trade_work_years_last_5']} years of full-time work in a skilled "
                       f"trade in the last 5 years are required ({years}).")
    offer = p.elig.get("trade_job_offer")
    if not p.certificate:
        if offer is None:
            c.need("eligibility.trade_job_offer",
                   "FST needs a job offer in the trade for at least a year or a certificate of qualification")
        elif offer is False:
            c.unmet.append("A valid full-time job offer in the trade for at least one year, or a certificate of "
                           "qualification in the trade from a Canadian province, territory or federal body, is "
                           "required.")
    _funds(p, c, offer is True)
    c.notes.append("You must also meet the job requirements of your trade in the National Occupational "
                   "Classification; this is not checked here.")
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
    if p.canadian_work < minimum:
        c.unmet.append(f"Work: at least {minimum} year of skilled work (TEER 0-3) in Canada in the last 3 years is "
                       "required.")
    elif last3 is None:
        c.need("eligibility.canadian_work_years_last_3", "one year of skilled Canadian work in the last 3 years")
    elif last3 < minimum:
        c.unmet.append(f"Work: at least {minimum} year of skilled work (TEER 0-3) in Canada in the last 3 years is "
                       "required.")
    low = min(p.lang1.clb)
    high_min, low_min = req["min_clb_teer_0_1"], req["min_clb_teer_2_3"]
    name = _lang_name(p)
    if low < low_min:
        c.unmet.append(f"Language: {name} {low_min} or more in all four abilities is needed (lowest is {low}).")
    elif low < high_min:
        teer = p.elig.get("canadian_work_teer")
        if teer is None and occupation_teer is not None and occupation_teer >= 2:
            teer = occupation_teer  # a year of TEER 2/3 work in Canada meets CEC at CLB 5; TEER 0/1 work decides
            # nothing, since other Canadian work may be TEER 2 or 3
        if teer is None:
            c.need("eligibility.canadian_work_teer",
                   f"{name} {high_min} is needed for TEER 0 or 1 work, {name} {low_min} for TEER 2 or 3")
        elif teer <= 1:
            c.unmet.append(f"Language: {name} {high_min} in all four abilities is needed for TEER {teer} work "
                           f"(lowest is {low}).")
    c.notes.append("Self-employment and work while a full-time student do not count.")
    return c.result()


def compute(p: Profile, fsw_grid: dict[str, Any]) -> dict[str, Any]:
    return {"fsw": fsw(p, fsw_grid), "fst": fst(p), "cec": cec(p)}

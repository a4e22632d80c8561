"""Plain-English warnings attached to a result: rules we could not verify, and known differences with IRCC's tool."""

from __future__ import annotations

from .profile import Profile
from .rules import META, PARAMETERS, REVIEWED, parameter_entry


def warnings(p: Profile, lines: dict[str, int]) -> list[str]:
    out = []
    date = p.rules_date
    for notice in META["notices"]:
        if date >= notice["from"]:
            out.append(notice["message"])
    if date > REVIEWED:
        out.append(f"These rules were last reviewed on {REVIEWED}. Changes announced after that date are not "
                   f"included in a score for {date}.")
    tests = {p.lang1.test}
    if p.lang2 is not None:
        tests.add(p.lang2.test)
    if p.with_spouse and p.spouse_lang is not None:
        tests.add(p.spouse_lang.test)
    if "tef" in tests:
        since = PARAMETERS["language.tef"][0]["from"]
        out.append("TEF Canada: this score converts the 0-699 results (the table for tests taken on or after "
                   f"{since}). IRCC's own CRS tool asks for the \"Équivalence ancien score\" column of your "
                   "results sheet instead; to compare line by line with it, enter those numbers as test "
                   "\"tef_old_scale\".")
    if p.lang1.test == "tcf" and 4 in p.lang1.clb:
        per = p.rules.first_language[1 if p.with_spouse else 0][4]
        out.append(f"TCF Canada at NCLC 4: IRCC's own CRS tool gives 0 points for NCLC 4 with TCF, against its "
                   f"published grid ({per} points per ability). This score follows the grid, so the official tool "
                   f"may show {per * p.lang1.clb.count(4)} fewer points.")
    if tests & {"clb", "nclc"}:
        out.append("Language levels were entered directly as CLB/NCLC: IRCC scores your actual test results, which "
                   "must be less than two years old.")
    if p.job_offer not in ("none", "teer_4_5") and lines["job_offer"] == 0:
        since = parameter_entry("crs.job_offer", date)["from"]
        out.append(f"Job offers earn no CRS points under the rules in force since {since}. A valid job offer still "
                   "counts for FSW and FST eligibility and can waive proof of funds.")
    if p.marital_status in ("married", "common_law") and not p.with_spouse:
        why = "is a Canadian citizen or permanent resident" if p.spouse_cpr else "will not come with you to Canada"
        out.append(f"Your spouse or partner {why}, so you are scored as a single applicant (no spouse factors).")
    return out

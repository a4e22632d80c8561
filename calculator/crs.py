"""The Comprehensive Ranking System: the four sections, every line of IRCC's tool, and the caps.

Each section is a small function of plain values (CLB tuples, years, levels) so improvements.py can
re-score a changed profile by calling the same code: what-if totals can never drift from the score.
"""

from __future__ import annotations

from .profile import Lang, Profile
from .rules import MAX_YEARS, Rules

Clb = tuple[int, ...]


def language_points(rules: Rules, ws: int, clb1: Clb, clb2: Clb | None) -> tuple[int, int]:
    """(first official language, second official language) points."""
    table = rules.first_language[ws]
    first = table[clb1[0]] + table[clb1[1]] + table[clb1[2]] + table[clb1[3]]
    if clb2 is None:
        return first, 0
    table = rules.second_language[ws]
    return first, min(rules.cap_second[ws], table[clb2[0]] + table[clb2[1]] + table[clb2[2]] + table[clb2[3]])


def core(rules: Rules, ws: int, age: int, education: str, clb1: Clb, clb2: Clb | None,
         canadian_work: int) -> tuple[int, int, int, int, int]:
    """(age, education, first language, second language, Canadian work); `ws` is 1 when scored with spouse."""
    first, second = language_points(rules, ws, clb1, clb2)
    return (
        rules.age[ws][min(age, len(rules.age[ws]) - 1)],
        rules.education[education][ws],
        first,
        second,
        rules.canadian_work[ws][min(canadian_work, MAX_YEARS)],
    )


def spouse(rules: Rules, education: str | None, clb: Clb | None, canadian_work: int | None) -> tuple[int, int, int]:
    """(education, language, Canadian work) of an accompanying spouse who is not a citizen or PR."""
    lang = 0
    if clb is not None:
        t = rules.spouse_language
        lang = t[clb[0]] + t[clb[1]] + t[clb[2]] + t[clb[3]]
    return (
        rules.spouse_education[education] if education is not None else 0,
        lang,
        rules.spouse_canadian_work[min(canadian_work or 0, MAX_YEARS)],
    )


def transferability(rules: Rules, education: str, low: int, canadian_work: int, foreign_work: int,
                    certificate: bool) -> tuple[int, int, int, int, int, int, int]:
    """(education A, education B, education subtotal, foreign A, foreign B, foreign subtotal, certificate).

    `low` is the lowest first-language level (CLB/NCLC) of the four abilities: all that this section uses.
    """
    group_cap = rules.cap_group
    # language band: 0 (some ability under CLB 7), 1 (CLB 7+ in all four), 2 (CLB 9+ in all four)
    band = 2 if low >= rules.t_band9 else (1 if low >= rules.t_band7 else 0)
    work_band = 2 if canadian_work >= 2 else (1 if canadian_work >= 1 else 0)
    tier = rules.t_edu_tier[education]
    edu_a = rules.t_edu_lang[tier][band]
    edu_b = rules.t_edu_work[tier][work_band]
    ftier = rules.t_foreign_tier[min(foreign_work, MAX_YEARS)]
    for_a = rules.t_for_lang[ftier][band]
    for_b = rules.t_for_work[ftier][work_band]
    cert = 0
    if certificate:
        lower_clb, lower, higher_clb, higher = rules.t_cert
        cert = higher if low >= higher_clb else (lower if low >= lower_clb else 0)
    edu = edu_a + edu_b
    foreign = for_a + for_b
    return (edu_a, edu_b, edu if edu < group_cap else group_cap, for_a, for_b,
            foreign if foreign < group_cap else group_cap, cert)


def french_points(rules: Rules, french: Clb | None, english: Clb | None) -> int:
    """Additional points for French: NCLC 7+ in all four, more with CLB 5+ in all four English abilities."""
    min_nclc, min_english, without_english, with_english = rules.french
    if french is None or min(french) < min_nclc:
        return 0
    if english is not None and min(english) >= min_english:
        return with_english
    return without_english


def additional(rules: Rules, nomination: bool, job_offer: str, canadian_education: str, sibling: bool,
               french: Clb | None, english: Clb | None) -> tuple[int, int, int, int, int]:
    """(provincial nomination, job offer, study in Canada, sibling, French) before the 600 cap."""
    return (
        rules.pnp if nomination else 0,
        rules.job_offer[job_offer],
        rules.canadian_education[canadian_education],
        rules.sibling if sibling else 0,
        french_points(rules, french, english),
    )


def french_english(lang1: Lang, lang2: Lang | None) -> tuple[Clb | None, Clb | None]:
    """(French levels, English levels) from first and second language results."""
    second = lang2.clb if lang2 is not None else None
    if lang1.language == "french":
        return lang1.clb, second
    return second, lang1.clb


def transferability_subtotal(rules: Rules, pts: tuple[int, ...]) -> int:
    # the two group subtotals (already capped at 50 each) and the certificate
    return min(rules.cap_transferability, pts[2] + pts[5] + pts[6])


def totals(rules: Rules, ws: int, core_pts: tuple[int, ...], spouse_pts: tuple[int, ...],
           transfer_pts: tuple[int, ...], additional_pts: tuple[int, ...]) -> tuple[int, int, int, int, int]:
    """(core, spouse, transferability, additional, total) with every cap applied."""
    return capped(rules, ws, sum(core_pts), sum(spouse_pts) if ws else 0,
                  transferability_subtotal(rules, transfer_pts), sum(additional_pts))


def capped(rules: Rules, ws: int, core: int, spouse: int, transfer: int,
           additional: int) -> tuple[int, int, int, int, int]:
    """The section caps and the grand total's caps, from section points before their caps (transferability
    comes capped): totals() for a profile, and improvements.py for each what-if."""
    # conditionals, not min(): this runs for every what-if of every score
    cap = rules.cap_core[ws]
    c = core if core < cap else cap
    s = spouse if spouse < rules.cap_spouse else rules.cap_spouse
    a = additional if additional < rules.cap_additional else rules.cap_additional
    cs = c + s if c + s < rules.cap_core_and_spouse else rules.cap_core_and_spouse
    total = cs + transfer + a
    return c, s, transfer, a, total if total < rules.cap_total else rules.cap_total


def sections(p: Profile) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Raw section points of a validated profile."""
    r = p.rules
    ws = 1 if p.with_spouse else 0
    clb2 = p.lang2.clb if p.lang2 is not None else None
    core_pts = core(r, ws, p.age, p.education, p.lang1.clb, clb2, p.canadian_work)
    if ws:
        sp_clb = p.spouse_lang.clb if p.spouse_lang is not None else None
        spouse_pts = spouse(r, p.spouse_education, sp_clb, p.spouse_work)
    else:
        spouse_pts = (0, 0, 0)
    transfer_pts = transferability(r, p.education, min(p.lang1.clb), p.canadian_work, p.foreign_work,
                                   p.certificate)
    fr, en = french_english(p.lang1, p.lang2)
    additional_pts = additional(r, p.nomination, p.job_offer, p.canadian_education, p.sibling, fr, en)
    return core_pts, spouse_pts, transfer_pts, additional_pts


def score(p: Profile, base: tuple[tuple[int, ...], ...] | None = None) -> tuple[int, dict[str, int], dict[str, int]]:
    """(total, subtotals, lines) for a validated profile (`base`: its sections(), if already computed)."""
    r = p.rules
    ws = 1 if p.with_spouse else 0
    core_pts, spouse_pts, transfer_pts, additional_pts = base if base is not None else sections(p)
    c, s, t, a, total = totals(r, ws, core_pts, spouse_pts, transfer_pts, additional_pts)
    lines = {
        "age": core_pts[0],
        "education": core_pts[1],
        "official_languages": core_pts[2] + core_pts[3],
        "first_language": core_pts[2],
        "second_language": core_pts[3],
        "canadian_work": core_pts[4],
        "spouse_education": spouse_pts[0],
        "spouse_language": spouse_pts[1],
        "spouse_canadian_work": spouse_pts[2],
        "transferability_education_language": transfer_pts[0],
        "transferability_education_canadian_work": transfer_pts[1],
        "transferability_education": transfer_pts[2],
        "transferability_foreign_language": transfer_pts[3],
        "transferability_foreign_canadian_work": transfer_pts[4],
        "transferability_foreign_work": transfer_pts[5],
        "certificate": transfer_pts[6],
        "provincial_nomination": additional_pts[0],
        "job_offer": additional_pts[1],
        "study_in_canada": additional_pts[2],
        "sibling": additional_pts[3],
        "french": additional_pts[4],
    }
    return total, {"core": c, "spouse": s, "transferability": t, "additional": a}, lines

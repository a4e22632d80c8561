"""What-if improvements: single changes to a profile and how many CRS points each would add.

Each change re-scores the profile through the same section functions as the score itself (crs.py),
recomputing only the sections the change touches, so this stays cheap enough to run on every score.
"""

from __future__ import annotations

from . import crs
from . import language as lang
from .profile import Lang, Profile
from .rules import ABILITIES, EDUCATION_LEVELS, LABELS

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

_KEYS_FIRST = tuple(f"first_language.{a}" for a in ABILITIES)
_KEYS_SECOND = tuple(f"second_language.{a}" for a in ABILITIES)
_KEYS_SPOUSE = tuple(f"spouse.language.{a}" for a in ABILITIES)
_NEXT_EDUCATION = dict(zip(EDUCATION_LEVELS, EDUCATION_LEVELS[1:], strict=False))
_SHORT = LABELS["education_short"]


def _next_level(level: int) -> int | None:
    if level >= 10:
        return None
    return 4 if level < 4 else level + 1


def _level_name(language: str, level: int) -> str:
    name = "NCLC" if language == "french" else "CLB"
    return f"below {name} 4" if level == 0 else f"{name} {level}"


_RAISE_TEXTS: dict[tuple, str] = {}  # the same few hundred texts come back on every score: build each once


def _raise_text(p: Profile, res: Lang, ability: str, new: int, whose: str) -> str:
    old = res.clb[ABILITIES.index(ability)]
    key = (p.rules.effective_from, res.test, ability, old, new, whose)
    text = _RAISE_TEXTS.get(key)
    if text is not None:
        return text
    name = lang.TESTS[res.test]
    levels = f"{_level_name(res.language, old)} to {_level_name(res.language, new)}"
    if name.get("direct"):
        text = f"Raise {whose} {ability} from {levels}"
    else:
        target = lang.min_score(p.rules, res.test, ability, new)
        shown = lang.display_score(res.test, target) if target is not None else "?"
        text = f"Raise {whose} {name['name']} {ability} score to {shown} ({levels})"
    _RAISE_TEXTS[key] = text
    return text


def _years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


def _with(clb: tuple[int, ...], i: int, level: int) -> tuple[int, ...]:
    return clb[:i] + (level,) + clb[i + 1:]


def compute(p: Profile, base: tuple[tuple[int, ...], ...], base_total: int) -> list[dict[str, Any]]:
    r = p.rules
    ws = 1 if p.with_spouse else 0
    core0, spouse0, transfer0, add0 = base
    c0, s0, t0, a0 = (crs.core_subtotal(r, ws, core0), crs.spouse_subtotal(r, ws, spouse0),
                      crs.transferability_subtotal(r, transfer0), crs.additional_subtotal(r, add0))
    clb1 = p.lang1.clb
    clb2 = p.lang2.clb if p.lang2 is not None else None
    first_is_french = p.lang1.language == "french"
    out: list[dict[str, Any]] = []

    # Each candidate passes the section subtotals it changes. `change` is the text, or for a language level
    # the arguments of _raise_text, built only for changes that gain points.
    def add(key: str, change: Any, c: int = c0, s: int = s0, t: int = t0, a: int = a0) -> None:
        total = crs.grand_total(r, c, s, t, a)
        if total > base_total:
            text = change if type(change) is str else _raise_text(p, *change)
            out.append({"key": key, "change": text, "gain": total - base_total, "new_total": total})

    # Re-score one section with some inputs changed (defaults: the profile's own values).
    edu, cw0, fw0 = p.education, p.canadian_work, p.foreign_work
    fr0, en0 = crs.french_english(p.lang1, p.lang2)
    sp_clb0 = p.spouse_lang.clb if p.spouse_lang is not None else None

    def core_with(education: str = edu, canadian_work: int = cw0) -> int:
        return crs.core_subtotal(r, ws, crs.core(r, ws, p.age, education, clb1, clb2, canadian_work))

    def transfer_with(education: str = edu, clb: tuple[int, ...] = clb1, canadian_work: int = cw0,
                      foreign_work: int = fw0, certificate: bool = p.certificate) -> int:
        pts = crs.transferability(r, education, clb, canadian_work, foreign_work, certificate)
        return crs.transferability_subtotal(r, pts)

    def additional_with(nomination: bool = p.nomination, job_offer: str = p.job_offer,
                        canadian_education: str = p.canadian_education) -> int:
        pts = crs.additional(r, nomination, job_offer, canadian_education, p.sibling, fr0, en0)
        return crs.additional_subtotal(r, pts)

    def spouse_with(education: str | None = p.spouse_education, clb: tuple[int, ...] | None = sp_clb0,
                    canadian_work: int | None = p.spouse_work) -> int:
        return crs.spouse_subtotal(r, ws, crs.spouse(r, education, clb, canadian_work))

    core_rest = sum(core0) - core0[2] - core0[3]
    add_rest = sum(add0) - add0[4]
    low1 = min(clb1)

    def languages(key: str, change: Any, l1: tuple[int, ...], l2: tuple[int, ...] | None) -> None:
        # Only what a language change can touch: language points, transferability (through the lowest
        # first-language level) and the French points.
        first, second = crs.language_points(r, ws, l1, l2)
        c = min(r.cap_core[ws], core_rest + first + second)
        t = t0 if min(l1) == low1 else transfer_with(clb=l1)
        fr, en = (l1, l2) if first_is_french else (l2, l1)
        a = min(r.cap_additional, add_rest + crs.french_points(r, fr, en))
        add(key, change, c=c, t=t, a=a)

    # One level more in one ability of each language result. Inlined (same tables as crs.core) because
    # this loop runs up to eight times per score; the property tests check it against full re-scoring.
    cap_core, cap_add = r.cap_core[ws], r.cap_additional
    core_sum = sum(core0)
    table = r.first_language[ws]
    for i in range(4):
        cur = clb1[i]
        if cur >= 10:
            continue
        nxt = 4 if cur < 4 else cur + 1
        l1 = clb1[:i] + (nxt,) + clb1[i + 1:]
        c = min(cap_core, core_sum + table[nxt] - table[cur])
        t = t0 if cur != low1 or min(l1) == low1 else transfer_with(clb=l1)
        fr, en = (l1, clb2) if first_is_french else (clb2, l1)
        a = min(cap_add, add_rest + crs.french_points(r, fr, en))
        add(_KEYS_FIRST[i], (p.lang1, ABILITIES[i], nxt, "your"), c=c, t=t, a=a)
    if clb2 is not None:
        for i in range(4):
            cur = clb2[i]
            if cur < 10:
                nxt = 4 if cur < 4 else cur + 1
                languages(_KEYS_SECOND[i], (p.lang2, ABILITIES[i], nxt, "your"), clb1, clb2[:i] + (nxt,) + clb2[i + 1:])
    # A test in the other official language (French at NCLC 7 earns the French points).
    min_nclc, min_english = r.french[0], r.french[1]
    if clb2 is None:
        if first_is_french:
            languages("second_language.english_test",
                      f"Take an English test (CELPIP, IELTS or PTE Core) and reach CLB {min_english} in all four "
                      "abilities", clb1, (min_english,) * 4)
        else:
            languages("second_language.french_test",
                      f"Take a French test (TEF Canada or TCF Canada) and reach NCLC {min_nclc} in all four "
                      "abilities", clb1, (min_nclc,) * 4)
    else:
        fr = clb1 if first_is_french else clb2
        if sum(1 for c in fr if c < min_nclc) > 1:
            raised = tuple(max(c, min_nclc) for c in fr)
            change = f"Reach NCLC {min_nclc} in all four French abilities"
            if first_is_french:
                languages("first_language.nclc_7", change, raised, clb2)
            else:
                languages("second_language.nclc_7", change, clb1, raised)

    if p.canadian_work < 5:
        cw = p.canadian_work + 1
        add("canadian_work_years", f"Gain another year of skilled work in Canada ({_years(cw)} in total)",
            c=core_with(canadian_work=cw), t=transfer_with(canadian_work=cw))
    if p.foreign_work < 3:
        fw = p.foreign_work + 1
        add("foreign_work_years", f"Gain another year of skilled work outside Canada ({_years(fw)} in total)",
            t=transfer_with(foreign_work=fw))
    nxt_edu = _NEXT_EDUCATION.get(p.education)
    if nxt_edu is not None:
        text = ("Get a second credential assessed (two or more credentials, one of three years or longer)"
                if nxt_edu == "two_or_more" else f"Complete a higher level of education: {_SHORT[nxt_edu]}")
        add("education", text, c=core_with(education=nxt_edu), t=transfer_with(education=nxt_edu))
    if not p.nomination:
        add("provincial_nomination", "Get a provincial or territorial nomination", a=additional_with(nomination=True))
    if p.job_offer in ("none", "teer_4_5"):
        add("job_offer", "Get a valid job offer in a TEER 1, 2 or 3 occupation",
            a=additional_with(job_offer="teer_0_1_2_3"))
    if not p.certificate:
        add("certificate_of_qualification",
            "Get a certificate of qualification in your trade from a Canadian province or territory "
            "(skilled trades only)", t=transfer_with(certificate=True))
    if p.canadian_education == "none" and p.education in EDUCATION_LEVELS[2:]:
        add("canadian_education", "Complete a one- or two-year post-secondary program in Canada",
            a=additional_with(canadian_education="one_or_two_year"))
    if p.canadian_education != "three_year_or_more" and p.education in EDUCATION_LEVELS[4:]:
        add("canadian_education.three_year_or_more",
            "Complete a Canadian degree of three years or longer, or a Canadian master's or doctoral degree",
            a=additional_with(canadian_education="three_year_or_more"))

    if ws:
        sp = p.spouse_lang
        if sp is None:
            add("spouse.language_test",
                "Your spouse or partner takes a language test and reaches CLB 7 in all four abilities",
                s=spouse_with(clb=(7, 7, 7, 7)))
        else:
            for i, ability in enumerate(ABILITIES):
                nxt = _next_level(sp.clb[i])
                if nxt is not None:
                    add(_KEYS_SPOUSE[i], (sp, ability, nxt, "your spouse's"),
                        s=spouse_with(clb=_with(sp.clb, i, nxt)))
        nxt_sp = _NEXT_EDUCATION.get(p.spouse_education)
        if nxt_sp is not None:
            add("spouse.education", f"Your spouse or partner gets a higher credential assessed: {_SHORT[nxt_sp]}",
                s=spouse_with(education=nxt_sp))
        if p.spouse_work < 5:
            add("spouse.canadian_work_years",
                f"Your spouse or partner gains another year of skilled work in Canada ({_years(p.spouse_work + 1)} "
                "in total)", s=spouse_with(canadian_work=p.spouse_work + 1))

    out.sort(key=lambda item: -item["gain"])  # stable: equal gains keep the order above
    return out

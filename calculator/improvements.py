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


def compute(p: Profile, base: tuple[tuple[int, ...], ...], base_total: int) -> list[dict[str, Any]]:
    """The single changes that raise the total, best first. `base` is crs.sections(p).

    A change re-scores only the parts of the profile it touches: a section's points are its base points
    with the changed component looked up again in the same rules tables (transferability, with its group
    caps, is recomputed whole by crs.transferability); the caps and the grand total come from crs. The
    property tests check every gain against a full re-score of the changed profile.
    """
    r = p.rules
    ws = 1 if p.with_spouse else 0
    core0, spouse0, transfer0, add0 = base
    core_sum, spouse_sum, add_sum = sum(core0), sum(spouse0), sum(add0)
    cap_core, cap_spouse, cap_add = r.cap_core[ws], r.cap_spouse, r.cap_additional
    c0, s0 = min(cap_core, core_sum), (min(cap_spouse, spouse_sum) if ws else 0)
    t0, a0 = crs.transferability_subtotal(r, transfer0), min(cap_add, add_sum)
    grand_total = crs.grand_total
    clb1 = p.lang1.clb
    clb2 = p.lang2.clb if p.lang2 is not None else None
    first_is_french = p.lang1.language == "french"
    low1 = min(clb1)
    out: list[dict[str, Any]] = []

    # `change` is the text, or for a language level the arguments of _raise_text (built only if it gains).
    def add(key: str, change: Any, c: int = c0, s: int = s0, t: int = t0, a: int = a0) -> None:
        if c + s + t + a <= c0 + s0 + t0 + a0:  # no section rose: the capped total cannot rise either
            return
        total = grand_total(r, c, s, t, a)
        if total > base_total:
            text = change if type(change) is str else _raise_text(p, *change)
            out.append({"key": key, "change": text, "gain": total - base_total, "new_total": total})

    def transfer_with(education: str = p.education, low: int = low1, canadian_work: int = p.canadian_work,
                      foreign_work: int = p.foreign_work, certificate: bool = p.certificate) -> int:
        pts = crs.transferability(r, education, low, canadian_work, foreign_work, certificate)
        return crs.transferability_subtotal(r, pts)

    def languages(key: str, change: Any, l1: tuple[int, ...], l2: tuple[int, ...] | None) -> None:
        # language points, transferability (through the lowest first-language level) and French points
        first, second = crs.language_points(r, ws, l1, l2)
        c = min(cap_core, core_sum - core0[2] - core0[3] + first + second)
        low = min(l1)
        t = t0 if low == low1 else transfer_with(low=low)
        fr, en = (l1, l2) if first_is_french else (l2, l1)
        a = min(cap_add, add_sum - add0[4] + crs.french_points(r, fr, en))
        add(key, change, c=c, t=t, a=a)

    # One level more in one ability of each language result: the hottest loop (up to 8 candidates), so
    # only what a level can change is looked up again: that ability's points, transferability when the
    # lowest first-language level rises, and the French points when they depend on it.
    min_nclc, min_english = r.french[0], r.french[1]
    fr0, en0 = (clb1, clb2) if first_is_french else (clb2, clb1)
    table = r.first_language[ws]
    english_matters = fr0 is not None and min(fr0) >= min_nclc
    for i in range(4):
        cur = clb1[i]
        if cur < 10:
            nxt = 4 if cur < 4 else cur + 1
            l1 = clb1[:i] + (nxt,) + clb1[i + 1:]
            c = min(cap_core, core_sum + table[nxt] - table[cur])
            t = t0 if cur != low1 or min(l1) == low1 else transfer_with(low=min(l1))
            a = a0
            if first_is_french or english_matters:
                fr, en = (l1, clb2) if first_is_french else (clb2, l1)
                a = min(cap_add, add_sum - add0[4] + crs.french_points(r, fr, en))
            add(_KEYS_FIRST[i], (p.lang1, ABILITIES[i], nxt, "your"), c=c, t=t, a=a)
    if clb2 is not None:
        table = r.second_language[ws]
        raw2 = table[clb2[0]] + table[clb2[1]] + table[clb2[2]] + table[clb2[3]]
        cap2 = r.cap_second[ws]
        for i in range(4):
            cur = clb2[i]
            if cur < 10:
                nxt = 4 if cur < 4 else cur + 1
                l2 = clb2[:i] + (nxt,) + clb2[i + 1:]
                c = min(cap_core, core_sum - core0[3] + min(cap2, raw2 + table[nxt] - table[cur]))
                fr, en = (clb1, l2) if first_is_french else (l2, clb1)
                a = min(cap_add, add_sum - add0[4] + crs.french_points(r, fr, en))
                add(_KEYS_SECOND[i], (p.lang2, ABILITIES[i], nxt, "your"), c=c, a=a)
    # A test in the other official language (French at NCLC 7 earns the French points).
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
        if min(fr) < min_nclc:
            raised = tuple(max(c, min_nclc) for c in fr)
            change = f"Reach NCLC {min_nclc} in all four French abilities"
            if first_is_french:
                languages("first_language.nclc_7", change, raised, clb2)
            else:
                languages("second_language.nclc_7", change, clb1, raised)

    # CLB 9 in all four first-language abilities: the top band of skill transferability.
    band9 = r.t_band9
    if sum(1 for c in clb1 if c < band9) > 1 or low1 < band9 - 1:
        name = "NCLC" if first_is_french else "CLB"
        raised = tuple(max(c, band9) for c in clb1)
        languages(f"first_language.clb_{band9}",
                  f"Reach {name} {band9} in all four abilities of your first official language", raised, clb2)

    if p.canadian_work < 5:
        cw = p.canadian_work + 1
        add("canadian_work_years", f"Gain another year of skilled work in Canada ({_years(cw)} in total)",
            c=min(cap_core, core_sum - core0[4] + r.canadian_work[ws][cw]), t=transfer_with(canadian_work=cw))
    # (skip changes that cannot move a table: a third foreign year only counts from tier to tier)
    if p.foreign_work < 3 and r.t_foreign_tier[p.foreign_work + 1] != r.t_foreign_tier[p.foreign_work]:
        fw = p.foreign_work + 1
        add("foreign_work_years", f"Gain another year of skilled work outside Canada ({_years(fw)} in total)",
            t=transfer_with(foreign_work=fw))
    nxt_edu = _NEXT_EDUCATION.get(p.education)
    if nxt_edu is not None:
        text = ("Get a second credential assessed (two or more credentials, one of three years or longer)"
                if nxt_edu == "two_or_more" else f"Complete a higher level of education: {_SHORT[nxt_edu]}")
        add("education", text, c=min(cap_core, core_sum - core0[1] + r.education[nxt_edu][ws]),
            t=transfer_with(education=nxt_edu))
    if not p.nomination:
        add("provincial_nomination", "Get a provincial or territorial nomination",
            a=min(cap_add, add_sum - add0[0] + r.pnp))
    if p.job_offer in ("none", "teer_4_5"):
        add("job_offer", "Get a valid job offer in a TEER 1, 2 or 3 occupation",
            a=min(cap_add, add_sum - add0[1] + r.job_offer["teer_0_1_2_3"]))
    if not p.certificate and low1 >= r.t_cert[0]:
        add("certificate_of_qualification",
            "Get a certificate of qualification in your trade from a Canadian province or territory "
            "(skilled trades only)", t=transfer_with(certificate=True))
    if p.canadian_education == "none" and p.education in EDUCATION_LEVELS[2:]:
        add("canadian_education", "Complete a one- or two-year post-secondary program in Canada",
            a=min(cap_add, add_sum - add0[2] + r.canadian_education["one_or_two_year"]))
    if p.canadian_education != "three_year_or_more" and p.education in EDUCATION_LEVELS[4:]:
        add("canadian_education.three_year_or_more",
            "Complete a Canadian degree of three years or longer, or a Canadian master's or doctoral degree",
            a=min(cap_add, add_sum - add0[2] + r.canadian_education["three_year_or_more"]))

    if ws:
        sp = p.spouse_lang
        table = r.spouse_language
        if sp is None:
            add("spouse.language_test",
                "Your spouse or partner takes a language test and reaches CLB 7 in all four abilities",
                s=min(cap_spouse, spouse_sum - spouse0[1] + 4 * table[7]))
        else:
            for i in range(4):
                cur = sp.clb[i]
                if cur < 10:
                    nxt = 4 if cur < 4 else cur + 1
                    add(_KEYS_SPOUSE[i], (sp, ABILITIES[i], nxt, "your spouse's"),
                        s=min(cap_spouse, spouse_sum + table[nxt] - table[cur]))
        nxt_sp = _NEXT_EDUCATION.get(p.spouse_education)
        if nxt_sp is not None:
            add("spouse.education", f"Your spouse or partner gets a higher credential assessed: {_SHORT[nxt_sp]}",
                s=min(cap_spouse, spouse_sum - spouse0[0] + r.spouse_education[nxt_sp]))
        if p.spouse_work < 5:
            work = p.spouse_work + 1
            add("spouse.canadian_work_years",
                f"Your spouse or partner gains another year of skilled work in Canada ({_years(work)} in total)",
                s=min(cap_spouse, spouse_sum - spouse0[2] + r.spouse_canadian_work[work]))

    out.sort(key=lambda item: -item["gain"])  # stable: equal gains keep the order above
    return out

"""What-if improvements: single changes to a profile and how many CRS points each would add.

Each change re-scores the profile through the same section functions as the score itself (crs.py),
recomputing only the sections the change touches, so this stays cheap enough to run on every score.
Each change is a code with parameters (calculator/codes.py): the page says it in its reader's language.
"""

from __future__ import annotations

from operator import itemgetter

from . import crs
from . import language as lang
from .profile import Profile
from .rules import ABILITIES, EDUCATION_LEVELS, Rules

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

_KEYS_FIRST = tuple(f"first_language.{a}" for a in ABILITIES)
_KEYS_SECOND = tuple(f"second_language.{a}" for a in ABILITIES)
_KEYS_SPOUSE = tuple(f"spouse.language.{a}" for a in ABILITIES)
_NEXT_EDUCATION = dict(zip(EDUCATION_LEVELS, EDUCATION_LEVELS[1:], strict=False))
_GAIN = itemgetter("gain")
_EDU_FROM_ONE_YEAR = frozenset(EDUCATION_LEVELS[2:])
_EDU_FROM_BACHELORS = frozenset(EDUCATION_LEVELS[4:])


def _msg(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


# The same few hundred changes come back on every score: each message is made once and shared by every result
# (read-only by convention). A key is (rules, test, ability index, old level, new level, whose), built by
# compute for each candidate.
_RAISE_TEXTS: dict[tuple, dict[str, Any]] = {}


def _raise_text(key: tuple[Rules, str, int, int, int, str]) -> dict[str, Any]:
    rules, test, i, old, new, whose = key
    ability = ABILITIES[i]
    language = lang.TEST_LANGUAGE[test]
    prefix = "spouse_" if whose == "spouse" else ""
    if lang.TESTS[test].get("direct"):
        text = _msg(prefix + "raise_level", ability=ability, scale=language, **{"from": old, "to": new})
    else:
        target = lang.min_score(rules, test, ability, new)
        text = _msg(prefix + "raise_score", test=test, ability=ability, score=target, scale=language,
                    **{"from": old, "to": new})
    _RAISE_TEXTS[key] = text
    return text


# The messages of the fixed changes, made once (a score makes none of them).
_TEXT_CANADIAN_WORK = {n: _msg("more_canadian_work", count=n) for n in range(1, 6)}
_TEXT_FOREIGN_WORK = {n: _msg("more_foreign_work", count=n) for n in range(1, 4)}
_TEXT_SPOUSE_WORK = {n: _msg("spouse_more_canadian_work", count=n) for n in range(1, 6)}
_TEXT_EDUCATION = {
    level: _msg("second_credential") if level == "two_or_more" else _msg("higher_education", education=level)
    for level in EDUCATION_LEVELS[1:]
}
_TEXT_SPOUSE_EDUCATION = {level: _msg("spouse_higher_education", education=level) for level in EDUCATION_LEVELS[1:]}
_TEXT_NOMINATION = _msg("get_nomination")
_TEXT_JOB_OFFER = _msg("get_job_offer")
_TEXT_CERTIFICATE = _msg("get_certificate")
_TEXT_STUDY_SHORT = _msg("canadian_study_short")
_TEXT_STUDY_LONG = _msg("canadian_study_long")
_TEXT_TESTS: dict[tuple[str, int, str | None], dict[str, Any]] = {}  # (code, level, scale) -> message


def _test_text(code: str, level: int, scale: str | None = None) -> dict[str, Any]:
    """The message of a change to whole language results: a level to reach (on `scale`, if the words name it)."""
    text = _TEXT_TESTS.get((code, level, scale))
    if text is None:
        params = {"min": level} if scale is None else {"scale": scale, "min": level}
        text = _TEXT_TESTS[(code, level, scale)] = _msg(code, **params)
    return text


def _transfer(r: Rules, education: str, low: int, canadian_work: int, foreign_work: int, certificate: bool) -> int:
    """The capped transferability subtotal (crs.transferability, summed): what a what-if needs of that section."""
    key = (education, low, canadian_work, foreign_work, certificate)
    total = r.transfer_totals.get(key)
    if total is None:
        pts = crs.transferability(r, education, low, canadian_work, foreign_work, certificate)
        total = r.transfer_totals[key] = crs.transferability_subtotal(r, pts)
    return total


def compute(p: Profile, base: tuple[tuple[int, ...], ...], base_total: int) -> list[dict[str, Any]]:
    """The single changes that raise the total, best first. `base` is crs.sections(p).

    A change re-scores only the parts of the profile it touches: a section's points are its base points
    with the changed component looked up again in the same rules tables (transferability, with its group
    caps, is recomputed whole by crs.transferability, memoised per rules period); crs.capped applies the
    section and grand-total caps, as for the score. The property tests check every gain against a full
    re-score of the changed profile.
    """
    r = p.rules
    ws = 1 if p.with_spouse else 0
    core0, spouse0, transfer0, add0 = base
    core_sum, spouse_sum, add_sum = sum(core0), sum(spouse0), sum(add0)
    t0 = crs.transferability_subtotal(r, transfer0)
    add_no_french = add_sum - add0[4]
    french_points = crs.french_points
    edu, cw0, fw0, cert0 = p.education, p.canadian_work, p.foreign_work, p.certificate
    clb1 = p.lang1.clb
    clb2 = p.lang2.clb if p.lang2 is not None else None
    first_is_french = p.lang1.language == "french"
    low1 = min(clb1)
    # Candidates as (key, change, core, spouse, transferability, additional): the section points after
    # the change, before the section caps (transferability comes capped). `change` is the message, or for a
    # language level the key of its message in _RAISE_TEXTS (made only if it gains). Caps and totals come at
    # the end.
    cand: list[tuple] = []
    put = cand.append

    # One level more in one ability of each language result: the hottest loop (up to 8 candidates), so
    # only what a level can change is looked up again: that ability's points, transferability when the
    # lowest first-language level rises, and the French points when they depend on it.
    min_nclc, min_english = r.french[0], r.french[1]
    fr0 = clb1 if first_is_french else clb2
    table = r.first_language[ws]
    french_moves = first_is_french or (fr0 is not None and min(fr0) >= min_nclc)
    # raising the lowest level moves transferability only when no other ability shares that level
    low_unique = clb1.count(low1) == 1
    test1 = p.lang1.test
    for i in range(4):
        cur = clb1[i]
        if cur < 10:
            nxt = 4 if cur < 4 else cur + 1
            l1 = clb1[:i] + (nxt,) + clb1[i + 1:]
            a = add_sum
            if french_moves:
                a = add_no_french + (french_points(r, l1, clb2) if first_is_french
                                     else french_points(r, clb2, l1))
            put((_KEYS_FIRST[i], (r, test1, i, cur, nxt, "your"),
                 core_sum + table[nxt] - table[cur], spouse_sum,
                 _transfer(r, edu, min(l1), cw0, fw0, cert0) if cur == low1 and low_unique else t0, a))
    if clb2 is not None:
        table = r.second_language[ws]
        raw2 = table[clb2[0]] + table[clb2[1]] + table[clb2[2]] + table[clb2[3]]
        cap2 = r.cap_second[ws]
        core_no_second = core_sum - core0[3]
        for i in range(4):
            cur = clb2[i]
            if cur < 10:
                nxt = 4 if cur < 4 else cur + 1
                l2 = clb2[:i] + (nxt,) + clb2[i + 1:]
                put((_KEYS_SECOND[i], (r, p.lang2.test, i, cur, nxt, "your"),
                     core_no_second + min(cap2, raw2 + table[nxt] - table[cur]), spouse_sum, t0,
                     add_no_french + (french_points(r, clb1, l2) if first_is_french
                                      else french_points(r, l2, clb1))))
    # Changes to whole language results (key, change, first-language levels, second-language levels).
    # A test in the other official language (French at NCLC 7 earns the French points):
    whole: list[tuple[str, dict[str, Any], tuple[int, ...], tuple[int, ...] | None]] = []
    if clb2 is None:
        if first_is_french:
            whole.append(("second_language.english_test", _test_text("english_test", min_english), clb1,
                          (min_english,) * 4))
        else:
            whole.append(("second_language.french_test", _test_text("french_test", min_nclc), clb1,
                          (min_nclc,) * 4))
    elif min(fr0) < min_nclc:
        f1, f2, f3, f4 = fr0
        m = min_nclc
        raised = (f1 if f1 > m else m, f2 if f2 > m else m, f3 if f3 > m else m, f4 if f4 > m else m)
        change = _test_text("reach_nclc", min_nclc)
        if first_is_french:
            whole.append(("first_language.nclc_7", change, raised, clb2))
        else:
            whole.append(("second_language.nclc_7", change, clb1, raised))

    # CLB 9 in all four first-language abilities: the top band of skill transferability.
    band9 = r.t_band9
    if low1 < band9 - 1 or (low1 < band9 and not low_unique):
        b1, b2, b3, b4 = clb1
        m = band9
        raised = (b1 if b1 > m else m, b2 if b2 > m else m, b3 if b3 > m else m, b4 if b4 > m else m)
        whole.append((f"first_language.clb_{band9}", _test_text("reach_level_all", band9, p.lang1.language),
                      raised, clb2))
    # Each of those re-scores the language points, transferability (through the lowest first-language
    # level) and the French points.
    core_no_languages = core_sum - core0[2] - core0[3]
    for key, change, l1, l2 in whole:
        first, second = crs.language_points(r, ws, l1, l2)
        low = min(l1)
        put((key, change, core_no_languages + first + second, spouse_sum,
             t0 if low == low1 else _transfer(r, edu, low, cw0, fw0, cert0),
             add_no_french + (french_points(r, l1, l2) if first_is_french else french_points(r, l2, l1))))

    if cw0 < 5:
        cw = cw0 + 1
        put(("canadian_work_years", _TEXT_CANADIAN_WORK[cw],
             core_sum - core0[4] + r.canadian_work[ws][cw], spouse_sum,
             _transfer(r, edu, low1, cw, fw0, cert0), add_sum))
    # (skip changes that cannot move a table: a third foreign year only counts from tier to tier)
    if fw0 < 3 and r.t_foreign_tier[fw0 + 1] != r.t_foreign_tier[fw0]:
        fw = fw0 + 1
        put(("foreign_work_years", _TEXT_FOREIGN_WORK[fw],
             core_sum, spouse_sum, _transfer(r, edu, low1, cw0, fw, cert0), add_sum))
    nxt_edu = _NEXT_EDUCATION.get(edu)
    if nxt_edu is not None:
        put(("education", _TEXT_EDUCATION[nxt_edu], core_sum - core0[1] + r.education[nxt_edu][ws], spouse_sum,
             _transfer(r, nxt_edu, low1, cw0, fw0, cert0), add_sum))
    if not p.nomination:
        put(("provincial_nomination", _TEXT_NOMINATION, core_sum, spouse_sum, t0,
             add_sum - add0[0] + r.pnp))
    if p.job_offer in ("none", "teer_4_5"):
        put(("job_offer", _TEXT_JOB_OFFER, core_sum, spouse_sum, t0,
             add_sum - add0[1] + r.job_offer["teer_0_1_2_3"]))
    if not cert0 and low1 >= r.t_cert[0]:
        put(("certificate_of_qualification", _TEXT_CERTIFICATE, core_sum, spouse_sum,
             _transfer(r, edu, low1, cw0, fw0, True), add_sum))
    if p.canadian_education == "none" and edu in _EDU_FROM_ONE_YEAR:
        put(("canadian_education", _TEXT_STUDY_SHORT,
             core_sum, spouse_sum, t0, add_sum - add0[2] + r.canadian_education["one_or_two_year"]))
    if p.canadian_education != "three_year_or_more" and edu in _EDU_FROM_BACHELORS:
        put(("canadian_education.three_year_or_more", _TEXT_STUDY_LONG, core_sum, spouse_sum, t0,
             add_sum - add0[2] + r.canadian_education["three_year_or_more"]))

    if ws:
        sp = p.spouse_lang
        table = r.spouse_language
        if sp is None:
            put(("spouse.language_test", _test_text("spouse_language_test", 7),
                 core_sum, spouse_sum - spouse0[1] + 4 * table[7], t0, add_sum))
        else:
            for i in range(4):
                cur = sp.clb[i]
                if cur < 10:
                    nxt = 4 if cur < 4 else cur + 1
                    put((_KEYS_SPOUSE[i], (r, sp.test, i, cur, nxt, "spouse"),
                         core_sum, spouse_sum + table[nxt] - table[cur], t0, add_sum))
        nxt_sp = _NEXT_EDUCATION.get(p.spouse_education)
        if nxt_sp is not None:
            put(("spouse.education", _TEXT_SPOUSE_EDUCATION[nxt_sp],
                 core_sum, spouse_sum - spouse0[0] + r.spouse_education[nxt_sp], t0, add_sum))
        if p.spouse_work < 5:
            work = p.spouse_work + 1
            put(("spouse.canadian_work_years",
                 _TEXT_SPOUSE_WORK[work],
                 core_sum, spouse_sum - spouse0[2] + r.spouse_canadian_work[work], t0, add_sum))

    # The capped total of each change, as crs.totals computes a profile's.
    capped = crs.capped
    out: list[dict[str, Any]] = []
    for key, change, c, s, t, a in cand:
        total = capped(r, ws, c, s, t, a)[4]
        if total > base_total:
            text = change if type(change) is dict else _RAISE_TEXTS.get(change) or _raise_text(change)
            out.append({"key": key, "code": text["code"], "params": text["params"], "gain": total - base_total,
                        "new_total": total})
    if len(out) > 1:
        out.sort(key=_GAIN, reverse=True)  # stable even reversed: equal gains keep the order above
    return out

"""Deterministic random profiles (valid and a few invalid) for the parity test and the benchmark."""

from __future__ import annotations

import random
from typing import Any

ABILITIES = ("speaking", "listening", "reading", "writing")
EDUCATION = ("none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "doctoral")
MARITAL = ("single", "married", "common_law", "divorced_or_separated", "legally_separated", "widowed",
           "annulled_marriage")
OFFERS = ("none", "teer_0_major_group_00", "teer_0_1_2_3", "teer_4_5")
ENGLISH = ("celpip", "ielts", "pte_core", "clb")
FRENCH = ("tef", "tef_old_scale", "tcf", "nclc")
DATES = ("2015-03-01", "2016-11-19", "2017-06-06", "2019-01-01", "2020-10-27", "2022-12-01", "2023-12-11",
         "2024-02-01", "2024-06-01", "2025-03-25", "2025-07-07", "2026-06-01", "2026-11-03", "2026-11-24",
         "2027-03-01")
MAX = {"tef_old_scale": {"speaking": 450, "listening": 360, "reading": 300, "writing": 450},
       "tcf": {"speaking": 20, "listening": 699, "reading": 699, "writing": 20}}


def _score(rng: random.Random, test: str, ability: str) -> Any:
    if test == "ielts":
        value = rng.randint(6, 18) / 2
        return rng.choice([value, str(value), f"{value:.1f}"])
    if test == "celpip":
        return rng.choice(["M", rng.randint(0, 12), str(rng.randint(3, 12))])
    if test == "pte_core":
        return rng.randint(25, 90)
    if test in ("clb", "nclc"):
        return rng.randint(3, 12)
    if test == "tef":
        return rng.randint(250, 699)
    top = MAX[test][ability]
    return rng.randint(top // 3, top)


def _lang(rng: random.Random, tests: tuple[str, ...], date: str) -> dict[str, Any]:
    choices = [t for t in tests if not (t == "pte_core" and date < "2024-01-30") and not (t == "tef" and
                                                                                           date < "2023-12-11")]
    test = rng.choice(choices)
    return {"test": test, **{a: _score(rng, test, a) for a in ABILITIES}}


def make(rng: random.Random) -> dict[str, Any]:
    date = rng.choice(DATES)
    first_french = rng.random() < 0.25
    first = _lang(rng, FRENCH if first_french else ENGLISH, date)
    second = _lang(rng, ENGLISH if first_french else FRENCH, date) if rng.random() < 0.35 else None
    education = rng.choice(EDUCATION)
    rank = EDUCATION.index(education)
    canadian = rng.choice(["none"] + (["one_or_two_year"] if rank >= 2 else [])
                          + (["three_year_or_more"] if rank >= 4 else []))
    marital = rng.choice(MARITAL)
    spouse = None
    if marital in ("married", "common_law"):
        spouse = {"citizen_or_permanent_resident": rng.random() < 0.15, "accompanying": rng.random() < 0.85,
                  "education": rng.choice(EDUCATION), "canadian_work_years": rng.randint(0, 6),
                  "language": _lang(rng, ENGLISH + FRENCH, date) if rng.random() < 0.6 else None}
    cw, fw = rng.randint(0, 6), rng.randint(0, 4)
    p: dict[str, Any] = {
        "rules_date": date, "marital_status": marital, "spouse": spouse, "age": rng.randint(17, 50),
        "education": education, "canadian_education": canadian, "first_language": first, "second_language": second,
        "canadian_work_years": cw, "foreign_work_years": fw,
        "certificate_of_qualification": rng.random() < 0.15, "job_offer": rng.choice(OFFERS),
        "provincial_nomination": rng.random() < 0.1, "sibling_in_canada": rng.random() < 0.2,
    }
    if rng.random() < 0.6:
        e: dict[str, Any] = {}
        for key, gen in (
            ("language_results_under_2_years", lambda: rng.random() < 0.9),
            ("continuous_work_years", lambda: rng.randint(0, 3)),
            ("skilled_work_years_last_10", lambda: min(10, cw + fw + rng.randint(0, 2))),
            ("canadian_work_years_last_3", lambda: rng.randint(0, min(3, cw))),
            ("canadian_work_teer", lambda: rng.randint(0, 3)),
            ("trade_work_years_last_5", lambda: rng.randint(0, 5)),
            ("trade_job_offer", lambda: rng.random() < 0.3),
            ("settlement_funds", lambda: rng.choice([0, 12000, 15263, 30000.5, 60000])),
            ("family_size", lambda: rng.randint(2 if spouse else 1, 6)),
            ("authorized_to_work", lambda: rng.random() < 0.3),
            ("studied_in_canada_2_years", lambda: rng.random() < 0.2),
            ("spouse_studied_in_canada_2_years", lambda: rng.random() < 0.2),
            ("relative_in_canada", lambda: rng.random() < 0.2),
        ):
            if rng.random() < 0.6:
                e[key] = gen()
        p["eligibility"] = e
    if rng.random() < 0.05:
        del p["rules_date"]
    return p


def break_one(rng: random.Random, p: dict[str, Any]) -> dict[str, Any]:
    """Make a valid profile invalid in one of several ways."""
    kind = rng.randrange(6)
    if kind == 0:
        p["age"] = "thirty"
    elif kind == 1:
        p["first_language"]["speaking"] = 1000
    elif kind == 2:
        del p["education"]
    elif kind == 3:
        p["second_language"] = dict(p["first_language"])
    elif kind == 4:
        p["rules_date"] = "2014-01-01"
    else:
        p["unexpected"] = True
    return p


def generate(n: int, seed: int = 20261124, invalid_share: float = 0.05) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        p = make(rng)
        if rng.random() < invalid_share:
            p = break_one(rng, p)
        out.append(p)
    return out

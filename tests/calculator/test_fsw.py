"""FSW 67-point grid (crs-rules.md E.2): every factor cell, the published example, and the known/possible range."""

from __future__ import annotations

import pytest

from .conftest import lang, score

# Answers that settle every uncertain FSW item, so totals are exact.
SETTLED = {"studied_in_canada_2_years": False, "relative_in_canada": False, "skilled_work_years_last_10": 1}

FIRST = {0: 0, 4: 0, 6: 0, 7: 4, 8: 5, 9: 6, 10: 6, 12: 6}
EDUCATION = {"none": 0, "secondary": 5, "one_year": 15, "two_year": 19, "bachelors": 21, "two_or_more": 22,
             "masters": 23, "doctoral": 25}
EXPERIENCE = {0: 0, 1: 9, 2: 11, 3: 11, 4: 13, 5: 13, 6: 15, 7: 15, 10: 15}
AGE = {0: 0, 17: 0, 18: 12, 25: 12, 35: 12, 36: 11, 37: 10, 38: 9, 39: 8, 40: 7, 41: 6, 42: 5, 43: 4, 44: 3,
       45: 2, 46: 1, 47: 0, 60: 0}


def fsw(**kw):
    elig = {**SETTLED, **kw.pop("eligibility", {})}
    return score(eligibility=elig, **kw)["fsw"]


@pytest.mark.parametrize("clb", sorted(FIRST))
def test_language_first_per_ability(clb: int) -> None:
    f = fsw(first_language={"test": "clb", "speaking": clb, "listening": 0, "reading": 0, "writing": 0})
    assert f["factors"]["language"] == FIRST[clb]


@pytest.mark.parametrize("levels,points", [((5, 5, 5, 5), 4), ((10, 10, 10, 10), 4), ((4, 9, 9, 9), 0),
                                           ((9, 9, 9, 4), 0)])
def test_language_second(levels: tuple, points: int) -> None:
    second = {"test": "nclc", **dict(zip(("speaking", "listening", "reading", "writing"), levels, strict=True))}
    f = fsw(first_language=lang("clb", 9), second_language=second)
    assert f["factors"]["language"] == 24 + points


def test_language_maximum_28() -> None:
    assert fsw(first_language=lang("ielts", 9), second_language=lang("tcf", 20, 699, 699, 20))["factors"][
        "language"] == 28


@pytest.mark.parametrize("level", sorted(EDUCATION))
def test_education(level: str) -> None:
    assert fsw(education=level)["factors"]["education"] == EDUCATION[level]


@pytest.mark.parametrize("years", sorted(EXPERIENCE))
def test_experience(years: int) -> None:
    f = fsw(eligibility={"skilled_work_years_last_10": years})
    assert f["factors"]["experience"] == EXPERIENCE[years]


@pytest.mark.parametrize("age", sorted(AGE))
def test_age(age: int) -> None:
    assert fsw(age=age)["factors"]["age"] == AGE[age]


@pytest.mark.parametrize("offer,points", [("none", 0), ("teer_4_5", 0), ("teer_0_1_2_3", 10),
                                          ("teer_0_major_group_00", 10)])
def test_arranged_employment(offer: str, points: int) -> None:
    f = fsw(job_offer=offer)
    assert f["factors"]["arranged_employment"] == points
    assert f["adaptability_items"].get("arranged_employment", 0) == points // 2


def test_adaptability_items() -> None:
    items = fsw(spouse={"language": lang("clb", 4), "canadian_work_years": 1},
                eligibility={"spouse_studied_in_canada_2_years": True})["adaptability_items"]
    assert items == {"spouse_language": 5, "spouse_canadian_work": 5, "spouse_studied_in_canada": 5}
    assert fsw(spouse={"language": lang("clb", 4, 4, 4, 3)})["adaptability_items"] == {}
    assert fsw(canadian_work_years=1)["adaptability_items"] == {"canadian_work": 10}
    assert fsw(eligibility={"studied_in_canada_2_years": True})["adaptability_items"] == {"studied_in_canada": 5}
    assert fsw(sibling_in_canada=True)["adaptability_items"] == {"relative_in_canada": 5}
    assert fsw(eligibility={"relative_in_canada": True})["adaptability_items"] == {"relative_in_canada": 5}


def test_adaptability_capped_at_10() -> None:
    f = fsw(canadian_work_years=1, job_offer="teer_0_1_2_3", sibling_in_canada=True,
            eligibility={"skilled_work_years_last_10": 1, "studied_in_canada_2_years": True})
    assert sum(f["adaptability_items"].values()) == 25
    assert f["factors"]["adaptability"] == 10


def test_spouse_items_need_an_accompanying_non_pr_spouse() -> None:
    sp = {"language": lang("clb", 9), "canadian_work_years": 3}
    assert fsw(spouse=sp)["factors"]["adaptability"] == 10
    assert fsw(spouse={**sp, "accompanying": False})["factors"]["adaptability"] == 0
    assert fsw(spouse={**sp, "citizen_or_permanent_resident": True})["factors"]["adaptability"] == 0


def test_published_example_66_fails() -> None:
    # maplesteps-rules fsw67 regression: age 29 (12) + CLB 9 (24) + bachelor's (21) + 1 year (9) = 66
    f = fsw(age=29, first_language=lang("clb", 9), education="bachelors",
            eligibility={"skilled_work_years_last_10": 1})
    assert f["factors"] == {"language": 24, "education": 21, "experience": 9, "age": 12, "arranged_employment": 0,
                            "adaptability": 0}
    assert (f["total"], f["max_total"], f["pass_mark"], f["passes"]) == (66, 66, 67, False)


def test_published_example_76_with_arranged_employment() -> None:
    # The example adds arranged employment (10) = 76. The grid also gives 5 adaptability points for the same
    # job offer (E.2 adaptability), which the published example does not count: 76 + 5 = 81 here.
    f = fsw(age=29, first_language=lang("clb", 9), education="bachelors", job_offer="teer_0_1_2_3",
            eligibility={"skilled_work_years_last_10": 1})
    factors = f["factors"]
    assert sum(v for k, v in factors.items() if k != "adaptability") == 76
    assert factors["adaptability"] == 5
    assert f["total"] == 81 and f["passes"] is True


def test_range_when_answers_are_missing() -> None:
    # No skilled_work_years_last_10 and foreign work "3 or more": experience 11 (3 years) up to 15 (6+)
    f = score(age=29, first_language=lang("clb", 9), education="bachelors", foreign_work_years=3,
              eligibility={"studied_in_canada_2_years": False, "relative_in_canada": False})["fsw"]
    assert f["factors"]["experience"] == 11
    assert (f["total"], f["max_total"]) == (68, 72)
    assert f["passes"] is True and f["needs"] == []
    # 64..68 with studies and relatives unknown: undecided, and says which answers decide it
    f = score(age=29, first_language=lang("clb", 8), education="bachelors", foreign_work_years=1)["fsw"]
    assert f["total"] == 20 + 21 + 9 + 12
    assert f["max_total"] == f["total"] + 2 + 10
    assert f["passes"] is None
    assert set(f["needs"]) == {"eligibility.skilled_work_years_last_10", "eligibility.studied_in_canada_2_years",
                               "eligibility.relative_in_canada"}


def test_two_part_years_can_make_one_more() -> None:
    f = score(canadian_work_years=1, foreign_work_years=1)["fsw"]
    # 2 whole years known; fractions can add a third (still 11), never a fourth
    assert f["factors"]["experience"] == 11 and f["max_total"] - f["total"] <= 10

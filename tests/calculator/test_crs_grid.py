"""Every cell of the CRS grid (crs-rules.md sections A-D), checked through calculator.score().

Expected values are typed from the reference, not read from the engine's data files.
"""

from __future__ import annotations

import pytest

from .conftest import CURRENT, lang, profile, score

# A.1 age: (with spouse, without spouse)
AGE = {17: (0, 0), 18: (90, 99), 19: (95, 105), **{a: (100, 110) for a in range(20, 30)}, 30: (95, 105),
       31: (90, 99), 32: (85, 94), 33: (80, 88), 34: (75, 83), 35: (70, 77), 36: (65, 72), 37: (60, 66),
       38: (55, 61), 39: (50, 55), 40: (45, 50), 41: (35, 39), 42: (25, 28), 43: (15, 17), 44: (5, 6), 45: (0, 0)}
AGE.update({a: (0, 0) for a in (0, 10, 16)})
AGE.update({a: (0, 0) for a in (46, 50, 60, 99, 120)})

# A.2 education
EDUCATION = {"none": (0, 0), "secondary": (28, 30), "one_year": (84, 90), "two_year": (91, 98),
             "bachelors": (112, 120), "two_or_more": (119, 128), "masters": (126, 135), "doctoral": (140, 150)}

# A.3 first official language, per ability, by CLB
FIRST = {0: (0, 0), 3: (0, 0), 4: (6, 6), 5: (6, 6), 6: (8, 9), 7: (16, 17), 8: (22, 23), 9: (29, 31),
         10: (32, 34), 11: (32, 34), 12: (32, 34)}
# A.4 second official language, per ability
SECOND = {0: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 6, 10: 6, 12: 6}
# A.5 Canadian work
CANADIAN_WORK = {0: (0, 0), 1: (35, 40), 2: (46, 53), 3: (56, 64), 4: (63, 72), 5: (70, 80), 6: (70, 80),
                 10: (70, 80)}
# B
SPOUSE_EDUCATION = {"none": 0, "secondary": 2, "one_year": 6, "two_year": 7, "bachelors": 8, "two_or_more": 9,
                    "masters": 10, "doctoral": 10}
SPOUSE_LANGUAGE = {0: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 5, 10: 5, 12: 5}
SPOUSE_WORK = {0: 0, 1: 5, 2: 7, 3: 8, 4: 9, 5: 10, 8: 10}


@pytest.mark.parametrize("age", sorted(AGE))
@pytest.mark.parametrize("ws", [True, False])
def test_age(age: int, ws: bool) -> None:
    assert score(with_spouse=ws, age=age)["lines"]["age"] == AGE[age][0 if ws else 1]


@pytest.mark.parametrize("level", sorted(EDUCATION))
@pytest.mark.parametrize("ws", [True, False])
def test_education(level: str, ws: bool) -> None:
    canadian = "none"
    assert score(with_spouse=ws, education=level, canadian_education=canadian)["lines"]["education"] == \
        EDUCATION[level][0 if ws else 1]


@pytest.mark.parametrize("clb", sorted(FIRST))
@pytest.mark.parametrize("ws", [True, False])
@pytest.mark.parametrize("ability", ["speaking", "listening", "reading", "writing"])
def test_first_language_per_ability(clb: int, ws: bool, ability: str) -> None:
    # the other three abilities at CLB 0 (no points), the tested one at `clb`
    results = {"test": "clb", "speaking": 0, "listening": 0, "reading": 0, "writing": 0, ability: clb}
    r = score(with_spouse=ws, first_language=results)
    assert r["lines"]["first_language"] == FIRST[clb][0 if ws else 1]
    assert r["lines"]["official_languages"] == FIRST[clb][0 if ws else 1]


@pytest.mark.parametrize("ws", [True, False])
def test_first_language_maximum(ws: bool) -> None:
    assert score(with_spouse=ws, first_language=lang("clb", 10))["lines"]["first_language"] == (128 if ws else 136)


@pytest.mark.parametrize("clb", sorted(SECOND))
@pytest.mark.parametrize("ws", [True, False])
def test_second_language_per_ability(clb: int, ws: bool) -> None:
    results = {"test": "nclc", "speaking": clb, "listening": 0, "reading": 0, "writing": 0}
    r = score(with_spouse=ws, second_language=results)
    assert r["lines"]["second_language"] == SECOND[clb]


@pytest.mark.parametrize("ws,expected", [(True, 22), (False, 24)])
def test_second_language_cap(ws: bool, expected: int) -> None:
    r = score(with_spouse=ws, second_language=lang("nclc", 9))
    assert r["lines"]["second_language"] == expected
    # CLB 9 first language: official languages = first + second
    assert r["lines"]["official_languages"] == 4 * FIRST[9][0 if ws else 1] + expected


@pytest.mark.parametrize("ws", [True, False])
def test_second_language_sum_under_cap(ws: bool) -> None:
    # 6 + 6 + 6 + 3 = 21, under both caps
    r = score(with_spouse=ws, second_language=lang("nclc", 9, 9, 9, 7))
    assert r["lines"]["second_language"] == 21


@pytest.mark.parametrize("years", sorted(CANADIAN_WORK))
@pytest.mark.parametrize("ws", [True, False])
def test_canadian_work(years: int, ws: bool) -> None:
    assert score(with_spouse=ws, canadian_work_years=years)["lines"]["canadian_work"] == \
        CANADIAN_WORK[years][0 if ws else 1]


@pytest.mark.parametrize("level", sorted(SPOUSE_EDUCATION))
def test_spouse_education(level: str) -> None:
    r = score(spouse={"education": level})
    assert r["lines"]["spouse_education"] == SPOUSE_EDUCATION[level]
    assert r["subtotals"]["spouse"] == SPOUSE_EDUCATION[level]


@pytest.mark.parametrize("clb", sorted(SPOUSE_LANGUAGE))
@pytest.mark.parametrize("test", ["clb", "nclc"])
def test_spouse_language_per_ability(clb: int, test: str) -> None:
    r = score(spouse={"language": {"test": test, "speaking": 0, "listening": 0, "reading": clb, "writing": 0}})
    assert r["lines"]["spouse_language"] == SPOUSE_LANGUAGE[clb]
    r = score(spouse={"language": lang(test, clb)})
    assert r["lines"]["spouse_language"] == 4 * SPOUSE_LANGUAGE[clb]


@pytest.mark.parametrize("years", sorted(SPOUSE_WORK))
def test_spouse_canadian_work(years: int) -> None:
    assert score(spouse={"canadian_work_years": years})["lines"]["spouse_canadian_work"] == SPOUSE_WORK[years]


def test_spouse_maximum_is_40() -> None:
    r = score(spouse={"education": "doctoral", "canadian_work_years": 5, "language": lang("clb", 10)})
    assert r["lines"]["spouse_education"] + r["lines"]["spouse_language"] + r["lines"]["spouse_canadian_work"] == 40
    assert r["subtotals"]["spouse"] == 40


# C.1 / C.2: language band by the lowest first-language level: under 7 -> 0, 7-8 -> "7+", 9+ -> "9+"
E1 = ("one_year", "two_year", "bachelors")
E2 = ("two_or_more", "masters", "doctoral")
EDU_LANG = {"none": (0, 0), "secondary": (0, 0), **{e: (13, 25) for e in E1}, **{e: (25, 50) for e in E2}}
EDU_WORK = {"none": (0, 0), "secondary": (0, 0), **{e: (13, 25) for e in E1}, **{e: (25, 50) for e in E2}}
FOREIGN_LANG = {0: (0, 0), 1: (13, 25), 2: (13, 25), 3: (25, 50), 4: (25, 50)}
FOREIGN_WORK = {0: (0, 0), 1: (13, 25), 2: (13, 25), 3: (25, 50), 4: (25, 50)}
BANDS = {"under_7": (6, 9, 9, 9), "7": (7, 7, 7, 7), "7_with_9s": (9, 9, 9, 8), "9": (9, 9, 9, 9),
         "10": (10, 12, 10, 11)}


def _band_index(levels: tuple[int, ...]) -> int | None:
    low = min(levels)
    return None if low < 7 else (0 if low < 9 else 1)


def _clb(levels: tuple[int, ...]) -> dict:
    return {"test": "clb", "speaking": levels[0], "listening": levels[1], "reading": levels[2],
            "writing": levels[3]}


@pytest.mark.parametrize("education", sorted(EDU_LANG))
@pytest.mark.parametrize("band", sorted(BANDS))
@pytest.mark.parametrize("cw", [0, 1, 2, 3, 5])
def test_transferability_education(education: str, band: str, cw: int) -> None:
    levels = BANDS[band]
    r = score(education=education, first_language=_clb(levels), canadian_work_years=cw)
    bi = _band_index(levels)
    a = 0 if bi is None else EDU_LANG[education][bi]
    b = 0 if cw == 0 else EDU_WORK[education][0 if cw == 1 else 1]
    lines = r["lines"]
    assert lines["transferability_education_language"] == a
    assert lines["transferability_education_canadian_work"] == b
    assert lines["transferability_education"] == min(50, a + b)


@pytest.mark.parametrize("foreign", sorted(FOREIGN_LANG))
@pytest.mark.parametrize("band", sorted(BANDS))
@pytest.mark.parametrize("cw", [0, 1, 2, 4])
def test_transferability_foreign_work(foreign: int, band: str, cw: int) -> None:
    levels = BANDS[band]
    r = score(education="secondary", first_language=_clb(levels), canadian_work_years=cw, foreign_work_years=foreign)
    bi = _band_index(levels)
    a = 0 if bi is None else FOREIGN_LANG[foreign][bi]
    b = 0 if cw == 0 else FOREIGN_WORK[foreign][0 if cw == 1 else 1]
    lines = r["lines"]
    assert lines["transferability_foreign_language"] == a
    assert lines["transferability_foreign_canadian_work"] == b
    assert lines["transferability_foreign_work"] == min(50, a + b)


@pytest.mark.parametrize("levels,expected", [
    ((4, 9, 9, 9), 0), ((5, 5, 5, 5), 25), ((6, 9, 9, 9), 25), ((7, 7, 7, 7), 50), ((10, 10, 10, 10), 50),
    ((9, 9, 9, 3), 0),
])
def test_certificate_of_qualification(levels: tuple[int, ...], expected: int) -> None:
    r = score(education="secondary", first_language=_clb(levels), certificate_of_qualification=True)
    assert r["lines"]["certificate"] == expected
    assert score(education="secondary", first_language=_clb(levels))["lines"]["certificate"] == 0


def test_transferability_total_capped_at_100() -> None:
    r = score(education="doctoral", first_language=lang("clb", 10), canadian_work_years=5, foreign_work_years=3,
              certificate_of_qualification=True)
    lines = r["lines"]
    assert (lines["transferability_education"], lines["transferability_foreign_work"], lines["certificate"]) == \
        (50, 50, 50)
    assert r["subtotals"]["transferability"] == 100


def test_transferability_uses_first_language_only() -> None:
    # French second language at NCLC 10 does not lift an English CLB 6 first language into the bands
    r = score(first_language=lang("clb", 6), second_language=lang("nclc", 10), education="masters")
    assert r["lines"]["transferability_education_language"] == 0


# D. additional points under the current rules
def test_provincial_nomination() -> None:
    assert score(provincial_nomination=True)["lines"]["provincial_nomination"] == 600


@pytest.mark.parametrize("canadian,education,expected", [
    ("none", "bachelors", 0), ("one_or_two_year", "one_year", 15), ("one_or_two_year", "masters", 15),
    ("three_year_or_more", "bachelors", 30), ("three_year_or_more", "doctoral", 30),
])
def test_study_in_canada(canadian: str, education: str, expected: int) -> None:
    assert score(canadian_education=canadian, education=education)["lines"]["study_in_canada"] == expected


@pytest.mark.parametrize("ws", [True, False])
def test_sibling(ws: bool) -> None:
    assert score(with_spouse=ws, sibling_in_canada=True)["lines"]["sibling"] == 15
    assert score(with_spouse=ws, sibling_in_canada=False)["lines"]["sibling"] == 0


FRENCH_CASES = [
    # (first, second, expected French points)
    (lang("clb", 9), lang("nclc", 7), 50),             # English CLB 5+ all four, French NCLC 7+ all four
    (lang("clb", 5), lang("nclc", 10), 50),
    (lang("clb", 4, 9, 9, 9), lang("nclc", 7), 25),    # one English ability at CLB 4 -> 25
    (lang("nclc", 7), None, 25),                       # French only
    (lang("nclc", 8), lang("clb", 5), 50),             # French first, English second
    (lang("nclc", 8), lang("clb", 4), 25),
    (lang("nclc", 6, 7, 7, 7), lang("clb", 9), 0),      # one French ability under NCLC 7
    (lang("clb", 9), lang("nclc", 6, 10, 10, 10), 0),
    (lang("clb", 9), None, 0),
]


@pytest.mark.parametrize("first,second,expected", FRENCH_CASES)
@pytest.mark.parametrize("ws", [True, False])
def test_french_points(first: dict, second: dict | None, expected: int, ws: bool) -> None:
    assert score(with_spouse=ws, first_language=first, second_language=second)["lines"]["french"] == expected


@pytest.mark.parametrize("offer", ["none", "teer_0_major_group_00", "teer_0_1_2_3", "teer_4_5"])
def test_job_offer_scores_zero_now(offer: str) -> None:
    assert score(job_offer=offer, rules_date=CURRENT)["lines"]["job_offer"] == 0


def test_additional_capped_at_600() -> None:
    r = score(provincial_nomination=True, sibling_in_canada=True, canadian_education="three_year_or_more",
              first_language=lang("clb", 9), second_language=lang("nclc", 9))
    lines = r["lines"]
    assert lines["provincial_nomination"] + lines["sibling"] + lines["study_in_canada"] + lines["french"] == 695
    assert r["subtotals"]["additional"] == 600


def test_maximum_total_is_1200() -> None:
    r = score(age=25, education="doctoral", canadian_education="three_year_or_more",
              first_language=lang("clb", 10), second_language=lang("nclc", 10), canadian_work_years=5,
              foreign_work_years=3, certificate_of_qualification=True, provincial_nomination=True,
              sibling_in_canada=True)
    assert r["subtotals"] == {"core": 500, "spouse": 0, "transferability": 100, "additional": 600}
    assert r["total"] == 1200


def test_maximum_with_spouse() -> None:
    r = score(spouse={"education": "doctoral", "canadian_work_years": 5, "language": lang("clb", 10)},
              age=25, education="doctoral", first_language=lang("clb", 10), second_language=lang("nclc", 10),
              canadian_work_years=5)
    assert r["subtotals"]["core"] == 460
    assert r["subtotals"]["spouse"] == 40
    assert r["lines"]["age"] + r["lines"]["education"] + r["lines"]["official_languages"] + \
        r["lines"]["canadian_work"] == 460


def test_lines_add_up_to_subtotals_and_total() -> None:
    r = score(spouse={"education": "masters", "canadian_work_years": 2, "language": lang("ielts", 6.5)},
              age=33, education="two_or_more", canadian_education="one_or_two_year",
              first_language=lang("ielts", 7, 8, 7, 7), second_language=lang("tcf", 12, 503, 499, 12),
              canadian_work_years=2, foreign_work_years=2, sibling_in_canada=True)
    lines, sub = r["lines"], r["subtotals"]
    assert sub["core"] == lines["age"] + lines["education"] + lines["first_language"] + lines["second_language"] + \
        lines["canadian_work"]
    assert sub["spouse"] == lines["spouse_education"] + lines["spouse_language"] + lines["spouse_canadian_work"]
    assert sub["transferability"] == min(100, lines["transferability_education"] +
                                         lines["transferability_foreign_work"] + lines["certificate"])
    assert sub["additional"] == lines["provincial_nomination"] + lines["job_offer"] + lines["study_in_canada"] + \
        lines["sibling"] + lines["french"]
    assert r["total"] == sum(sub.values())


def test_result_has_every_official_line_with_label() -> None:
    r = score()
    official = {
        "age": "Age", "education": "Level of education", "official_languages": "Official Languages",
        "first_language": "First Official Language", "second_language": "Second Official Language",
        "canadian_work": "Canadian work experience", "spouse_education": "Level of education",
        "spouse_language": "First Official Languages", "spouse_canadian_work": "Canadian work experience",
        "transferability_education_language": "A) Official Language proficiency and education",
        "transferability_education_canadian_work": "B) Canadian work experience and education",
        "transferability_education": "Subtotal",
        "transferability_foreign_language": "A) Official Language proficiency and foreign work experience",
        "transferability_foreign_canadian_work": "B) Canadian and foreign work experience",
        "transferability_foreign_work": "Subtotal", "certificate": "Certificate of qualification",
        "provincial_nomination": "Provincial nomination", "job_offer": "Job offer",
        "study_in_canada": "Study in Canada", "sibling": "Sibling in Canada", "french": "French-language skills",
    }
    assert r["labels"] == official
    assert set(r["lines"]) == set(official)
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in r["lines"].values())
    listed = [k for s in r["sections"] for k in s["lines"]]
    assert sorted(listed) == sorted(official)
    assert [s["subtotal_label"] for s in r["sections"]] == [
        "Subtotal - Core/Human capital factors", "Subtotal - Spouse factors",
        "Subtotal - Skill transferability factors", "Subtotal - Additional points"]
    assert [s["label"] for s in r["sections"]] == [
        "Core/Human capital factors", "Spouse factors", "Skill transferability factors",
        "Additional points (to a maximum of 600 points)"]
    groups = r["sections"][2]["groups"]
    assert [(g["label"], g["subtotal"]) for g in groups] == [
        ("Education (to a maximum of 50 points)", "transferability_education"),
        ("Foreign work experience (to a maximum of 50 points)", "transferability_foreign_work")]
    assert r["total_label"] == "Comprehensive Ranking System formula grand total"


def test_profile_is_not_modified() -> None:
    p = profile(with_spouse=True, first_language=lang("ielts", "7.5"))
    import copy

    before = copy.deepcopy(p)
    import calculator

    calculator.score(p)
    assert p == before

"""Worked examples: the public 415 example (matched against IRCC's tool) and hand-computed profiles."""

from __future__ import annotations

from .conftest import lang, score


def test_415_example() -> None:
    # nakib786/ninth CRS_FIXES_SUMMARY.md (crs-rules.md source list): single, 110 age, bachelor's 120,
    # first language 74, 1 year Canadian work 40, transferability 13 + 13, study in Canada 30, sibling 15.
    r = score(age=29, education="bachelors", canadian_education="three_year_or_more",
              first_language=lang("ielts", 6.0, 6.0, 6.0, 6.5), canadian_work_years=1, sibling_in_canada=True)
    lines = r["lines"]
    assert (lines["age"], lines["education"], lines["first_language"], lines["second_language"],
            lines["canadian_work"]) == (110, 120, 74, 0, 40)
    assert r["subtotals"]["core"] == 344
    assert (lines["transferability_education_language"], lines["transferability_education_canadian_work"],
            lines["transferability_education"], lines["transferability_foreign_work"], lines["certificate"]) == \
        (13, 13, 26, 0, 0)
    assert (lines["provincial_nomination"], lines["study_in_canada"], lines["sibling"], lines["french"]) == \
        (0, 30, 15, 0)
    assert r["subtotals"] == {"core": 344, "spouse": 0, "transferability": 26, "additional": 45}
    assert r["total"] == 415


def test_couple_bilingual_by_hand() -> None:
    # Married, spouse accompanying (bachelor's 8, CELPIP 7 x4 = 3 x 4 = 12, 1 year in Canada 5) = 25.
    # Applicant with spouse: age 33 = 80, two or more credentials = 119, IELTS 7/8/7/7 = CLB 9 x4 = 29 x 4 = 116,
    # TCF 12/503/499/12 = NCLC 8 x4 = 3 x 4 = 12, 2 years in Canada = 46 -> core 373.
    # Transferability: education (E2, CLB 9+) 50 + (E2, 2 years) 50 -> 50; foreign 2 years (CLB 9+) 25 +
    # (2 years Canada) 25 -> 50; total 100. Additional: Canadian 1-2 year credential 15, sibling 15, French
    # (NCLC 7+ and CLB 5+) 50 = 80. Total 373 + 25 + 100 + 80 = 578.
    r = score(spouse={"education": "bachelors", "canadian_work_years": 1, "language": lang("celpip", 7)},
              age=33, education="two_or_more", canadian_education="one_or_two_year",
              first_language=lang("ielts", 7.0, 8.0, 7.0, 7.0), second_language=lang("tcf", 12, 503, 499, 12),
              canadian_work_years=2, foreign_work_years=2, sibling_in_canada=True, rules_date="2026-06-01")
    assert r["clb"] == {"first_language": {"speaking": 9, "listening": 9, "reading": 9, "writing": 9},
                        "second_language": {"speaking": 8, "listening": 8, "reading": 8, "writing": 8},
                        "spouse_language": {"speaking": 7, "listening": 7, "reading": 7, "writing": 7}}
    assert r["subtotals"] == {"core": 373, "spouse": 25, "transferability": 100, "additional": 80}
    assert r["total"] == 578


def test_french_first_single_by_hand() -> None:
    # Single, 41 = 39, master's 135, TEF old scale NCLC 10/9/8/7 = 34 + 31 + 23 + 17 = 105, no Canadian work,
    # 3 years abroad. Transferability: E2 with lowest NCLC 7 -> 25; foreign 3+ with CLB 7+ -> 25; additional:
    # French NCLC 7+ with no English -> 25. Total 39 + 135 + 105 + 25 + 25 + 25 = 354.
    r = score(age=41, education="masters",
              first_language={"test": "tef_old_scale", "speaking": 393, "listening": 298, "reading": 233,
                              "writing": 310},
              foreign_work_years=3)
    assert r["clb"]["first_language"] == {"speaking": 10, "listening": 9, "reading": 8, "writing": 7}
    assert r["lines"]["first_language"] == 105
    assert r["subtotals"] == {"core": 279, "spouse": 0, "transferability": 50, "additional": 25}
    assert r["total"] == 354


def test_2016_job_offer_profile_by_hand() -> None:
    # On 2019-01-01: single, 30 = 105, two-year diploma 98, CELPIP 8 x4 = 23 x 4 = 92, 3 years in Canada 64,
    # job offer NOC 00 = 200, certificate of qualification with CLB 8 = 50, E1 + CLB 7+ = 13, E1 + 2+ years = 25
    # -> 38. Total 105 + 98 + 92 + 64 + 38 + 50 + 200 = 647.
    r = score(rules_date="2019-01-01", age=30, education="two_year", first_language=lang("celpip", 8),
              canadian_work_years=3, job_offer="teer_0_major_group_00", certificate_of_qualification=True)
    assert r["subtotals"] == {"core": 359, "spouse": 0, "transferability": 88, "additional": 200}
    assert r["total"] == 647
    assert score(rules_date="2026-06-01", age=30, education="two_year", first_language=lang("celpip", 8),
                 canadian_work_years=3, job_offer="teer_0_major_group_00",
                 certificate_of_qualification=True)["total"] == 447

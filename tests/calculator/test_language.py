"""Language conversion: every band of every test (crs-rules.md L.1-L.6), scales and steps."""

from __future__ import annotations

import pytest

import calculator
from calculator.codes import render

from .conftest import profile

ABILITIES = ("speaking", "listening", "reading", "writing")

# Minimum score for CLB/NCLC 4, 5, 6, 7, 8, 9, 10 per ability, typed from the reference tables.
MINIMA = {
    "ielts": {  # L.2
        "reading": (3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0),
        "writing": (4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5),
        "listening": (4.5, 5.0, 5.5, 6.0, 7.5, 8.0, 8.5),
        "speaking": (4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5),
    },
    "pte_core": {  # L.3
        "reading": (33, 42, 51, 60, 69, 78, 88),
        "writing": (41, 51, 60, 69, 79, 88, 90),
        "listening": (28, 39, 50, 60, 71, 82, 89),
        "speaking": (42, 51, 59, 68, 76, 84, 89),
    },
    "tef": {  # L.4, tests from 2023-12-11
        "reading": (306, 352, 393, 434, 462, 503, 546),
        "writing": (268, 330, 379, 428, 472, 512, 558),
        "listening": (306, 352, 393, 434, 462, 503, 546),
        "speaking": (328, 387, 422, 456, 494, 518, 556),
    },
    "tef_old_scale": {  # L.5
        "reading": (121, 151, 181, 207, 233, 248, 263),
        "writing": (181, 226, 271, 310, 349, 371, 393),
        "listening": (145, 181, 217, 249, 280, 298, 316),
        "speaking": (181, 226, 271, 310, 349, 371, 393),
    },
    "tcf": {  # L.6
        "reading": (342, 375, 406, 453, 499, 524, 549),
        "writing": (4, 6, 7, 10, 12, 14, 16),
        "listening": (331, 369, 398, 458, 503, 523, 549),
        "speaking": (4, 6, 7, 10, 12, 14, 16),
    },
    "celpip": {a: (4, 5, 6, 7, 8, 9, 10) for a in ABILITIES},  # L.1
    "clb": {a: (4, 5, 6, 7, 8, 9, 10) for a in ABILITIES},
    "nclc": {a: (4, 5, 6, 7, 8, 9, 10) for a in ABILITIES},
}
STEP = {"ielts": 0.5}
FRENCH = {"tef", "tef_old_scale", "tcf", "nclc"}
SCALE_MAX = {"ielts": {a: 9 for a in ABILITIES}, "pte_core": {a: 90 for a in ABILITIES},
             "tef": {a: 699 for a in ABILITIES},
             "tef_old_scale": {"reading": 300, "writing": 450, "listening": 360, "speaking": 450},
             "tcf": {"reading": 699, "listening": 699, "speaking": 20, "writing": 20},
             "celpip": {a: 12 for a in ABILITIES}, "clb": {a: 12 for a in ABILITIES},
             "nclc": {a: 12 for a in ABILITIES}}
SCALE_MIN = {"pte_core": 10}


def levels(test: str, ability: str, score: object) -> int:
    """CLB level the engine gives `score` in one ability (others at the top of the scale)."""
    results = {a: SCALE_MAX[test][a] for a in ABILITIES}
    results[ability] = score
    results["test"] = test
    r = calculator.score(profile(first_language=results))
    return r["clb"]["first_language"][ability]


def cases():
    for test, table in MINIMA.items():
        for ability, minima in table.items():
            for i, m in enumerate(minima):
                yield test, ability, m, 4 + i


@pytest.mark.parametrize("test,ability,minimum,level", list(cases()))
def test_band_boundaries(test: str, ability: str, minimum: float, level: int) -> None:
    step = STEP.get(test, 1)
    assert levels(test, ability, minimum) == level
    below = minimum - step
    if below >= SCALE_MIN.get(test, 0):
        assert levels(test, ability, below) == (level - 1 if level > 4 else 0)


@pytest.mark.parametrize("test", sorted(MINIMA))
def test_top_of_scale_is_clb_10(test: str) -> None:
    for ability in ABILITIES:
        assert levels(test, ability, SCALE_MAX[test][ability]) == 10


@pytest.mark.parametrize("test", sorted(MINIMA))
def test_bottom_of_scale_is_below_clb_4(test: str) -> None:
    for ability in ABILITIES:
        assert levels(test, ability, SCALE_MIN.get(test, 0)) == 0


def test_celpip_m_and_strings() -> None:
    assert levels("celpip", "speaking", "M") == 0
    assert levels("celpip", "speaking", "m") == 0
    assert levels("celpip", "reading", "11") == 10
    assert levels("ielts", "listening", "7.5") == 8
    assert levels("ielts", "listening", " 6.0 ") == 7
    assert levels("ielts", "reading", 7.5) == 9
    assert levels("ielts", "reading", 7) == 9
    assert levels("pte_core", "writing", 89.0) == 9


@pytest.mark.parametrize("test,ability,bad", [
    ("ielts", "speaking", 9.5), ("ielts", "speaking", -0.5), ("ielts", "speaking", 7.25), ("ielts", "speaking", "7,5"),
    ("ielts", "speaking", "M"), ("ielts", "speaking", True), ("ielts", "speaking", None), ("ielts", "speaking", []),
    ("ielts", "speaking", "nan"), ("ielts", "speaking", float("nan")), ("ielts", "speaking", float("inf")),
    ("celpip", "reading", 13), ("celpip", "reading", 7.5), ("celpip", "reading", "X"), ("celpip", "reading", -1),
    ("pte_core", "writing", 9), ("pte_core", "writing", 91), ("pte_core", "writing", 75.5),
    ("tef", "reading", 700), ("tef", "reading", 450.5), ("tef", "reading", -1),
    ("tef_old_scale", "reading", 301), ("tef_old_scale", "listening", 361), ("tef_old_scale", "speaking", 451),
    ("tef_old_scale", "writing", 451), ("tcf", "speaking", 21), ("tcf", "writing", 21), ("tcf", "reading", 700),
    ("tcf", "listening", 700), ("tcf", "speaking", 15.5), ("clb", "speaking", 13), ("clb", "speaking", 7.5),
    ("nclc", "writing", "abc"), ("nclc", "writing", {}),
])
def test_invalid_scores_are_field_errors(test: str, ability: str, bad: object) -> None:
    results = {"test": test, **{a: SCALE_MAX[test][a] for a in ABILITIES}, ability: bad}
    errors = calculator.validate(profile(first_language=results))
    assert [e["field"] for e in errors] == [f"first_language.{ability}"]
    assert errors[0]["message"]


@pytest.mark.parametrize("test,ability,ok", [
    ("tef_old_scale", "reading", 300), ("tef_old_scale", "listening", 360), ("tef_old_scale", "speaking", 450),
    ("tcf", "speaking", 20), ("tcf", "reading", 699), ("tef", "writing", 0), ("celpip", "writing", 0),
    ("pte_core", "reading", 10), ("clb", "reading", 0), ("ielts", "writing", 0.5),
])
def test_scale_edges_are_valid(test: str, ability: str, ok: object) -> None:
    results = {"test": test, **{a: SCALE_MAX[test][a] for a in ABILITIES}, ability: ok}
    assert calculator.validate(profile(first_language=results)) == []


@pytest.mark.parametrize("first,second", [
    ("ielts", "celpip"), ("celpip", "pte_core"), ("clb", "ielts"), ("tef", "tcf"), ("nclc", "tef_old_scale"),
    ("tcf", "nclc"),
])
def test_second_language_must_be_the_other_language(first: str, second: str) -> None:
    p = profile(first_language={"test": first, **{a: SCALE_MAX[first][a] for a in ABILITIES}},
                second_language={"test": second, **{a: SCALE_MAX[second][a] for a in ABILITIES}})
    errors = calculator.validate(p)
    assert [e["field"] for e in errors] == ["second_language.test"]
    assert "English" in errors[0]["message"] or "French" in errors[0]["message"]


@pytest.mark.parametrize("first", ["ielts", "celpip", "pte_core", "clb"])
@pytest.mark.parametrize("second", ["tef", "tef_old_scale", "tcf", "nclc"])
def test_english_and_french_pairs_are_accepted(first: str, second: str) -> None:
    for a, b in ((first, second), (second, first)):
        p = profile(first_language={"test": a, **{x: SCALE_MAX[a][x] for x in ABILITIES}},
                    second_language={"test": b, **{x: SCALE_MAX[b][x] for x in ABILITIES}})
        r = calculator.score(p)
        assert r["languages"]["first_language"] == ("french" if a in FRENCH else "english")
        assert r["languages"]["second_language"] == ("french" if b in FRENCH else "english")
        assert r["clb"]["second_language"] == {x: 10 for x in ABILITIES}


def test_tcf_nclc_4_follows_the_grid_and_warns() -> None:
    # The official tool gives 0 at TCF NCLC 4; the grid gives 6 per ability (crs-rules.md L.6).
    r = calculator.score(profile(first_language={"test": "tcf", "speaking": 4, "listening": 331, "reading": 342,
                                                 "writing": 5}))
    assert r["clb"]["first_language"] == {a: 4 for a in ABILITIES}
    assert r["lines"]["first_language"] == 24
    assert {"code": "tcf_nclc_4", "params": {"per": 6, "fewer": 24}} in r["warnings"]
    assert any("TCF" in w and "24" in w for w in (render(w["code"], w["params"]) for w in r["warnings"]))


def test_tef_new_scale_warns_about_old_scale_question() -> None:
    r = calculator.score(profile(first_language={"test": "tef", "speaking": 456, "listening": 434, "reading": 434,
                                                 "writing": 428}))
    assert r["clb"]["first_language"] == {a: 7 for a in ABILITIES}
    assert any("ancien" in w and "tef_old_scale" in w for w in (render(w["code"], w["params"]) for w in r["warnings"]))
    r = calculator.score(profile(first_language={"test": "tef_old_scale", "speaking": 310, "listening": 249,
                                                 "reading": 207, "writing": 310}))
    assert r["clb"]["first_language"] == {a: 7 for a in ABILITIES}
    assert not any(w["code"] == "tef_scale" for w in r["warnings"])

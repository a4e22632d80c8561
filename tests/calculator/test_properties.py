"""Property tests (hypothesis): caps, monotonicity, spouse rules, improvements and JSON round trips."""

from __future__ import annotations

import copy
import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

import calculator
from calculator.codes import CODES

from .profiles import ABILITIES, EDUCATION, make

DATES = st.sampled_from(["2015-02-01", "2016-12-01", "2018-01-01", "2021-01-01", "2024-03-01", "2025-04-01",
                         "2026-06-01", "2026-11-10"])


def levels(test: str):
    return st.fixed_dictionaries({"test": st.just(test), **{a: st.integers(0, 12) for a in ABILITIES}})


@st.composite
def profiles(draw, spouse_kind: str | None = None):
    """Valid profiles with CLB/NCLC levels (easy to raise by one)."""
    first_french = draw(st.booleans())
    education = draw(st.sampled_from(EDUCATION))
    rank = EDUCATION.index(education)
    canadian = draw(st.sampled_from(["none"] + (["one_or_two_year"] if rank >= 2 else [])
                                    + (["three_year_or_more"] if rank >= 4 else [])))
    kind = spouse_kind or draw(st.sampled_from(["none", "scored", "pr", "stays"]))
    spouse = None
    marital = draw(st.sampled_from(["single", "divorced_or_separated", "widowed"]))
    if kind != "none":
        marital = draw(st.sampled_from(["married", "common_law"]))
        spouse = {"citizen_or_permanent_resident": kind == "pr", "accompanying": kind != "stays",
                  "education": draw(st.sampled_from(EDUCATION)), "canadian_work_years": draw(st.integers(0, 6)),
                  "language": draw(st.none() | levels("clb") | levels("nclc"))}
    return {
        "rules_date": draw(DATES), "marital_status": marital, "spouse": spouse, "age": draw(st.integers(16, 60)),
        "education": education, "canadian_education": canadian,
        "first_language": draw(levels("nclc" if first_french else "clb")),
        "second_language": draw(st.none() | levels("clb" if first_french else "nclc")),
        "canadian_work_years": draw(st.integers(0, 10)), "foreign_work_years": draw(st.integers(0, 10)),
        "certificate_of_qualification": draw(st.booleans()),
        "job_offer": draw(st.sampled_from(["none", "teer_0_major_group_00", "teer_0_1_2_3", "teer_4_5"])),
        "provincial_nomination": draw(st.booleans()), "sibling_in_canada": draw(st.booleans()),
    }


@settings(max_examples=400, deadline=None)
@given(profiles())
def test_every_cap_holds(p: dict) -> None:
    r = calculator.score(p)
    sub, lines = r["subtotals"], r["lines"]
    assert 0 <= sub["core"] <= (460 if r["with_spouse"] else 500)
    assert 0 <= sub["spouse"] <= 40 and (r["with_spouse"] or sub["spouse"] == 0)
    assert sub["core"] + sub["spouse"] <= 500
    assert 0 <= lines["transferability_education"] <= 50 and 0 <= lines["transferability_foreign_work"] <= 50
    assert 0 <= sub["transferability"] <= 100
    assert 0 <= sub["additional"] <= 600
    assert r["total"] == sum(sub.values()) <= 1200
    assert lines["second_language"] <= (22 if r["with_spouse"] else 24)
    assert 0 <= r["fsw"]["total"] <= r["fsw"]["max_total"] <= 100


def _raise(p: dict, path: tuple) -> dict | None:
    q = copy.deepcopy(p)
    target = q
    for key in path[:-1]:
        target = target.get(key) if isinstance(target, dict) else None
        if target is None:
            return None
    key = path[-1]
    if key == "education":
        i = EDUCATION.index(target[key])
        if i == len(EDUCATION) - 1:
            return None
        target[key] = EDUCATION[i + 1]
    elif isinstance(target.get(key), int) and not isinstance(target.get(key), bool):
        if target[key] >= (12 if path[0].endswith("language") else 10):
            return None
        target[key] += 1
    else:
        return None
    return q


RAISES = [("first_language", a) for a in ABILITIES] + [("second_language", a) for a in ABILITIES] + \
    [("spouse", "language", a) for a in ABILITIES] + \
    [("education",), ("canadian_work_years",), ("foreign_work_years",), ("spouse", "education"),
     ("spouse", "canadian_work_years")]


@settings(max_examples=300, deadline=None)
@given(profiles(), st.sampled_from(RAISES))
def test_never_lower_when_one_thing_rises(p: dict, path: tuple) -> None:
    q = _raise(p, path)
    if q is None or calculator.validate(q):
        return
    before, after = calculator.score(p), calculator.score(q)
    assert after["total"] >= before["total"]
    assert after["fsw"]["total"] >= before["fsw"]["total"]


@settings(max_examples=200, deadline=None)
@given(profiles(spouse_kind="pr"), st.sampled_from(["pr", "stays"]))
def test_citizen_or_staying_spouse_scores_as_single(p: dict, kind: str) -> None:
    if kind == "stays":
        p["spouse"]["citizen_or_permanent_resident"] = False
        p["spouse"]["accompanying"] = False
    single = {**copy.deepcopy(p), "marital_status": "single", "spouse": None}
    r, s = calculator.score(p), calculator.score(single)
    assert r["with_spouse"] is False and r["subtotals"]["spouse"] == 0
    assert (r["total"], r["subtotals"], r["lines"]) == (s["total"], s["subtotals"], s["lines"])
    assert r["fsw"] == s["fsw"]
    assert [i["key"] for i in r["improvements"]] == [i["key"] for i in s["improvements"]]


@settings(max_examples=200, deadline=None)
@given(profiles(spouse_kind="scored"))
def test_scored_spouse_uses_with_spouse_columns(p: dict) -> None:
    r = calculator.score(p)
    assert r["with_spouse"] is True
    single = calculator.score({**copy.deepcopy(p), "marital_status": "single", "spouse": None})
    assert r["lines"]["age"] <= single["lines"]["age"]
    assert r["lines"]["education"] <= single["lines"]["education"]


def _apply(p: dict, key: str) -> dict:
    """Apply an improvement to the raw profile, independently of the engine's own what-if code."""
    q = copy.deepcopy(p)
    nxt = {lv: (4 if lv < 4 else lv + 1) for lv in range(0, 10)}
    parts = key.split(".")
    if parts[0] in ("first_language", "second_language") and parts[1] in ABILITIES:
        q[parts[0]][parts[1]] = nxt[min(q[parts[0]][parts[1]], 10)]
    elif key == "second_language.french_test":
        q["second_language"] = {"test": "nclc", **{a: 7 for a in ABILITIES}}
    elif key == "second_language.english_test":
        q["second_language"] = {"test": "clb", **{a: 5 for a in ABILITIES}}
    elif key == "first_language.clb_9":
        for a in ABILITIES:
            q["first_language"][a] = max(q["first_language"][a], 9)
    elif key in ("first_language.nclc_7", "second_language.nclc_7"):
        res = q[parts[0]]
        for a in ABILITIES:
            res[a] = max(res[a], 7)
    elif key in ("canadian_work_years", "foreign_work_years"):
        q[key] += 1
    elif key == "education":
        q["education"] = EDUCATION[EDUCATION.index(q["education"]) + 1]
    elif key == "provincial_nomination":
        q["provincial_nomination"] = True
    elif key == "job_offer":
        q["job_offer"] = "teer_0_1_2_3"
    elif key == "certificate_of_qualification":
        q["certificate_of_qualification"] = True
    elif key == "canadian_education":
        q["canadian_education"] = "one_or_two_year"
    elif key == "canadian_education.three_year_or_more":
        q["canadian_education"] = "three_year_or_more"
    elif key == "spouse.language_test":
        q["spouse"]["language"] = {"test": "clb", **{a: 7 for a in ABILITIES}}
    elif parts[:2] == ["spouse", "language"]:
        q["spouse"]["language"][parts[2]] = nxt[min(q["spouse"]["language"][parts[2]], 10)]
    elif key == "spouse.education":
        q["spouse"]["education"] = EDUCATION[EDUCATION.index(q["spouse"]["education"]) + 1]
    elif key == "spouse.canadian_work_years":
        q["spouse"]["canadian_work_years"] += 1
    else:
        raise AssertionError(f"unknown improvement {key}")
    return q


@settings(max_examples=300, deadline=None)
@given(profiles())
def test_improvements_match_rescoring(p: dict) -> None:
    r = calculator.score(p)
    gains = [i["gain"] for i in r["improvements"]]
    assert gains == sorted(gains, reverse=True) and all(g > 0 for g in gains)
    keys = [i["key"] for i in r["improvements"]]
    assert len(keys) == len(set(keys))
    for item in r["improvements"]:
        assert item["new_total"] == r["total"] + item["gain"]
        assert item["code"] in CODES and set(item["params"]) == set(CODES[item["code"]])
        assert calculator.score(_apply(p, item["key"]))["total"] == item["new_total"], item


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32))
def test_generated_profiles_round_trip_json(seed: int) -> None:
    p = make(random.Random(seed))
    if calculator.validate(p):
        return
    # score_json leaves out only the constant labels (the page has them in its own language)
    whole = json.loads(json.dumps(calculator.score(p)))
    for key in ("labels", "sections", "total_label"):
        del whole[key]
    assert json.loads(calculator.score_json(json.dumps(p))) == whole


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_improvements_are_complete(p: dict) -> None:
    """Every simple single change that would gain points is listed."""
    r = calculator.score(p)
    listed = {i["key"] for i in r["improvements"]}
    keys = [f"first_language.{a}" for a in ABILITIES if p["first_language"][a] < 10]
    if p["second_language"]:
        keys += [f"second_language.{a}" for a in ABILITIES if p["second_language"][a] < 10]
    keys += [k for k, ok in (("canadian_work_years", p["canadian_work_years"] < 5),
                             ("foreign_work_years", p["foreign_work_years"] < 3),
                             ("education", p["education"] != "doctoral"),
                             ("provincial_nomination", not p["provincial_nomination"]),
                             ("certificate_of_qualification", not p["certificate_of_qualification"])) if ok]
    for key in keys:
        gain = calculator.score(_apply(p, key))["total"] - r["total"]
        assert (gain > 0) == (key in listed), (key, gain)

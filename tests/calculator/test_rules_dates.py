"""Dated rules: each change in crs-rules.md's changelog shows up on its date, and only from it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import calculator
from calculator.codes import render

from .conftest import lang, score

CHANGES = ["2015-01-01", "2016-11-19", "2017-06-06", "2020-10-27", "2025-03-25"]


def day_before(d: str) -> str:
    import datetime

    return (datetime.date.fromisoformat(d) - datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("date,top,other", [
    ("2015-01-01", 600, 600), ("2016-11-18", 600, 600),
    ("2016-11-19", 200, 50), ("2020-01-01", 200, 50), ("2022-11-16", 200, 50), ("2025-03-24", 200, 50),
    ("2025-03-25", 0, 0), ("2026-06-01", 0, 0),
])
def test_job_offer_points_by_date(date: str, top: int, other: int) -> None:
    assert score(rules_date=date, job_offer="teer_0_major_group_00")["lines"]["job_offer"] == top
    assert score(rules_date=date, job_offer="teer_0_1_2_3")["lines"]["job_offer"] == other
    assert score(rules_date=date, job_offer="teer_4_5")["lines"]["job_offer"] == 0
    assert score(rules_date=date, job_offer="none")["lines"]["job_offer"] == 0


def test_job_offer_and_nomination_share_the_600_cap_at_launch() -> None:
    r = score(rules_date="2015-06-01", job_offer="teer_0_1_2_3", provincial_nomination=True)
    assert r["lines"]["job_offer"] == 600 and r["lines"]["provincial_nomination"] == 600
    assert r["subtotals"]["additional"] == 600


@pytest.mark.parametrize("date,alone,bilingual", [
    ("2015-01-01", 0, 0), ("2017-06-05", 0, 0), ("2017-06-06", 15, 30), ("2020-10-26", 15, 30),
    ("2020-10-27", 25, 50), ("2026-06-01", 25, 50),
])
def test_french_points_by_date(date: str, alone: int, bilingual: int) -> None:
    assert score(rules_date=date, first_language=lang("nclc", 7))["lines"]["french"] == alone
    assert score(rules_date=date, first_language=lang("clb", 5), second_language=lang("nclc", 7))["lines"][
        "french"] == bilingual


@pytest.mark.parametrize("date,points", [("2015-01-01", 0), ("2017-06-05", 0), ("2017-06-06", 15),
                                         ("2026-06-01", 15)])
def test_sibling_points_by_date(date: str, points: int) -> None:
    assert score(rules_date=date, sibling_in_canada=True)["lines"]["sibling"] == points


@pytest.mark.parametrize("date,short,long", [("2015-01-01", 0, 0), ("2016-11-18", 0, 0), ("2016-11-19", 15, 30),
                                             ("2026-06-01", 15, 30)])
def test_canadian_education_points_by_date(date: str, short: int, long: int) -> None:
    assert score(rules_date=date, canadian_education="one_or_two_year")["lines"]["study_in_canada"] == short
    assert score(rules_date=date, canadian_education="three_year_or_more")["lines"]["study_in_canada"] == long


@pytest.mark.parametrize("date,effective", [
    ("2015-01-01", "2015-01-01"), ("2016-11-18", "2015-01-01"), ("2016-11-19", "2016-11-19"),
    ("2017-06-06", "2017-06-06"), ("2020-10-26", "2017-06-06"), ("2020-10-27", "2020-10-27"),
    ("2022-11-16", "2022-11-16"), ("2023-12-11", "2023-12-11"), ("2024-01-30", "2024-01-30"),
    ("2024-05-28", "2024-05-28"), ("2025-03-25", "2025-03-25"), ("2025-07-06", "2025-03-25"),
    ("2025-07-07", "2025-07-07"), ("2026-11-02", "2025-07-07"), ("2026-11-24", "2025-07-07"),
])
def test_effective_from(date: str, effective: str) -> None:
    r = score(rules_date=date)
    assert r["rules"]["effective_from"] == effective
    assert r["rules"]["reviewed"] == "2026-11-24"
    assert r["rules"]["date"] == date


def test_unchanged_grid_across_all_dates() -> None:
    # A.1-A.5, B and C never changed (changelog): same core, spouse and transferability on every date
    kw = dict(spouse={"education": "masters", "canadian_work_years": 1, "language": lang("clb", 7)}, age=31,
              education="two_or_more", first_language=lang("clb", 8, 9, 9, 10), second_language=lang("nclc", 5),
              canadian_work_years=2, foreign_work_years=3)
    seen = {(tuple(score(rules_date=d, **kw)["subtotals"].items())) for d in
            ["2015-01-01", "2016-12-01", "2018-01-01", "2021-01-01", "2024-01-01", "2026-06-01", "2027-01-01"]}
    assert len(seen) == 1


def said(result: dict) -> list[str]:
    """A result's warnings in English, as the command line prints them."""
    return [render(w["code"], w["params"]) for w in result["warnings"]]


@pytest.mark.parametrize("date,warned", [("2026-11-02", False), ("2026-11-03", True), ("2026-11-24", True),
                                         ("2027-05-01", True), ("2025-01-01", False)])
def test_warning_on_and_after_2026_11_03(date: str, warned: bool) -> None:
    r = score(rules_date=date)
    hits = [w for w in said(r) if "2026-11-03" in w]
    assert bool(hits) is warned
    if warned:
        assert "high-wage" in hits[0] and "not published" in hits[0]
    # still scored, under the last verified rules
    assert r["total"] == score(rules_date="2026-11-02")["total"]


def test_warning_after_last_review() -> None:
    assert not any("last reviewed" in w for w in said(score(rules_date="2026-11-24")))
    assert any("last reviewed on 24 November 2026" in w for w in said(score(rules_date="2026-11-25")))


def test_default_rules_date_is_today() -> None:
    import datetime

    p = score.__globals__["profile"]()
    del p["rules_date"]
    r = calculator.score(p)
    assert r["rules"]["date"] == datetime.date.today().isoformat()


def test_job_offer_warning_after_removal() -> None:
    r = score(rules_date="2025-04-01", job_offer="teer_0_1_2_3")
    assert any("25 March 2025" in w and "eligibility" in w for w in said(r))
    assert not any("Job offers earn no" in w for w in said(score(rules_date="2025-03-01", job_offer="teer_0_1_2_3")))


@pytest.mark.parametrize("date,ok", [("2024-01-29", False), ("2024-01-30", True)])
def test_pte_core_accepted_from_2024_01_30(date: str, ok: bool) -> None:
    p = score.__globals__["profile"](rules_date=date, first_language=lang("pte_core", 80))
    errors = calculator.validate(p)
    assert (errors == []) is ok
    if not ok:
        assert errors[0]["field"] == "first_language.test" and "30 January 2024" in errors[0]["message"]


@pytest.mark.parametrize("date,ok", [("2023-12-10", False), ("2023-12-11", True)])
def test_tef_new_scale_from_2023_12_11(date: str, ok: bool) -> None:
    p = score.__globals__["profile"](rules_date=date, first_language=lang("tef", 500))
    assert (calculator.validate(p) == []) is ok
    p = score.__globals__["profile"](rules_date=date, first_language=lang("tef_old_scale", 300))
    assert calculator.validate(p) == []


@pytest.mark.parametrize("bad", ["2014-12-31", "2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", 20260101, True,
                                 "today"])
def test_bad_rules_dates(bad: object) -> None:
    p = score.__globals__["profile"](rules_date=bad)
    errors = calculator.validate(p)
    assert [e["field"] for e in errors] == ["rules_date"]


def test_a_rule_change_is_a_data_edit(tmp_path: Path) -> None:
    """Add a dated value to the data only: a copy of the package scores it from that date on."""
    pkg = Path(calculator.__file__).parent
    copy = tmp_path / "calculator"
    shutil.copytree(pkg, copy, ignore=shutil.ignore_patterns("__pycache__"))
    data = json.loads((copy / "data" / "crs.json").read_text())
    data["sibling"]["values"].append({"from": "2030-01-01", "value": 20, "sources": ["ircc-crs-criteria"]})
    (copy / "data" / "crs.json").write_text(json.dumps(data))
    prof = score.__globals__["profile"](sibling_in_canada=True)
    code = (
        "import json, sys, calculator\n"
        "p = json.loads(sys.argv[1])\n"
        "out = []\n"
        "for d in ('2029-12-31', '2030-01-01'):\n"
        "    p['rules_date'] = d\n"
        "    r = calculator.score(p)\n"
        "    out.append([r['lines']['sibling'], r['rules']['effective_from']])\n"
        "print(json.dumps(out))\n"
    )
    res = subprocess.run([sys.executable, "-c", code, json.dumps(prof)], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert json.loads(res.stdout) == [[15, "2025-07-07"], [20, "2030-01-01"]]

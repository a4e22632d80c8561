"""The command line: exit codes and JSON on standard output, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import calculator
from calculator.codes import english, render

from .conftest import profile

ROOT = Path(calculator.__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculator", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_score_file(tmp_path: Path) -> None:
    f = tmp_path / "p.json"
    f.write_text(json.dumps(profile()))
    res = run("score", str(f))
    assert res.returncode == 0 and res.stderr == ""
    out = json.loads(res.stdout)
    # the result, with the English of every code next to it for the person reading it
    assert out == json.loads(json.dumps(english(calculator.score(profile()))))
    assert out["improvements"][0]["message"] == render(out["improvements"][0]["code"], out["improvements"][0]["params"])
    assert all(w["message"] and "{" not in w["message"] for w in out["warnings"])


def test_score_stdin() -> None:
    res = run("score", "-", stdin=json.dumps(profile(age=40)))
    assert res.returncode == 0
    assert json.loads(res.stdout)["lines"]["age"] == 50


def test_invalid_profile_exit_2_lists_every_error() -> None:
    bad = profile(age=-3, first_language={"test": "ielts", "speaking": 9.5, "listening": 7, "reading": 7,
                                          "writing": "x"})
    res = run("score", "-", stdin=json.dumps(bad))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    out = json.loads(res.stdout)
    assert set(out) == {"errors"}
    assert [e["field"] for e in out["errors"]] == ["age", "first_language.speaking", "first_language.writing"]


def test_invalid_json_and_missing_file() -> None:
    res = run("score", "-", stdin="{oops")
    assert res.returncode == 2 and json.loads(res.stdout)["errors"][0]["field"] == "profile"
    res = run("score", "/nonexistent/profile.json")
    assert res.returncode == 2 and json.loads(res.stdout)["errors"][0]["field"] == "file"
    res = run("score", "-", stdin="")
    assert res.returncode == 2 and "errors" in json.loads(res.stdout)


def test_schema() -> None:
    res = run("schema")
    assert res.returncode == 0
    schema = json.loads(res.stdout)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    props = schema["properties"]
    assert set(props) == {"rules_date", "marital_status", "spouse", "age", "education", "canadian_education",
                          "first_language", "second_language", "canadian_work_years", "foreign_work_years",
                          "certificate_of_qualification", "job_offer", "provincial_nomination", "sibling_in_canada",
                          "eligibility", "occupation", "partner", "dates", "documents"}
    assert props["education"]["enum"] == ["none", "secondary", "one_year", "two_year", "bachelors", "two_or_more",
                                          "masters", "doctoral"]
    assert props["job_offer"]["enum"] == ["none", "teer_0_major_group_00", "teer_0_1_2_3", "teer_4_5"]
    assert set(props["eligibility"]["properties"]) >= {"family_size", "settlement_funds", "continuous_work_years"}
    tests = {v["properties"]["test"]["const"] for v in schema["$defs"]["language"]["oneOf"]}
    assert tests == {"ielts", "celpip", "pte_core", "tef", "tef_old_scale", "tcf", "clb", "nclc"}
    assert "rules_date" not in schema["required"] and "age" in schema["required"]


def test_tables() -> None:
    res = run("tables", "--date", "2025-01-01", "proof-of-funds")
    assert res.returncode == 0
    assert json.loads(res.stdout)["proof-of-funds"]["rows"][0] == ["1", "$14,690"]
    assert run("tables", "nope").returncode == 2
    assert run("tables", "--date", "2025-02-30").returncode == 2


def test_usage_errors() -> None:
    for args in ([], ["frobnicate"], ["score"], ["score", "a", "b"]):
        res = run(*args)
        assert res.returncode == 2 and "usage" in res.stderr and "Traceback" not in res.stderr

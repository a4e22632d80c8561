"""Shared helpers for the calculator tests: a profile builder that tests override field by field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import calculator

# Dates well inside each rules period (crs-rules.md changelog).
LAUNCH = "2015-06-01"          # 2015-01-01: job offer 600, no Canadian education / French / sibling points
NOV_2016 = "2017-01-15"        # 2016-11-19: job offer 200/50, Canadian education 15/30
JUNE_2017 = "2018-03-01"       # 2017-06-06: French 15/30, sibling 15
OCT_2020 = "2021-06-01"        # 2020-10-27: French 25/50
MAR_2025 = "2025-05-01"        # 2025-03-25: no job-offer points
CURRENT = "2026-06-01"         # verified rules, before the reported 2026-11-03 change

BASE: dict[str, Any] = {
    "rules_date": CURRENT,
    "marital_status": "single",
    "spouse": None,
    "age": 29,
    "education": "bachelors",
    "canadian_education": "none",
    "first_language": {"test": "clb", "speaking": 9, "listening": 9, "reading": 9, "writing": 9},
    "second_language": None,
    "canadian_work_years": 0,
    "foreign_work_years": 0,
    "certificate_of_qualification": False,
    "job_offer": "none",
    "provincial_nomination": False,
    "sibling_in_canada": False,
}

SPOUSE: dict[str, Any] = {
    "citizen_or_permanent_resident": False,
    "accompanying": True,
    "education": "none",
    "canadian_work_years": 0,
    "language": None,
}


def lang(test: str, s: Any, li: Any = None, r: Any = None, w: Any = None) -> dict[str, Any]:
    """Language results; one value means the same score in all four abilities."""
    return {"test": test, "speaking": s, "listening": s if li is None else li,
            "reading": s if r is None else r, "writing": s if w is None else w}


def profile(with_spouse: bool = False, spouse: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """BASE with fields replaced; with_spouse=True adds a scored spouse (married, not PR, accompanying)."""
    p = copy.deepcopy(BASE)
    if with_spouse or spouse is not None:
        p["marital_status"] = "married"
        p["spouse"] = {**SPOUSE, **(spouse or {})}
    p.update(fields)
    return p


def score(**kw: Any) -> dict[str, Any]:
    return calculator.score(profile(**kw))


@pytest.fixture
def base_profile() -> dict[str, Any]:
    return profile()

"""Shared fixtures for the rounds-of-invitations tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEED = ROOT / "content" / "data" / "ee_rounds_123_en.json"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitegen.draws import Rounds, load_rounds  # noqa: E402


@pytest.fixture(scope="session")
def feed_text() -> str:
    return FEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rounds() -> Rounds:
    return load_rounds(FEED)


def make_round(number: str, draw_date: str, name: str = "Canadian Experience Class", **fields: str) -> dict:
    """A round in the feed's own shape: 31 string fields, no distribution unless given."""
    r = {
        "drawNumber": number,
        "drawNumberURL": f"<a href='/x.html?q={number}'>{number}</a>",
        "drawDate": draw_date,
        "drawDateFull": draw_date,
        "drawName": name,
        "drawSize": "3,000",
        "drawCRS": "520",
        "mitext": "",
        "DrawText1": "",
        "drawText2": "Canadian Experience Class",
        "drawDateTime": "August 7, 2026 at 10:08:20 UTC",
        "drawCutOff": "July 1, 2026 at 12:00:00 UTC",
        "drawDistributionAsOn": "August 3, 2026",
        **{f"dd{i}": "0" for i in range(1, 19)},
    }
    r.update(fields)
    return r


def feed(*rounds: dict) -> str:
    """Feed text formatted like IRCC's: two-space indent, one key per line."""
    return json.dumps({"classes": "wb-tables", "rounds": list(rounds)}, indent=2, ensure_ascii=False) + "\n"

"""Helpers for the rounds-of-invitations tests: the real feed's path and small feeds in IRCC's shape."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FEED = ROOT / "content" / "data" / "ee_rounds_123_en.json"


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


def with_rounds(feed_text: str, rounds: list[dict]) -> str:
    """The real feed with its rounds list replaced, formatted like IRCC's file."""
    data = json.loads(feed_text)
    data["rounds"] = rounds
    return json.dumps(data, indent=2, ensure_ascii=False)


def newer_feed(feed_text: str, **fields: str) -> tuple[str, dict]:
    """The real feed with a round #435 on 21 August 2026 added on top (``fields`` change it)."""
    rounds = json.loads(feed_text)["rounds"]
    defaults = {"drawSize": "3,500", "drawCRS": "512", "drawDateTime": "August 21, 2026 at 14:00:00 UTC"}
    new = make_round("435", "2026-08-21", **(defaults | fields))
    return with_rounds(feed_text, [new, *rounds]), new

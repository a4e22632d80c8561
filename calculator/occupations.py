"""Occupations: the NOC 2021 unit groups, their TEER, and whether one is an eligible FST trade.

The list (516 codes, ``data/noc.json``) is read the first time an occupation is checked, not when the engine is
imported: profiles without an occupation, and the page's start-up, never pay for it.
"""

from __future__ import annotations

from .rules import load_json, parameter_entry

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

_UNITS: dict[str, str] | None = None
_TRADES: dict[tuple[str, str], str | None] = {}  # (code, rules date) -> fst_trade's answer (a bounded cache)


def units() -> dict[str, str]:
    """Every NOC 2021 unit group: code (5 ASCII digits) -> English title."""
    global _UNITS
    if _UNITS is None:
        _UNITS = load_json("noc.json")["units"]
    return _UNITS


def is_code(value: Any) -> bool:
    """A NOC 2021 unit-group code of the list."""
    return type(value) is str and value in units()


def teer(code: str) -> int:
    """The TEER category (0-5) of a unit group: its code's second digit, by the NOC's own numbering."""
    return int(code[1])


def fst_trade(code: str, date: str) -> str | None:
    """Whether a unit group is an eligible Federal Skilled Trades trade on ``date``: "yes", "unconfirmed" (a group
    the sources do not settle), "no", or None when the trade groups for that date are not in the data."""
    answer = _TRADES.get((code, date), False)
    if answer is not False:
        return answer
    entry = parameter_entry("eligibility.fst_trades", date)
    if entry is None:
        answer = None
    else:
        groups = entry["value"]
        if any(code.startswith(p) for p in groups["excluded"]):
            answer = "no"
        elif any(code.startswith(p) for p in groups["confirmed"]):
            answer = "yes"
        elif any(code.startswith(p) for p in groups["unconfirmed"]):
            answer = "unconfirmed"
        else:
            answer = "no"
    if len(_TRADES) > 8192:
        _TRADES.clear()
    _TRADES[(code, date)] = answer
    return answer

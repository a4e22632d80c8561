"""How a profile compares with the latest rounds of invitations: the rounds it can be invited in, and the pool.

The site hands the engine a summary of IRCC's rounds feed once (sitegen's ``calculator_summary``: the latest
round of each type and the latest score distribution); every result then lists, for that summary:

- ``rounds``: the round types this profile can be invited in (program rounds it is eligible for, the categories it
  is eligible for), each with its latest cut-off, the gap and the date;
- ``unknown``: round types that depend on answers not given, with what would decide them (``needs``);
- ``not_eligible``: the others, with the reason codes;
- ``pool``: how many candidates of the latest distribution scored at or above this score.

Round-type keys are the site's (``general``, ``cec``, ``fsw``, ``fst``, ``pnp``, the category keys, ``other``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

PROGRAMS = ("fsw", "cec", "fst")
_FLAG = {"eligible": True, "not_eligible": False}


def _round_eligibility(rt: dict[str, Any], result: dict[str, Any], nominated: bool) -> tuple[bool | None, list, list]:
    """(True / False / None, reason codes, needs) for one round type."""
    key, requires = rt["key"], rt["requires"]
    elig = result["eligibility"]
    if requires in PROGRAMS:
        e = elig[requires]
        flag = _FLAG.get(e["status"])
        return flag, ([{"code": "program_not_eligible", "program": requires}] if flag is False else []), \
            ([requires] if flag is None else [])
    if requires == "pnp":
        return nominated, ([] if nominated else [{"code": "no_nomination"}]), []
    if requires == "any":
        flags = [_FLAG.get(elig[k]["status"]) for k in PROGRAMS] + [nominated]
        if True in flags:
            return True, [], []
        if all(f is False for f in flags):
            return False, [{"code": "no_program"}], []
        return None, [], [k for k in PROGRAMS if _FLAG.get(elig[k]["status"]) is None]
    if key == "other":  # a round name the site does not recognise: nothing can be said
        return None, [{"code": "unknown_round_type"}], []
    if not result["category_rules"]["encoded"]:
        return None, [{"code": "category_rules_not_encoded"}], []
    c = result["categories"].get(key)
    if c is None:
        return False, [{"code": "category_not_in_force"}], []
    return _FLAG.get(c["status"]), c["reasons"], c["needs"]


def compare(result: dict[str, Any], nominated: bool, summary: dict[str, Any]) -> dict[str, Any]:
    """The rounds comparison for one scored result (see the module docstring).

    Each row is the type's {"key", "label", "recent"} and its latest round's {"number", "date", "cutoff",
    "tie_break"}, plus "margin" (score - cutoff) and "status" ("above", "at" or "below") where the profile can or
    may be invited, "needs" for the unknown ones and "reasons" for the unknown and the others.
    """
    score = result["total"]
    rounds, unknown, not_eligible = [], [], []
    for rt in summary["round_types"]:
        flag, reasons, needs = _round_eligibility(rt, result, nominated)
        latest = rt["latest"]
        cutoff = latest["cutoff"]
        row = {"key": rt["key"], "label": rt["label"], "recent": rt["recent"], "number": latest["number"],
               "date": latest["date"], "cutoff": cutoff, "tie_break": latest["tie_break"]}
        if flag is False:
            row["reasons"] = reasons
            not_eligible.append(row)
            continue
        margin = score - cutoff
        row["margin"] = margin
        row["status"] = "above" if margin > 0 else "at" if margin == 0 else "below"
        if flag is True:
            rounds.append(row)
        else:
            row["needs"], row["reasons"] = needs, reasons
            unknown.append(row)
    return {"as_of": summary["as_of"], "rounds": rounds, "unknown": unknown, "not_eligible": not_eligible,
            "pool": pool_position(score, summary)}


def pool_position(score: int, summary: dict[str, Any]) -> dict[str, Any] | None:
    """How many candidates in the latest pool distribution scored at or above ``score``.

    None when the summary has no distribution, else::

        {"score", "as_of", "total", "at_or_above_min", "at_or_above_max", "exact", "estimate",
         "band": {"min", "max", "count"}}  # the band that contains the score

    The bands only say how many candidates are in each range, so ``at_or_above_min`` counts the bands entirely at
    or above the score; ``at_or_above_max`` adds the whole band containing it, unless the score is that band's
    lowest value (then the band is entirely at or above it, min == max and ``exact`` is true); ``estimate`` adds
    the band's count scaled by the share of its scores at or above the score, assuming candidates are spread
    evenly inside the band, rounded half up. Raises ValueError for a score outside 0-1,200.
    """
    distribution = summary.get("distribution")
    if not distribution:
        return None
    if not 0 <= score <= 1200:
        raise ValueError(f"a CRS score is between 0 and 1,200, not {score}")
    above = 0
    for band in distribution["bands"]:  # highest first
        if band["min"] <= score <= band["max"]:
            exact = score == band["min"]
            width = band["max"] - band["min"] + 1
            share = (2 * band["count"] * (band["max"] - score + 1) + width) // (2 * width)
            return {
                "score": score,
                "as_of": distribution["as_of"],
                "total": distribution["total"],
                "at_or_above_min": above + (band["count"] if exact else 0),
                "at_or_above_max": above + band["count"],
                "exact": exact,
                "estimate": above + share,
                "band": dict(band),
            }
        above += band["count"]
    raise ValueError(f"the distribution has no band for {score}")

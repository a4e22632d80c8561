"""The calculator's "how does my score compare" panel: what the calculator page embeds from the rounds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..strings import round_label
from .rounds import Rounds

RECENT_DAYS = 365  # a round type with no round in this long before the latest round is flagged as not recent


def calculator_summary(rounds: Rounds, strings: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the calculator page embeds (as JSON) for its "how does my score compare" panel.

    Shape::

        {"as_of": {"number": "434", "date": "2026-08-07"},
         "round_types": [{"key": "cec", "label": "Canadian Experience Class", "requires": "cec",
                          "recent": true,
                          "latest": {"number": "432", "date": "2026-08-05", "cutoff": 516,
                                     "invitations": 3000, "name": "Canadian Experience Class",
                                     "tie_break": "2026-07-03T21:35:13Z"}}, ...],
         "distribution": {"as_of": "2026-08-03", "total": 229100,
                          "bands": [{"min": 601, "max": 1200, "count": 500}, ...]}}

    ``round_types`` is in display order (general, CEC, PNP, FSW, FST, French, then the occupation
    categories, then unknown types). ``requires`` says which eligibility flag decides whether a profile can be
    invited in that round type; see `compare`. ``label`` is in the words of ``strings`` (`round_label`).
    ``recent`` is false when the type had no round in the
    365 days before ``as_of`` (show it greyed out or with its date: IRCC may not hold such rounds any more).
    ``tie_break`` is null for rounds without one. ``distribution`` holds only the finest non-overlapping bands,
    highest scores first, and is null when the feed has no distribution; ``total`` is IRCC's published total.

    How the calculator uses it: the page embeds it as a data block (never executed, so the Content-Security-Policy
    allows it) and hands it to the engine once (``calculator.use_rounds``); the engine's ``calculator.rounds``
    then compares every result with it (the rounds the profile can be invited in, and the pool position).
    """
    since = rounds.latest.date - timedelta(days=RECENT_DAYS)
    distribution = rounds.latest_distribution
    return {
        "as_of": {"number": rounds.latest.number, "date": rounds.latest.date.isoformat()},
        "round_types": [
            {
                "key": r.category_info.key,
                "label": round_label(r, strings or {}),
                "requires": r.category_info.requires,
                "recent": r.date >= since,
                "latest": {
                    "number": r.number,
                    "date": r.date.isoformat(),
                    "cutoff": r.cutoff,
                    "invitations": r.invitations,
                    "name": " ".join(r.name_raw.split()),
                    "tie_break": r.tie_break.strftime("%Y-%m-%dT%H:%M:%SZ") if r.tie_break else None,
                },
            }
            for r in rounds.latest_by_category()
        ],
        "distribution": None if distribution is None else {
            "as_of": distribution.as_of.isoformat(),
            "total": distribution.total,
            "bands": [{"min": b.min, "max": b.max, "count": b.count} for b in distribution.finest],
        },
    }

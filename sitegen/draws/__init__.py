"""IRCC's rounds-of-invitations feed (``ee_rounds_123_en.json``) as typed data.

The feed is IRCC's own format, kept as it is so editors can drop in a fresh copy. Everything in it is a string
("5,000"), round numbers are not always integers ("91a"), the date-time spellings drift, and round names gain
version suffixes. One module per job:

- `feed`: reading and checking the feed (`load_rounds`, `parse_rounds`, `check_size`), with ``path:line`` errors;
- `dates`: the feed's date and date-time spellings; `json_lines`: the line of a value, for those errors;
- `rounds`: `Round`, `Distribution`, `Rounds`; `categories`: what a round's name means (`categorize`);
- `summary`: what the calculator page embeds (`calculator_summary`); the comparison itself is the engine's
  (``calculator.rounds``).
"""

from __future__ import annotations

from .categories import CATEGORY_ORDER, Category, categorize
from .dates import parse_date, parse_datetime
from .feed import FEED_URL, MAX_FEED_BYTES, check_size, load_rounds, parse_rounds
from .rounds import Band, Distribution, Round, Rounds
from .summary import calculator_summary

__all__ = [
    "CATEGORY_ORDER", "FEED_URL", "MAX_FEED_BYTES", "Band", "Category", "Distribution", "Round",
    "Rounds", "calculator_summary", "categorize", "check_size", "load_rounds", "parse_date", "parse_datetime",
    "parse_rounds",
]

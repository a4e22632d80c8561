"""Parsing IRCC's feed: every field checked, each problem as ``path:line: round #N: field: what is wrong``.

It also refuses values no real round can have (a date before Express Entry or in the future, an absurd count,
digits other than 0-9); update-draws uses this same parser, so it accepts exactly what the build does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sitegen.errors import BuildError, BuildFailed, display_path

from .categories import categorize
from .dates import parse_date, parse_datetime
from .json_lines import LineLocator, Members, json_int
from .rounds import BAND_RANGES, Band, Distribution, Round, Rounds

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"


# Every round carries these keys; others are ignored so a new IRCC field does not break the build.
REQUIRED_KEYS = (
    "drawNumber", "drawDate", "drawName", "drawSize", "drawCRS", "drawText2", "drawDateTime", "drawCutOff",
    "drawDistributionAsOn", *(f"dd{i}" for i in range(1, 19)),
)

# Plausibility limits: the build and update-draws both refuse a feed outside them, so a typo such as a round
# dated 9999-12-31 never reaches the pages (where date arithmetic on it broke every build).
MAX_FEED_BYTES = 50_000_000  # the feed is about 0.7 MB for 435 rounds; a file this big is not it
EXPRESS_ENTRY_START = date(2015, 1, 1)  # no date in the feed can be earlier: the first round was 31 January 2015
DAYS_AHEAD = 1  # a published round is never in the future; one day allows for time zones
MAX_INVITATIONS = 100_000  # the largest round so far invited 27,332 candidates
MAX_CANDIDATES = 10_000_000  # per distribution row; the whole pool has never passed 260,000

_Report = Callable[[str | None, str], None]


def load_rounds(path: Path, shown: str | None = None) -> Rounds:
    """Read and check the feed file; raises `BuildFailed` with every problem found.
    ``shown`` is the path for error messages (default: ``path`` relative to the working directory)."""
    if shown is None:
        shown = display_path(path, Path.cwd())
    try:
        check_size(path.stat().st_size, shown)
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise BuildFailed([BuildError(shown, 0, f"cannot read the rounds feed: {e}")]) from e
    return parse_rounds(text, shown)


def check_size(size: int, path: str) -> None:
    """Refuse a feed of ``size`` bytes over `MAX_FEED_BYTES`, before anything reads it."""
    if size > MAX_FEED_BYTES:
        raise BuildFailed([BuildError(path, 0, f"is {size:,} bytes, more than the {MAX_FEED_BYTES:,} a rounds "
                                               "feed can be (the real one is under 1 MB)")])


def parse_rounds(text: str, path: str, today: date | None = None) -> Rounds:
    """Parse the feed's text. ``path`` is only used in error messages. ``today`` (default: today in UTC) is the
    last day a round may be dated, give or take `DAYS_AHEAD`."""
    text = text.removeprefix("\ufeff")
    latest = (today or datetime.now(UTC).date()) + timedelta(days=DAYS_AHEAD)
    try:
        data = json.loads(text, object_pairs_hook=Members, parse_int=json_int)
    except json.JSONDecodeError as e:
        raise BuildFailed([BuildError(path, e.lineno, f"not valid JSON: {e.msg} (column {e.colno})")]) from e
    except RecursionError:
        raise BuildFailed([BuildError(path, 0, "is nested too deeply to be the rounds feed")]) from None
    # Line numbers are only needed for errors, so the (slower) position-tracking walk happens only then.
    where = LineLocator(text)
    items = data.get("rounds") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise BuildFailed([BuildError(path, 1, 'expected an object with a "rounds" list')])
    if not items:
        raise BuildFailed([BuildError(path, where.line(None, "rounds"), "the rounds list is empty")])

    errors: list[BuildError] = []
    rounds: list[Round] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(BuildError(path, where.line(index), "each round must be an object"))
            continue
        r = _parse_round(item, lambda key, i=index: where.line(i, key), path, errors, latest)
        if r is None:
            continue
        if r.number in seen:  # a dict: one pass finds every duplicate however long the feed
            message = f"round #{r.number}: drawNumber: appears twice (first on line {where.line(seen[r.number])})"
            errors.append(BuildError(path, where.line(index, "drawNumber"), message))
            continue
        seen[r.number] = index
        rounds.append(r)
    if errors:
        raise BuildFailed(errors)
    # The feed is newest first; sort anyway so a reordered file cannot change which round is "latest".
    rounds.sort(key=lambda r: r.sort_key, reverse=True)
    return Rounds(tuple(rounds), path)


def _parse_round(
    raw: Members, line_of: Callable[[str | None], int], path: str, errors: list[BuildError], latest: date
) -> Round | None:
    number = raw.get("drawNumber")
    shown_number = number.strip() if isinstance(number, str) else ""
    label = f"round #{shown_number}" if 0 < len(shown_number) <= 12 else "round"
    found: list[BuildError] = []

    def bad(key: str | None, message: str) -> None:
        # path:line: round #N: field: what is wrong
        found.append(BuildError(path, line_of(key), f"{label}: {key}: {message}" if key else f"{label}: {message}"))

    for key in raw.duplicates:
        bad(key, "appears twice in this round")
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        bad(None, f"missing {', '.join(missing)}")
        errors.extend(found)
        return None
    text: dict[str, str] = {}
    for k in REQUIRED_KEYS:
        value = raw[k]
        # Numbers are strings in the feed; accept JSON numbers too in case IRCC ever stops quoting them.
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            text[k] = value
        else:
            bad(k, f"must be a string, not {_shown(value)}")
    if found:
        errors.extend(found)
        return None

    number = text["drawNumber"].strip()
    m = _NUMBER.fullmatch(number)
    if not m:
        bad("drawNumber", f'{_shown(number)} is not a round number like "434" or "91a"')
    draw_date = _draw_date(text["drawDate"], latest, bad)
    name = " ".join(text["drawName"].split())
    if not name:
        bad("drawName", "is empty")
    invitations = _amount("drawSize", text["drawSize"], "invitations", "5,000", 1, MAX_INVITATIONS, bad)
    # Not a clamp: a CRS score above 1,200 cannot exist, so such a value is a typo, not a low-score round.
    cutoff = _whole_number(text["drawCRS"])
    if cutoff is None or cutoff > 1200:
        bad("drawCRS", f"{_shown(text['drawCRS'])} is not a CRS score from 0 to 1,200")

    draw_time = tie_break = None
    if draw_date:
        draw_time = _datetime_field("drawDateTime", text, draw_date, "nearest", latest, bad)
        tie_break = _datetime_field("drawCutOff", text, draw_date, "before", latest, bad)
    distribution = _distribution(text, latest, bad)
    if found or not (m and draw_date and invitations and cutoff is not None):
        errors.extend(found)
        return None
    category = categorize(name)
    return Round(
        number=number,
        sort_key=(int(m[1]), m[2]),
        date=draw_date,
        name_raw=text["drawName"],
        category=category.key,
        category_label=category.label,
        invitations=invitations,
        cutoff=cutoff,
        draw_time=draw_time,
        tie_break=tie_break,
        programs=" ".join(text["drawText2"].split()),
        distribution=distribution,
        raw=dict(raw),
    )


# ASCII digits only (Python's \d and int() also take other scripts' digits, such as "٤٣٤"), and few enough
# that int() is cheap and never hits its 4,300-digit limit; the range checks then refuse absurd values.
_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,18}")
_NUMBER = re.compile(r"([1-9][0-9]{0,4})([a-z]?)")  # 1 to 99,999, no leading zero: "0434" is not "434"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # date.fromisoformat also takes "20260807", "2026-W32-5"


def _whole_number(value: str) -> int | None:
    """ "5,000" → 5000; None when it is not a whole number in ASCII digits with optional thousands commas."""
    if value.isdigit() and value.isascii() and len(value) <= 18:  # the common "0": no regex needed
        return int(value)
    value = value.strip()
    return int(value.replace(",", "")) if _COUNT.fullmatch(value) else None


def _amount(key: str, value: str, noun: str, example: str, minimum: int, maximum: int, bad: _Report) -> int | None:
    """A count of ``noun`` from ``minimum`` to ``maximum``; anything else is reported, saying why."""
    n = _whole_number(value)
    if n is None:
        if _whole_number(value.strip().removeprefix("-")) is not None:
            bad(key, f"{_shown(value)} is negative: a number of {noun} cannot be")
        elif any(ch.isdigit() and not ch.isascii() for ch in value):
            bad(key, f"{_shown(value)} has digits other than 0-9")
        else:
            bad(key, f'{_shown(value)} is not a number of {noun} like "{example}"')
        return None
    if n < minimum:
        bad(key, f"{_shown(value)} must be at least {minimum:,}")
        return None
    if n > maximum:
        bad(key, f"{_shown(value)} is more than {maximum:,} {noun}, which is not plausible")
        return None
    return n


def _shown(value: object) -> str:
    """A value quoted for a message, cut short so a huge value does not flood the output."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _out_of_range(day: date, latest: date) -> str | None:
    """Why ``day`` cannot be in the feed, or None when it can."""
    if day < EXPRESS_ENTRY_START:
        return f"is before Express Entry began ({EXPRESS_ENTRY_START.isoformat()})"
    if day > latest:
        return f"is in the future (after {latest.isoformat()})"
    return None


def _draw_date(value: str, latest: date, bad: _Report) -> date | None:
    try:
        if not _ISO_DATE.fullmatch(value.strip()):
            raise ValueError
        draw_date = date.fromisoformat(value.strip())
    except ValueError:
        bad("drawDate", f'{_shown(value)} is not a date like "2026-08-07"')
        return None
    if problem := _out_of_range(draw_date, latest):
        bad("drawDate", f"{_shown(value)} {problem}")
        return None
    return draw_date


def _datetime_field(
    key: str, text: dict[str, str], draw_date: date, year_rule: str, latest: date, bad: _Report
) -> datetime | None:
    value = text[key]
    if not value.strip():
        return None  # tie-break times are empty in rounds #1–#76
    try:
        result = parse_datetime(value, draw_date, year_rule)
    except ValueError as e:
        bad(key, f"{_shown(value)} {e}")
        return None
    if problem := _out_of_range(result.date(), latest):
        bad(key, f"{_shown(value)} {problem}")
        return None
    return result


def _distribution(text: dict[str, str], latest: date, bad: _Report) -> Distribution | None:
    counts = {}
    for i in range(1, 19):
        key = f"dd{i}"
        counts[key] = _amount(key, text[key], "candidates", "19,705", 0, MAX_CANDIDATES, bad)
    if None in counts.values() or not any(counts.values()):
        return None  # all "0": IRCC published no distribution with this round
    try:
        as_of = parse_date(text["drawDistributionAsOn"])
    except ValueError as e:
        bad("drawDistributionAsOn", f"{_shown(text['drawDistributionAsOn'])} {e}")
        return None
    if problem := _out_of_range(as_of, latest):
        bad("drawDistributionAsOn", f"{_shown(text['drawDistributionAsOn'])} {problem}")
        return None
    bands = tuple(Band(k, lo, hi, counts[k], sub) for k, (lo, hi, sub) in BAND_RANGES.items())
    return Distribution(as_of, bands, counts["dd18"])

"""The feed's dates and date-times, in every spelling it has used."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)} | {
    m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, 1)
} | {"sept": 9}


# One pattern for every spelling in the feed: "August 7, 2026 at 10:08:20 UTC", "July 06, 2023 14:25:05 UTC",
# "March 01, 2023, at 17:24:39 UTC", "May 31, 2024 at12:48:30 UTC", "April 26,2023 18:10:04 UTC",
# "March 02. 2024 at …", "July 3rd 2026 at …", "October 7 at 16:38:21 UTC" (no year, #208),
# "October 25, 2023 at 15:48:39 AM UTC", "January 23, 2025 at 2025-01-23 15:30:04 UTC", "… at 23:59:47".
_DATE_PART = r"(?P<month>[a-z]+)\.?\s*(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?:[,.]?\s*(?P<year>[0-9]{4}))?"
_DATETIME = re.compile(
    _DATE_PART + r",?\s*(?:at\s*)?(?:(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})\s+)?"
    r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:utc|gmt|z)?",
    re.I | re.ASCII,  # ASCII: [a-z] with re.I must not match "K" (Kelvin sign) and the like
)
_DATE = re.compile(_DATE_PART, re.I | re.ASCII)


def parse_datetime(value: str, draw_date: date, year_rule: str = "nearest") -> datetime:
    """A feed date-time as an aware UTC datetime (a time without a zone is UTC, like all the others).

    A missing year comes from ``draw_date``: with ``year_rule="before"`` (tie-break times, which never follow
    the round) the last such date on or before the round; with "nearest" the closest one. Raises ValueError
    with the reason.
    """
    m = _DATETIME.fullmatch(" ".join(value.split()))
    if not m:
        raise ValueError('is not a date and time like "August 7, 2026 at 10:08:20 UTC"')
    hour = int(m["hour"])
    # "15:48:39 AM" and "20:19:59 PM" exist: a 24-hour time with a stray marker, which is then ignored.
    if m["ampm"] and 1 <= hour <= 12:
        hour = hour % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
    # "January 23, 2025 at 2025-01-23 15:30:04 UTC": the machine-written date wins.
    day = _iso_date(m["iso"]) if m["iso"] else _month_day_year(m, draw_date, year_rule)
    try:
        return datetime(day.year, day.month, day.day, hour, int(m["minute"]), int(m["second"] or 0), tzinfo=UTC)
    except ValueError as e:
        raise ValueError(f"is not a valid time ({e})") from None


def parse_date(value: str) -> date:
    """ "August 3, 2026" → date(2026, 8, 3)."""
    m = _DATE.fullmatch(" ".join(value.split()))
    if not m or not m["year"]:
        raise ValueError('is not a date like "August 3, 2026"')
    return _month_day_year(m, None, "nearest")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'has an invalid date "{value}"') from None


def _month_day_year(m: re.Match[str], draw_date: date | None, year_rule: str) -> date:
    month = _MONTHS.get(m["month"].lower())
    if month is None:
        raise ValueError(f'has an unknown month "{m["month"]}"')
    day = int(m["day"])
    try:
        if m["year"]:
            return date(int(m["year"]), month, day)
        assert draw_date is not None
        candidates = [date(y, month, day) for y in (draw_date.year - 1, draw_date.year, draw_date.year + 1)]
    except ValueError:
        raise ValueError("is not a valid date") from None
    if year_rule == "before":
        return max(d for d in candidates if d <= draw_date + timedelta(days=1))
    return min(candidates, key=lambda d: abs(d - draw_date))

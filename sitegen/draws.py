"""IRCC's rounds-of-invitations feed (``ee_rounds_123_en.json``) as typed data.

The feed is IRCC's own format, kept as it is so editors can drop in a fresh copy. Everything in it is a string
("5,000"), round numbers are not always integers ("91a"), the date-time spellings drift, and round names gain
version suffixes; this module turns it into `Round` objects and says ``path:line: round #N: field: what is wrong``
when it cannot. It also refuses values no real round can have (a date before Express Entry or in the future, an
absurd count, digits other than 0-9); update-draws uses this same parser, so it accepts exactly what the build does.

Public API: `load_rounds`, `parse_rounds`, `check_size`, `Rounds` (with its helpers), `calculator_summary`, `compare`,
`pool_position`, `categorize`.
"""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from sitegen.errors import BuildError, BuildFailed, display_path

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"
ROUNDS_PAGE_URL = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/rounds-invitations.html"
)

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

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)} | {
    m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, 1)
} | {"sept": 9}


# --- categories -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Category:
    """A round type. ``requires`` tells the calculator what a profile needs to be invited in it:
    "any" (every Express Entry program), "cec" / "fsw" / "fst" / "pnp" (that program), "french" (the French
    category) or "occupation" (a category the calculator cannot check: the visitor has to say so)."""

    key: str
    label: str
    short: str
    requires: str


# Checked in this order, first match wins: the specific categories come before the program names they contain
# ("Physicians with Canadian Work Experience" is not CEC; "Federal Skilled Trades" is not "Trade occupations").
_CATEGORY_RULES: tuple[tuple[re.Pattern[str], Category], ...] = tuple(
    (re.compile(pattern, re.I), Category(key, label, short, requires))
    for pattern, key, label, short, requires in (
        (r"physician", "physicians", "Physicians with Canadian work experience", "Physicians", "occupation"),
        (r"senior manager", "senior_managers", "Senior managers with Canadian work experience",
         "Senior managers", "occupation"),
        (r"researcher", "researchers", "Researchers", "Researchers", "occupation"),
        (r"military", "military", "Skilled military recruits", "Military recruits", "occupation"),
        (r"health", "healthcare", "Healthcare and social services occupations", "Healthcare", "occupation"),
        (r"\bstem\b", "stem", "STEM occupations", "STEM", "occupation"),
        (r"french|francophone", "french", "French-language proficiency", "French", "french"),
        (r"transport", "transport", "Transport occupations", "Transport", "occupation"),
        (r"agricultur|agri-food", "agriculture", "Agriculture and agri-food occupations", "Agriculture",
         "occupation"),
        (r"education", "education", "Education occupations", "Education", "occupation"),
        (r"federal skilled trades", "fst", "Federal Skilled Trades Program", "FST", "fst"),
        (r"\btrades?\b", "trades", "Trade occupations", "Trades", "occupation"),
        (r"canadian experience class", "cec", "Canadian Experience Class", "CEC", "cec"),
        (r"provincial nominee", "pnp", "Provincial Nominee Program", "PNP", "pnp"),
        (r"federal skilled worker", "fsw", "Federal Skilled Worker Program", "FSW", "fsw"),
        (r"no program specified|\bgeneral\b", "general", "General (all programs)", "General", "any"),
    )
)
# Display order: the program rounds first, then the categories roughly by when they began.
CATEGORY_ORDER = (
    "general", "cec", "pnp", "fsw", "fst", "french", "healthcare", "stem", "trades", "transport", "agriculture",
    "education", "physicians", "senior_managers", "researchers", "military",
)


def categorize(name: str) -> Category:
    """The category of a round name, by keyword. An unknown name is kept as its own type ("other")
    labelled with the name itself, so a new kind of round shows up instead of disappearing."""
    for pattern, category in _CATEGORY_RULES:
        if pattern.search(name):
            return category
    label = " ".join(name.split())
    return Category("other", label, label, "occupation")


# --- rounds -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Band:
    """Candidates in the pool whose CRS score is between ``min`` and ``max`` (both included)."""

    key: str
    min: int
    max: int
    count: int
    subtotal: bool  # True for 451-500 and 401-450, which add up their 10-point sub-bands


# dd1–dd18 in IRCC's table order (README of the reference data); dd18 is the total.
BAND_RANGES: dict[str, tuple[int, int, bool]] = {
    "dd1": (601, 1200, False), "dd2": (501, 600, False), "dd3": (451, 500, True),
    "dd4": (491, 500, False), "dd5": (481, 490, False), "dd6": (471, 480, False),
    "dd7": (461, 470, False), "dd8": (451, 460, False), "dd9": (401, 450, True),
    "dd10": (441, 450, False), "dd11": (431, 440, False), "dd12": (421, 430, False),
    "dd13": (411, 420, False), "dd14": (401, 410, False), "dd15": (351, 400, False),
    "dd16": (301, 350, False), "dd17": (0, 300, False),
}
_SUBTOTALS = {"dd3": ("dd4", "dd5", "dd6", "dd7", "dd8"), "dd9": ("dd10", "dd11", "dd12", "dd13", "dd14")}
_TOTAL_PARTS = ("dd1", "dd2", "dd3", "dd9", "dd15", "dd16", "dd17")


@dataclass(frozen=True)
class Distribution:
    """The CRS score distribution of the pool as IRCC published it with a round."""

    as_of: date
    bands: tuple[Band, ...]  # dd1–dd17 in IRCC's order, subtotal rows included
    total: int  # dd18 as published

    @property
    def finest(self) -> tuple[Band, ...]:
        """The non-overlapping bands, highest scores first (subtotal rows left out)."""
        return tuple(b for b in self.bands if not b.subtotal)

    def inconsistencies(self) -> list[str]:
        """Subtotals that do not add up. IRCC's own data has one (#247, 451-500 is 180 off), so this is
        reported, never an error."""
        count = {b.key: b.count for b in self.bands} | {"dd18": self.total}
        problems = []
        for total_key, parts in (*_SUBTOTALS.items(), ("dd18", _TOTAL_PARTS)):
            added = sum(count[k] for k in parts)
            if added != count[total_key]:
                problems.append(f"{total_key} is {count[total_key]:,} but {'+'.join(parts)} = {added:,}")
        return problems


@dataclass(frozen=True)
class Round:
    """One round of invitations; ``raw`` keeps the feed's own fields (update-draws compares them)."""

    number: str  # "434", "91a"
    sort_key: tuple[int, str]
    date: date  # drawDate: the canonical date
    name_raw: str
    category: str  # key, e.g. "cec"; "other" for a name no keyword matches
    category_label: str
    invitations: int
    cutoff: int  # CRS of the lowest-ranked candidate invited; never clamped
    draw_time: datetime | None  # UTC
    tie_break: datetime | None  # UTC; None in rounds #1–#76
    programs: str
    distribution: Distribution | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def category_info(self) -> Category:
        return categorize(self.name_raw)


def format_date(d: date) -> str:
    """The date as "7 August 2026", for the editor's command line (pages use sitegen.strings.format_date)."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Rounds:
    """All rounds, newest first."""

    rounds: tuple[Round, ...]
    source: str = ""

    def __iter__(self) -> Iterator[Round]:
        return iter(self.rounds)

    def __len__(self) -> int:
        return len(self.rounds)

    def get(self, number: str) -> Round | None:
        return self._by_number.get(number)

    @cached_property
    def _by_number(self) -> dict[str, Round]:
        # Built once: update-draws looks up every round of one feed in the other.
        return {r.number: r for r in self.rounds}

    @property
    def latest(self) -> Round:
        return self.rounds[0]

    @property
    def oldest(self) -> Round:
        return self.rounds[-1]

    @property
    def official_url(self) -> str:
        """IRCC's rounds page, which always has the newest rounds: the snapshot links to it."""
        return ROUNDS_PAGE_URL

    def recent(self, count: int = 20) -> tuple[Round, ...]:
        """The ``count`` newest rounds."""
        return self.rounds[:count]

    def by_category(self) -> list[tuple[Category, tuple[Round, ...]]]:
        """Each round type with its rounds (newest first), in `CATEGORY_ORDER`, unknown types last by name."""
        groups: dict[Category, list[Round]] = {}
        for r in self.rounds:
            groups.setdefault(r.category_info, []).append(r)
        return [(c, tuple(rs)) for c, rs in sorted(groups.items(), key=lambda item: _category_rank(item[0]))]

    def latest_by_category(self, within_days: int | None = None) -> list[Round]:
        """The latest round of each type, in `CATEGORY_ORDER`. With ``within_days``, only types that had a
        round in that many days before the latest round (so the home page does not lead with a 2020 type)."""
        latest = [rounds[0] for _, rounds in self.by_category()]
        if within_days is not None:
            since = self.latest.date - timedelta(days=within_days)
            latest = [r for r in latest if r.date >= since]
        return latest

    @property
    def latest_distribution(self) -> Distribution | None:
        """The pool distribution published with the newest round that has one (None before 2022)."""
        return next((r.distribution for r in self.rounds if r.distribution), None)


def _category_rank(category: Category) -> tuple[int, str]:
    if category.key in CATEGORY_ORDER:
        return CATEGORY_ORDER.index(category.key), ""
    return len(CATEGORY_ORDER), category.label.lower()


# --- the calculator's "how does my score compare" panel ---------------------------------------------------

RECENT_DAYS = 365  # a round type with no round in this long before the latest round is flagged as not recent


def calculator_summary(rounds: Rounds) -> dict[str, Any]:
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
    invited in that round type; see `compare`. ``recent`` is false when the type had no round in the
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
                "label": r.category_info.label,
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


# --- parsing ----------------------------------------------------------------------------------------------

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
        data = json.loads(text, object_pairs_hook=_Members, parse_int=_json_int)
    except json.JSONDecodeError as e:
        raise BuildFailed([BuildError(path, e.lineno, f"not valid JSON: {e.msg} (column {e.colno})")]) from e
    except RecursionError:
        raise BuildFailed([BuildError(path, 0, "is nested too deeply to be the rounds feed")]) from None
    # Line numbers are only needed for errors, so the (slower) position-tracking walk happens only then.
    where = _Locator(text)
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
    raw: _Members, line_of: Callable[[str | None], int], path: str, errors: list[BuildError], latest: date
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


def _json_int(digits: str) -> int | str:
    """A JSON integer; one too long to be a count stays text, so its field's check refuses it by name
    (int() would raise for over 4,300 digits and stop the parse with no line)."""
    return int(digits) if len(digits) <= 18 else digits


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


# --- dates and times --------------------------------------------------------------------------------------

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


# --- JSON with positions, for error messages -------------------------------------------------------------

_Report = Callable[[str | None, str], None]


class _Members(dict):
    """A JSON object that remembers keys given twice (plain json keeps the last silently)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.duplicates: list[str] = []
        if len(self) != len(pairs):  # rare, so only then count
            self.duplicates = [k for k, n in Counter(k for k, _ in pairs).items() if n > 1]


class _Locator:
    """Line numbers of the rounds and their values in the (already valid) JSON text, found on the first error.
    One pass records where each round starts, skipping each with the C decoder; a round's keys are walked only
    when an error in that round asks for one. A key gives the line of its last occurrence; no key gives the
    round's opening."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._keys: dict[int, dict[str, int]] = {}
        self._top: dict[str, int] = {}
        self._newlines = array("q")

    def line(self, index: int | None, key: str | None = None) -> int:
        if self._starts is None:
            self._index()
        assert self._starts is not None
        if index is None:
            pos = self._top.get(key or "", 0)
        else:
            start = self._starts[index]
            pos = self._keys_of(index).get(key, start) if key else start
        # A binary search in the newline offsets, not a count from the start: a feed with 100,000 bad rounds
        # would otherwise rescan the text 100,000 times.
        return bisect_right(self._newlines, pos - 1) + 1

    def _index(self) -> None:
        text = self.text
        self._starts = []
        self._newlines = array("q", (m.start() for m in re.finditer("\n", text)))
        pos = _skip_ws(text, 0)
        if text[pos] != "{":
            return
        self._top = _members(text, pos)
        rounds = self._top.get("rounds")
        if rounds is None or text[rounds] != "[":
            return
        pos = _skip_ws(text, rounds + 1)
        while text[pos] != "]":
            self._starts.append(pos)
            pos = _skip_ws(text, _DECODER.raw_decode(text, pos)[1])
            if text[pos] == ",":
                pos = _skip_ws(text, pos + 1)

    def _keys_of(self, index: int) -> dict[str, int]:
        assert self._starts is not None
        if index not in self._keys:
            start = self._starts[index]
            self._keys[index] = _members(self.text, start) if self.text[start] == "{" else {}
        return self._keys[index]


_DECODER = json.JSONDecoder(parse_int=_json_int)  # the same numbers json.loads took above
_WS = re.compile(r"[ \t\n\r]*")


def _skip_ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()


def _members(text: str, pos: int) -> dict[str, int]:
    """Each key of the JSON object opening at ``pos`` with its value's position (the last one for a key given
    twice); the values themselves are skipped by the C decoder."""
    members: dict[str, int] = {}
    pos = _skip_ws(text, pos + 1)
    while text[pos] != "}":
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past ":"
        members[key] = pos
        pos = _skip_ws(text, _DECODER.raw_decode(text, pos)[1])
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return members

"""The rounds as typed data: `Round`, its pool `Distribution`, and `Rounds` (all of them, newest first)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from .categories import CATEGORY_ORDER, Category, categorize


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

"""Dated rules: load the data files and resolve the values in force on a date.

Every parameter in the data lists the values it has had, each with the date it took effect
(OpenFisca style). A rules date selects, for every parameter, the last value whose date is on or
before it. The resolved set only changes on those dates, so snapshots are compiled once per
period into plain lookup tuples and cached: scoring never re-reads or re-parses the data.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right

_DATA_DIR = os.path.join(os.path.dirname(__file__), "data")

ABILITIES = ("speaking", "listening", "reading", "writing")
EDUCATION_LEVELS = ("none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "doctoral")
EDUCATION_RANK = {level: i for i, level in enumerate(EDUCATION_LEVELS)}  # lowest first
CANADIAN_EDUCATION = ("none", "one_or_two_year", "three_year_or_more")
JOB_OFFERS = ("none", "teer_0_major_group_00", "teer_0_1_2_3", "teer_4_5")
MARITAL_STATUSES = (
    "single", "married", "common_law", "divorced_or_separated", "legally_separated", "widowed", "annulled_marriage",
)

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any
# Tables are expanded up to these indexes; larger inputs are clamped (5 years of Canadian work = "5 or more").
MAX_AGE = 130
MAX_CLB = 10
MAX_YEARS = 60


def load_json(name: str) -> Any:
    """Read one data file. Falls back to pkgutil so the package also works from a zip archive."""
    path = os.path.join(_DATA_DIR, name)
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError:
        import pkgutil

        raw = pkgutil.get_data(__package__ or "calculator", "data/" + name)
        if raw is None:
            raise
        return json.loads(raw.decode("utf-8"))


META: dict[str, Any] = load_json("meta.json")
SOURCES: dict[str, dict[str, Any]] = {k: v for k, v in load_json("sources.json").items() if not k.startswith("_")}
LABELS: dict[str, Any] = load_json("labels.json")
LANGUAGE: dict[str, Any] = load_json("language.json")
REVIEWED: str = META["reviewed"]
EARLIEST: str = META["earliest"]


def _collect() -> dict[str, list[dict[str, Any]]]:
    """All dated parameters by qualified name, e.g. 'crs.age', 'language.ielts'."""
    params: dict[str, list[dict[str, Any]]] = {}
    for group in ("crs", "fsw", "eligibility"):
        for name, param in load_json(group + ".json").items():
            if not name.startswith("_"):
                params[group + "." + name] = sorted(param["values"], key=lambda v: v["from"])
    for test, spec in LANGUAGE["tests"].items():
        params["language." + test] = sorted(spec["conversion"]["values"], key=lambda v: v["from"])
    return params


PARAMETERS: dict[str, list[dict[str, Any]]] = _collect()
# Every date on which some value changed; a rules date maps to the latest one on or before it.
CHANGE_DATES: list[str] = sorted({v["from"] for values in PARAMETERS.values() for v in values})
# Values dated before Express Entry existed (the FSW grid of 2013) fold into the launch period.
PERIODS: list[str] = sorted({d for d in CHANGE_DATES if d > EARLIEST} | {EARLIEST})


def parameter_entry(name: str, date: str) -> dict[str, Any] | None:
    """The dated entry of a parameter in force on `date` (None if it had no value yet)."""
    current = None
    for entry in PARAMETERS[name]:
        if entry["from"] <= date:
            current = entry
        else:
            break
    return current


def _brackets(rows: list[dict[str, Any]], key: str, upto: int) -> tuple[int, ...]:
    """Expand bracket rows ({"at_least": n, key: points}) into a tuple indexed 0..upto."""
    out = []
    for i in range(upto + 1):
        pts = 0
        for row in rows:
            if row["at_least"] <= i:
                pts = row[key]
        out.append(pts)
    return tuple(out)


def _pair(rows: list[dict[str, Any]], upto: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(without spouse, with spouse) tables: index 0 or 1 by `with_spouse`."""
    return _brackets(rows, "without_spouse", upto), _brackets(rows, "with_spouse", upto)


class Rules:
    """The rules in force during one period, compiled into lookup tables."""

    def __init__(self, period: str) -> None:
        self.effective_from = period
        v = {name: (e["value"] if e else None) for name, e in ((n, parameter_entry(n, period)) for n in PARAMETERS)}
        self.values = v
        caps = v["crs.caps"]
        self.caps = caps
        self.cap_core = (caps["core_without_spouse"], caps["core_with_spouse"])
        self.cap_second = (caps["second_language_without_spouse"], caps["second_language_with_spouse"])
        self.cap_spouse = caps["spouse"]
        self.cap_core_and_spouse = caps["core_and_spouse"]
        self.cap_transferability = caps["transferability"]
        self.cap_group = caps["transferability_group"]
        self.cap_additional = caps["additional"]
        self.cap_total = caps["total"]
        # capped transferability subtotals by (education, lowest CLB, Canadian years, foreign years,
        # certificate), filled as improvements.py asks: a small domain, and each what-if needs a few
        self.transfer_totals: dict[tuple[str, int, int, int, bool], int] = {}
        self.age = _pair(v["crs.age"], MAX_AGE)
        self.education = {k: (p["without_spouse"], p["with_spouse"]) for k, p in v["crs.education"].items()}
        self.first_language = _pair(v["crs.first_language"], MAX_CLB)
        self.second_language = _pair(v["crs.second_language"], MAX_CLB)
        self.canadian_work = _pair(v["crs.canadian_work"], MAX_YEARS)
        self.spouse_education = dict(v["crs.spouse_education"])
        self.spouse_language = _brackets(v["crs.spouse_language"], "points", MAX_CLB)
        self.spouse_canadian_work = _brackets(v["crs.spouse_canadian_work"], "points", MAX_YEARS)

        t = v["crs.transferability"]
        self.t_band7 = t["language_bands"]["clb_7"]
        self.t_band9 = t["language_bands"]["clb_9"]
        self.t_edu_tier = dict(t["education_tiers"])
        self.t_foreign_tier = _brackets(t["foreign_work_tiers"], "tier", MAX_YEARS)

        def by_band(table: dict[str, dict[str, int]]) -> tuple[tuple[int, int, int], ...]:
            # index [tier][band]: band 0 = under CLB 7 (or none), 1 = CLB 7+, 2 = CLB 9+
            return ((0, 0, 0),) + tuple((0, table[k]["clb_7"], table[k]["clb_9"]) for k in ("1", "2"))

        def by_work(table: dict[str, dict[str, int]]) -> tuple[tuple[int, int, int], ...]:
            # index [tier][Canadian work band]: 0 = under 1 year, 1 = one year, 2 = two years or more
            return ((0, 0, 0),) + tuple(
                (0, table[k]["one_year"], table[k]["two_years_or_more"]) for k in ("1", "2")
            )

        self.t_edu_lang = by_band(t["education_with_language"])
        self.t_edu_work = by_work(t["education_with_canadian_work"])
        self.t_for_lang = by_band(t["foreign_with_language"])
        self.t_for_work = by_work(t["foreign_with_canadian_work"])
        cert = t["certificate"]
        self.t_cert = (cert["min_clb_lower"], cert["lower"], cert["min_clb_higher"], cert["higher"])

        self.pnp = v["crs.provincial_nomination"]
        self.job_offer = dict(v["crs.job_offer"])
        self.canadian_education = dict(v["crs.canadian_education"])
        self.sibling = v["crs.sibling"]
        fr = v["crs.french"]
        self.french = (fr["min_nclc"], fr["min_english_clb"], fr["without_english"], fr["with_english"])

        # Language conversions: per test, per ability (sorted minimum scores, matching levels); None = not accepted.
        self.conversions: dict[str, dict[str, tuple[tuple[float, ...], tuple[int, ...]]] | None] = {}
        for test in LANGUAGE["tests"]:
            table = v["language." + test]
            if table is None:
                self.conversions[test] = None
                continue
            conv = {}
            for ability in ABILITIES:
                pairs = sorted((float(score), int(level)) for level, score in table[ability].items())
                conv[ability] = (tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))
            self.conversions[test] = conv
        # Every numeric score of every accepted test mapped straight to its level, so the common case
        # (a valid number) is one dict lookup; strings and invalid values take the checked path.
        self._levels: dict[str, tuple[dict[float | str, int], ...] | None] = {}

        # FSW grid
        f = v["fsw.language"]
        self.fsw_lang_first = _brackets(f["first"], "points", MAX_CLB)
        self.fsw_lang_second = (f["second_min_clb"], f["second_points"])
        self.fsw_education = dict(v["fsw.education"])
        self.fsw_experience = _brackets(v["fsw.experience"], "points", MAX_YEARS)
        self.fsw_age = _brackets(v["fsw.age"], "points", MAX_AGE)
        self.fsw_arranged = v["fsw.arranged_employment"]
        self.fsw_adapt = dict(v["fsw.adaptability"])
        self.fsw_pass = v["fsw.pass_mark"]

        self.elig_fsw = v["eligibility.fsw"]
        self.elig_fst = v["eligibility.fst"]
        self.elig_cec = v["eligibility.cec"]
        self.funds = v["eligibility.proof_of_funds"]

    def level_maps(self, test: str) -> tuple[dict[float | str, int], ...] | None:
        """Per ability (ABILITIES order): {valid score: CLB level}, for numbers and their usual strings;
        None if the test is not accepted on this date."""
        maps = self._levels.get(test, False)
        if maps is False:
            maps = None
            conv = self.conversions[test]
            if conv is not None:
                built = []
                for ability in ABILITIES:
                    scale = LANGUAGE["tests"][test]["scale"][ability]
                    lo, hi, step = float(scale["min"]), float(scale["max"]), float(scale["step"])
                    mins, levels = conv[ability]
                    table: dict[float | str, int] = {}
                    for i in range(int(round((hi - lo) / step)) + 1):
                        value = lo + i * step
                        j = bisect_right(mins, value)
                        level = levels[j - 1] if j else 0
                        # numbers, and the strings score sheets print ("7", "7.0", "7.5")
                        table[value] = level
                        table[f"{value:.1f}"] = level
                        if value.is_integer():
                            table[str(int(value))] = level
                    for token in LANGUAGE["tests"][test].get("below_scale", ()):
                        table[token] = table[token.lower()] = 0
                    built.append(table)
                maps = tuple(built)
            self._levels[test] = maps
        return maps

    def funds_required(self, family_size: int) -> int | None:
        """Settlement funds for a family size (None when the amounts for this period are not in the data)."""
        if self.funds is None:
            return None
        amounts = self.funds["amounts"]
        if family_size <= len(amounts):
            return amounts[family_size - 1]
        return amounts[-1] + (family_size - len(amounts)) * self.funds["each_additional"]


_CACHE: dict[str, Rules] = {}


def rules_for(date: str) -> Rules:
    """The compiled rules in force on an ISO date (YYYY-MM-DD, not before EARLIEST)."""
    period = PERIODS[max(0, bisect_right(PERIODS, date) - 1)]
    rules = _CACHE.get(period)
    if rules is None:
        rules = _CACHE[period] = Rules(period)
    return rules


def sources_for(keys: list[str]) -> list[dict[str, str]]:
    """Expand source keys into {title, url} records, one per official page: several keys often cite the same
    page with different copies in `checked_against`, which (like `note`) is never shown. Unknown keys are a
    data error caught by tests."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for k in keys:
        url = SOURCES[k]["url"]
        if url not in seen:
            seen.add(url)
            out.append({"title": SOURCES[k]["title"], "url": url})
    return out

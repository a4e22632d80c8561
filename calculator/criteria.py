"""Display tables for the site, built from the same dated data the engine scores with.

`criteria_tables(date)` returns every table by a stable id (the site's Markdown pages name them), in codes and
numbers, not words: the title, column headings, row labels and notes are phrases (``{"key": ..., "args": ...}``),
and the cells numbers or phrases, so each language puts its own words and number formats on them
(`calculator.table_words`; the English words are in data/tables.json). Table ids and layout live here; every
number comes from the data.
"""

from __future__ import annotations

from . import language as lang
from .profile import today
from .rules import ABILITIES, EDUCATION_LEVELS, parameter_entry, sources_for

TABLE_IDS = (
    "crs-age", "crs-education", "crs-first-language", "crs-second-language", "crs-canadian-work",
    "crs-spouse-education", "crs-spouse-language", "crs-spouse-canadian-work", "crs-transferability-education",
    "crs-transferability-foreign-work", "crs-certificate-of-qualification", "crs-additional", "language-celpip",
    "language-ielts", "language-pte-core", "language-tef", "language-tef-old-scale", "language-tcf", "fsw-language",
    "fsw-education", "fsw-experience", "fsw-age", "fsw-arranged-employment", "fsw-adaptability", "proof-of-funds",
)
# Category tables exist only for the categories in force on the date: `categories` (the overview) and one
# `category-<key>` table of occupations per occupation category (e.g. category-healthcare).
CATEGORY_KEYS = ("healthcare", "stem", "trades", "education", "transport", "agriculture", "physicians",
                 "senior_managers", "researchers", "military")
CATEGORY_TABLE_IDS = ("categories", *(f"category-{k.replace('_', '-')}" for k in CATEGORY_KEYS))
# The categories with a name in data/tables.json (`category_names`); another one shows its key as written.
NAMED_CATEGORIES = ("french", *CATEGORY_KEYS)
CONFIDENCE_LEVELS = ("high", "medium-high", "medium")

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

Phrase = dict  # {"key": "group.name", "args": {...}}: words a language supplies (calculator.table_words)


def phrase(key: str, **args: Any) -> dict[str, Any]:
    """A phrase of data/tables.json with its arguments (numbers, dates, other phrases, words as written)."""
    return {"key": key, "args": args} if args else {"key": key}


def label(group: str, key: str) -> dict[str, Any]:
    """A word of data/labels.json (the calculator's own labels, e.g. the education levels)."""
    return {"label": [group, key]}


def money(amount: int) -> dict[str, Any]:
    return {"money": amount}


def day(iso: str) -> dict[str, Any]:
    return {"date": iso}


def decimal(x: float, digits: int) -> dict[str, Any]:
    return {"number": x, "digits": digits}


def joined(*items: Any) -> dict[str, Any]:
    """Items shown one after the other, separated by commas (below-scale results: "M, 0–3")."""
    return {"join": list(items)}


def data_note(entry_id: str, text: str) -> dict[str, Any]:
    """A note written in the rules data itself (an entry's ``note``): English as written there, other languages
    from their words for ``entry_id`` (``<parameter>@<from>``)."""
    return {"note": entry_id, "text": text}


WITH, WITHOUT = phrase("columns.with_spouse"), phrase("columns.without_spouse")


def _edu(level: str) -> dict[str, Any]:
    return label("education_short", level)


class _Table:
    """Collects the dated entries a table is built from, for its effective date and sources."""

    def __init__(self, date: str, title: Phrase, columns: list[Any]) -> None:
        self.date, self.title, self.columns = date, title, columns
        self.rows: list[list[Any]] = []
        self.notes: list[Any] = []
        self.entries: list[dict[str, Any]] = []

    def use(self, name: str) -> Any:
        entry = parameter_entry(name, self.date)
        if entry is None:  # not in force yet on that date: show the first version, say so in a note
            from .rules import PARAMETERS

            entry = PARAMETERS[name][0]
        self.entries.append(entry)
        if entry.get("note"):
            self.notes.append(data_note(f"{name}@{entry['from']}", entry["note"]))
        return entry["value"]

    def row(self, *cells: Any) -> None:
        self.rows.append(list(cells))

    def done(self) -> dict[str, Any]:
        keys: list[str] = []
        for e in self.entries:
            keys.extend(k for k in e["sources"] if k not in keys)
        notes = []
        for n in self.notes:  # each note once, in order (a parameter used twice brings its note twice)
            if n not in notes:
                notes.append(n)
        return {
            "title": self.title,
            "columns": self.columns,
            "rows": self.rows,
            "effective_from": max(e["from"] for e in self.entries),
            "sources": sources_for(keys),
            "notes": notes,
        }


def _ranges(rows: list[dict[str, Any]], kind: str) -> list[tuple[Phrase, dict[str, Any]]]:
    """Label bracket rows as ranges: '17 years of age or less', '18 years of age', '20 to 29 years of age',
    '45 years of age or more' (``kind`` "age"), or the bare numbers (``kind`` "plain")."""
    out = []
    for i, row in enumerate(rows):
        lo = row["at_least"]
        nxt = rows[i + 1]["at_least"] if i + 1 < len(rows) else None
        if nxt is None:
            text = phrase(f"ranges.{kind}_or_more", n=lo)
        elif i == 0 and lo == 0:
            text = phrase(f"ranges.{kind}_or_less", n=nxt - 1)
        elif nxt - 1 == lo:
            text = phrase(f"ranges.{kind}_one", n=lo)
        else:
            text = phrase(f"ranges.{kind}_span", lo=lo, hi=nxt - 1)
        out.append((text, row))
    return out


def _clb_ranges(rows: list[dict[str, Any]]) -> list[tuple[Phrase, dict[str, Any]]]:
    """Label CLB bracket rows: 'Less than CLB 4', 'CLB 4 or 5', 'CLB 6', 'CLB 10 or more'."""
    out = []
    for i, row in enumerate(rows):
        lo = row["at_least"]
        nxt = rows[i + 1]["at_least"] if i + 1 < len(rows) else None
        if lo == 0:
            text = phrase("clb.less_than", n=4) if nxt == 4 else phrase("clb.or_less", n=nxt - 1)
        elif nxt is None:
            text = phrase("clb.or_more", n=lo)
        elif nxt - lo == 1:
            text = phrase("clb.one", n=lo)
        elif nxt - lo == 2:
            text = phrase("clb.two", lo=lo, hi=lo + 1)
        else:
            text = phrase("clb.span", lo=lo, hi=nxt - 1)
        out.append((text, row))
    return out


def _years(rows: list[dict[str, Any]]) -> list[tuple[Phrase, dict[str, Any]]]:
    out = []
    for i, row in enumerate(rows):
        lo = row["at_least"]
        nxt = rows[i + 1]["at_least"] if i + 1 < len(rows) else None
        if lo == 0:
            text = phrase("years.none")
        elif nxt is None:
            text = phrase("years.or_more", n=lo) if lo > 1 else phrase("years.one_or_more")
        elif nxt - lo == 1:
            text = phrase("years.one") if lo == 1 else phrase("years.n", n=lo)
        elif nxt - lo == 2:
            text = phrase("years.two", lo=lo, hi=lo + 1)
        else:
            text = phrase("years.span", lo=lo, hi=nxt - 1)
        out.append((text, row))
    return out


def _score(x: float, step: float) -> dict[str, Any]:
    return decimal(x, 1 if step < 1 else 0)


def _language_table(date: str, test: str, title: Phrase) -> dict[str, Any]:
    spec = lang.TESTS[test]
    level_name = "NCLC" if spec["language"] == "french" else "CLB"
    t = _Table(date, title, [phrase("columns.level", name=level_name), *(label("abilities", a) for a in ABILITIES)])
    accepted = parameter_entry("language." + test, date) is not None
    conv = t.use("language." + test)
    levels = sorted({int(lv) for lv in conv[ABILITIES[0]]}, reverse=True)
    for level in levels:
        cells: list[Any] = []
        for ability in ABILITIES:
            scale = spec["scale"][ability]
            lo = float(conv[ability][str(level)])
            higher = [float(v) for k, v in conv[ability].items() if int(k) > level]
            hi = (min(higher) - scale["step"]) if higher else float(scale["max"])
            step = scale["step"]
            cells.append(_score(lo, step) if hi == lo
                         else phrase("cells.span", lo=_score(lo, step), hi=_score(hi, step)))
        top = level == levels[0] and level == 10
        t.row(phrase("levels.or_more" if top else "levels.one", name=level_name, n=level), *cells)
    below = []
    for ability in ABILITIES:
        scale = spec["scale"][ability]
        lowest = min(float(v) for v in conv[ability].values())
        span = phrase("cells.span", lo=_score(scale["min"], scale["step"]),
                      hi=_score(lowest - scale["step"], scale["step"]))
        below.append(joined(*spec.get("below_scale", []), span))
    t.row(phrase("levels.below", name=level_name, n=4), *below)
    if not accepted:
        t.notes.append(phrase("notes.test_not_accepted", date=day(date), since=day(t.entries[0]["from"])))
    return t.done()


def criteria_tables(rules_date: str | None = None) -> dict[str, dict[str, Any]]:
    """Every table the site shows, for the rules in force on `rules_date` (default today), in codes and numbers
    (see the module docstring; `calculator.table_words.english_tables` gives them in English words)."""
    d = rules_date or today()
    tables: dict[str, dict[str, Any]] = {}
    P = phrase

    t = _Table(d, P("titles.crs_age"), [P("columns.age"), WITH, WITHOUT])
    for text, row in _ranges(t.use("crs.age"), "age"):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append(P("notes.crs_age"))
    tables["crs-age"] = t.done()

    t = _Table(d, P("titles.crs_education"), [P("columns.education_level"), WITH, WITHOUT])
    for level, pts in t.use("crs.education").items():
        t.row(_edu(level), pts["with_spouse"], pts["without_spouse"])
    t.notes.append(P("notes.crs_education"))
    tables["crs-education"] = t.done()

    caps = t.use("crs.caps")
    t = _Table(d, P("titles.crs_first_language"), [P("columns.clb_per_ability"), WITH, WITHOUT])
    rows = t.use("crs.first_language")
    for text, row in _clb_ranges(rows):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append(P("notes.crs_first_language", with_spouse=4 * rows[-1]["with_spouse"],
                     without_spouse=4 * rows[-1]["without_spouse"]))
    tables["crs-first-language"] = t.done()

    t = _Table(d, P("titles.crs_second_language"), [P("columns.clb_per_ability"), WITH, WITHOUT])
    caps = t.use("crs.caps")
    for text, row in _clb_ranges(t.use("crs.second_language")):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append(P("notes.crs_second_language", with_spouse=caps["second_language_with_spouse"],
                     without_spouse=caps["second_language_without_spouse"]))
    tables["crs-second-language"] = t.done()

    t = _Table(d, P("titles.crs_canadian_work"), [P("columns.canadian_work"), WITH, WITHOUT])
    for text, row in _years(t.use("crs.canadian_work")):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append(P("notes.crs_canadian_work"))
    tables["crs-canadian-work"] = t.done()

    t = _Table(d, P("titles.crs_spouse_education"), [P("columns.spouse_education"), P("columns.points")])
    for level, pts in t.use("crs.spouse_education").items():
        t.row(_edu(level), pts)
    tables["crs-spouse-education"] = t.done()

    t = _Table(d, P("titles.crs_spouse_language"), [P("columns.clb_per_ability"), P("columns.points_per_ability")])
    for text, row in _clb_ranges(t.use("crs.spouse_language")):
        t.row(text, row["points"])
    t.notes.append(P("notes.crs_spouse_language"))
    tables["crs-spouse-language"] = t.done()

    t = _Table(d, P("titles.crs_spouse_canadian_work"), [P("columns.spouse_canadian_work"), P("columns.points")])
    for text, row in _years(t.use("crs.spouse_canadian_work")):
        t.row(text, row["points"])
    tables["crs-spouse-canadian-work"] = t.done()

    transferability_columns = [P("columns.with_band7"), P("columns.with_band9"), P("columns.with_canadian_work_1"),
                               P("columns.with_canadian_work_2")]
    t = _Table(d, P("titles.crs_transferability_education"), [P("columns.education"), *transferability_columns])
    tr = t.use("crs.transferability")
    caps = t.use("crs.caps")
    tiers = tr["education_tiers"]
    for tier in ("0", "1", "2"):
        name = P(f"rows.education_tier_{tier}")
        if tier == "0":
            t.row(name, 0, 0, 0, 0)
            continue
        lang_pts, work_pts = tr["education_with_language"][tier], tr["education_with_canadian_work"][tier]
        t.row(name, lang_pts["clb_7"], lang_pts["clb_9"], work_pts["one_year"], work_pts["two_years_or_more"])
        members = [_edu(k) for k in EDUCATION_LEVELS if str(tiers[k]) == tier]
        t.notes.append(P("notes.education_tier", tier=name, members={"join": members, "by": "; "}))
    t.notes.append(P("notes.crs_transferability_education", group=caps["transferability_group"],
                     total=caps["transferability"]))
    tables["crs-transferability-education"] = t.done()

    t = _Table(d, P("titles.crs_transferability_foreign_work"),
               [P("columns.foreign_work"), *transferability_columns])
    tr = t.use("crs.transferability")
    caps = t.use("crs.caps")
    for text, row in _years(tr["foreign_work_tiers"]):
        tier = str(row["tier"])
        if tier == "0":
            t.row(text, 0, 0, 0, 0)
            continue
        lang_pts, work_pts = tr["foreign_with_language"][tier], tr["foreign_with_canadian_work"][tier]
        t.row(text, lang_pts["clb_7"], lang_pts["clb_9"], work_pts["one_year"], work_pts["two_years_or_more"])
    t.notes.append(P("notes.crs_transferability_foreign_work", group=caps["transferability_group"]))
    tables["crs-transferability-foreign-work"] = t.done()

    t = _Table(d, P("titles.crs_certificate"), [P("columns.certificate"), P("columns.points")])
    cert = t.use("crs.transferability")["certificate"]
    t.row(P("rows.certificate_lower", lower=cert["min_clb_lower"], higher=cert["min_clb_higher"]), cert["lower"])
    t.row(P("rows.certificate_higher", higher=cert["min_clb_higher"]), cert["higher"])
    t.notes.append(P("notes.crs_certificate"))
    tables["crs-certificate-of-qualification"] = t.done()

    t = _Table(d, P("titles.crs_additional"), [P("columns.factor"), P("columns.points")])
    caps = t.use("crs.caps")
    t.row(P("rows.provincial_nomination"), t.use("crs.provincial_nomination"))
    job = t.use("crs.job_offer")
    t.row(P("rows.job_offer_00"), job["teer_0_major_group_00"])
    t.row(P("rows.job_offer_other"), job["teer_0_1_2_3"])
    study = t.use("crs.canadian_education")
    t.row(P("rows.study_short"), study["one_or_two_year"])
    t.row(P("rows.study_long"), study["three_year_or_more"])
    t.row(P("rows.sibling"), t.use("crs.sibling"))
    fr = t.use("crs.french")
    t.row(P("rows.french_without_english", nclc=fr["min_nclc"]), fr["without_english"])
    t.row(P("rows.french_with_english", nclc=fr["min_nclc"], clb=fr["min_english_clb"]), fr["with_english"])
    t.notes.append(P("notes.crs_additional", additional=caps["additional"], total=caps["total"]))
    tables["crs-additional"] = t.done()

    for test, key in (("celpip", "language-celpip"), ("ielts", "language-ielts"), ("pte_core", "language-pte-core"),
                      ("tef", "language-tef"), ("tef_old_scale", "language-tef-old-scale"), ("tcf", "language-tcf")):
        tables[key] = _language_table(d, test, P(f"titles.language_{test}"))

    t = _Table(d, P("titles.fsw_language"), [P("columns.language_ability"), P("columns.points")])
    fl = t.use("fsw.language")
    first = fl["first"]
    for row in reversed(first):
        if row["at_least"] == 0:
            continue
        top = row is first[-1]
        t.row(P("rows.fsw_first_or_more" if top else "rows.fsw_first", clb=row["at_least"]), row["points"])
    t.row(P("rows.fsw_first_under", clb=first[1]["at_least"]), P("cells.not_eligible"))
    t.row(P("rows.fsw_second", clb=fl["second_min_clb"]), P("cells.in_total", points=fl["second_points"]))
    tables["fsw-language"] = t.done()

    t = _Table(d, P("titles.fsw_education"), [P("columns.education"), P("columns.points")])
    for level, pts in reversed(list(t.use("fsw.education").items())):
        t.row(_edu(level), pts)
    tables["fsw-education"] = t.done()

    t = _Table(d, P("titles.fsw_experience"), [P("columns.experience"), P("columns.points")])
    for text, row in _years(t.use("fsw.experience")):
        if row["at_least"] == 0:
            continue
        t.row(text, row["points"])
    t.notes.append(P("notes.fsw_experience"))
    tables["fsw-experience"] = t.done()

    t = _Table(d, P("titles.fsw_age"), [P("columns.age"), P("columns.points")])
    rows = t.use("fsw.age")
    for text, row in _ranges(rows, "plain"):
        if row["at_least"] == 0:
            text = P("ranges.under", n=rows[1]["at_least"])
        t.row(text, row["points"])
    tables["fsw-age"] = t.done()

    t = _Table(d, P("titles.fsw_arranged_employment"), [P("columns.arranged_employment"), P("columns.points")])
    t.row(P("rows.fsw_job_offer"), t.use("fsw.arranged_employment"))
    tables["fsw-arranged-employment"] = t.done()

    t = _Table(d, P("titles.fsw_adaptability"), [P("columns.adaptability"), P("columns.points")])
    a = t.use("fsw.adaptability")
    t.row(P("rows.adapt_spouse_language", clb=a["spouse_language_min_clb"]), a["spouse_language"])
    t.row(P("rows.adapt_studied"), a["studied_in_canada"])
    t.row(P("rows.adapt_spouse_studied"), a["spouse_studied_in_canada"])
    t.row(P("rows.adapt_worked"), a["canadian_work"])
    t.row(P("rows.adapt_spouse_worked"), a["spouse_canadian_work"])
    t.row(P("rows.adapt_arranged_employment"), a["arranged_employment"])
    t.row(P("rows.adapt_relative"), a["relative_in_canada"])
    t.notes.append(P("notes.fsw_adaptability", cap=a["cap"], pass_mark=t.use("fsw.pass_mark")))
    tables["fsw-adaptability"] = t.done()

    t = _Table(d, P("titles.proof_of_funds"), [P("columns.family_members"), P("columns.funds_required")])
    funds = t.use("eligibility.proof_of_funds")
    for i, amount in enumerate(funds["amounts"], start=1):
        t.row(i, money(amount))
    t.row(P("rows.funds_each_additional"), money(funds["each_additional"]))
    t.notes.append(P("notes.proof_of_funds"))
    if parameter_entry("eligibility.proof_of_funds", d) is None:
        t.notes.append(P("notes.funds_not_in_data", date=day(d)))
    tables["proof-of-funds"] = t.done()

    assert tuple(tables) == TABLE_IDS
    tables.update(_category_tables(d))
    return tables


def _category_name(key: str) -> Any:
    return phrase(f"category_names.{key}") if key in NAMED_CATEGORIES else key


def _category_tables(d: str) -> dict[str, dict[str, Any]]:
    """The category overview and each occupation category's list, for the lists in force on ``d`` (none before
    the first encoded list). Built from the same data the engine decides categories with."""
    from .categories import category_lists

    lists = category_lists(d)
    if lists is None:
        return {}
    P = phrase
    rule = lists["experience"]
    months = P("categories.months_continuous" if rule["continuous"] else "categories.months", n=rule["months"])
    sources = lists["sources"]
    common = {"effective_from": lists["effective_from"], "sources": sources}
    checked = P("categories.checked")
    overview = {"title": P("titles.categories", date=day(lists["effective_from"])),
                "columns": [P("columns.category"), P("columns.who_qualifies"), P("columns.how_sure")],
                "rows": [], "notes": [], **common}
    out: dict[str, dict[str, Any]] = {"categories": overview}
    for key, spec in lists["categories"].items():
        name = _category_name(key)
        where = P("categories.in_canada" if spec.get("experience") == "canadian" else "categories.anywhere")
        if spec["test"] == "french":
            who = P("categories.who_french", nclc=spec["min_nclc"])
        elif spec["test"] == "military":
            who = P("categories.who_military", count=len(spec["occupations"]))
        else:
            who = P("categories.who_work", months=months, where=where, count=len(spec["occupations"]))
        level = spec["confidence"]
        sure: Any = P(f"confidence.{level}") if level in CONFIDENCE_LEVELS else level
        if spec.get("disputed"):
            sure = P("confidence.disputed", level=sure)
        overview["rows"].append([name, who, sure])
        if spec["test"] == "french":
            continue
        if spec["test"] == "military":
            notes: list[Any] = [P("categories.military_note"), checked]
        else:
            notes = [P("categories.work_note", months=months, where=where), checked]
        if spec.get("disputed"):
            notes.append(P("categories.disputed_note"))
        out[f"category-{key.replace('_', '-')}"] = {
            "title": name, "columns": [P("columns.noc"), P("columns.occupation"), P("columns.teer")],
            # the occupation titles are NOC's English titles, as the data holds them
            "rows": [[o["noc"], {"text": o["title"], "lang": "en"}, str(o["teer"])] for o in spec["occupations"]],
            "notes": notes, **common,
        }
    overview["notes"] = [P("categories.overview_note", checked=checked),
                         data_note(f"categories@{lists['effective_from']}", lists["note"])]
    return out

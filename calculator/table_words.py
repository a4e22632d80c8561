"""Words on the criteria tables: `criteria.criteria_tables` gives phrases and numbers, this puts a language's
words and number formats on them. English is built in (data/tables.json, data/labels.json and the formats
below: the command line's tables, and the site's English pages); the site passes its other languages' words
and formats (sitegen/tables.py).

A value in a table is one of: an int (a number), a str (shown as written: a NOC code), or a dict:
``{"key", "args"}`` a phrase of tables.json, ``{"label": [group, key]}`` a word of labels.json,
``{"number", "digits"}``, ``{"money"}``, ``{"date"}`` (ISO), ``{"join", "by"}`` items in a row,
``{"note", "text"}`` a note written in the rules data (its English text; other languages by its id), and
``{"text", "lang"}`` words as the data holds them, in that language (NOC's English occupation titles).
"""

from __future__ import annotations

from .rules import LABELS, load_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def _english_number(x: float, digits: int) -> str:
    return f"{x:.{digits}f}" if digits else str(int(x))


class Formats:
    """How one language writes numbers, amounts of money and dates (ISO ``YYYY-MM-DD`` in)."""

    def __init__(self, number: Callable[[float, int], str], money: Callable[[int], str],
                 date: Callable[[str], str]) -> None:
        self.number, self.money, self.date = number, money, date


# The English tables as they have always read: points as plain digits, "$15,263", ISO dates.
ENGLISH_FORMATS = Formats(_english_number, lambda n: f"${n:,}", lambda iso: iso)


class TableWords:
    """One language's words for the tables: ``tables`` (the shape of data/tables.json), ``labels`` (of
    data/labels.json), ``notes`` (data-note id -> words; None: the data's own English text) and formats."""

    def __init__(self, language: str, tables: dict[str, Any], labels: dict[str, Any], formats: Formats,
                 notes: dict[str, str] | None = None) -> None:
        self.language, self.tables, self.labels, self.formats, self.notes = language, tables, labels, formats, notes

    def phrase(self, key: str) -> str:
        node: Any = self.tables
        for part in key.split("."):
            node = node[part]
        return node

    def text(self, value: Any) -> str:
        """``value`` (see the module docstring) in these words."""
        if isinstance(value, bool):
            raise TypeError(f"not a table value: {value!r}")
        if isinstance(value, int | float):
            return self.formats.number(value, 0)
        if isinstance(value, str):
            return value
        if "key" in value:
            args = {name: self.text(arg) for name, arg in value.get("args", {}).items()}
            return self.phrase(value["key"]).format(**args)
        if "label" in value:
            group, key = value["label"]
            return self.labels[group][key]
        if "number" in value:
            return self.formats.number(value["number"], value["digits"])
        if "money" in value:
            return self.formats.money(value["money"])
        if "date" in value:
            return self.formats.date(value["date"])
        if "join" in value:
            return value.get("by", ", ").join(self.text(v) for v in value["join"])
        if "note" in value:
            return value["text"] if self.notes is None else self.notes[value["note"]]
        if "text" in value:
            return value["text"]
        raise TypeError(f"not a table value: {value!r}")

    def cell(self, value: Any) -> str | dict[str, str]:
        """A cell's words; words in another language than this one stay ``{"text", "lang"}`` for the page."""
        if isinstance(value, dict) and "lang" in value and value["lang"] != self.language:
            return {"text": value["text"], "lang": value["lang"]}
        return self.text(value)

    def table(self, table: dict[str, Any], keep_lang: bool = False) -> dict[str, Any]:
        """One table of `criteria_tables` in words (``effective_from`` stays ISO; sources stay as they are)."""
        cell: Callable[[Any], Any] = self.cell if keep_lang else self.text
        words = {
            "title": lambda v: self.text(v),
            "columns": lambda v: [self.text(c) for c in v],
            "rows": lambda v: [[cell(c) for c in row] for row in v],
            "notes": lambda v: [self.text(n) for n in v],
        }
        return {k: words[k](v) if k in words else v for k, v in table.items()}  # in the table's own order


def english() -> TableWords:
    return TableWords("en", {k: v for k, v in load_json("tables.json").items() if not k.startswith("_")},
                      LABELS, ENGLISH_FORMATS)


def english_tables(rules_date: str | None = None) -> dict[str, dict[str, Any]]:
    """`criteria_tables` in English, as the command line prints them."""
    from .criteria import criteria_tables

    words = english()
    return {name: words.table(t) for name, t in criteria_tables(rules_date).items()}


def all_data_notes() -> dict[str, str]:
    """Every note written in the rules data that a table shows on some date, by id (``<parameter>@<from>``,
    and ``categories@<from>`` for a category list), with its English text: a translation needs words for each.
    Found by building the tables on each date a rule changed, so a note no table shows is not asked for."""
    from .criteria import criteria_tables
    from .rules import PARAMETERS

    dates = {entry["from"] for entries in PARAMETERS.values() for entry in entries}
    dates.update(entry["from"] for entry in load_json("categories.json")["lists"]["values"])
    found: dict[str, str] = {}
    for day in sorted(dates):
        found.update(data_notes(criteria_tables(day)))
    return found


def data_notes(tables: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every note of the rules data in ``tables`` (in keys and numbers), by id, with its English text."""
    found: dict[str, str] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "note" in value and "text" in value:
                found[value["note"]] = value["text"]
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for t in tables.values():
        walk(t["notes"])
    return found

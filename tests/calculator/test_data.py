"""The data files themselves: every value dated and sourced, dates in order, the package stays stdlib-only."""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import calculator
from calculator import rules

DATA = Path(calculator.__file__).parent / "data"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_every_value_is_dated_and_sourced() -> None:
    assert rules.PARAMETERS
    for name, values in rules.PARAMETERS.items():
        dates = [v["from"] for v in values]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), name
        for v in values:
            assert DATE.match(v["from"]), name
            assert "value" in v, name
            assert v["sources"] and all(k in rules.SOURCES for k in v["sources"]), (name, v["sources"])


def test_sources_have_titles_and_urls() -> None:
    for key, src in rules.SOURCES.items():
        assert src["title"] and src["url"].startswith(("http://", "https://")), key


def test_meta() -> None:
    meta = json.loads((DATA / "meta.json").read_text())
    assert meta["reviewed"] == "2026-11-24" and meta["earliest"] == "2015-01-01"
    assert [n["from"] for n in meta["notices"]] == ["2026-11-03"]
    assert all(k in rules.SOURCES for n in meta["notices"] for k in n["sources"])
    for n in meta["notices"]:  # the words pages show: their [words](source-key) links must resolve
        texts = [n["page"]["title"], n["page"]["text"], n["page"]["details_title"], *n["page"]["details"]]
        keys = [k for t in texts for k in re.findall(r"\]\(([A-Za-z0-9_-]+)\)", t)]
        assert keys and all(k in rules.SOURCES for k in keys), (n["id"], keys)


def test_sources_keep_their_copies_apart_from_the_shown_page() -> None:
    for key, src in rules.SOURCES.items():
        assert set(src) <= {"title", "url", "checked_against", "note", "title_fr", "url_fr"}, key
        assert ("title_fr" in src) == ("url_fr" in src), key  # a French page comes with its French title
        assert "url_fr" not in src or "/fr/" in src["url_fr"], key
        assert all(u.startswith("https://") for u in src.get("checked_against", [])), key
        assert src["url"] not in src.get("checked_against", []), key


def test_change_dates_are_the_changelog() -> None:
    assert [d for d in rules.PERIODS] == [
        "2015-01-01", "2016-11-19", "2017-06-06", "2020-10-27", "2022-11-16", "2023-12-11", "2024-01-30",
        "2024-05-28", "2025-03-25", "2025-07-07"]


def test_labels_cover_every_line() -> None:
    labels = json.loads((DATA / "labels.json").read_text())
    keys = [k for s in labels["sections"] for k in s["lines"]]
    assert sorted(keys) == sorted(labels["lines"])


def test_standard_library_only() -> None:
    pkg = Path(calculator.__file__).parent
    stdlib = sys.stdlib_module_names
    for f in pkg.glob("*.py"):
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for n in names:
                assert n.split(".")[0] in stdlib or n == "__future__", (f.name, n)

"""The site's tables: every id present, every cell as in crs-rules.md, rendered from the engine's own data
(in English words here; tests/site/test_tables_fr.py has the French)."""

from __future__ import annotations

import re

import pytest

import calculator
from calculator.table_words import english_tables

IDS = ["crs-age", "crs-education", "crs-first-language", "crs-second-language", "crs-canadian-work",
       "crs-spouse-education", "crs-spouse-language", "crs-spouse-canadian-work", "crs-transferability-education",
       "crs-transferability-foreign-work", "crs-certificate-of-qualification", "crs-additional", "language-celpip",
       "language-ielts", "language-pte-core", "language-tef", "language-tef-old-scale", "language-tcf",
       "fsw-language", "fsw-education", "fsw-experience", "fsw-age", "fsw-arranged-employment", "fsw-adaptability",
       "proof-of-funds",
       # the 2026 categories (in force on 2026-06-01)
       "categories", "category-healthcare", "category-stem", "category-trades", "category-education",
       "category-transport", "category-physicians", "category-senior-managers", "category-researchers",
       "category-military"]

# Points columns of each table, row by row (labels are checked separately where they carry facts).
EXPECTED = {
    "crs-age": [[0, 0], [90, 99], [95, 105], [100, 110], [95, 105], [90, 99], [85, 94], [80, 88], [75, 83],
                [70, 77], [65, 72], [60, 66], [55, 61], [50, 55], [45, 50], [35, 39], [25, 28], [15, 17], [5, 6],
                [0, 0]],
    "crs-education": [[0, 0], [28, 30], [84, 90], [91, 98], [112, 120], [119, 128], [126, 135], [140, 150]],
    "crs-first-language": [[0, 0], [6, 6], [8, 9], [16, 17], [22, 23], [29, 31], [32, 34]],
    "crs-second-language": [[0, 0], [1, 1], [3, 3], [6, 6]],
    "crs-canadian-work": [[0, 0], [35, 40], [46, 53], [56, 64], [63, 72], [70, 80]],
    "crs-spouse-education": [[0], [2], [6], [7], [8], [9], [10], [10]],
    "crs-spouse-language": [[0], [1], [3], [5]],
    "crs-spouse-canadian-work": [[0], [5], [7], [8], [9], [10]],
    "crs-transferability-education": [[0, 0, 0, 0], [13, 25, 13, 25], [25, 50, 25, 50]],
    "crs-transferability-foreign-work": [[0, 0, 0, 0], [13, 25, 13, 25], [25, 50, 25, 50]],
    "crs-certificate-of-qualification": [[25], [50]],
    "crs-additional": [[600], [0], [0], [15], [30], [15], [25], [50]],
    "fsw-education": [[25], [23], [22], [21], [19], [15], [5], [0]],
    "fsw-experience": [[9], [11], [13], [15]],
    "fsw-age": [[0], [12], [11], [10], [9], [8], [7], [6], [5], [4], [3], [2], [1], [0]],
    "fsw-arranged-employment": [[10]],
    "fsw-adaptability": [[5], [5], [5], [10], [5], [5], [5]],
}
LANGUAGE = {  # S / L / R / W per row, CLB 10 down to 4 (ircc-crs-tool.md section 5, crs-rules.md L.1-L.6)
    "language-celpip": [["10–12"] * 4, ["9"] * 4, ["8"] * 4, ["7"] * 4, ["6"] * 4, ["5"] * 4, ["4"] * 4],
    "language-ielts": [["7.5–9.0", "8.5–9.0", "8.0–9.0", "7.5–9.0"], ["7.0", "8.0", "7.0–7.5", "7.0"],
                       ["6.5", "7.5", "6.5", "6.5"], ["6.0", "6.0–7.0", "6.0", "6.0"], ["5.5", "5.5", "5.0–5.5", "5.5"],
                       ["5.0", "5.0", "4.0–4.5", "5.0"], ["4.0–4.5", "4.5", "3.5", "4.0–4.5"]],
    "language-pte-core": [["89–90", "89–90", "88–90", "90"], ["84–88", "82–88", "78–87", "88–89"],
                          ["76–83", "71–81", "69–77", "79–87"], ["68–75", "60–70", "60–68", "69–78"],
                          ["59–67", "50–59", "51–59", "60–68"], ["51–58", "39–49", "42–50", "51–59"],
                          ["42–50", "28–38", "33–41", "41–50"]],
    "language-tef": [["556–699", "546–699", "546–699", "558–699"], ["518–555", "503–545", "503–545", "512–557"],
                     ["494–517", "462–502", "462–502", "472–511"], ["456–493", "434–461", "434–461", "428–471"],
                     ["422–455", "393–433", "393–433", "379–427"], ["387–421", "352–392", "352–392", "330–378"],
                     ["328–386", "306–351", "306–351", "268–329"]],
    "language-tef-old-scale": [["393–450", "316–360", "263–300", "393–450"],
                               ["371–392", "298–315", "248–262", "371–392"],
                               ["349–370", "280–297", "233–247", "349–370"],
                               ["310–348", "249–279", "207–232", "310–348"],
                               ["271–309", "217–248", "181–206", "271–309"],
                               ["226–270", "181–216", "151–180", "226–270"],
                               ["181–225", "145–180", "121–150", "181–225"]],
    "language-tcf": [["16–20", "549–699", "549–699", "16–20"], ["14–15", "523–548", "524–548", "14–15"],
                     ["12–13", "503–522", "499–523", "12–13"], ["10–11", "458–502", "453–498", "10–11"],
                     ["7–9", "398–457", "406–452", "7–9"], ["6", "369–397", "375–405", "6"],
                     ["4–5", "331–368", "342–374", "4–5"]],
}


@pytest.fixture(scope="module")
def tables() -> dict:
    return english_tables("2026-06-01")


def test_ids_and_shape(tables: dict) -> None:
    assert list(tables) == IDS
    for key, t in tables.items():
        assert set(t) == {"title", "columns", "rows", "effective_from", "sources", "notes"}, key
        assert t["title"] and all(isinstance(c, str) for c in t["columns"])
        assert t["rows"] and all(len(r) == len(t["columns"]) and all(isinstance(c, str) for c in r) for r in t["rows"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["effective_from"])
        assert t["sources"] and all(set(s) == {"title", "url"} and s["url"].startswith("http") for s in t["sources"])
        assert all(isinstance(n, str) for n in t["notes"])


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_points_cells(tables: dict, key: str) -> None:
    assert [[int(c) for c in row[1:]] for row in tables[key]["rows"]] == EXPECTED[key]


@pytest.mark.parametrize("key", sorted(LANGUAGE))
def test_language_cells(tables: dict, key: str) -> None:
    t = tables[key]
    assert t["columns"][1:] == ["Speaking", "Listening", "Reading", "Writing"]
    assert [row[1:] for row in t["rows"][:7]] == LANGUAGE[key]
    assert [row[0].split()[-1] if i else row[0] for i, row in enumerate(t["rows"][:7])][1:] == \
        ["9", "8", "7", "6", "5", "4"]
    assert t["rows"][7][0].startswith("Below")


def test_row_labels(tables: dict) -> None:
    assert [r[0] for r in tables["crs-age"]["rows"]][:4] == ["17 years of age or less", "18 years of age",
                                                             "19 years of age", "20 to 29 years of age"]
    assert tables["crs-age"]["rows"][-1][0] == "45 years of age or more"
    assert [r[0] for r in tables["crs-first-language"]["rows"]] == [
        "Less than CLB 4", "CLB 4 or 5", "CLB 6", "CLB 7", "CLB 8", "CLB 9", "CLB 10 or more"]
    assert [r[0] for r in tables["crs-second-language"]["rows"]] == [
        "CLB 4 or less", "CLB 5 or 6", "CLB 7 or 8", "CLB 9 or more"]
    assert [r[0] for r in tables["crs-transferability-foreign-work"]["rows"]] == [
        "None or less than a year", "1 or 2 years", "3 years or more"]
    assert [r[0] for r in tables["fsw-experience"]["rows"]] == ["1 year", "2 or 3 years", "4 or 5 years",
                                                                "6 years or more"]
    assert [r[0] for r in tables["fsw-age"]["rows"]][:2] == ["Under 18", "18 to 35"]
    assert tables["fsw-language"]["rows"] == [
        ["First official language, CLB 9 or more, per ability", "6"],
        ["First official language, CLB 8, per ability", "5"],
        ["First official language, CLB 7, per ability", "4"],
        ["First official language under CLB 7 in any ability", "Not eligible"],
        ["Second official language, CLB 5 or more in all four abilities", "4 (in total)"]]
    assert tables["language-celpip"]["rows"][7][1] == "M, 0–3"


def test_proof_of_funds(tables: dict) -> None:
    t = tables["proof-of-funds"]
    assert t["rows"] == [["1", "$15,263"], ["2", "$19,001"], ["3", "$23,360"], ["4", "$28,362"], ["5", "$32,168"],
                         ["6", "$36,280"], ["7", "$40,392"], ["For each additional family member", "$4,112"]]
    assert t["effective_from"] == "2025-07-07"
    old = english_tables("2025-01-01")["proof-of-funds"]
    assert [r[1] for r in old["rows"]] == ["$14,690", "$18,288", "$22,483", "$27,297", "$30,690", "$34,917",
                                           "$38,875", "$3,958"]
    assert old["effective_from"] == "2024-05-28"


@pytest.mark.parametrize("date,offer_top,offer_other,french,sibling,study,effective", [
    ("2015-06-01", 600, 600, (0, 0), 0, (0, 0), "2015-01-01"),
    ("2017-01-01", 200, 50, (0, 0), 0, (15, 30), "2016-11-19"),
    ("2018-01-01", 200, 50, (15, 30), 15, (15, 30), "2017-06-06"),
    ("2021-01-01", 200, 50, (25, 50), 15, (15, 30), "2020-10-27"),
    ("2024-01-01", 200, 50, (25, 50), 15, (15, 30), "2022-11-16"),
    ("2026-06-01", 0, 0, (25, 50), 15, (15, 30), "2025-03-25"),
])
def test_additional_points_by_date(date, offer_top, offer_other, french, sibling, study, effective) -> None:
    t = english_tables(date)["crs-additional"]
    assert [int(r[1]) for r in t["rows"]] == [600, offer_top, offer_other, *study, sibling, *french]
    assert t["effective_from"] == effective


def test_tables_match_engine(tables: dict) -> None:
    """The page and the engine read the same data: a table cell scores exactly as shown."""
    from .conftest import lang, score

    for row, age in zip(tables["crs-age"]["rows"][1:4], (18, 19, 25), strict=True):
        assert score(age=age)["lines"]["age"] == int(row[2])
        assert score(age=age, with_spouse=True)["lines"]["age"] == int(row[1])
    assert score(provincial_nomination=True)["lines"]["provincial_nomination"] == \
        int(tables["crs-additional"]["rows"][0][1])
    assert score(first_language=lang("nclc", 7))["lines"]["french"] == int(tables["crs-additional"]["rows"][6][1])


def test_pte_table_before_acceptance_says_so() -> None:
    t = english_tables("2023-01-01")["language-pte-core"]
    assert any("Not accepted" in n for n in t["notes"])


def test_default_date_is_today() -> None:
    assert calculator.criteria_tables() == calculator.criteria_tables(
        __import__("datetime").date.today().isoformat())


def _free_words(value: object, inside: str = "") -> list[str]:
    """Strings in a coded table that are not a key, a code or words the data itself holds."""
    if isinstance(value, str):
        return [value] if " " in value and inside not in ("text", "note", "sources") else []
    if isinstance(value, dict):
        return [w for k, v in value.items() if k != "by"  # a separator ("; ")
                for w in _free_words(v, k if k in ("text", "sources") else inside)]
    if isinstance(value, list):
        return [w for v in value for w in _free_words(v, inside)]
    return []


@pytest.mark.parametrize("date", ["2015-06-01", "2023-01-01", "2026-06-01"])
def test_the_engine_gives_codes_not_english(date: str) -> None:
    """criteria_tables holds no sentence: every word is a key of tables.json or labels.json, so a language
    supplies all of them (the occupation titles and the data's own notes are data, marked as such)."""
    tables = calculator.criteria_tables(date)
    assert _free_words(tables) == []
    english = english_tables(date)
    assert english["crs-age"]["columns"][1] == "With a spouse or common-law partner"
    assert tables["crs-age"]["columns"][1] == {"key": "columns.with_spouse"}

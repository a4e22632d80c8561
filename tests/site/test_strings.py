"""Interface strings: a translation missing a key of the English file is a path:line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import BuildFailed
from sitegen.strings import load_strings

EN = """\
nav:
  home: Home
  menu: Menu
footer: Reviewed on {date}
calculator:
  score: Your score
"""


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_complete_translation_loads(tmp_path: Path) -> None:
    strings = tmp_path / "templates" / "strings"
    _write(strings, "en.yml", EN)
    _write(strings, "fr.yml", EN.replace("Home", "Accueil"))
    assert load_strings(strings, "", "fr", tmp_path)["nav"]["home"] == "Accueil"


def test_missing_keys_are_listed_with_their_lines(tmp_path: Path) -> None:
    strings = tmp_path / "templates" / "strings"
    _write(strings, "calculator.en.yml", EN)
    _write(strings, "calculator.fr.yml", "nav:\n  home: Accueil\nfooter: Revu le {date}\n")
    with pytest.raises(BuildFailed) as info:
        load_strings(strings, "calculator.", "fr", tmp_path)
    shown = [str(e) for e in info.value.errors]
    assert sorted(shown) == [
        "templates/strings/calculator.fr.yml:1: `calculator` is missing: every key of "
        "templates/strings/calculator.en.yml needs a translation here",
        "templates/strings/calculator.fr.yml:1: `nav.menu` is missing: every key of "
        "templates/strings/calculator.en.yml needs a translation here",
    ]


def test_a_missing_language_and_bad_yaml_are_build_errors(tmp_path: Path) -> None:
    strings = tmp_path / "templates" / "strings"
    _write(strings, "en.yml", EN + "footer: twice\n")
    with pytest.raises(BuildFailed) as info:
        load_strings(strings, "", "en", tmp_path)
    assert str(info.value.errors[0]) == "templates/strings/en.yml:7: `footer` is given twice (first on line 4)"
    with pytest.raises(BuildFailed) as info:
        load_strings(strings, "", "de", tmp_path)
    assert str(info.value.errors[0]).startswith("templates/strings/de.yml")
    assert "no interface strings for language `de`" in str(info.value.errors[0])


STRINGS_DIR = Path(__file__).resolve().parents[2] / "templates" / "strings"


def _language(code: str) -> dict:
    return load_strings(STRINGS_DIR, "", code, STRINGS_DIR.parents[1])


def test_dates_numbers_and_money_follow_each_language() -> None:
    from datetime import UTC, date, datetime

    from sitegen.strings import format_date, format_datetime, format_money, format_number

    english, french = _language("en"), _language("fr")
    assert format_date(date(2026, 8, 7), english) == "7 August 2026"
    assert format_date(date(2026, 12, 3), french) == "3 décembre 2026"
    assert format_datetime(datetime(2017, 10, 23, 15, 58, 27, tzinfo=UTC), english) == \
        "23 October 2017 at 15:58:27 UTC"
    assert format_datetime(datetime(2017, 10, 23, 15, 58, 27, tzinfo=UTC), french) == \
        "23 octobre 2017 à 15\u00a0h 58\u00a0min 27\u00a0s (UTC)"  # to the second, as the rule
    # French writes the first of the month as an ordinal (pages, charts and the engine's tables alike)
    assert format_date(date(2026, 1, 1), french) == "1er janvier 2026"
    assert format_date(date(2026, 1, 11), french) == "11 janvier 2026"
    assert format_date(date(2001, 11, 1), french) == "1er novembre 2001"
    assert format_date(date(2026, 1, 1), english) == "1 January 2026"
    assert format_datetime(datetime(2026, 3, 1, 1, 46, 0, tzinfo=UTC), french) == \
        "1er mars 2026 à 1\u00a0h 46\u00a0min 00\u00a0s (UTC)"
    from sitegen.formats import table_formats

    assert [table_formats("fr").date(d) for d in ("2015-01-01", "2021-11-21")] == ["1er janvier 2015", "21 novembre 2021"]
    assert format_number(229100, english) == "229,100"
    assert format_number(1234, french) == "1\u00a0234"  # a no-break space: the number never splits
    assert format_money(15263, english) == "$15,263"
    assert format_money(15263, french) == "15\u00a0263\u00a0$"


def test_an_unknown_locale_is_named_with_its_line(tmp_path: Path) -> None:
    strings = tmp_path / "templates" / "strings"
    _write(strings, "en.yml", "title: x\nlocale: xx_YY\n")
    with pytest.raises(BuildFailed) as info:
        load_strings(strings, "", "en", tmp_path)
    assert str(info.value.errors[0]).startswith("templates/strings/en.yml:2: `locale` xx_YY is not a locale")

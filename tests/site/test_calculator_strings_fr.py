"""The calculator's French words: every English key, the same placeholders, French typography, no English left.

``load_strings`` already refuses a missing key; these tests catch what it lets through: a misspelt (so unused)
key, a placeholder renamed or dropped in translation (a KeyError or a lost number on the page), and an English
string copied over untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from string import Formatter
from typing import Any

import pytest

from sitegen.strings import load_strings

ROOT = Path(__file__).resolve().parents[2]
STRINGS = ROOT / "templates" / "strings"
NBSP = "\u00a0"

# Values that are the same words in both languages: test names, the French tests' own ability names, formats
# made only of placeholders, and words French shares with English.
SAME_IN_BOTH = {
    "section_points", "fsw_points", "fsw_total",
    "ability_names_french.speaking", "ability_names_french.listening", "ability_names_french.reading",
    "ability_names_french.writing", "ability_with_name", "level_label",
    "test_labels.celpip", "test_labels.tcf", "test_labels.pte_core",
    "timeline.gain", "timeline.loss", "timeline.event_sentence",
    "official_tool_url",  # no French address of IRCC's tool found on an official page yet: the English one, said so
}


def _leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, f"{prefix}{key}.")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _leaves(inner, f"{prefix}{i}.")
    else:
        yield prefix.rstrip("."), value


def _fields(text: str) -> list[str]:
    """The placeholder names of a ``str.format`` pattern, in order (raises ValueError on a broken brace)."""
    return [name for _, name, _, _ in Formatter().parse(text) if name is not None]


@pytest.fixture(scope="module")
def words() -> tuple[dict[str, Any], dict[str, Any]]:
    english = dict(_leaves(load_strings(STRINGS, "calculator.", "en", ROOT)))
    french = dict(_leaves(load_strings(STRINGS, "calculator.", "fr", ROOT)))
    return english, french


def test_the_french_file_has_exactly_the_english_keys(words: tuple[dict[str, Any], dict[str, Any]]) -> None:
    english, french = words
    assert sorted(set(french) - set(english)) == []  # a key English lacks is never shown: a typo
    assert sorted(set(english) - set(french)) == []


def test_every_value_keeps_the_english_placeholders(words: tuple[dict[str, Any], dict[str, Any]]) -> None:
    english, french = words
    different = {key: (_fields(english[key]), _fields(french[key])) for key in english
                 if isinstance(english[key], str)
                 and sorted(_fields(english[key])) != sorted(_fields(french[key]))}
    assert different == {}


def test_nothing_is_left_in_english(words: tuple[dict[str, Any], dict[str, Any]]) -> None:
    english, french = words
    copied = sorted(key for key in english if french[key] == english[key] and key not in SAME_IN_BOTH)
    assert copied == []


def _typography_problems(text: str) -> list[str]:
    """What breaks Canadian French typography in ``text``: the space rules around : ; ? ! and « »."""
    problems = []
    if re.search(r"(?<!\u00a0):(?!//)(?!\d)", text):  # not a URL's "://" nor a time's "14:55"
        problems.append("« : » needs a no-break space before it")
    if re.search(r"\s[;?!]", text):
        problems.append("no space before ; ? !")
    if re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text):
        problems.append("« » need no-break spaces inside")
    return problems


def _typography_of(values: dict[str, Any]) -> dict[str, list[str]]:
    """Each text value of ``values`` that breaks Canadian French typography, with what breaks it."""
    return {key: found for key, text in values.items() if isinstance(text, str) and (found := _typography_problems(text))}


def test_canadian_french_typography(words: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, french = words
    assert _typography_of(french) == {}


@pytest.mark.parametrize("name", ["fr.yml", "messages.fr.yml", "labels.fr.yml", "tables.fr.yml", "notices.fr.yml"])
def test_the_other_french_words_follow_the_same_typography(name: str) -> None:
    """The site's, the engine's codes' and the tables' French words too: the calculator page shows the engine's
    messages beside its own (« Fonds : ... »), so a plain space before a colon could start a line with it."""
    import yaml

    assert _typography_of(dict(_leaves(yaml.safe_load((STRINGS / name).read_text(encoding="utf-8"))))) == {}


def test_the_checks_catch_what_they_claim() -> None:
    """The helpers above are what the other tests rely on: show that they see a bad value."""
    assert _fields("{n} ans ou plus") == ["n"]
    assert sorted(_fields("Le {as_of}, {min}")) == ["as_of", "min"]
    with pytest.raises(ValueError):
        _fields("{n ans")
    assert dict(_leaves({"a": {"b": "x"}, "c": ["y"]})) == {"a.b": "x", "c.0": "y"}
    assert _typography_problems(f"Votre note{NBSP}: {{total}}, à 14:55, https://canada.ca?") == []
    assert len(_typography_problems("Votre note : 12 ; oui ! « non »")) == 3
    assert _typography_problems("Votre note: 12") == ["« : » needs a no-break space before it"]

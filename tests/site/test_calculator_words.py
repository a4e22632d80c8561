"""The calculator page's words for the engine's codes and the result's labels come from the page's language:
English from calculator/data, another language from templates/strings (sitegen.calculator_form.engine_page_words).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator.codes import PARAM_KINDS
from sitegen.calculator_form import engine_page_words
from sitegen.errors import BuildFailed

ROOT = Path(__file__).resolve().parents[2]


def translated(value: Any) -> Any:
    """Every string of an English file marked as a translation (the shape kept)."""
    if isinstance(value, dict):
        return {k: translated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [translated(v) for v in value]
    return f"FR {value}" if isinstance(value, str) else value


def site(tmp_path: Path, notices: str | None) -> Path:
    (tmp_path / "calculator" / "data").mkdir(parents=True)
    for name in ("messages.json", "labels.json", "meta.json"):
        shutil.copy(ROOT / "calculator" / "data" / name, tmp_path / "calculator" / "data" / name)
    strings = tmp_path / "templates" / "strings"
    strings.mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "strings" / "messages.fr.yml", strings / "messages.fr.yml")
    labels = {k: v for k, v in json.loads((ROOT / "calculator" / "data" / "labels.json").read_text()).items()
              if not k.startswith("_")}
    (strings / "labels.fr.yml").write_text(yaml.safe_dump(translated(labels), allow_unicode=True), encoding="utf-8")
    if notices is not None:
        (strings / "notices.fr.yml").write_text(notices, encoding="utf-8")
    return tmp_path


def test_english_page_words_are_the_engine_s() -> None:
    words = engine_page_words(ROOT, "en")
    messages = json.loads((ROOT / "calculator" / "data" / "messages.json").read_text())
    labels = json.loads((ROOT / "calculator" / "data" / "labels.json").read_text())
    assert words["codes"] == messages["codes"] and words["kinds"] == PARAM_KINDS
    assert words["labels"]["sections"] == labels["sections"] and words["labels"]["total"] == labels["total"]
    assert words["labels"]["education_short"] == labels["education_short"]
    meta = json.loads((ROOT / "calculator" / "data" / "meta.json").read_text())
    assert words["notices"] == {n["id"]: n["message"] for n in meta["notices"]}


def test_french_page_words_have_no_english(tmp_path: Path) -> None:
    meta = json.loads((ROOT / "calculator" / "data" / "meta.json").read_text())
    notices = "".join(f"{n['id']}:\n  message: \"Avis {n['id']}\"\n" for n in meta["notices"])
    words = engine_page_words(site(tmp_path, notices), "fr")
    french = yaml.safe_load((ROOT / "templates" / "strings" / "messages.fr.yml").read_text())
    assert words["codes"] == french["codes"]
    assert words["codes"]["fsw_language"].startswith("Langue\u00a0:")
    # the result's layout and the labels parameters name: every string from the French file
    shown = [words["labels"]["total"], *words["labels"]["lines"].values(), *words["labels"]["education_short"].values(),
             *(s[k] for s in words["labels"]["sections"] for k in ("label", "subtotal_label"))]
    assert shown and all(text.startswith("FR ") for text in shown)
    assert words["notices"] == {n["id"]: f"Avis {n['id']}" for n in meta["notices"]}


def test_a_french_notice_without_its_message_is_a_build_error(tmp_path: Path) -> None:
    meta = json.loads((ROOT / "calculator" / "data" / "meta.json").read_text())
    first = meta["notices"][0]["id"]
    with pytest.raises(BuildFailed) as failed:
        engine_page_words(site(tmp_path, f"{first}:\n  page: {{}}\n"), "fr")
    error = failed.value.errors[0]
    assert error.path == "templates/strings/notices.fr.yml" and error.line == 1 and first in error.message


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_carries_exactly_the_strings_its_script_reads(language: str) -> None:
    """calc-strings holds every key calculator.mjs reads (S.key), each with its words, and nothing else: the
    form's own words are in its HTML."""
    import re

    from sitegen.calculator_form import form_context, load_calculator_strings

    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r"\bS\.([a-z_][a-z0-9_]*)", (root / "templates/static/js/calculator.mjs").read_text()))
    strings = load_calculator_strings(root, language)
    assert read - set(strings) == set()  # a key the script reads but no strings file has would show "undefined"
    shipped = form_context(root, language)["script_strings"]
    assert set(shipped) == read
    assert "q_marital" in strings and "q_marital" not in shipped


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_french_tests_score_box_names_the_results_sheets_word_once(language: str) -> None:
    """TEF and TCF boxes add the results sheet's word ("Speaking (Expression orale)"); on the French page, where the
    page's word is already the sheet's, it is not said twice ("Expression orale (Expression orale)")."""
    import re

    from sitegen.calculator_form import form_context

    tests = form_context(Path(__file__).resolve().parents[2], language)["tests"]
    labels = [a["label"] for key in ("tef", "tcf", "tef_old_scale") for a in tests[key]["abilities"]]
    assert len(labels) == 12
    assert [x for x in labels if re.fullmatch(r"(.+) \(\1\)", x)] == []
    sheet = {"Expression orale", "Compréhension orale", "Compréhension écrite", "Expression écrite"}
    assert all(any(word in x for word in sheet) for x in labels), labels  # each still says the sheet's word

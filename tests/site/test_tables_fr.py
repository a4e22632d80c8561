"""The engine's tables and notices on French pages: French words, numbers, money and dates; no English word of
calculator/data/tables.json left; a missing French word is a path:line build error; English unchanged."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from calculator.table_words import all_data_notes
from sitegen.errors import BuildFailed
from sitegen.tables import RulesTables

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"
DATES = ("2015-06-01", "2023-01-01", "2025-06-01", "2026-12-04")  # old rules, PTE not yet accepted, 2025 lists...


def _text(html: str) -> str:
    """The words a reader sees, without the English a French page keeps on purpose (the NOC titles, marked
    lang="en", and the titles of source pages that exist only in English)."""
    html = re.sub(r'<(td|a)[^>]*lang="en"[^>]*>.*?</\1>', " ", html)
    return re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'")


def _tables_on(day: str) -> RulesTables:
    import calculator

    rules = RulesTables()
    rules._tables = calculator.criteria_tables(day)
    return rules


@pytest.fixture(scope="module")
def french() -> dict[str, str]:
    """Every table on each of DATES, in French (name@date -> HTML)."""
    out = {}
    for day in DATES:
        rules = _tables_on(day)
        out.update({f"{name}@{day}": rules.render_table(name, "fr") for name in rules.tables()})
    return out


def test_numbers_money_and_dates_are_written_the_french_way(french: dict[str, str]) -> None:
    funds = french["proof-of-funds@2026-12-04"]
    assert f"<td>15{NBSP}263{NBSP}$</td>" in funds and f"<td>4{NBSP}112{NBSP}$</td>" in funds
    assert "$15,263" not in funds and "15,263" not in funds
    assert "<caption>Preuve de fonds pour s&#x27;établir (PTQF et PTMSF)</caption>" in funds
    assert "En vigueur depuis le 7 juillet 2025." in funds
    assert f"le total, à 1{NBSP}200." in french["crs-additional@2026-12-04"]  # a number inside a sentence
    ielts = french["language-ielts@2026-12-04"]
    assert "<td>7,5–9,0</td>" in ielts and "7.5" not in ielts  # decimal comma
    assert "En vigueur depuis le 1er janvier 2015." in ielts  # the first of the month is an ordinal
    pte = french["language-pte-core@2023-01-01"]
    assert "Pas accepté pour Entrée express le 1er janvier 2023 : les résultats comptent depuis le 30 janvier " \
           "2024.".replace(" :", f"{NBSP}:") in pte


def test_row_labels_and_scroll_regions_are_french(french: dict[str, str]) -> None:
    age = french["crs-age@2026-12-04"]
    assert 'aria-label="Facteurs de base du SCG' in age
    assert re.findall(r'<th scope="row">([^<]+)</th>', age)[:4] == ["17 ans ou moins", "18 ans", "19 ans",
                                                                     "20 à 29 ans"]
    education = french["crs-education@2026-12-04"]
    assert '<th scope="row">Doctorat (Ph. D.)</th>' in education  # a word of labels.fr.yml
    assert '<th scope="col">Avec un époux ou conjoint de fait</th>' in education
    assert '<th scope="col">Compréhension de l&#x27;oral</th>' in french["language-tef@2026-12-04"]


def _english_fragments() -> set[str]:
    """The English phrases of tables.json and of the labels the tables use, cut at their {placeholders}:
    each fragment of two words or more is an English sentence piece that must not reach a French page."""
    words = json.loads((ROOT / "calculator" / "data" / "tables.json").read_text(encoding="utf-8"))
    labels = json.loads((ROOT / "calculator" / "data" / "labels.json").read_text(encoding="utf-8"))
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    walk({k: v for k, v in words.items() if not k.startswith("_")})
    walk({k: labels[k] for k in ("abilities", "education_short")})
    fragments = {f.strip(" .,:;()") for t in texts for f in re.split(r"\{\w+\}", t)}
    return {f for f in fragments if " " in f and re.search(r"[a-z]{3}", f)}


def test_no_english_words_of_the_tables_on_a_french_page(french: dict[str, str]) -> None:
    fragments = _english_fragments()
    assert len(fragments) > 100 and "years of age or more" in fragments  # the check has something to find
    for name, html in french.items():
        text = _text(html)
        found = sorted(f for f in fragments if f in text)
        assert not found, (name, found)
    assert any('lang="en"' in html for html in french.values())  # the NOC titles, marked as English


def test_french_notices_link_the_french_page_of_a_source() -> None:
    html = RulesTables().render_notices("fr", today=date(2026, 12, 4))
    assert '<p class="markdown-alert-title">Un nouveau SCG est peut-être en vigueur</p>' in html
    assert re.search(r'<a href="https://www\.canada\.ca/fr/[^"]+/criteries-scg\.html">page officielle des critères '
                     r"du SCG</a>", html)
    assert re.search(r'<a href="https://ircc\.canada\.ca/english/[^"]+" hreflang="en">outil officiel du SCG '
                     r"d&#x27;IRCC</a> \(en anglais\) avant", html)  # no French address known for the tool
    assert "<summary>Ce que nous savons de ce changement</summary>" in html
    assert html.count("<li>") == 3
    assert RulesTables().render_notices("fr", today=date(2026, 11, 2)) == ""  # not in force yet


def test_a_source_without_a_french_page_is_linked_in_english_and_said_so() -> None:
    rules = RulesTables()
    assert "url_fr" not in rules._rules_data()[1]["funds-2025"]
    html = rules.render_table("proof-of-funds", "fr")
    assert re.search(r'<a href="https://www\.canada\.ca/en/[^"]+/proof-funds\.html" hreflang="en" lang="en">'
                     r"Proof of funds[^<]*</a> \(en anglais\)", html), html


def test_a_source_with_a_french_page_is_linked_to_it() -> None:
    rules = RulesTables()
    notices, sources = rules._rules_data()
    url = sources["funds-2025"]["url"]
    french_page = {"title_fr": "Preuve de fonds (canada.ca)", "url_fr": "https://www.canada.ca/fr/preuve.html"}
    rules._rules = notices, {k: {**s, **french_page} if s["url"] == url else s for k, s in sources.items()}
    html = rules.render_table("proof-of-funds", "fr")
    assert 'Source : <a href="https://www.canada.ca/fr/preuve.html">Preuve de fonds (canada.ca)</a></p>'.replace(
        " :", f"{NBSP}:") in html
    assert "en anglais" not in html and "/en/" not in html


def test_sources_that_share_a_page_share_its_french_page() -> None:
    """Several keys of sources.json cite one page; the pages look a French page up by the URL, so all its
    entries must agree on it."""
    sources = json.loads((ROOT / "calculator" / "data" / "sources.json").read_text(encoding="utf-8"))
    by_url: dict[str, set] = {}
    for key, entry in sources.items():
        if not key.startswith("_"):
            by_url.setdefault(entry["url"], set()).add((entry.get("title_fr"), entry.get("url_fr")))
    assert {url: found for url, found in by_url.items() if len(found) > 1} == {}


def test_english_output_is_unchanged() -> None:
    rules = RulesTables()
    html = rules.render_table("proof-of-funds")
    assert html == rules.render_table("proof-of-funds", "en")
    assert "<td>$15,263</td>" in html and '<p class="table-meta">In force from 2025-07-07. Source: <a href=' in html
    assert "hreflang" not in html and "en anglais" not in html
    notices = rules.render_notices(today=date(2026, 12, 4))
    assert '<a href="https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/' \
           'express-entry/check-score/crs-criteria.html">CRS criteria page</a>' in notices


def test_the_french_labels_keep_the_calculators_structure() -> None:
    """labels.fr.yml translates the words only: the same sections, lines and groups as labels.json."""
    from sitegen.strings import engine_words

    english, french = engine_words(ROOT, "labels", "en"), engine_words(ROOT, "labels", "fr")

    def shape(sections: list) -> list:
        return [(s["key"], s["lines"], [(g["subtotal"], g["lines"]) for g in s.get("groups", [])]) for s in sections]

    assert shape(french["sections"]) == shape(english["sections"])
    assert french["lines"].keys() == english["lines"].keys()
    assert all(french[group][k] != english[group][k] for group in ("lines", "education") for k in english[group])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the files the French words come from, to break."""
    for rel in ("calculator/data/tables.json", "calculator/data/labels.json", "templates/strings/tables.fr.yml",
                "templates/strings/labels.fr.yml", "templates/strings/notices.fr.yml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def _drop_line(path: Path, starting: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(starting))
    path.write_text("".join(lines[:at] + lines[at + 1:]), encoding="utf-8")
    return at + 1


def test_a_missing_french_word_is_a_build_error_with_its_line(root: Path) -> None:
    strings = root / "templates" / "strings"
    _drop_line(strings / "tables.fr.yml", "  crs_age: ")  # the first crs_age: the table's title
    titles_line = next(i for i, line in enumerate((strings / "tables.fr.yml").read_text("utf-8").splitlines(), 1)
                       if line.startswith("titles:"))
    _drop_line(strings / "labels.fr.yml", "  doctoral: ")
    note = "crs.job_offer@2025-03-25"
    _drop_line(strings / "tables.fr.yml", f"  {note}: ")
    _drop_line(strings / "tables.fr.yml", "    Plus de points pour une offre d'emploi.")  # its folded text
    rules = RulesTables(root)
    with pytest.raises(BuildFailed) as failed:
        rules.render_table("crs-age", "fr")
    shown = [str(e) for e in failed.value.errors]
    assert f"templates/strings/tables.fr.yml:{titles_line}: `titles.crs_age` is missing: every key of " \
           "calculator/data/tables.json needs a translation here" in shown
    assert any(s.startswith("templates/strings/labels.fr.yml:") and "`education.doctoral` is missing" in s
               for s in shown), shown
    assert any(f"`data_notes.{note}` is missing" in s and s.startswith("templates/strings/tables.fr.yml:")
               for s in shown), shown
    assert len(shown) == 3, shown  # every problem at once
    assert rules.render_table("crs-age") is not None  # English needs none of these files


def test_a_notice_without_french_words_stops_a_french_page(root: Path) -> None:
    path = root / "templates" / "strings" / "notices.fr.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  details_title:", "  summary:"), encoding="utf-8")
    rules = RulesTables(root)
    assert [str(e) for e in rules.check_language("fr")] == [
        "templates/strings/notices.fr.yml:6: `crs-2026-11-03.details_title` is missing"]
    with pytest.raises(BuildFailed):
        rules.render_notices("fr", today=date(2026, 12, 4))
    path.write_text("other-notice:\n  message: x\n", encoding="utf-8")
    errors = [str(e) for e in RulesTables(root).check_language("fr")]
    assert errors == ["templates/strings/notices.fr.yml:1: `crs-2026-11-03` is missing: every notice of "
                      "calculator/data/meta.json needs its words here (message, title, text, details_title, "
                      "details)"], errors
    path.unlink()
    assert "no words for the rule-change notices in `fr`" in str(RulesTables(root).check_language("fr")[0])


def test_every_note_of_the_rules_data_has_french_words() -> None:
    from sitegen.strings import engine_words

    french = engine_words(ROOT, "tables", "fr")["data_notes"]
    assert set(all_data_notes()) <= set(french)
    assert RulesTables().check_language("fr") == []


def test_a_french_source_page_off_the_allowlist_is_a_build_error(tmp_path: Path, monkeypatch) -> None:
    """url_fr is shown to visitors too, so it is held to the same official hosts as url, with its own line."""
    from types import SimpleNamespace

    from calculator import rules
    from sitegen import official

    data = json.loads((ROOT / "calculator" / "data" / "sources.json").read_text(encoding="utf-8"))
    data["funds-2025"] |= {"title_fr": "Preuve de fonds", "url_fr": "https://www.example.com/fr/preuve.html"}
    path = tmp_path / "data" / "sources.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i in range(lines.index('  "funds-2025": {'), len(lines)) if '"url_fr"' in lines[i]) + 1
    monkeypatch.setattr(rules, "__file__", str(tmp_path / "rules.py"))
    page = SimpleNamespace(shows_rules_data=True, template="page", sources=[], display_path="content/x.md")
    errors = [str(e) for e in official.check_sources([page], ROOT / "content", tmp_path)]
    assert len(errors) == 1 and errors[0].startswith(
        f"data/sources.json:{line}: source host not official: www.example.com (official hosts are listed in "), errors


def test_a_french_phrase_with_a_name_the_table_does_not_give_is_an_error(root: Path) -> None:
    """Caught when the words load, with the phrase's own line, not as a crash while a page renders."""
    path = root / "templates" / "strings" / "tables.fr.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  one: NCLC {n}\n", "  one: NCLC {niveau}\n", 1)  # clb.one, the first `one:`
    text = text.replace("  or_more: NCLC {n} ou plus\n", "  or_more: NCLC {n ou plus\n", 1)  # clb.or_more
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("clb:")
    one = lines.index("  one: NCLC {niveau}", at) + 1
    more = lines.index("  or_more: NCLC {n ou plus", at) + 1
    assert [str(e) for e in RulesTables(root).check_language("fr")] == [
        f"templates/strings/tables.fr.yml:{more}: `clb.or_more` has a stray {{ or }}",
        f"templates/strings/tables.fr.yml:{one}: `clb.one` uses {{niveau}}, which the table does not give "
        "(it gives: {n})"]


def test_a_french_label_that_is_not_text_is_an_error(root: Path) -> None:
    path = root / "templates" / "strings" / "labels.fr.yml"
    text = path.read_text(encoding="utf-8").replace("  doctoral: Doctorat (Ph. D.)\n", "  doctoral: [Doctorat]\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  doctoral: [Doctorat]") + 1
    assert [str(e) for e in RulesTables(root).check_language("fr")] == [
        f"templates/strings/labels.fr.yml:{line}: `education.doctoral` must be text"]

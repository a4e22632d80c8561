"""The calculator's own rule data rendered into pages, so the two cannot disagree: generated tables, and the
notices of calculator/data/meta.json (the same ones the calculator shows as warnings), in the page's language.

The engine gives the tables in keys and numbers (``calculator.criteria_tables``); the words are the engine's
English (calculator/data/tables.json, labels.json, meta.json) or a translation in templates/strings/
(``tables.<language>.yml``, ``labels.<language>.yml``, ``notices.<language>.yml``). A translation that lacks
a word the pages need is a ``path:line`` build error, raised when a page of that language shows a table or the
notices (``check_language`` lists them all at once).
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from .errors import BuildError, BuildFailed, display_path
from .markdown import scroll_region
from .strings import REFERENCE_LANGUAGE, engine_words
from .yamlfile import InvalidYaml, load_mapping

ROOT = Path(__file__).resolve().parent.parent  # the checkout: calculator/ and templates/strings/ are here
NOTICE_FIELDS = ("message", "title", "text", "details_title", "details")


class RulesTables:
    """The engine's rules data as page HTML, read from calculator/ once and kept in the build cache
    (``BuildCache.forget_engine`` drops it after an edit under calculator/)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or ROOT
        self._tables: dict[str, dict] | None = None
        self._rules: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None = None
        self._words: dict[str, Any] = {}  # language -> TableWords, or the BuildFailed its words raised
        self._notices: dict[str, Any] = {}  # language -> {notice id: words}, or the BuildFailed

    def tables(self) -> dict[str, dict]:
        """Every table in force today, in keys and numbers."""
        if self._tables is None:
            import calculator  # imported lazily: only pages that use a generated table pay for it

            self._tables = calculator.criteria_tables() if hasattr(calculator, "criteria_tables") else {}
        return self._tables

    def _rules_data(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        if self._rules is None:
            from calculator import rules

            self._rules = rules.META.get("notices", []), rules.SOURCES
        return self._rules

    def words(self, language: str = REFERENCE_LANGUAGE) -> Any:
        """The tables' words in ``language`` (a ``calculator.table_words.TableWords``).

        Raises BuildFailed (every missing word, with its ``path:line``) when the translation is incomplete."""
        return _cached(self._words, language, self._load_words)

    def _load_words(self, language: str) -> Any:
        from calculator import table_words

        from .formats import LOCALES, table_formats

        if language == REFERENCE_LANGUAGE:
            return table_words.english()
        errors: list[BuildError] = []
        if language not in LOCALES:
            errors.append(BuildError("sitegen/formats.py", 0, f"no number and date formats for `{language}`: add its "
                                                              "locale to LOCALES"))
        tables = labels = None
        try:
            tables = engine_words(self.root, "tables", language)
        except BuildFailed as exc:
            errors.extend(exc.errors)
        try:
            labels = engine_words(self.root, "labels", language)
        except BuildFailed as exc:
            errors.extend(exc.errors)
        notes = self._data_notes(language, errors)
        if tables is not None:
            errors.extend(self._check_phrases(language, tables))
        if labels is not None:
            errors.extend(self._check_labels(language, labels))
        if errors:
            raise BuildFailed(errors)
        return table_words.TableWords(language, tables, labels, table_formats(language), notes)

    def _check_phrases(self, language: str, tables: dict[str, Any]) -> list[BuildError]:
        """Each phrase of the translation is text whose {names} the tables fill in: a name the English phrase does
        not have, or a stray brace, would only fail while rendering a page."""
        from calculator.rules import load_json

        path = self.root / "templates" / "strings" / f"tables.{language}.yml"
        shown, text = display_path(path, self.root), path.read_text(encoding="utf-8")
        english = {k: v for k, v in load_json("tables.json").items() if not k.startswith("_")}
        errors = []
        for key, reference in _leaves(english):
            value: Any = tables
            for part in key.split("."):
                value = value[part]
            if not isinstance(value, str):
                errors.append(BuildError(shown, _nested_line(text, key), f"`{key}` must be text"))
                continue
            given = _names(reference)
            try:
                used = _names(value)
            except ValueError:
                errors.append(BuildError(shown, _nested_line(text, key), f"`{key}` has a stray {{ or }}"))
                continue
            if used - given:
                known = ", ".join(f"{{{n}}}" for n in sorted(given)) or "none"
                errors.append(BuildError(shown, _nested_line(text, key), f"`{key}` uses "
                                         f"{', '.join(f'{{{n}}}' for n in sorted(used - given))}, which the table "
                                         f"does not give (it gives: {known})"))
        return errors

    def _check_labels(self, language: str, labels: dict[str, Any]) -> list[BuildError]:
        """Each label the English file has as text is text in the translation too."""
        from calculator.rules import LABELS

        path = self.root / "templates" / "strings" / f"labels.{language}.yml"
        shown, text = display_path(path, self.root), path.read_text(encoding="utf-8")
        errors = []
        for key, _ in _leaves({k: v for k, v in LABELS.items() if not k.startswith("_")}):
            value: Any = labels
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if not isinstance(value, str) or not value.strip():
                errors.append(BuildError(shown, _nested_line(text, key), f"`{key}` must be text"))
        return errors

    def _data_notes(self, language: str, errors: list[BuildError]) -> dict[str, str]:
        """The translation's ``data_notes``: the words of every note written in the rules data, by its id
        (checked even when other keys are missing, so that one build lists every problem)."""
        from calculator.table_words import all_data_notes

        path = self.root / "templates" / "strings" / f"tables.{language}.yml"
        shown = display_path(path, self.root)
        try:
            text = path.read_text(encoding="utf-8")
            notes = load_mapping(text, shown).values.get("data_notes")
        except (OSError, UnicodeDecodeError, InvalidYaml):
            return {}  # engine_words has said what is wrong with the file
        notes = notes if isinstance(notes, dict) else {}
        where = _line_of(text, "data_notes")
        for note_id, english in all_data_notes().items():
            if not isinstance(notes.get(note_id), str) or not notes[note_id].strip():
                errors.append(BuildError(shown, where, f"`data_notes.{note_id}` is missing: the words for the "
                                                       f"rules data's note \u201c{english[:60]}\u2026\u201d"))
        return notes

    def render_table(self, name: str, language: str = REFERENCE_LANGUAGE) -> str | None:
        """HTML for the named table in ``language``, or None when no such table exists."""
        table = self.tables().get(name)
        return table_html(table, self.words(language), self._sources_by_url()) if table else None

    def _sources_by_url(self) -> dict[str, dict[str, Any]]:
        """Each official page's entry in sources.json, by its URL (for its other-language title and URL)."""
        return {entry["url"]: entry for entry in self._rules_data()[1].values() if isinstance(entry, dict)}

    def notices_in_force(self, today: date | None = None) -> list[dict[str, Any]]:
        """The notices with words for pages whose date has come (the build date by default)."""
        day = (today or date.today()).isoformat()
        return [n for n in self._rules_data()[0] if "page" in n and n["from"] <= day]

    def notice_words(self, language: str) -> dict[str, dict[str, Any]]:
        """{notice id: {message, title, text, details_title, details}} in ``language``.

        Raises BuildFailed when a notice of meta.json lacks its words in templates/strings/notices.<language>.yml
        (every notice with words for pages, in force or not: a notice's date must not break a build later)."""
        return _cached(self._notices, language, self._load_notices)

    def _load_notices(self, language: str) -> dict[str, dict[str, Any]]:
        notices, sources = self._rules_data()
        if language == REFERENCE_LANGUAGE:
            return {n["id"]: {"message": n["message"], **n["page"]} for n in notices if "page" in n}
        path = self.root / "templates" / "strings" / f"notices.{language}.yml"
        shown = display_path(path, self.root)
        try:
            mapping = load_mapping(path.read_text(encoding="utf-8"), shown)
        except FileNotFoundError:
            if not any("page" in n for n in notices):
                return {}
            why = f"no words for the rule-change notices in `{language}`: each notice of meta.json needs them here"
            raise BuildFailed([BuildError(shown, 0, why)]) from None
        except InvalidYaml as exc:
            raise BuildFailed([exc.error]) from None
        errors, out = [], {}
        for notice in notices:
            if "page" not in notice:
                continue
            nid = notice["id"]
            words = mapping.values.get(nid)
            line = mapping.line_of(nid)
            if not isinstance(words, dict):
                errors.append(BuildError(shown, line, f"`{nid}` is missing: every notice of calculator/data/"
                                                      f"meta.json needs its words here ({', '.join(NOTICE_FIELDS)})"))
                continue
            for field in NOTICE_FIELDS:
                value = words.get(field)
                english = notice["message"] if field == "message" else notice["page"].get(field)
                if field == "details":
                    if not isinstance(value, list) or len(value) != len(english or []) or \
                            not all(isinstance(v, str) and v.strip() for v in value):
                        errors.append(BuildError(shown, line, f"`{nid}.details` must list {len(english or [])} "
                                                              "items, like the notice's details in meta.json"))
                elif english is not None and (not isinstance(value, str) or not value.strip()):
                    errors.append(BuildError(shown, line, f"`{nid}.{field}` is missing"))
            for field in ("text", "details"):
                texts = words.get(field)
                for text in texts if isinstance(texts, list) else [texts]:
                    for key in _SOURCE_LINK.findall(text) if isinstance(text, str) else []:
                        if key[1] not in sources:
                            errors.append(BuildError(shown, line, f"`{nid}.{field}` links to `{key[1]}`, which "
                                                                  "is not an entry of calculator/data/sources.json"))
            out[nid] = words
        if errors:
            raise BuildFailed(errors)
        return out

    def check_language(self, language: str) -> list[BuildError]:
        """Every problem with ``language``'s words for the tables and notices (none for English)."""
        errors = []
        for load in (self.words, self.notice_words):
            try:
                load(language)
            except BuildFailed as exc:
                errors.extend(exc.errors)
        return errors

    def render_notices(self, language: str = REFERENCE_LANGUAGE, today: date | None = None) -> str:
        """HTML for every notice in force: "" when there is none, so a page's ```notices block simply vanishes."""
        in_force = self.notices_in_force(today)
        if not in_force:
            return ""
        words = self.notice_words(language)
        table_words = self.words(language)
        sources = self._rules_data()[1]
        html = []
        for notice in in_force:
            page = words[notice["id"]]
            details = "".join(f"<li>{_with_source_links(d, sources, table_words)}</li>"
                              for d in page.get("details", []))
            html.append(
                f'<div class="markdown-alert markdown-alert-warning notice" id="notice-{escape(notice["id"])}">\n'
                f'<p class="markdown-alert-title">{escape(page["title"])}</p>\n'
                f"<p>{_with_source_links(page['text'], sources, table_words)}</p>\n"
                + (f"<details><summary>{escape(page['details_title'])}</summary><ul>{details}</ul></details>\n"
                   if details else "")
                + "</div>\n"
            )
        return "".join(html)


def _cached(store: dict[str, Any], language: str, load: Any) -> Any:
    """``load(language)``, once: a result or its BuildFailed is kept in ``store``, so an incomplete translation is
    read and reported once per build, not once per page that shows a table."""
    if language not in store:
        try:
            store[language] = load(language)
        except BuildFailed as exc:
            store[language] = exc
    found = store[language]
    if isinstance(found, BuildFailed):
        raise BuildFailed(found.errors)
    return found


_SOURCE_LINK = re.compile(r"\[([^\]]+)\]\(([A-Za-z0-9_-]+)\)")


def _leaves(words: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """(dotted key, text) of every phrase of a words file."""
    out = []
    for key, value in words.items():
        if isinstance(value, dict):
            out.extend(_leaves(value, f"{prefix}{key}."))
        elif isinstance(value, str):
            out.append((prefix + key, value))
    return out


def _names(phrase: str) -> set[str]:
    """The {names} of a phrase (ValueError for a stray brace)."""
    import string

    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name is not None}


def _nested_line(text: str, dotted: str) -> int:
    """The line of a nested ``a.b`` key in a YAML file's text: ``b:`` under ``a:`` (0 when not found)."""
    lines, at, depth = text.splitlines(), 0, 0
    for part in dotted.split("."):
        pattern = re.compile(rf"^{' ' * depth}[\"']?{re.escape(part)}[\"']?\s*:")
        at = next((i for i in range(at, len(lines)) if pattern.match(lines[i])), -1)
        if at < 0:
            return 0
        depth += 2
    return at + 1


def _line_of(text: str, key: str) -> int:
    """The line of ``key:`` in a YAML file's text (0 when it is not there)."""
    match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _link(url: str, words_html: str, entry: dict[str, Any] | None, words: Any, english_words: bool = False) -> str:
    """A link to an official page, in the page's language when the source has a page in it; otherwise to the
    English page, said so after the link ("(en anglais)") and marked ``hreflang="en"`` (and ``lang="en"`` when
    ``english_words``: the link's own words are the English title)."""
    language = words.language
    if language == REFERENCE_LANGUAGE:
        return f'<a href="{escape(url)}">{words_html}</a>'
    other = (entry or {}).get(f"url_{language}")
    if other:
        return f'<a href="{escape(other)}">{words_html}</a>'
    lang = ' lang="en"' if english_words else ""
    link = f'<a href="{escape(url)}" hreflang="en"{lang}>{words_html}</a>'
    return escape(words.phrase("page.source_in_english")).replace("{title}", link)


def _with_source_links(text: str, sources: dict[str, dict[str, Any]], words: Any) -> str:
    """Escape ``text`` and turn ``[words](source-key)`` into a link to that source's official page."""
    out, end = [], 0
    for match in _SOURCE_LINK.finditer(text):
        out.append(escape(text[end:match.start()]))
        entry = sources[match.group(2)]
        out.append(_link(entry["url"], escape(match.group(1)), entry, words))
        end = match.end()
    out.append(escape(text[end:]))
    return "".join(out)


def _cell(tag: str, value: str | dict[str, str], scope: str = "") -> str:
    """One cell; words in another language than the page's keep their ``lang``."""
    attrs = f' scope="{scope}"' if scope else ""
    if isinstance(value, dict):
        return f'<{tag}{attrs} lang="{escape(value["lang"])}">{escape(value["text"])}</{tag}>'
    return f"<{tag}{attrs}>{escape(value)}</{tag}>"


def table_html(table: dict, words: Any = None, by_url: dict[str, dict[str, Any]] | None = None) -> str:
    """HTML for one generated table (``calculator.criteria_tables``, in keys and numbers) in ``words`` (a
    ``calculator.table_words.TableWords``; English by default). ``by_url``: the sources.json entries by URL,
    for a source's page in the words' language."""
    if words is None:
        from calculator.table_words import english

        words = english()
    shown = words.table(table, keep_lang=True)
    head = "".join(_cell("th", c, "col") for c in shown["columns"])
    body = "".join(
        "<tr>" + "".join(_cell("th", c, "row") if i == 0 else _cell("td", c) for i, c in enumerate(row)) + "</tr>"
        for row in shown["rows"]
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in shown["notes"])
    by_url = by_url or {}
    links = []
    for source in shown["sources"]:
        if source.get("url"):
            entry = by_url.get(source["url"])
            title = _source_title(source, entry, words.language)
            links.append(_link(source["url"], escape(title), entry, words, english_words=title == source["title"]))
    sources = words.phrase("page.sources_separator").join(links)
    when = escape(words.formats.date(shown["effective_from"]))
    footer = (escape(words.phrase("page.in_force_sources")).replace("{date}", when).replace("{sources}", sources)
              if sources else escape(words.phrase("page.in_force")).replace("{date}", when))
    notes_html = f'<ul class="table-notes">{notes}</ul>' if notes else ""
    return (
        '<div class="table-wrap generated-table">'
        + scroll_region(f'<table><caption>{escape(shown["title"])}</caption>'
                        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", label=shown["title"])
        + f'{notes_html}<p class="table-meta">{footer}</p></div>\n'
    )


def _source_title(source: dict[str, Any], entry: dict[str, Any] | None, language: str) -> str:
    """A source's title in ``language`` when sources.json gives one (``title_<language>``), else as written."""
    if language != REFERENCE_LANGUAGE and entry and entry.get(f"title_{language}"):
        return entry[f"title_{language}"]
    return source["title"]

"""The calculator's own rule data rendered into pages, so the two cannot disagree: generated tables, and the
notices of calculator/data/meta.json (the same ones the calculator shows as warnings)."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any

from .markdown import scroll_region


class RulesTables:
    """The engine's rules data as page HTML, read from calculator/ once and kept in the build cache
    (``BuildCache.forget_engine`` drops it after an edit under calculator/)."""

    def __init__(self) -> None:
        self._tables: dict[str, dict] | None = None
        self._rules: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None = None

    def tables(self) -> dict[str, dict]:
        if self._tables is None:
            import calculator  # imported lazily: only pages that use a generated table pay for it

            self._tables = calculator.criteria_tables() if hasattr(calculator, "criteria_tables") else {}
        return self._tables

    def _rules_data(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        if self._rules is None:
            from calculator import rules

            self._rules = rules.META.get("notices", []), rules.SOURCES
        return self._rules

    def render_table(self, name: str, language: str = "en") -> str | None:
        """HTML for the named table, or None when no such table exists."""
        table = self.tables().get(name)
        return table_html(table) if table else None

    def notices_in_force(self, today: date | None = None) -> list[dict[str, Any]]:
        """The notices with words for pages whose date has come (the build date by default)."""
        day = (today or date.today()).isoformat()
        return [n for n in self._rules_data()[0] if "page" in n and n["from"] <= day]

    def render_notices(self, today: date | None = None, language: str = "en") -> str:
        """HTML for every notice in force: "" when there is none, so a page's ```notices block simply vanishes."""
        sources = self._rules_data()[1]
        html = []
        for notice in self.notices_in_force(today):
            page = notice["page"]
            details = "".join(f"<li>{_with_source_links(d, sources)}</li>" for d in page.get("details", []))
            html.append(
                f'<div class="markdown-alert markdown-alert-warning notice" id="notice-{escape(notice["id"])}">\n'
                f'<p class="markdown-alert-title">{escape(page["title"])}</p>\n'
                f"<p>{_with_source_links(page['text'], sources)}</p>\n"
                + (f"<details><summary>{escape(page['details_title'])}</summary><ul>{details}</ul></details>\n"
                   if details else "")
                + "</div>\n"
            )
        return "".join(html)


_SOURCE_LINK = re.compile(r"\[([^\]]+)\]\(([A-Za-z0-9_-]+)\)")


def _with_source_links(text: str, sources: dict[str, dict[str, Any]]) -> str:
    """Escape ``text`` and turn ``[words](source-key)`` into a link to that source's official page."""
    out, end = [], 0
    for match in _SOURCE_LINK.finditer(text):
        out.append(escape(text[end:match.start()]))
        out.append(f'<a href="{escape(sources[match.group(2)]["url"])}">{escape(match.group(1))}</a>')
        end = match.end()
    out.append(escape(text[end:]))
    return "".join(out)


def table_html(table: dict) -> str:
    """HTML for one generated table (see calculator.criteria_tables)."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table["columns"])
    body = "".join(
        "<tr>"
        + "".join(
            (f'<th scope="row">{escape(str(cell))}</th>' if i == 0 else f"<td>{escape(str(cell))}</td>")
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in table["rows"]
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in table.get("notes", []))
    sources = ", ".join(
        f'<a href="{escape(s["url"])}">{escape(s["title"])}</a>' for s in table.get("sources", []) if s.get("url")
    )
    footer = f'<p class="table-meta">In force from {escape(table["effective_from"])}'
    footer += f". Source: {sources}</p>" if sources else ".</p>"
    notes_html = f'<ul class="table-notes">{notes}</ul>' if notes else ""
    return (
        '<div class="table-wrap generated-table">'
        + scroll_region(f'<table><caption>{escape(table["title"])}</caption>'
                        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", label=table["title"])
        + f"{notes_html}{footer}</div>\n"
    )

"""Generated tables: the calculator's own rule data, rendered into pages (so the two cannot disagree)."""

from __future__ import annotations

from functools import cache

from .markdown import table_html


@cache
def _tables() -> dict[str, dict]:
    import calculator  # imported lazily: only pages that use a generated table pay for it

    return calculator.criteria_tables() if hasattr(calculator, "criteria_tables") else {}


def render_table(name: str) -> str | None:
    """HTML for the named table, or None when no such table exists."""
    table = _tables().get(name)
    return table_html(table) if table else None


def forget() -> None:
    """Drop the tables read so far (the dev server calls this after an edit to the engine's data)."""
    _tables.cache_clear()

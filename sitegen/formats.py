"""Numbers, money and dates in each language's conventions, for the engine's tables and notices.

English keeps the tables' own formats (``calculator.table_words.ENGLISH_FORMATS``: "600", "$15,263", ISO dates),
so the English pages read as they always have. Other languages use Babel (CLDR's data) rather than hand-written
month names and separators: French-Canadian "1 234", "15 263 $", "3 décembre 2026" (and "1er janvier 2015").
"""

from __future__ import annotations

from datetime import date

from calculator.table_words import ENGLISH_FORMATS, Formats

from .strings import day_text

LOCALES = {"fr": "fr_CA"}
NBSP = "\u00a0"  # between an amount and its "$", so that a line never breaks there


def table_formats(language: str) -> Formats:
    """The formats of ``language`` ("en", "fr").

    Raises KeyError for a language without a locale here."""
    if language == "en":
        return ENGLISH_FORMATS
    from babel.numbers import format_currency, format_decimal

    locale = LOCALES[language]

    def number(x: float, digits: int) -> str:
        return format_decimal(x if digits else int(x), format="#,##0" + ("." + "0" * digits if digits else ""),
                              locale=locale)

    def money(amount: int) -> str:
        return format_currency(amount, "CAD", format=f"#,##0{NBSP}¤", currency_digits=False, locale=locale)

    def day(iso: str) -> str:
        return day_text(date.fromisoformat(iso), "long", locale)

    return Formats(number, money, day)

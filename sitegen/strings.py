"""Interface words: one YAML file per language under ``templates/strings/``, so a French edition is a
translation of files, not an edit of templates or Python. A translation must carry every key of the
English file; a missing one is a ``path:line`` error at build time, not a crash while rendering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import BuildError, BuildFailed, display_path
from .yamlfile import InvalidYaml, load_mapping

REFERENCE_LANGUAGE = "en"


def load_strings(strings_dir: Path, prefix: str, language: str, root: Path) -> dict[str, Any]:
    """``strings_dir/<prefix><language>.yml`` (prefix "" or e.g. "calculator."), checked against English."""
    path = strings_dir / f"{prefix}{language}.yml"
    shown = display_path(path, root)
    mapping = _read(path, shown, f"no interface strings for language `{language}`")
    locale = mapping.values.get("locale")
    if locale is not None:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(str(locale))
        except (UnknownLocaleError, ValueError):
            raise BuildFailed([BuildError(shown, mapping.line_of("locale"), f"`locale` {locale} is not a locale "
                                          "Babel knows (CLDR codes such as en_CA, fr_CA)")]) from None
    if language != REFERENCE_LANGUAGE:
        reference = load_strings(strings_dir, prefix, REFERENCE_LANGUAGE, root)
        _check_complete(reference, mapping, shown, display_path(strings_dir / f"{prefix}{REFERENCE_LANGUAGE}.yml",
                                                                root))
    return mapping.values


def _read(path: Path, shown: str, if_missing: str) -> Any:
    """A strings file's mapping (with its lines); a missing, non-UTF-8 or broken file is a path:line error."""
    try:
        return load_mapping(path.read_text(encoding="utf-8"), shown)
    except FileNotFoundError:
        raise BuildFailed([BuildError(shown, 0, if_missing)]) from None
    except UnicodeDecodeError as exc:
        raise BuildFailed([BuildError(shown, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except InvalidYaml as exc:
        raise BuildFailed([exc.error]) from None


def _check_complete(reference: dict[str, Any], mapping: Any, shown: str, shown_reference: str) -> None:
    """Every key of ``reference`` must be in the translation ``mapping``: each one missing is a path:line error."""
    errors = [
        BuildError(shown, mapping.line_of(key.split(".")[0]),
                   f"`{key}` is missing: every key of {shown_reference} needs a translation here")
        for key in _missing(reference, mapping.values, "")
    ]
    if errors:
        raise BuildFailed(errors)


def _missing(reference: dict[str, Any], translated: Any, prefix: str) -> Iterator[str]:
    for key, value in reference.items():
        if not isinstance(translated, dict) or key not in translated:
            yield prefix + key
        elif isinstance(value, dict):
            yield from _missing(value, translated[key], f"{prefix}{key}.")


def _locale(strings: dict[str, Any]) -> str:
    return strings.get("locale", REFERENCE_LANGUAGE)


def day_text(d: date, pattern: str, locale: str) -> str:
    """``d`` by the CLDR ``pattern`` in ``locale``; in French the first of the month is an ordinal, "1er janvier
    2026", which CLDR's patterns do not write. The pages, the charts and the engine's tables (sitegen.formats) all
    come here; calculator.mjs (``day``) does the same in the browser."""
    from babel.dates import format_date

    text = format_date(d, pattern, locale=locale)
    if d.day == 1 and locale.startswith("fr"):
        text = re.sub(r"(?<!\d)1(?!\d)", "1er", text, count=1)
    return text


def format_date(d: date, strings: dict[str, Any]) -> str:
    """A date by the CLDR pattern ``strings["dates"]["date"]`` in ``strings["locale"]``: "7 August 2026",
    "7 août 2026", "1er août 2026". Babel has every language's month names, so a translation picks a pattern,
    not words."""
    return day_text(d, strings["dates"]["date"], _locale(strings))


def format_number(n: int, strings: dict[str, Any]) -> str:
    """A count in the language's own way: "12,345" in English, "12 345" (no-break space) in French."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_locale(strings))


def format_money(n: int, strings: dict[str, Any]) -> str:
    """Canadian dollars, whole: "$15,263" in English, "15 263 $" in French (the pattern is the language's own)."""
    from babel.numbers import format_currency

    return format_currency(n, "CAD", format=strings["money"], locale=_locale(strings), currency_digits=False)


def format_datetime(dt: datetime, strings: dict[str, Any]) -> str:
    """A UTC time as "7 August 2026 at 14:55:49 UTC" (in English), "7 août 2026 à 14 h 55 min 49 s (UTC)" (in
    French)."""
    from babel.dates import format_time

    words = strings["dates"]
    # A no-break space after each number: a narrow column may break a French time between its parts, never
    # between a number and its unit ("1 h" / "46 min" / "05 s").
    time = re.sub(r"(\d) ", "\\1\u00a0", format_time(dt.time(), words["time"], locale=_locale(strings)))
    return words["datetime"].format(date=format_date(dt.date(), strings), time=time)


def round_label(item: Any, strings: dict[str, Any], short: bool = False) -> str:
    """A round type's name in the page's language: ``strings["round_types"][key]`` (``label`` or ``short``) for
    the known types; a type no keyword matched ("other") is shown as IRCC wrote it. ``item`` is a Category or a
    Round; English, which has no ``round_types``, keeps the names of ``sitegen/draws/categories.py``."""
    category = getattr(item, "category_info", item)
    words = strings.get("round_types", {}).get(category.key)
    if words is None or category.key == "other":
        return category.short if short else category.label
    return words["short" if short else "label"]


def engine_words(root: Path, kind: str, language: str) -> dict[str, Any]:
    """The words for the engine's codes and keys of one kind (``labels``, ``messages``, ``tables``...).

    English is the engine's own file, ``calculator/data/<kind>.json``: the command line and ``score_json`` speak
    it, so it is kept once, where the standard-library engine can read it. Another language is
    ``templates/strings/<kind>.<language>.yml``, which must carry every key of the English file (``path:line``
    error otherwise). Keys starting with ``_`` (comments) are not words.
    """
    import json

    english = {k: v for k, v in json.loads((root / "calculator" / "data" / f"{kind}.json").read_text("utf-8")).items()
               if not k.startswith("_")}
    if language == REFERENCE_LANGUAGE:
        return english
    path = root / "templates" / "strings" / f"{kind}.{language}.yml"
    shown = display_path(path, root)
    mapping = _read(path, shown, f"no words for the calculator's {kind} in `{language}`")
    _check_complete(english, mapping, shown, f"calculator/data/{kind}.json")
    return mapping.values

"""Interface words: one YAML file per language under ``templates/strings/``, so a French edition is a
translation of files, not an edit of templates or Python. A translation must carry every key of the
English file; a missing one is a ``path:line`` error at build time, not a crash while rendering."""

from __future__ import annotations

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
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"), shown)
    except FileNotFoundError:
        raise BuildFailed([BuildError(shown, 0, f"no interface strings for language `{language}`")]) from None
    except UnicodeDecodeError as exc:
        raise BuildFailed([BuildError(shown, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except InvalidYaml as exc:
        raise BuildFailed([exc.error]) from None
    dates = mapping.values.get("dates")
    months = dates.get("months") if isinstance(dates, dict) else None
    if months is not None and (not isinstance(months, list) or len(months) != 12):
        raise BuildFailed([BuildError(shown, mapping.line_of("dates"), "`dates.months` must list the 12 months")])
    if language != REFERENCE_LANGUAGE:
        reference = load_strings(strings_dir, prefix, REFERENCE_LANGUAGE, root)
        shown_reference = display_path(strings_dir / f"{prefix}{REFERENCE_LANGUAGE}.yml", root)
        errors = [
            BuildError(shown, mapping.line_of(key.split(".")[0]),
                       f"`{key}` is missing: every key of {shown_reference} needs a translation here")
            for key in _missing(reference, mapping.values, "")
        ]
        if errors:
            raise BuildFailed(errors)
    return mapping.values


def _missing(reference: dict[str, Any], translated: Any, prefix: str) -> Iterator[str]:
    for key, value in reference.items():
        if not isinstance(translated, dict) or key not in translated:
            yield prefix + key
        elif isinstance(value, dict):
            yield from _missing(value, translated[key], f"{prefix}{key}.")


def format_date(d: date, strings: dict[str, Any]) -> str:
    """A date in the words of ``strings["dates"]``: "7 August 2026" in English, in every country alike."""
    words = strings["dates"]
    return words["date"].format(day=d.day, month=words["months"][d.month - 1], year=d.year)


def format_number(n: int, strings: dict[str, Any]) -> str:
    """A count as ``strings["number"]`` writes it: "12,345" in English."""
    return strings["number"].format(n)


def format_datetime(dt: datetime, strings: dict[str, Any]) -> str:
    """A UTC time as "7 August 2026 at 14:55:49 UTC" (in English)."""
    return strings["dates"]["datetime"].format(date=format_date(dt.date(), strings), time=f"{dt:%H:%M:%S}")


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
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"), shown)
    except FileNotFoundError:
        raise BuildFailed([BuildError(shown, 0, f"no words for the calculator's {kind} in `{language}`")]) from None
    except InvalidYaml as exc:
        raise BuildFailed([exc.error]) from None
    errors = [
        BuildError(shown, mapping.line_of(key.split(".")[0]),
                   f"`{key}` is missing: every key of calculator/data/{kind}.json needs a translation here")
        for key in _missing(english, mapping.values, "")
    ]
    if errors:
        raise BuildFailed(errors)
    return mapping.values

"""YAML with line numbers, so every complaint about a value can point at its line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from .errors import BuildError
from .limits import TOO_DEEP, too_deep


class InvalidYaml(Exception):
    """The text is not YAML, or not a mapping; ``error`` says where."""

    def __init__(self, error: BuildError) -> None:
        self.error = error
        super().__init__(str(error))


@dataclass
class YamlMapping:
    """A parsed YAML mapping plus the 1-based line of each top-level key."""

    values: dict[str, Any]
    lines: dict[str, int]
    start_line: int

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.start_line)


def load_mapping(text: str, path: str, first_line: int = 1) -> YamlMapping:
    """Parse ``text`` (which starts at ``first_line`` of ``path``) as a YAML mapping.

    Raises ``BuildError`` for a syntax error or a document that is not a mapping.
    """
    try:
        loader = _FAST(text)  # one pass: the node tree gives the key lines, then the values are built from it
        try:
            node = loader.get_single_node()
            values = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError:
        node, values = _slow_load(text, path, first_line)
    except RecursionError:  # the parser recurses once per level
        raise InvalidYaml(BuildError(path, first_line, TOO_DEEP)) from None
    if values is None:
        return YamlMapping({}, {}, first_line)
    if not isinstance(node, yaml.MappingNode) or not isinstance(values, dict):
        raise InvalidYaml(BuildError(path, first_line, "expected a mapping of `key: value` lines"))
    if too_deep(values):  # parsed, but deep enough to break what walks it later (Jinja, pickling)
        raise InvalidYaml(BuildError(path, first_line, TOO_DEEP))
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key, line = str(key_node.value), first_line + key_node.start_mark.line
        if key in lines:  # YAML would keep the last one silently
            raise InvalidYaml(BuildError(path, line, f"`{key}` is given twice (first on line {lines[key]})"))
        lines[key] = line
    return YamlMapping({str(k): v for k, v in values.items()}, lines, first_line)


_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~20x faster than the pure-Python parser


def _slow_load(text: str, path: str, first_line: int) -> tuple[Any, Any]:
    """The pure-Python loader, whose error messages editors see (libyaml words them differently)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except RecursionError:
        raise InvalidYaml(BuildError(path, first_line, TOO_DEEP)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise InvalidYaml(BuildError(path, line, f"invalid YAML: {problem}")) from None


# A field checker takes the raw value and returns the clean value, or raises ValueError with the
# sentence an editor needs ("must be a date like 2026-11-24").
Checker = Callable[[Any], Any]


def check_fields(
    mapping: YamlMapping, required: dict[str, Checker], optional: dict[str, Checker], path: str
) -> tuple[dict[str, Any], list[BuildError]]:
    """Check a mapping against its allowed keys; unknown keys are errors, not silently ignored."""
    clean: dict[str, Any] = {}
    errors: list[BuildError] = []
    allowed = {**required, **optional}
    for key, value in mapping.values.items():
        checker = allowed.get(key)
        if checker is None:
            hint = ", ".join(sorted(allowed))
            errors.append(BuildError(path, mapping.line_of(key), f"unknown key `{key}` (allowed: {hint})"))
            continue
        try:
            clean[key] = checker(value)
        except ValueError as exc:
            errors.append(BuildError(path, mapping.line_of(key), f"`{key}` {exc}"))
    for key in required:
        if key not in mapping.values:
            errors.append(BuildError(path, mapping.start_line, f"missing required key `{key}`"))
    return clean, errors


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be non-empty text")
    return value.strip()


def optional_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value.strip()


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def iso_date(value: Any) -> date:
    # YAML already turns 2026-11-24 into a date; a quoted string is accepted too.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("must be a date like 2026-11-24")


def web_url(value: Any) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^\s/$.?#].[^\s]*$", value.strip()):
        raise ValueError("must be a full address starting with https://")
    return value.strip()

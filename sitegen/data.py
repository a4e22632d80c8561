"""Data files in content/data/: checked like pages, offered to templates as ``data``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import BuildError, BuildFailed, display_path
from .limits import MAX_DATA_BYTES, TOO_DEEP, size_error, too_deep

if TYPE_CHECKING:  # update-draws imports this module for ROUNDS_FILE: no Jinja2 or Markdown for it
    from .build_cache import BuildCache

ROUNDS_FILE = "ee_rounds_123_en.json"


def load_data(data_dir: Path, root: Path, cache: BuildCache) -> tuple[dict[str, Any], list[BuildError]]:
    """Every file in ``data_dir``, each parsed once per change (``cache``)."""
    data: dict[str, Any] = {}
    errors: list[BuildError] = []
    if not data_dir.is_dir():
        return data, errors
    for path in sorted(data_dir.iterdir()):
        shown = display_path(path, root)
        try:
            if path.name == ROUNDS_FILE:
                from .draws import load_rounds

                data["rounds"] = cache.data(path, shown, load_rounds)
            elif path.suffix in (".json", ".yml", ".yaml") and (big := size_error(path, shown, MAX_DATA_BYTES,
                                                                                    "a data file")):
                errors.append(big)
            elif path.suffix == ".json":
                data[path.stem] = cache.data(path, shown, _json)
            elif path.suffix in (".yml", ".yaml"):
                data[path.stem] = cache.data(path, shown, _yaml)
            elif not path.name.startswith(".") and path.name != "README.md":
                errors.append(BuildError(shown, 0, "unknown kind of data file (use .json or .yml)"))
        except BuildFailed as exc:
            errors.extend(exc.errors)
        except UnicodeDecodeError as exc:
            errors.append(BuildError(shown, 0, f"is not UTF-8 text ({exc.reason})"))
    return data, errors


def _json(path: Path, shown: str) -> Any:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BuildFailed([BuildError(shown, exc.lineno, f"invalid JSON: {exc.msg}")]) from None
    except RecursionError:  # the parser recurses once per level
        raise BuildFailed([BuildError(shown, 1, TOO_DEEP)]) from None
    return _shallow(value, shown)


def _yaml(path: Path, shown: str) -> Any:
    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise BuildFailed([BuildError(shown, line, f"invalid YAML: {exc.problem}")]) from None
    except RecursionError:
        raise BuildFailed([BuildError(shown, 1, TOO_DEEP)]) from None
    return _shallow(value, shown)


def _shallow(value: Any, shown: str) -> Any:
    """``value``, unless it nests deep enough to break what walks it later (templates, pickling to workers)."""
    if too_deep(value):
        raise BuildFailed([BuildError(shown, 1, TOO_DEEP)])
    return value

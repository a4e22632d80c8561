"""What one build keeps for the next in the same process: the dev server owns a `BuildCache` and passes it in.

A one-off build makes a fresh one, so nothing outlives a build but what the caller chose to keep.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .tables import RulesTables

if TYPE_CHECKING:
    from .errors import BuildError
    from .pages import Page

Stamp = tuple[int, int]  # (mtime_ns, size) of a file: a change to either means reading it again


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled templates: a rebuild while serving skips recompiling unchanged templates."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class BuildCache:
    """Parsed pages and data files by file stamp, compiled templates, and the engine's rules tables."""

    def __init__(self) -> None:
        self.rules = RulesTables()
        self.templates = TemplateBytecode()
        self._pages: dict[str, tuple[Stamp, Page | None, list[BuildError]]] = {}
        self._data: dict[tuple[Path, str], tuple[Stamp, Any]] = {}

    def page(self, rel_path: str, stamp: Stamp) -> tuple[Page | None, list[BuildError]] | None:
        """The page parsed before from the same file, if it has not changed since (the parse depends on
        nothing else: not on the base URL, which the renderer applies)."""
        entry = self._pages.get(rel_path)
        return (entry[1], entry[2]) if entry and entry[0] == stamp else None

    def keep_page(self, rel_path: str, stamp: Stamp, result: tuple[Page | None, list[BuildError]]) -> None:
        self._pages[rel_path] = (stamp, *result)

    def data(self, path: Path, shown: str, parse: Any) -> Any:
        """A data file parsed once per change: a rebuild while serving skips re-parsing the rounds feed."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        hit = self._data.get((path, shown))
        if hit and hit[0] == stamp:
            return hit[1]
        value = parse(path, shown)
        self._data[(path, shown)] = (stamp, value)
        return value

    def forget_engine(self) -> None:
        """After an edit under calculator/: import it afresh, as its rules data feeds the generated tables and
        notices, and parse every page again (any may show a table)."""
        for name in [n for n in sys.modules if n == "calculator" or n.startswith("calculator.")]:
            del sys.modules[name]
        self.rules = RulesTables()
        self._pages.clear()

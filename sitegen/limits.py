"""Limits on what the build reads, so hostile or broken input ends in a `path:line` error, not a traceback.

A 66 MB page took 107 s and 6.7 GB of memory; YAML or JSON nested 100,000 deep exhausted Python's stack
(RecursionError) in the parsers. Every limit here is far above anything real, so only a mistake or an attack
meets one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import BuildError

# The largest page in content/ is about 8 KB and the longest plausible guide page perhaps 100 KB: 1 MB is 125
# times the largest, and still builds in about 2 s.
MAX_PAGE_BYTES = 1_000_000
# Settings files (site.yml, strings, official-hosts.yml) are 2 KB or so; the same 1 MB limit as a page.
MAX_SETTINGS_BYTES = 1_000_000
# Data files other than the rounds feed are a few KB (the feed, 0.7 MB for 435 rounds, has its own limit in
# draws.MAX_FEED_BYTES); 10 MB leaves room for a data file as big as ten years of rounds.
MAX_DATA_BYTES = 10_000_000
# The deepest value in content/ is 3 levels (site.yml's nav); 50 levels is no real file, and well inside
# Python's recursion limit (1000) for everything that walks the value afterwards (Jinja, pickling to workers).
MAX_DEPTH = 50

TOO_DEEP = f"is nested too deeply (more than {MAX_DEPTH} levels of lists or mappings)"


def size_error(path: Path, shown: str, limit: int, what: str) -> BuildError | None:
    """An error when the file at ``path`` is over ``limit`` bytes (checked before anything reads it)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader reports a missing or unreadable file in its own words
    if size <= limit:
        return None
    return BuildError(shown, 1, f"is {size:,} bytes, over the {limit:,}-byte limit for {what} (sitegen/limits.py)")


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` nests lists or mappings more than ``limit`` levels, or refers to itself (YAML's
    `&a [*a]`). Walked without recursion; a list or mapping shared through YAML aliases is walked again only
    when reached deeper than before, so an alias "bomb" costs at most ``limit`` walks per node, not billions."""
    if not isinstance(value, (dict, list)):
        return False
    seen: dict[int, int] = {}
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if seen.get(id(item), 0) >= depth:
            continue
        seen[id(item)] = depth
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False

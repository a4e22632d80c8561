"""JSON with positions: the line of a round or one of its values, found only when an error needs it."""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_right
from collections import Counter
from typing import Any


def json_int(digits: str) -> int | str:
    """A JSON integer; one too long to be a count stays text, so its field's check refuses it by name
    (int() would raise for over 4,300 digits and stop the parse with no line)."""
    return int(digits) if len(digits) <= 18 else digits


class Members(dict):
    """A JSON object that remembers keys given twice (plain json keeps the last silently)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.duplicates: list[str] = []
        if len(self) != len(pairs):  # rare, so only then count
            self.duplicates = [k for k, n in Counter(k for k, _ in pairs).items() if n > 1]


class LineLocator:
    """Line numbers of the rounds and their values in the (already valid) JSON text, found on the first error.
    One pass records where each round starts, skipping each with the C decoder; a round's keys are walked only
    when an error in that round asks for one. A key gives the line of its last occurrence; no key gives the
    round's opening."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._keys: dict[int, dict[str, int]] = {}
        self._top: dict[str, int] = {}
        self._newlines = array("q")

    def line(self, index: int | None, key: str | None = None) -> int:
        if self._starts is None:
            self._index()
        assert self._starts is not None
        if index is None:
            pos = self._top.get(key or "", 0)
        else:
            start = self._starts[index]
            pos = self._keys_of(index).get(key, start) if key else start
        # A binary search in the newline offsets, not a count from the start: a feed with 100,000 bad rounds
        # would otherwise rescan the text 100,000 times.
        return bisect_right(self._newlines, pos - 1) + 1

    def _index(self) -> None:
        text = self.text
        self._starts = []
        self._newlines = array("q", (m.start() for m in re.finditer("\n", text)))
        pos = _skip_ws(text, 0)
        if text[pos] != "{":
            return
        self._top = _members(text, pos)
        rounds = self._top.get("rounds")
        if rounds is None or text[rounds] != "[":
            return
        pos = _skip_ws(text, rounds + 1)
        while text[pos] != "]":
            self._starts.append(pos)
            pos = _skip_ws(text, _DECODER.raw_decode(text, pos)[1])
            if text[pos] == ",":
                pos = _skip_ws(text, pos + 1)

    def _keys_of(self, index: int) -> dict[str, int]:
        assert self._starts is not None
        if index not in self._keys:
            start = self._starts[index]
            self._keys[index] = _members(self.text, start) if self.text[start] == "{" else {}
        return self._keys[index]


_DECODER = json.JSONDecoder(parse_int=json_int)  # the same numbers json.loads took above
_WS = re.compile(r"[ \t\n\r]*")


def _skip_ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()


def _members(text: str, pos: int) -> dict[str, int]:
    """Each key of the JSON object opening at ``pos`` with its value's position (the last one for a key given
    twice); the values themselves are skipped by the C decoder."""
    members: dict[str, int] = {}
    pos = _skip_ws(text, pos + 1)
    while text[pos] != "}":
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past ":"
        members[key] = pos
        pos = _skip_ws(text, _DECODER.raw_decode(text, pos)[1])
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return members

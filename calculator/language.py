"""Language test results: validate a raw score against the test's real scale, convert it to CLB/NCLC."""

from __future__ import annotations

from bisect import bisect_right

from .rules import ABILITIES, LANGUAGE, Rules

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

TESTS: dict[str, dict[str, Any]] = LANGUAGE["tests"]
TEST_NAMES = tuple(TESTS)
# Which official language each test measures: English tests and French tests cannot both be "first".
TEST_LANGUAGE: dict[str, str] = {k: v["language"] for k, v in TESTS.items()}
BELOW = -1.0  # value of tokens such as CELPIP "M": below every level


def _is_decimal(text: str) -> bool:
    """Digits with an optional decimal part, as score sheets print them ("7", "7.5"); no signs or exponents."""
    whole, dot, frac = text.partition(".")
    return whole.isascii() and whole.isdigit() and (not dot or (frac.isascii() and frac.isdigit()))


def _scale(scale: dict[str, float], tokens: tuple[str, ...]) -> dict[str, Any]:
    """A test's scale for one ability, as a message ("7 to 9 in steps of 0.5", with the tokens below it)."""
    step = scale["step"]
    params: dict[str, Any] = {"lo": scale["min"], "hi": scale["max"]}
    if step != 1:
        params["step"] = step
    if tokens:
        params["tokens"] = " or ".join(f'"{t}"' for t in tokens)
    code = ("scale_steps" if step != 1 else "scale_whole") + ("_tokens" if tokens else "")
    return {"code": code, "params": params}


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# (min, max, step) per test and ability, and the tokens below the scale: looked up on every score.
_SCALES: dict[str, dict[str, tuple[float, float, float]]] = {
    test: {a: (float(s["min"]), float(s["max"]), float(s["step"])) for a, s in spec["scale"].items()}
    for test, spec in TESTS.items()
}
_TOKENS: dict[str, tuple[str, ...]] = {test: tuple(spec.get("below_scale", ())) for test, spec in TESTS.items()}


def parse_score(test: str, ability: str, raw: Any) -> tuple[float | None, tuple[str, dict[str, Any]] | None]:
    """(value, None) for a score on the test's scale, or (None, (error code, its parameters))."""
    lo, hi, step = _SCALES[test][ability]
    kind = type(raw)
    if kind is int or kind is float:
        value = float(raw)
    elif kind is str:
        text = raw.strip()
        if text.upper() in _TOKENS[test]:
            return BELOW, None
        if not _is_decimal(text):
            return None, _bad("score_not_a_score", test, ability, repr(raw))
        value = float(text)
    else:
        return None, _bad("score_wrong_type", test, ability)
    if not lo <= value <= hi:  # also rejects NaN
        if value != value or value in (float("inf"), float("-inf")):
            return None, _bad("score_wrong_type", test, ability)
        return None, _bad("score_outside", test, ability, value)
    steps = (value - lo) / step
    if steps != int(steps):
        return None, _bad("score_impossible", test, ability, value)
    return value, None


def _bad(code: str, test: str, ability: str, value: Any = None) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"test": test, "ability": ability,
                              "scale": _scale(TESTS[test]["scale"][ability], _TOKENS[test])}
    if value is not None:
        params["value"] = value
    return code, params


def to_level(rules: Rules, test: str, ability: str, value: float) -> int:
    """CLB/NCLC level of a valid score: 0 means below CLB 4 (the lowest level with points)."""
    conv = rules.conversions[test]
    assert conv is not None  # profile validation rejects tests not accepted on the rules date
    mins, levels = conv[ability]
    i = bisect_right(mins, value)
    return levels[i - 1] if i else 0


def min_score(rules: Rules, test: str, ability: str, level: int) -> float | None:
    """The lowest score of `test` that reaches `level` in `ability` (None if the table has no such level)."""
    conv = rules.conversions[test]
    if conv is None:
        return None
    mins, levels = conv[ability]
    for m, lv in zip(mins, levels, strict=True):
        if lv >= level:
            return m
    return None


def display_score(test: str, value: float) -> str:
    """A score as the test reports it (IELTS keeps one decimal)."""
    if value == BELOW:
        return TESTS[test].get("below_scale", ["below scale"])[0]
    if TESTS[test]["scale"][ABILITIES[0]]["step"] < 1:
        return f"{value:.1f}"
    return _fmt(value)

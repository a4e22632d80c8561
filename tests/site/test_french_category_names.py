"""One French name per category round: the rounds page (fr.yml), the criteria tables (tables.fr.yml) and the
calculator's results (calculator.fr.yml) each carry the names, and a visitor comparing them must read the same
words (they had drifted: « STIM » and « STGM », « génie » and « ingénierie » for the same round)."""

from __future__ import annotations

from pathlib import Path

import yaml

STRINGS = Path(__file__).resolve().parents[2] / "templates" / "strings"


def _load(name: str) -> dict:
    return yaml.safe_load((STRINGS / name).read_text(encoding="utf-8"))


def test_every_french_category_name_is_the_same_in_the_three_strings_files() -> None:
    rounds = {k: v["label"] for k, v in _load("fr.yml")["round_types"].items()}
    tables = _load("tables.fr.yml")["category_names"]
    calculator = _load("calculator.fr.yml")["swap"]["category_names"]
    shared = set(tables) & set(calculator)
    assert len(shared) >= 10 and shared <= set(rounds)
    differ = {k: (rounds[k], tables[k], calculator[k]) for k in sorted(shared)
              if not rounds[k] == tables[k] == calculator[k]}
    assert not differ, differ

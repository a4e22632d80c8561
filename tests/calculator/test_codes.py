"""The engine's codes (calculator/codes.py) against their words: every code in the registry has English
(calculator/data/messages.json) and French (templates/strings/messages.fr.yml) words whose placeholders are the
code's parameters, and every message the engine really emits, over the test profiles and hostile variants of
them, is a registry code with exactly the registry's parameters."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import random
import string
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator.__main__ import main
from calculator.codes import CODES, PARAM_KINDS, REASON_CODES, TIMELINE_WARNINGS, english, render
from calculator.language import TESTS
from calculator.rules import ABILITIES, LABELS
from sitegen.strings import engine_words

from .conftest import lang, profile
from .profiles import generate
from .test_hostile_input import FULL, FULL_PATHS

ROOT = Path(calculator.__file__).resolve().parents[1]
# Parameters a text may leave out: the page uses them otherwise (`field`: the question to link to; `scale`: the
# scale of the message's "level" parameters).
UNSHOWN = frozenset({"field", "scale"})


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def forms(value: Any) -> list[str]:
    """A code's text, or each plural form of it."""
    return list(value.values()) if isinstance(value, dict) else [value]


@pytest.fixture(scope="module")
def words() -> dict[str, dict[str, Any]]:
    # engine_words is what the page is built from: it also fails on a French key missing
    return {language: engine_words(ROOT, "messages", language) for language in ("en", "fr")}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_code_has_words_with_its_parameters(words: dict[str, dict[str, Any]], language: str) -> None:
    codes = words[language]["codes"]
    assert set(codes) == set(CODES), "codes without words, or words without a code"
    for code, params in CODES.items():
        for text in forms(codes[code]):
            assert isinstance(text, str) and text.strip(), (language, code)
            shown = placeholders(text)
            assert shown <= set(params) and set(params) - shown <= UNSHOWN, (language, code, text)
        if isinstance(codes[code], dict):  # a plural: its forms, chosen by the count
            assert set(codes[code]) == {"one", "other"} and "count" in params, (language, code)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_key_parameter_has_words(words: dict[str, dict[str, Any]], language: str) -> None:
    tables = words[language]["words"]
    assert set(tables["ability"]) == set(ABILITIES)
    assert set(tables["test"]) == set(TESTS)
    assert set(tables["scale"]) == set(tables["language"]) == {"english", "french"}
    for kind in set(PARAM_KINDS.values()):
        group, _, table = kind.partition(".")
        if group == "words":
            assert table in tables, kind
        elif group == "labels":
            assert table in LABELS, kind
        else:
            assert kind in ("date", "dollars", "notices", "level"), kind


def emitted(data: Any, out: list[dict[str, Any]], flat: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every message ({"code", "params"}) anywhere in a result or an error list, nested ones included; the flat
    codes ({"code", ...params}: category and round reasons, timeline warnings) go to `flat`."""
    if isinstance(data, dict):
        if "params" in data and "code" in data:
            out.append(data)
        elif "code" in data and flat is not None:
            flat.append(data)
        for value in data.values():
            emitted(value, out, flat)
    elif isinstance(data, (list, tuple)):
        for value in data:
            emitted(value, out, flat)
    return out


def cli(*args: str) -> Any:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(list(args))
    return json.loads(out.getvalue())


def replaced(path: tuple, value: Any) -> dict[str, Any]:
    p = copy.deepcopy(FULL)
    target = p
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return p


# Answers that reach the codes the generated profiles do not: each is a real mistake or case a visitor can make.
CASES: list[Any] = [
    [1, 2], "{}",
    profile(rules_date="2026-02-30"), profile(rules_date="2014-12-31"), profile(rules_date="2026-12-01"),
    profile(education="secondary", canadian_education="three_year_or_more"),
    profile(first_language={"test": "ielts", "speaking": "seven", "listening": 9.7, "reading": 12, "writing": []}),
    profile(first_language={"test": "celpip", "speaking": 13, "listening": "x", "reading": 5, "writing": 5}),
    profile(first_language={"test": "pte_core", "speaking": 9, "listening": 9, "reading": 9, "writing": 9},
            rules_date="2023-01-01"),
    profile(first_language={"test": "tcf", "speaking": 4, "listening": 331, "reading": 342, "writing": 5}),
    profile(first_language=lang("tef", 456), second_language=lang("nclc", 7)),
    profile(first_language=lang("nclc", 9), second_language=None),
    profile(first_language=lang("nclc", 9), second_language=lang("nclc", 9)),
    profile(first_language=lang("clb", 6)), profile(first_language=lang("clb", 3, 9, 9, 9)),
    profile(first_language=lang("clb", 3), with_spouse=True,
            spouse={"language": lang("clb", 3), "education": "none", "canadian_work_years": 0}),
    profile(with_spouse=True, spouse={"language": None}),
    profile(marital_status="married", spouse={"citizen_or_permanent_resident": True}),
    profile(marital_status="married", spouse={"citizen_or_permanent_resident": False, "accompanying": False}),
    profile(marital_status="married"), {**profile(), "spouse": {"citizen_or_permanent_resident": True}},
    "[" * 100_000 + "]" * 100_000,
    profile(rules_date="2025-04-01", job_offer="teer_0_1_2_3"),
    profile(eligibility={"family_size": 0, "canadian_work_years_last_3": 2, "settlement_funds": -5,
                         "skilled_work_years_last_10": 1, "continuous_work_years": 2, "trade_job_offer": "yes"},
            canadian_work_years=1, foreign_work_years=1),
    profile(with_spouse=True, eligibility={"family_size": 1}), profile(eligibility=[]),
    profile(eligibility={"language_results_under_2_years": False, "family_size": 1, "settlement_funds": 10,
                         "trade_work_years_last_5": 1, "trade_job_offer": False, "continuous_work_years": 0,
                         "canadian_work_years_last_3": 0}, canadian_work_years=2),
    profile(eligibility={"family_size": 1, "settlement_funds": 100000, "authorized_to_work": True,
                         "trade_job_offer": True}, job_offer="teer_0_1_2_3"),
    profile(eligibility={"family_size": 1, "settlement_funds": 10}, job_offer="teer_0_1_2_3"),
    profile(rules_date="2024-05-01", eligibility={"family_size": 1}, first_language=lang("clb", 9),
            education="none"),
    profile(canadian_work_years=2, first_language=lang("clb", 5)),
    profile(canadian_work_years=2, first_language=lang("clb", 5), eligibility={"canadian_work_teer": 1}),
    profile(occupation="31301"), profile(occupation={"noc": "3130"}), profile(occupation={"noc": "99999"}),
    profile(occupation={"noc": "31301", "months_last_3_years": 1, "canadian_months_last_3_years": 2,
                        "continuous_months": 40}),
    profile(occupation={"noc": "31301", "months_last_3_years": 5, "continuous_months": 6}),
    profile(occupation={"noc": "31301", "months_last_3_years": 30, "canadian_months_last_3_years": 30},
            canadian_work_years=1),
    profile(dates=[]), profile(documents=[]), profile(documents={"countries_lived": "IN"}),
    profile(documents={"countries_lived": ["CA", "IN", "IN", "XX"], "spouse_countries_lived": ["IN"],
                       "colour": 1}),
    profile(documents={"foreign_credential": False}, education="masters"),
    replaced(("partner",), []), replaced(("partner", "eligibility"), []),
    replaced(("partner", "eligibility"), {"family_size": 3}), replaced(("partner", "age"), -1),
    replaced(("spouse", "language"), None), {**copy.deepcopy(FULL), "marital_status": "single", "spouse": None},
    replaced(("dates",), {"birth": "1990-01-01", "first_language_test": "1989-01-01", "eca": "2999-01-01",
                          "second_language_test": "2026-01-01x", "profile_submitted": "2026-02-30"}),
    {**replaced(("dates",), {"spouse_language_test": "2026-01-01", "second_language_test": "2026-01-01",
                             "canadian_work_start": "2010-01-01", "profile_submitted": "2026-03-01",
                             "invitation": "2026-02-01"}), "second_language": None,
     "spouse": {**FULL["spouse"], "language": None}},
]


def _rounds_summary() -> str:
    from sitegen.draws import calculator_summary, load_rounds

    return json.dumps(calculator_summary(load_rounds(ROOT / "content" / "data" / "ee_rounds_123_en.json")))


ROUNDS_SUMMARY = _rounds_summary()
# Occupations in and out of the category lists, with too few months, and dates (the timeline's warnings).
OCCUPATIONS = [
    profile(rules_date="2026-06-01", occupation={"noc": code, "months_last_3_years": months,
                                                 "canadian_months_last_3_years": 0, "continuous_months": months},
            first_language=lang("tef", 400), second_language=lang("clb", 9),
            dates={"first_language_test": "2024-01-01", "eca": "2020-01-01", "profile_submitted": "2025-01-01",
                   "invitation": "2026-01-01"})
    for code, months in (("31301", 6), ("31301", 24), ("63200", 24), ("31102", 14), ("00012", 20))
]


def test_the_codes_emitted_are_the_registry_s() -> None:
    found: list[dict[str, Any]] = []
    flat: list[dict[str, Any]] = []
    summary = json.loads(ROUNDS_SUMMARY)
    for p in generate(400, seed=16, invalid_share=0.3) + CASES + OCCUPATIONS:
        text = p if isinstance(p, str) else json.dumps(p)
        emitted(json.loads(calculator.score_json(text)), found)
        if not isinstance(p, str) and not calculator.validate(p):
            emitted(calculator.score(p, rounds_summary=summary), found, flat)
    for path in FULL_PATHS:  # every value of the full profile replaced by a wrong one of each type
        for bad in (None, "x", -1, 2.5, [], {}, True):
            emitted(json.loads(calculator.score_json(json.dumps(replaced(path, bad)))), found)
    found += [error for args in (["score", "/nonexistent.json"], ["tables", "--date"], ["tables", "--date", "x"],
                                 ["tables", "no-such-table"], ["tables", "--date", "2024-01-01", "category-stem"])
              for error in cli(*args)["errors"]]
    emitted(json.loads(calculator.score_json("{not json")), found)
    for message in found:
        assert message["code"] in CODES, message
        assert set(message["params"]) == set(CODES[message["code"]]), message
        text = render(message["code"], message["params"])
        assert not any("{" + name + "}" in text for name in CODES[message["code"]]), message
    for reason in flat:
        registry = TIMELINE_WARNINGS if "which" in reason or reason["code"] in TIMELINE_WARNINGS else REASON_CODES
        assert reason["code"] in registry, reason
        assert set(reason) - {"code"} == set(registry[reason["code"]]), reason
    assert {r["code"] for r in flat} >= {"occupation_not_listed", "not_enough_months", "no_french_results",
                                         "french_below", "program_not_eligible", "language_expired"}
    # Every code is reached by these profiles: a code nothing emits is words nobody reads.
    never = set(CODES) - {m["code"] for m in found}
    if any(PARAM_KINDS.get(k) == "level" for m in found for k in m["params"]):  # rendered inside those
        never -= {"level", "level_below"}
    # Not reached from profiles: an internal error, the swap's safety net (the visitor's own answers fail only in
    # the swapped profile), a bad rounds file (tests/calculator/test_cli.py), and a scale with a step other than
    # 1 and words below it (no test's scale has both today; language.json could).
    assert never <= {"internal_error", "swap_impossible", "rounds_unreadable", "rounds_too_deep", "rounds_not_summary",
                     "scale_steps_tokens"}, sorted(never)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_flat_code_has_the_page_s_words(language: str) -> None:
    """The category and round reasons and the timeline warnings are worded by the calculator's strings."""
    import yaml

    path = ROOT / "templates" / "strings" / f"calculator.{language}.yml"
    if not path.is_file():
        pytest.skip(f"{path.name} is not written yet")
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    for words, registry in ((strings["round_reasons"], REASON_CODES),
                            (strings["timeline"]["warnings"], TIMELINE_WARNINGS)):
        assert set(words) >= set(registry), (language, set(registry) - set(words))
        for code, params in registry.items():
            assert placeholders(words[code]) <= set(params), (language, code)


def test_english_adds_the_words_and_leaves_the_rest() -> None:
    r = calculator.score(profile(first_language=lang("clb", 6)))
    out = english(r)
    fsw = out["eligibility"]["fsw"]["reasons"][0]
    assert fsw["code"] == "fsw_language" and fsw["message"].startswith("Language: CLB 7 or more is needed")
    assert out["improvements"][0]["message"] == render(r["improvements"][0]["code"], r["improvements"][0]["params"])
    assert out["total"] == r["total"] and out["categories"] == json.loads(json.dumps(r["categories"]))
    # plural forms by count, keys in words, nested messages
    assert render("more_canadian_work", {"count": 1}).endswith("(1 year in total)")
    assert render("more_canadian_work", {"count": 2}).endswith("(2 years in total)")
    assert render("raise_level", {"ability": "reading", "scale": "french", "from": 0, "to": 4}) == \
        "Raise your reading from below NCLC 4 to NCLC 4"
    assert render("years", {"count": 1}) == "1 year"
    assert render("last3_over_work", {"last3": {"code": "years", "params": {"count": 2}},
                                      "work": {"code": "years", "params": {"count": 1}}}).startswith(
        "2 years in Canada in the last 3 years is more than the 1 year of")
    assert render("funds_short", {"size": 1, "required_dollars": 15263, "funds_dollars": 15262.4}) == \
        "Proof of funds: a family of 1 needs $15,263; you have $15,262."


def test_the_generated_profiles_are_varied_enough() -> None:
    # the registry check above relies on them reaching the programs' reasons and the improvements
    rng = random.Random(1)
    sample = [p for p in generate(50, seed=rng.randrange(1000)) if not calculator.validate(p)]
    codes = {m["code"] for p in sample for m in emitted(calculator.score(p), [])}
    assert {"fsw_language", "cec_work", "get_nomination"} <= codes


def test_every_notice_has_french_words() -> None:
    """The `notice` code's words are each notice's message: meta.json's in English, notices.fr.yml's in French."""
    import yaml

    from calculator.rules import META

    ids = [n["id"] for n in META["notices"]]
    assert all(n["message"].strip() for n in META["notices"])
    path = ROOT / "templates" / "strings" / "notices.fr.yml"
    if not path.is_file():
        pytest.skip("templates/strings/notices.fr.yml is not written yet: the French page shows meta.json's English")
    french = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all(isinstance(french.get(i), dict) and str(french[i].get("message", "")).strip() for i in ids), ids

"""The calculator form's choices, rendered at build time from the engine's own data.

Each language test's score scale (minimum, maximum, step, tokens such as CELPIP's "M") comes from the
engine's ``language.json`` through ``calculator.language.TESTS``, so the form offers exactly the scores the
engine accepts; the option labels come from ``calculator/data/labels.json`` (in English) or
``templates/strings/labels.<language>.yml``. Question wording and the other interface words are in
``templates/strings/calculator.<language>.yml``. ``engine_page_words`` gives the page the words of the engine's
codes and the result's labels in the page's language (``sitegen.strings.engine_words``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitegen.errors import BuildError, BuildFailed, display_path
from sitegen.strings import REFERENCE_LANGUAGE, engine_words, load_strings
from sitegen.yamlfile import InvalidYaml, load_mapping

# A scale with at most this many values is a select; a longer one (PTE 10–90, TEF 0–699) a number input.
MAX_SELECT_OPTIONS = 30
# IRCC's tool lists the tests in this order: CELPIP-G, IELTS, TEF Canada, TCF Canada, PTE Core.
FIRST_TESTS = ("celpip", "ielts", "tef_old_scale", "tef", "tcf", "pte_core")
LEVEL_TESTS = ("clb", "nclc")
OTHER_LANGUAGE_TESTS = {  # the second-language question offers the other official language only
    "english": ("tef_old_scale", "tef", "tcf", "nclc"),
    "french": ("celpip", "ielts", "pte_core", "clb"),
}
MARITAL_ORDER = (  # IRCC's order (alphabetical in English)
    "annulled_marriage", "common_law", "divorced_or_separated", "legally_separated", "married", "single", "widowed",
)
MAX_CANADIAN_WORK, MAX_FOREIGN_WORK = 5, 3  # "5 years or more", "3 years or more"
ELIGIBILITY_FROM_FORM = ("language_results_under_2_years",)  # answered by question 5 i
# The order each test's own score report prints the four abilities in, so people copying from it type each score in
# the right box: IELTS's Test Report Form and CELPIP's score report (listening, reading, writing, speaking), PTE's
# score report (listening, reading, speaking, writing). The French tests' sheets are not checked: their boxes keep
# IRCC's order and show the sheet's own names for the abilities, with a note (templates/strings).
REPORT_ORDER = {
    "ielts": ("listening", "reading", "writing", "speaking"),
    "celpip": ("listening", "reading", "writing", "speaking"),
    "pte_core": ("listening", "reading", "speaking", "writing"),
}


def load_calculator_strings(root: Path, language: str = "en") -> dict[str, Any]:
    """The calculator's words in ``language`` (``templates/strings/calculator.<language>.yml``)."""
    return load_strings(root / "templates" / "strings", "calculator.", language, root)


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _ability(test: str, spec: dict[str, Any], ability: str, label: str, strings: dict[str, Any]) -> dict[str, Any]:
    scale = spec["scale"][ability]
    lo, hi, step = scale["min"], scale["max"], scale["step"]
    count = round((hi - lo) / step) + 1
    tokens = spec.get("below_scale", [])
    out: dict[str, Any] = {"key": ability, "label": label, "min": _number(lo), "max": _number(hi),
                           "step": _number(step)}
    if count + len(tokens) > MAX_SELECT_OPTIONS:
        out["kind"] = "number"
        return out
    out["kind"] = "select"
    decimals = 1 if step < 1 else 0
    options = [(t, strings["below_scale_labels"].get(t, t)) for t in tokens]
    for i in range(count):
        value = lo + i * step
        text = f"{value:.{decimals}f}"
        if spec.get("direct"):
            prefix = "NCLC" if spec["language"] == "french" else "CLB"
            options.append((text, strings["level_label"].format(prefix=prefix, n=text)))
        else:
            options.append((text, text))
    out["options"] = options
    return out


def _choices(keys: Any, labels: dict[str, str], short: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(value, option text, full wording or None): the short text where the full one would be cut on a phone."""
    return [(k, short.get(k, labels[k]), labels[k] if k in short else None) for k in keys]


def _abilities(key: str, spec: dict[str, Any], abilities: list[tuple[str, str]],
               s: dict[str, Any]) -> list[dict[str, Any]]:
    """The four score boxes of one test, in the order of its score report, named as the test names them."""
    named = dict(abilities)
    if spec["language"] == "french" and not spec.get("direct"):
        # Where the page's own word is already the sheet's (French "Expression orale"), it is not said twice.
        named = {a: label if label == s["ability_names_french"][a] else
                 s["ability_with_name"].format(ability=label, name=s["ability_names_french"][a])
                 for a, label in abilities}
    order = REPORT_ORDER.get(key, tuple(named))
    return [_ability(key, spec, a, named[a], s) for a in order]


def _order_note(key: str, spec: dict[str, Any], label: str, abilities: list[tuple[str, str]],
                s: dict[str, Any]) -> str | None:
    if key in REPORT_ORDER:
        names = dict(abilities)
        return s["order_note"].format(test=label, order=", ".join(names[a] for a in REPORT_ORDER[key]))
    return None if spec.get("direct") else s["order_note_names"]


def form_context(root: Path, language: str = "en") -> dict[str, Any]:
    """Everything ``templates/calculator.html`` needs to render the form, from the engine's data."""
    from calculator.language import TESTS
    from calculator.profile import ELIGIBILITY_FIELDS
    from calculator.rules import ABILITIES, CANADIAN_EDUCATION, EDUCATION_LEVELS, JOB_OFFERS
    from calculator.swap import PERSONAL_ELIGIBILITY

    s = load_calculator_strings(root, language)
    LABELS = engine_words(root, "labels", language)  # noqa: N806 - the engine's LABELS, in the page's language
    meanings = engine_words(root, "messages", language)["words"]["hint"]
    abilities = [(a, LABELS["abilities"][a]) for a in ABILITIES]
    tests = {}
    for key, spec in TESTS.items():
        label = s["test_labels"].get(key, spec["name"])
        tests[key] = {
            "key": key,
            "label": label,
            "name": spec["name"],
            "language": spec["language"],
            "direct": bool(spec.get("direct")),
            "abilities": _abilities(key, spec, abilities, s),
            "order_note": _order_note(key, spec, label, abilities, s),
        }
    work = [(0, s["work_0"]), (1, s["work_1"])]
    canadian_work = work + [(n, s["work_n"].format(n=n)) for n in range(2, MAX_CANADIAN_WORK)]
    canadian_work.append((MAX_CANADIAN_WORK, s["work_max"].format(n=MAX_CANADIAN_WORK)))
    foreign_work = work + [(n, s["work_n"].format(n=n)) for n in range(2, MAX_FOREIGN_WORK)]
    foreign_work.append((MAX_FOREIGN_WORK, s["work_max"].format(n=MAX_FOREIGN_WORK)))
    ages = [(17, s["age_17"])] + [(n, s["age_n"].format(n=n)) for n in range(18, 45)] + [(45, s["age_45"])]
    short = s["short_options"]
    canadian_education = _choices(CANADIAN_EDUCATION, {**LABELS["canadian_education"], "none": s["canadian_secondary"]},
                                  short["canadian_education"])
    eligibility = [
        {"key": key, "kind": kind, "min": _number(lo), "max": None if hi is None else _number(hi),
         "label": s["eligibility_fields"].get(key, key.replace("_", " ")), "hint": meanings[key]}
        for key, (kind, lo, hi, _meaning) in ELIGIBILITY_FIELDS.items()
        if key not in ELIGIBILITY_FROM_FORM
    ]
    # The partner's own answers about themselves (calculator/swap.py), for the swapped ordering's programs: the
    # personal ones the visitor answers too. Language freshness is question 5 i for the visitor; the partner
    # has no such question, so it is asked here. Their words say "your partner", not "you".
    words, hints = s["swap"]["eligibility_fields"], s["swap"]["eligibility_hints"]
    partner_eligibility = [
        {"key": key, "kind": kind, "min": _number(lo), "max": None if hi is None else _number(hi),
         "label": words.get(key, key.replace("_", " ")), "hint": hints.get(key, meanings[key])}
        for key, (kind, lo, hi, _meaning) in ELIGIBILITY_FIELDS.items()
        if key in PERSONAL_ELIGIBILITY
    ]
    return {
        "strings": s,
        "script_strings": script_strings(root, s),
        "marital": [(k, LABELS["marital_status"][k]) for k in MARITAL_ORDER],
        "ages": ages,
        "education": _choices(EDUCATION_LEVELS, LABELS["education"], short["education"]),
        "canadian_education": canadian_education,
        "job_teer": _choices([k for k in JOB_OFFERS if k != "none"], LABELS["job_offer"], short["job_offer"]),
        "canadian_work": canadian_work,
        "foreign_work": foreign_work,
        "abilities": abilities,
        "tests": tests,
        "first_tests": [t for t in FIRST_TESTS if t in tests],
        "level_tests": [t for t in LEVEL_TESTS if t in tests],
        "second_tests": {lang: [t for t in keys if t in tests] for lang, keys in OTHER_LANGUAGE_TESTS.items()},
        "spouse_tests": [t for t in (*FIRST_TESTS, *LEVEL_TESTS) if t in tests],
        "eligibility": eligibility,
        "partner_eligibility": partner_eligibility,
        "engine_words": engine_page_words(root, language),
    }


SCRIPT = Path("templates/static/js/calculator.mjs")
_READ_BY_SCRIPT = re.compile(r"\bS\.([a-z_][a-z0-9_]*)")


def script_strings(root: Path, strings: dict[str, Any]) -> dict[str, Any]:
    """The calculator strings the page's script reads (``S.key`` in calculator.mjs): the page carries only those
    as data. The questions, hints and options are in the form's HTML already; sending them twice cost every
    visit about 4 KB (gzip) in English and more in French."""
    used = set(_READ_BY_SCRIPT.findall((root / SCRIPT).read_text(encoding="utf-8")))
    return {key: value for key, value in strings.items() if key in used}


def _notices(root: Path, language: str) -> dict[str, str]:
    """Each notice's calculator warning by id: meta.json's `message`, or `templates/strings/notices.<language>.yml`
    (``{id: {message: ...}}``) when that file exists; without it the page keeps the English of the data."""
    import json

    english = {n["id"]: n["message"]
               for n in json.loads((root / "calculator" / "data" / "meta.json").read_text("utf-8"))["notices"]}
    path = root / "templates" / "strings" / f"notices.{language}.yml"
    if language == REFERENCE_LANGUAGE or not path.is_file():
        return english
    shown = display_path(path, root)
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"), shown)
    except InvalidYaml as exc:
        raise BuildFailed([exc.error]) from None
    out, errors = {}, []
    for key in english:
        entry = mapping.values.get(key)
        message = entry.get("message") if isinstance(entry, dict) else None
        if not isinstance(message, str) or not message.strip():
            why = f"`{key}.message` is missing: the calculator's warning for this notice of calculator/data/meta.json"
            errors.append(BuildError(shown, mapping.line_of(key), why))
        else:
            out[key] = message
    if errors:
        raise BuildFailed(errors)
    return out


# The labels the page's results use: the layout (sections, lines, total) and the tables message parameters name.
_RESULT_LABELS = ("sections", "lines", "total")


def engine_page_words(root: Path, language: str) -> dict[str, Any]:
    """What calculator.mjs needs to word the engine's codes and the result in ``language``: ``codes`` and ``words``
    (messages), ``labels`` (the result's layout and the label tables parameters name), ``notices`` (by id) and
    ``kinds`` (``calculator.codes.PARAM_KINDS``: how each parameter is shown)."""
    from calculator.codes import PARAM_KINDS

    messages = engine_words(root, "messages", language)
    labels = engine_words(root, "labels", language)
    tables = {kind.split(".", 1)[1] for kind in PARAM_KINDS.values() if kind.startswith("labels.")}
    return {
        "codes": messages["codes"],
        "words": {k: v for k, v in messages["words"].items() if k != "hint"},  # the hints are in the form
        "labels": {k: labels[k] for k in (*_RESULT_LABELS, *sorted(tables))},
        "notices": _notices(root, language),
        "kinds": PARAM_KINDS,
    }

"""The calculator form's choices, rendered at build time from the engine's own data.

Each language test's score scale (minimum, maximum, step, tokens such as CELPIP's "M") comes from the
engine's ``language.json`` through ``calculator.language.TESTS``, so the form offers exactly the scores the
engine accepts; the option labels come from ``calculator/data/labels.json``. Question wording and the other
interface words are in ``templates/strings/calculator.<language>.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.strings import load_strings

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


def form_context(root: Path, language: str = "en") -> dict[str, Any]:
    """Everything ``templates/calculator.html`` needs to render the form, from the engine's data."""
    from calculator.language import TESTS
    from calculator.profile import ELIGIBILITY_FIELDS
    from calculator.rules import ABILITIES, CANADIAN_EDUCATION, EDUCATION_LEVELS, JOB_OFFERS, LABELS

    s = load_calculator_strings(root, language)
    abilities = [(a, LABELS["abilities"][a]) for a in ABILITIES]
    tests = {
        key: {
            "key": key,
            "label": s["test_labels"].get(key, spec["name"]),
            "name": spec["name"],
            "language": spec["language"],
            "direct": bool(spec.get("direct")),
            "abilities": [_ability(key, spec, a, label, s) for a, label in abilities],
        }
        for key, spec in TESTS.items()
    }
    work = [(0, s["work_0"]), (1, s["work_1"])]
    canadian_work = work + [(n, s["work_n"].format(n=n)) for n in range(2, MAX_CANADIAN_WORK)]
    canadian_work.append((MAX_CANADIAN_WORK, s["work_max"].format(n=MAX_CANADIAN_WORK)))
    foreign_work = work + [(n, s["work_n"].format(n=n)) for n in range(2, MAX_FOREIGN_WORK)]
    foreign_work.append((MAX_FOREIGN_WORK, s["work_max"].format(n=MAX_FOREIGN_WORK)))
    ages = [(17, s["age_17"])] + [(n, s["age_n"].format(n=n)) for n in range(18, 45)] + [(45, s["age_45"])]
    canadian_education = [(k, s["canadian_secondary"] if k == "none" else LABELS["canadian_education"][k])
                          for k in CANADIAN_EDUCATION]
    eligibility = [
        {"key": key, "kind": kind, "min": _number(lo), "max": None if hi is None else _number(hi),
         "label": s["eligibility_fields"].get(key, key.replace("_", " ")), "hint": meaning}
        for key, (kind, lo, hi, meaning) in ELIGIBILITY_FIELDS.items()
        if key not in ELIGIBILITY_FROM_FORM
    ]
    return {
        "strings": s,
        "marital": [(k, LABELS["marital_status"][k]) for k in MARITAL_ORDER],
        "ages": ages,
        "education": [(k, LABELS["education"][k]) for k in EDUCATION_LEVELS],
        "canadian_education": canadian_education,
        "job_teer": [(k, LABELS["job_offer"][k]) for k in JOB_OFFERS if k != "none"],
        "canadian_work": canadian_work,
        "foreign_work": foreign_work,
        "abilities": abilities,
        "tests": tests,
        "first_tests": [t for t in FIRST_TESTS if t in tests],
        "level_tests": [t for t in LEVEL_TESTS if t in tests],
        "second_tests": {lang: [t for t in keys if t in tests] for lang, keys in OTHER_LANGUAGE_TESTS.items()},
        "spouse_tests": [t for t in (*FIRST_TESTS, *LEVEL_TESTS) if t in tests],
        "eligibility": eligibility,
    }

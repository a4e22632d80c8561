"""Calculator test profiles and a form filler that answers the page's questions as a person would.

Each case is an engine profile (the contract in calculator/README.md) plus how the visitor answers question
5 i ("yes", "no", or "estimate" for the CLB estimate). `fill` finds every control by its visible label, in the
order of the official tool; `expected` runs `python -m calculator score -` on the profile the page scores.
Questions are found by their words: their numbers change with the questions shown (`question`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from sitegen.calculator_form import form_context

ROOT = Path(__file__).resolve().parents[2]
ABILITIES = ("Speaking", "Listening", "Reading", "Writing")
LABELS = json.loads((ROOT / "calculator" / "data" / "labels.json").read_text(encoding="utf-8"))
FORM = form_context(ROOT)  # the option texts the page shows, from the same data and strings
TEST_LABELS = {key: test["label"] for key, test in FORM["tests"].items()}
EDUCATION = {key: text for key, text, _ in FORM["education"]}
CANADIAN_EDUCATION = {key: text for key, text, _ in FORM["canadian_education"]}
JOB_TEER = {key: text for key, text, _ in FORM["job_teer"]}
WORK = {0: "None or less than a year", 1: "1 year"}
NUMBER = r"\d+\)( [a-z]+[.)])? "  # "3) ", "2) ii. ", "4) b) "


def question(words: str, whole: bool = True) -> re.Pattern[str]:
    """A question's name: its number, whatever it is now, then its words (all of them, or how they start)."""
    return re.compile("^" + NUMBER + re.escape(words) + ("$" if whole else ""))


def lang(test: str, s: Any, li: Any, r: Any, w: Any) -> dict[str, Any]:
    return {"test": test, "speaking": s, "listening": li, "reading": r, "writing": w}


def profile(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "marital_status": "single", "spouse": None, "age": 29, "education": "bachelors",
        "canadian_education": "none", "first_language": lang("ielts", 7, 8, 7, 7), "second_language": None,
        "canadian_work_years": 1, "foreign_work_years": 3, "certificate_of_qualification": False,
        "job_offer": "none", "provincial_nomination": False, "sibling_in_canada": False,
    }
    base.update(changes)
    return base


def spouse(cpr: bool = False, accompanying: bool | None = True, education: str = "bachelors", work: int = 0,
           language: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"citizen_or_permanent_resident": cpr}
    if not cpr:
        out["accompanying"] = accompanying
    if not cpr and accompanying:
        out.update(education=education, canadian_work_years=work, language=language)
    return out


# (id, answer to 5 i, profile): every test type, spouse variants, French bonus both ways, PNP, certificate,
# the CLB estimate.
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("single-ielts", "yes", profile()),
    ("married-accompanying-celpip", "yes", profile(
        marital_status="married", age=33, education="masters", first_language=lang("celpip", 9, 10, 8, 9),
        spouse=spouse(education="two_year", work=2, language=lang("ielts", 6.5, 7.5, 6.5, 6)),
        canadian_work_years=2, foreign_work_years=1)),
    ("common-law-citizen-spouse", "yes", profile(
        marital_status="common_law", spouse=spouse(cpr=True), age=31, education="two_or_more")),
    ("married-spouse-stays-behind", "yes", profile(
        marital_status="married", spouse=spouse(accompanying=False), age=38, education="doctoral")),
    ("french-first-english-second", "yes", profile(
        first_language=lang("tef_old_scale", 400, 320, 270, 400), second_language=lang("ielts", 6, 6, 5.5, 6),
        age=27, education="masters")),
    ("english-first-french-second", "yes", profile(
        first_language=lang("celpip", 10, 10, 9, 9), second_language=lang("tcf", 12, 510, 505, 12),
        foreign_work_years=2)),
    ("french-only-tcf", "yes", profile(
        first_language=lang("tcf", 14, 530, 530, 14), age=24, education="two_year", canadian_work_years=0)),
    ("provincial-nomination", "yes", profile(provincial_nomination=True, age=42, foreign_work_years=0)),
    ("certificate-of-qualification", "yes", profile(
        certificate_of_qualification=True, education="one_year", first_language=lang("celpip", 7, 7, 6, "M"),
        canadian_work_years=3)),
    ("pte-core-numbers", "yes", profile(first_language=lang("pte_core", 76, 71, 69, 79), age=35)),
    ("tef-699-numbers-old-results", "no", profile(
        first_language=lang("tef", 480, 500, 430, 470), second_language=lang("pte_core", 60, 55, 58, 62),
        marital_status="widowed")),
    ("clb-estimate", "estimate", profile(
        first_language=lang("clb", 9, 9, 8, 9), second_language=lang("nclc", 7, 7, 7, 7), age=30)),
    ("canadian-education-sibling-job-offer", "yes", profile(
        canadian_education="three_year_or_more", education="masters", sibling_in_canada=True,
        job_offer="teer_0_1_2_3", canadian_work_years=5, marital_status="divorced_or_separated")),
    ("spouse-nclc-estimate-older", "estimate", profile(
        marital_status="married", age=45, education="secondary", first_language=lang("nclc", 8, 7, 9, 7),
        spouse=spouse(education="masters", work=5, language=lang("clb", 10, 10, 10, 10)),
        foreign_work_years=3, canadian_work_years=0)),
]


def page_profile(mode: str, p: dict[str, Any]) -> dict[str, Any]:
    """The profile the page sends for these answers: question 5 i also answers an eligibility question (an
    estimate stands for results still to be taken, so less than two years old), and "documents" is always there."""
    out = json.loads(json.dumps(p))
    out["eligibility"] = {**out.get("eligibility", {}), "language_results_under_2_years": mode != "no"}
    out.setdefault("documents", {})  # always sent: it asks the engine for the document list
    return out


def expected(mode: str, p: dict[str, Any]) -> dict[str, Any]:
    """The engine's own answer, from its command line."""
    proc = subprocess.run(
        [sys.executable, "-m", "calculator", "score", "-"], input=json.dumps(page_profile(mode, p)),
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return json.loads(proc.stdout)


def visible_label(page: Page, words: str, whole: bool = True):  # noqa: ANN201 - a Locator
    """The visible control of this question (hidden alternatives share labels, e.g. question 5 iii)."""
    return page.get_by_label(question(words, whole)).filter(visible=True)


def _choose(page: Page, words: str, option: str) -> None:
    visible_label(page, words).select_option(label=option)


def _yes_no(page: Page, legend_start: str, value: bool) -> None:
    page.get_by_role("group", name=question(legend_start, whole=False)).get_by_label(
        "Yes" if value else "No", exact=True).check()


def _work(n: int, top: int) -> str:
    return WORK.get(n, f"{n} years or more" if n >= top else f"{n} years")


def _scores(page: Page, group_name: str, results: dict[str, Any]) -> None:
    group = page.get_by_role("group", name=group_name, exact=True)
    for ability in ABILITIES:
        control = group.get_by_label(re.compile(f"^{ability}( \\(.*\\))?$"))  # French tests add the sheet's name
        value = results[ability.lower()]
        if control.evaluate("e => e.tagName") == "SELECT":
            text = str(value)
            if results["test"] == "ielts":
                text = f"{float(value):.1f}"
            control.select_option(value=text)
        else:
            control.fill(str(value))


def _results_group(test: str, whose: str = "Your") -> str:
    if test in ("clb", "nclc"):
        return f"Your expected {TEST_LABELS[test]}"
    return f"{whose} {TEST_LABELS[test]} results"


def fill(page: Page, mode: str, p: dict[str, Any]) -> None:
    """Answer the form for profile `p`, question by question, by label."""
    _choose(page, "What is your marital status?", LABELS["marital_status"][p["marital_status"]])
    sp = p["spouse"]
    if sp is not None:
        _yes_no(page, "Is your spouse or common-law partner a citizen", sp["citizen_or_permanent_resident"])
        if not sp["citizen_or_permanent_resident"]:
            _yes_no(page, "Will your spouse or common-law partner come with you", sp["accompanying"])
    age = p["age"]
    age_text = "17 years of age or less" if age <= 17 else "45 years of age or more" if age >= 45 else \
        f"{age} years of age"
    _choose(page, "How old are you?", age_text)
    _choose(page, "What is your level of education?", EDUCATION[p["education"]])
    has_cdn = p["canadian_education"] != "none"
    _yes_no(page, "Have you earned a Canadian degree", has_cdn)
    if has_cdn:
        _choose(page, "Choose the best answer to describe this level of education.",
                CANADIAN_EDUCATION[p["canadian_education"]])
    answer = {"yes": "Yes", "no": "No", "estimate": "I have no results yet: estimate with CLB levels"}[mode]
    page.get_by_role("group", name=question("Are your test results less than two years old?")).get_by_label(
        answer, exact=True).check()
    first = p["first_language"]
    words = "Which official language do you want to estimate first?" if mode == "estimate" else \
        "Which language test did you take for your first official language?"
    _choose(page, words, TEST_LABELS[first["test"]])
    _scores(page, _results_group(first["test"]), first)
    second = p["second_language"]
    _choose(page, "Do you have other language results?", TEST_LABELS[second["test"]] if second else "Not applicable")
    if second:
        _scores(page, _results_group(second["test"]), second)
    _choose(page, "In the last ten years, how many years of skilled work experience in Canada do you have?",
            _work(p["canadian_work_years"], 5))
    _choose(page, "In the last 10 years, how many total years of foreign skilled work experience do you have?",
            _work(p["foreign_work_years"], 3))
    _yes_no(page, "Do you have a certificate of qualification", p["certificate_of_qualification"])
    _yes_no(page, "Do you have a valid job offer", p["job_offer"] != "none")
    if p["job_offer"] != "none":
        _choose(page, "Which NOC TEER is the job offer?", JOB_TEER[p["job_offer"]])
    _yes_no(page, "Do you have a nomination certificate", p["provincial_nomination"])
    _yes_no(page, "Do you or your spouse or common law partner", p["sibling_in_canada"])
    if sp is not None and not sp["citizen_or_permanent_resident"] and sp["accompanying"]:
        visible_label(page, "What is the highest level of education", whole=False).select_option(
            label=EDUCATION[sp["education"]])
        visible_label(page, "In the last ten years, how many years of skilled work experience in Canada does your "
                            "spouse", whole=False).select_option(label=_work(sp["canadian_work_years"], 5))
        sl = sp["language"]
        visible_label(page, "Did your spouse", whole=False).select_option(
            label=TEST_LABELS[sl["test"]] if sl else "Not applicable")
        if sl:
            _scores(page, f"Your spouse's {TEST_LABELS[sl['test']]} results", sl)


def wait_ready(page: Page, timeout: float = 30_000) -> None:
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "ready", timeout=timeout)


def displayed(page: Page, result: dict[str, Any]) -> dict[str, Any]:
    """The total and the four section subtotals as the page shows them."""
    expect(page.locator("#calc-results")).to_be_visible()
    shown: dict[str, Any] = {"total": int(page.locator("#calc-total").inner_text().replace(",", ""))}
    subtotals = {}
    for section in result["sections"]:
        row = page.locator("#calc-breakdown tr.subtotal").filter(
            has=page.get_by_role("rowheader", name=section["subtotal_label"], exact=True))
        subtotals[section["key"]] = int(row.locator("td").inner_text().replace(",", ""))
    shown["subtotals"] = subtotals
    return shown

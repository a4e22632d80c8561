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

from sitegen.calculator_form import form_context, load_calculator_strings
from sitegen.strings import engine_words

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


class Words:
    """What a visitor reads on the page in one language: the questions, options and legends the filler looks
    for, from the same strings files and form data the page is built from."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.s = load_calculator_strings(ROOT, language)
        self.form = form_context(ROOT, language)
        self.labels = engine_words(ROOT, "labels", language)
        self.tests = {key: test["label"] for key, test in self.form["tests"].items()}
        self.education = {key: text for key, text, _ in self.form["education"]}
        self.canadian_education = {key: text for key, text, _ in self.form["canadian_education"]}
        self.job_teer = {key: text for key, text, _ in self.form["job_teer"]}
        self.abilities = [self.labels["abilities"][a] for a in ("speaking", "listening", "reading", "writing")]

    def work(self, n: int, top: int) -> str:
        s = self.s
        return s["work_0"] if n == 0 else s["work_1"] if n == 1 else \
            s["work_max"].format(n=n) if n >= top else s["work_n"].format(n=n)

    def age(self, age: int) -> str:
        s = self.s
        return s["age_17"] if age <= 17 else s["age_45"] if age >= 45 else s["age_n"].format(n=age)

    def results_group(self, test: str, spouse: bool = False) -> str:
        legend = "level_legend" if test in ("clb", "nclc") else "scores_legend"
        return self.s[("spouse_" if spouse else "") + legend].format(test=self.tests[test])


ENGLISH = Words("en")


def _first_words(text: str) -> str:
    """A question's words as its label reads (the strings file's line breaks are spaces), to match its start."""
    return " ".join(text.split())


def visible_label(page: Page, words: str, whole: bool = True):  # noqa: ANN201 - a Locator
    """The visible control of this question (hidden alternatives share labels, e.g. question 5 iii)."""
    return page.get_by_label(question(words, whole)).filter(visible=True)


def _choose(page: Page, words: str, option: str) -> None:
    visible_label(page, words).select_option(label=option)


def _yes_no(page: Page, legend: str, value: bool, w: Words) -> None:
    page.get_by_role("group", name=question(_first_words(legend), whole=False)).get_by_label(
        w.s["answer_yes"] if value else w.s["answer_no"], exact=True).check()


def _scores(page: Page, group_name: str, results: dict[str, Any], w: Words) -> None:
    group = page.get_by_role("group", name=group_name, exact=True)
    for key, ability in zip(("speaking", "listening", "reading", "writing"), w.abilities, strict=True):
        # French tests add the results sheet's name: "Speaking (Expression orale)"
        control = group.get_by_label(re.compile(f"^{re.escape(ability)}( \\(.*\\))?$"))
        value = results[key]
        if control.evaluate("e => e.tagName") == "SELECT":
            text = str(value)
            if results["test"] == "ielts":
                text = f"{float(value):.1f}"
            control.select_option(value=text)
        else:
            control.fill(str(value))


def fill(page: Page, mode: str, p: dict[str, Any], w: Words = ENGLISH) -> None:
    """Answer the form for profile `p`, question by question, by the label a visitor reads (in `w`'s language)."""
    s = w.s
    _choose(page, s["q_marital"], w.labels["marital_status"][p["marital_status"]])
    sp = p["spouse"]
    if sp is not None:
        _yes_no(page, s["q_spouse_citizen"], sp["citizen_or_permanent_resident"], w)
        if not sp["citizen_or_permanent_resident"]:
            _yes_no(page, s["q_spouse_accompanying"], sp["accompanying"], w)
    _choose(page, s["q_age"], w.age(p["age"]))
    _choose(page, s["q_education"], w.education[p["education"]])
    has_cdn = p["canadian_education"] != "none"
    _yes_no(page, s["q_canadian_credential"], has_cdn, w)
    if has_cdn:
        _choose(page, s["q_canadian_education"], w.canadian_education[p["canadian_education"]])
    answer = {"yes": s["results_yes"], "no": s["results_no"], "estimate": s["results_estimate"]}[mode]
    page.get_by_role("group", name=question(s["q_results_valid"])).get_by_label(answer, exact=True).check()
    first = p["first_language"]
    _choose(page, s["q_first_level"] if mode == "estimate" else s["q_first_test"], w.tests[first["test"]])
    _scores(page, w.results_group(first["test"]), first, w)
    second = p["second_language"]
    _choose(page, s["q_second"], w.tests[second["test"]] if second else s["not_applicable"])
    if second:
        _scores(page, w.results_group(second["test"]), second, w)
    _choose(page, s["q_canadian_work"], w.work(p["canadian_work_years"], 5))
    _choose(page, s["q_foreign_work"], w.work(p["foreign_work_years"], 3))
    _yes_no(page, s["q_certificate"], p["certificate_of_qualification"], w)
    _yes_no(page, s["q_job_offer"], p["job_offer"] != "none", w)
    if p["job_offer"] != "none":
        _choose(page, s["q_job_teer"], w.job_teer[p["job_offer"]])
    _yes_no(page, s["q_nomination"], p["provincial_nomination"], w)
    _yes_no(page, s["q_sibling"], p["sibling_in_canada"], w)
    if sp is not None and not sp["citizen_or_permanent_resident"] and sp["accompanying"]:
        visible_label(page, _first_words(s["q_spouse_education"]), whole=False).select_option(
            label=w.education[sp["education"]])
        visible_label(page, _first_words(s["q_spouse_work"]), whole=False).select_option(
            label=w.work(sp["canadian_work_years"], 5))
        sl = sp["language"]
        visible_label(page, _first_words(s["q_spouse_test"]), whole=False).select_option(
            label=w.tests[sl["test"]] if sl else s["not_applicable"])
        if sl:
            _scores(page, w.results_group(sl["test"], spouse=True), sl, w)


def wait_ready(page: Page, timeout: float = 30_000) -> None:
    expect(page.locator("#calculator")).to_have_attribute("data-calculator-state", "ready", timeout=timeout)


def _number(text: str) -> int:
    """A whole number as either language writes it: "1,050" or "1 050" (a no-break space)."""
    return int(re.sub(r"\D", "", text))


def displayed(page: Page, result: dict[str, Any], w: Words = ENGLISH) -> dict[str, Any]:
    """The total and the four section subtotals as the page shows them (its rows found by `w`'s words)."""
    expect(page.locator("#calc-results")).to_be_visible()
    shown: dict[str, Any] = {"total": _number(page.locator("#calc-total").inner_text())}
    subtotals = {}
    for section in w.labels["sections"]:
        row = page.locator("#calc-breakdown tr.subtotal").filter(
            has=page.get_by_role("rowheader", name=section["subtotal_label"], exact=True))
        subtotals[section["key"]] = _number(row.locator("td").inner_text())
    shown["subtotals"] = subtotals
    return shown


def fill_for_link(page: Page, url: str, mode: str, p: dict[str, Any]) -> str:
    """Open the calculator at ``url``, answer ``p``, wait for the engine's total, and return the share link.
    Read only then: the link is rewritten with each result, so read earlier it could lack the last answers (the
    spouse's test, answered last, was missing from it in some runs)."""
    page.goto(url)
    wait_ready(page)
    fill(page, mode, p)
    expect(page.locator("#calc-total")).to_have_text(f"{expected(mode, p)['total']:,}")
    return page.locator("#calc-share-link").input_value()

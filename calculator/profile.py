"""Profile validation: check every field, list every problem, and normalise a valid profile.

Errors are {"field": "dotted.path", "code": ..., "params": {...}, "message": "plain English"} (calculator/codes.py:
the page words the code in its own language; the message is the English for direct users). Validation never
raises. A valid
profile becomes a `Profile` holding CLB levels (not raw scores), so scoring and the what-if
re-scoring in improvements.py never parse anything again.
"""

from __future__ import annotations

import sys
import time

from . import language as lang
from .occupations import is_code as _is_noc_code
from .rules import (
    ABILITIES,
    CANADIAN_EDUCATION,
    EARLIEST,
    EDUCATION_LEVELS,
    EDUCATION_RANK,
    JOB_OFFERS,
    MARITAL_STATUSES,
    PARAMETERS,
    Rules,
    rules_for,
)

WITH_PARTNER = ("married", "common_law")
MAX_AGE = 120
MAX_WORK_YEARS = 10  # both work questions count the last ten years

TOP_FIELDS = (
    "rules_date", "marital_status", "spouse", "age", "education", "canadian_education", "first_language",
    "second_language", "canadian_work_years", "foreign_work_years", "certificate_of_qualification", "job_offer",
    "provincial_nomination", "sibling_in_canada", "eligibility", "occupation", "partner", "dates", "documents",
)
REQUIRED = (
    "marital_status", "age", "education", "canadian_education", "first_language", "canadian_work_years",
    "foreign_work_years", "certificate_of_qualification", "job_offer", "provincial_nomination", "sibling_in_canada",
)

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any
SPOUSE_FIELDS = ("citizen_or_permanent_resident", "accompanying", "education", "canadian_work_years", "language")
LANG_FIELDS = ("test",) + ABILITIES
# The optional occupation (category rounds): a NOC 2021 code and months of work in it in the last 3 years.
OCCUPATION_FIELDS = ("noc", "months_last_3_years", "canadian_months_last_3_years", "continuous_months")
MAX_OCCUPATION_MONTHS = 36

# Optional inputs that only eligibility needs: (kind, minimum, maximum, meaning). Missing = unknown.
ELIGIBILITY_FIELDS: dict[str, tuple[str, float, float | None, str]] = {
    "language_results_under_2_years": (
        "bool", 0, None, "Every language test result used is less than two years old (all programs)."),
    "continuous_work_years": (
        "int", 0, 10, "FSW: longest continuous full-time (or equal part-time) paid skilled work (TEER 0-3) in one "
        "occupation within the last 10 years, in whole years."),
    "skilled_work_years_last_10": (
        "int", 0, 10, "FSW grid: total years of full-time (or equal part-time) paid skilled work (TEER 0-3) in the "
        "last 10 years, in Canada and abroad."),
    "canadian_work_years_last_3": (
        "int", 0, 3, "CEC: years of full-time (or equal part-time) paid, authorized skilled work (TEER 0-3) in Canada "
        "in the last 3 years (not self-employment or work as a full-time student)."),
    "canadian_work_teer": (
        "int", 0, 3, "CEC: TEER category (0, 1, 2 or 3) of that Canadian work (CLB 7 needed for TEER 0 or 1, "
        "CLB 5 for TEER 2 or 3)."),
    "trade_work_years_last_5": (
        "int", 0, 5, "FST: years of full-time (or equal part-time) work in an eligible skilled trade in the last 5 "
        "years."),
    "trade_job_offer": (
        "bool", 0, None, "FST: a valid full-time job offer in the trade for at least one year."),
    "settlement_funds": (
        "number", 0, None, "FSW/FST: settlement funds you can show, in Canadian dollars."),
    "family_size": (
        "int", 1, 50, "FSW/FST: number of family members: you, your spouse or partner and dependent children "
        "(even if they are Canadian citizens or not coming)."),
    "authorized_to_work": (
        "bool", 0, None, "You are authorized to work in Canada now (with a valid job offer this waives proof of "
        "funds)."),
    "studied_in_canada_2_years": (
        "bool", 0, None, "FSW adaptability: you completed at least two academic years of full-time study in Canada."),
    "spouse_studied_in_canada_2_years": (
        "bool", 0, None, "FSW adaptability: your accompanying spouse or partner completed at least two academic "
        "years of full-time study in Canada."),
    "relative_in_canada": (
        "bool", 0, None, "FSW adaptability: you or your accompanying spouse have a relative 18 or older in Canada "
        "who is a citizen or permanent resident (parent, grandparent, child, grandchild, sibling, aunt, uncle, "
        "niece or nephew)."),
}


_TOP_SET = frozenset(TOP_FIELDS)
_MARITAL_SET = frozenset(MARITAL_STATUSES)
_JOB_SET = frozenset(JOB_OFFERS)
_REQUIRED_SET = frozenset(REQUIRED)
_LANG_SET = frozenset(LANG_FIELDS)
_ELIG_SET = frozenset(ELIGIBILITY_FIELDS)
_SPOUSE_SET = frozenset(SPOUSE_FIELDS)
_OCCUPATION_SET = frozenset(OCCUPATION_FIELDS)
_RULES_BY_DATE: dict[str, Rules] = {}  # rules dates already validated, and the rules in force on each
# Lowest overall education consistent with each kind of Canadian credential.
_CANADIAN_EDU_MIN = {"none": "none", "one_or_two_year": "one_year", "three_year_or_more": "bachelors"}


class Lang:
    """One set of language results, converted to a CLB/NCLC level per ability."""

    __slots__ = ("test", "language", "clb")

    def __init__(self, test: str, clb: tuple[int, ...]) -> None:
        self.test = test
        self.language = lang.TEST_LANGUAGE[test]
        self.clb = clb


class Profile:
    """A validated, normalised profile. CLB tuples are in ABILITIES order."""

    __slots__ = (
        "rules_date", "rules", "marital_status", "with_spouse", "spouse_cpr", "spouse_accompanying",
        "spouse_education", "spouse_work", "spouse_lang", "age", "education", "canadian_education", "lang1",
        "lang2", "canadian_work", "foreign_work", "certificate", "job_offer", "nomination", "sibling", "elig",
        "occupation", "partner", "dates", "documents",
    )
    rules: Rules
    lang1: Lang
    lang2: Lang | None
    spouse_lang: Lang | None


_NO_ENGLISH: list[bool] = []  # [True] once codes.py was found missing: asked once, not on every error


def render(code: str, params: dict[str, Any]) -> str | None:
    """codes.render, imported on the first error: a valid score never needs it, so `import calculator` (the page's
    start-up) does not compile it.

    None where the engine ships without its English words: the browser's copy leaves out codes.py and
    data/messages.json (sitegen/pyodide_bundle.py, NOT_IN_BROWSER), since the page words every code in its own
    language. That saves 12 KB of the calculator's download and the first incomplete form's import of them."""
    if _NO_ENGLISH:
        return None
    try:
        return plan_module("codes").render(code, params)
    except ModuleNotFoundError:
        _NO_ENGLISH.append(True)
        return None


def error_entry(field: str, code: str, params: dict[str, Any]) -> dict[str, Any]:
    """One error as the engine reports it: the code and its parameters for the page, and the English for direct
    users (not in the browser, whose engine has no English words: `render`)."""
    error = {"field": field, "code": code, "params": params}
    message = render(code, params)
    if message is not None:
        error["message"] = message
    return error


class _Errors(list):
    def add(self, field: str, code: str, **params: Any) -> None:
        """One error (`error_entry`)."""
        self.append(error_entry(field, code, params))

    def put(self, field: str, error: dict[str, Any]) -> None:
        """An error found in another profile (the swapped one), under this profile's field."""
        self.append({**error, "field": field})


def today() -> str:
    """Today's local date as YYYY-MM-DD (time, not datetime: cheaper to import)."""
    return time.strftime("%Y-%m-%d", time.localtime())


def _looks_like_date(value: Any) -> bool:
    """YYYY-MM-DD with ASCII digits (checked without re: compiling patterns costs import time)."""
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    digits = value[:4] + value[5:7] + value[8:]
    return digits.isascii() and digits.isdigit()


def _is_real_date(text: str) -> bool:
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return day <= days


def _int(value: Any) -> int | None:
    """An integer value (integral floats from JavaScript count), else None. Booleans are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _years(n: int) -> dict[str, Any]:
    """A number of years, as a message parameter (the words choose "1 year" or "2 years")."""
    return {"code": "years", "params": {"count": n}}


def _months(n: int) -> dict[str, Any]:
    return {"code": "months", "params": {"count": n}}


def _check_int(errors: _Errors, data: dict, key: str, path: str, lo: int, hi: int, what: str) -> int | None:
    value = data.get(key)
    n = _int(value)
    if n is None:
        errors.add(path, "int_expected", what=what, lo=lo, hi=hi, value=_show(value))
        return None
    if not lo <= n <= hi:
        errors.add(path, "int_range", what=what, n=n, lo=lo, hi=hi)
        return None
    return n


def _check_bool(errors: _Errors, data: dict, key: str, path: str) -> bool | None:
    value = data.get(key)
    if not isinstance(value, bool):
        errors.add(path, "bool_expected", value=_show(value))
        return None
    return value


def _check_enum(errors: _Errors, data: dict, key: str, path: str, options: tuple[str, ...]) -> str | None:
    value = data.get(key)
    if not isinstance(value, str) or value not in options:
        errors.add(path, "enum_expected", options=", ".join(options), value=_show(value))
        return None
    return value


def _show(value: Any) -> str:
    """A value quoted in an error, as JSON writes the words (the page shows it in any language)."""
    if value is None or type(value) is bool:
        return "null" if value is None else "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _unknown_keys(errors: _Errors, data: dict, allowed: tuple[str, ...], prefix: str) -> None:
    for key in data:
        if key not in allowed:
            errors.add(prefix + str(key), "unknown_field")


def _accepted_from(test: str) -> str:
    return PARAMETERS["language." + test][0]["from"]


def _check_lang(errors: _Errors, value: Any, path: str, rules: Rules | None) -> Lang | None:
    # Fast path: known test, exactly the five fields, every score a valid number (one lookup each).
    if type(value) is dict and rules is not None and value.keys() == _LANG_SET:
        test = value["test"]
        maps = rules.level_maps(test) if type(test) is str and test in lang.TEST_LANGUAGE else None
        if maps is not None:
            s, li, r, w = value["speaking"], value["listening"], value["reading"], value["writing"]
            ok = (int, float, str)  # not bool (a subclass of int, but no score), not lists or dicts
            if type(s) in ok and type(li) in ok and type(r) in ok and type(w) in ok:
                clb = (maps[0].get(s), maps[1].get(li), maps[2].get(r), maps[3].get(w))
                if None not in clb:
                    return Lang(test, clb)
    return _check_lang_slow(errors, value, path, rules)


def _check_lang_slow(errors: _Errors, value: Any, path: str, rules: Rules | None) -> Lang | None:
    if not isinstance(value, dict):
        errors.add(path, "language_results_expected", fields="{" + ", ".join(LANG_FIELDS) + "}", value=_show(value))
        return None
    n_before = len(errors)
    _unknown_keys(errors, value, LANG_FIELDS, path + ".")
    test = _check_enum(errors, value, "test", path + ".test", lang.TEST_NAMES)
    if test is None:
        for ability in ABILITIES:
            if ability not in value:
                errors.add(path + "." + ability, "missing_score")
        return None
    if rules is not None and rules.conversions[test] is None:
        errors.add(path + ".test", "test_not_accepted", test=test, since=_accepted_from(test))
        return None
    scores = []
    for ability in ABILITIES:
        if ability not in value:
            errors.add(path + "." + ability, "missing_score")
            continue
        score, problem = lang.parse_score(test, ability, value[ability])
        if problem is not None:
            errors.add(path + "." + ability, problem[0], **problem[1])
        else:
            scores.append(score)
    if len(errors) != n_before or rules is None:
        return None
    to_level = lang.to_level
    clb = (to_level(rules, test, "speaking", scores[0]), to_level(rules, test, "listening", scores[1]),
           to_level(rules, test, "reading", scores[2]), to_level(rules, test, "writing", scores[3]))
    return Lang(test, clb)


def _check_date(errors: _Errors, value: Any) -> str | None:
    if value is None:
        return today()
    if not _looks_like_date(value):
        errors.add("rules_date", "date_format", value=_show(value))
        return None
    if not _is_real_date(value):
        errors.add("rules_date", "date_not_real", value=value)
        return None
    if value < EARLIEST:
        errors.add("rules_date", "date_before_start", earliest=EARLIEST)
        return None
    return value


def validate_profile(data: Any) -> tuple[Profile | None, list[dict[str, str]]]:
    """Check a profile dict. Returns (Profile, []) when valid, else (None, every error found)."""
    errors = _Errors()
    if not isinstance(data, dict):
        errors.add("profile", "profile_expected", value=_show(data))
        return None, errors
    keys = data.keys()
    if not keys <= _TOP_SET:
        _unknown_keys(errors, data, TOP_FIELDS, "")
    if not keys >= _REQUIRED_SET:
        for key in REQUIRED:
            if key not in data:
                errors.add(key, "required")

    get = data.get
    v = get("rules_date")
    rules = _RULES_BY_DATE.get(v) if type(v) is str else None
    if rules is not None:  # a date seen before: valid, and its rules known
        rules_date = v
    else:
        rules_date = _check_date(errors, v)
        rules = rules_for(rules_date) if rules_date is not None else None
        if rules is not None and v is not None:
            if len(_RULES_BY_DATE) > 4096:  # bounded: a long-running process may see many dates
                _RULES_BY_DATE.clear()
            _RULES_BY_DATE[v] = rules

    # Each field: a quick type-and-range test for the usual valid value, the checked path otherwise.
    v = get("marital_status")
    marital = v if type(v) is str and v in _MARITAL_SET else \
        _check_enum(errors, data, "marital_status", "marital_status", MARITAL_STATUSES) if "marital_status" in data \
        else None
    v = get("age")
    age = v if type(v) is int and 0 <= v <= MAX_AGE else \
        _check_int(errors, data, "age", "age", 0, MAX_AGE, "age") if "age" in data else None
    v = get("education")
    education = v if type(v) is str and v in EDUCATION_RANK else \
        _check_enum(errors, data, "education", "education", EDUCATION_LEVELS) if "education" in data else None
    v = get("canadian_education")
    canadian_education = v if type(v) is str and v in _CANADIAN_EDU_MIN else \
        _check_enum(errors, data, "canadian_education", "canadian_education", CANADIAN_EDUCATION) \
        if "canadian_education" in data else None
    if education is not None and canadian_education is not None:
        need = _CANADIAN_EDU_MIN[canadian_education]
        if EDUCATION_RANK[education] < EDUCATION_RANK[need]:
            errors.add("canadian_education", "canadian_education_level", needed=need, chosen=education)

    lang1 = _check_lang(errors, data["first_language"], "first_language", rules) if "first_language" in data else None
    lang2 = None
    second = data.get("second_language")
    if second is not None:
        lang2 = _check_lang(errors, second, "second_language", rules)
        first_test = data["first_language"].get("test") if isinstance(data.get("first_language"), dict) else None
        second_test = second.get("test") if isinstance(second, dict) else None
        # type tests first: a test given as a list or object is unhashable (its field error is added above)
        if type(first_test) is str and type(second_test) is str \
                and first_test in lang.TEST_LANGUAGE and second_test in lang.TEST_LANGUAGE \
                and lang.TEST_LANGUAGE[first_test] == lang.TEST_LANGUAGE[second_test]:
            other = "french" if lang.TEST_LANGUAGE[first_test] == "english" else "english"
            errors.add("second_language.test", "second_language_same", other=other, first=first_test,
                       second=second_test)
            lang2 = None

    v = get("canadian_work_years")
    cw = v if type(v) is int and 0 <= v <= MAX_WORK_YEARS else \
        _check_int(errors, data, "canadian_work_years", "canadian_work_years", 0, MAX_WORK_YEARS,
                   "canadian_work_years") if "canadian_work_years" in data else None
    v = get("foreign_work_years")
    fw = v if type(v) is int and 0 <= v <= MAX_WORK_YEARS else \
        _check_int(errors, data, "foreign_work_years", "foreign_work_years", 0, MAX_WORK_YEARS,
                   "foreign_work_years") if "foreign_work_years" in data else None
    v = get("job_offer")
    job = v if type(v) is str and v in _JOB_SET else \
        _check_enum(errors, data, "job_offer", "job_offer", JOB_OFFERS) if "job_offer" in data else None
    flags = []
    for key in ("certificate_of_qualification", "provincial_nomination", "sibling_in_canada"):
        v = get(key)
        flags.append(v if type(v) is bool else _check_bool(errors, data, key, key) if key in data else None)
    coq, pnp, sibling = flags

    spouse = _check_spouse(errors, data.get("spouse"), marital, rules)
    elig = _check_eligibility(errors, data.get("eligibility"), marital, cw, fw)
    occupation = _check_occupation(errors, data.get("occupation"))
    docs = None if get("documents") is None else \
        plan_module("documents").check(errors, get("documents"), marital, education, canadian_education)
    canadian = occupation.get("canadian_months_last_3_years")
    if canadian is not None and cw is not None and "noc" in occupation and int(occupation["noc"][1]) <= 3 \
            and canadian // 12 > cw:
        errors.add("occupation.canadian_months_last_3_years", "canadian_months_over_work", months=_months(canadian),
                   years=_years(cw))
    partner = plan_module("swap").check(errors, data, marital, spouse, rules_date) \
        if get("partner") is not None else None

    dates = plan_module("timeline").check_dates(errors, data["dates"], rules_date, age, cw, lang2, spouse[4]) \
        if get("dates") is not None else None

    if errors:
        return None, errors
    with_spouse = marital in WITH_PARTNER and spouse[0] is False and spouse[1] is True
    p = Profile()
    p.rules_date, p.rules, p.marital_status, p.with_spouse = rules_date, rules, marital, with_spouse
    p.spouse_cpr, p.spouse_accompanying, p.spouse_education, p.spouse_work, p.spouse_lang = spouse
    p.age, p.education, p.canadian_education, p.lang1, p.lang2 = age, education, canadian_education, lang1, lang2
    p.canadian_work, p.foreign_work, p.certificate, p.job_offer = cw, fw, coq, job
    p.nomination, p.sibling, p.elig, p.occupation, p.dates = pnp, sibling, elig, occupation, dates
    p.partner, p.documents = partner, docs
    return p, []


def _check_spouse(errors: _Errors, value: Any, marital: str | None, rules: Rules | None) -> tuple:
    none = (None, None, None, None, None)
    if marital is None:
        return none
    if marital not in WITH_PARTNER:
        if value is not None:
            errors.add("spouse", "spouse_not_allowed", marital=marital)
        return none
    if type(value) is dict and value.keys() <= _SPOUSE_SET:
        # Fast path: the usual valid answers, one type test each; anything else goes through the checks below.
        cpr, accompanying = value.get("citizen_or_permanent_resident"), value.get("accompanying")
        edu, work, language = value.get("education"), value.get("canadian_work_years"), value.get("language")
        scored = cpr is False and accompanying
        if type(cpr) is bool and (accompanying is None and cpr or type(accompanying) is bool) \
                and (edu is None and not scored or type(edu) is str and edu in EDUCATION_RANK) \
                and (work is None and not scored or type(work) is int and 0 <= work <= MAX_WORK_YEARS):
            sp_lang = _check_lang(errors, language, "spouse.language", rules) if language is not None else None
            return cpr, accompanying, edu, work, sp_lang
    if not isinstance(value, dict):
        errors.add("spouse", "spouse_required", marital=marital, fields=", ".join(SPOUSE_FIELDS))
        return none
    _unknown_keys(errors, value, SPOUSE_FIELDS, "spouse.")
    cpr = _check_bool(errors, value, "citizen_or_permanent_resident", "spouse.citizen_or_permanent_resident")
    accompanying = None
    if cpr is False or value.get("accompanying") is not None:
        accompanying = _check_bool(errors, value, "accompanying", "spouse.accompanying")
    scored = cpr is False and accompanying is True
    # The spouse's own factors are asked (and required) only when the spouse is scored, as in IRCC's tool.
    edu = work = sp_lang = None
    if scored or value.get("education") is not None:
        edu = _check_enum(errors, value, "education", "spouse.education", EDUCATION_LEVELS)
    if scored or value.get("canadian_work_years") is not None:
        work = _check_int(errors, value, "canadian_work_years", "spouse.canadian_work_years", 0, MAX_WORK_YEARS,
                          "spouse_canadian_work_years")
    if value.get("language") is not None:
        sp_lang = _check_lang(errors, value["language"], "spouse.language", rules)
    return cpr, accompanying, edu, work, sp_lang


def _check_eligibility(errors: _Errors, value: Any, marital: str | None, cw: int | None,
                       fw: int | None) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add("eligibility", "eligibility_expected", value=_show(value))
        return {}
    if not value.keys() <= _ELIG_SET:
        _unknown_keys(errors, value, tuple(ELIGIBILITY_FIELDS), "eligibility.")
    out: dict[str, Any] = {}
    for key, raw in value.items():
        spec = ELIGIBILITY_FIELDS.get(key)
        if spec is None or raw is None:
            continue
        kind, lo, hi, _meaning = spec
        # the usual valid answer passes with one type test; anything else goes through the checkers
        if kind == "bool":
            out[key] = raw if type(raw) is bool else _check_bool(errors, value, key, "eligibility." + key)
        elif kind == "int":
            out[key] = raw if type(raw) is int and lo <= raw <= hi else \
                _check_int(errors, value, key, "eligibility." + key, int(lo), int(hi or 0), key)
        elif isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != raw or raw < lo \
                or raw == float("inf"):
            errors.add("eligibility." + key, "amount_expected", what=key, min=lo, value=_show(raw))
        else:
            out[key] = raw
    # Cross-checks between answers that cannot all be true at once.
    last3 = out.get("canadian_work_years_last_3")
    if last3 is not None and cw is not None and cw < 3 and last3 > cw:
        errors.add("eligibility.canadian_work_years_last_3", "last3_over_work", last3=_years(last3), work=_years(cw))
    total = out.get("skilled_work_years_last_10")
    if total is not None and cw is not None and fw is not None and total < cw + fw:
        errors.add("eligibility.skilled_work_years_last_10", "total_under_sum", total=_years(total), canada=_years(cw),
                   abroad=_years(fw))
    cont = out.get("continuous_work_years")
    if cont is not None and total is not None and cont > total:
        errors.add("eligibility.continuous_work_years", "continuous_over_total", continuous=_years(cont),
                   total=_years(total))
    size = out.get("family_size")
    if size is not None and marital in WITH_PARTNER and size < 2:
        errors.add("eligibility.family_size", "family_size_with_partner")
    if None in out.values():
        return {k: v for k, v in out.items() if v is not None}
    return out


_PLAN: dict[str, Any] = {}


def plan_module(name: str):  # noqa: ANN201 - a module imported on first use (swap, timeline, documents, codes)
    """The plan's module ``name``, imported on the first profile that needs it (each imports this module).

    Cached here: an import statement inside a function runs importlib's from-list handling on every call,
    some 3,000 instructions, which every score the page asks for (it always sends document answers) paid.
    """
    module = _PLAN.get(name)
    if module is None:
        __import__(f"{__package__}.{name}")
        module = _PLAN[name] = sys.modules[f"{__package__}.{name}"]
    return module


def _check_occupation(errors: _Errors, value: Any) -> dict[str, Any]:
    """The optional occupation: every field optional (a missing one makes a category "unknown"), each checked."""
    if value is None:
        return {}
    if type(value) is dict and value.keys() <= _OCCUPATION_SET:
        # Fast path: the page's usual answer (a known code and whole months 0-36 that fit together), one test each;
        # anything else, None included, goes through the checks below.
        get = value.get
        code, total, canadian, continuous = (get("noc"), get("months_last_3_years"),
                                             get("canadian_months_last_3_years"), get("continuous_months"))
        if type(code) is str and type(total) is int and type(canadian) is int and type(continuous) is int \
                and 0 <= canadian <= total <= MAX_OCCUPATION_MONTHS and 0 <= continuous <= total \
                and _is_noc_code(code):
            return dict(value)
    if not isinstance(value, dict):
        errors.add("occupation", "occupation_expected", fields="{" + ", ".join(OCCUPATION_FIELDS) + "}",
                   value=_show(value))
        return {}
    if not value.keys() <= _OCCUPATION_SET:
        _unknown_keys(errors, value, OCCUPATION_FIELDS, "occupation.")
    out: dict[str, Any] = {}
    code = value.get("noc")
    if code is not None:
        is_code = _is_noc_code
        if type(code) is not str or len(code) != 5 or not (code.isascii() and code.isdigit()):
            errors.add("occupation.noc", "noc_format", value=_show(code))
        elif not is_code(code):
            errors.add("occupation.noc", "noc_unknown", noc=code)
        else:
            out["noc"] = code
    months = {}
    for key in OCCUPATION_FIELDS[1:]:
        if value.get(key) is not None:
            n = _check_int(errors, value, key, "occupation." + key, 0, MAX_OCCUPATION_MONTHS, key)
            if n is not None:
                months[key] = n
    total = months.get("months_last_3_years")
    for key, code in (("canadian_months_last_3_years", "canadian_months_over_total"),
                      ("continuous_months", "continuous_months_over_total")):
        n = months.get(key)
        if n is not None and total is not None and n > total:
            errors.add("occupation." + key, code, months=_months(n), total=_months(total))
            del months[key]
    out.update(months)
    return out

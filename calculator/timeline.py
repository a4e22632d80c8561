"""The dates that change the score: birthdays, Canadian work anniversaries, expiries and deadlines.

From the optional profile field ``dates`` this lists, in date order and after the rules date, each day on
which the score changes (re-scored through crs.py under the same rules, never a hand-written table) or a
document stops counting. Documents already expired on the rules date become warning codes instead.

Dates are "YYYY-MM-DD" strings and the arithmetic is day numbers of our own (datetime is not in the
calculator's trimmed Pyodide standard library, and strings in this format compare in date order).
A year is complete on the same month and day; 29 February, in a year without one, counts as 1 March.
A profile without dates costs one call that returns at once.
"""

from __future__ import annotations

from . import crs
from .profile import MAX_WORK_YEARS, Profile, _is_real_date, _looks_like_date, _show, _unknown_keys

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any

DATE_FIELDS = (
    "birth", "first_language_test", "second_language_test", "spouse_language_test", "eca", "canadian_work_start",
    "profile_submitted", "invitation",
)
_DATE_SET = frozenset(DATE_FIELDS)
# How long each document counts (IRCC): language results 2 years from the result date, an ECA 5 years from
# its issue date, a profile 12 months in the pool; an application is due 60 days after the invitation.
LANGUAGE_YEARS = 2
ECA_YEARS = 5
PROFILE_YEARS = 1
APPLICATION_DAYS = 60
LANGUAGES = ("first_language", "second_language", "spouse_language")
# The order of events that fall on the same day.
_ORDER = {"birthday": 0, "canadian_work": 1, "language_expires": 2, "eca_expires": 3, "profile_expires": 4,
          "application_deadline": 5}
# What the age answer means at its ends: the form's "17 or less" and "45 or more".
_AGE_LOW, _AGE_HIGH = 17, 45


def _parts(text: str) -> tuple[int, int, int]:
    return int(text[:4]), int(text[5:7]), int(text[8:10])


def day_number(text: str) -> int:
    """Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian; H. Hinnant's days_from_civil)."""
    y, m, d = _parts(text)
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def from_day_number(n: int) -> str:
    """The YYYY-MM-DD date of a day number (the inverse of day_number)."""
    n += 719468
    era = n // 146097
    doe = n - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return f"{yoe + era * 400 + (m <= 2):04d}-{m:02d}-{d:02d}"


def add_days(text: str, days: int) -> str:
    return from_day_number(day_number(text) + days)


def add_years(text: str, years: int) -> str:
    """The day `years` full years after `text` are complete: 29 February becomes 1 March in a common year."""
    y, m, d = _parts(text)
    y += years
    if m == 2 and d == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        m, d = 3, 1
    return f"{y:04d}-{m:02d}-{d:02d}"


def full_years(start: str, end: str) -> int:
    """Whole years from `start` to `end` (an age on a day); negative when `end` is earlier."""
    years = int(end[:4]) - int(start[:4])
    return years - 1 if end[5:] < start[5:] else years


def _years(n: int) -> dict[str, Any]:
    """A number of years, as a message parameter (the words choose "1 year" or "2 years")."""
    return {"code": "years", "params": {"count": n}}


def check_dates(errors: Any, value: Any, rules_date: str | None, age: int | None, canadian_work: int | None,
                lang2: Any, spouse_lang: Any) -> dict[str, str]:
    """The valid optional dates ({field: YYYY-MM-DD}); every problem added to `errors` as dates.<field>."""
    if not isinstance(value, dict):
        errors.add("dates", "dates_expected", value=_show(value))
        return {}
    if not value.keys() <= _DATE_SET:
        _unknown_keys(errors, value, DATE_FIELDS, "dates.")
    out: dict[str, str] = {}
    for key in DATE_FIELDS:
        raw = value.get(key)
        if raw is None:
            continue
        path = "dates." + key
        if not _looks_like_date(raw):
            errors.add(path, "date_format", value=_show(raw))
        elif not _is_real_date(raw):
            errors.add(path, "date_not_real", value=raw)
        elif rules_date is not None and raw > rules_date:
            errors.add(path, "date_after_rules", value=raw, rules_date=rules_date)
        else:
            out[key] = raw
    birth = out.get("birth")
    if birth is not None and rules_date is not None and age is not None:
        real = full_years(birth, rules_date)
        if real != age and not (age == _AGE_HIGH and real > age) and not (age == _AGE_LOW and real < age):
            errors.add("dates.birth", "birth_age_mismatch", real=real, rules_date=rules_date, age=age)
            del out["birth"]
    if birth is not None:
        for key in DATE_FIELDS[1:]:
            if key in out and out[key] < birth:
                errors.add("dates." + key, "date_before_birth", value=out[key], birth=birth)
                del out[key]
    for key, given, code in (("second_language_test", lang2, "second_test_date_without_results"),
                             ("spouse_language_test", spouse_lang, "spouse_test_date_without_results")):
        if key in out and given is None:
            errors.add("dates." + key, code)
            del out[key]
    start = out.get("canadian_work_start")
    if start is not None and rules_date is not None and canadian_work is not None:
        years = min(full_years(start, rules_date), MAX_WORK_YEARS)
        if years > canadian_work:
            errors.add("dates.canadian_work_start", "work_start_over_years", start=start, years=_years(years),
                       rules_date=rules_date, given=_years(canadian_work))
            del out["canadian_work_start"]
    submitted, invited = out.get("profile_submitted"), out.get("invitation")
    if submitted is not None and invited is not None and invited < submitted:
        errors.add("dates.invitation", "invitation_before_profile", invitation=invited, submitted=submitted)
        del out["invitation"]
    return out


def _copy(p: Profile) -> Profile:
    q = Profile()
    for name in Profile.__slots__:
        setattr(q, name, getattr(p, name))
    return q


def compute(p: Profile) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(timeline, warnings) for a valid profile: both empty when it gives no dates.

    timeline: [{"date", "kind", "points", ...params}] in date order, each re-scored on the profile as it
    stands after the events before it. warnings: [{"code", "date", ...}] for documents already expired.
    """
    dates = p.dates
    if not dates:
        return [], []
    today = p.rules_date
    # (date, kind, params, change): `change` edits the running profile, or is None for a date without points.
    events: list[tuple[str, str, dict[str, Any], Any]] = []
    warnings: list[dict[str, Any]] = []

    birth = dates.get("birth")
    if birth is not None:
        table = p.rules.age[1 if p.with_spouse else 0]
        last = max(i for i, v in enumerate(table) if v != table[-1]) + 1  # every older age scores the same
        for n in range(full_years(birth, today) + 1, last + 1):
            events.append((add_years(birth, n), "birthday", {"age": n}, ("age", n)))
    start = dates.get("canadian_work_start")
    if start is not None:
        done = full_years(start, today)
        for years in range(p.canadian_work + 1, MAX_WORK_YEARS + 1):
            # the visitor's whole years, plus one at each anniversary of the current job's start
            events.append((add_years(start, done + years - p.canadian_work), "canadian_work", {"years": years},
                           ("canadian_work", years)))
    for which in LANGUAGES:
        taken = dates.get(which + "_test")
        if taken is None:
            continue
        ends = add_years(taken, LANGUAGE_YEARS)
        if ends <= today:
            warnings.append({"code": "language_expired", "date": ends, "which": which})
        else:
            # The CRS cannot use an expired result: the second and the spouse's simply stop scoring; without a
            # first-language result the profile cannot stay in the pool (no points to give).
            change = None if which == "first_language" else ("lang2" if which == "second_language"
                                                             else "spouse_lang", None)
            events.append((ends, "language_expires", {"which": which}, change))
    for key, kind, code, years in (("eca", "eca_expires", "eca_expired", ECA_YEARS),
                                   ("profile_submitted", "profile_expires", "profile_expired", PROFILE_YEARS)):
        if key in dates:
            ends = add_years(dates[key], years)
            if ends <= today:
                warnings.append({"code": code, "date": ends})
            else:
                events.append((ends, kind, {}, None))
    invited = dates.get("invitation")
    if invited is not None:
        due = add_days(invited, APPLICATION_DAYS)
        if due < today:  # the last day itself still counts
            warnings.append({"code": "invitation_deadline_passed", "date": due})
        else:
            events.append((due, "application_deadline", {}, None))

    events.sort(key=lambda e: (e[0], _ORDER[e[1]]))
    q = _copy(p)
    total = crs.score(q)[0]
    out: list[dict[str, Any]] = []
    for date, kind, params, change in events:
        points = None
        if change is not None:
            setattr(q, change[0], change[1])
            new = crs.score(q)[0]
            points, total = new - total, new
            if points == 0 and kind in ("birthday", "canadian_work"):
                continue  # a day that changes nothing is not a date that changes the score
        out.append({"date": date, "kind": kind, "points": points, **params})
    return out, warnings

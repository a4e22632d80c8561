"""Display tables for the site, rendered from the same dated data the engine scores with.

`criteria_tables(date)` returns every table by a stable id (the site's Markdown pages name them);
each cell is a display string. Table ids and layout live here; every number comes from the data.
"""

from __future__ import annotations

from . import language as lang
from .profile import today
from .rules import ABILITIES, EDUCATION_LEVELS, LABELS, parameter_entry, sources_for

TABLE_IDS = (
    "crs-age", "crs-education", "crs-first-language", "crs-second-language", "crs-canadian-work",
    "crs-spouse-education", "crs-spouse-language", "crs-spouse-canadian-work", "crs-transferability-education",
    "crs-transferability-foreign-work", "crs-certificate-of-qualification", "crs-additional", "language-celpip",
    "language-ielts", "language-pte-core", "language-tef", "language-tef-old-scale", "language-tcf", "fsw-language",
    "fsw-education", "fsw-experience", "fsw-age", "fsw-arranged-employment", "fsw-adaptability", "proof-of-funds",
)
# Category tables exist only for the categories in force on the date: `categories` (the overview) and one
# `category-<key>` table of occupations per occupation category (e.g. category-healthcare).
CATEGORY_KEYS = ("healthcare", "stem", "trades", "education", "transport", "agriculture", "physicians",
                 "senior_managers", "researchers", "military")
CATEGORY_TABLE_IDS = ("categories", *(f"category-{k.replace('_', '-')}" for k in CATEGORY_KEYS))
CATEGORY_NAMES = {
    "french": "French-language proficiency", "healthcare": "Healthcare and social services occupations",
    "stem": "Science, technology, engineering and math (STEM) occupations", "trades": "Trade occupations",
    "education": "Education occupations", "transport": "Transport occupations",
    "agriculture": "Agriculture and agri-food occupations", "physicians": "Physicians with Canadian work experience",
    "senior_managers": "Senior managers with Canadian work experience",
    "researchers": "Researchers with Canadian work experience", "military": "Skilled military recruits",
}
CONFIDENCE = {"high": "High", "medium-high": "Medium to high", "medium": "Medium"}

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds of import
if TYPE_CHECKING:
    from typing import Any
WITH, WITHOUT = "With a spouse or common-law partner", "Without a spouse or common-law partner"
_EDU = LABELS["education_short"]


class _Table:
    """Collects the dated entries a table is built from, for its effective date and sources."""

    def __init__(self, date: str, title: str, columns: list[str]) -> None:
        self.date, self.title, self.columns = date, title, columns
        self.rows: list[list[str]] = []
        self.notes: list[str] = []
        self.entries: list[dict[str, Any]] = []

    def use(self, name: str) -> Any:
        entry = parameter_entry(name, self.date)
        if entry is None:  # not in force yet on that date: show the first version, say so in a note
            from .rules import PARAMETERS

            entry = PARAMETERS[name][0]
        self.entries.append(entry)
        if entry.get("note"):
            self.notes.append(entry["note"])
        return entry["value"]

    def row(self, *cells: Any) -> None:
        self.rows.append([str(c) for c in cells])

    def done(self) -> dict[str, Any]:
        keys: list[str] = []
        for e in self.entries:
            keys.extend(k for k in e["sources"] if k not in keys)
        notes = list(dict.fromkeys(self.notes))
        return {
            "title": self.title,
            "columns": self.columns,
            "rows": self.rows,
            "effective_from": max(e["from"] for e in self.entries),
            "sources": sources_for(keys),
            "notes": notes,
        }


def _ranges(rows: list[dict[str, Any]], unit: str, last_more: str = "or more") -> list[tuple[str, dict[str, Any]]]:
    """Label bracket rows as ranges: '17 or less', '18', '20 to 29', '45 or more' (unit appended)."""
    out = []
    for i, row in enumerate(rows):
        lo = row["at_least"]
        nxt = rows[i + 1]["at_least"] if i + 1 < len(rows) else None
        if nxt is None:
            text = f"{lo} {unit} {last_more}".replace("  ", " ")
        elif i == 0 and lo == 0:
            text = f"{nxt - 1} {unit} or less".replace("  ", " ")
        elif nxt - 1 == lo:
            text = f"{lo} {unit}".strip()
        else:
            text = f"{lo} to {nxt - 1} {unit}".strip()
        out.append((text, row))
    return out


def _clb_ranges(rows: list[dict[str, Any]], name: str = "CLB") -> list[tuple[str, dict[str, Any]]]:
    """Label CLB bracket rows: 'Less than CLB 4', 'CLB 4 or 5', 'CLB 6', 'CLB 10 or more'."""
    out = []
    for i, row in enumerate(rows):
        lo = row["at_least"]
        nxt = rows[i + 1]["at_least"] if i + 1 < len(rows) else None
        if lo == 0:
            text = f"Less than {name} 4" if nxt == 4 else f"{name} {nxt - 1} or less"
        elif nxt is None:
            text = f"{name} {lo} or more"
        elif nxt - lo == 1:
            text = f"{name} {lo}"
        elif nxt - lo == 2:
            text = f"{name} {lo} or {lo + 1}"
        else:
            text = f"{name} {lo} to {nxt - 1}"
        out.append((text, row))
    return out


def _years(rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for i, row in enumerate(rows):
        lo = row["at_least"]
        nxt = rows[i + 1]["at_least"] if i + 1 < len(rows) else None
        if lo == 0:
            text = "None or less than a year"
        elif nxt is None:
            text = f"{lo} years or more" if lo > 1 else "1 year or more"
        elif nxt - lo == 1:
            text = "1 year" if lo == 1 else f"{lo} years"
        elif nxt - lo == 2:
            text = f"{lo} or {lo + 1} years"
        else:
            text = f"{lo} to {nxt - 1} years"
        out.append((text, row))
    return out


def _money(amount: int) -> str:
    return f"${amount:,}"


def _fmt(x: float, step: float) -> str:
    return f"{x:.1f}" if step < 1 else str(int(x))


def _language_table(date: str, test: str, title: str) -> dict[str, Any]:
    spec = lang.TESTS[test]
    level_name = "NCLC" if spec["language"] == "french" else "CLB"
    t = _Table(date, title, [f"{level_name} level", *(LABELS["abilities"][a] for a in ABILITIES)])
    accepted = parameter_entry("language." + test, date) is not None
    conv = t.use("language." + test)
    levels = sorted({int(lv) for lv in conv[ABILITIES[0]]}, reverse=True)
    for level in levels:
        cells = []
        for ability in ABILITIES:
            scale = spec["scale"][ability]
            lo = float(conv[ability][str(level)])
            higher = [float(v) for k, v in conv[ability].items() if int(k) > level]
            hi = (min(higher) - scale["step"]) if higher else float(scale["max"])
            step = scale["step"]
            cells.append(_fmt(lo, step) if hi == lo else f"{_fmt(lo, step)}–{_fmt(hi, step)}")
        label = f"{level_name} {level} or more" if level == levels[0] and level == 10 else f"{level_name} {level}"
        t.row(label, *cells)
    below = []
    for ability in ABILITIES:
        scale = spec["scale"][ability]
        lowest = min(float(v) for v in conv[ability].values())
        text = f"{_fmt(scale['min'], scale['step'])}–{_fmt(lowest - scale['step'], scale['step'])}"
        below.append(", ".join([*spec.get("below_scale", []), text]))
    t.row(f"Below {level_name} 4", *below)
    if not accepted:
        t.notes.append(f"Not accepted for Express Entry on {date}: results count from {t.entries[0]['from']}.")
    return t.done()


def criteria_tables(rules_date: str | None = None) -> dict[str, dict[str, Any]]:
    """Every table the site shows, for the rules in force on `rules_date` (default today)."""
    d = rules_date or today()
    tables: dict[str, dict[str, Any]] = {}

    t = _Table(d, "CRS core factors: age", ["Age", WITH, WITHOUT])
    for text, row in _ranges(t.use("crs.age"), "years of age"):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append("Age in completed years; if you were invited to apply, your age on the day of the invitation.")
    tables["crs-age"] = t.done()

    t = _Table(d, "CRS core factors: level of education", ["Level of education", WITH, WITHOUT])
    for level, pts in t.use("crs.education").items():
        t.row(_EDU[level], pts["with_spouse"], pts["without_spouse"])
    t.notes.append("The highest credential that is Canadian or has an Educational Credential Assessment (ECA).")
    tables["crs-education"] = t.done()

    caps = t.use("crs.caps")
    t = _Table(d, "CRS core factors: first official language (points per ability)",
               ["CLB/NCLC level per ability", WITH, WITHOUT])
    rows = t.use("crs.first_language")
    for text, row in _clb_ranges(rows):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append(f"Points for each of speaking, listening, reading and writing: at most "
                   f"{4 * rows[-1]['with_spouse']} with a spouse, {4 * rows[-1]['without_spouse']} without.")
    tables["crs-first-language"] = t.done()

    t = _Table(d, "CRS core factors: second official language (points per ability)",
               ["CLB/NCLC level per ability", WITH, WITHOUT])
    caps = t.use("crs.caps")
    for text, row in _clb_ranges(t.use("crs.second_language")):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append(f"The four abilities together earn at most {caps['second_language_with_spouse']} with a spouse "
                   f"and {caps['second_language_without_spouse']} without.")
    tables["crs-second-language"] = t.done()

    t = _Table(d, "CRS core factors: Canadian work experience", ["Canadian work experience", WITH, WITHOUT])
    for text, row in _years(t.use("crs.canadian_work")):
        t.row(text, row["with_spouse"], row["without_spouse"])
    t.notes.append("Skilled work (TEER 0, 1, 2 or 3) in Canada in the last ten years, full-time or equal part-time "
                   "(1 year = 1,560 hours).")
    tables["crs-canadian-work"] = t.done()

    t = _Table(d, "CRS spouse factors: level of education", ["Spouse's or partner's level of education", "Points"])
    for level, pts in t.use("crs.spouse_education").items():
        t.row(_EDU[level], pts)
    tables["crs-spouse-education"] = t.done()

    t = _Table(d, "CRS spouse factors: official language (points per ability)",
               ["CLB/NCLC level per ability", "Points per ability"])
    for text, row in _clb_ranges(t.use("crs.spouse_language")):
        t.row(text, row["points"])
    t.notes.append("One set of results (English or French) counts for the spouse or partner; no test means 0.")
    tables["crs-spouse-language"] = t.done()

    t = _Table(d, "CRS spouse factors: Canadian work experience", ["Spouse's Canadian work experience", "Points"])
    for text, row in _years(t.use("crs.spouse_canadian_work")):
        t.row(text, row["points"])
    tables["crs-spouse-canadian-work"] = t.done()

    band7 = "CLB 7 or more in all four, one or more under CLB 9"
    band9 = "CLB 9 or more in all four"
    t = _Table(d, "CRS skill transferability: education",
               ["Education", f"With {band7}", f"With {band9}", "With 1 year of Canadian work",
                "With 2 years or more of Canadian work"])
    tr = t.use("crs.transferability")
    caps = t.use("crs.caps")
    tiers = tr["education_tiers"]
    tier_names = {
        "0": "Secondary school (high school) or less",
        "1": "Post-secondary credential of one year or longer",
        "2": "Two or more post-secondary credentials (one of three years or longer), or a master's, "
             "professional or doctoral degree",
    }
    for tier in ("0", "1", "2"):
        members = [_EDU[k] for k in EDUCATION_LEVELS if str(tiers[k]) == tier]
        if tier == "0":
            t.row(tier_names[tier], 0, 0, 0, 0)
            continue
        lang_pts, work_pts = tr["education_with_language"][tier], tr["education_with_canadian_work"][tier]
        t.row(tier_names[tier], lang_pts["clb_7"], lang_pts["clb_9"], work_pts["one_year"],
              work_pts["two_years_or_more"])
        t.notes.append(f"{tier_names[tier]}: {'; '.join(members)}.")
    t.notes.append(f"Language means the first official language. Language and Canadian-work points add up to at most "
                   f"{caps['transferability_group']} for education; all skill transferability to at most "
                   f"{caps['transferability']}.")
    tables["crs-transferability-education"] = t.done()

    t = _Table(d, "CRS skill transferability: foreign work experience",
               ["Foreign work experience", f"With {band7}", f"With {band9}", "With 1 year of Canadian work",
                "With 2 years or more of Canadian work"])
    tr = t.use("crs.transferability")
    caps = t.use("crs.caps")
    for text, row in _years(tr["foreign_work_tiers"]):
        tier = str(row["tier"])
        if tier == "0":
            t.row(text, 0, 0, 0, 0)
            continue
        lang_pts, work_pts = tr["foreign_with_language"][tier], tr["foreign_with_canadian_work"][tier]
        t.row(text, lang_pts["clb_7"], lang_pts["clb_9"], work_pts["one_year"], work_pts["two_years_or_more"])
    t.notes.append(f"Skilled work outside Canada in the last ten years. Language and Canadian-work points add up to "
                   f"at most {caps['transferability_group']}.")
    tables["crs-transferability-foreign-work"] = t.done()

    t = _Table(d, "CRS skill transferability: certificate of qualification",
               ["With a certificate of qualification", "Points"])
    cert = t.use("crs.transferability")["certificate"]
    t.row(f"CLB {cert['min_clb_lower']} or more in all four, one or more under CLB {cert['min_clb_higher']}",
          cert["lower"])
    t.row(f"CLB {cert['min_clb_higher']} or more in all four", cert["higher"])
    t.notes.append("A certificate of qualification in a trade, issued by a Canadian province, territory or federal "
                   "body. Language means the first official language.")
    tables["crs-certificate-of-qualification"] = t.done()

    t = _Table(d, "CRS additional points", ["Factor", "Points"])
    caps = t.use("crs.caps")
    t.row("Provincial or territorial nomination", t.use("crs.provincial_nomination"))
    job = t.use("crs.job_offer")
    t.row("Valid job offer: NOC TEER 0 Major group 00", job["teer_0_major_group_00"])
    t.row("Valid job offer: NOC TEER 1, 2 or 3, or any TEER 0 other than Major group 00", job["teer_0_1_2_3"])
    study = t.use("crs.canadian_education")
    t.row("Post-secondary education in Canada: credential of one or two years", study["one_or_two_year"])
    t.row("Post-secondary education in Canada: credential of three years or longer, or a master's, professional "
          "or doctoral degree", study["three_year_or_more"])
    t.row("Brother or sister living in Canada (citizen or permanent resident)", t.use("crs.sibling"))
    fr = t.use("crs.french")
    t.row(f"NCLC {fr['min_nclc']} or more in all four French abilities, and CLB 4 or less in English (or no "
          "English test)", fr["without_english"])
    t.row(f"NCLC {fr['min_nclc']} or more in all four French abilities, and CLB {fr['min_english_clb']} or more "
          "in all four English abilities", fr["with_english"])
    t.notes.append(f"Additional points are capped at {caps['additional']}; the total at {caps['total']}.")
    tables["crs-additional"] = t.done()

    for test, key, title in (
        ("celpip", "language-celpip", "CELPIP-General scores and CLB levels"),
        ("ielts", "language-ielts", "IELTS General Training band scores and CLB levels"),
        ("pte_core", "language-pte-core", "PTE Core scores and CLB levels"),
        ("tef", "language-tef", "TEF Canada scores (0-699, tests from 2023-12-11) and NCLC levels"),
        ("tef_old_scale", "language-tef-old-scale", "TEF Canada old-scale scores (Équivalence ancien score) and "
                                                    "NCLC levels"),
        ("tcf", "language-tcf", "TCF Canada scores and NCLC levels"),
    ):
        tables[key] = _language_table(d, test, title)

    t = _Table(d, "FSW selection factors: language (maximum 28)", ["Language ability", "Points"])
    fl = t.use("fsw.language")
    first = fl["first"]
    for row in reversed(first):
        if row["at_least"] == 0:
            continue
        is_top = row is first[-1]
        t.row(f"First official language, CLB {row['at_least']}{' or more' if is_top else ''}, per ability",
              row["points"])
    t.row(f"First official language under CLB {first[1]['at_least']} in any ability", "Not eligible")
    t.row(f"Second official language, CLB {fl['second_min_clb']} or more in all four abilities",
          f"{fl['second_points']} (in total)")
    tables["fsw-language"] = t.done()

    t = _Table(d, "FSW selection factors: education (maximum 25)", ["Education", "Points"])
    for level, pts in reversed(list(t.use("fsw.education").items())):
        t.row(_EDU[level], pts)
    tables["fsw-education"] = t.done()

    t = _Table(d, "FSW selection factors: work experience (maximum 15)", ["Experience", "Points"])
    for text, row in _years(t.use("fsw.experience")):
        if row["at_least"] == 0:
            continue
        t.row(text, row["points"])
    t.notes.append("Full-time (or equal part-time) paid skilled work (TEER 0, 1, 2 or 3) in the last ten years. "
                   "Less than one year is not eligible for FSW.")
    tables["fsw-experience"] = t.done()

    t = _Table(d, "FSW selection factors: age (maximum 12)", ["Age", "Points"])
    rows = t.use("fsw.age")
    for text, row in _ranges(rows, ""):
        if row["at_least"] == 0:
            text = f"Under {rows[1]['at_least']}"
        t.row(text, row["points"])
    tables["fsw-age"] = t.done()

    t = _Table(d, "FSW selection factors: arranged employment (maximum 10)", ["Arranged employment", "Points"])
    t.row("A valid job offer of at least one year in a TEER 0, 1, 2 or 3 occupation", t.use("fsw.arranged_employment"))
    tables["fsw-arranged-employment"] = t.done()

    t = _Table(d, "FSW selection factors: adaptability (maximum 10)", ["Adaptability", "Points"])
    a = t.use("fsw.adaptability")
    t.row(f"Your spouse's or partner's language level: CLB {a['spouse_language_min_clb']} or more in all four "
          "abilities", a["spouse_language"])
    t.row("Your past studies in Canada (at least two academic years, full time)", a["studied_in_canada"])
    t.row("Your spouse's or partner's past studies in Canada", a["spouse_studied_in_canada"])
    t.row("Your past work in Canada (at least one year, full time, skilled)", a["canadian_work"])
    t.row("Your spouse's or partner's past work in Canada (at least one year, full time)", a["spouse_canadian_work"])
    t.row("Arranged employment in Canada", a["arranged_employment"])
    t.row("Relatives in Canada (18 or older, citizen or permanent resident)", a["relative_in_canada"])
    t.notes.append(f"The items add up to at most {a['cap']} points. Pass mark of the whole grid: "
                   f"{t.use('fsw.pass_mark')} of 100.")
    tables["fsw-adaptability"] = t.done()

    t = _Table(d, "Proof of settlement funds (FSW and FST)", ["Number of family members", "Funds required"])
    funds = t.use("eligibility.proof_of_funds")
    for i, amount in enumerate(funds["amounts"], start=1):
        t.row(i, _money(amount))
    t.row("For each additional family member", _money(funds["each_additional"]))
    t.notes.append("Family members: you, your spouse or partner and dependent children, even if they are Canadian "
                   "citizens or not coming. Not needed for CEC, or if you are authorized to work in Canada and "
                   "have a valid job offer.")
    if parameter_entry("eligibility.proof_of_funds", d) is None:
        t.notes.append(f"The amounts in force on {d} are not in our data; these are the earliest we have.")
    tables["proof-of-funds"] = t.done()

    assert tuple(tables) == TABLE_IDS
    tables.update(_category_tables(d))
    return tables


def _category_tables(d: str) -> dict[str, dict[str, Any]]:
    """The category overview and each occupation category's list, for the lists in force on ``d`` (none before
    the first encoded list). Built from the same data the engine decides categories with."""
    from .categories import category_lists

    lists = category_lists(d)
    if lists is None:
        return {}
    rule = lists["experience"]
    months = f"{rule['months']} {'continuous ' if rule['continuous'] else ''}months"
    sources = lists["sources"]
    common = {"effective_from": lists["effective_from"], "sources": sources}
    checked = ("The lists were checked against copies of IRCC's page, not the page itself: check IRCC's page "
               "before you rely on them.")
    overview = {"title": f"Express Entry categories in force from {lists['effective_from']}",
                "columns": ["Category", "Who qualifies", "How sure we are"], "rows": [], "notes": [], **common}
    out: dict[str, dict[str, Any]] = {"categories": overview}
    for key, spec in lists["categories"].items():
        name = CATEGORY_NAMES.get(key, key)
        where = "in Canada" if spec.get("experience") == "canadian" else "in Canada or abroad"
        if spec["test"] == "french":
            who = f"NCLC {spec['min_nclc']} or more in all four abilities of a French test (TEF Canada or TCF Canada)"
        elif spec["test"] == "military":
            who = (f"Recruited by the Canadian Armed Forces for one of {len(spec['occupations'])} occupations "
                   "(not checked by the calculator)")
        else:
            who = f"{months} of work {where} in the last 3 years in one of {len(spec['occupations'])} occupations"
        sure = CONFIDENCE.get(spec["confidence"], spec["confidence"]) + (" (disputed)" if spec.get("disputed") else "")
        overview["rows"].append([name, who, sure])
        if spec["test"] == "french":
            continue
        if spec["test"] == "military":
            notes = ["You need an offer from the Canadian Armed Forces for one of these occupations. Some sources "
                     "add 10 years of military service abroad; this is not confirmed. You must also be eligible "
                     "for FSW, CEC or FST.", checked]
        else:
            notes = [f"You need {months} of full-time work (or the same amount part-time) {where} in the last 3 "
                     "years, in one of these occupations. You must also be eligible for FSW, CEC or FST.", checked]
        if spec.get("disputed"):
            notes.append("This list is disputed: some pages list many more occupations. Check IRCC's page.")
        out[f"category-{key.replace('_', '-')}"] = {
            "title": name, "columns": ["NOC 2021", "Occupation", "TEER"],
            "rows": [[o["noc"], o["title"], str(o["teer"])] for o in spec["occupations"]],
            "notes": notes, **common,
        }
    overview["notes"] = [f"Every category also needs eligibility for FSW, CEC or FST. {checked}", lists["note"]]
    return out

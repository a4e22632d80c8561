"""Round types: what a round's name in the feed means, and the order the pages show them in."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A round type. ``requires`` tells the calculator what a profile needs to be invited in it:
    "any" (every Express Entry program), "cec" / "fsw" / "fst" / "pnp" (that program), "french" (the French
    category) or "occupation" (a category the calculator cannot check: the visitor has to say so)."""

    key: str
    label: str
    short: str
    requires: str


# Checked in this order, first match wins: the specific categories come before the program names they contain
# ("Physicians with Canadian Work Experience" is not CEC; "Federal Skilled Trades" is not "Trade occupations").
_CATEGORY_RULES: tuple[tuple[re.Pattern[str], Category], ...] = tuple(
    (re.compile(pattern, re.I), Category(key, label, short, requires))
    for pattern, key, label, short, requires in (
        (r"physician", "physicians", "Physicians with Canadian work experience", "Physicians", "occupation"),
        (r"senior manager", "senior_managers", "Senior managers with Canadian work experience",
         "Senior managers", "occupation"),
        (r"researcher", "researchers", "Researchers", "Researchers", "occupation"),
        (r"military", "military", "Skilled military recruits", "Military recruits", "occupation"),
        (r"health", "healthcare", "Healthcare and social services occupations", "Healthcare", "occupation"),
        (r"\bstem\b", "stem", "STEM occupations", "STEM", "occupation"),
        (r"french|francophone", "french", "French-language proficiency", "French", "french"),
        (r"transport", "transport", "Transport occupations", "Transport", "occupation"),
        (r"agricultur|agri-food", "agriculture", "Agriculture and agri-food occupations", "Agriculture",
         "occupation"),
        (r"education", "education", "Education occupations", "Education", "occupation"),
        (r"federal skilled trades", "fst", "Federal Skilled Trades Program", "FST", "fst"),
        (r"\btrades?\b", "trades", "Trade occupations", "Trades", "occupation"),
        (r"canadian experience class", "cec", "Canadian Experience Class", "CEC", "cec"),
        (r"provincial nominee", "pnp", "Provincial Nominee Program", "PNP", "pnp"),
        (r"federal skilled worker", "fsw", "Federal Skilled Worker Program", "FSW", "fsw"),
        (r"no program specified|\bgeneral\b", "general", "General (all programs)", "General", "any"),
    )
)
# Display order: the program rounds first, then the categories roughly by when they began.
CATEGORY_ORDER = (
    "general", "cec", "pnp", "fsw", "fst", "french", "healthcare", "stem", "trades", "transport", "agriculture",
    "education", "physicians", "senior_managers", "researchers", "military",
)


def categorize(name: str) -> Category:
    """The category of a round name, by keyword. An unknown name is kept as its own type ("other")
    labelled with the name itself, so a new kind of round shows up instead of disappearing."""
    for pattern, category in _CATEGORY_RULES:
        if pattern.search(name):
            return category
    label = " ".join(name.split())
    return Category("other", label, label, "occupation")

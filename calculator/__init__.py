"""Express Entry scoring engine: CRS, the FSW 67-point grid and program eligibility from dated rules.

Standard library only (it also runs in the browser under Pyodide). See README.md in this folder.
"""

from .api import ProfileError, score, score_json, use_rounds, validate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .categories import category_lists
    from .criteria import criteria_tables
    from .schema import profile_schema

__all__ = ["ProfileError", "category_lists", "criteria_tables", "profile_schema", "score", "score_json", "use_rounds",
           "validate"]
__version__ = "1.0.0"


def __getattr__(name: str):  # noqa: ANN202 - lazy: the site's tables and the schema are not needed to score
    if name == "criteria_tables":
        from .criteria import criteria_tables

        return criteria_tables
    if name == "category_lists":
        from .categories import category_lists

        return category_lists
    if name == "profile_schema":
        from .schema import profile_schema

        return profile_schema
    raise AttributeError(f"module 'calculator' has no attribute {name!r}")

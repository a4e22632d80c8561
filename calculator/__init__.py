"""Express Entry scoring engine: CRS, the FSW 67-point grid and program eligibility from dated rules.

Standard library only (it also runs in the browser under Pyodide). See README.md in this folder.
"""

from .api import ProfileError, score, score_json, validate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .criteria import criteria_tables
    from .schema import profile_schema

__all__ = ["ProfileError", "criteria_tables", "profile_schema", "score", "score_json", "validate"]
__version__ = "1.0.0"


def __getattr__(name: str):  # noqa: ANN202 - lazy: the site's tables and the schema are not needed to score
    if name == "criteria_tables":
        from .criteria import criteria_tables

        return criteria_tables
    if name == "profile_schema":
        from .schema import profile_schema

        return profile_schema
    raise AttributeError(f"module 'calculator' has no attribute {name!r}")

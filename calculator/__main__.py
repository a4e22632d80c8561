"""Command line: `python -m calculator score FILE|-`, `schema`, `tables [--date YYYY-MM-DD] [ID ...]`.

Exit status: 0 with a result, 2 with {"errors": [...]} for invalid input (never a traceback).
"""

from __future__ import annotations

import json
import sys

USAGE = """usage: python -m calculator score FILE|- [--rounds SUMMARY]   score a profile (JSON file, or - for standard
                                           input); with a rounds summary, also the rounds it can be invited in
       python -m calculator schema            print the profile's JSON Schema
       python -m calculator tables [--date YYYY-MM-DD] [ID ...]   print the criteria tables"""


def _print(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _fail(field: str, code: str, **params: object) -> int:
    from .api import error

    _print({"errors": [error(field, code, **params)]})
    return 2


def _score(path: str, rounds_path: str | None = None) -> int:
    from .api import _result, too_deep
    from .codes import english
    from .profile import validate_profile

    summary = None
    if rounds_path is not None:
        try:
            with open(rounds_path, encoding="utf-8") as fh:
                summary = json.load(fh)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return _fail("rounds", "rounds_unreadable", path=rounds_path, detail=str(exc))
        except RecursionError:
            return _fail("rounds", "rounds_too_deep", path=rounds_path)
        if not isinstance(summary, dict) or not isinstance(summary.get("round_types"), list):
            return _fail("rounds", "rounds_not_summary", path=rounds_path)

    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        return _fail("file", "file_unreadable", path=path, detail=str(exc))
    try:
        profile = json.loads(text)
        p, errors = validate_profile(profile)
    except RecursionError:
        _print({"errors": [too_deep()]})
        return 2
    except ValueError as exc:
        return _fail("profile", "json_invalid", detail=str(exc))
    if p is None:
        _print({"errors": errors})
        return 2
    # the warnings, reasons, notes and improvements are codes: people reading this get English next to each
    _print(english(_result(p, rounds_summary=summary)))
    return 0


def _tables(args: list[str]) -> int:
    from .criteria import CATEGORY_TABLE_IDS
    from .profile import _is_real_date, _looks_like_date
    from .table_words import english_tables

    date = None
    if args[:1] == ["--date"]:
        if len(args) < 2:
            return _fail("date", "date_option_missing")
        date, args = args[1], args[2:]
        if not _looks_like_date(date) or not _is_real_date(date):
            return _fail("date", "date_format", value=repr(date))
    tables = english_tables(date)
    unknown = [a for a in args if a not in tables]
    if unknown:
        known = ", ".join(tables)
        extra = [a for a in unknown if a in CATEGORY_TABLE_IDS]
        if extra:
            return _fail("table", "table_unknown_category", tables=", ".join(unknown), categories=", ".join(extra),
                         known=known)
        return _fail("table", "table_unknown", tables=", ".join(unknown), known=known)
    _print({k: tables[k] for k in args} if args else tables)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["score"] and len(args) == 2:
        return _score(args[1])
    if args[:1] == ["score"] and len(args) == 4 and args[2] == "--rounds":
        return _score(args[1], args[3])
    if args == ["schema"]:
        from .schema import profile_schema

        _print(profile_schema())
        return 0
    if args[:1] == ["tables"]:
        return _tables(args[1:])
    sys.stderr.write(USAGE + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())

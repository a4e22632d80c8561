"""``python build.py update-draws``: refresh content/data/ee_rounds_123_en.json from IRCC's feed.

The new data goes through the same parser and checks as the build (sitegen.draws), so it accepts exactly what
the build accepts. It is refused, and the current file left exactly as it was, when it is too big (checked before
reading it), malformed or implausible (each problem named as ``round #N: field: what is wrong``), or has lost
rounds the current file has (a truncated download, a wrong file).
Otherwise the report lists the new rounds and every field of an older round that changed, and the file is
replaced atomically with the bytes as downloaded, so it stays IRCC's own feed.

Exit status: 0 updated or nothing to do, 1 refused (or the source could not be read), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from sitegen.data import ROUNDS_FILE
from sitegen.draws import FEED_URL, Round, Rounds, check_size, feed, parse_rounds
from sitegen.errors import BuildFailed, display_path
from sitegen.strings import format_date

SHOWN_ERRORS = 20  # a refusal lists this many problems; a wrong file could have one per round


class Refused(Exception):
    """The new data cannot replace the current file; the message says why."""


def main(argv: list[str], content_dir: Path) -> int:
    """Run the command. ``argv`` is what follows ``update-draws`` on the command line."""
    parser = argparse.ArgumentParser(
        prog="build.py update-draws",
        description="Refresh the rounds-of-invitations data from IRCC's feed, refusing bad or incomplete data.",
    )
    parser.add_argument("--from", dest="source_file", type=Path, metavar="FILE",
                        help="read the new feed from this file instead of downloading it")
    parser.add_argument("--url", default=FEED_URL, help="feed address (default: IRCC's)")
    parser.add_argument("--content", type=Path, default=content_dir, metavar="DIR",
                        help="content folder holding data/ (default: content/)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help or a usage error: argparse has printed it
        return int(exc.code or 0)

    target = args.content / "data" / ROUNDS_FILE
    shown = display_path(target, args.content.parent)
    source = str(args.source_file) if args.source_file else args.url
    try:
        data = _read_file(args.source_file) if args.source_file else _download(args.url)
        message = update(data, source, target, shown, dry_run=args.dry_run)
    except Refused as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        print(f"{shown} was not changed.", file=sys.stderr)
        return 1
    print(message)
    return 0


def update(data: bytes, source: str, target: Path, shown: str, dry_run: bool = False) -> str:
    """Check ``data`` against the current file and write it; returns the report, raises `Refused`."""
    new = _parse(data, source)
    lines = [f"Read {len(new)} rounds from {source} ({_up_to(new)})."]
    old_data = target.read_bytes() if target.exists() else None
    if old_data == data:
        return "\n".join([*lines, f"No change: {shown} is already this data."])
    old = None
    if old_data is not None:
        try:
            old = _parse(old_data, shown)
        except Refused as exc:  # the current file is broken: valid new data can only be an improvement
            lines.append(f"Warning: the current {shown} has problems, so it is replaced without comparing:")
            lines.append(f"  {exc}")
    if old is not None:
        lines += _changes(old, new, shown)
    for r in new:
        if r.distribution and (old is None or old.get(r.number) is None):
            lines += [f"Note: #{r.number}'s pool distribution does not add up as published by IRCC: {p}"
                      for p in r.distribution.inconsistencies()]
    if dry_run:
        return "\n".join([*lines, f"Dry run: {shown} was not changed."])
    _write_atomically(target, data)
    return "\n".join([*lines, f"Wrote {shown} ({_up_to(new)})."])


def _changes(old: Rounds, new: Rounds, shown: str) -> list[str]:
    lost = [r.number for r in old if new.get(r.number) is None]
    if lost:
        raise Refused(
            f"the new data has lost {len(lost)} round(s) that {shown} has: "
            + ", ".join(f"#{n}" for n in lost[:20]) + (" and more" if len(lost) > 20 else "")
        )
    added = [r for r in new if old.get(r.number) is None]
    changed = [(r, old.get(r.number)) for r in new if old.get(r.number) is not None]
    changed = [(r, o, diff) for r, o in changed if (diff := _field_changes(o, r))]
    lines = []
    if added:
        lines.append(f"{len(added)} new round(s):")
        lines += [f"  {_describe(r)}" for r in added]
    if changed:
        lines.append(f"{len(changed)} changed round(s) (IRCC corrected published data):")
        for r, _, diff in changed:
            lines.append(f"  #{r.number}:")
            lines += [f"    {line}" for line in diff]
    if not added and not changed:
        lines.append("No round was added or changed (only the file's formatting differs).")
    return lines


def _field_changes(old: Round, new: Round) -> list[str]:
    """Each field whose value differs, in the feed's key order, as ``key: "old" → "new"``."""
    keys = list(dict.fromkeys([*old.raw, *new.raw]))
    return [
        f"{key}: {_show(old.raw.get(key, _ABSENT))} → {_show(new.raw.get(key, _ABSENT))}"
        for key in keys
        if old.raw.get(key, _ABSENT) != new.raw.get(key, _ABSENT)
    ]


_ABSENT = object()


def _show(value: object) -> str:
    return "(absent)" if value is _ABSENT else json.dumps(value, ensure_ascii=False)


# The command line's words for sitegen.strings.format_date, the one date formatter ("7 August 2026"), given here
# so the job needs no templates/ (the daily workflow runs it on sitegen/ alone).
_WORDS = {"locale": "en_CA", "dates": {"date": "d MMMM y"}}


def _date(d: date) -> str:
    return format_date(d, _WORDS)


def _up_to(rounds: Rounds) -> str:
    return f"up to #{rounds.latest.number} on {_date(rounds.latest.date)}"


def _describe(r: Round) -> str:
    return (f"#{r.number} on {_date(r.date)}: {' '.join(r.name_raw.split())}, "
            f"{r.invitations:,} invitations, cut-off {r.cutoff}")


def _parse(data: bytes, source: str) -> Rounds:
    try:
        check_size(len(data), source)
        text = data.decode("utf-8-sig")
        return parse_rounds(text, source)
    except UnicodeDecodeError as exc:
        raise Refused(f"{source} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except BuildFailed as exc:
        shown = [str(e) for e in exc.errors[:SHOWN_ERRORS]]
        if len(exc.errors) > SHOWN_ERRORS:
            shown.append(f"… and {len(exc.errors) - SHOWN_ERRORS:,} more problems")
        raise Refused(f"{source} is not a valid rounds feed:\n" + "\n".join(shown)) from None


def _read_file(path: Path) -> bytes:
    try:
        check_size(path.stat().st_size, str(path))  # before reading: a huge file is refused unread
        return path.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from None
    except BuildFailed as exc:
        raise Refused(str(exc)) from None


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "express-entry-guide update-draws"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            length = response.headers.get("Content-Length", "")
            if length.isascii() and length.isdigit() and int(length) > feed.MAX_FEED_BYTES:  # refused unread
                raise Refused(f"{url} is {int(length):,} bytes, more than the {feed.MAX_FEED_BYTES:,} a rounds feed "
                              "can be")
            # No or a wrong Content-Length: read one byte past the cap, never more.
            data = response.read(feed.MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise Refused(f"downloading {url} failed: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise Refused(f"downloading {url} failed: {reason}") from None
    if len(data) > feed.MAX_FEED_BYTES:
        raise Refused(f"{url} sent more than {feed.MAX_FEED_BYTES:,} bytes; that is not the rounds feed")
    return data


def _write_atomically(target: Path, data: bytes) -> None:
    """Write next to the target, then rename over it: readers see the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    # A dot name, so the build (which skips hidden files in content/data/) never reads a half-written file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

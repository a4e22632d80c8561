"""The daily rounds job (.github/workflows/update-draws.yml): refresh IRCC's feed, commit it when it changed.

    python tools/update_draws_job.py [--url URL] [--push]

1. Runs ``python build.py update-draws`` in this checkout. That command checks the new feed with the build's
   own parser and refuses bad data, leaving the file as it was; the job then fails with its message.
2. If content/data/ee_rounds_123_en.json changed, commits that one file (``--push``: and pushes the commit).
   Otherwise it does nothing.
3. Writes ``changed=true`` or ``changed=false`` to $GITHUB_OUTPUT when that is set, so the workflow knows
   whether to start the Pages deploy.

The feed address is ``--url``, else $UPDATE_DRAWS_URL, else update-draws' default (IRCC's feed).
Exit status: 0 done (committed or nothing to do), 1 the feed was refused or git failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = "content/data/ee_rounds_123_en.json"
# GitHub's own identity for commits made by a workflow; the commit then shows as made by github-actions.
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="update_draws_job.py", description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=os.environ.get("UPDATE_DRAWS_URL"), help="feed address")
    parser.add_argument("--push", action="store_true", help="push the commit to origin")
    args = parser.parse_args(argv)

    update = [sys.executable, str(ROOT / "build.py"), "update-draws", *(["--url", args.url] if args.url else [])]
    result = subprocess.run(update, cwd=ROOT, capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        print(f"update-draws refused the feed (exit {result.returncode}): nothing committed.", file=sys.stderr)
        return 1
    try:
        changed = _commit(_summary(result.stdout), push=args.push)
    except subprocess.CalledProcessError as exc:
        print(f"git failed: {' '.join(exc.cmd)}\n{exc.stderr or ''}", file=sys.stderr)
        return 1
    _set_output("changed", "true" if changed else "false")
    return 0


def _summary(report: str) -> str:
    """The commit's subject from update-draws' report: its last line says what it wrote, e.g.
    "Wrote content/data/ee_rounds_123_en.json (up to #435 on 21 August 2026)."."""
    last = report.strip().splitlines()[-1] if report.strip() else ""
    span = last[last.find("(") + 1:last.rfind(")")] if last.startswith("Wrote ") else ""
    return f"Rounds of invitations: IRCC's feed {span}" if span else "Rounds of invitations: IRCC's feed"


def _commit(subject: str, push: bool) -> bool:
    """Commit the rounds file if it differs from HEAD; True when a commit was made."""
    if not _git("status", "--porcelain", "--", ROUNDS).strip():
        print(f"{ROUNDS} is unchanged: nothing to commit.")
        return False
    _git("add", "--", ROUNDS)
    name, email = BOT
    # "--" ROUNDS: only this file goes into the commit, whatever else the checkout has staged.
    _git("-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "--quiet", "-m", subject, "--", ROUNDS)
    print(f"Committed {ROUNDS}: {subject}")
    if push:
        _git("push", "--quiet", "origin", "HEAD")
        print("Pushed.")
    return True


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _set_output(name: str, value: str) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"{name}={value}\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

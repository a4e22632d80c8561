#!/usr/bin/env python3
"""Build the Express Entry guide into site/.

    python build.py                      build content/ into site/
    python build.py serve                build, serve on http://127.0.0.1:8000 and reload on every change
    python build.py update-draws         refresh content/data/ from IRCC's rounds feed (--from FILE for a file)

Options: --base-url PATH (e.g. /ee-guide/ for a GitHub Pages project site), --origin URL, --out DIR,
--strict (warnings, such as placeholder settings, fail the build: the Pages workflow uses it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sitegen.config import base_path, site_origin

ROOT = Path(__file__).resolve().parent


def _checked(check: Callable[[str], str]) -> Callable[[str], str]:
    """An argparse type from one of site.yml's checks: a bad option is a usage error naming the option."""

    def parse(value: str) -> str:
        try:
            return check(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = check.__name__  # argparse names the type in its messages
    return parse


def main(argv: list[str]) -> int:
    if argv[:1] == ["update-draws"]:
        from sitegen.update_draws import main as update_draws

        return update_draws(argv[1:], ROOT / "content")

    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n")[1])
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--base-url", type=_checked(base_path),
                        help="path the site is served under, e.g. /ee-guide/ (default: site.yml)")
    parser.add_argument("--origin", type=_checked(site_origin),
                        help="scheme and host for canonical links, e.g. https://you.github.io")
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on warnings, such as site.yml's placeholder addresses (for publishing)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

    from sitegen.errors import BuildFailed

    if args.command == "serve":
        from sitegen.serve import serve

        return serve(ROOT, args.content, args.out, args.base_url, args.host, args.port)

    from sitegen.config import resolve_config
    from sitegen.pipeline import build

    started = time.perf_counter()
    try:
        config = resolve_config(ROOT, args.content, args.base_url, args.origin)
        report = build(ROOT, args.out, args.content, config=config, strict=args.strict)
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        print(f"Build failed with {len(exc.errors)} error(s); {args.out} was left as it was.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    if report.warnings:
        print(f"{len(report.warnings)} warning(s): fine for a preview; build.py --strict (for publishing) fails.",
              file=sys.stderr)
    print(f"Built {report.pages} pages ({report.files} files) into {args.out} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

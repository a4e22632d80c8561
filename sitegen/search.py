"""The site search index: Pagefind reads the written pages and adds its bundle, ``pagefind/``, to the site.

Pagefind (the ``pagefind`` PyPI package, whose ``bin`` extra ships the binary) indexes the built HTML, so the
index always matches what visitors read. What it indexes is marked in the templates: only elements with
``data-pagefind-body`` (the article of each page), so menus, footers and the 404 page stay out. Each page's
``<html lang>`` puts it in that language's index; the browser loads the index of the page's own language.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind.service import get_executable

from .errors import BuildError, BuildFailed

# Parts of an article that are not its content: the calculator (its form, status and results), the assessment
# form, the table of contents (a repeat of the headings), the review date, and the sources intro every page shares.
EXCLUDE_SELECTORS = ("form", "#calculator", ".toc", ".page-meta", ".sources > p")
# Every page is written as <url>index.html (sitegen.build._output_path); 404.html and other files are not pages.
PAGES_GLOB = "**/index.html"
BUNDLE_DIR = "pagefind"  # Pagefind's default; templates/partials/search.html loads pagefind.js from here
_WHERE = "search index (Pagefind)"  # how a failure is named in the build's error list
# Pagefind also writes its ready-made interfaces; the site uses pagefind.js with a list of its own
# (templates/static/js/search.mjs), so these ~400 KB are left out of the site.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line that indexes ``site_dir`` in place."""
    executable = get_executable()
    if executable is None:
        raise BuildFailed([BuildError(_WHERE, 0, "Pagefind is not installed: run `.venv/bin/pip install -r "
                                                 "requirements.txt` (it pins pagefind[bin])")])
    command = [str(executable), "--site", str(site_dir), "--glob", PAGES_GLOB, "--output-subdir", BUNDLE_DIR,
               "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path) -> None:
    """Write the search bundle into ``site_dir``; raise BuildFailed with Pagefind's own words if it fails."""
    command = pagefind_command(site_dir)
    try:
        # cwd: Pagefind reads a pagefind.yml from its working folder; the fresh site folder has none, so only
        # the options above apply.
        result = subprocess.run(command, cwd=site_dir, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BuildFailed([BuildError(_WHERE, 0, f"cannot run {command[0]}: {exc.strerror}")]) from None
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()
        raise BuildFailed([BuildError(_WHERE, 0, f"Pagefind failed (exit {result.returncode}): "
                                                 + " / ".join(output[-5:]))])
    for name in UNUSED_FILES:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)

"""The site search index: Pagefind reads the written pages and adds its bundle, ``pagefind/``, to the site.

Pagefind (the ``pagefind`` PyPI package, whose ``bin`` extra ships the binary) indexes the built HTML, so the
index always matches what visitors read. What it indexes is marked in the templates: only elements with
``data-pagefind-body`` (the article of each page), so menus, footers and the 404 page stay out. Each page's
``<html lang>`` puts it in that language's index; the browser loads the index of the page's own language.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from pagefind.service import get_executable

from .errors import BuildError, BuildFailed

# Parts of an article that are not its content: the calculator (its form, status and results), the assessment
# form, the table of contents (a repeat of the headings), the review date, and the sources intro every page shares.
EXCLUDE_SELECTORS = ("form", "#calculator", ".toc", ".page-meta", ".sources > p")
# Every page is written as <url>index.html (sitegen.pipeline._output_path); 404.html and other files are not pages.
PAGES_GLOB = "**/index.html"
BUNDLE_DIR = "pagefind"  # Pagefind's default; templates/partials/search.html loads pagefind.js from here
_WHERE = "search index (Pagefind)"  # how a failure is named in the build's error list
# Pagefind also writes its ready-made interfaces; the site uses pagefind.js with a list of its own
# (templates/static/js/search.mjs), so these ~400 KB are left out of the site.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def pagefind_command(site_dir: Path, bundle_dir: Path) -> list[str]:
    """The Pagefind command line that indexes ``site_dir`` and writes the bundle into ``bundle_dir``."""
    executable = get_executable()
    if executable is None:
        raise BuildFailed([BuildError(_WHERE, 0, "Pagefind is not installed: run `.venv/bin/pip install -r "
                                                 "requirements.txt` (it pins pagefind[bin])")])
    command = [str(executable), "--site", str(site_dir), "--glob", PAGES_GLOB, "--output-path", str(bundle_dir),
               "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


@functools.cache
def _setpriv() -> str | None:
    return shutil.which("setpriv") if sys.platform.startswith("linux") else None


def _dies_with_build(command: list[str]) -> list[str]:
    """``command`` so that it is killed when the thread that starts it dies (Linux, util-linux's setpriv).

    Otherwise a killed build's Pagefind goes on writing into the build's half-made folder after the next build
    has removed it as a leftover (output.recover), and leaves it behind again. Not ``preexec_fn`` with prctl:
    that makes subprocess fork the whole build process instead of vfork, ~15 ms per run for a warm server.
    Without setpriv such a folder stays until a later build removes it.
    """
    setpriv = _setpriv()
    if setpriv is None or not os.access(command[0], os.X_OK):
        return command  # a Pagefind that cannot run is then reported as Python sees it (OSError below)
    return [setpriv, "--pdeathsig", "KILL", "--", *command]


def index_site(site_dir: Path, bundle_dir: Path | None = None) -> None:
    """Write the search bundle (default ``site_dir/pagefind``); raise BuildFailed with Pagefind's words if it fails."""
    bundle_dir = (bundle_dir or site_dir / BUNDLE_DIR).resolve()
    command = pagefind_command(site_dir.resolve(), bundle_dir)
    try:
        # cwd: Pagefind reads a pagefind.yml from its working folder; the fresh site folder has none, so only
        # the options above apply.
        result = subprocess.run(_dies_with_build(command), cwd=site_dir, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BuildFailed([BuildError(_WHERE, 0, f"cannot run {command[0]}: {exc.strerror}")]) from None
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()
        raise BuildFailed([BuildError(_WHERE, 0, f"Pagefind failed (exit {result.returncode}): "
                                                 + " / ".join(output[-5:]))])
    for name in UNUSED_FILES:
        (bundle_dir / name).unlink(missing_ok=True)
    _sort_languages(bundle_dir / "pagefind-entry.json")


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages' indexes in whatever order its threads finished: written sorted, two builds
    of the same pages give the same bytes (GitHub Pages and browsers cache by name and content)."""
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"] = dict(sorted(data.get("languages", {}).items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class BackgroundIndex:
    """The dev server's way to index: after a one-page edit the new site is served at once with the previous
    index, and Pagefind indexes it in the background (it costs as much CPU as the whole rebuild otherwise).

    ``carry_over`` copies the served bundle into the new site before the swap; ``start`` indexes the served site
    into a folder beside it and swaps the new bundle in. A failure is printed and leaves the previous index.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def carry_over(self, served: Path, staging: Path) -> None:
        self.wait()  # the swap below must not happen while Pagefind still writes into the served site
        if (served / BUNDLE_DIR).is_dir():
            # Hard links: a few ms less than copying. Safe because Pagefind never rewrites the served files: it
            # writes a new bundle beside the site and renames it in.
            shutil.copytree(served / BUNDLE_DIR, staging / BUNDLE_DIR, copy_function=os.link)

    def start(self, served: Path) -> None:
        self.wait()
        self._thread = threading.Thread(target=self._index, args=(served.resolve(),), daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    @staticmethod
    def _index(served: Path) -> None:
        work = Path(tempfile.mkdtemp(prefix=f".{served.name}-search-", dir=served.parent))
        try:
            index_site(served, work / BUNDLE_DIR)
            if (served / BUNDLE_DIR).exists():
                os.rename(served / BUNDLE_DIR, work / "old")
            os.rename(work / BUNDLE_DIR, served / BUNDLE_DIR)
        except BuildFailed as exc:
            print(f"Search index not updated; search uses the previous one.\n{exc}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)

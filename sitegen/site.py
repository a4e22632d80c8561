"""Stage one of the build: load and check everything (config, pages, links, data) before rendering."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .errors import BuildError, BuildFailed, display_path
from .nav import Navigation, build_navigation
from .official import check_sources
from .pages import Page, check_templates, page_templates, read_page
from .tables import render_notices, render_table

# Below this many pages a process pool costs more than it saves.
PARALLEL_THRESHOLD = 200


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Around forking worker processes: what this process holds moves out of the garbage collector's sight.

    Otherwise every collection in a worker walks (and so copies, page by page) the parent's thousands of
    inherited objects, which the worker never frees anyway. Thawed afterwards, so that a long ``serve``
    session still collects them once they are garbage. The workers themselves run with the collector off
    (``initializer=gc.disable``): a page's tokens hold no cycles and are freed as soon as it is done, and a
    worker lives for one build. Together ~5 % less CPU on the 2,000-page benchmark site.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass
class Site:
    config: SiteConfig
    root: Path
    content_dir: Path
    pages: list[Page]
    nav: Navigation
    data: dict[str, Any] = field(default_factory=dict)

    @functools.cached_property
    def home(self) -> Page | None:
        return next((p for p in self.pages if p.rel_path == "index.md"), None)


class PageCache:
    """Parsed pages kept between builds while serving, keyed by file stamp, so an edit re-reads one file."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[tuple[int, int], Page | None, list[BuildError]]] = {}

    def get(self, key: tuple[str, str], stamp: tuple[int, int]) -> tuple[Page | None, list[BuildError]] | None:
        entry = self._entries.get(key)
        return (entry[1], entry[2]) if entry and entry[0] == stamp else None

    def put(self, key: tuple[str, str], stamp: tuple[int, int], result: tuple[Page | None, list[BuildError]]) -> None:
        self._entries[key] = (stamp, *result)

    def clear(self) -> None:
        self._entries.clear()


def _read(args: tuple[Path, str, str, str]) -> tuple[Page | None, list[BuildError]]:
    path, rel, shown, base_url = args
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [BuildError(shown, 0, f"is not UTF-8 text ({exc.reason})")]
    return read_page(source, rel, shown, base_url, render_table, render_notices)


def load_pages(
    content_dir: Path,
    root: Path,
    config: SiteConfig,
    cache: PageCache | None = None,
    unreadable: set[str] | None = None,
) -> tuple[list[Page], list[BuildError]]:
    """Read every page. Files too broken to use are named in ``unreadable`` (their errors are reported)."""
    unreadable = set() if unreadable is None else unreadable
    files = sorted(p for p in content_dir.rglob("*.md") if p.is_file())
    shown = display_path(content_dir, root)  # once: resolving each file's path costs ~60 µs apiece
    rels = [p.relative_to(content_dir).as_posix() for p in files]
    jobs = [(p, rel, f"{shown}/{rel}", config.base_url) for p, rel in zip(files, rels, strict=True)]
    results: list[tuple[Page | None, list[BuildError]] | None] = [None] * len(jobs)
    todo = []
    stamps: dict[int, tuple[int, int]] = {}  # taken before reading: an edit made meanwhile is seen next time
    for i, job in enumerate(jobs):
        hit = None
        if cache is not None:
            stat = job[0].stat()
            stamps[i] = (stat.st_mtime_ns, stat.st_size)
            hit = cache.get((job[1], config.base_url), stamps[i])
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    workers = os.cpu_count() or 1
    if len(todo) >= PARALLEL_THRESHOLD and workers > 1:
        # Small chunks: pages differ in length, and with big ones a worker can sit idle while the other finishes.
        with frozen_heap(), ProcessPoolExecutor(workers, initializer=gc.disable) as pool:
            fresh = list(pool.map(_read, [jobs[i] for i in todo], chunksize=max(1, len(todo) // (workers * 16))))
    else:
        fresh = [_read(jobs[i]) for i in todo]
    for i, result in zip(todo, fresh, strict=True):
        results[i] = result
        if cache is not None:
            cache.put((jobs[i][1], config.base_url), stamps[i], result)

    pages, errors = [], []
    for job, result in zip(jobs, results, strict=True):
        assert result is not None
        page, page_errors = result
        errors.extend(page_errors)
        if page is not None and not page.draft:
            pages.append(page)
        elif page is None:
            unreadable.add(job[1])
    return pages, errors


def check_links(pages: list[Page], unreadable: set[str]) -> list[BuildError]:
    """Every link to a page must reach a page that is built, and every #anchor a heading on it.

    Links into a page that failed to load are not checked: its own error already says what to fix.
    """
    by_path = {p.rel_path: p for p in pages}
    errors = []
    for page in pages:
        for link in page.links:
            if link.target in unreadable:
                continue
            target = page if not link.target else by_path.get(link.target)
            if target is None:
                errors.append(BuildError(page.display_path, link.line,
                                         f"link to `{link.target}`: no such page (or it is a draft)"))
            elif link.anchor and link.anchor not in target.anchors:
                known = ", ".join(sorted(target.anchors)) or "none"
                errors.append(BuildError(page.display_path, link.line,
                                         f"link to `{link.target or page.rel_path}#{link.anchor}`: no heading with "
                                         f"that anchor (anchors there: {known})"))
    return errors


def check_addresses(pages: list[Page]) -> list[BuildError]:
    """Two files for one address (``a.md`` and ``a/index.md``) would overwrite each other's page."""
    first: dict[str, Page] = {}
    errors = []
    for page in pages:
        other = first.setdefault(page.url, page)
        if other is not page:
            errors.append(BuildError(page.display_path, 0, f"has the same address /{page.url} as "
                                                           f"{other.display_path}: rename or remove one of them"))
    return errors


def load_site(root: Path, content_dir: Path, config: SiteConfig, cache: PageCache | None = None) -> Site:
    """Load and check the whole site; raises BuildFailed listing every problem found."""
    from .data import load_data  # data loaders pull in the rounds parser; keep import cheap for tests

    unreadable: set[str] = set()
    pages, errors = load_pages(content_dir, root, config, cache, unreadable)
    nav, nav_errors = build_navigation(pages, config.nav)
    errors += nav_errors + check_links(pages, unreadable) + check_addresses(pages)
    errors += check_templates(pages, page_templates(root / "templates"))
    if not any(p.rel_path == "index.md" for p in pages):
        errors.append(BuildError(display_path(content_dir / "index.md", root), 0, "the home page is missing"))
    data, data_errors = load_data(content_dir / "data", root)
    errors += data_errors + check_sources(pages, content_dir, root)
    if errors:
        raise BuildFailed(errors)
    return Site(config, root, content_dir, pages, nav, data)

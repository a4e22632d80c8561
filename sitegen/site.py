"""Stage one of the build: load and check everything (config, pages, links, data) before rendering."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build_cache import BuildCache
from .config import SiteConfig
from .errors import BuildError, BuildFailed, display_path
from .limits import MAX_PAGE_BYTES, size_error
from .nav import Navigation, build_navigation
from .official import check_other_language_links, check_sources, french_versions
from .pages import Page, check_templates, page_templates, read_page
from .strings import load_strings
from .tables import RulesTables
from .workers import map_in_workers


@dataclass
class Edition:
    """The site in one language: its pages (``content/`` for the site's language, ``content/<code>/`` for a
    translation), its menu, and the configuration as it sees it (its name and menu titles)."""

    config: SiteConfig
    prefix: str  # "" or "fr/": where its pages live in content/ and in the site
    pages: list[Page]
    nav: Navigation

    @property
    def language(self) -> str:
        return self.config.language

    @functools.cached_property
    def by_key(self) -> dict[str, Page]:
        """Page by its path inside the edition (``fees.md``): what templates and counterparts look up."""
        return {p.key: p for p in self.pages}

    @functools.cached_property
    def home(self) -> Page | None:
        return self.by_key.get("index.md")


@dataclass
class Site:
    config: SiteConfig
    root: Path
    content_dir: Path
    pages: list[Page]  # every edition's
    editions: dict[str, Edition]  # by language, the site's own first; an edition without pages is left out
    data: dict[str, Any] = field(default_factory=dict)
    warnings: list[BuildError] = field(default_factory=list)  # fine for a preview; --strict makes them errors

    @property
    def main(self) -> Edition:
        return self.editions[self.config.language]

    @property
    def nav(self) -> Navigation:
        return self.main.nav

    @property
    def home(self) -> Page | None:
        return self.main.home

    def counterparts(self, page: Page) -> dict[str, Page]:
        """The page in every edition that has it (the page itself included), by language."""
        found = {}
        for language, edition in self.editions.items():
            other = edition.by_key.get(page.key)
            if other is not None:
                found[language] = other
        return found


def _read(rules: RulesTables, job: tuple[Path, str, str, str, str]) -> tuple[Page | None, list[BuildError]]:
    path, rel, shown, language, site_language = job
    big = size_error(path, shown, MAX_PAGE_BYTES, "a page")
    if big is not None:
        return None, [big]
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [BuildError(shown, 0, f"is not UTF-8 text ({exc.reason})")]
    if not language:  # the site's own language: the tables' default words
        return read_page(source, rel, shown, rules.render_table, rules.render_notices, site_language)
    return read_page(source, rel, shown, functools.partial(rules.render_table, language=language),
                     functools.partial(rules.render_notices, language=language), language)


def load_pages(
    content_dir: Path,
    root: Path,
    cache: BuildCache,
    unreadable: set[str] | None = None,
    translations: tuple[str, ...] = (),
    site_language: str = "",
) -> tuple[list[Page], list[BuildError]]:
    """Read every page, those unchanged since ``cache`` saw them from it. Files too broken to use are named in
    ``unreadable`` (their errors are reported). Pages under ``content/<t>/`` for a language ``t`` of
    ``translations`` get that language's generated tables. ``site_language``: the language of the other pages (their
    links to pages in another language are listed like a translation's)."""
    unreadable = set() if unreadable is None else unreadable
    files = sorted(p for p in content_dir.rglob("*.md") if p.is_file())
    shown = display_path(content_dir, root)  # once: resolving each file's path costs ~60 µs apiece
    rels = [p.relative_to(content_dir).as_posix() for p in files]
    jobs = [(p, rel, f"{shown}/{rel}", _language_of(rel, translations), site_language)
            for p, rel in zip(files, rels, strict=True)]
    results: list[tuple[Page | None, list[BuildError]] | None] = [None] * len(jobs)
    todo = []
    stamps: dict[int, tuple[int, int]] = {}  # taken before reading: an edit made meanwhile is seen next time
    for i, job in enumerate(jobs):
        stat = job[0].stat()
        stamps[i] = (stat.st_mtime_ns, stat.st_size)
        hit = cache.page(job[1], stamps[i])
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    fresh = map_in_workers(_read, cache.rules, [jobs[i] for i in todo])
    for i, result in zip(todo, fresh, strict=True):
        results[i] = result
        cache.keep_page(jobs[i][1], stamps[i], result)

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


def _language_of(rel: str, translations: tuple[str, ...]) -> str:
    first, slash, _ = rel.partition("/")
    return first if slash and first in translations else ""


def check_links(pages: list[Page], unreadable: set[str]) -> list[BuildError]:
    """Every link to a page must reach a page that is built, and every #anchor a heading on it. A page links
    only to pages of its own language: a reader of the French edition stays in French.

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
            elif target.language != page.language:
                errors.append(BuildError(page.display_path, link.line,
                                         f"link to `{link.target}`, a page in `{target.language}`, from a page in "
                                         f"`{page.language}`: link the page of its own language"))
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


def load_site(root: Path, content_dir: Path, config: SiteConfig, cache: BuildCache | None = None) -> Site:
    """Load and check the whole site; raises BuildFailed listing every problem found."""
    cache = BuildCache() if cache is None else cache
    from .data import load_data  # data loaders pull in the rounds parser; keep import cheap for tests
    from .translations import check_pairs

    unreadable: set[str] = set()
    pages, errors = load_pages(content_dir, root, cache, unreadable, tuple(t.language for t in config.translations),
                               config.language)
    assign_languages(pages, config)
    editions = {}
    for language in config.languages:
        edition_config = config.edition(language)
        prefix = "" if language == config.language else f"{language}/"
        own = [p for p in pages if p.language == language]
        nav, nav_errors = build_navigation(own, edition_config.nav)
        errors += nav_errors
        if own or not prefix:
            editions[language] = Edition(edition_config, prefix, own, nav)
    errors += check_links(pages, unreadable) + check_addresses(pages)
    errors += check_templates(pages, page_templates(root / "templates"))
    if not any(p.rel_path == "index.md" for p in pages):
        errors.append(BuildError(display_path(content_dir / "index.md", root), 0, "the home page is missing"))
    data, data_errors = load_data(content_dir / "data", root, cache)
    errors += data_errors + check_sources(pages, content_dir, root)
    if len(config.languages) > 1:
        said = {lang: load_strings(root / "templates" / "strings", "", lang, root)["in_other_language"]
                for lang in config.languages}
        errors += check_other_language_links(pages, said, french_versions())
    if errors:
        raise BuildFailed(errors)
    site = Site(config, root, content_dir, pages, editions, data)
    site.warnings.extend(check_pairs(site.main.by_key, {
        t.language: editions[t.language].by_key if t.language in editions else {} for t in config.translations}))
    return site


def assign_languages(pages: list[Page], config: SiteConfig) -> None:
    """Each page's edition from its folder: ``content/fr/...`` is French when ``fr`` is a translation."""
    translations = tuple(t.language for t in config.translations)
    for page in pages:
        language = _language_of(page.rel_path, translations)
        page.language, page.key = ((language, page.rel_path[len(language) + 1:]) if language
                                   else (config.language, page.rel_path))

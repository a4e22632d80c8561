"""Stage two of the build: pages and site files through Jinja2 templates."""

from __future__ import annotations

import base64
import hashlib
import traceback
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .assets import Asset
from .build_cache import BuildCache
from .errors import BuildError, BuildFailed, display_path
from .markdown import Heading, with_base
from .pages import Page
from .site import Edition, Site
from .strings import format_date, format_datetime, format_money, format_number, round_label
from .strings import load_strings as load_strings_file
from .url_language import language_of_url

# Extra template variables for special pages (the rounds tables, the calculator bundle...).
ContextProvider = Callable[[Site, Page, dict[str, Any]], dict[str, Any]]  # (site, page, strings)


# Extra script-src source for the search box in every page's header (templates/partials/search.html).
# Pagefind's index reader is WebAssembly: compiling it needs 'wasm-unsafe-eval', which allows WebAssembly
# only, not JavaScript's eval(). Pagefind runs it in a worker (pagefind-worker.js, allowed by script-src
# 'self') and on the page itself when a worker cannot start, so the page's own policy must allow it too.
SEARCH_SCRIPT_SRC = Markup(" 'wasm-unsafe-eval'")  # Markup: written as is, like the rest of the policy


class Renderer:
    """Renders the pages of one edition (``edition``, the site's own language by default) in its language."""

    def __init__(
        self,
        site: Site,
        templates_dir: Path,
        assets: dict[str, Asset],
        providers: dict[str, ContextProvider] | None = None,
        dev_script: str = "",
        cache: BuildCache | None = None,
        edition: Edition | None = None,
        language_names: dict[str, str] | None = None,
    ) -> None:
        cache = BuildCache() if cache is None else cache
        self.rules = cache.rules
        self.site = site
        self.edition = edition = edition or site.main
        self.templates_dir = templates_dir
        self.assets = assets
        self.providers = providers or {}
        # Page by its path in the edition ("privacy.md"), for templates and page_url: the French edition's
        # templates name the same files and get the French pages.
        self.pages = edition.by_key
        # Each language's own name for itself ("Français"), for the language switch.
        self.language_names = {} if language_names is None else language_names
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=cache.templates,
        )
        # `tojson` (the calculator page's data blocks): compact, and letters as themselves rather than \u00e9
        # escapes. Jinja still escapes < > & ' so no block can close its <script>. Saves 5.6 KB on the French
        # calculator page (0.9 KB gzipped) and 1.6 KB (0.2 KB) on the English one.
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
        self.strings = strings = load_strings(templates_dir, edition.language, site.root)
        add_language_filters(self.env, strings)
        self.env.globals.update(
            site=edition.config,
            nav=edition.nav,
            home_url=edition.prefix,  # the edition's home page ("" or "fr/")
            # IRCC's own round names are English: marked so in other editions, for screen readers.
            ircc_lang=Markup("") if edition.language == "en" else Markup(' lang="en"'),
            data=site.data,
            pages=self.pages,
            strings=strings,
            url=self.url,
            page_url=self.page_url,
            generated_table=self.generated_table,
            asset=self.asset,
            absolute_url=self.absolute_url,
            search_script_src=SEARCH_SCRIPT_SRC if site.config.search else "",
            # Extra script-src source for the dev server's live-reload snippet ("" in a real build).
            dev_script_src=" " + script_hash(dev_script) if dev_script else "",
        )

    def url(self, path: str = "") -> str:
        """A site-relative address (``documents/``) as an absolute path honouring the base URL."""
        return self.site.config.base_url + path.lstrip("/")

    def page_url(self, rel_path: str) -> str:
        """The address of a content page by its file (``crs-criteria.md``): a renamed page fails the build."""
        page = self.pages.get(rel_path)
        if page is not None:
            return self.url(page.url)
        raise jinja2.TemplateRuntimeError(f"links to `content/{rel_path}`, which does not exist (or is a draft)")

    def absolute_url(self, path: str = "") -> str:
        return self.site.config.origin + self.url(path)

    def asset(self, name: str) -> str:
        try:
            return self.url(self.assets[name].output)
        except KeyError:
            raise jinja2.TemplateRuntimeError(f"no static file `{name}` in templates/static/") from None

    def generated_table(self, name: str) -> Markup:
        """A calculator rules table for a template (pages use a ```table block instead)."""
        html = self.rules.render_table(name, self.edition.language)
        if html is None:
            raise jinja2.TemplateRuntimeError(f"unknown generated table `{name}`")
        return Markup(html)

    def alternates(self, page: Page) -> list[dict[str, str]]:
        """The page in every language it exists in (itself included), for the hreflang links and the switch."""
        return [{"language": language, "url": other.url, "name": self.language_names.get(language, language)}
                for language, other in self.site.counterparts(page).items()]

    def render_page(self, page: Page) -> str:
        nav = self.edition.nav
        prev_page, next_page = nav.neighbours(page)
        context = {
            "page": page,
            "section": nav.section_of(page),
            "breadcrumbs": nav.breadcrumbs(page, self.edition.home),
            "prev_page": prev_page,
            "next_page": next_page,
            "toc": table_of_contents(page),
            "canonical": self.absolute_url(page.url),
            "alternates": self.alternates(page),
            "default_language": self.site.config.language,
        }
        provider = self.providers.get(page.template)
        if provider:
            try:
                context.update(provider(self.site, page, self.strings))
            except BuildFailed:
                raise
            except Exception as exc:  # e.g. a rounds page without the rounds data file
                line = page.lines.get("template", 1)
                raise BuildFailed([BuildError(page.display_path, line,
                                              f"template `{page.template}` cannot be prepared: {exc!r}")]) from None
        return self._render(f"{page.template}.html", context, page)

    def render_named(self, template: str, **context: Any) -> str:
        return self._render(template, context, None)

    def _render(self, name: str, context: dict[str, Any], page: Page | None) -> str:
        try:
            return with_base(self.env.get_template(name).render(context), self.site.config.base_url)
        except jinja2.TemplateSyntaxError as exc:
            path = display_path(Path(exc.filename or name), self.site.root)
            raise BuildFailed([BuildError(path, exc.lineno, f"template error: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            where = page.display_path if page else name
            line = page.lines.get("template", 1) if page else 0
            raise BuildFailed([BuildError(where, line, f"unknown template `{exc.name}`")]) from None
        except Exception as exc:  # a template bug: point at the template line, say which page was rendering
            path, line = self._template_frame(exc)
            for_page = f" (rendering {page.display_path})" if page else ""
            raise BuildFailed([BuildError(path, line, f"template error: {exc}{for_page}")]) from None

    def _template_frame(self, exc: Exception) -> tuple[str, int]:
        root = str(self.templates_dir.resolve())
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.startswith(root):
                return display_path(Path(frame.filename), self.site.root), frame.lineno or 0
        return display_path(self.templates_dir, self.site.root), 0


def table_of_contents(page: Page) -> list[tuple[Heading, list[Heading]]]:
    """Level-2 headings, each with its level-3 headings, for a nested list that numbers correctly."""
    toc: list[tuple[Heading, list[Heading]]] = []
    for heading in page.headings:
        if heading.level == 2:
            toc.append((heading, []))
        elif heading.level == 3 and toc:
            toc[-1][1].append(heading)
    return toc


def script_hash(source: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script, and no other."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def add_language_filters(env: jinja2.Environment, strings: dict[str, Any]) -> None:
    """Dates and numbers written the way ``strings`` says: ``{{ page.updated|date_text }}``,
    ``{{ round.tie_break|datetime_text }}``, ``{{ round.invitations|number }}``; and ``{{ url|other_language }}``."""
    env.filters["date_text"] = lambda d: format_date(d, strings)
    env.filters["datetime_text"] = lambda dt: format_datetime(dt, strings)
    env.filters["number"] = lambda n: format_number(n, strings)
    env.filters["money"] = lambda n: format_money(n, strings)
    env.filters["round_label"] = lambda item: round_label(item, strings)
    # The language of an official page when it is not the edition's ("" otherwise): partials/official.html
    language = str(strings["locale"]).split("_")[0]
    env.filters["other_language"] = lambda url: "" if language_of_url(url) in ("", language) else language_of_url(url)


def load_strings(templates_dir: Path, language: str, root: Path) -> dict[str, Any]:
    """The site's interface words in ``language`` (``templates/strings/<language>.yml``)."""
    return load_strings_file(templates_dir / "strings", "", language, root)


def sitemap(site: Site, absolute_url: Callable[[str], str]) -> str:
    """Every page of every edition; a page with versions in other languages lists them all (hreflang), as
    search engines ask, so each finds the others whichever it crawls first."""
    entries = []
    for p in sorted(site.pages, key=lambda p: p.url):
        versions = site.counterparts(p)
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{language}" href="{escape(absolute_url(other.url))}"/>'
            for language, other in versions.items()
        ) if len(versions) > 1 else ""
        entries.append(f"<url><loc>{escape(absolute_url(p.url), quote=False)}</loc>"
                       f"<lastmod>{p.updated.isoformat()}</lastmod>{links}</url>\n")
    xhtml = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if len(site.editions) > 1 else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{xhtml}>\n' + "".join(entries) + "</urlset>\n"
    )


def robots(absolute_url: Callable[[str], str]) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {absolute_url('sitemap.xml')}\n"

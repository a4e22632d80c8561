"""Reading one page: front matter, then the Markdown body."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import BuildError
from .markdown import ExternalLink, Heading, Link, page_url, render_markdown
from .yamlfile import InvalidYaml, boolean, check_fields, integer, iso_date, load_mapping, text, web_url

# templates/*.html that are not page templates: the layout every page extends, and the site files rendered by
# name. Every other templates/*.html is a template a page can name: a new one is just a new file.
NOT_PAGE_TEMPLATES = ("base", "404")
_TEMPLATE_NAME = re.compile(r"[a-z][a-z0-9_-]*")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    line: int = field(default=0, compare=False)  # of its `url:` in the front matter, for the official-host check


@dataclass
class Page:
    rel_path: str  # relative to content/, e.g. "programs/federal-skilled-worker.md"
    display_path: str  # as shown in errors, e.g. "content/programs/federal-skilled-worker.md"
    url: str  # relative to the site root, e.g. "programs/federal-skilled-worker/"
    title: str
    description: str
    updated: date
    section: str = ""
    order: int = 0
    nav_title: str = ""
    draft: bool = False
    template: str = "page"
    sources: tuple[Source, ...] = ()
    html: str = ""
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    language_links: list[ExternalLink] = field(default_factory=list)  # see url_language
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key → line, for later checks
    shows_rules_data: bool = False  # a generated table or the notices: sources from calculator/data are shown
    # The edition the page belongs to: "fr" for content/fr/..., the site's language otherwise; and its path inside
    # its edition ("fees.md" for content/fr/fees.md), which is also the path of its counterpart in another one.
    language: str = "en"
    key: str = ""

    @property
    def short_title(self) -> str:
        return self.nav_title or self.title

    @property
    def anchors(self) -> set[str]:
        return {h.id for h in self.headings}


def _sources(value: Any) -> tuple[Source, ...]:
    if not isinstance(value, list):
        raise ValueError("must be a list of entries with `title` and `url`")
    items = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            raise ValueError("entries must have exactly `title` and `url`")
        items.append(Source(text(item["title"]), web_url(item["url"])))
    return tuple(items)


def _with_lines(sources: tuple[Source, ...], front_matter: str, key_line: int) -> tuple[Source, ...]:
    """Each source with the line of its address, found in order after the `sources:` key (line 1 is `---`)."""
    lines = front_matter.splitlines()
    at = key_line - 2  # index in `lines` of the `sources:` line
    out = []
    for src in sources:
        while at < len(lines) and src.url not in lines[at]:
            at += 1
        out.append(replace(src, line=at + 2 if at < len(lines) else key_line))
        at += 1
    return tuple(out)


def page_templates(templates_dir: Path) -> tuple[str, ...]:
    """The templates a page can name in its ``template:`` (the ``templates/*.html`` files that are pages)."""
    return tuple(sorted(p.stem for p in templates_dir.glob("*.html") if p.stem not in NOT_PAGE_TEMPLATES))


def _template(value: Any) -> str:
    # Only the form here; which names exist is checked once for all pages (check_templates), so a parsed page
    # stays valid whatever the templates folder holds.
    if not isinstance(value, str) or not _TEMPLATE_NAME.fullmatch(value):
        raise ValueError(f"names an unknown template `{value}`")
    return value


def check_templates(pages: list[Page], known: tuple[str, ...]) -> list[BuildError]:
    """Every page's ``template:`` must be one of ``known`` (see `page_templates`)."""
    return [
        BuildError(p.display_path, p.lines.get("template", 1),
                   f"`template` names an unknown template `{p.template}` (known: {', '.join(known)})")
        for p in pages if p.template not in known
    ]


REQUIRED = {"title": text, "description": text, "updated": iso_date}
OPTIONAL = {
    "section": text,
    "order": integer,
    "nav_title": text,
    "draft": boolean,
    "template": _template,
    "sources": _sources,
}


def read_page(
    source: str,
    rel_path: str,
    display_path: str,
    render_table: Callable[[str], str | None],
    render_notices: Callable[[], str] = str,
    language: str = "",
) -> tuple[Page | None, list[BuildError]]:
    """Parse one Markdown file. Returns the page (None if unusable) and every problem found in it.
    ``language``: the page's edition, for its links to pages in another language (`render_markdown`)."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return None, [BuildError(display_path, 1, "missing front matter: start the file with a `---` line, "
                                                  "then `title:`, `description:` and `updated:`, then `---`")]
    try:
        mapping = load_mapping(match.group(1) or "", display_path, first_line=2)
    except InvalidYaml as exc:
        return None, [exc.error]
    meta, errors = check_fields(mapping, REQUIRED, OPTIONAL, display_path)
    if errors:
        return None, errors

    body_line = source.count("\n", 0, match.end()) + 1
    rendered = render_markdown(source[match.end():], rel_path, body_line, render_table, render_notices, language)
    errors = [BuildError(display_path, line, message) for line, message in rendered.problems]
    if "sources" in meta:
        meta["sources"] = _with_lines(meta["sources"], match.group(1) or "", mapping.line_of("sources"))
    page = Page(
        rel_path=rel_path,
        display_path=display_path,
        url=page_url(rel_path),
        html=rendered.html,
        headings=rendered.headings,
        links=rendered.links,
        language_links=rendered.language_links,
        lines=mapping.lines,
        shows_rules_data=bool(rendered.tables or rendered.notices_line),
        **meta,
    )
    return page, errors

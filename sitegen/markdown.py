"""Markdown to HTML the way GitHub renders it, plus what the build needs from each page.

markdown-it-py with the GFM plugin (tables, strikethrough, autolinks, task lists, alerts, footnotes),
heading anchors with GitHub's slugs and ``{#id .class}`` attributes. Its source map gives every
token a line, which is how link errors point at ``path:line``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify, unique_slug
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.gfm import gfm_plugin

from .block_dispatch import use_block_dispatch
from .url_language import language_of_url

# Links to other pages leave the parse stage as SITE_ROOT + the page's site-relative address, and the renderer
# puts the base URL in its place (`with_base`), so a parsed page does not depend on the base URL. NUL can
# mark them because it appears nowhere else: markdown-it turns every NUL in the source into U+FFFD.
SITE_ROOT = "\x00"

TABLE_FENCE = "table"
NOTICES_FENCE = "notices"  # the rules data's notices in force (calculator/data/meta.json), once per page


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Link:
    """A link to another page of the site (or an anchor on this one), found in the Markdown."""

    line: int
    target: str  # content-relative path of the .md file, "" for this page
    anchor: str


@dataclass(frozen=True)
class ExternalLink:
    """A link to a page of another site whose address gives its language (see `url_language`), with its words
    and the words right after it: when it is not the page's language, one of them says so."""

    line: int
    url: str
    language: str
    words: str
    after: str


@dataclass
class RenderedMarkdown:
    html: str
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    language_links: list[ExternalLink] = field(default_factory=list)  # to pages whose address gives their language
    tables: list[tuple[int, str]] = field(default_factory=list)  # (line, generated table name)
    notices_line: int = 0  # line of the page's ```notices block, 0 if it has none
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    # Task-list boxes can be ticked (a checklist to work through); checklist.mjs keeps the ticks in the browser.
    md.use(gfm_plugin, tasklists_editable=True)
    md.use(attrs_plugin, spans=True)  # [words]{lang=en}: an English passage in a French page
    md.use(attrs_block_plugin)
    md.use(anchors_plugin, min_level=2, max_level=6)
    md.add_render_rule("list_item_open", _task_item_open)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.normalizeLink = _normalize_link_with(md.normalizeLink)
    md.inline.terminator_re = _stop_at_www_only(md.inline.terminator_re)
    use_block_dispatch(md)
    return md


def _stop_at_www_only(terminators: re.Pattern[str]) -> re.Pattern[str]:
    """The GFM autolink plugin makes inline text stop at every ``w`` so its ``www.`` rule can look; every
    stop runs the whole inline rule chain, and English has many w's. Its rule only matches at ``www.``, so
    stopping only there gives the same tokens at ~8 % less Markdown time (a test compares the two)."""
    assert terminators.pattern.startswith("[") and terminators.pattern.endswith("]"), terminators.pattern
    chars = "".join(c for c in map(chr, range(128)) if terminators.fullmatch(c) and c != "w")
    return re.compile("[" + re.escape(chars) + r"]|w(?=ww\.)")


# Characters mdurl.encode leaves alone (it keeps ;/?:@&=+$,-_.!~*'()# and alphanumerics), minus ':' and '%'.
_PLAIN_LINK = re.compile(r"[A-Za-z0-9\-._~/#?=&;+,!*'()@$]*\Z")


def _normalize_link_with(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """markdown-it's link normalizer, skipped for a plain relative link (most of ours), which it returns
    unchanged anyway: it parses and re-encodes every URL, about 6 % of the Markdown time of a link-rich
    site. No scheme, no host (``//``), no percent escape: those still go through it. A test compares the
    two on generated URLs."""

    def normalize_link(url: str) -> str:
        if _PLAIN_LINK.match(url) and not url.startswith("//"):
            return url
        return normalize(url)

    return normalize_link


def _task_item_open(self, tokens: list[Token], idx: int, options, env) -> str:
    """A task-list box with the id its ``<label for>`` names (see ``_label_task_item``). autocomplete="off"
    stops the browser restoring old ticks on reload: checklist.mjs alone decides what is kept."""
    token = tokens[idx]
    box_id = (token.meta or {}).get("box_id")
    if not box_id:
        return self.list_item_open(tokens, idx, options, env)
    checked = ' checked=""' if token.meta["checked"] else ""
    return (self.renderToken(tokens, idx, options, env)
            + f'<input class="task-list-item-checkbox" type="checkbox" id="{box_id}" autocomplete="off"{checked}> ')


TASK_ID_PREFIX = "tick-"


def _label_task_item(inline: Token, rel_path: str, taken: set[str]) -> str:
    """Wrap a task item's first paragraph in ``<label for=ID>`` so its text ticks the box, and return ID.

    The id comes from the page and the item's words, not its position: a reordered list keeps each tick
    (checklist.mjs stores the ids). Re-wrapping the Markdown lines does not change it either."""
    text = " ".join(_plain(inline).split())
    digest = hashlib.sha256(f"{rel_path}\n{text}".encode()).hexdigest()[:6]
    words = slugify(text)
    if len(words) > 40:  # the first words are enough to read; the digest tells the items apart
        words = words[:40].rsplit("-", 1)[0]
    box_id = unique_slug(f"{TASK_ID_PREFIX}{words.strip('-')}-{digest}", taken)
    inline.children = [
        Token("html_inline", "", 0, content=f'<label for="{box_id}">'),
        *(inline.children or []),
        Token("html_inline", "", 0, content="</label>"),
    ]
    return box_id


def _ids_in(tokens: list[Token]) -> set[str]:
    """The ids the Markdown gives its blocks (heading anchors, ``{#id}``), which a task box must not reuse."""
    return {str(t.attrGet("id")) for t in tokens if t.attrGet("id")}


def scroll_region(table: str, label: str = "", labelledby: str = "") -> str:
    """A table in its own sideways-scrolling region, so a wide one never makes the page scroll on a phone.
    The region takes the keyboard focus (arrow keys scroll it) and needs a name: ``label`` or the id in
    ``labelledby``. The stylesheet draws a shadow at an edge while more of the table lies beyond it."""
    name = f' aria-labelledby="{escape(labelledby)}"' if labelledby else f' aria-label="{escape(label)}"'
    return f'<div class="table-scroll" role="region" tabindex="0"{name}>{table}</div>'


def _table_open(self, tokens: list[Token], idx: int, options, env) -> str:
    """A Markdown table has no caption: its region is named by the heading of its section."""
    heading = next((t.attrGet("id") for t in reversed(tokens[:idx]) if t.type == "heading_open"), None)
    region = scroll_region("", labelledby=str(heading)) if heading else scroll_region("", label="Table")
    return region.removesuffix("</div>") + self.renderToken(tokens, idx, options, env)


def _table_close(self, tokens: list[Token], idx: int, options, env) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


_PARSER = make_parser()


def with_base(html: str, base_url: str) -> str:
    """``html`` from `render_markdown` (or a page rendered around it) with its page links under ``base_url``."""
    return html.replace(SITE_ROOT, base_url)


def page_url(rel_path: str) -> str:
    """The address of a content file, relative to the site root: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``."""
    stem = rel_path[:-3] if rel_path.endswith(".md") else rel_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def render_markdown(
    source: str,
    rel_path: str,
    first_line: int,
    render_table: Callable[[str], str | None],
    render_notices: Callable[[], str] = str,
    language: str = "",
) -> RenderedMarkdown:
    """Render a page body. ``first_line`` is the file line where the body starts. Links to pages of the site
    start with `SITE_ROOT`: `with_base` makes them addresses. ``language``: the page's, when known; a link to a
    page in another language then gets ``hreflang``; links whose address gives a language are listed in
    ``language_links``."""
    env: dict = {}
    tokens = _PARSER.parse(source, env)
    result = RenderedMarkdown(html="")
    page_dir = posixpath.dirname(rel_path)
    taken_ids: set[str] | None = None  # filled at the page's first task item

    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "list_item_open" and token.meta and "checked" in token.meta:
            if index + 2 < len(tokens) and tokens[index + 1].type == "paragraph_open":
                taken_ids = _ids_in(tokens) if taken_ids is None else taken_ids
                token.meta["box_id"] = _label_task_item(tokens[index + 2], rel_path, taken_ids)
            else:
                result.problems.append((line, "this checklist item has no text: write what to tick after `[ ]`"))
        elif token.type == "heading_open" and token.attrGet("id"):
            result.headings.append(Heading(int(token.tag[1]), str(token.attrGet("id")), _plain(tokens[index + 1])))
        elif token.type == "fence" and token.info.strip() == TABLE_FENCE:
            name = token.content.strip()
            result.tables.append((line, name))
            html = render_table(name)
            if html is None:
                result.problems.append((line, f"unknown generated table `{name}`"))
                html = ""
            # Swap the fence for the generated HTML so the renderer passes it through.
            token.type, token.content, token.info = "html_block", html, ""
        elif token.type == "fence" and token.info.strip() == NOTICES_FENCE:
            if token.content.strip():
                result.problems.append((line, "a ```notices block takes no name: it shows every notice in force"))
            html = ""
            if result.notices_line:
                result.problems.append((line, f"notices are already shown on line {result.notices_line}: "
                                              "keep one ```notices block per page"))
            else:
                result.notices_line, html = line, render_notices()
            token.type, token.content, token.info = "html_block", html, ""
        elif token.type == "inline" and token.children:
            _rewrite_links(token.children, line, page_dir, rel_path, result, language)
        elif token.type == "html_block":
            _check_raw_html(token.content, line, result)

    result.html = _PARSER.renderer.render(tokens, _PARSER.options, env)
    return result


def _plain(inline: Token) -> str:
    """Text without markup: a heading's for the table of contents, a task item's for its id."""
    if not inline.children:
        return inline.content
    return "".join(c.content if c.type in ("text", "code_inline") else " " for c in inline.children
                   if c.type in ("text", "code_inline", "softbreak", "hardbreak"))


def _rewrite_links(
    children: list[Token], line: int, page_dir: str, rel_path: str, result: RenderedMarkdown, language: str = ""
) -> None:
    for index, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            continue
        if child.type == "image":
            src = str(child.attrGet("src") or "")
            if not urlsplit(src).scheme:  # content/ holds no image files yet: nothing would be copied
                result.problems.append((line, f"image `{src}`: only full https:// image addresses are supported"))
            continue
        if child.type == "html_inline":
            _check_raw_html(child.content, line, result)
            continue
        if child.type != "link_open":
            continue
        href = str(child.attrGet("href") or "")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            other = language_of_url(href) if language else ""
            if other:  # its own language too: the check then makes sure it is not said to be in another
                if other != language:
                    child.attrSet("hreflang", other)
                result.language_links.append(ExternalLink(line, href, other, *_words_around(children, index)))
            continue
        if not parts.path:  # "#anchor" on this page
            result.links.append(Link(line, "", parts.fragment))
            continue
        if parts.path.startswith("/"):
            result.problems.append(
                (line, f"link `{href}` starts with /: link to the page's .md file by a relative path instead")
            )
            continue
        target = posixpath.normpath(posixpath.join(page_dir, parts.path))
        if target.startswith("../") or target == "..":
            result.problems.append((line, f"link `{href}` points outside content/"))
            continue
        if not target.endswith(".md"):
            result.problems.append((line, f"link `{href}` must point at a page's .md file"))
            continue
        result.links.append(Link(line, target, parts.fragment))
        new_href = SITE_ROOT + page_url(target) + (f"#{parts.fragment}" if parts.fragment else "")
        child.attrSet("href", new_href)


def _words_around(children: list[Token], index: int) -> tuple[str, str]:
    """(the link's own words, the words right after it) for the link that opens at ``index``: its text and the
    text that follows up to the next markup, a line break read as a space (the words may wrap)."""
    depth, inside = 0, []
    for at in range(index, len(children)):
        kind = children[at].type
        if kind == "link_open":
            depth += 1
        elif kind == "link_close":
            depth -= 1
            if depth == 0:
                after = []
                for token in children[at + 1:]:
                    if token.type not in ("text", "softbreak"):
                        break
                    after.append(token.content if token.type == "text" else " ")
                return " ".join("".join(inside).split()), " ".join("".join(after).split())
        elif kind in ("text", "softbreak"):
            inside.append(children[at].content if kind == "text" else " ")
    return " ".join("".join(inside).split()), ""


_HTML_ADDRESS = re.compile(r"""\b(href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def _check_raw_html(html: str, line: int, result: RenderedMarkdown) -> None:
    """Raw HTML passes through untouched, so an address in it to a page of this site would escape the
    link check and the base URL (``/x/`` breaks on a project site): ask for a Markdown link instead."""
    for match in _HTML_ADDRESS.finditer(html):
        address = match.group(2).strip("'\"")
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or not parts.path:  # full addresses and #anchors are fine
            continue
        at = line + html.count("\n", 0, match.start())
        result.problems.append((at, f"raw HTML {match.group(1).lower()}=\"{address}\": link to a page with a Markdown "
                                    "link, [text](page.md), so the build checks it and adds the base URL"))

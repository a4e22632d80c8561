"""The fast path of link normalisation must give exactly what markdown-it's own normalizer gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.gfm import gfm_plugin

from sitegen.markdown import _PARSER, _PLAIN_LINK

ORIGINAL = MarkdownIt("commonmark").normalizeLink
# Plain characters, plus the ones that send a URL down the slow path, so both paths are exercised.
ALPHABET = "abcXYZ019-._~/#?=&;+,!*'()@$:% é[]\"<>\\"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fast_normalize_matches_markdown_it(url: str) -> None:
    assert _PARSER.normalizeLink(url) == ORIGINAL(url)


def test_typical_links_take_the_fast_path_and_others_do_not() -> None:
    for url in ("../steps/create-your-profile.md#the-pool", "documents/", "#fees", "a/b.md?x=1"):
        assert _PLAIN_LINK.match(url) and _PARSER.normalizeLink(url) == url
    for url in ("https://www.canada.ca/en.html", "//example.org/x", "a%20b", "mailto:x@example.org", "caf\u00e9"):
        assert not (_PLAIN_LINK.match(url) and not url.startswith("//"))
        assert _PARSER.normalizeLink(url) == ORIGINAL(url)


def _stock_parser() -> MarkdownIt:
    """The site's parser without its three speed-ups (link normaliser, www-only text stops, block dispatch)."""
    from sitegen.markdown import make_parser

    md = make_parser()
    md.normalizeLink = ORIGINAL
    stock = MarkdownIt("commonmark", {"html": True})
    gfm_plugin(stock)
    md.inline.terminator_re = stock.inline.terminator_re
    del md.block.tokenize  # markdown-it's own block loop again
    return md


# Words and marks around www autolinks, links and emphasis, to exercise where inline text stops.
PIECES = ["w", "ww", "www.", "www.canada.ca", "Www.x.org", "wwww.a.b", " ", "\n", "word", "*", "_", "[a](b.md)",
          "<", ">", "http://x.org", "x@y.org", "`code`", "~~", "(", ")", ".", "é", "{#id}", "\\", "!", "[", "]"]
STOCK = None


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_www_only_stops_render_what_every_w_stop_renders(text: str) -> None:
    global STOCK
    STOCK = STOCK or _stock_parser()
    assert _PARSER.render(text) == STOCK.render(text)


def test_every_content_page_renders_the_same_as_with_the_stock_parser() -> None:
    from pathlib import Path

    stock = _stock_parser()
    pages = sorted((Path(__file__).resolve().parents[2] / "content").rglob("*.md"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert _PARSER.render(text) == stock.render(text), path

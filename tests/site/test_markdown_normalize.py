"""The fast path of link normalisation must give exactly what markdown-it's own normalizer gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

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

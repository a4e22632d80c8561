"""The block-rule dispatch must never change what markdown-it parses.

Two checks: each entry of ``STARTS`` against the rule itself (a line starting with any other character is
refused by that rule, whatever follows), and whole documents parsed with the dispatch and with markdown-it's
own loop.
"""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_block import StateBlock

from sitegen.block_dispatch import STARTS
from sitegen.markdown import _PARSER, make_parser

# Every ASCII character that can begin a line's text, a few others, and the replacement for NUL.
FIRST_CHARS = [c for c in string.printable if c not in " \t\n\r\x0b\x0c"] + ["é", "—", "\u00a0", "\ufffd", "٣"]
# Pieces of block syntax, so the rest of a line and the lines after it can look like anything a rule looks at.
BLOCK_PIECES = ["- ", "* ", "+ ", "1. ", "2) ", "> ", "# ", "## ", "```", "~~~", "---", "***", "___", "===",
                "| a | b |", "|---|:-:|", "a | b", "[a]: /u", "[^1]: note", "[^1]", "{#id .c}", "<div>", "</div>",
                "<!-- c -->", "    ", "  ", "\t", "word", "[x] ", "[ ] ", "**b**", "`c`", "\\", ":", "{", "}"]
LINE = st.lists(st.sampled_from(BLOCK_PIECES), max_size=5).map("".join)
DOCUMENT = st.lists(st.one_of(LINE, st.just("")), max_size=12).map("\n".join)


def _rules() -> dict[str, object]:
    return {rule.name: rule.fn for rule in _PARSER.block.ruler.__rules__ if rule.enabled}


def test_every_listed_rule_is_one_of_the_parsers_rules() -> None:
    # A rule renamed upstream would silently lose its entry (slower, never wrong): say so here instead.
    assert set(STARTS) <= set(_rules())


def test_a_rule_refuses_every_line_that_does_not_start_with_its_characters() -> None:
    # Every first character against every rule, with the rest of the line and the next line chosen to tempt
    # the rules (the character repeated makes ``___`` and ``~~~``; the next line makes tables and underlines).
    rules = {name: fn for name, fn in _rules().items() if name in STARTS}
    checked = 0
    for first in FIRST_CHARS:
        rests = ["", f"{first}{first}", f" {first} {first}", f"{first}{first}{first} x", *BLOCK_PIECES]
        for before in ("", "para\n"):
            for rest in rests:
                for after in ("", "text", "---", "===", "|---|---|", "  - item"):
                    source = f"{before}{first}{rest}\n{after}\n"
                    for name, rule in rules.items():
                        if first in STARTS[name]:
                            continue
                        state = StateBlock(source, _PARSER, {}, [])
                        assert not rule(state, before.count("\n"), state.lineMax, True), (name, source)
                        checked += 1
    assert checked > 100_000


def _stock_block_parser():
    md = make_parser()
    del md.block.tokenize  # back to markdown_it.parser_block.ParserBlock.tokenize
    return md


STOCK = _stock_block_parser()


@settings(max_examples=2000, deadline=None)
@given(DOCUMENT)
def test_documents_parse_to_the_same_tokens_as_with_markdown_its_own_loop(source: str) -> None:
    assert _PARSER.parse(source) == STOCK.parse(source)
    assert _PARSER.render(source) == STOCK.render(source)


def test_the_sites_parser_uses_the_dispatch() -> None:
    assert "tokenize" in vars(make_parser().block)  # an instance attribute shadowing ParserBlock.tokenize


def test_the_dispatch_tries_only_the_rules_a_line_can_start() -> None:
    from markdown_it import MarkdownIt

    from sitegen.block_dispatch import use_block_dispatch

    calls: list[str] = []
    md = MarkdownIt("commonmark")
    for rule in md.block.ruler.__rules__:
        rule.fn = (lambda fn, name: lambda *a: calls.append(name) or fn(*a))(rule.fn, rule.name)
    md.block.ruler.__cache__ = None
    use_block_dispatch(md)
    md.parse("Plain words.\n")
    assert calls == ["code", "lheading", "paragraph"]  # not fence, blockquote, hr, list, reference, html, heading
    calls.clear()
    md.parse("# Title\n")
    assert calls == ["code", "heading"]

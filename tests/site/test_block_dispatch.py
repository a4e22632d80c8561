"""The block-rule dispatch must never change what markdown-it parses.

Four checks: the upstream loop it copies is still the one it was copied from (source hash); each entry of
``STARTS`` against the rule itself (a line starting with any other character is refused by that rule,
whatever follows); generated documents parsed with the dispatch and with markdown-it's own loop; and the same
parity over every real Markdown file at hand.

The same parity over the CommonMark spec's examples (npm ``commonmark-spec``, pinned in package.json, installed by
``npm ci``), and over a real-world corpus: the site's own pages and the small Markdown files (READMEs,
changelogs) that come with the installed npm and Python packages.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_block import StateBlock

from sitegen.block_dispatch import STARTS
from sitegen.markdown import _PARSER, make_parser

ROOT = Path(__file__).resolve().parents[2]
# sha256 of markdown_it.parser_block.ParserBlock.tokenize's source (markdown-it-py 4.3.0), which
# block_dispatch.tokenize copies line for line.
UPSTREAM_TOKENIZE_SHA256 = "efd1abddd98523ec9db0a686c0763e00c294a57657f7add88d2e49613389902c"

# Every ASCII character that can begin a line's text, a few others, and the replacement for NUL.
FIRST_CHARS = [c for c in string.printable if c not in " \t\n\r\x0b\x0c"] + ["é", "—", "\u00a0", "\ufffd", "٣"]
# Pieces of block syntax, so the rest of a line and the lines after it can look like anything a rule looks at.
BLOCK_PIECES = ["- ", "* ", "+ ", "1. ", "2) ", "> ", "# ", "## ", "```", "~~~", "---", "***", "___", "===",
                "| a | b |", "|---|:-:|", "a | b", "[a]: /u", "[^1]: note", "[^1]", "{#id .c}", "<div>", "</div>",
                "<!-- c -->", "    ", "  ", "\t", "word", "[x] ", "[ ] ", "**b**", "`c`", "\\", ":", "{", "}"]
LINE = st.lists(st.sampled_from(BLOCK_PIECES), max_size=5).map("".join)
DOCUMENT = st.lists(st.one_of(LINE, st.just("")), max_size=12).map("\n".join)


def test_the_upstream_block_loop_is_the_one_the_dispatch_copies() -> None:
    from markdown_it import __version__
    from markdown_it.parser_block import ParserBlock

    digest = hashlib.sha256(inspect.getsource(ParserBlock.tokenize).encode()).hexdigest()
    assert digest == UPSTREAM_TOKENIZE_SHA256, (
        f"markdown-it-py {__version__} changed ParserBlock.tokenize: port the change into "
        "sitegen/block_dispatch.py's tokenize (or drop the dispatch), then record the new hash here"
    )


def _corpus() -> list[Path]:
    """The site's pages and the installed packages' Markdown files of up to 8 KB (~140 files, ~1 s both ways)."""
    site_packages = next((ROOT / ".venv" / "lib").glob("python*/site-packages"), None)
    found = sorted((ROOT / "content").rglob("*.md"))
    for folder in (ROOT / "node_modules", site_packages):
        if folder is not None:
            found += sorted(p for p in folder.rglob("*.md") if p.stat().st_size <= 8000)
    return found


def test_real_markdown_files_render_the_same_as_with_markdown_its_own_loop() -> None:
    files = _corpus()
    assert len(files) > 100, "too few Markdown files to compare: is node_modules installed (npm ci)?"
    differ = [str(p) for p in files if _PARSER.render(text := p.read_text(errors="replace")) != STOCK.render(text)]
    assert differ == []


def _spec_examples() -> list[tuple[int, str]]:
    """(number, Markdown) of every example in the CommonMark spec, read as the spec's own test runner reads it
    (commonmark-spec's index.js): 32 backticks and ``example``, the Markdown, a line with a dot, the HTML. The
    spec writes a tab as an arrow."""
    text = (ROOT / "node_modules" / "commonmark-spec" / "spec.txt").read_text(encoding="utf-8")
    text = re.sub(r"^<!-- END TESTS -->(.|\n)*", "", text.replace("\r\n", "\n"), flags=re.M)
    found = re.findall(r"^`{32} example\n([\s\S]*?)^\.\n[\s\S]*?^`{32}$", text, flags=re.M)
    return [(i, md.replace("\u2192", "\t")) for i, md in enumerate(found, 1)]


def test_the_commonmark_spec_examples_render_the_same_as_with_markdown_its_own_loop() -> None:
    examples = _spec_examples()
    assert len(examples) > 600, "the CommonMark spec is missing: is node_modules installed (npm ci)?"
    differ = [n for n, md in examples if _PARSER.render(md) != STOCK.render(md) or _PARSER.parse(md) != STOCK.parse(md)]
    assert differ == [], f"spec examples rendered differently: {differ}"


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

"""markdown-it's block parser, trying at each line only the rules that can start with that line's first character.

markdown-it tries every block rule, in order, at the start of every block: 13 rules with our plugins, ~425
calls per page of the benchmark site, almost all returning False at once because the line does not start
with ``#``, ``>``, ``-``... Skipping the rules that cannot match gives the same tokens (the first rule that
matches still wins, and every rule that is skipped would have returned False) at ~10 % less Markdown time.

A rule that is not listed in ``STARTS`` (a plugin added later) is always tried, so the table can only ever
be incomplete, never wrong in a way that changes output; ``tests/site/test_block_dispatch.py`` checks every
entry against the rule itself, character by character, and the whole parse against markdown-it's own loop
(generated documents and every real Markdown file at hand). It also fails when markdown-it-py's
``ParserBlock.tokenize``, which ``tokenize`` below copies, changes upstream (a hash of its source).
"""

from __future__ import annotations

import string
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

# Rule name -> the characters its line must start with (after up to three spaces of indent), as each rule
# checks them first thing. Rules that can start anywhere (code is indentation, table looks at the next line,
# lheading at the underline, paragraph takes anything) are absent.
STARTS: dict[str, str] = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+" + string.digits,
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "attr": "{",  # mdit_py_plugins.attrs: a block of {#id .class} attributes
}

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def use_block_dispatch(md: MarkdownIt) -> None:
    """Install the dispatching loop on ``md``; call it after every plugin and rule change."""
    block = md.block
    named = [(rule.name, rule.fn) for rule in block.ruler.__rules__ if rule.enabled]
    by_char: dict[str, list[BlockRule]] = {}

    def rules_for(char: str) -> list[BlockRule]:
        rules = by_char.get(char)
        if rules is None:
            rules = by_char[char] = [fn for name, fn in named if name not in STARTS or char in STARTS[name]]
        return rules

    def tokenize(state: StateBlock, startLine: int, endLine: int) -> None:  # noqa: N803 (markdown-it's names)
        # markdown_it.parser_block.ParserBlock.tokenize, line for line, except for the choice of rules.
        line = startLine
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        src, b_marks, t_shift = state.src, state.bMarks, state.tShift

        while line < endLine:
            state.line = line = state.skipEmptyLines(line)
            if line >= endLine:
                break
            if state.sCount[line] < state.blkIndent:
                break  # the end of a nested block (blockquote, list item)
            if state.level >= max_nesting:
                state.line = endLine
                break

            ok = False
            # skipEmptyLines left a line with text, so this is its first character after the indent.
            for rule in rules_for(src[b_marks[line] + t_shift[line]]):
                ok = rule(state, line, endLine, False)
                if ok:
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            if not ok:
                raise RuntimeError("none of the block rules matched")

            state.tight = not has_empty_lines
            line = state.line
            if (line - 1) < endLine and state.isEmpty(line - 1):
                has_empty_lines = True  # a paragraph may "eat" one newline after it in nested lists
            if line < endLine and state.isEmpty(line):
                has_empty_lines = True
                line += 1
                state.line = line

    block.tokenize = tokenize  # type: ignore[method-assign]

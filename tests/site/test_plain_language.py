"""Plain language: no sentence a visitor reads on a content page may run over 35 words.

The guide is written for readers of English as a second language, so long sentences are a defect.
Every page in content/ is checked (a glob, so new pages are covered without a list). The text is what
the site's own Markdown parser makes of the page: paragraphs, list items, alerts, table cells and
headings, plus the title, description and source titles from the front matter. Code, generated
``table`` fences and bare addresses are not prose, so they are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it.token import Token

from sitegen.markdown import make_parser
from sitegen.pages import _FRONT_MATTER
from sitegen.yamlfile import load_mapping

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MAX_WORDS = 35

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) before a space and a capital
# letter or an opening mark. Not after a few abbreviations; "s. 87.1" never splits (a digit follows).
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]»]*(?=\s+[\"“‘(\[«]*[A-ZÀ-ÖØ-Þ])")  # "À temps plein" starts one too
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|vs|No|St|Dr|Mr|Ms|Mrs|s|ss)\.\Z")
_URL = re.compile(r"^(?:https?://|www\.)", re.I)
_WORD = re.compile(r"[A-Za-z0-9À-ÿ]")

_PARSER = make_parser()


def pages() -> list[Path]:
    return sorted(CONTENT.rglob("*.md"))


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of ``text`` with the offset where each starts."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, start, match.start() + 1):
            continue
        sentences.append((start, text[start:match.end()]))
        start = match.end()
    sentences.append((start, text[start:]))
    return [(offset, s.strip()) for offset, s in sentences if s.strip()]


def word_count(sentence: str) -> int:
    return sum(1 for word in sentence.split() if _WORD.search(word) and not _URL.match(word))


def _inline_text(inline: Token) -> tuple[str, list[int]]:
    """The visible text of one inline token, and the offsets where its source lines break."""
    parts: list[str] = []
    breaks: list[int] = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
            breaks.append(sum(map(len, parts)))
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)  # the alt text
    return "".join(parts), breaks


def prose(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) for every piece of prose on one page, front matter included."""
    source = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(source)
    assert match, f"{path}: no front matter"
    mapping = load_mapping(match.group(1) or "", str(path), first_line=2)
    for key in ("title", "description"):
        if isinstance(mapping.values.get(key), str):
            yield from ((mapping.line_of(key), sentence) for _, sentence in split_sentences(mapping.values[key]))
    for number, line in enumerate(match.group(0).splitlines(), start=1):
        title = re.match(r"\s*-?\s*title:\s*(.+)", line)
        if title and not line.startswith("title:"):  # a source's title, not the page's
            yield number, title.group(1).strip("'\" ")

    body_line = source.count("\n", 0, match.end()) + 1
    for token in _PARSER.parse(source[match.end():], {}):
        if token.type != "inline" or not token.map:
            continue
        text, breaks = _inline_text(token)
        for offset, sentence in split_sentences(text):
            yield body_line + token.map[0] + sum(1 for b in breaks if b <= offset), sentence


def long_sentences(path: Path) -> list[str]:
    shown = path.relative_to(ROOT).as_posix()
    return [
        f"{shown}:{line}: {count} words: {sentence}"
        for line, sentence in prose(path)
        if (count := word_count(sentence)) > MAX_WORDS
    ]


def test_every_page_is_checked() -> None:
    found = {p.relative_to(CONTENT).as_posix() for p in pages()}
    assert {"index.md", "programs/canadian-experience-class.md", "documents/language-tests.md"} <= found
    assert len(found) >= 30


def test_no_sentence_over_35_words() -> None:
    problems = [problem for path in pages() for problem in long_sentences(path)]
    assert not problems, "sentences over 35 words (split them):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two three.", ["One.", "Two three."]),
        ("See IRPR s. 87.1(3) for it. Next one.", ["See IRPR s. 87.1(3) for it.", "Next one."]),
        ("Use it (e.g. Canada). Then go.", ["Use it (e.g. Canada).", "Then go."]),
        ('He asked "Is it?" Yes. It is.', ['He asked "Is it?"', "Yes.", "It is."]),
        ("Version 2.1 is 3.5 times bigger", ["Version 2.1 is 3.5 times bigger"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s for _, s in split_sentences(text)] == expected


def test_long_sentence_is_reported_with_its_line(tmp_path: Path) -> None:
    words = " ".join(["word"] * 36)
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: T\ndescription: D.\nupdated: 2026-01-01\n---\n\nShort one.\n"
        f"- item\n\n> [!NOTE]\n> Fine. Then a long one:\n> {words}.\n\n"
        f"| a |\n|---|\n| {words} |\n\n```\n{words}\n```\n",
        encoding="utf-8",
    )
    found = [(line, word_count(s)) for line, s in prose(page) if word_count(s) > MAX_WORDS]
    assert found == [(11, 40), (16, 36)]


def test_urls_do_not_count_as_words() -> None:
    assert word_count("See https://www.canada.ca/en.html and www.canada.ca now.") == 3

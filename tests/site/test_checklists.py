"""Task lists render as labelled checkboxes with ids from the page and the item's words (issue 13)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.markdown import render_markdown

from .helpers import build_real_site


def no_tables(name: str) -> None:
    return None


def box_ids(markdown: str, rel_path: str = "documents/index.md") -> dict[str, str]:
    """Item text → its box's id, read back from the rendered label."""
    html = render_markdown(markdown, rel_path, 1, no_tables).html
    return {re.sub(r"<[^>]+>|\s+", " ", text).strip(): for_id
            for for_id, text in re.findall(r'<label for="([^"]+)">(.*?)</label>', html, re.S)}


class Checklist(HTMLParser):
    """Every element id of a page, and per task-list item its checkbox and the label that names it."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.items: list[dict] = []
        self.assets: list[str] = []
        self._label: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "li" and "task-list-item" in (a.get("class") or "").split():
            self.items.append({"boxes": [], "labels": []})
        elif tag == "input" and a.get("type") == "checkbox" and self.items:
            self.items[-1]["boxes"].append(a)
        elif tag == "label" and self.items:
            self._label = {"for": a.get("for"), "text": ""}
            self.items[-1]["labels"].append(self._label)
        elif tag in ("link", "script") and "checklist." in (a.get("href") or a.get("src") or ""):
            self.assets.append(str(a.get("href") or a.get("src")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label["text"] += data


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_real_site(tmp_path_factory.mktemp("checklists") / "site")


def test_every_task_item_of_the_real_site_is_a_labelled_box_with_a_unique_id(real_site: Path) -> None:
    pages_with_items = 0
    for html_file in sorted(real_site.rglob("*.html")):
        page = Checklist()
        page.feed(html_file.read_text(encoding="utf-8"))
        where = html_file.relative_to(real_site).as_posix()
        duplicates = [i for i, n in Counter(page.ids).items() if n > 1]
        assert duplicates == [], f"{where}: ids used twice: {duplicates}"
        if not page.items:
            assert page.assets == [], f"{where} has no checklist but loads {page.assets}"
            continue
        pages_with_items += 1
        assert len(page.assets) == 2, f"{where} must load checklist.css and checklist.mjs: {page.assets}"
        for n, item in enumerate(page.items, 1):
            assert len(item["boxes"]) == 1, f"{where} item {n}: {len(item['boxes'])} checkboxes"
            box = item["boxes"][0]
            assert "disabled" not in box, f"{where} item {n}: the box cannot be ticked"
            assert box.get("id", "").startswith("tick-"), f"{where} item {n}: box without an id"
            assert "aria-label" not in box, f"{where} item {n}: the visible label, not aria-label, names the box"
            labels = [label for label in item["labels"] if label["for"] == box["id"]]
            assert len(labels) == 1 and labels[0]["text"].strip(), f"{where} item {n}: no label with text"
    assert "documents/index.html" in {p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")}
    assert pages_with_items >= 1, "the documents checklist lost its task lists"


def test_ids_follow_the_words_not_the_order_or_the_line_breaks() -> None:
    first = box_ids("- [ ] Passport\n- [ ] Police certificates for each country\n- [x] Photos\n")
    reordered = box_ids("- [x] Photos\n- [ ] Police certificates for\n      each country\n- [ ] Passport\n")
    assert first == reordered
    assert len(set(first.values())) == 3
    assert first["Passport"].startswith("tick-passport-")


def test_the_same_words_on_another_page_get_another_id() -> None:
    assert box_ids("- [ ] Passport\n")["Passport"] != box_ids("- [ ] Passport\n", "documents/photos.md")["Passport"]


def test_ids_stay_unique_on_the_page() -> None:
    taken = box_ids("- [ ] Passport\n", "a.md")["Passport"]  # the id Passport gets on this page
    html = render_markdown(f"{{#{taken}}}\n## Papers\n\n- [ ] Passport\n- [ ] Passport\n", "a.md", 1,
                           no_tables).html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert ids[0] == taken and len(ids) == len(set(ids)) == 3, ids
    assert re.findall(r'<label for="([^"]+)">', html) == ids[1:]


def test_a_long_item_gets_a_short_readable_id() -> None:
    text = "Police certificates for each country where you lived 6 months or more since age 18"
    box_id = box_ids(f"- [ ] {text}\n")[text]
    assert box_id.startswith("tick-police-certificates-for-each-country-") and len(box_id) <= 5 + 40 + 7


def test_the_label_holds_links_and_the_box_keeps_its_markdown_tick() -> None:
    html = render_markdown("- [x] A [photo](https://www.canada.ca/) of you\n", "a.md", 1, no_tables).html
    assert re.search(r'<input class="task-list-item-checkbox" type="checkbox" id="(tick-[^"]+)" autocomplete="off" '
                     r'checked=""> <label for="\1">A <a href="https://www.canada.ca/">photo</a> of you</label>', html)


def test_an_empty_item_is_a_build_error_with_its_line() -> None:
    result = render_markdown("Text\n\n- [ ] Passport\n- [ ] \n", "a.md", 10, no_tables)
    assert result.problems == [(13, "this checklist item has no text: write what to tick after `[ ]`")]

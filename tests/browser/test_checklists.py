"""The documents checklists in Chromium: the label's text ticks the box, ticks survive a reload, each page keeps
its own, "Clear my ticks" forgets them, the boxes are big enough to tap and print with their ticks."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.site.helpers import copy_fixture, run_build
from tools.ghpages_server import PagesServer

from .axe import run_axe

pytestmark = pytest.mark.browser

DOCUMENTS = "documents/"
ITEM = "Your provincial nomination certificate"  # an item of the documents checklist without a link in it


def box_for(page: Page, words: str):
    """The checkbox whose label holds ``words`` (found through the label, as a screen reader would)."""
    return page.get_by_role("checkbox", name=words, exact=False)


def label_text(page: Page, words: str):
    return page.locator("li.task-list-item label", has_text=words)


def dark_pixels(page: Page, png: bytes) -> int:
    """How many pixels of a screenshot are dark, counted by the browser's own PNG decoder in a blank tab."""
    blank = page.context.new_page()
    count = blank.evaluate(
        """async data => {
            const image = new Image();
            image.src = "data:image/png;base64," + data;
            await image.decode();
            const canvas = new OffscreenCanvas(image.width, image.height);
            const g = canvas.getContext("2d");
            g.drawImage(image, 0, 0);
            const px = g.getImageData(0, 0, image.width, image.height).data;
            let dark = 0;
            for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 3 * 150) dark++;
            return dark;
        }""",
        base64.b64encode(png).decode(),
    )
    blank.close()
    return count


@pytest.fixture
def documents(context: BrowserContext, site_url: str) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + DOCUMENTS)
    yield page
    assert errors == [], errors
    page.close()


def test_label_text_ticks_the_box_and_the_tick_survives_a_reload(documents: Page) -> None:
    box = box_for(documents, ITEM)
    assert not box.is_checked()
    label_text(documents, ITEM).click(position={"x": 60, "y": 8})  # on the words, well right of the box
    assert box.is_checked()
    assert documents.get_by_role("status").inner_text() == (
        "Your ticks are kept in this browser only. They are never sent to us.")

    documents.reload()
    assert box_for(documents, ITEM).is_checked()
    others = documents.locator("input.task-list-item-checkbox:checked")
    assert others.count() == 1, "only the ticked item comes back ticked"

    # A fresh tab of the same browser profile reads the same storage (no form-state restore involved).
    fresh = documents.context.new_page()
    fresh.goto(documents.url)
    assert box_for(fresh, ITEM).is_checked()
    fresh.close()


def test_clear_unticks_everything_for_good(documents: Page) -> None:
    for words in (ITEM, "Money for the government fees"):
        label_text(documents, words).click(position={"x": 40, "y": 8})
    assert documents.locator("input.task-list-item-checkbox:checked").count() == 2
    documents.get_by_role("button", name="Clear my ticks").click()
    assert documents.locator("input.task-list-item-checkbox:checked").count() == 0
    assert documents.get_by_role("status").inner_text() == "Your ticks are cleared from this browser."
    assert documents.evaluate("Object.keys(localStorage).filter(k => k.includes('checklist'))") == []
    documents.reload()
    assert documents.locator("input.task-list-item-checkbox").count() > 10
    assert documents.locator("input.task-list-item-checkbox:checked").count() == 0


def test_every_box_is_a_24px_target_and_text_wraps_under_the_text(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + DOCUMENTS)
    items = page.locator("li.task-list-item")
    assert items.count() > 10
    wrapped = 0
    for i in range(items.count()):
        box = items.nth(i).locator("input.task-list-item-checkbox").bounding_box()
        label = items.nth(i).locator("label").bounding_box()
        assert box and label
        assert box["width"] >= 24 and box["height"] >= 24, f"item {i}: box is {box['width']}x{box['height']}"
        # The label is a block beside the box: every wrapped line starts where the first line does.
        assert label["x"] >= box["x"] + box["width"], f"item {i}: text runs under the box"
        line_starts = page.evaluate(
            """label => [...label.getClientRects()].map(r => Math.round(r.left))""",
            items.nth(i).locator("label").element_handle(),
        )
        if label["height"] > 40:
            wrapped += 1
        assert len(set(line_starts)) == 1, f"item {i}: lines start at {line_starts}"
    assert wrapped > 0, "a 360px phone wraps some items, so the alignment was really tested"
    context.close()


def test_the_button_only_appears_with_javascript_and_boxes_tick_without_it(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + DOCUMENTS)
    assert page.get_by_role("button", name="Clear my ticks").count() == 0
    label_text(page, ITEM).click(position={"x": 60, "y": 8})
    assert box_for(page, ITEM).is_checked()
    context.close()


def test_the_page_works_when_local_storage_throws(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Like Safari's old private mode: using storage throws.
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {get() { throw new DOMException(
        'The operation is insecure.', 'SecurityError'); }});""")
    page.goto(site_url + DOCUMENTS)
    assert page.get_by_role("status").inner_text() == (
        "This browser cannot keep your ticks. They are lost when you leave the page.")
    label_text(page, ITEM).click(position={"x": 60, "y": 8})
    assert box_for(page, ITEM).is_checked()
    page.get_by_role("button", name="Clear my ticks").click()
    assert not box_for(page, ITEM).is_checked()
    assert errors == []
    page.close()


def test_a_ticked_box_prints_ticked(documents: Page) -> None:
    label_text(documents, ITEM).click(position={"x": 60, "y": 8})
    documents.evaluate("document.activeElement.blur()")  # a focus ring would tell the two boxes apart too
    documents.emulate_media(media="print")
    assert documents.locator(".checklist-tools").is_hidden()
    ticked = dark_pixels(documents, box_for(documents, ITEM).screenshot())
    unticked = dark_pixels(documents, box_for(documents, "Money for the government fees").screenshot())
    assert unticked > 0, "the empty box prints its square"
    assert ticked > 2 * unticked, f"in print, a ticked box ({ticked} dark pixels) looks like an empty one ({unticked})"


def test_documents_page_with_ticks_passes_axe(documents: Page) -> None:
    label_text(documents, ITEM).click(position={"x": 60, "y": 8})
    violations = run_axe(documents)
    assert violations == [], violations


PAGE_TWO = """---
title: Second checklist
description: A second page with a checklist, to show that each page keeps its own ticks.
updated: 2026-11-03
---
- [ ] Passport
- [ ] Police certificate
"""


@pytest.fixture(scope="module")
def two_checklists(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site (its guide/first page has a checklist with "Passport" and a ticked "Language test")
    plus a second page with a checklist that also has "Passport"."""
    tmp = tmp_path_factory.mktemp("checklists")
    content = copy_fixture(tmp)
    (content / "more.md").write_text(PAGE_TWO, encoding="utf-8")
    out = tmp / "site"
    result = run_build(content, out, "--base-url", "/fx/")
    assert result.returncode == 0, result.stderr
    with PagesServer(out, "/fx/") as server:
        yield server.url


def test_each_page_keeps_its_own_ticks(context: BrowserContext, two_checklists: str) -> None:
    page = context.new_page()
    page.goto(two_checklists + "guide/first/")
    assert box_for(page, "Language test").is_checked(), "a [x] item starts ticked"
    label_text(page, "Passport").click()
    label_text(page, "Language test").click()  # untick the page's own tick: that is kept too
    page.goto(two_checklists + "more/")
    assert not box_for(page, "Passport").is_checked(), "the same words on another page are another tick"
    label_text(page, "Police certificate").click()
    page.goto(two_checklists + "guide/first/")
    assert box_for(page, "Passport").is_checked()
    assert not box_for(page, "Language test").is_checked()
    # Clearing one page leaves the other's ticks alone, and brings back the page's own [x].
    page.get_by_role("button", name="Clear my ticks").click()
    assert box_for(page, "Language test").is_checked() and not box_for(page, "Passport").is_checked()
    page.goto(two_checklists + "more/")
    assert box_for(page, "Police certificate").is_checked()
    page.close()

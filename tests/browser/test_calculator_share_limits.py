"""Hostile share links: a fragment far over a real link's size, or answering a question twice, is ignored with a
message, and never freezes the page (a 1.8 MB fragment once froze it for 24 s)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from .calculator_cases import CASES, expected, fill_for_link, wait_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (ROOT / "templates" / "static" / "js" / "calculator.mjs").read_text(encoding="utf-8")
MAX_FRAGMENT = int(re.search(r"const MAX_FRAGMENT = (\d+);", SCRIPT).group(1))
IGNORED = "The answers in this link were not used"


def test_a_link_with_every_question_answered_is_far_under_the_limit(context: BrowserContext,
                                                                     calculator_url: str) -> None:
    page = context.new_page()
    page.goto(calculator_url)
    # Longest possible fragment: every named question with its longest choice (free-text fields: 100 characters).
    # The score boxes are in their test's <template> until shown (calculator.mjs, fillScores): each counts once
    # for each of the four people, under the names it takes there.
    longest = page.evaluate("""() => {
      const best = new Map();
      const scores = [...document.querySelectorAll("template[id^=scores-]")].flatMap((t) =>
        [...t.content.querySelectorAll("[name]")]);
      if (!scores.length) throw new Error("no score templates: count them another way");
      const people = ["first_language", "second_language", "spouse.language", "partner.second_language"];
      const copies = people.flatMap((field) => scores.map((c) => {
        const copy = c.cloneNode(true);
        copy.setAttribute("name", field + c.name.slice("first_language".length));
        return copy;
      }));
      const controls = [...document.querySelectorAll("#calc-form [name]"), ...copies];
      for (const c of controls) {
        const values = c.tagName === "SELECT" ? [...c.options].map((o) => o.value)
          : ["radio", "checkbox"].includes(c.type) ? [c.value] : ["x".repeat(100)];
        const size = Math.max(...values.map((v) => encodeURIComponent(c.name + v).length + 2));
        best.set(c.name, Math.max(best.get(c.name) || 0, size));
      }
      return [...best.values()].reduce((a, b) => a + b, 0);
    }""")
    assert 1000 < longest < MAX_FRAGMENT / 4


def test_oversized_or_repeated_answers_are_ignored_with_a_message(context: BrowserContext,
                                                                 calculator_url: str) -> None:
    _, mode, answers = next(c for c in CASES if c[0] == "married-accompanying-celpip")
    page = context.new_page()
    link = fill_for_link(page, calculator_url, mode, answers)
    total = f"{expected(mode, answers)['total']:,}"
    fragment = link.split("#", 1)[1]
    assert "age=" in fragment and len(fragment) < MAX_FRAGMENT

    huge = fragment + "&documents.countries_lived=" + "FR" * 900_000  # 1.8 MB (Chromium's limit for a URL is 2 MB)
    other = context.new_page()
    start = time.monotonic()
    other.goto(calculator_url + "#" + huge)
    wait_ready(other)
    ignored = other.locator("#calc-link-ignored")
    expect(ignored).to_be_visible()
    expect(ignored).to_contain_text(IGNORED)
    expect(other.locator("[name=marital_status]")).to_have_value("")  # nothing of the link was used
    assert time.monotonic() - start < 20

    # A question answered twice, arriving as a new fragment (hashchange): ignored too.
    other.evaluate("(h) => { location.hash = h; }", fragment + "&marital_status=single")
    expect(ignored).to_be_visible()
    expect(other.locator("[name=marital_status]")).to_have_value("")

    # Exactly at the limit is still used, and the message goes (a parameter with no question is skipped).
    long_ok = fragment + "&unused=" + "x" * (MAX_FRAGMENT - len(fragment) - len("&unused="))
    assert len(long_ok) == MAX_FRAGMENT
    other.evaluate("(h) => { location.hash = h; }", long_ok)
    expect(other.locator("#calc-total")).to_have_text(total)
    expect(ignored).to_be_hidden()

"""Facts that the guide must state, checked on the built site (the real content/, built once).

Each test names a fact from the reference notes and its official source, and fails if a page loses it:
the Quebec rule, the Canadian work exclusions of IRPR s. 87.1(3), IRCC's TEF instruction, the FST trade
groups, how enhanced nominations work, TOEFL Essentials, current IRCC addresses and the processing-times tool.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.pipeline import build

from .helpers import ROOT

PROCESSING_TIMES = "https://www.canada.ca/en/immigration-refugees-citizenship/services/application/check-processing-times.html"
IRPR_87_1 = "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-87.1.html"
QUEBEC = re.compile(r"outside (the province of )?Quebec")


class Main(HTMLParser):
    """The text a visitor reads in <main>, the text of each list item, and every link on the page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.parts: list[str] = []
        self.items: list[list[str]] = []  # open <li> elements, innermost last
        self.list_items: list[str] = []
        self.links: list[str] = []
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main = True
        elif tag == "li" and self.in_main:
            self.items.append([])
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        elif tag == "li" and self.items:
            self.list_items.append(" ".join(" ".join(self.items.pop()).split()))

    def handle_data(self, data: str) -> None:
        if self.in_main:
            self.parts.append(data)
            for item in self.items:
                item.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("facts") / "site"
    build(ROOT, out)
    return out


def page(site: Path, url: str) -> Main:
    return Main((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "url",
    ["", "programs", "programs/federal-skilled-worker", "programs/federal-skilled-trades",
     "programs/canadian-experience-class", "steps/check-eligibility"],
)
def test_requirements_lists_say_to_live_outside_quebec(site: Path, url: str) -> None:
    """IRPR ss. 75, 87.1 and 87.2: each federal class is for people who plan to live outside Quebec."""
    main = page(site, url)
    assert QUEBEC.search(main.text), f"/{url}/ does not say that applicants must plan to live outside Quebec"


@pytest.mark.parametrize(
    ("url", "section"),
    [("programs/federal-skilled-worker", "75"), ("programs/federal-skilled-trades", "87.2"),
     ("programs/canadian-experience-class", "87.1")],
)
def test_program_pages_link_their_regulation(site: Path, url: str, section: str) -> None:
    address = f"https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-{section}.html"
    assert address in page(site, url).links


def test_cec_states_the_student_work_rule_and_links_the_regulation(site: Path) -> None:
    main = page(site, "programs/canadian-experience-class")
    assert IRPR_87_1 in main.links
    assert "full-time student" in main.text
    assert "temporary resident status" in main.text
    assert "could not confirm" not in main.text


@pytest.mark.parametrize("url", ["crs-criteria", "steps/the-pool-and-your-score", "programs"])
def test_canadian_work_points_exclude_full_time_student_work(site: Path, url: str) -> None:
    assert "full-time student" in page(site, url).text


def test_tef_instruction_comes_before_the_0_to_699_table(site: Path) -> None:
    """IRCC: for Express Entry, enter only the 'Équivalence ancien score' numbers (ircc-crs-tool.md section 5)."""
    text = page(site, "documents/language-tests").text
    instruction = re.search(r"enter only the Équivalence ancien score numbers", text)
    table = text.find("TEF Canada scores (0-699")
    old_table = text.find("TEF Canada old-scale scores")
    assert instruction and table > 0 and old_table > 0
    assert instruction.start() < old_table < table


def test_language_page_says_toefl_essentials_is_not_accepted_yet(site: Path) -> None:
    text = page(site, "documents/language-tests").text
    assert re.search(r"TOEFL Essentials is not accepted yet", text)
    assert "21 August 2025" in text


def test_fst_lists_every_trade_group_and_names_cooks_and_chefs(site: Path) -> None:
    items = " | ".join(page(site, "programs/federal-skilled-trades").list_items)
    for group in ("major group 72", "sub-major group 726", "major group 73", "major group 82", "major group 83",
                  "major group 92", "major group 93", "minor group 6320", "unit group 62200"):
        assert group in items, f"FST trade list lacks {group}"
    assert "cooks" in items and "chefs" in items


def test_pnp_explains_enhanced_and_base_nominations(site: Path) -> None:
    main = page(site, "programs/provincial-nominee-program")
    assert re.search(r"sends the nomination to your IRCC account, and you accept it", main.text)
    assert "outside Express Entry" in main.text
    assert any(link.endswith("/provincial-nominees/express-entry/get-confirm-nomination.html") for link in main.links)


def test_passport_six_months_is_advice_not_a_rule(site: Path) -> None:
    items = [i for i in page(site, "documents/identity-and-travel-documents").list_items if "6 months" in i]
    assert items and all("not a rule" in item for item in items)


def test_no_link_to_cic_gc_ca_anywhere(site: Path) -> None:
    found = [
        f"{path.relative_to(site)}: {link}"
        for path in sorted(site.rglob("*.html"))
        for link in Main(path.read_text(encoding="utf-8")).links
        if "cic.gc.ca" in link
    ]
    assert not found, "old cic.gc.ca links:\n" + "\n".join(found)


def test_pages_that_mention_processing_times_link_the_tool(site: Path) -> None:
    mentions = []
    for path in sorted(site.rglob("index.html")):
        main = Main(path.read_text(encoding="utf-8"))
        if re.search(r"processing times?\b", main.text, re.I):
            mentions.append(path)
            assert PROCESSING_TIMES in main.links, f"{path.relative_to(site)}: processing times without the tool"
    assert mentions, "no page mentions processing times"

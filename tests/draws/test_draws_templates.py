"""The rounds page and the home page's latest-rounds partial, rendered with a stand-in page.html."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import jinja2
import pytest

from sitegen.charts import draws_charts
from sitegen.draws import parse_rounds
from sitegen.render import add_language_filters, load_strings

from .helpers import ROOT, feed, make_round

IRCC_ROUNDS_PAGE = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                    "express-entry/rounds-invitations.html")
STUB_PAGE = ('<main>{% block before_body %}{% endblock %}<div class="prose">BODY</div>'
             "{% block after_body %}{% endblock %}</main>")
STRINGS = load_strings(ROOT / "templates", "en", ROOT)
VOID = {"br", "img", "input", "meta", "link", "hr", "use", "path", "rect", "circle"}


def environment(rounds, pages=None) -> jinja2.Environment:
    """Like the generator's: autoescape, StrictUndefined, trimmed blocks, url() prefixing the base URL."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.DictLoader({"page.html": STUB_PAGE}),
                                    jinja2.FileSystemLoader(ROOT / "templates")]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    pages = pages or {}

    def page_url(rel: str) -> str:  # like the generator's: a missing page is an error, not a guessed address
        if rel not in pages:
            raise jinja2.TemplateRuntimeError(f"links to `content/{rel}`, which does not exist")
        return "/ee-guide/" + pages[rel].url

    env.globals.update(data={"rounds": rounds}, url=lambda path="": "/ee-guide/" + path.lstrip("/"),
                       page_url=page_url, pages=pages, strings=STRINGS, ircc_lang="")
    add_language_filters(env, STRINGS)
    return env


def render_draws(rounds) -> str:
    return environment(rounds).get_template("draws.html").render(charts=draws_charts(rounds, STRINGS))


class Page(HTMLParser):
    """Collects tables (caption, header cells, body rows), links and <details>; checks every element closes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tables: list[dict] = []
        self.links: list[str] = []
        self.details = 0
        self.unscoped_headers = 0
        self._text: list[str] | None = None
        self.feed(html)
        self.close()
        assert self.stack == [], f"unclosed: {self.stack}"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "br" and self._text is not None:
            self._text.append(" ")
        if tag == "a":
            self.links.append(a["href"])
        elif tag == "details":
            self.details += 1
        elif tag == "table":
            self.tables.append({"caption": "", "head": [], "rows": [], "id": a.get("id")})
        elif tag == "tr" and "tbody" in self.stack:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th", "caption"):
            self._text = []
            self.unscoped_headers += tag == "th" and a.get("scope") not in ("col", "row")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        if tag in ("td", "th", "caption"):
            text = " ".join("".join(self._text).split())
            table = self.tables[-1]
            if tag == "caption":
                table["caption"] = text
            elif "thead" in self.stack:
                table["head"].append(text)
            else:
                table["rows"][-1].append(text)
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def table(self, caption_start: str) -> dict:
        return next(t for t in self.tables if t["caption"].startswith(caption_start))


@pytest.fixture(scope="module")
def draws_html(rounds) -> str:
    return render_draws(rounds)


@pytest.fixture(scope="module")
def draws_page(draws_html) -> Page:
    return Page(draws_html)


def test_freshness_and_snapshot_note(draws_html, draws_page):
    text = " ".join(re.sub(r"<[^>]+>", " ", draws_html).split())
    assert "Rounds up to #434 on 7 August 2026." in text
    assert "snapshot" in text
    assert IRCC_ROUNDS_PAGE in draws_page.links
    # The freshness line comes before the page's own text, so a stale snapshot is the first thing seen.
    assert draws_html.index("Rounds up to #434") < draws_html.index("BODY")


def test_latest_rounds_table(draws_page, rounds):
    table = draws_page.table("The 20 latest rounds")
    assert table["head"] == ["Date", "Round", "Type of round", "Invitations", "Cut-off score", "Tie-break time"]
    rows = table["rows"]
    assert len(rows) == 20
    assert rows[0] == ["7 August 2026", "#434", "Transport occupations Transport Occupations, 2026-Version 2",
                       "300", "470", "11 October 2025 at 14:55:49 UTC"]
    assert rows[2] == ["5 August 2026", "#432", "Canadian Experience Class", "3,000", "516",
                       "3 July 2026 at 21:35:13 UTC"]
    assert [r[1] for r in rows] == [f"#{r.number}" for r in rounds.recent(20)]


def test_a_view_per_round_type(draws_page, rounds):
    groups = rounds.by_category()
    per_type = [t for t in draws_page.tables if t["caption"].endswith(": all rounds, newest first")]
    assert [t["caption"].split(":")[0] for t in per_type] == [c.label for c, _ in groups]
    assert sum(len(t["rows"]) for t in per_type) == len(rounds)
    cec = next(t for t in per_type if t["caption"].startswith("Canadian Experience Class"))
    assert cec["head"] == ["Date", "Round", "Invitations", "Cut-off score"]
    assert ["13 February 2021", "#176", "27,332", "75"] in cec["rows"]
    healthcare = next(t for t in per_type if t["caption"].startswith("Healthcare"))
    assert "IRCC's name for the round" in healthcare["head"]
    # One <details> per type, plus the two chart tables.
    assert draws_page.details == len(groups) + 2


def test_charts_are_inline_svg_with_their_tables(draws_html, draws_page, rounds):
    charts = draws_charts(rounds, STRINGS)
    assert str(charts["cutoffs"].svg) in draws_html and str(charts["distribution"].svg) in draws_html
    assert "&lt;svg" not in draws_html
    cutoffs = next(t for t in draws_page.tables if t["id"] == "rounds-chart-data")
    assert cutoffs["head"] == list(charts["cutoffs"].table.columns)
    assert [tuple(r) for r in cutoffs["rows"]] == list(charts["cutoffs"].table.rows)
    pool = next(t for t in draws_page.tables if t["id"] == "rounds-pool-data")
    assert [tuple(r) for r in pool["rows"]] == list(charts["distribution"].table.rows)
    assert "as of 3 August 2026" in draws_html


def test_every_header_cell_has_a_scope(draws_page):
    assert draws_page.unscoped_headers == 0


def test_rendering_is_deterministic(draws_html, rounds):
    assert render_draws(rounds) == draws_html


def test_names_are_escaped_and_missing_tie_breaks_said_so():
    rs = parse_rounds(feed(
        make_round("2", "2026-08-07", "<b>New</b> & improved", drawCutOff=""),
        make_round("1", "2026-08-01"),
    ), "f.json")
    html = render_draws(rs)
    assert "&lt;b&gt;New&lt;/b&gt; &amp; improved" in html and "<b>New</b>" not in html
    page = Page(html)
    latest = page.table("The 2 latest rounds")
    assert latest["rows"][0][-1] == "Not published"
    assert "Scores in the pool" not in html  # no distribution in this feed, so no empty chart


def test_home_partial(rounds):
    pages = {"rounds.md": type("P", (), {"url": "rounds/"})()}
    html = environment(rounds, pages).get_template("partials/latest-rounds.html").render()
    page = Page(html)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "The latest round was #434 on 7 August 2026 (Transport occupations): 300 invitations" in text
    assert "cut-off score of 470" in text
    assert "Rounds up to #434 on 7 August 2026" in text
    assert "/ee-guide/rounds/" in page.links
    table = page.table("Latest cut-off score of each type of round")
    assert table["head"] == ["Type of round", "Latest round", "Cut-off score", "Invitations"]
    rows = table["rows"]
    assert [r[0] for r in rows] == [r.category_label for r in rounds.latest_by_category(within_days=365)]
    assert ["Canadian Experience Class", "#432, 5 August 2026", "516", "3,000"] in rows
    assert ["Physicians with Canadian work experience", "#421, 24 June 2026", "223", "271"] in rows
    assert not any(r[0] == "Federal Skilled Trades Program" for r in rows)  # no round since 2020


def test_home_partial_without_the_rounds_page_is_an_error(rounds):
    with pytest.raises(jinja2.TemplateRuntimeError, match="rounds.md"):
        environment(rounds).get_template("partials/latest-rounds.html").render()


def test_page_template_has_the_blocks_used():
    source = (ROOT / "templates" / "page.html").read_text(encoding="utf-8")
    assert "{% block before_body %}" in source and "{% block after_body %}" in source


def test_dates_numbers_and_chart_words_come_from_the_strings_file(rounds):
    """The French strings file changes every word of the rounds page, charts and round types included; dates
    and numbers follow French conventions (Babel)."""
    from markupsafe import Markup

    french = load_strings(ROOT / "templates", "fr", ROOT)
    env = environment(rounds)
    env.globals.update(strings=french, ircc_lang=Markup(' lang="en"'))
    add_language_filters(env, french)
    html = env.get_template("draws.html").render(charts=draws_charts(rounds, french)).replace("&#39;", "'")
    assert "Rondes jusqu'à la nº 434, le 7 août 2026" in html
    assert "Notes du SCG des candidats du bassin au 3 août 2026" in html
    assert "229\u00a0100" in html and "229,100" not in html
    assert "Catégorie de l'expérience canadienne" in html and ">CEC<" in html  # a type's name and short name
    assert '<small lang="en">' in html  # IRCC's own (English) name of a round, marked as English
    assert "August" not in html  # no English month left

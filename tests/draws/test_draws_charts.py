"""The SVG charts: well-formed, accessible, the same numbers as their tables, byte-identical on every build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from sitegen.charts import _EXTRA_STYLES, BAR_COLOUR, STYLES, cutoff_chart, distribution_chart, draws_charts
from sitegen.draws import CATEGORY_ORDER, load_rounds, parse_rounds
from sitegen.render import load_strings
from sitegen.strings import format_date

from .helpers import FEED, feed, make_round

SVG = "{http://www.w3.org/2000/svg}"
STRINGS = load_strings(FEED.parents[2] / "templates", "en", FEED.parents[2])


@pytest.fixture(scope="module")
def charts(rounds):
    return draws_charts(rounds, STRINGS)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("name", ["cutoffs", "distribution"])
def test_svg_is_well_formed_and_accessible(charts, name):
    chart = charts[name]
    root = parse(chart.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == chart.title and title.text
    assert desc.text == chart.description and len(desc.text) > 100
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.get("id").startswith(chart.id)
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    # The site's Content-Security-Policy blocks inline styles and scripts.
    assert not any(el.get("style") for el in root.iter())
    assert root.find(f".//{SVG}style") is None and root.find(f".//{SVG}script") is None
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith(chart.id + "-") for i in ids)


def test_cutoff_chart_plots_the_numbers_of_its_table(charts, rounds):
    chart = charts["cutoffs"]
    root = parse(chart.svg)
    # Recover the scales from the axes: score labels on the left, a grid line on each 1 January.
    score_labels = root.findall(f"{SVG}g[@text-anchor='end']/{SVG}text")
    (s0, y0), (s1, y1) = [(int(t.text), float(t.get("y")) - 4) for t in (score_labels[0], score_labels[-1])]
    years = [int(t.text) for t in root.findall(f"{SVG}g[@text-anchor='middle']/{SVG}text")]
    grid = [float(m[1]) for p in root.iter(f"{SVG}path") if (m := re.fullmatch(r"M([\d.]+) \d+V[\d.]+", p.get("d")))]
    first_day, last_day = date(years[0], 1, 1), date(years[-1] + 1, 1, 1)
    x_first, x_last = min(grid), max(grid)

    def point(use: ET.Element) -> tuple[date, int]:
        x, y = float(use.get("x")), float(use.get("y"))
        score = s0 + (s1 - s0) * (y - y0) / (y1 - y0)
        days = (last_day - first_day).days * (x - x_first) / (x_last - x_first)
        return first_day + timedelta(days=round(days)), round(score)

    plotted = {}
    for series in root.iter(f"{SVG}g"):
        if series.get("class") == "series":
            label = series.find(f"{SVG}title").text
            plotted[label] = sorted(point(u) for u in series.iter(f"{SVG}use"))
    assert sum(len(v) for v in plotted.values()) == len(chart.table.rows) == len(rounds) == 435

    assert chart.table.columns == ("Date", "Round", "Round type", "Cut-off score")
    by_label: dict[str, list[tuple[date, int]]] = {}
    for row in chart.table.rows:
        r = rounds.get(row[1].lstrip("#"))
        assert (row[0], row[2], row[3]) == (format_date(r.date, STRINGS), r.category_label, str(r.cutoff))
        by_label.setdefault(row[2], []).append((r.date, int(row[3])))
    assert set(plotted) == set(by_label)
    for label, points in by_label.items():
        expected = sorted(points)
        got = plotted[label]
        assert [s for _, s in got] == [s for _, s in expected], label
        assert all(abs((g - e).days) <= 1 for (g, _), (e, _) in zip(got, expected, strict=True)), label


def test_cutoff_chart_legend_lists_every_round_type(charts, rounds):
    root = parse(charts["cutoffs"].svg)
    legend = [t.text for t in root.findall(f"{SVG}text")][-len(rounds.by_category()):]
    assert legend == [c.short for c, _ in rounds.by_category()]
    keys = root.findall(f".//{SVG}g[@class='key']")
    assert len(keys) == len(legend)


def test_cutoff_chart_keeps_low_cutoffs(charts):
    rows = {row[1]: row[3] for row in charts["cutoffs"].table.rows}
    assert rows["#176"] == "75" and rows["#397"] == "169"
    assert "75 (round #176, Canadian Experience Class, 13 February 2021)" in charts["cutoffs"].description
    assert "to 902 (round #" in charts["cutoffs"].description


def test_distribution_chart_shows_the_numbers_of_its_table(charts, rounds):
    chart = charts["distribution"]
    root = parse(chart.svg)
    bars = [b for b in root.iter(f"{SVG}g") if b.get("class") == "bar"]
    shown = [tuple(t.text for t in bar.findall(f"{SVG}text")) for bar in bars]
    assert shown == list(chart.table.rows[:-1])
    assert chart.table.rows[-1] == ("Total", "229,100")
    assert any(t.text == "Total: 229,100 candidates" for t in root.iter(f"{SVG}text"))
    assert shown[0] == ("601–1200", "500") and shown[-1] == ("0–300", "7,683")
    # Bar lengths are proportional to the counts.
    widths = [float(bar.find(f"{SVG}rect").get("width")) for bar in bars]
    counts = [int(c.replace(",", "")) for _, c in shown]
    biggest = max(counts)
    assert all(abs(w - widths[counts.index(biggest)] * c / biggest) < 1 for w, c in zip(widths, counts, strict=True))
    assert "3 August 2026" in chart.title


def test_charts_are_deterministic(charts):
    again = draws_charts(load_rounds(FEED), STRINGS)
    for name in ("cutoffs", "distribution"):
        assert str(again[name].svg) == str(charts[name].svg)
        assert again[name].table == charts[name].table


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("colour", sorted({s.colour for s in (*STYLES.values(), *_EXTRA_STYLES)} | {BAR_COLOUR}))
def test_colours_have_3_to_1_contrast_on_light_and_dark_pages(colour):
    assert _contrast(colour, "#ffffff") >= 3
    assert _contrast(colour, "#121417") >= 3


def test_every_round_type_has_its_own_look():
    assert set(STYLES) == set(CATEGORY_ORDER)
    looks = [(s.colour, s.shape) for s in STYLES.values()]
    assert len(set(looks)) == len(looks)
    # Next to each other in the legend, neighbours differ in colour, shape and dash.
    styles = [STYLES[k] for k in CATEGORY_ORDER]
    for a, b in zip(styles, styles[1:], strict=False):
        assert a.colour != b.colour and a.shape != b.shape


def test_small_feed_with_an_unknown_type_and_a_window():
    rs = parse_rounds(feed(
        make_round("3", "2026-08-09", "Entrepreneurs, 2027-Version 1", drawCRS="444"),
        make_round("2", "2024-08-08", drawCRS="500"),
        make_round("1", "2020-01-08", drawCRS="480"),
    ), "f.json")
    chart = cutoff_chart(rs, STRINGS, "small")
    root = parse(chart.svg)
    assert [t.text for t in root.iter(f"{SVG}text")][-2:] == ["CEC", "Entrepreneurs, 2027-Version 1"]
    assert [row[1] for row in chart.table.rows] == ["#3", "#2", "#1"]
    # Rounds of one type more than a year apart are not joined by a line.
    cec = next(g for g in root.iter(f"{SVG}g") if g.get("data-type") == "cec")
    assert cec.find(f"{SVG}path") is None and len(cec.findall(f"{SVG}use")) == 2
    recent = cutoff_chart(rs, STRINGS, "recent", since=date(2024, 1, 1))
    assert [row[1] for row in recent.table.rows] == ["#3", "#2"]
    assert recent.title.endswith("2024–2026")


def test_no_distribution_no_chart():
    rs = parse_rounds(feed(make_round("1", "2026-08-07")), "f.json")
    assert draws_charts(rs, STRINGS)["distribution"] is None


def test_distribution_chart_escapes_nothing_unsafe(rounds):
    chart = distribution_chart(rounds.latest_distribution, STRINGS, chart_id="p2")
    assert 'id="p2-title"' in chart.svg
    assert hasattr(chart.svg, "__html__")  # Markup: Jinja2 inserts it without escaping

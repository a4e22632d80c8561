"""Build-time SVG charts for the rounds page: no JavaScript, accessible, byte-identical for the same data.

Each chart comes with a table of the same numbers (its text alternative). The SVG uses presentation attributes
only (no ``style`` attribute or element, which the site's Content-Security-Policy would block) and
``currentColor`` for text and axes, so it follows the page's light or dark colours. Series colours have at least
3:1 contrast against both the light (#ffffff) and dark (#121417) page backgrounds, and every series also differs
by marker shape and line dash, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from sitegen.draws import Category, Distribution, Rounds
from sitegen.strings import format_date, format_number, round_label


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: Markup  # a str; Markup so Jinja2's autoescape inserts it as markup
    table: Table


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    shape: str
    dash: str  # SVG stroke-dasharray, "" for solid


COLOURS = {
    "blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "grey": "#808080", "ochre": "#8E6C00",
    "magenta": "#E7298A", "purple": "#7570B3", "teal": "#00838F", "sienna": "#A0522D",
}
_DASHED, _DOTTED = "6 3", "2 3"
# Program rounds solid, category rounds dashed, the newer categories dotted; no two share colour and shape.
STYLES: dict[str, SeriesStyle] = {
    "general": SeriesStyle(COLOURS["blue"], "circle", ""),
    "cec": SeriesStyle(COLOURS["vermillion"], "square", ""),
    "pnp": SeriesStyle(COLOURS["green"], "triangle", ""),
    "fsw": SeriesStyle(COLOURS["grey"], "diamond", ""),
    "fst": SeriesStyle(COLOURS["ochre"], "triangle-down", ""),
    "french": SeriesStyle(COLOURS["magenta"], "diamond", _DASHED),
    "healthcare": SeriesStyle(COLOURS["purple"], "circle", _DASHED),
    "stem": SeriesStyle(COLOURS["teal"], "plus", _DASHED),
    "trades": SeriesStyle(COLOURS["sienna"], "cross", _DASHED),
    "transport": SeriesStyle(COLOURS["blue"], "triangle-down", _DOTTED),
    "agriculture": SeriesStyle(COLOURS["green"], "square", _DOTTED),
    "education": SeriesStyle(COLOURS["ochre"], "circle", _DOTTED),
    "physicians": SeriesStyle(COLOURS["vermillion"], "plus", _DOTTED),
    "senior_managers": SeriesStyle(COLOURS["purple"], "triangle", _DOTTED),
    "researchers": SeriesStyle(COLOURS["grey"], "cross", _DOTTED),
    "military": SeriesStyle(COLOURS["magenta"], "square", _DOTTED),
}
# Unknown round types take these in turn (after the styles above, so they still look different).
_EXTRA_STYLES = tuple(
    SeriesStyle(colour, shape, "2 2 6 2")
    for shape in ("diamond", "triangle", "cross")
    for colour in (COLOURS["teal"], COLOURS["sienna"], COLOURS["grey"], COLOURS["blue"])
)
BAR_COLOUR = COLOURS["blue"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

# A line joins the rounds of one type; it breaks across a longer pause so it does not suggest rounds that
# never happened (FST had none from 2020 to 2023, for instance).
LINE_GAP_DAYS = 365


def _num(x: float) -> str:
    """Coordinates with one decimal and no trailing ".0", so output is short and stable."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _shape_path(shape: str, r: float = 4.0) -> str:
    """A marker outline centred on (0, 0), drawn hollow so overlapping points stay visible."""
    if shape == "circle":
        return f"M{_num(-r)} 0A{_num(r)} {_num(r)} 0 1 0 {_num(r)} 0A{_num(r)} {_num(r)} 0 1 0 {_num(-r)} 0Z"
    if shape == "plus":
        return f"M{_num(-r)} 0H{_num(r)}M0 {_num(-r)}V{_num(r)}"
    if shape == "cross":
        return f"M{_num(-r)} {_num(-r)}L{_num(r)} {_num(r)}M{_num(-r)} {_num(r)}L{_num(r)} {_num(-r)}"
    points = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r * 1.2), (r * 1.1, r * 0.8), (-r * 1.1, r * 0.8)],
        "triangle-down": [(0, r * 1.2), (r * 1.1, -r * 0.8), (-r * 1.1, -r * 0.8)],
        "diamond": [(0, -r * 1.3), (r * 1.1, 0), (0, r * 1.3), (-r * 1.1, 0)],
    }[shape]
    return "M" + "L".join(f"{_num(dx)} {_num(dy)}" for dx, dy in points) + "Z"


def _use(chart_id: str, shape: str, x: float, y: float) -> str:
    return f'<use href="#{chart_id}-{shape}" x="{_num(x)}" y="{_num(y)}"/>'


def _open_svg(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family={quoteattr(FONT)} '
        f'font-size="13" fill="currentColor">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def style_for(category: Category, unknown_index: int = 0) -> SeriesStyle:
    return STYLES.get(category.key) or _EXTRA_STYLES[unknown_index % len(_EXTRA_STYLES)]


# --- cut-offs over time -----------------------------------------------------------------------------------

def cutoff_chart(rounds: Rounds, strings: dict[str, Any], chart_id: str = "cutoffs",
                 since: date | None = None) -> Chart:
    """Every round's cut-off score over time, one series (colour + marker + dash) per round type.

    ``strings`` are the site's interface words (templates/strings/<language>.yml): its ``charts`` words
    and date format."""
    groups = [(c, tuple(r for r in rs if since is None or r.date >= since)) for c, rs in rounds.by_category()]
    groups = [(c, rs) for c, rs in groups if rs]
    points = sorted((r for _, rs in groups for r in rs), key=lambda r: r.sort_key, reverse=True)
    first, last = min(r.date for r in points), max(r.date for r in points)
    lowest = min(points, key=lambda r: (r.cutoff, r.sort_key))
    highest = max(points, key=lambda r: (r.cutoff, r.sort_key))

    words = strings["charts"]

    def day(d: date) -> str:
        return format_date(d, strings)

    title = words["cutoff_title"].format(first_year=first.year, last_year=last.year)
    latest = rounds.latest
    description = words["cutoff_description"].format(
        count=len(points), first=day(first), last=day(last), types=len(groups),
        lowest=lowest.cutoff, lowest_number=lowest.number, lowest_type=round_label(lowest, strings),
        lowest_date=day(lowest.date), highest=highest.cutoff, highest_number=highest.number,
        highest_type=round_label(highest, strings), highest_date=day(highest.date),
        latest_number=latest.number, latest_date=day(latest.date), latest=latest.cutoff,
    )

    width, left, right, top, plot_h = 720, 48, 16, 16, 340
    plot_w = width - left - right
    x0, x1 = date(first.year, 1, 1), date(last.year + 1, 1, 1)
    y_max = max(1000, -(-highest.cutoff // 100) * 100)

    def x(d: date) -> float:
        return left + plot_w * (d - x0).days / (x1 - x0).days

    def y(score: int) -> float:
        return top + plot_h * (1 - score / y_max)

    styles, unknown = [], 0
    for category, _ in groups:
        styles.append(style_for(category, unknown))
        unknown += category.key not in STYLES

    # Legend: four columns under the axis labels.
    cols, row_h = 4, 24
    legend_top = top + plot_h + 62
    height = legend_top + row_h * (-(-len(groups) // cols) - 1) + 16
    out = _open_svg(chart_id, width, height, title, description)
    out.append("<defs>")
    for shape in sorted({style.shape for style in styles}):
        out.append(f'<path id="{chart_id}-{shape}" d="{_shape_path(shape)}"/>')
    out.append("</defs>")

    # Axes and grid, in the text colour at low opacity so they work on light and dark pages.
    out.append('<g stroke="currentColor" stroke-opacity="0.25" stroke-width="1">')
    for score in range(0, y_max + 1, 100):
        out.append(f'<path d="M{left} {_num(y(score))}H{width - right}"/>')
    for year in range(x0.year, x1.year + 1):
        out.append(f'<path d="M{_num(x(date(year, 1, 1)))} {top}V{top + plot_h}"/>')
    out.append("</g>")
    out.append('<g text-anchor="end">')
    for score in range(0, y_max + 1, 100):
        out.append(f'<text x="{left - 6}" y="{_num(y(score) + 4)}">{score}</text>')
    out.append("</g>")
    out.append('<g text-anchor="middle">')
    for year in range(x0.year, x1.year):
        out.append(f'<text x="{_num(x(date(year, 7, 1)))}" y="{top + plot_h + 18}">{year}</text>')
    out.append("</g>")
    out.append(f'<text x="{left}" y="{top + plot_h + 38}" font-size="12">{escape(words["cutoff_axes"])}</text>')

    for (category, rs), style in zip(groups, styles, strict=True):
        series = sorted(rs, key=lambda r: r.sort_key)
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        out.append(f'<g class="series" data-type={quoteattr(category.key)} stroke="{style.colour}" '
                   'fill="none" stroke-width="1.5">')
        out.append(f"<title>{escape(round_label(category, strings))}</title>")
        for segment in _segments(series):
            if len(segment) > 1:
                d = "M" + "L".join(f"{_num(x(r.date))} {_num(y(r.cutoff))}" for r in segment)
                out.append(f'<path d="{d}"{dash}/>')
        out.extend(_use(chart_id, style.shape, x(r.date), y(r.cutoff)) for r in series)
        out.append("</g>")

    for i, (category, style) in enumerate(zip((c for c, _ in groups), styles, strict=True)):
        lx = left + (i % cols) * (plot_w // cols)
        ly = legend_top + (i // cols) * row_h
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        out.append(f'<g class="key" stroke="{style.colour}" fill="none" stroke-width="1.5">'
                   f'<path d="M{lx} {ly}H{lx + 28}"{dash}/>{_use(chart_id, style.shape, lx + 14, ly)}</g>')
        out.append(f'<text x="{lx + 36}" y="{ly + 4}">{escape(round_label(category, strings, short=True))}</text>')
    out.append("</svg>")

    table = Table(
        caption=words["cutoff_caption"].format(count=len(points), first=day(first), last=day(last)),
        columns=tuple(words["cutoff_columns"]),
        rows=tuple((day(r.date), f"#{r.number}", r.category_label, str(r.cutoff)) for r in points),
    )
    return Chart(chart_id, title, description, Markup("\n".join(out)), table)


def _segments(series: list) -> list[list]:
    """Split a round type's rounds (oldest first) wherever two rounds are more than LINE_GAP_DAYS apart."""
    segments: list[list] = []
    for r in series:
        if segments and (r.date - segments[-1][-1].date) <= timedelta(days=LINE_GAP_DAYS):
            segments[-1].append(r)
        else:
            segments.append([r])
    return segments


# --- the pool distribution --------------------------------------------------------------------------------

def distribution_chart(distribution: Distribution, strings: dict[str, Any], chart_id: str = "pool") -> Chart:
    """The latest pool distribution as horizontal bars, highest scores on top like IRCC's table."""
    words = strings["charts"]

    def number(n: int) -> str:
        return format_number(n, strings)

    bands = distribution.finest
    biggest = max(bands, key=lambda b: b.count)
    as_of = format_date(distribution.as_of, strings)
    title = words["pool_title"].format(date=as_of)
    description = words["pool_description"].format(
        total=number(distribution.total), date=as_of, top=f"{bands[0].min}–{bands[0].max}",
        bottom=f"{bands[-1].min}–{bands[-1].max}", largest=f"{biggest.min}–{biggest.max}",
        largest_count=number(biggest.count),
    )
    width, label_w, right, top, bar_h, gap = 720, 84, 72, 8, 20, 6
    bar_max = width - label_w - right
    height = top + len(bands) * (bar_h + gap) + 48
    out = _open_svg(chart_id, width, height, title, description)
    for i, band in enumerate(bands):
        y = top + i * (bar_h + gap)
        length = bar_max * band.count / biggest.count
        out.append(
            f'<g class="bar"><text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{band.min}–{band.max}</text>'
            f'<rect x="{label_w}" y="{y}" width="{_num(max(length, 1))}" height="{bar_h}" fill="{BAR_COLOUR}"/>'
            f'<text x="{_num(label_w + max(length, 1) + 6)}" y="{y + 15}">{number(band.count)}</text></g>'
        )
    total = escape(words["pool_total"].format(total=number(distribution.total)))
    out.append(f'<text x="{label_w}" y="{height - 28}">{total}</text>')
    out.append(f'<text x="{label_w}" y="{height - 8}" font-size="12">{escape(words["pool_ranges_note"])}</text>')
    out.append("</svg>")
    table = Table(
        caption=words["pool_caption"].format(date=as_of),
        columns=tuple(words["pool_columns"]),
        rows=(*((f"{b.min}–{b.max}", number(b.count)) for b in bands),
              (words["pool_total_row"], number(distribution.total))),
    )
    return Chart(chart_id, title, description, Markup("\n".join(out)), table)


def draws_charts(rounds: Rounds, strings: dict[str, Any]) -> dict[str, Chart | None]:
    """The charts of the rounds page, as the template's ``charts`` variable, in the words of ``strings``."""
    distribution = rounds.latest_distribution
    return {
        "cutoffs": cutoff_chart(rounds, strings),
        "distribution": distribution_chart(distribution, strings) if distribution else None,
    }



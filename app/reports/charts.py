"""The Sachbericht's charts, each defined once as a reportlab Drawing from a PeriodReport.

The PDF draws the Drawing itself (vector); the screen shows it as SVG (``chart_svg``) through
QtSvg. Readable in black and white: dark and light grey with black outlines, a legend, the
value on every bar or point (left out when there are too many months for them to fit), German
month abbreviations. Every chart has its figures in words as well (``Chart.summary``: screen
readers, and whoever cannot see the picture).

Qt's SVG renderer (SVG Tiny) does not know ``<clipPath>`` and draws its rectangle as a solid
black box over the whole chart: ``chart_svg`` removes it and every reference to it, and names
the font as Qt knows it ("DejaVu Sans", bold as a weight).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.i18n import N_, _, format_number, ngettext
from app.reports import fonts
from app.reports.document import CONTENT_WIDTH
from app.reports.period_data import MonthFigures, PeriodReport
from app.reports.periods import MONTH_NAMES

MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
)  # fmt: skip

ENTRIES_EXITS_TITLE = N_("Entries and exits per month")
OUTCOMES_TITLE = N_("Exits by outcome (Verbleib)")
CASELOAD_TITLE = N_("Caseload at the end of each month")
ENTRIES = N_("Entries")
EXITS = N_("Exits")
NO_EXITS = N_("No exits in this period.")

WIDTH = CONTENT_WIDTH  # the PDF's text width; the screen scales the SVG
DARK = colors.HexColor("#262626")
LIGHT = colors.HexColor("#c8c8c8")
MIDDLE = colors.HexColor("#7a7a7a")
GRID_LINE = colors.HexColor("#d4d4d4")
OUTLINE = colors.black
TITLE_SIZE = 10
TEXT_SIZE = 8
VALUE_SIZE = 7
TITLE_HEIGHT = 22  # from the top edge to the plot (the title, the legend beside it)
MONTHS_WITH_VALUES = 18  # more months: the values are in the table only (they would collide)
MONTHS_UPRIGHT = 18  # more months: the month labels are turned
MAX_BAR = 40  # points: the widest bar


@dataclass(frozen=True)
class Chart:
    key: str  # "entries_exits", "outcomes", "caseload"
    title: str
    drawing: Drawing
    summary: str  # the chart's figures in words


def charts(report: PeriodReport) -> tuple[Chart, ...]:
    """The three charts of a report, in the order printed and shown."""
    return (entries_exits_chart(report), outcomes_chart(report), caseload_chart(report))


# -- the charts -------------------------------------------------------------------------------


def entries_exits_chart(report: PeriodReport, height: float = 190) -> Chart:
    """Grouped bars per month: entries dark, exits light, both outlined, with a legend."""
    fonts.register_fonts()
    title = _(ENTRIES_EXITS_TITLE)
    months = report.months
    drawing = _drawing(title, height)
    chart = VerticalBarChart()
    _place(chart, months, height, left=34)
    chart.data = [[m.entries for m in months] or [0], [m.exits for m in months] or [0]]
    chart.categoryAxis.categoryNames = month_labels([m.month for m in months]) or [""]
    for index, fill in enumerate((DARK, LIGHT)):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = OUTLINE
        chart.bars[index].strokeWidth = 0.5
    chart.barSpacing = 1
    chart.groupSpacing = _group_spacing(chart, len(months), bars=2)
    _value_axis(chart, max([*chart.data[0], *chart.data[1]]))
    _month_axis(chart, len(months))
    if len(months) <= MONTHS_WITH_VALUES:
        _bar_values(chart, "s", dy=2)
    drawing.add(chart)
    drawing.add(_legend(((DARK, _(ENTRIES)), (LIGHT, _(EXITS))), height))
    parts = [
        _("{month}: {entries}, {exits}").format(
            month=month_name(m.month),
            entries=ngettext("{count} entry", "{count} entries", m.entries).format(
                count=format_number(m.entries)
            ),
            exits=ngettext("{count} exit", "{count} exits", m.exits).format(
                count=format_number(m.exits)
            ),
        )
        for m in months
    ]
    return Chart("entries_exits", title, drawing, _summary(title, parts))


def outcomes_chart(report: PeriodReport) -> Chart:
    """Horizontal bars, the most frequent Verbleib on top, its label left and count right."""
    fonts.register_fonts()
    title = _(OUTCOMES_TITLE)
    outcomes = [(label, count) for label, count in report.outcomes if count]
    if not outcomes:
        drawing = _drawing(title, TITLE_HEIGHT + 22)
        drawing.add(String(0, 8, _(NO_EXITS), fontName=fonts.REGULAR, fontSize=TEXT_SIZE))
        return Chart("outcomes", title, drawing, _summary(title, [_(NO_EXITS)]))
    label_width = min(
        WIDTH * 0.42,
        max(stringWidth(label, fonts.REGULAR, TEXT_SIZE) for label, _count in outcomes) + 8,
    )
    labels = ["\n".join(wrap(label, label_width - 8, TEXT_SIZE)) for label, _count in outcomes]
    lines = max(label.count("\n") + 1 for label in labels)
    bar_room = max(16, (TEXT_SIZE + 1.5) * lines + 7)
    height = TITLE_HEIGHT + 24 + bar_room * len(outcomes)
    drawing = _drawing(title, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 20
    chart.width = WIDTH - label_width - 24  # room for the last value label
    chart.height = height - TITLE_HEIGHT - 26
    chart.data = [[count for _label, count in reversed(outcomes)]]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = TEXT_SIZE
    chart.categoryAxis.labels.leading = TEXT_SIZE + 1.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.tickLeft = 0
    chart.bars[0].fillColor = MIDDLE
    chart.bars[0].strokeColor = OUTLINE
    chart.bars[0].strokeWidth = 0.5
    chart.groupSpacing = 5
    _value_axis(chart, max(count for _label, count in outcomes))
    _bar_values(chart, "w", dx=3)
    drawing.add(chart)
    parts = [f"{label}: {format_number(count)}" for label, count in outcomes]
    return Chart("outcomes", title, drawing, _summary(title, parts))


def caseload_chart(report: PeriodReport, height: float = 170) -> Chart:
    """The caseload at each month's end as a line with square markers and values (one
    month: a bar)."""
    fonts.register_fonts()
    title = _(CASELOAD_TITLE)
    months = report.months
    drawing = _drawing(title, height)
    chart: HorizontalLineChart | VerticalBarChart
    if len(months) > 1:
        chart = HorizontalLineChart()
        chart.joinedLines = 1
        chart.lines[0].strokeColor = OUTLINE
        chart.lines[0].strokeWidth = 1.5
        chart.lines[0].symbol = makeMarker("FilledSquare", size=5, fillColor=OUTLINE)
    else:  # one month: a lone point would say little, a bar says it plainly
        chart = VerticalBarChart()
        chart.bars[0].fillColor = MIDDLE
        chart.bars[0].strokeColor = OUTLINE
        chart.bars[0].strokeWidth = 0.5
    _place(chart, months, height, left=34)
    chart.data = [[m.caseload for m in months] or [0]]
    chart.categoryAxis.categoryNames = month_labels([m.month for m in months]) or [""]
    if isinstance(chart, VerticalBarChart):
        chart.groupSpacing = _group_spacing(chart, len(months), bars=1)
    _value_axis(chart, max(chart.data[0]))
    _month_axis(chart, len(months))
    if isinstance(chart, VerticalBarChart):
        _bar_values(chart, "s", dy=2)
    elif len(months) <= MONTHS_WITH_VALUES:
        chart.lineLabelFormat = _number_text
        chart.lineLabels.fontName = fonts.REGULAR
        chart.lineLabels.fontSize = VALUE_SIZE
        chart.lineLabels.boxAnchor = "s"
        chart.lineLabels.dy = -4
    drawing.add(chart)
    # the grid line at 0 is drawn over the month axis: draw the axis again
    drawing.add(Line(chart.x, chart.y, chart.x + chart.width, chart.y,
                     strokeColor=OUTLINE, strokeWidth=0.5))  # fmt: skip
    parts = [
        _("{month}: {count}").format(month=month_name(m.month), count=format_number(m.caseload))
        for m in months
    ]
    return Chart("caseload", title, drawing, _summary(title, parts))


# -- labels and texts ---------------------------------------------------------------------------


def month_labels(months: Sequence[date]) -> list[str]:
    """ "Jan", "Feb", …; the first month and every January carry the year when the months
    reach into more than one year (beneath; beside when the labels are turned)."""
    several_years = len({m.year for m in months}) > 1
    separator = " " if len(months) > MONTHS_UPRIGHT else "\n"
    labels = []
    for index, month in enumerate(months):
        label = MONTH_ABBREVIATIONS[month.month - 1]
        if several_years and (index == 0 or month.month == 1):
            label += f"{separator}{month.year}"
        labels.append(label)
    return labels


def month_name(month: date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a word longer stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", fonts.REGULAR, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _summary(title: str, parts: Sequence[str]) -> str:
    return f"{title}. " + "; ".join(parts) + ("." if parts and parts[-1][-1:] != "." else "")


def _number_text(value: float) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return format_number(int(value))
    return f"{value:.1f}".replace(".", ",")


# -- shared parts -----------------------------------------------------------------------------


def _drawing(title: str, height: float) -> Drawing:
    drawing = Drawing(WIDTH, height)
    drawing.add(String(1, height - TITLE_SIZE - 2, title, fontName=fonts.BOLD, fontSize=TITLE_SIZE))
    return drawing


def _place(chart: VerticalBarChart | HorizontalLineChart, months: Sequence[MonthFigures],
           height: float, left: float) -> None:  # fmt: skip
    if len(months) > MONTHS_UPRIGHT:
        bottom = 8 + stringWidth("Mär 2026", fonts.REGULAR, TEXT_SIZE)  # turned labels
    else:
        bottom = 24 if len({m.month.year for m in months}) <= 1 else 34  # the year beneath
    chart.x, chart.y = left, bottom
    chart.width = WIDTH - left - 4
    chart.height = height - bottom - TITLE_HEIGHT - 6


def _value_axis(chart: object, largest: float) -> None:
    """From 0 in whole steps (at most about five), German numbers, light grid lines."""
    step = nice_step(largest)
    axis = chart.valueAxis  # type: ignore[attr-defined]
    axis.valueMin = 0
    axis.valueMax = max(step, math.ceil(largest / step) * step)
    if axis.valueMax == largest:  # room above the highest bar for its value
        axis.valueMax += step
    axis.valueStep = step
    axis.labelTextFormat = _number_text
    axis.labels.fontName = fonts.REGULAR
    axis.labels.fontSize = TEXT_SIZE
    axis.visibleGrid = 1
    axis.gridStrokeColor = GRID_LINE
    axis.gridStrokeWidth = 0.5
    axis.strokeColor = OUTLINE
    axis.strokeWidth = 0.5


def _group_spacing(chart: VerticalBarChart, months: int, bars: int) -> float:
    """The gap between months (in bar widths) that keeps a bar at most MAX_BAR wide: a
    single month is not one bar across the page."""
    per_month = chart.width / max(months, 1)
    units = bars * chart.barWidth + (bars - 1) * chart.barSpacing
    wanted = per_month * chart.barWidth / MAX_BAR - units
    return max(6 if months > 6 else 14, wanted) * 1.0


def nice_step(largest: float) -> int:
    """1, 2, 5, 10, 20, 25, 50, … so that ``largest`` needs at most five steps."""
    for magnitude in (10**n for n in range(0, 12)):
        for factor in (1, 2, 2.5, 5):
            step = int(factor * magnitude)
            if step == factor * magnitude and largest / step <= 5:
                return step
    return 10**12


def _month_axis(chart: object, count: int) -> None:
    axis = chart.categoryAxis  # type: ignore[attr-defined]
    axis.labels.fontName = fonts.REGULAR
    axis.labels.fontSize = TEXT_SIZE
    axis.labels.leading = TEXT_SIZE + 1.5
    axis.strokeColor = OUTLINE
    axis.strokeWidth = 0.5
    if count > MONTHS_UPRIGHT:
        axis.labels.angle = 90
        axis.labels.boxAnchor = "e"
        axis.labels.dy = -2
    else:
        axis.labels.boxAnchor = "n"
        axis.labels.dy = -3


def _bar_values(chart: object, anchor: str, dx: float = 0, dy: float = 0) -> None:
    chart.barLabelFormat = _number_text  # type: ignore[attr-defined]
    labels = chart.barLabels  # type: ignore[attr-defined]
    labels.fontName = fonts.REGULAR
    labels.fontSize = VALUE_SIZE
    labels.boxAnchor = anchor
    labels.dx, labels.dy = dx, dy
    labels.boxTarget = "hi"


def _legend(pairs: Sequence[tuple[colors.Color, str]], height: float) -> Legend:
    legend = Legend()
    legend.colorNamePairs = list(pairs)
    legend.fontName = fonts.REGULAR
    legend.fontSize = TEXT_SIZE
    legend.alignment = "right"  # the swatch left of its text
    legend.columnMaximum = 1  # side by side
    legend.boxAnchor = "ne"
    legend.x, legend.y = WIDTH - 2, height - 2
    legend.dx = legend.dy = 8
    legend.deltax = 12 + max(stringWidth(text, fonts.REGULAR, TEXT_SIZE) for _c, text in pairs)
    legend.dxTextSpace = 4
    legend.strokeColor = OUTLINE
    legend.strokeWidth = 0.5
    legend.autoXPadding = 12
    return legend


# -- SVG for the screen -------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
QT_FONT_FAMILY = "DejaVu Sans"  # the family ui/app.py registers
_FONT_FACES: dict[str, tuple[str, ...]] = {
    fonts.REGULAR: (),
    fonts.BOLD: ("font-weight: bold",),
    fonts.OBLIQUE: ("font-style: italic",),
}
_URL = re.compile(r"url\(\s*#")


def chart_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG that QtSvg draws right: no ``<clipPath>`` and no reference to it,
    the DejaVu fonts named by their family."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{SVG_NS}}}clipPath":
                parent.remove(child)
    for element in root.iter():
        element.attrib.pop("clip-path", None)
        style = element.get("style")
        if style is not None:
            element.set("style", _qt_style(style))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _qt_style(style: str) -> str:
    declarations: list[str] = []
    for declaration in (part.strip() for part in style.split(";")):
        name, _colon, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name or name == "clip-path" or (name == "mask" and _URL.match(value)):
            continue
        if name == "font-family" and value in _FONT_FACES:
            declarations.append(f"font-family: '{QT_FONT_FAMILY}'")
            declarations.extend(_FONT_FACES[value])
            continue
        declarations.append(f"{name}: {value}")
    return "; ".join(declarations)

"""Sachbericht: a period's figures for the funding body, as an A4 PDF.

Laid out from a ``PeriodReport`` (app/reports/period_data.py) and nothing else: the title with
period, Förderbereich and the day it was made, every table in the report's order (the label
column wide, the number columns narrow and right-aligned with German numbers, so that the
gender tables fit portrait A4), the charts of app/reports/charts.py and the counting notes.

The records left out of the figures are listed by name with what is missing: the coordinator
needs the names to complete them. The list is personal data and not meant for the funding
body, so it comes last, on a page of its own that says so (docs/domain.md § 13: data
minimisation) and can be left out when the report is passed on; the figures before it name
nobody.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from app.i18n import N_, _, format_date, format_number, ngettext
from app.models.office_settings import OfficeSettings
from app.reports import fonts
from app.reports.bilingual import Labels
from app.reports.charts import charts
from app.reports.document import (
    CELL_PADDING,
    CONTENT_WIDTH,
    DocumentInfo,
    build_pdf,
    key_value_table,
    styles,
    table_style,
    text_markup,
)
from app.reports.period_data import Count, IncompleteRecord, PeriodReport
from app.reports.period_data import Table as FigureTable

TITLE = N_("Activity report")
TITLE_WITH_PERIOD = N_("Activity report {period}")
PERIOD = N_("Period")
FUNDING_AREA = N_("Funding area")
MADE_ON = N_("Made on")
CHARTS_HEADING = N_("Charts")
NOTES_HEADING = N_("How the figures are counted")
INCOMPLETE_HEADING = N_("Internal: records not counted")
INCOMPLETE_NOTE = N_(
    "This list holds personal data and is meant only for completing the records: leave its "
    "pages out when the report is passed on to the funding body. Once the missing data are "
    "entered, the records count in the next report."
)
NAME = N_("Name")
CODE = N_("Code")
INDICATOR_CODE = re.compile(r"^EEC[OR]\d{2}$")
CODE_WIDTH = 17 * mm
MISSING = N_("Missing data")

NUMBER_WIDTH_MIN = 15 * mm
NUMBER_WIDTH_MAX = 22 * mm
LABEL_WIDTH_MIN = 60 * mm
SINGLE_LABEL_WIDTH = 110 * mm  # a table with one value column does not run across the page
TOTAL_HEADERS = frozenset({"gesamt", "insgesamt"})  # printed bold
LEVEL_INDENT = 10  # points: a "davon" row
INCOMPLETE_WIDTHS = (55 * mm, 45 * mm, CONTENT_WIDTH - 100 * mm)


def render_period_report(report: PeriodReport, settings: OfficeSettings) -> bytes:
    """The Sachbericht as PDF bytes, with the letterhead of ``settings``."""
    title = _(TITLE_WITH_PERIOD).format(period=report.period.label)
    info = DocumentInfo(title, Labels(), program=report.program)
    return build_pdf(story(report), settings, info)


def story(report: PeriodReport) -> list[Flowable]:
    st = styles()
    period = report.period
    span = f"{format_date(period.start)} – {format_date(period.end)}"
    when = period.label if period.label == span else f"{period.label} ({span})"
    flowables: list[Flowable] = [
        Paragraph(text_markup(_(TITLE)), st.title),
        key_value_table(
            [
                (escape(_(PERIOD)), escape(when)),
                (escape(_(FUNDING_AREA)), escape(report.program_label)),
                (escape(_(MADE_ON)), format_date(report.made_on)),
            ],
            label_width=32 * mm,
        ),
    ]
    if report.incomplete:
        count = len(report.incomplete)
        flowables.append(Spacer(0, 2 * mm))
        flowables.append(
            Paragraph(
                text_markup(
                    ngettext(
                        "{count} record is not counted because ESF+ entry data are missing; "
                        "it is listed at the end, on a page of its own.",
                        "{count} records are not counted because ESF+ entry data are missing; "
                        "they are listed at the end, on pages of their own.",
                        count,
                    ).format(count=count)
                ),
                st.body,
            )
        )
    for table in report.tables:
        flowables += figure_table(table)
    flowables += _charts(report)
    if report.notes:  # together: a last note alone on a page reads as an afterthought
        notes: list[Flowable] = [Paragraph(text_markup(_(NOTES_HEADING)), st.heading)]
        notes += [Paragraph(text_markup(n), styles().bullet, bulletText="•") for n in report.notes]
        flowables.append(KeepTogether(notes))
    if report.incomplete:
        flowables += [PageBreak(), *incomplete_list(report.incomplete)]
    return flowables


def number_text(value: float) -> str:
    """German: 1.234 for a whole number, 2,4 for a decimal (one place)."""
    if isinstance(value, int):
        return format_number(value)
    text = f"{value:,.1f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def indicator_codes(table: FigureTable) -> bool:
    """Whether every row is an ESF+ indicator (its code printed in a column of its own)."""
    return bool(table.rows) and all(INDICATOR_CODE.match(row.code) for row in table.rows)


def figure_table(table: FigureTable) -> list[Flowable]:
    """The table's heading, grid and note; numbers right-aligned in narrow columns."""
    st = styles()
    count = len(table.columns)
    number_width = _number_width(table)
    with_code = indicator_codes(table)
    code_width = CODE_WIDTH if with_code else 0
    if count == 1:
        label_width = min(SINGLE_LABEL_WIDTH, CONTENT_WIDTH - number_width) - code_width
    else:
        label_width = max(LABEL_WIDTH_MIN, CONTENT_WIDTH - code_width - count * number_width)
        number_width = (CONTENT_WIDTH - code_width - label_width) / count
    header_style = _right(st.cell_header)
    bold = [column.strip().lower() in TOTAL_HEADERS for column in table.columns]
    lead = [Paragraph(text_markup(_(CODE)), st.cell_header)] if with_code else []
    data: list[list[Any]] = [
        [
            *lead,
            Paragraph(text_markup(table.label_header), st.cell_header),
            *[Paragraph(text_markup(column), header_style) for column in table.columns],
        ]
    ]
    for row in table.rows:
        data.append(
            [
                *([row.code] if with_code else []),
                Paragraph(text_markup(row.label), _indented(row.level)),
                *[_number_cell(cell) for cell in row.cells],
            ]
        )
    first = 2 if with_code else 1  # the first number column
    grid = Table(
        data,
        colWidths=[*([code_width] if with_code else []), label_width, *[number_width] * count],
        repeatRows=1,
        hAlign="LEFT",
    )
    style = table_style()
    style.add("FONT", (0, 1), (-1, -1), fonts.REGULAR, st.cell.fontSize, st.cell.leading)
    style.add("ALIGN", (first, 1), (-1, -1), "RIGHT")
    for index, strong in enumerate(bold, start=first):
        if strong:
            style.add("FONT", (index, 1), (index, -1), fonts.BOLD, st.cell.fontSize)
    grid.setStyle(style)
    flowables: list[Flowable] = [Paragraph(text_markup(table.title), st.heading), grid]
    if table.note:
        flowables.append(Spacer(0, 1 * mm))
        flowables.append(Paragraph(text_markup(table.note), st.header))
    return flowables


def incomplete_list(records: tuple[IncompleteRecord, ...]) -> list[Flowable]:
    st = styles()
    rows: list[list[Any]] = [
        [Paragraph(text_markup(_(text)), st.cell_header) for text in (NAME, FUNDING_AREA)]
        + [Paragraph(text_markup(_(MISSING)), st.cell_header)]
    ]
    for record in records:
        rows.append(
            [
                Paragraph(text_markup(record.name), st.cell),
                Paragraph(text_markup(record.program.label), st.cell),
                Paragraph(text_markup(", ".join(record.missing)), st.cell),
            ]
        )
    table = Table(rows, colWidths=list(INCOMPLETE_WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style())
    return [
        Paragraph(text_markup(_(INCOMPLETE_HEADING)), st.heading),
        Paragraph(text_markup(_(INCOMPLETE_NOTE)), st.body),
        Spacer(0, 2 * mm),
        table,
    ]


def _charts(report: PeriodReport) -> list[Flowable]:
    st = styles()
    made = charts(report)
    flowables: list[Flowable] = []
    for index, chart in enumerate(made):
        flowables.append(CondPageBreak(chart.drawing.height + 12 * mm))
        parts: list[Flowable] = [chart.drawing, Spacer(0, 6 * mm)]
        if index == 0:
            parts.insert(0, Paragraph(text_markup(_(CHARTS_HEADING)), st.heading))
        flowables.append(KeepTogether(parts))
    return flowables


def _number_cell(cell: Count) -> str:
    return number_text(cell.value)


def _number_width(table: FigureTable) -> float:
    """Wide enough for the widest number (and a header word), within the limits."""
    st = styles()
    widest = max(
        [stringWidth(number_text(c.value), fonts.BOLD, st.cell.fontSize)
         for row in table.rows for c in row.cells]
        + [stringWidth(word, fonts.BOLD, st.cell.fontSize)
           for column in table.columns for word in column.split()]
        or [0]
    )  # fmt: skip
    return min(NUMBER_WIDTH_MAX, max(NUMBER_WIDTH_MIN, widest + CELL_PADDING + 2))


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_right", parent=style, alignment=TA_RIGHT)


def _indented(level: int) -> ParagraphStyle:
    cell = styles().cell
    if not level:
        return cell
    return ParagraphStyle(f"cell_level{level}", parent=cell, leftIndent=LEVEL_INDENT * level)

"""Shared PDF machinery: A4 pages with the office letterhead, "Seite x von y", DejaVu styles."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from app.i18n import N_, _
from app.models.office_settings import OfficeSettings
from app.reports import fonts
from app.reports.bilingual import Labels
from app.vocab import Program

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
HEADER_TOP = 10 * mm  # from the top edge of the paper to the letterhead
HEADER_GAP = 6 * mm  # between the letterhead rule and the text
FOOTER_HEIGHT = 16 * mm
LOGO_MAX_WIDTH = 45 * mm
LOGO_MAX_HEIGHT = 18 * mm
LOGO_GAP = 6 * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
RULE_COLOUR = colors.HexColor("#7f7f7f")
TEXT_GREY = colors.HexColor("#444444")
GRID = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e8e8e8")
LABEL_WIDTH = 52 * mm
EMPTY = "—"

PROGRAM_LETTERS = {Program.JOKO: "L", Program.TRAINING: "M"}
ESF_NOTE = N_(
    "Funded by the European Social Fund Plus (ESF+) and the State of {state}"
)  # the German wording the funding rules ask for


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    header_strong: ParagraphStyle
    header: ParagraphStyle
    header_note: ParagraphStyle
    footer: ParagraphStyle


@cache
def styles() -> Styles:
    fonts.register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=fonts.REGULAR,
        fontSize=9.5,
        leading=12.5,
        spaceAfter=3,
        allowWidows=0,
        allowOrphans=0,
    )
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    return Styles(
        body=body,
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName=fonts.REGULAR
        ),
        small=small,
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.BOLD, fontSize=15, leading=19, spaceAfter=2
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=9.5, spaceAfter=6),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
        ),
        label=ParagraphStyle("label", parent=cell, fontName=fonts.BOLD),
        cell=cell,
        cell_header=ParagraphStyle("cell_header", parent=cell, fontName=fonts.BOLD),
        header_strong=ParagraphStyle(
            "header_strong",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=9.5,
            leading=11.5,
            spaceAfter=0,
        ),  # fmt: skip
        header=ParagraphStyle("header", parent=small, textColor=TEXT_GREY),
        header_note=ParagraphStyle(
            "header_note",
            parent=small,
            fontName=fonts.OBLIQUE,
            fontSize=7,
            leading=9,
            textColor=TEXT_GREY,
            spaceBefore=2,
        ),  # fmt: skip
        footer=ParagraphStyle("footer", parent=small, fontSize=7.5, leading=9, textColor=TEXT_GREY),
    )


def text_markup(text: str) -> str:
    """User text for a Paragraph: escaped, line breaks kept."""
    lines = escape(text.strip()).splitlines()
    return "<br/>".join(lines)


def table_style(header_rows: int = 1) -> TableStyle:
    """Thin grey grid, top-aligned cells, a shaded header row."""
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    return TableStyle(commands)


def key_value_table(rows: list[tuple[str, str]], label_width: float = LABEL_WIDTH) -> Table:
    """Label and value (both Paragraph markup) in two columns, across the text width."""
    st = styles()
    data = [[Paragraph(key, st.label), Paragraph(value or EMPTY, st.cell)] for key, value in rows]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(table_style(header_rows=0))
    return table


CELL_PADDING = 6  # left + right padding of table_style()


def _cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """Short plain text (a number, a date, a status) stays a string, which lays out much
    faster than a Paragraph; markup, line breaks and anything that might wrap become one."""
    if (
        text
        and not any(mark in text for mark in "<&\n")
        and stringWidth(text, style.fontName, style.fontSize) <= width - CELL_PADDING
    ):
        return text
    return Paragraph(text or "", style)


def grid_table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A table whose header row repeats on every page it runs onto; cells are markup."""
    st = styles()
    table = Table(
        [
            [Paragraph(cell, st.cell_header) for cell in header],
            *[[_cell(cell, st.cell, width) for cell, width in zip(row, widths, strict=True)]
              for row in rows],
        ],
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )  # fmt: skip
    style = table_style()
    style.add("FONT", (0, 1), (-1, -1), st.cell.fontName, st.cell.fontSize, st.cell.leading)
    table.setStyle(style)
    return table


@dataclass(frozen=True)
class DocumentInfo:
    """What every page of one document shows besides the story."""

    title: str  # PDF metadata and the footer's left side, e.g. "Förderplan FP-7-2026, Version 2"
    labels: Labels
    program: Program | None = None


class _Letterhead:
    """The header of every page, laid out once; its height sets the top margin."""

    def __init__(self, settings: OfficeSettings, info: DocumentInfo) -> None:
        st, labels = styles(), info.labels
        self.logo = _logo(settings.logo_path)
        logo_width = self.logo[1] + LOGO_GAP if self.logo else 0
        self.text_width = CONTENT_WIDTH - logo_width
        lines = [
            Paragraph(escape(settings.provider), st.header_strong),
            Paragraph(escape(settings.district), st.header),
        ]
        if info.program is not None:
            lines.append(
                Paragraph(
                    f"{labels.markup(N_('Funding area'))} {PROGRAM_LETTERS[info.program]}: "
                    f"{escape(info.program.label)}",
                    st.header,
                )
            )
        if settings.funding_reference:
            lines.append(
                Paragraph(
                    f"{labels.markup(N_('Funding reference'))}: "
                    f"{escape(settings.funding_reference)}",
                    st.header,
                )
            )
        lines.append(Paragraph(escape(_(ESF_NOTE).format(state=settings.state)), st.header_note))
        self.lines = lines
        self.heights = [p.wrap(self.text_width, PAGE_HEIGHT)[1] for p in lines]
        text_height = sum(self.heights)
        self.height = max(text_height, self.logo[2] if self.logo else 0)

    @property
    def top_margin(self) -> float:
        return HEADER_TOP + self.height + HEADER_GAP

    def draw(self, canvas: Canvas) -> None:
        top = PAGE_HEIGHT - HEADER_TOP
        y = top
        for paragraph, height in zip(self.lines, self.heights, strict=True):
            y -= height
            paragraph.drawOn(canvas, MARGIN_LEFT, y)
        if self.logo:
            image, width, height = self.logo
            canvas.drawImage(
                image,
                PAGE_WIDTH - MARGIN_RIGHT - width,
                top - height,
                width,
                height,
                mask="auto",
                preserveAspectRatio=True,
            )
        rule_y = top - self.height - HEADER_GAP / 2
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, rule_y, PAGE_WIDTH - MARGIN_RIGHT, rule_y)


def _logo(path: str) -> tuple[ImageReader, float, float] | None:
    """The logo scaled to fit the box, or None when there is none or it cannot be read."""
    if not path or not Path(path).is_file():
        return None
    try:
        image = ImageReader(path)
        width, height = image.getSize()
    except Exception:  # a damaged file must not stop the printout
        return None
    if not width or not height:
        return None
    scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
    return image, width * scale, height * scale


def _numbered_canvas(draw_footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds the pages back until the end, to print "Seite x von y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                draw_footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _footer_drawer(info: DocumentInfo) -> Callable[[Canvas, int, int], None]:
    st = styles()
    left = Paragraph(escape(info.title), st.footer)
    right_style = ParagraphStyle("footer_right", parent=st.footer, alignment=TA_RIGHT)
    half = CONTENT_WIDTH / 2

    def draw(canvas: Canvas, number: int, total: int) -> None:
        y = FOOTER_HEIGHT - 8 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, FOOTER_HEIGHT - 2 * mm, PAGE_WIDTH - MARGIN_RIGHT,
                    FOOTER_HEIGHT - 2 * mm)  # fmt: skip
        _, height = left.wrap(half, FOOTER_HEIGHT)
        left.drawOn(canvas, MARGIN_LEFT, y + 9 - height)
        page = Paragraph(
            info.labels.format_markup(
                N_("Page {page} of {pages}"), page=str(number), pages=str(total)
            ),
            right_style,
        )
        _, height = page.wrap(half, FOOTER_HEIGHT)
        page.drawOn(canvas, MARGIN_LEFT + half, y + 9 - height)
        canvas.restoreState()

    return draw


def build_pdf(story: list[Flowable], settings: OfficeSettings, info: DocumentInfo) -> bytes:
    """Lay the story out on A4 pages with letterhead and page numbers; returns the PDF."""
    letterhead = _Letterhead(settings, info)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=letterhead.top_margin,
        bottomMargin=FOOTER_HEIGHT + 4 * mm,
        title=info.title,
        author=settings.provider,
        creator="Lotse",
        subject=info.title,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: letterhead.draw(c))]
    )
    doc.build(story, canvasmaker=_numbered_canvas(_footer_drawer(info)))
    return buffer.getvalue()

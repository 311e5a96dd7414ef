"""Bare reportlab Platypus: a 2-page plan in DejaVu Sans with heading, tables and a footer
"Seite x von y" — the layout of a Lotse Förderplan, with nothing of Lotse."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"  # the plan's layout sets headings and header rows in bold
FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
TEXT = "Frau Коваленко lebt seit 2022 in Halberstadt und sucht eine Teilzeitstelle. " * 4


def register_font() -> None:
    """Once per process, as any program would do."""
    for name in (FONT, BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


class NumberedCanvas(Canvas):
    """Holds the pages back until the end so that the footer knows the page count."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Seite {self._pageNumber} von {total}")
            super().showPage()
        super().save()


def story() -> list:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    heading = ParagraphStyle("h1", fontName=BOLD, fontSize=15, leading=19, spaceAfter=6)
    section = ParagraphStyle("h2", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8)
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5),
            ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    flow: list = [
        Paragraph("Förderplan FP-42-2026, Version 2", heading),
        Table(
            [
                ["Name", "Олена Коваленко", "Geburtsdatum", "02.04.1988"],
                ["ESF-Nummer", "L-0042", "Förderbereich", "JOKO"],
                ["Jobcenter", "Jobcenter Harz", "Erstellt am", "02.11.2026"],
            ],
            colWidths=[30 * mm, 55 * mm, 30 * mm, 55 * mm],
            style=grid,
        ),
    ]
    for title in ("Ausgangslage", "Stärken", "Förderbedarf", "Vereinbarungen"):
        flow += [Paragraph(title, section), Paragraph(TEXT, body)]
    goals = [["Nr.", "Teilziel", "Indikator", "Frist", "Stand"]] + [
        [
            str(n),
            Paragraph(f"Teilziel {n}: Bewerbungsunterlagen mit Şükrü Ağaoğlu überarbeiten", body),
            Paragraph("Lebenslauf und Anschreiben liegen vor", body),
            f"{n:02d}.12.2026",
            "offen",
        ]
        for n in range(1, 6)
    ]
    steps = [["Schritt", "Verantwortlich", "Bis", "Stand", "Ziel"]] + [
        [
            Paragraph(f"Schritt {n}: Termin beim Träger vereinbaren", body),
            "Koordination" if n % 2 else "Teilnehmende",
            f"{n % 28 + 1:02d}.11.2026",
            "offen",
            str(n % 5 + 1),
        ]
        for n in range(1, 21)
    ]
    widths_goals = [10 * mm, 70 * mm, 50 * mm, 20 * mm, 20 * mm]
    widths_steps = [75 * mm, 35 * mm, 20 * mm, 20 * mm, 20 * mm]
    flow += [
        Paragraph("Teilziele", section),
        Table(goals, colWidths=widths_goals, style=grid, repeatRows=1),
        Paragraph("Schritte", section),
        Table(steps, colWidths=widths_steps, style=grid, repeatRows=1),
        Spacer(1, 12 * mm),
        Paragraph("Halberstadt, den 02.11.2026 — Unterschriften", body),
    ]
    return flow


def render() -> bytes:
    register_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="Förderplan", bottomMargin=20 * mm)
    doc.build(story(), canvasmaker=NumberedCanvas)
    return buffer.getvalue()


if __name__ == "__main__":
    pdf = render()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if out:
        out.write_bytes(pdf)
    print(len(pdf), "bytes")

"""The Sachbericht's charts: one Drawing each, drawn by QtSvg without the black box reportlab's
<clipPath> gives, German month labels and numbers, the figures in words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from app.reports.charts import (
    QT_FONT_FAMILY,
    caseload_chart,
    chart_svg,
    charts,
    entries_exits_chart,
    month_labels,
    nice_step,
    outcomes_chart,
)
from app.reports.periods import between
from tests.reports.sample_report import long_report, sample_report

SVG = "{http://www.w3.org/2000/svg}"
WIDTH = 1280
BLACK = 24  # a grey value below this is black (the dark bars are #262626 = 38)


@pytest.fixture(scope="module")
def app():
    from ui.app import application  # the shipped DejaVu fonts, as the program has them

    return application()


def rendered(svg: bytes) -> QImage:
    """The SVG as QtSvg draws it on white, 1280 pixels wide (the Berichte page's width)."""
    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid()
    size = renderer.defaultSize().scaled(QSize(WIDTH, 100_000), Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def black_share(image: QImage) -> float:
    """How much of the image is (nearly) pure black."""
    line = image.bytesPerLine()
    data = bytes(image.constBits())
    black = sum(
        sum(1 for value in data[row * line : row * line + image.width()] if value < BLACK)
        for row in range(image.height())
    )
    return black / (image.width() * image.height())


def largest_black_row_run(image: QImage) -> int:
    """The most black rows in a row that are black over half the width: a solid box."""
    line = image.bytesPerLine()
    data = bytes(image.constBits())
    best = run = 0
    for row in range(image.height()):
        pixels = data[row * line : row * line + image.width()]
        if sum(1 for value in pixels if value < BLACK) > image.width() / 2:
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best


def texts(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


ALL_CHARTS = [
    pytest.param(chart, id=f"{name}-{chart.key}")
    for name, report in (("quarter", sample_report()), ("long", long_report()))
    for chart in charts(report)
]


@pytest.mark.parametrize("chart", ALL_CHARTS)
def test_the_svg_has_no_clip_path(chart):
    svg = chart_svg(chart.drawing)
    assert b"clipPath" not in svg and b"clip-path" not in svg
    assert b"clipPath" in renderSVG.drawToString(chart.drawing).encode()  # reportlab's has


@pytest.mark.parametrize("chart", ALL_CHARTS)
def test_qt_draws_the_chart_without_a_black_box(app, chart):
    image = rendered(chart_svg(chart.drawing))
    assert image.width() == WIDTH
    assert black_share(image) < 0.05
    assert largest_black_row_run(image) <= 3  # an axis line, never a box
    for x, y in ((0, 0), (WIDTH - 1, 0), (0, image.height() - 1)):
        assert image.pixelColor(x, y).value() > 240, (x, y)  # the corners are paper


def test_the_checks_find_the_black_box_of_the_unstripped_svg(app):
    """Proof that the test above can fail: reportlab's own SVG, <clipPath> and all."""
    chart = entries_exits_chart(sample_report())
    image = rendered(renderSVG.drawToString(chart.drawing).encode("utf-8"))
    assert black_share(image) > 0.5
    assert largest_black_row_run(image) > 50  # the test above allows 3
    assert image.pixelColor(0, 0).value() < BLACK


def test_the_month_labels_are_german_and_in_the_drawing():
    chart = entries_exits_chart(sample_report())
    found = texts(chart_svg(chart.drawing))
    assert {"Jan", "Feb", "Mär"} <= set(found)
    assert {"Eintritte und Austritte je Monat", "Eintritte", "Austritte"} <= set(found)
    for figure in ("3", "4", "5", "1", "2"):  # the values on the bars (sample: 3/1, 4/2, 5/3)
        assert figure in found


def test_months_of_several_years_carry_the_year():
    months = [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert month_labels(months) == ["Nov\n2025", "Dez", "Jan\n2026", "Feb"]
    assert month_labels(months[2:]) == ["Jan", "Feb"]
    report = sample_report(period=between(date(2025, 11, 1), date(2026, 2, 28)))
    found = texts(chart_svg(entries_exits_chart(report).drawing))
    assert {"Nov", "2025", "Dez", "Jan", "2026"} <= set(found)  # one text per line
    turned = texts(chart_svg(caseload_chart(long_report()).drawing))
    assert {"Nov 2024", "Jan 2025", "Jan 2026", "Mär"} <= set(turned)


def test_the_svg_names_the_font_qt_has_and_it_has_every_letter(app):
    assert QT_FONT_FAMILY in QFontDatabase.families()
    metrics = QFontMetrics(QFont(QT_FONT_FAMILY))
    for chart in charts(sample_report()):
        svg = chart_svg(chart.drawing)
        families = set(re.findall(rb"font-family: ([^;\"]+)", svg))
        assert families == {f"'{QT_FONT_FAMILY}'".encode()}
        for letter in "".join(texts(svg)):
            assert metrics.inFontUcs4(ord(letter)), letter
    assert b"font-weight: bold" in chart_svg(entries_exits_chart(sample_report()).drawing)


def test_umlauts_are_drawn_not_boxes(app):
    """ "Mär" and "Mar" differ by the dots only: a missing glyph would draw a box instead."""

    def picture(label: str) -> QImage:
        from reportlab.graphics.shapes import String

        from app.reports import fonts

        fonts.register_fonts()
        drawing = Drawing(60, 20)
        drawing.add(String(2, 4, label, fontName=fonts.REGULAR, fontSize=12))
        return rendered(chart_svg(drawing))

    umlaut, plain = picture("Mär"), picture("Mar")
    differing = [
        (x, y)
        for y in range(umlaut.height())
        for x in range(umlaut.width())
        if umlaut.pixelColor(x, y) != plain.pixelColor(x, y)
    ]
    assert differing  # the dots
    top = min(y for _x, y in differing)
    bottom = max(y for _x, y in differing)
    assert bottom - top < umlaut.height() / 3  # above the letter only, not a box around it


def test_the_outcomes_most_first_with_long_labels_wrapped():
    chart = outcomes_chart(sample_report())
    found = texts(chart_svg(chart.drawing))
    assert "sozialversicherungspflichtige Beschäftigung" in found
    assert "Beendigung des Ausbildungsvertrags ohne" in found and "Anschluss" in found
    assert chart.summary.startswith("Austritte nach Verbleib. ")
    assert "sozialversicherungspflichtige Beschäftigung: 3; Ausbildung: 2" in chart.summary


def test_no_exits_says_so():
    report = sample_report()
    empty = type(report)(**{**report.__dict__, "outcomes": (("Ausbildung", 0),)})
    chart = outcomes_chart(empty)
    assert "Im Zeitraum gab es keine Austritte." in texts(chart_svg(chart.drawing))
    assert chart.summary == "Austritte nach Verbleib. Im Zeitraum gab es keine Austritte."


def test_the_summaries_state_every_figure_in_words():
    entries, _outcomes, caseload = charts(sample_report())
    assert entries.summary == (
        "Eintritte und Austritte je Monat. Januar 2026: 3 Eintritte, 1 Austritt; "
        "Februar 2026: 4 Eintritte, 2 Austritte; März 2026: 5 Eintritte, 3 Austritte."
    )
    assert caseload.summary == (
        "Fallbestand zum Monatsende. Januar 2026: 38; Februar 2026: 39; März 2026: 40."
    )


def test_value_axis_steps():
    assert [nice_step(n) for n in (0, 4, 5, 6, 12, 40, 99, 240, 1999)] == [
        1, 1, 1, 2, 5, 10, 20, 50, 500,
    ]  # fmt: skip


def test_many_months_drop_the_values_but_keep_the_months():
    found = texts(chart_svg(entries_exits_chart(long_report()).drawing))
    months = [t for t in found if t[:3] in {"Jan", "Feb", "Mär", "Nov", "Dez"}]
    assert len(months) >= 12
    assert "6" in found  # the axis still has its numbers

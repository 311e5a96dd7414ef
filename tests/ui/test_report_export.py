"""The chart view (SVG kept in proportion, named for screen readers) and "Sachbericht
exportieren…" (file dialog, background run, message, the chosen format)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.reports.charts import chart_svg, charts
from app.reports.periods import quarter
from tests.reports.sample_report import sample_report
from tests.services.helpers import COMPLETE_CORE, add_person
from ui.report_export import export_report, file_name
from ui.widgets.chart_view import ChartView

PERIOD = quarter(2026, 1)


def test_the_chart_view_keeps_the_proportions_and_names_the_figures(qtbot):
    chart = charts(sample_report())[0]
    view = ChartView()
    qtbot.addWidget(view)
    view.set_chart(chart_svg(chart.drawing), chart.title, chart.summary)
    ratio = chart.drawing.height / chart.drawing.width
    assert view.hasHeightForWidth()
    assert abs(view.heightForWidth(1000) - 1000 * ratio) <= 1  # the SVG rounds its size
    assert view.accessibleName() == "Eintritte und Austritte je Monat"
    assert "März 2026: 5 Eintritte, 3 Austritte" in view.accessibleDescription()
    view.resize(800, 800)  # taller than the chart: drawn at the top, full width
    target = view.target()
    assert target.width() == 800 and abs(target.height() - 800 * ratio) < 1
    view.resize(2000, 300)  # wider: as high as there is room, centred
    target = view.target()
    assert target.height() == 300 and abs(target.left() - (2000 - 300 / ratio) / 2) < 1

    view.resize(640, view.heightForWidth(640))
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    view.render(image)
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).value() < 60
    )
    assert 0 < dark < (image.width() // 4) * (image.height() // 4) * 0.2  # bars, no black box
    assert view.sizeHint() == QSize(640, view.heightForWidth(640))


def test_an_empty_view_draws_nothing(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    assert view.is_empty()
    view.set_chart(chart_svg(charts(sample_report())[2].drawing), "t", "d")
    assert not view.is_empty()
    view.clear()
    assert view.is_empty() and view.accessibleName() == ""


def test_the_suggested_file_name():
    from app.vocab import Program

    assert file_name(PERIOD, None) == "Sachbericht_2026-01-01_2026-03-31.pdf"
    assert file_name(PERIOD, Program.JOKO, ".xlsx") == "Sachbericht_2026-01-01_2026-03-31_JOKO.xlsx"


@pytest.fixture
def messages(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


def answer(monkeypatch, path: Path | str, chosen_filter: str) -> list[str]:
    suggested: list[str] = []

    def dialog(_parent, _caption, suggestion, filters, *args):
        suggested.append(suggestion)
        assert filters == "PDF-Dokument (*.pdf);;Excel-Arbeitsmappe (*.xlsx)"
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return suggested


def test_export_the_report_as_xlsx_in_the_background(
    qtbot, configured_lotse, ops, monkeypatch, messages, tmp_path
):
    add_person(configured_lotse, "Şahin", "Ayşe", **COMPLETE_CORE)
    parent = QWidget()
    qtbot.addWidget(parent)
    suggested = answer(monkeypatch, tmp_path / "bericht", "Excel-Arbeitsmappe (*.xlsx)")
    target = export_report(parent, configured_lotse, ops, PERIOD, None, tmp_path)
    assert target == tmp_path / "bericht.xlsx"  # the suffix of the chosen format added
    assert suggested == [str(tmp_path / "Sachbericht_2026-01-01_2026-03-31.pdf")]
    qtbot.waitUntil(lambda: bool(messages), timeout=15000)
    assert messages == [f"Der Sachbericht für 1. Quartal 2026 wurde nach {target} geschrieben."]
    months = list(load_workbook(target)["Monate"].iter_rows(min_row=2, values_only=True))
    assert [(m[0].date(), m[1]) for m in months][-1] == (date(2026, 3, 1), 1)


def test_a_pdf_name_stays_a_pdf_and_a_cancelled_dialog_does_nothing(
    qtbot, configured_lotse, ops, monkeypatch, messages, tmp_path
):
    parent = QWidget()
    qtbot.addWidget(parent)
    answer(monkeypatch, tmp_path / "b.PDF", "Excel-Arbeitsmappe (*.xlsx)")
    target = export_report(parent, configured_lotse, ops, PERIOD, None, None)
    assert target == tmp_path / "b.PDF"
    qtbot.waitUntil(lambda: bool(messages), timeout=15000)
    assert target.read_bytes().startswith(b"%PDF")
    answer(monkeypatch, "", "")
    assert export_report(parent, configured_lotse, ops, PERIOD, None, None) is None

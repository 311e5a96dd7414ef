"""The Berichte page on the hand-counted caseload of tests/services/test_period_report.py."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.vocab import Program
from tests.services.test_period_report import caseload  # noqa: F401 - the fixture
from ui.operations import Operations
from ui.pages.report_people_dialog import CountedPeopleDialog
from ui.pages.report_period import FREE, MONTH, YEAR
from ui.pages.report_tables import FigureTable, number_text
from ui.pages.reports_page import TABS, ReportsPage


def make_page(qtbot, lotse) -> ReportsPage:
    page = ReportsPage("Berichte", lotse, Operations(lotse))
    qtbot.addWidget(page)
    page.chooser.set_period(YEAR, 2026)
    page.show()
    page.refresh()
    return page


def table_of(page: ReportsPage, key: str) -> FigureTable:
    return next(t for t in page.findChildren(FigureTable) if t.figures.table.key == key)


def cell_text(view: FigureTable, code: str, column: int) -> str:
    rows = view.figures.table.rows
    row = next(i for i, r in enumerate(rows) if r.code == code)
    return view.figures.index(row, column).data()


def test_figures_on_screen_and_the_people_behind_one(qtbot, lotse, caseload, monkeypatch) -> None:  # noqa: F811
    page = make_page(qtbot, lotse)
    output = table_of(page, "esf_output")
    assert cell_text(output, "EECO13", 0) == "Drittstaatsangehörige"
    assert cell_text(output, "EECO13", 5) == "4"  # gesamt
    assert cell_text(output, "EECO13", 1) == "2"  # weiblich
    assert "2026" in page.status.text() and "5" in page.status.text()

    shown: list[CountedPeopleDialog] = []
    monkeypatch.setattr(CountedPeopleDialog, "exec", lambda self: shown.append(self) or 0)
    row = next(i for i, r in enumerate(output.figures.table.rows) if r.code == "EECO13")
    output.activated.emit(output.figures.index(row, 5))
    (dialog,) = shown
    names = [dialog.model.row_at(i).name for i in range(dialog.model.rowCount())]
    assert names == ["A, Test", "C, Test", "E, Test", "U, Test"]
    opened: list[int] = []
    page.open_requested.connect(opened.append)
    dialog.view.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert opened == [caseload["C"]]


def test_not_counted_tab_lists_the_incomplete_record(qtbot, lotse, caseload) -> None:  # noqa: F811
    page = make_page(qtbot, lotse)
    index = [key for key, _tables in TABS].index("incomplete")
    assert page.tabs.tabText(index).endswith("(1)")
    assert page.incomplete_model.index(0, 2).data() == "Höchster Schulabschluss"


def test_month_and_funding_area(qtbot, lotse, caseload) -> None:  # noqa: F811
    page = make_page(qtbot, lotse)
    page.chooser.set_period(MONTH, 2026, 6)
    assert page.report is not None and page.report.period.label == "Juni 2026"
    joko = page.chooser.program.findData(Program.JOKO)
    page.chooser.program.setCurrentIndex(joko)
    keys = [key for key, _tables in TABS]
    assert not page.tabs.isTabVisible(keys.index("training"))
    assert page.tabs.isTabVisible(keys.index("joko"))
    assert cell_text(table_of(page, "overview"), "exits", 1) == "1"  # B left on 30.06.


def test_a_free_period_in_the_wrong_order_is_named(qtbot, lotse, caseload) -> None:  # noqa: F811
    page = make_page(qtbot, lotse)
    before = page.report
    page.chooser.kind.setCurrentIndex(FREE)
    page.chooser.start.set_date(date(2026, 5, 1))
    page.chooser.end.set_date(date(2026, 4, 1))
    page.refresh()
    assert page.status.text() == "Das Ende des Zeitraums liegt vor seinem Beginn."
    assert page.report is before or page.report.period.start != date(2026, 5, 1)


def test_german_numbers() -> None:
    assert number_text(20000) == "20.000"
    assert number_text(2.4) == "2,4"
    assert number_text(1234.5) == "1.234,5"
    assert number_text(3.0) == "3"

"""Berichte: a period's figures for the funding body, its charts, the records not counted,
and the exports (Sachbericht as PDF or XLSX, ESF+ Teilnehmendenliste).

The figures come from app.services.period_report (one read, well under a second for a year
of 20,000 participants); the page shows them in tabs, one table per part of the report. A cell
that counts people opens their list. While the page is hidden a change only marks it stale.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _
from app.reports.charts import chart_svg, charts
from app.reports.period_data import Count, PeriodReport
from app.services.period_report import build_report, counted_people
from app.services.settings import load_settings
from ui.operations import Operations
from ui.pages.report_people_dialog import CountedPeopleDialog
from ui.pages.report_period import PeriodChooser
from ui.pages.report_tables import FigureTable, incomplete_table
from ui.widgets.chart_view import ChartView
from ui.widgets.heading import page_heading

# the tabs and the tables each shows, in order
TABS = (
    ("overview", ("overview",)),
    ("charts", ()),
    ("characteristics", ("characteristics",)),
    ("outcomes", ("outcomes",)),
    ("indicators", ("esf_output", "esf_results")),
    ("joko", ("joko",)),
    ("training", ("training", "training_students")),
    ("effort", ("effort",)),
    ("incomplete", ()),
)


def tab_titles() -> dict[str, str]:
    return {
        "overview": _("O&verview"),
        "charts": _("C&harts"),
        "characteristics": _("ESF+ c&haracteristics"),
        "outcomes": _("O&utcomes"),
        "indicators": _("ESF+ &indicators"),
        "joko": _("&JOKO"),
        "training": _("Training mana&gement"),
        "effort": _("&Effort"),
        "incomplete": _("Not &counted"),
    }


class ReportsPage(QWidget):
    """``open_requested(participant_id)``: a person behind a figure is to be shown."""

    open_requested = Signal(int)

    def __init__(self, title: str, lotse: Lotse, ops: Operations) -> None:
        super().__init__()
        self._lotse = lotse
        self._ops = ops
        self._stale = True
        self.report: PeriodReport | None = None
        self.export_folder = None
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(title, self))
        settings = load_settings(lotse.reads)
        self.chooser = PeriodChooser(settings.programs, self)
        self.chooser.changed.connect(self.refresh)
        layout.addWidget(self.chooser)

        actions = QHBoxLayout()
        self.export_button = QPushButton(_("&Sachbericht (PDF or Excel)…"), self)
        self.export_button.clicked.connect(self.export_report)
        self.esf_button = QPushButton(_("ESF+ &participant list…"), self)
        self.esf_button.clicked.connect(self.export_esf_list)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.esf_button)
        layout.addLayout(actions)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Parts of the report"))
        self._tab_pages: dict[str, QWidget] = {}
        titles = tab_titles()
        for key, _tables in TABS:
            page = QScrollArea(self.tabs)
            page.setWidgetResizable(True)
            page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            page.setFrameShape(QScrollArea.Shape.NoFrame)
            page.setFocusPolicy(
                Qt.FocusPolicy.NoFocus
            )  # no silent Tab stop: Tab goes to the tables
            self._tab_pages[key] = page
            self.tabs.addTab(page, titles[key])
        self.incomplete_view, self.incomplete_model = incomplete_table(self)
        self.incomplete_view.activated.connect(
            lambda index: self.open_requested.emit(
                self.incomplete_model.row_at(index.row()).participant_id
            )
        )
        self._tab_pages["incomplete"].setWidget(self.incomplete_view)
        layout.addWidget(self.tabs, 1)
        ops.changed.connect(self._on_changed)

    # -- reading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        try:
            period = self.chooser.period()
        except ValueError as error:
            self.status.setText(str(error))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = build_report(self._lotse.reads, period, self.chooser.chosen_program())
        finally:
            QApplication.restoreOverrideCursor()
        self._stale = False
        self._show(self.report)

    def _show(self, report: PeriodReport) -> None:
        overview = report.table("overview")
        self.status.setText(
            _(
                "{period}, {program}: {entries} entries, {exits} exits, {caseload} in the caseload"
            ).format(
                period=report.period.label,
                program=report.program_label,
                entries=overview.row("entries").cells[0].value,
                exits=overview.row("exits").cells[0].value,
                caseload=overview.row("caseload").cells[0].value,
            )
        )
        keys = {table.key for table in report.tables}
        titles = tab_titles()
        for index, (key, tables) in enumerate(TABS):
            if tables:
                present = [report.table(k) for k in tables if k in keys]
                self.tabs.setTabVisible(index, bool(present))
                if present:
                    self._tab_pages[key].setWidget(self._tables_widget(present))
        self._tab_pages["charts"].setWidget(self._charts_widget(report))
        self.incomplete_model.set_rows(list(report.incomplete))
        incomplete = TABS.index(("incomplete", ()))
        self.tabs.setTabText(incomplete, f"{titles['incomplete']} ({len(report.incomplete)})")

    def _tables_widget(self, tables: list) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        for table in tables:
            if len(tables) > 1:
                layout.addWidget(page_heading(table.title, holder, level=2))
            view = FigureTable(table, holder)
            view.figure_opened.connect(self._open_figure)
            view.setMinimumHeight(view.fitting_height())
            view.setMaximumHeight(view.fitting_height())
            layout.addWidget(view)
            if table.note:
                note = QLabel(table.note, holder)
                note.setWordWrap(True)
                layout.addWidget(note)
        layout.addStretch(1)
        return holder

    def _charts_widget(self, report: PeriodReport) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        for chart in charts(report):
            view = ChartView(holder)
            view.set_chart(chart_svg(chart.drawing), chart.title, chart.summary)
            layout.addWidget(view)
        layout.addStretch(1)
        return holder

    def _open_figure(self, title: str, count: Count) -> None:
        people = counted_people(self._lotse.reads, count.participant_ids or ())
        dialog = CountedPeopleDialog(title, people, self)
        dialog.open_requested.connect(self.open_requested)
        dialog.exec()
        dialog.deleteLater()

    # -- exports ----------------------------------------------------------------------------

    def export_report(self) -> None:
        from ui.report_export import export_report

        if self.report is None:
            return
        folder = export_report(
            self, self._lotse, self._ops, self.report.period, self.report.program,
            self.export_folder,
        )  # fmt: skip
        if folder is not None:
            self.export_folder = folder.parent

    def export_esf_list(self) -> None:
        from ui.esf_list_export import export_esf_list

        written = export_esf_list(self, self._lotse, self._ops, self.export_folder)
        if written is not None:
            self.export_folder = written.parent

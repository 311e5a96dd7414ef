"""Kurse & Maßnahmen: the course catalogue (ui.pages.course_catalog) and the measures of
every person (ui.pages.measures_list), one tab each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from app.i18n import _
from ui.operations import Operations
from ui.pages.course_catalog import CourseCatalog
from ui.pages.measures_list import MeasuresList
from ui.widgets.heading import page_heading


class CoursesPage(QWidget):
    """``open_requested(participant_id)``: a person of a course or a measure is to be shown."""

    open_requested = Signal(int)

    def __init__(self, title: str, lotse: Lotse, ops: Operations) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(title, self))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Parts of the page"))
        self.catalog = CourseCatalog(lotse, ops, self)
        self.measures = MeasuresList(lotse, ops, self)
        self.tabs.addTab(self.catalog, _("Courses"))
        self.tabs.addTab(self.measures, _("Measures"))
        self.catalog.open_requested.connect(self.open_requested)
        self.measures.open_requested.connect(self.open_requested)
        layout.addWidget(self.tabs, 1)

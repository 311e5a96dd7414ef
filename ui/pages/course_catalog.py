"""Kurse: the course catalogue, searched as you type, filtered by Kursart, Träger and Zeitraum
(laufend, beginnt bald, geplant, vorbei); "Neuer Kurs…" and "Öffnen" (Enter, double-click)
open the course dialog (ui.pages.course_dialog) with its Teilnehmende, "Löschen…" deletes a
course nobody is enrolled in.

The catalogue keeps the rows of the current filters while the user types
(app.services.courses.CourseCatalogue): a keystroke filters them and resets the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _, format_number
from app.services.courses import (
    CourseCatalogue,
    CourseQuery,
    CourseRow,
    Timing,
    course_kinds,
    course_providers,
)
from app.vocab import CourseKind
from ui.mnemonics import escape, mark_destructive
from ui.operations import Operations
from ui.pages.course_dialog import CourseDialog, delete_course_asking
from ui.row_models import RIGHT, RowTableModel
from ui.widgets.colours import alert_colour
from ui.widgets.filters import ChoiceCombo, CountedFilter
from ui.widgets.formatting import EMPTY, date_text
from ui.widgets.panels import delete_key
from ui.widgets.read_only_table import read_only_table, set_column_chars
from ui.widgets.search_list import SearchListKeys, search_field, search_page_layout


def course_count_text(count: int) -> str:
    """ "1 Kurs", "2.010 Kurse"."""
    if count == 1:
        return _("1 course")
    return _("{n} courses").format(n=format_number(count))


def places_text(row: CourseRow) -> str:
    """ "12 / 15": enrolled (registered or ongoing) of the places; "3 / —" without places;
    an overbooked course is marked with ⚠ (the colour only repeats it)."""
    if row.places is None:
        return f"{row.enrolled} / {EMPTY}"
    text = f"{row.enrolled} / {row.places}"
    return f"{text} ⚠" if row.enrolled > row.places else text


def places_words(row: CourseRow) -> str:
    """What the Plätze cell says, in words (tooltip, screen reader)."""
    if row.places is None:
        return _("{n} enrolled, no number of places given").format(n=row.enrolled)
    free = row.places - row.enrolled
    if free < 0:
        return _("{enrolled} enrolled for {places} places: overbooked by {over}").format(
            enrolled=row.enrolled, places=row.places, over=-free
        )
    return _("{enrolled} of {places} places taken, {free} free").format(
        enrolled=row.enrolled, places=row.places, free=free
    )


class CourseTableModel(RowTableModel):
    TITLE, KIND, PROVIDER, LEVEL, START, END, UNITS, PLACES, FORMAT = range(9)
    HEADERS = (
        N_("Course"),
        N_("Kind of course"),
        N_("Course provider"),
        N_("Target level"),
        N_("Start"),
        N_("End"),
        N_("Teaching units (UE)"),
        N_("Seats"),
        N_("Format"),
    )
    NUMBERS = (UNITS, PLACES)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and orientation == Qt.Orientation.Horizontal
            and section in self.NUMBERS
        ):
            return RIGHT
        return super().headerData(section, orientation, role)

    def _text(self, row: CourseRow, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.KIND:
            return row.kind.label
        if column == self.PROVIDER:
            return row.provider_name
        if column == self.LEVEL:
            return row.target_level.label if row.target_level is not None else ""
        if column == self.START:
            return date_text(row.start)
        if column == self.END:
            return date_text(row.end)
        if column == self.UNITS:
            return "" if row.teaching_units is None else format_number(row.teaching_units)
        if column == self.PLACES:
            return places_text(row)
        return row.format.label if row.format is not None else ""

    def _spoken(self, row: CourseRow, column: int) -> str:
        if column == self.PLACES:
            return places_words(row)
        return self._text(row, column) or EMPTY

    def _cell_tooltip(self, row: CourseRow, column: int) -> str | None:
        if column == self.PLACES:
            return places_words(row)
        if column in (self.TITLE, self.KIND, self.PROVIDER):
            return self._text(row, column)
        return None

    def _foreground(self, row: CourseRow, column: int) -> QColor | None:
        if column == self.PLACES and row.places is not None and row.enrolled > row.places:
            return alert_colour(QApplication.palette())
        return None

    def set_courses(self, rows: Sequence[CourseRow]) -> None:
        self.set_rows(rows)

    def titles(self) -> list[str]:
        return [row.title for row in self._rows]


class CourseCatalog(QWidget):
    """The Kurse tab of Kurse & Maßnahmen. ``open_requested(participant_id)``: a person of a
    course was chosen (the course dialog's Teilnehmende, "Zur Person")."""

    open_requested = Signal(int)  # a participant id

    def __init__(self, lotse: Lotse, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self._catalogue = CourseCatalogue(lotse.reads)
        self._stale = False  # changed while hidden
        self.setAccessibleName(_("Courses"))

        self.search = search_field(
            self,
            _("Search by title, provider, place or kind of course …"),
            _("Search courses"),
        )
        self.new_button = QPushButton(_("&New course…"), self)
        self.new_button.setToolTip(_("Add a course to the catalogue"))
        self.open_button = QPushButton(_("&Open"), self)
        self.delete_button = QPushButton(_("Delete…"), self)
        self.delete_button.setToolTip(_("Only a course nobody is enrolled in can be deleted"))
        mark_destructive(self.delete_button)
        self.kind_filter = ChoiceCombo(self, min_chars=16)
        self.kind_filter.setAccessibleName(_("Kind of course"))
        self.provider_filter = ChoiceCombo(self, min_chars=16)
        self.provider_filter.setAccessibleName(_("Course provider"))
        self.timing_filter = CountedFilter(Timing, _("Period"), self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.model = CourseTableModel(self)
        self.table = read_only_table(self.model, self, stretch_column=CourseTableModel.TITLE)
        self.table.setAccessibleName(_("Courses"))
        set_column_chars(self.table, {CourseTableModel.KIND: 24, CourseTableModel.PROVIDER: 22})
        search_page_layout(
            self,
            (escape(_("Search")) + ":", self.search),
            (self.new_button, self.open_button, self.delete_button),
            [
                (escape(_("Kind of course")) + ":", self.kind_filter),
                (escape(_("Course provider")) + ":", self.provider_filter),
                (escape(_("Period")) + ":", self.timing_filter),
            ],
            self.count_label,
            self.table,
            margins=(8, 12, 8, 8),
            spacing=10,
        )

        self._keys = SearchListKeys(
            self.search,
            self.table,
            refresh=self.search_now,
            selected=self.selected_course_id,
            select_row=self._select_row,
            open_chosen=self.open_selected,
            find_scope=self,
        )
        for combo in (self.kind_filter, self.provider_filter, self.timing_filter):
            combo.currentIndexChanged.connect(lambda _index: self.search_now())
        self.new_button.clicked.connect(lambda: self.new_course())
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        delete_key(self.table, lambda: self.delete_selected())
        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -------------------------------------------------------------------------------

    def query(self) -> CourseQuery:
        kind = self.kind_filter.value()
        provider = self.provider_filter.value()
        return CourseQuery(
            text=self.search.text(),
            kind=CourseKind(kind) if isinstance(kind, str) else None,
            provider_id=provider if isinstance(provider, int) else None,
            timing=self.current_timing(),
        )

    def current_timing(self) -> Timing:
        return self.timing_filter.current()

    def set_timing(self, choice: Timing) -> None:
        self.timing_filter.set_current(choice)

    def reload(self) -> None:
        """Read the filter choices, their counts and the rows again (the data changed)."""
        reads = self._lotse.reads
        self._stale = False
        self._catalogue.forget()
        today = date.today()
        self.model.today = today
        for combo in (self.kind_filter, self.provider_filter, self.timing_filter):
            combo.blockSignals(True)
        self.kind_filter.set_choices([(kind.label, kind.value) for kind in course_kinds(reads)])
        self.provider_filter.set_choices([(name, pid) for pid, name in course_providers(reads)])
        self.timing_filter.show_counts(self._catalogue.counts(today))
        for combo in (self.kind_filter, self.provider_filter, self.timing_filter):
            combo.blockSignals(False)
        self.search_now()

    def search_now(self) -> None:
        """The rows of the search and the filters (what a keystroke does after the pause);
        the chosen course stays chosen while it is listed."""
        self._keys.timer.stop()
        selected = self.selected_course_id()
        rows = self._catalogue.rows(self.query(), date.today())
        self.model.set_courses(rows)
        self.count_label.setText(course_count_text(len(rows)))
        self.model.select_id(self.table, selected)
        self._update_buttons()

    def row_count(self) -> int:
        return self.model.rowCount()

    def selected_course_id(self) -> int | None:
        row = self.model.selected_row(self.table)
        return None if row is None else row.id

    def select_course(self, course_id: int) -> bool:
        return self.model.select_id(self.table, course_id, scroll=True)

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def focus_search(self) -> None:
        self._keys.focus_search()

    def _update_buttons(self) -> None:
        chosen = self.selected_course_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or changes.courses or changes.enrollments or changes.organizations:
            if self.isVisible():
                self.reload()
            else:  # another page is shown: read when this one is shown again
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self.reload()
        super().showEvent(event)

    # -- actions ----------------------------------------------------------------------------

    def course_dialog(self, course_id: int | None) -> CourseDialog:
        """The dialog "Neuer Kurs…" (None) or "Öffnen" opens, not yet shown."""
        dialog = CourseDialog(self._lotse, self._ops, course_id, self)
        dialog.open_participant.connect(self.open_requested)
        return dialog

    def _run(self, course_id: int | None) -> int | None:
        dialog = self.course_dialog(course_id)
        dialog.exec()
        shown = dialog.course_id if not dialog.deleted else None
        dialog.deleteLater()
        return shown

    def new_course(self) -> int | None:
        saved = self._run(None)
        if saved is not None and not self.select_course(saved):
            self.search.clear()  # show it, whatever the filters were
            self.kind_filter.set_value(None)
            self.provider_filter.set_value(None)
            self.set_timing(Timing.ALL)
            self.search_now()
            self.select_course(saved)
        self.table.setFocus()
        return saved

    def open_selected(self) -> None:
        course_id = self.selected_course_id()
        if course_id is None:
            return
        if self._run(course_id) is not None:
            self.select_course(course_id)
        self.table.setFocus()

    def delete_selected(self) -> bool:
        course_id = self.selected_course_id()
        if course_id is None:
            return False
        return delete_course_asking(self, self._lotse, self._ops, course_id)

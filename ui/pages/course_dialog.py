"""The course dialog: the course's fields (tab "Kurs") and, for a saved course, its
Teilnehmende with "Teilnehmende anmelden…", "Bearbeiten…" and "Zur Person".

Values go to app.services.courses; the dialog only reads and writes widgets. Saving keeps the
dialog open (a new course can take its first enrolments at once); Ctrl+S saves, closing with
unsaved changes asks. Choosing a Kursart fills an empty UE with the kind's usual number of
teaching units (``CourseKind.standard_teaching_units``) — never over what the user typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import N_, _, format_number
from app.services.courses import (
    PROVIDER_KINDS,
    CourseInput,
    CourseRecord,
    create_course,
    delete_course,
    get_course,
    label,
    update_course,
)
from app.vocab import CourseFormat, CourseFunding, CourseKind, GermanLevel, TimeModel
from ui.mnemonics import assign_mnemonics, escape
from ui.operations import Operations
from ui.participant.form_fields import (
    Binding,
    DateBinding,
    EnumBinding,
    IntBinding,
    LongTextBinding,
    OrganizationBinding,
    TextBinding,
    UnreadableValue,
)
from ui.row_models import RowTableModel
from ui.widgets.colours import make_hint
from ui.widgets.formatting import EMPTY, date_text
from ui.widgets.messages import closing_keeps_nothing_unsaved, confirm, show_errors
from ui.widgets.panels import run_dialog
from ui.widgets.read_only_table import read_only_table
from ui.widgets.record_buttons import RecordButtons
from ui.widgets.window_layout import fitting, row_after_content

DEFAULT_SIZE = QSize(1000, 580)  # fits 1280×800 with the frame and a taskbar
COURSE_TAB, PARTICIPANTS_TAB = 0, 1
# the form's two columns, in reading (and Tab) order; the notes below them
LEFT = ("kind", "title", "provider_id", "target_level", "location", "format", "time_model")
RIGHT = ("start", "end", "teaching_units", "places", "funding")


def units_hint(kind: CourseKind | None) -> str:
    units = kind.standard_teaching_units if kind is not None else None
    if units is None:
        return ""
    return _("usual for this kind: {units} UE").format(units=format_number(units))


def places_summary(record: CourseRecord | None) -> str:
    """The line above the Teilnehmende: how many take a place, of how many."""
    if record is None:
        return ""
    places = record.data.places
    if places is None:
        return _("{enrolled} registered or taking part; no number of places given.").format(
            enrolled=record.enrolled
        )
    free = places - record.enrolled
    if free < 0:
        return "⚠ " + _(
            "{enrolled} registered or taking part for {places} places: overbooked by {over}."
        ).format(enrolled=record.enrolled, places=places, over=-free)
    return _("{enrolled} of {places} places taken, {free} free.").format(
        enrolled=record.enrolled, places=places, free=free
    )


def delete_course_asking(parent: QWidget, lotse: Lotse, ops: Operations, course_id: int) -> bool:
    """Löschen…: ask, then delete. A course with enrolments is refused at once, with the
    message saying why (nothing to ask)."""
    record = get_course(lotse.reads, course_id)
    if record is None:
        return False

    def run() -> bool:
        changes = ops.run(
            lambda uow: delete_course(uow, course_id),
            parent=parent,
            failed=_("The course was not deleted:"),
        )
        return changes is not None

    if record.enrollments:
        return run()
    question = _("Delete the course “{title}” from the catalogue? This cannot be undone.").format(
        title=record.data.title
    )
    return confirm(parent, _("Delete course"), question) and run()


class CourseEnrollmentModel(RowTableModel):
    """The course's enrolments (app.services.enrollments.EnrollmentRow)."""

    NAME, STATUS, REGISTERED, LEFT_ON, EXAM, LEVEL = range(6)
    HEADERS = (
        N_("Name"),
        N_("Status"),
        N_("Registered on"),
        N_("Ended on"),
        N_("Exam"),
        N_("Level reached"),
    )

    @staticmethod
    def exam_text(row: Any) -> str:
        parts = [row.exam, date_text(row.exam_on)]
        if row.exam_result is not None:
            parts.append(row.exam_result.label)
        return " · ".join(part for part in parts if part)

    def _text(self, row: Any, column: int) -> str:
        if column == self.NAME:
            return row.participant_name
        if column == self.STATUS:
            return row.status.label
        if column == self.REGISTERED:
            return date_text(row.registered_on)
        if column == self.LEFT_ON:
            return date_text(row.left_on)
        if column == self.EXAM:
            return self.exam_text(row)
        return row.level_reached.label if row.level_reached is not None else ""

    @staticmethod
    def _reason(row: Any, column: int) -> str:
        """The dropout reason, said in the Status cell."""
        if column != CourseEnrollmentModel.STATUS or not row.dropout_reason:
            return ""
        return _("Reason: {reason}").format(reason=row.dropout_reason)

    def _spoken(self, row: Any, column: int) -> str:
        text = self._text(row, column) or EMPTY
        reason = self._reason(row, column)
        return f"{text}, {reason}" if reason else text

    def _cell_tooltip(self, row: Any, column: int) -> str | None:
        return self._reason(row, column)


class CourseDialog(QDialog):
    """A new course (``course_id`` None) or a saved one. ``open_participant(id)``: "Zur
    Person" was chosen; the main window opens the record. After closing: ``course_id`` (None
    for a new course never saved) and ``deleted``."""

    open_participant = Signal(int)

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        course_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.course_id = course_id
        self.deleted = False
        self._record: CourseRecord | None = None
        self._bindings: dict[str, Binding] = {}
        self._baseline: object = None
        self._loading = False
        self._auto_units: int | None = None  # the UE the form filled in (not typed)
        self.setMinimumSize(760, 480)

        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Parts of the course"))
        self.tabs.addTab(self._build_form(), _("Course"))
        self.tabs.addTab(self._build_participants(), _("Participants"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        outer.addWidget(self.tabs, 1)
        outer.addLayout(self._build_buttons())
        row_after_content(self, self.tabs, self._button_row)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, lambda: self.save())
        ops.changed.connect(self._on_changed)
        self._load(self._read_record())
        self.resize(fitting(DEFAULT_SIZE, self))
        self.tabs.setCurrentIndex(COURSE_TAB)
        self._bindings["kind" if course_id is None else "title"].widget.setFocus()

    # -- building ---------------------------------------------------------------------------

    def _make_binding(self, name: str, parent: QWidget) -> Binding:
        if name == "kind":
            return EnumBinding(parent, CourseKind)
        if name == "provider_id":
            return OrganizationBinding(parent, self._lotse, name, PROVIDER_KINDS)
        if name in ("start", "end"):
            return DateBinding(parent)
        if name in ("teaching_units", "places"):
            return IntBinding(parent, digits=4)
        if name == "notes":
            return LongTextBinding(parent)
        enums = {
            "target_level": GermanLevel,
            "format": CourseFormat,
            "time_model": TimeModel,
            "funding": CourseFunding,
        }
        if name in enums:
            return EnumBinding(parent, enums[name])
        return TextBinding(parent)

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        for name in (*LEFT, *RIGHT, "notes"):
            binding = self._make_binding(name, page)
            binding.widget.setObjectName(name)
            binding.widget.setAccessibleName(label(name))
            self._bindings[name] = binding
        self.units_hint = make_hint(QLabel(page))
        self.places_hint = make_hint(QLabel(page))
        self.field_widgets = {name: binding.widget for name, binding in self._bindings.items()}

        columns = QHBoxLayout()
        captions: list[QLabel] = []  # the left column's and the notes': one width
        for names in (LEFT, RIGHT):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                caption = self._add_row(page, form, name)
                if names is LEFT:
                    captions.append(caption)
            if names is RIGHT:
                columns.addSpacing(24)
            columns.addLayout(form, 1)
        below = QFormLayout()
        below.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        captions.append(self._add_row(page, below, "notes"))
        width = max(caption.sizeHint().width() for caption in captions)
        for caption in captions:
            caption.setMinimumWidth(width)
        layout = QVBoxLayout(page)
        layout.addLayout(columns)
        layout.addLayout(below)
        layout.addStretch(1)
        for binding in self._bindings.values():
            binding.connect(self._on_edited)
        self._bindings["kind"].connect(self._on_kind_changed)
        return page

    def _add_row(self, page: QWidget, form: QFormLayout, name: str) -> QLabel:
        widget = self._bindings[name].widget
        caption = QLabel(escape(label(name)) + ":", page)
        caption.setBuddy(widget)
        hint = {"teaching_units": self.units_hint, "places": self.places_hint}.get(name)
        if hint is None:
            form.addRow(caption, widget)
            return caption
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addWidget(hint, 1)
        form.addRow(caption, row)
        return caption

    def _build_participants(self) -> QWidget:
        page = QWidget(self)
        self.enrol_button = QPushButton(_("&Enrol participants…"), page)
        self.enrol_button.setToolTip(_("Enrol a person in this course"))
        self.edit_enrollment_button = QPushButton(_("Ed&it…"), page)
        self.edit_enrollment_button.setToolTip(
            _("Status, dates, exam and level reached of the chosen enrolment")
        )
        self.to_person_button = QPushButton(_("&Go to person"), page)
        self.to_person_button.setToolTip(_("Open the chosen person's record"))
        self.enrol_button.clicked.connect(lambda: self.enrol())
        self.edit_enrollment_button.clicked.connect(lambda: self.edit_enrollment())
        self.to_person_button.clicked.connect(self.go_to_person)
        buttons = QHBoxLayout()
        for button in (self.enrol_button, self.edit_enrollment_button, self.to_person_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.enrollment_model = CourseEnrollmentModel(page)
        self.enrollment_view = read_only_table(self.enrollment_model, page, stretch_column=0)
        self.enrollment_view.setAccessibleName(_("Participants of the course"))
        self.enrollment_view.activated.connect(lambda _index: self.edit_enrollment())
        self.enrollment_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_enrollment_buttons()
        )
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.enrollment_view, 1)
        self._participants_loaded = False
        return page

    def _build_buttons(self) -> QHBoxLayout:
        self._buttons = RecordButtons(
            self, delete=self.delete, save=self.save, delete_text=_("Delete…")
        )
        self._buttons.delete_button.setToolTip(
            _("Only a course nobody is enrolled in can be deleted")
        )
        self.delete_button = self._buttons.delete_button
        self.save_button = self._buttons.save_button
        self.close_button = self._buttons.close_button
        self.saved_label = self._buttons.saved_label
        self._button_row = self._buttons.row
        return self._button_row

    # -- values -----------------------------------------------------------------------------

    def _read_record(self) -> CourseRecord | None:
        return None if self.course_id is None else get_course(self._lotse.reads, self.course_id)

    def _load(self, record: CourseRecord | None) -> None:
        self._record = record
        data = record.data if record is not None else CourseInput(kind=None, title="")
        self._loading = True
        for name, binding in self._bindings.items():
            binding.set_value(getattr(data, name))
        self._loading = False
        self._auto_units = None
        self._update_mode()
        self._baseline = self._snapshot()

    def _collect(self) -> tuple[CourseInput, list[FieldError]]:
        """The form as the service takes it, and an error for each input that cannot be read."""
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for name, binding in self._bindings.items():
            try:
                values[name] = binding.value()
            except UnreadableValue as error:
                values[name] = None
                errors.append(FieldError(name, label(name), str(error)))
        for name in ("title", "location", "notes"):
            values[name] = values[name] or ""
        return CourseInput(**values), errors

    def _snapshot(self) -> object:
        return {name: binding.snapshot() for name, binding in self._bindings.items()}

    def is_modified(self) -> bool:
        return self._snapshot() != self._baseline

    def _on_edited(self) -> None:
        self._update_hints()

    def _on_kind_changed(self) -> None:
        """A chosen Kursart offers its usual UE: into an empty field, or over the UE the form
        itself filled for the kind chosen before — never over a number the user typed."""
        if self._loading:
            return
        units = self._bindings["teaching_units"]
        assert isinstance(units, IntBinding)
        text = units.edit.text().strip()
        if text and (self._auto_units is None or text != str(self._auto_units)):
            return  # typed by the user (or stored): kept
        kind = self._bindings["kind"].value()
        standard = kind.standard_teaching_units if isinstance(kind, CourseKind) else None
        if standard is None and not text:
            return
        units.set_value(standard)
        self._auto_units = standard

    def _update_hints(self) -> None:
        kind = self._bindings["kind"].lenient_value()
        self.units_hint.setText(units_hint(kind if isinstance(kind, CourseKind) else None))
        record = self._record
        self.places_hint.setText(
            _("{n} registered or taking part").format(n=record.enrolled)
            if record is not None and record.enrolled
            else ""
        )

    def _update_mode(self) -> None:
        saved = self.course_id is not None and self._record is not None
        if self._record is not None:
            self.setWindowTitle(_("{title} – course").format(title=self._record.data.title))
        else:
            self.setWindowTitle(_("New course"))
        self.delete_button.setEnabled(saved)
        self.tabs.setTabEnabled(PARTICIPANTS_TAB, saved)
        self.tabs.setTabToolTip(PARTICIPANTS_TAB, "" if saved else _("Save first"))
        self.summary.setText(places_summary(self._record))
        self._update_hints()
        if self.tabs.currentIndex() == PARTICIPANTS_TAB:
            self.reload_participants()

    # -- public, also for tests -------------------------------------------------------------

    def field_widget(self, name: str) -> QWidget:
        return self._bindings[name].widget

    def set_field(self, name: str, value: Any) -> None:
        self._bindings[name].set_value(value)

    def focus_field(self, name: str) -> None:
        if name not in self._bindings:
            return
        self.tabs.setCurrentIndex(COURSE_TAB)
        self._bindings[name].widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the form; on a problem one message names every field, the dialog stays."""
        data, errors = self._collect()
        course_id = self.course_id
        changes = self._ops.run(
            lambda uow: (
                create_course(uow, data)
                if course_id is None
                else update_course(uow, course_id, data)
            ),
            parent=self,
            on_invalid=self._show_errors,
            initiator=self,
            unreadable=errors,
        )
        if changes is None:
            return False
        if course_id is None:
            self.course_id = changes.created
        self._load(self._read_record())
        self._buttons.show_saved()
        return True

    def _show_errors(self, errors: list[FieldError]) -> None:
        show_errors(self, _("The course was not saved:"), errors, {})
        if errors:
            self.focus_field(errors[0].field)

    def delete(self) -> bool:
        if self.course_id is None:
            return False
        if delete_course_asking(self, self._lotse, self._ops, self.course_id):
            self.deleted = True
            self.course_id = None
            super().accept()
            return True
        return False

    def reject(self) -> None:
        """Esc, "Schließen" and the window's close button: never lose changes silently."""
        if self.deleted or not self.is_modified() or closing_keeps_nothing_unsaved(self, self.save):
            super().reject()

    # -- Teilnehmende -----------------------------------------------------------------------

    def _on_tab_changed(self, index: int) -> None:
        if index == PARTICIPANTS_TAB:
            self.reload_participants()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or self.course_id is None:
            return
        if changes.many or changes.enrollments or changes.participants or changes.courses:
            record = self._read_record()
            if record is not None:
                self._record = record
                self.summary.setText(places_summary(record))
                self._update_hints()
            if self._participants_loaded:
                self.reload_participants()

    def reload_participants(self) -> None:
        from app.services.enrollments import enrollments_of_course

        if self.course_id is None:
            return
        current = self.selected_enrollment()
        rows = enrollments_of_course(self._lotse.reads, self.course_id)
        self.enrollment_model.set_rows(rows)
        self._participants_loaded = True
        if rows:
            position = self.enrollment_model.row_of(current.id) if current is not None else 0
            self.enrollment_view.selectRow(max(position, 0))
        self._update_enrollment_buttons()
        assign_mnemonics(self)

    def selected_enrollment(self) -> Any | None:
        return self.enrollment_model.current_row(self.enrollment_view)

    def _update_enrollment_buttons(self) -> None:
        chosen = self.selected_enrollment() is not None
        self.edit_enrollment_button.setEnabled(chosen)
        self.to_person_button.setEnabled(chosen)

    def enrollment_dialog(self, enrollment: Any | None) -> QDialog:
        """The enrolment dialog: a new enrolment in this course (the person is chosen in
        it), or the chosen one to edit; not yet shown."""
        from ui.participant.enrollment_dialog import EnrollmentDialog

        if enrollment is None:
            return EnrollmentDialog(self._lotse, self._ops, None, course_id=self.course_id,
                                    parent=self)  # fmt: skip
        return EnrollmentDialog(
            self._lotse, self._ops, enrollment.participant_id, enrollment_id=enrollment.id,
            course_id=self.course_id, parent=self,
        )  # fmt: skip

    def enrol(self) -> bool:
        if self.course_id is None:
            return False
        stored = run_dialog(self.enrollment_dialog(None))
        self.reload_participants()
        self.enrollment_view.setFocus()
        return stored

    def edit_enrollment(self) -> bool:
        enrollment = self.selected_enrollment()
        if enrollment is None:
            return False
        stored = run_dialog(self.enrollment_dialog(enrollment))
        self.reload_participants()
        self.enrollment_view.setFocus()
        return stored

    def go_to_person(self) -> None:
        enrollment = self.selected_enrollment()
        if enrollment is not None:
            self.open_participant.emit(enrollment.participant_id)

"""The record's tab "Kurse & Maßnahmen": the person's enrolments (Kursteilnahmen) with
Anmelden…, Bearbeiten…, Löschen… and "Deutschniveau übernehmen…", and below them the
measures (``MeasuresSection``, ui.participant.measures_section). The rules are the services'
(app.services.enrollments)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _
from app.services import enrollments
from app.services.enrollments import EnrollmentRow
from ui.operations import Operations
from ui.participant.enrollment_dialog import EnrollmentDialog, LevelUpdateDialog, period_text
from ui.participant.measures_section import MeasuresSection
from ui.row_models import RowTableModel
from ui.widgets.formatting import date_text
from ui.widgets.messages import confirm
from ui.widgets.panels import ParticipantPanel, run_dialog
from ui.widgets.read_only_table import read_only_table


class EnrollmentModel(RowTableModel):
    """EnrollmentRow tuples: open ones first; ended ones grey."""

    COURSE, PROVIDER, PERIOD, STATUS, EXAM, LEVEL = range(6)
    HEADERS = (
        N_("Course"),
        N_("Course provider"),
        N_("Course dates"),
        N_("Status"),
        N_("Exam"),
        N_("Level"),  # erreichtes Niveau
    )

    def _text(self, row: EnrollmentRow, column: int) -> str:
        if column == self.COURSE:
            return row.course_title or row.course_kind.label
        if column == self.PROVIDER:
            return row.provider_name
        if column == self.PERIOD:
            return period_text(row.course_start, row.course_end)
        if column == self.STATUS:
            day = row.left_on if row.left_on else row.registered_on
            return f"{row.status.label} ({date_text(day)})" if day else row.status.label
        if column == self.EXAM:
            parts = [row.exam, row.exam_result.label if row.exam_result else ""]
            return ": ".join(part for part in parts if part)
        return row.level_reached.label if row.level_reached else ""

    def _tooltip(self, row: EnrollmentRow) -> str:
        course = row.course_title or row.course_kind.label
        lines = [" · ".join(part for part in (course, row.course_kind.label) if part)]
        if row.provider_name:
            lines.append(row.provider_name)
        if row.dropout_reason:
            lines.append(_("Reason: {reason}").format(reason=row.dropout_reason))
        if row.exam_on:
            lines.append(_("Exam on {date}").format(date=date_text(row.exam_on)))
        if row.notes:
            lines.append(row.notes)
        return "\n".join(lines)

    def _muted(self, row: EnrollmentRow) -> bool:
        return not enrollments.is_open(row.status)


class CoursesPanel(ParticipantPanel):
    """The tab "Kurse & Maßnahmen"."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.enroll_button = self._button(
            _("Enrol…"), self.enroll, _("Enrol the person in a course")
        )
        self.edit_button = self._button(
            _("Edit…"), self.edit_selected, _("Status, dates, exam and level of the enrolment")
        )
        self.delete_button = self._button(_("Delete…"), self.delete_selected, destructive=True)
        self.level_button = self._button(
            _("Adopt German level…"),
            self.adopt_level,
            _("Take the level reached in the course over as the person's German level"),
        )

        self.model = EnrollmentModel(self)
        self.view = read_only_table(
            self.model, self, stretch_column=EnrollmentModel.COURSE, scroll_sideways=False
        )
        self.view.horizontalHeader().setSectionResizeMode(
            EnrollmentModel.PROVIDER, QHeaderView.ResizeMode.Stretch
        )
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self._add_list(
            self.view,
            _("Courses"),
            (self.enroll_button, self.edit_button, self.delete_button, self.level_button),
            heading=True,
            stretch=2,
            activated=self.edit_selected,
            delete=self.delete_selected,
        )
        self.summary = self._add_summary()

        self.panel_layout.addSpacing(8)
        self.measures = MeasuresSection(lotse, ops, participant_id, self)
        self.panel_layout.addWidget(self.measures, 3)

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.selected()
        rows = enrollments.enrollments_of_participant(self._lotse.reads, self.participant_id)
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(max(self.model.row_of(current.id) if current else 0, 0))
        open_count = sum(1 for row in rows if enrollments.is_open(row.status))
        if rows:
            self.summary.setText(
                _("Open enrolments: {open} · ended: {ended}").format(
                    open=open_count, ended=len(rows) - open_count
                )
            )
        else:
            self.summary.setText(_("No enrolment yet: “Enrol…” adds one."))
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or changes.courses or changes.organizations:
            self.reload()  # a course's title or dates, a provider's name
        elif self._concerns(changes, changes.enrollments):
            self.reload()  # the person's enrolments, the person's level or name

    def selected(self) -> EnrollmentRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        offer = (
            enrollments.level_update_offer(self._lotse.reads, row.id) if row is not None else None
        )
        self.level_button.setEnabled(offer is not None)
        self.level_button.setToolTip(
            _("Take the level reached in the course over as the person's German level")
            if offer is not None
            else _("Only for a completed course whose level is higher than the person's.")
        )

    # -- actions --------------------------------------------------------------------------

    def _run(self, dialog: EnrollmentDialog) -> int | None:
        return self._run_new(dialog, self.view, self.model.row_of)

    def enroll(self) -> int | None:
        return self._run(EnrollmentDialog(self._lotse, self._ops, self.participant_id, parent=self))

    def edit_selected(self) -> int | None:
        row = self.selected()
        if row is None:
            return None
        return self._run(
            EnrollmentDialog(self._lotse, self._ops, self.participant_id, row.id, parent=self)
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        question = _("Delete the enrolment in “{course}”? This cannot be undone.").format(
            course=row.course_title or row.course_kind.label
        )
        if not confirm(self, _("Delete enrolment"), question):
            return False
        done = (
            self._ops.run(lambda uow: enrollments.delete_enrollment(uow, row.id), parent=self)
            is not None
        )
        self.view.setFocus()
        return done

    def adopt_level(self) -> bool:
        """The question of a completion asked again (e.g. after "Nein" or a later exam)."""
        row = self.selected()
        offer = enrollments.level_update_offer(self._lotse.reads, row.id) if row else None
        if offer is None:
            return False
        done = run_dialog(LevelUpdateDialog(self._lotse, self._ops, offer, self))
        self.view.setFocus()
        return done


def enrollment_rows(panel: CoursesPanel) -> Sequence[EnrollmentRow]:
    """What the panel lists (tests)."""
    return [panel.model.row_at(index) for index in range(panel.model.rowCount())]

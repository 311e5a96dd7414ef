"""One version of a Förderbedarfsermittlung as a form: date, who took part, and per area a row
with its caption, the level and a note. New (the next version, prefilled from the newest one)
or the newest version edited; the rules are app.services.needs_assessments'."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.models.training import NEED_AREAS
from app.services import needs_assessments as needs
from app.services.needs_assessments import AssessmentInput, AssessmentRow
from app.vocab import NeedLevel
from ui.mnemonics import escape
from ui.operations import Operations
from ui.participant.form_fields import compact_combo
from ui.widgets.colours import make_hint
from ui.widgets.date_field import DateField, read_date
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.panels import ParticipantDialog, fit_date_width

NOTE_LINES = 2


def bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class NeedsAssessmentDialog(ParticipantDialog):
    """Neue Förderbedarfsermittlung (``editing`` None: the next version, ``prefill`` its
    starting values, the date today) or the newest version edited. ``saved_id``: the id of
    the version stored."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
        *,
        editing: AssessmentRow | None = None,
        prefill: AssessmentRow | None = None,
        next_version: int = 1,
        today: date | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.editing = editing
        self.saved_id: int | None = None
        if editing is None:
            self.setWindowTitle(
                _("New needs assessment – version {version}").format(version=next_version)
            )
        else:
            self.setWindowTitle(_("Edit needs assessment – {title}").format(title=editing.title))
        self._make_buttons(QDialogButtonBox.StandardButton.Save)
        self.setMinimumWidth(760)

        self.assessed_on = DateField(self)
        self.assessed_on.setAccessibleName(needs.label("assessed_on"))
        fit_date_width(self.assessed_on)
        self.taken_part = QLineEdit(self)
        self.taken_part.setAccessibleName(needs.label("taken_part"))
        self.taken_part.setPlaceholderText(_("e.g. student, class teacher, trainer"))
        form = self._growing_form()
        self._add_row(form, needs.label("assessed_on"), self.assessed_on)
        self._add_row(form, needs.label("taken_part"), self.taken_part)

        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        for column, text in enumerate((_("Area"), _("Need"), _("Note"))):
            grid.addWidget(bold(QLabel(escape(text), self)), 0, column)
        self.levels: dict[str, EnumCombo] = {}
        self.notes: dict[str, QPlainTextEdit] = {}
        line = self.fontMetrics().lineSpacing()
        for row, area in enumerate(NEED_AREAS, start=1):
            combo = EnumCombo(NeedLevel, optional=True, parent=self)
            compact_combo(combo, min_chars=11)
            combo.setAccessibleName(needs.area_caption(area))
            combo.setAccessibleDescription(needs.label(needs.level_field(area)))
            caption = QLabel(escape(needs.area_caption(area)) + ":", self)
            caption.setBuddy(combo)
            note = QPlainTextEdit(self)
            note.setTabChangesFocus(True)
            note.setAccessibleName(needs.label(needs.note_field(area)))
            note.setFixedHeight(line * NOTE_LINES + 14)
            grid.addWidget(caption, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(note, row, 2)
            self.levels[area] = combo
            self.notes[area] = note

        layout = QVBoxLayout(self)
        if editing is None and prefill is not None:
            hint = make_hint(
                QLabel(
                    _("Filled in from {title}; change what is different now.").format(
                        title=prefill.title
                    ),
                    self,
                )
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)

        self.field_widgets: dict[str, QWidget] = {
            "assessed_on": self.assessed_on,
            "taken_part": self.taken_part,
            "levels": self.levels[NEED_AREAS[0]],
        }
        for area in NEED_AREAS:
            self.field_widgets[needs.level_field(area)] = self.levels[area]
            self.field_widgets[needs.note_field(area)] = self.notes[area]

        source = editing or prefill
        if source is not None:
            self.taken_part.setText(source.taken_part)
            for area in NEED_AREAS:
                self.levels[area].set_value(source.levels.get(area))
                self.notes[area].setPlainText(source.notes.get(area, ""))
        self.assessed_on.set_date(
            editing.assessed_on if editing is not None else today or date.today()
        )
        self.assessed_on.setFocus()

    def assessment_input(self, errors: list[FieldError]) -> AssessmentInput:
        day = read_date(self.assessed_on, "assessed_on", needs.label("assessed_on"), errors)
        levels = {area: combo.value() for area, combo in self.levels.items()}
        notes = {area: edit.toPlainText().strip() for area, edit in self.notes.items()}
        return AssessmentInput(day, self.taken_part.text().strip(), levels, notes)  # type: ignore[arg-type]

    def accept(self) -> None:
        errors: list[FieldError] = []
        data = self.assessment_input(errors)
        if self.editing is None:
            pid = self.participant_id
            changes = self._store(
                lambda uow: needs.add_assessment(uow, pid, data),
                _("The needs assessment was not saved:"),
                self.field_widgets,
                errors,
            )
            if changes is not None:
                self.saved_id = changes.created
        else:
            assessment_id = self.editing.id
            changes = self._store(
                lambda uow: needs.update_assessment(uow, assessment_id, data),
                _("The needs assessment was not saved:"),
                self.field_widgets,
                errors,
            )
            if changes is not None:
                self.saved_id = assessment_id

"""Austritt erfassen: exit date, reason, outcome (Verbleib) of the programme, qualification."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError, ValidationError
from app.i18n import _
from app.services.participant_fields import label
from app.services.participants import ExitData, exit_participant, get_participant
from app.vocab import ExitOutcome, ExitReason, exit_outcomes_for
from ui.changes import DataChanges
from ui.participant.form_fields import (
    Binding,
    BoolBinding,
    DateBinding,
    EnumBinding,
    UnreadableValue,
)
from ui.participant.panel_base import ParticipantDialog

EXIT_FIELDS = (
    "exit_date",
    "exit_reason",
    "exit_outcome",
    "exit_outcome_on",
    "qualification_gained",
)


class ExitDialog(ParticipantDialog):
    """Records the exit through ``exit_participant``; the service adds the outcome follow-ups."""

    def __init__(
        self,
        lotse: Lotse,
        changes: DataChanges,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, changes, participant_id, parent)
        with lotse.unit_of_work() as uow:
            person = get_participant(uow, participant_id)
            name = person.full_name
            program = person.program
            current: dict[str, Any] = {field: getattr(person, field) for field in EXIT_FIELDS}
        self.setWindowTitle(_("Record exit – {name}").format(name=name))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "After the exit Lotse adds follow-ups to record the outcome 4 weeks and "
                "6 months later."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        used = self._make_buttons(QDialogButtonBox.StandardButton.Ok, _("&Record exit"))

        form = self._growing_form()
        self.bindings: dict[str, Binding] = {
            "exit_date": DateBinding(self),
            "exit_reason": EnumBinding(self, ExitReason),
            "exit_outcome": EnumBinding(self, ExitOutcome, members=exit_outcomes_for(program)),
            "exit_outcome_on": DateBinding(self),
            "qualification_gained": BoolBinding(self),
        }
        for field, binding in self.bindings.items():
            binding.widget.setObjectName(field)
            binding.widget.setAccessibleName(label(field))
            self._add_row(form, label(field), binding.widget, used)
        outcome_hint = _("The last event within 4 weeks after the exit counts (ESF+).")
        self.bindings["exit_outcome"].widget.setToolTip(outcome_hint)
        self.bindings["exit_outcome_on"].widget.setAccessibleDescription(outcome_hint)
        hint = QLabel(outcome_hint, self)
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        if current["exit_date"] is None:
            current["exit_date"] = date.today()
        for field, value in current.items():
            self.bindings[field].set_value(value)

    def field_widget(self, name: str) -> QWidget:
        return self.bindings[name].widget

    def set_field(self, name: str, value: Any) -> None:
        self.bindings[name].set_value(value)

    def accept(self) -> None:
        unreadable = []
        values: dict[str, Any] = {}
        for field, binding in self.bindings.items():
            try:
                values[field] = binding.value()
            except UnreadableValue as error:
                unreadable.append(FieldError(field, label(field), str(error)))
        if unreadable:
            self._show_errors(unreadable)
            return
        data = ExitData(
            exit_date=values["exit_date"],
            reason=values["exit_reason"],
            outcome=values["exit_outcome"],
            outcome_on=values["exit_outcome_on"],
            qualification_gained=values["qualification_gained"],
        )
        try:
            with self._lotse.unit_of_work() as uow:
                exit_participant(uow, self.participant_id, data)
        except ValidationError as error:
            self._show_errors(error.errors)
            return
        self._changes.participant(self.participant_id)
        self._changes.follow_ups(self.participant_id)
        super().accept()

    def _show_errors(self, errors: list[FieldError]) -> None:
        lines = "\n".join(f"{error.label}: {error.message}" for error in errors)
        QMessageBox.warning(
            self, _("Please check your entries"), _("The exit was not saved:") + "\n\n" + lines
        )
        first = next((e.field for e in errors if e.field in self.bindings), None)
        if first is not None:
            self.bindings[first].widget.setFocus()

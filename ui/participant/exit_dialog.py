"""Austritt erfassen: exit date, reason, outcome (Verbleib) of the programme, qualification."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.models.participant_fields import label
from app.services.participants import ExitData, exit_participant, get_participant
from app.vocab import ExitOutcome, ExitReason, exit_outcomes_for
from ui.operations import Operations
from ui.participant.form_fields import (
    Binding,
    BoolBinding,
    DateBinding,
    EnumBinding,
    UnreadableValue,
)
from ui.widgets.panels import ParticipantDialog

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
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        with lotse.reading() as uow:
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

        self._make_buttons(QDialogButtonBox.StandardButton.Ok, _("&Record exit"))

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
            self._add_row(form, label(field), binding.widget)
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
        data = ExitData(
            exit_date=values.get("exit_date"),
            reason=values.get("exit_reason"),
            outcome=values.get("exit_outcome"),
            outcome_on=values.get("exit_outcome_on"),
            qualification_gained=values.get("qualification_gained"),
        )
        participant_id = self.participant_id
        self._store(
            lambda uow: exit_participant(uow, participant_id, data),
            _("The exit was not saved:"),
            {field: binding.widget for field, binding in self.bindings.items()},
            unreadable,
        )

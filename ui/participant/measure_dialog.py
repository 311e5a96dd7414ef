"""A Maßnahme / Hilfe of one person: Art, Anbieter (chosen by typing), Status, the dates of
application, approval, start and end, the Förderplanziel it serves, Bemerkungen.

The rules are the service's (app.services.measures): the status box offers only the statuses
the measure may get (a finished one keeps its own), a date the status needs or a date in the
wrong order is refused with a message naming the field. Entering "beantragt am" on a planned
measure chooses "beantragt", entering "bewilligt am" chooses "bewilligt" — visibly, before
saving, and only as a suggestion the user may change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.services import measures
from app.services.measures import MeasureInput, MeasureRow
from app.vocab import MeasureKind, MeasureStatus
from ui.operations import Operations
from ui.participant.form_fields import (
    Binding,
    DateBinding,
    EnumBinding,
    LongTextBinding,
    OrganizationBinding,
    Slot,
    UnreadableValue,
    compact_combo,
)
from ui.widgets.colours import make_hint
from ui.widgets.enum_combo import EMPTY_TEXT
from ui.widgets.formatting import EMPTY
from ui.widgets.panels import ParticipantDialog

M = MeasureStatus
# a date entered on a measure at an earlier status suggests the status it records
SUGGESTED = {
    "applied_on": (M.APPLIED, frozenset({M.PLANNED})),
    "approved_on": (M.APPROVED, frozenset({M.PLANNED, M.APPLIED})),
}


class GoalBinding(Binding):
    """The Förderplanziel: "—" or one of the person's goals (ui: a combo of their texts)."""

    def __init__(self, parent: QWidget, choices: list[measures.GoalChoice]) -> None:
        combo = QComboBox(parent)
        combo.addItem(EMPTY_TEXT, None)
        for choice in choices:
            combo.addItem(choice.text, choice.id)
        compact_combo(combo, min_chars=24)
        super().__init__(combo)
        self.combo = combo

    def value(self) -> int | None:
        return self.combo.currentData()

    def set_value(self, value: int | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def connect(self, slot: Slot) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: slot())


class MeasureDialog(ParticipantDialog):
    """New (``measure_id`` None) or edit a measure; ``saved_id``: the measure once stored."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        measure_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.measure_id = measure_id
        self.saved_id: int | None = None
        row = measures.measure_row(lotse.reads, measure_id) if measure_id is not None else None
        self.row: MeasureRow | None = row
        if row is None:
            self.setWindowTitle(_("New measure"))
        else:
            self.setWindowTitle(_("Measure – {kind}").format(kind=row.kind.label or EMPTY))
        self.setMinimumWidth(560)
        self._make_buttons(QDialogButtonBox.StandardButton.Save)

        current = row.status if row is not None else None
        goals = measures.goal_choices(
            lotse.reads, participant_id, keep=row.goal_id if row is not None else None
        )
        self.bindings: dict[str, Binding] = {
            "kind": EnumBinding(self, MeasureKind),
            "provider_id": OrganizationBinding(self, lotse, "provider_id", ()),
            "status": EnumBinding(
                self, MeasureStatus, optional=False, members=measures.next_statuses(current)
            ),
            "applied_on": DateBinding(self),
            "approved_on": DateBinding(self),
            "start": DateBinding(self),
            "end": DateBinding(self),
            "goal_id": GoalBinding(self, goals),
            "notes": LongTextBinding(self),
        }
        form = self._growing_form()
        for name, binding in self.bindings.items():
            binding.widget.setObjectName(name)
            binding.widget.setAccessibleName(measures.label(name))
            self._add_row(form, measures.label(name), binding.widget)
            if name == "status":
                self.status_hint = self._hint(form, self._status_hint_text(current))
            if name == "goal_id" and not goals:
                self._hint(form, _("The person has no open support plan with goals yet."))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if row is not None:
            values = row.as_input()
            for name, binding in self.bindings.items():
                binding.set_value(getattr(values, name))
        for name in SUGGESTED:
            field = self.bindings[name].widget
            field.editingFinished.connect(lambda n=name: self._suggest_status(n))  # type: ignore[attr-defined]
        self.bindings["kind"].widget.setFocus()

    def _hint(self, form: Any, text: str) -> QLabel:
        hint = make_hint(QLabel(text, self))
        hint.setWordWrap(True)
        form.addRow("", hint)
        return hint

    @staticmethod
    def _status_hint_text(current: MeasureStatus | None) -> str:
        if current is not None and not measures.is_open(current):
            return _("A finished measure keeps its status.")
        return _("Rejected, completed and cancelled are final.")

    # -- input ------------------------------------------------------------------------------

    def field_widget(self, name: str) -> QWidget:
        return self.bindings[name].widget

    def _suggest_status(self, name: str) -> None:
        """A date of the application or approval entered: choose the status it records."""
        target, earlier = SUGGESTED[name]
        status = self.bindings["status"]
        if self.bindings[name].lenient_value() is None or status.value() not in earlier:
            return
        if status.widget.findData(target.value) >= 0:  # type: ignore[attr-defined]
            status.set_value(target)

    def measure_input(self, errors: list[FieldError]) -> MeasureInput:
        values: dict[str, Any] = {}
        for name, binding in self.bindings.items():
            try:
                values[name] = binding.value()
            except UnreadableValue as error:
                errors.append(FieldError(name, measures.label(name), str(error)))
                values[name] = None
        return MeasureInput(**values)

    def accept(self) -> None:
        errors: list[FieldError] = []
        data = self.measure_input(errors)
        pid, measure_id = self.participant_id, self.measure_id
        widgets = {name: binding.widget for name, binding in self.bindings.items()}
        if measure_id is None:
            changes = self._store(
                lambda uow: measures.add_measure(uow, pid, data),
                _("The measure was not saved:"),
                widgets,
                errors,
            )
            if changes is not None:
                self.saved_id = changes.created
        else:
            changes = self._store(
                lambda uow: measures.update_measure(uow, measure_id, data),
                _("The measure was not saved:"),
                widgets,
                errors,
            )
            if changes is not None:
                self.saved_id = measure_id

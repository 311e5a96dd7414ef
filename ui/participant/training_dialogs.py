"""The dialogs of the tab "Ausbildungsverlauf": one absence, one exam, one guardian — new
(``saved_id`` once stored) or edited. The rules are the services' (app.services.absences,
exams, guardians); a refusal names the fields and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.services import absences, exams, guardians
from app.services.absences import AbsenceInput, AbsenceRow
from app.services.exams import ExamInput, ExamRow
from app.services.guardians import GuardianInput, GuardianRow
from app.vocab import ExamKind, ExamResult, GuardianRelation
from ui.operations import Operations
from ui.participant.form_fields import (
    Binding,
    DateBinding,
    EnumBinding,
    IntBinding,
    LongTextBinding,
    TextBinding,
    UnreadableValue,
)
from ui.widgets.colours import make_hint
from ui.widgets.panels import SavingDialog

if TYPE_CHECKING:
    from app.db.changes import Changes
    from app.db.unit_of_work import UnitOfWork

    Operation = Callable[[UnitOfWork], Changes]


class ListEntryDialog(SavingDialog):
    """A form of bindings for one entry of a list; ``_operation`` stores what was read."""

    failed = ""  # the first line of a refusal (translated)
    bindings: dict[str, Binding]

    def _build(
        self, bindings: dict[str, Binding], label: Callable[[str], str], hint: str = ""
    ) -> None:
        """The form: a captioned row per binding (in Tab order), a hint, Save and Cancel."""
        self.setMinimumWidth(480)
        self._make_buttons(QDialogButtonBox.StandardButton.Save)
        self.bindings = bindings
        self._label = label
        form = self._growing_form()
        for name, binding in bindings.items():
            binding.widget.setObjectName(name)
            binding.widget.setAccessibleName(label(name))
            self._add_row(form, label(name), binding.widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if hint:
            shown = make_hint(QLabel(hint, self))
            shown.setWordWrap(True)
            layout.addWidget(shown)
        layout.addWidget(self.buttons)

    def field_widget(self, name: str) -> QWidget:
        return self.bindings[name].widget

    def _set_values(self, values: object) -> None:
        for name, binding in self.bindings.items():
            binding.set_value(getattr(values, name))

    def _values(self, errors: list[FieldError]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, binding in self.bindings.items():
            try:
                values[name] = binding.value()
            except UnreadableValue as error:
                errors.append(FieldError(name, self._label(name), str(error)))
                values[name] = None
        return values

    def _operation(self, values: dict[str, Any]) -> Operation:
        raise NotImplementedError

    def accept(self) -> None:
        errors: list[FieldError] = []
        operation = self._operation(self._values(errors))
        fields = {name: binding.widget for name, binding in self.bindings.items()}
        changes = self._store(operation, self.failed, fields, errors)
        if changes is not None:
            self.saved_id = changes.created


class AbsenceDialog(ListEntryDialog):
    """Fehlzeit: the day, the hours (a week may be entered at once), of them unexcused."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        absence: AbsenceRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        bindings: dict[str, Binding] = {
            "absent_on": DateBinding(self),
            "hours": IntBinding(self, digits=4),
            "unexcused_hours": IntBinding(self, digits=4),
            "note": TextBinding(self),
        }
        hint = _(
            "A day or a week at once (up to {hours} hours); the totals on the Training tab follow."
        ).format(hours=absences.MAX_HOURS)
        self._build(bindings, absences.label, hint)
        self.absence = absence
        self.failed = _("The absence was not saved:")
        if absence is None:
            self.setWindowTitle(_("Record absence"))
            self._set_values(AbsenceInput(date.today(), None, 0))
        else:
            self.setWindowTitle(_("Edit absence"))
            self._set_values(absence.as_input())
        first = "hours" if absence is None else "absent_on"
        bindings[first].widget.setFocus()

    def _operation(self, values: dict[str, Any]) -> Operation:
        data = AbsenceInput(**values)
        if self.absence is None:
            pid = self.participant_id
            return lambda uow: absences.add_absence(uow, pid, data)
        absence_id = self.absence.id
        return lambda uow: absences.update_absence(uow, absence_id, data)


class ExamDialog(ListEntryDialog):
    """Prüfung: kind, designation, date, result, grade, notes."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        exam: ExamRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        bindings: dict[str, Binding] = {
            "kind": EnumBinding(self, ExamKind),
            "title": TextBinding(self),
            "taken_on": DateBinding(self),
            "result": EnumBinding(self, ExamResult),
            "grade": TextBinding(self),
            "notes": LongTextBinding(self),
        }
        self._build(bindings, exams.label)
        self.exam = exam
        self.failed = _("The exam was not saved:")
        if exam is None:
            self.setWindowTitle(_("Record exam"))
            self._set_values(ExamInput(None, result=ExamResult.PENDING))
        else:
            self.setWindowTitle(_("Edit exam"))
            self._set_values(exam.as_input())
        bindings["kind"].widget.setFocus()

    def _operation(self, values: dict[str, Any]) -> Operation:
        data = ExamInput(**values)
        if self.exam is None:
            pid = self.participant_id
            return lambda uow: exams.add_exam(uow, pid, data)
        exam_id = self.exam.id
        return lambda uow: exams.update_exam(uow, exam_id, data)


class GuardianDialog(ListEntryDialog):
    """Erziehungsberechtigte:r: name, relation, phone, e-mail, address."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        guardian: GuardianRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        bindings: dict[str, Binding] = {
            "name": TextBinding(self),
            "relation": EnumBinding(self, GuardianRelation),
            "phone": TextBinding(self),
            "email": TextBinding(self),
            "address": LongTextBinding(self),
        }
        self._build(bindings, guardians.label)
        self.guardian = guardian
        self.failed = _("The guardian was not saved:")
        if guardian is None:
            self.setWindowTitle(_("Record guardian"))
        else:
            self.setWindowTitle(_("Edit guardian"))
            self._set_values(guardian.as_input())
        bindings["name"].widget.setFocus()

    def _operation(self, values: dict[str, Any]) -> Operation:
        data = GuardianInput(**values)
        if self.guardian is None:
            pid = self.participant_id
            return lambda uow: guardians.add_guardian(uow, pid, data)
        guardian_id = self.guardian.id
        return lambda uow: guardians.update_guardian(uow, guardian_id, data)

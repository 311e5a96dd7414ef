"""What the panels and dialogs of one participant's record share: lotse, the operations and
the participant id, the panels' zero-margin layout with its button row, the dialogs' buttons
and captioned form rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from ui.mnemonics import escape
from ui.widgets.date_field import DateField

if TYPE_CHECKING:
    from app.db.changes import Changes
    from app.db.unit_of_work import UnitOfWork
    from app.errors import FieldError
    from ui.operations import Operations


def fit_date_width(field: DateField) -> None:
    """As wide as a date needs, not stretched with the form."""
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("0") * 14)


def run_dialog(dialog: QDialog) -> bool:
    """Run ``dialog`` modally, schedule its deletion; True when it was accepted."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


class ParticipantDialog(QDialog):
    """A dialog about one participant that stores through ``ops`` (ui.operations)."""

    buttons: QDialogButtonBox

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.participant_id = participant_id

    def _make_buttons(
        self, accept: QDialogButtonBox.StandardButton, accept_text: str | None = None
    ) -> None:
        """``self.buttons``: ``accept`` (optionally renamed) and Cancel."""
        self.buttons = QDialogButtonBox(accept | QDialogButtonBox.StandardButton.Cancel, self)
        if accept_text is not None:
            self.buttons.button(accept).setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _store(
        self,
        operation: Callable[[UnitOfWork], Changes],
        failed: str,
        fields: Mapping[str, QWidget],
        unreadable: Sequence[FieldError],
    ) -> Changes | None:
        """Run the dialog's operation (a refusal: one message starting with ``failed``, the
        named ``fields`` marked) and close the dialog, accepted, once it was stored."""
        changes = self._ops.run(
            operation, parent=self, failed=failed, fields=fields, unreadable=unreadable
        )
        if changes is not None:
            QDialog.accept(self)
        return changes

    @staticmethod
    def _growing_form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _add_row(self, form: QFormLayout, text: str, widget: QWidget) -> None:
        """A row "caption: widget" (its Alt letter: ui.mnemonics)."""
        caption = QLabel(escape(text) + ":", self)
        caption.setBuddy(widget)
        form.addRow(caption, widget)


class SavingDialog(ParticipantDialog):
    """A dialog that adds one thing; ``saved_id`` is its id once stored."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.saved_id: int | None = None


class ParticipantPanel(QWidget):
    """A tab of the record: ``panel_layout`` without margins, usually a button row on top."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.participant_id = participant_id
        self.panel_layout = QVBoxLayout(self)
        self.panel_layout.setContentsMargins(0, 0, 0, 0)

    def _add_button_row(self, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        for button in buttons:
            button.setAutoDefault(False)  # Enter in the record is no click; the focus mark
            row.addWidget(button)  # stays on the focused button only
        row.addStretch(1)
        self.panel_layout.addLayout(row)

    def _concerns(self, changes: Changes, kind: frozenset[int]) -> bool:
        """Whether ``changes`` touched rows of ``kind`` (e.g. ``changes.notes``) of this person,
        or this person's record itself."""
        if not changes.concerns(self.participant_id):
            return False
        return changes.many or bool(kind) or self.participant_id in changes.participants

    def _run_new(
        self, dialog: SavingDialog, view: QTableView, row_of: Callable[[int], int]
    ) -> int | None:
        """Run a dialog that adds a row; select the row it saved, then focus the table."""
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            view.selectRow(max(row_of(saved), 0))
        view.setFocus()
        return saved

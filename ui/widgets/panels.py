"""What the panels and dialogs of one participant's record share: lotse, the operations and
the participant id, the panels' zero-margin layout with its lists (heading, button row, table,
summary line), the dialogs' buttons and captioned form rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from ui.mnemonics import escape, mark_destructive
from ui.widgets.colours import make_hint
from ui.widgets.date_field import DateField

if TYPE_CHECKING:
    from app.db.changes import Changes
    from app.db.unit_of_work import UnitOfWork
    from app.errors import FieldError
    from ui.operations import Operations


def fit_date_width(field: DateField) -> None:
    """As wide as a date needs, not stretched with the form."""
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("0") * 14)


def bold_caption(text: str, parent: QWidget, buddy: QWidget) -> QLabel:
    """A bold caption over a table or list; Alt+its letter goes to ``buddy``."""
    caption = QLabel(escape(text), parent)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    caption.setBuddy(buddy)
    return caption


def delete_key(view: QWidget, delete: Callable[[], object]) -> QShortcut:
    """Entf in ``view`` (only while it has the focus) runs ``delete``, which asks first."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(delete)
    return shortcut


def empty_stack(
    view: QWidget, text: str, parent: QWidget, *, hint: bool = False
) -> tuple[QStackedWidget, QLabel]:
    """``view`` (page 0) and, for an empty list, ``text`` saying so (page 1; ``hint``: in the
    hint colour)."""
    empty = QLabel(text, parent)
    if hint:
        make_hint(empty)
    empty.setWordWrap(True)
    empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    stack = QStackedWidget(parent)
    stack.addWidget(view)
    stack.addWidget(empty)
    return stack, empty


def run_dialog(dialog: QDialog) -> bool:
    """Run ``dialog`` modally, schedule its deletion; True when it was accepted."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


class ParticipantDialog(QDialog):
    """A dialog about one participant that stores through ``ops`` (ui.operations)."""

    buttons: QDialogButtonBox
    saved_id: int | None = None  # a dialog that stores a row: its id, once stored

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


class ListPanel(QWidget):
    """A tab of a record (``panel_layout``, ``margins`` wide) with its lists: each a table or
    list with its button row and maybe a heading (``_add_list``), a summary line under them."""

    def __init__(self, parent: QWidget | None = None, *, margins: int = 0) -> None:
        super().__init__(parent)
        self.panel_layout = QVBoxLayout(self)
        self.panel_layout.setContentsMargins(margins, margins, margins, margins)

    def _button(
        self,
        text: str,
        clicked: Callable[[], object],
        tooltip: str = "",
        *,
        destructive: bool = False,
    ) -> QPushButton:
        """A button of the panel that runs ``clicked`` (``destructive``: marked so)."""
        button = QPushButton(text, self)
        if tooltip:
            button.setToolTip(tooltip)
        button.clicked.connect(lambda _checked=False: clicked())
        if destructive:
            mark_destructive(button)
        return button

    def _add_button_row(self, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        for button in buttons:
            button.setAutoDefault(False)  # Enter in the record is no click; the focus mark
            row.addWidget(button)  # stays on the focused button only
        row.addStretch(1)
        self.panel_layout.addLayout(row)

    def _add_list(
        self,
        view: QAbstractItemView,
        name: str,
        buttons: Sequence[QPushButton] = (),
        *,
        heading: bool = False,
        body: QWidget | QLayout | None = None,
        stretch: int = 1,
        activated: Callable[[], object] | None = None,
        delete: Callable[[], object] | None = None,
    ) -> None:
        """A list of the tab: ``view`` named ``name`` (``heading``: with a bold caption of
        that name on top), the row of ``buttons``, then ``body`` (default: the view) taking
        ``stretch``. A new current row updates the buttons (``_update_buttons``);
        ``activated``: what Enter and a double-click do, ``delete``: what Entf does."""
        view.setAccessibleName(name)
        if activated is not None:
            view.activated.connect(lambda _index: activated())
        view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        if delete is not None:
            delete_key(view, delete)
        if heading:
            self.panel_layout.addWidget(bold_caption(name, self, view))
        if buttons:
            self._add_button_row(*buttons)
        body = view if body is None else body
        if isinstance(body, QLayout):
            self.panel_layout.addLayout(body, stretch)
        else:
            self.panel_layout.addWidget(body, stretch)

    def _add_summary(self) -> QLabel:
        """The line under the lists that counts what they show."""
        summary = QLabel(self)
        summary.setWordWrap(True)
        self.panel_layout.addWidget(summary)
        return summary

    def _update_buttons(self) -> None:
        """Enable the buttons that fit the chosen row (the panels with buttons say how)."""


class ParticipantPanel(ListPanel):
    """A tab of the participant's record: ``panel_layout`` without margins, usually a button
    row on top."""

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

    def _concerns(self, changes: Changes, kind: frozenset[int]) -> bool:
        """Whether ``changes`` touched rows of ``kind`` (e.g. ``changes.notes``) of this person,
        or this person's record itself."""
        if not changes.concerns(self.participant_id):
            return False
        return changes.many or bool(kind) or self.participant_id in changes.participants

    def _run_new(
        self, dialog: ParticipantDialog, view: QTableView, row_of: Callable[[int], int]
    ) -> int | None:
        """Run a dialog that adds (or edits) a row; select the row it saved, then focus the
        table."""
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            view.selectRow(max(row_of(saved), 0))
        view.setFocus()
        return saved

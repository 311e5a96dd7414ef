"""The screens of the encrypted data: unlocking at the start, choosing a passphrase, showing the
recovery key once, and locking a running session (Ctrl+L, idle time).

The widgets take plain callables (unlock, verify, assess) instead of the key file functions, so
they are tested with fakes; ``ui.app`` wires in the real ones. Shared here: the pause after a
wrong secret, the wait cursor around slow key derivation, and message labels that screen
readers announce.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFont
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

RETRY_DELAY_MS = 1000  # after a wrong passphrase or recovery key, input pauses this long


@contextmanager
def wait_cursor() -> Iterator[None]:
    """The wait cursor while a key is derived (Argon2 takes about half a second)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def text_label(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    """A word-wrapped plain-text label (user input and messages never render as HTML)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


def message_label(parent: QWidget) -> QLabel:
    """A label for messages such as "The passphrase is wrong."; hidden while empty."""
    label = text_label("", parent, bold=True)
    label.setObjectName("securityMessage")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def announce(label: QLabel, text: str) -> None:
    """Show ``text`` in a message label and have screen readers read it out (an alert)."""
    label.setText(text)
    label.setAccessibleName(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))
    if text:
        QAccessible.updateAccessibility(QAccessibleEvent(label, QAccessible.Event.Alert))


def fit_height(dialog: QDialog) -> None:
    """Word-wrapped labels make Qt guess a tall dialog; size it for the width it gets."""
    width = max(dialog.minimumWidth(), dialog.sizeHint().width())
    height = dialog.layout().heightForWidth(width)
    dialog.resize(width, height if height > 0 else dialog.sizeHint().height())


def grow_to_fit(dialog: QDialog) -> None:
    """After a text changed: taller when the word-wrapped labels need it (never narrower)."""
    needed = dialog.layout().heightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)

"""The screens of the encrypted data: unlocking at the start, choosing a passphrase, showing the
recovery key once, and locking a running session (Ctrl+L, idle time).

The widgets take plain callables (unlock, verify, assess) instead of the key file functions, so
they are tested with fakes; ``ui.app`` wires in the real ones. Shared here: the pause after a
wrong secret, the wait cursor around slow key derivation, and message labels that screen
readers announce.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QCloseEvent, QFont, QHideEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

RETRY_DELAY_MS = 1000  # after a wrong passphrase or recovery key, input pauses this long


class RetryPause(QObject):
    """The pause after a wrong passphrase or recovery key.

    ``start()`` disables the input (``set_enabled(False)``) for RETRY_DELAY_MS; when the time is
    up it is enabled again and ``ended`` is emitted (to put the focus back). ``stop()`` ends a
    pause early without ``ended``: the input is enabled again unless ``enable_input`` is False.
    """

    ended = Signal()

    def __init__(self, set_enabled: Callable[[bool], None], parent: QObject) -> None:
        super().__init__(parent)
        self._set_enabled = set_enabled
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._end)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._set_enabled(False)
        self._timer.start(RETRY_DELAY_MS)

    def stop(self, *, enable_input: bool = True) -> None:
        if self._timer.isActive():
            self._timer.stop()
            if enable_input:
                self._set_enabled(True)

    def _end(self) -> None:
        self._set_enabled(True)
        self.ended.emit()


class PausingDialog(QDialog):
    """A dialog whose input pauses after a wrong entry (``pause``, made by the subclass); the
    pause ends with the dialog: done(), an accepted close, hiding."""

    pause: RetryPause

    def done(self, result: int) -> None:
        self._stop_pause()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        super().closeEvent(event)
        if event.isAccepted():
            self._stop_pause()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._stop_pause()
        super().hideEvent(event)

    def _stop_pause(self) -> None:  # also scripts/screenshots.py, so as not to wait
        self.pause.stop()


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

"""Run something once a window has been painted for the first time.

The first window must paint before anything heavy starts beside it: a worker importing
modules holds the interpreter lock often enough to delay the paint (measured: a warm-up
started by a zero timer right after ``show()`` put 250 ms onto unlock → Übersicht).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class AfterFirstPaint(QObject):
    """An application event filter: calls ``then()`` once a widget of ``window`` has been
    painted, at the next turn of the event loop (the whole window is painted by then)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._seen = False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._seen = True
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False

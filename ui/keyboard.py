"""What every window gets for the keyboard when it is shown, in one place: its Alt letters
(ui.mnemonics) and the Tab order of its dialog buttons in the order they are shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from ui.mnemonics import assign_mnemonics
from ui.widgets.window_layout import order_button_boxes

_INSTALLED = "lotseKeyboard"


def install(app: QApplication) -> None:
    """Set up every window of ``app`` when it is shown (once per application)."""
    if app.property(_INSTALLED):
        return
    app.setProperty(_INSTALLED, True)
    app.installEventFilter(_ShowWatcher(app))


def prepare(window: QWidget) -> None:
    order_button_boxes(window)
    assign_mnemonics(window)


class _ShowWatcher(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not watched.inherits("QMenu")  # menus: Qt's own letter handling
        ):
            prepare(watched)
        return False

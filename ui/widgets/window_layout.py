"""Where a window's keyboard focus goes and how large it opens: rules every screen can share."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QWidget

SCREEN_MARGIN = QSize(40, 60)  # window frame and taskbar


def fitting(size: QSize, widget: QWidget) -> QSize:
    """``size``, or less on a smaller screen (a 1024×768 laptop)."""
    screen = widget.screen()
    if screen is None:
        return size
    room = screen.availableGeometry().size() - SCREEN_MARGIN
    return size.boundedTo(room).expandedTo(widget.minimumSize())


def row_after_content(window: QWidget, content: QWidget, row: QBoxLayout) -> None:
    """Tab goes through ``content``, then the buttons of ``row`` from left to right.

    Qt orders the chain by creation and puts the widgets of a panel built later at its end,
    behind the row: so the row is put behind the last focusable widget of ``content``, in the
    order of its layout. Call it after the layout is built and after each late-built panel.
    (setTabOrder ignores a widget without focus, so the anchor is always a focusable one.)
    """
    last: QWidget = content
    widget = content.nextInFocusChain()
    while widget is not None and widget is not window:
        if content.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            last = widget
        widget = widget.nextInFocusChain()
    buttons = [
        widget
        for widget in (row.itemAt(index).widget() for index in range(row.count()))
        if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    for first, second in pairwise([last, *buttons]):
        QWidget.setTabOrder(first, second)

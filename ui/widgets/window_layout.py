"""Where a window's keyboard focus goes and how large it opens: rules every screen can share."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QDialogButtonBox, QWidget

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


def order_button_boxes(window: QWidget) -> None:
    """Tab through each dialog button box of ``window`` from left to right, as shown.

    QDialogButtonBox places its buttons by the platform's convention (OK left of Cancel on
    Windows and KDE, right of it on GNOME and macOS) but leaves their Tab order as they were
    added, so Tab could jump back to the left.
    """
    for box in window.findChildren(QDialogButtonBox):
        layout = box.layout()
        if layout is None:
            continue
        shown = [layout.itemAt(i).widget() for i in range(layout.count())]
        buttons = [w for w in shown if isinstance(w, QAbstractButton) and not w.isHidden()]
        if box.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            buttons.reverse()
        for first, second in pairwise(buttons):
            QWidget.setTabOrder(first, second)


def first_tab_stop(container: QWidget) -> QWidget | None:
    """The first control inside ``container`` that Tab reaches (in focus-chain order)."""
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container:
        if (
            container.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(container)
            and widget.isEnabled()
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


def tab_in_order(widgets: list[QWidget]) -> None:
    """Tab through ``widgets`` in this order (a form built in another order than shown)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)

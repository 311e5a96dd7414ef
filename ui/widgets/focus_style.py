"""A focus mark on every control that takes the keyboard (WCAG 2.4.7, focus visible).

Fusion draws the focused push button exactly like the default button (the one Enter
presses), so in a dialog the focus cannot be seen on the default button; and it draws no
focus mark on the frame of lists, tables and the PDF preview, so an empty table with the
focus looks like one without. This proxy style adds a ring in the palette's Highlight
colour (≥ 3:1 against the window, ui.widgets.colours) inside a focused button and on the
frame of a focused list, table or preview.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QProxyStyle, QStyle, QStyleOption, QWidget

RING_WIDTH = 2
BUTTON_INSET = 3  # the ring sits inside the button's own outline


class FocusRingStyle(QProxyStyle):
    def drawControl(  # noqa: N802
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if not option.state & QStyle.StateFlag.State_HasFocus:
            return
        if element == QStyle.ControlElement.CE_PushButton:
            inset = BUTTON_INSET
            _ring(painter, option, option.rect.adjusted(inset, inset, -inset, -inset))
        elif element == QStyle.ControlElement.CE_ShapedFrame and isinstance(
            widget, QAbstractScrollArea
        ):
            _ring(painter, option, option.rect)


def _ring(painter: QPainter, option: QStyleOption, rect: QRect) -> None:
    painter.save()
    pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), RING_WIDTH)
    painter.setPen(pen)
    half = RING_WIDTH // 2
    painter.drawRect(rect.adjusted(half, half, -half, -half))
    painter.restore()

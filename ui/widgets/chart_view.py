"""A chart of the Berichte page: the SVG of app/reports/charts.py, drawn by QtSvg.

The picture keeps its aspect ratio (as wide as the widget allows, its height following) and is
scaled as a vector, so it stays sharp at any size. Screen readers get the chart's title as the
accessible name and its figures in words as the description (``Chart.summary``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

DEFAULT_WIDTH = 640
MINIMUM_WIDTH = 320


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(self)
        self._ratio = 0.4  # height / width until a chart is set
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: the tables hold the figures

    def set_chart(self, svg: bytes, title: str, description: str) -> None:
        """Show ``svg``; ``title`` and ``description`` (the figures in words) for screen
        readers and as the tooltip."""
        self._renderer.load(QByteArray(svg))
        box = self._renderer.viewBoxF()  # exact (defaultSize is rounded to pixels)
        if box.width() > 0 and box.height() > 0:
            self._ratio = box.height() / box.width()
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self._renderer.load(QByteArray())
        self.setAccessibleName("")
        self.setAccessibleDescription("")
        self.setToolTip("")
        self.update()

    def is_empty(self) -> bool:
        return not self._renderer.isValid()

    # -- size -------------------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return round(width * self._ratio)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(DEFAULT_WIDTH, self.heightForWidth(DEFAULT_WIDTH))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(MINIMUM_WIDTH, self.heightForWidth(MINIMUM_WIDTH))

    # -- drawing ----------------------------------------------------------------------------

    def target(self) -> QRectF:
        """Where the chart is drawn: the widest rectangle of its proportions that fits,
        at the top, centred across."""
        width, height = float(self.width()), float(self.height())
        if width * self._ratio > height:
            width = height / self._ratio
        return QRectF((self.width() - width) / 2, 0, width, width * self._ratio)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self._renderer.isValid():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        target = self.target()
        painter.fillRect(target, Qt.GlobalColor.white)  # drawn for paper: black on white
        self._renderer.render(painter, target)
        painter.end()

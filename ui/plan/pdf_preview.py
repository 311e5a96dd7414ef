"""Show PDF bytes (QtPdf) and print them page by page; reusable for any generated document."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import _

# Pages are rendered at the printer's resolution, but at most this many dots per inch:
# an A4 page at 300 dpi is a 35 MB image; at 1200 dpi (Qt's PDF printer) it would be 550 MB.
MAX_PRINT_DPI = 300
POINTS_PER_INCH = 72


class PdfPreview(QWidget):
    """A scrollable view of a PDF held in memory (all pages, fitted to the width)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.view.setAccessibleName(_("Preview"))
        self._buffer: QBuffer | None = None
        self.data = b""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_pdf(self, data: bytes) -> bool:
        """Show ``data``; False when QtPdf cannot read it."""
        self.clear()
        buffer = QBuffer(self)
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.data = data
        self.document.load(buffer)
        return self.document.status() == QPdfDocument.Status.Ready

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.data = b""

    def page_count(self) -> int:
        return self.document.pageCount()


def prepare_printer(printer: QPrinter, document: QPdfDocument, title: str) -> None:
    """Paper size and orientation of the document's first page, and the job's name."""
    printer.setDocName(title)
    if document.pageCount():
        points = document.pagePointSize(0)
        printer.setPageSize(QPageSize(points, QPageSize.Unit.Point))
        landscape = points.width() > points.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
    printer.setFromTo(1, max(document.pageCount(), 1))


def _page_range(printer: QPrinter, count: int) -> range:
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() if printer.toPage() > 0 else count
        return range(printer.fromPage() - 1, min(last, count))
    return range(count)


def print_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Paint every (chosen) page as an image onto ``printer``; False when it cannot start."""
    pages = _page_range(printer, document.pageCount())
    if not pages:
        return False
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printer.setFullPage(True)  # the PDF brings its own margins
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                return False
            points = document.pagePointSize(page)
            size = QSize(
                round(points.width() * dpi / POINTS_PER_INCH),
                round(points.height() * dpi / POINTS_PER_INCH),
            )
            image = document.render(page, size)
            target = painter.viewport()
            fitted = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), fitted), image)
    finally:
        painter.end()
    return True

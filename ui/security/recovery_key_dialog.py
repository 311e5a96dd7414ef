"""The recovery key, shown this one time: print it or save it as a text file, confirm, done.

The printed page (``paint_page``) and the text file hold the key, the data location, the date and
what the key is for; no personal data. Closing before "I have stored the recovery key safely."
asks first, because the key cannot be shown again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QStandardPaths, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date
from ui.mnemonics import escape
from ui.security import announce, fit_height, grow_to_fit, message_label, text_label
from ui.widgets.printing import print_with_dialog

KEY_FONT_SCALE = 1.5  # the key on screen, relative to the dialog's font
PAGE_MARGIN_MM = 20
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | (
    Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def key_font(point_size: float) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(point_size)
    font.setBold(True)
    return font


def explanation_lines() -> list[str]:
    """What the key is for and how to keep it (on screen, on paper and in the file)."""
    return [
        _("This recovery key opens the data of Lotse if the passphrase is forgotten."),
        _("It is shown only this once."),
        _(
            "Keep it on paper in a locked place (a safe or a locked cabinet) – not on this "
            "computer and not next to it."
        ),
        _(
            "Whoever has the recovery key and this computer's data can read all data. Whoever "
            "loses both the passphrase and the recovery key loses all data."
        ),
    ]


class RecoveryKeyDialog(QDialog):
    """Done (the default) is enabled by the checkbox; Esc before that asks first."""

    def __init__(self, recovery_key: str, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.location = location
        self.created = date.today()
        self.setWindowTitle(_("Your recovery key"))
        self.setMinimumWidth(560)
        self._build()
        fit_height(self)
        self.key_field.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.done_button = QPushButton(escape(_("Done")), self)
        self.print_button = QPushButton(escape(_("Print…")), self)
        self.save_button = QPushButton(escape(_("Save as text file…")), self)
        self.confirm_check = QCheckBox(escape(_("I have stored the recovery key safely.")), self)
        key_caption = QLabel(escape(_("Recovery key")) + ":", self)

        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)
        for button in self.buttons.buttons():
            button.setAutoDefault(button is self.done_button)
        self.done_button.setDefault(True)
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.accept)
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_text_file)
        self.confirm_check.toggled.connect(self.done_button.setEnabled)

        layout = QVBoxLayout(self)
        first, once, keep, warning = explanation_lines()
        layout.addWidget(text_label(f"{first} {once}", self, bold=True))
        layout.addSpacing(4)

        self.key_field = QLineEdit(self.recovery_key, self)
        self.key_field.setObjectName("recoveryKey")
        self.key_field.setReadOnly(True)
        self.key_field.setAccessibleName(_("Recovery key"))
        self.key_field.setAccessibleDescription(_("Read only. It is shown only this once."))
        self.key_field.setFont(key_font(self.font().pointSizeF() * KEY_FONT_SCALE))
        self.key_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        metrics = QFontMetricsF(self.key_field.font())
        self.key_field.setMinimumWidth(round(metrics.horizontalAdvance(self.recovery_key)) + 24)
        key_caption.setBuddy(self.key_field)
        layout.addWidget(key_caption)
        layout.addWidget(self.key_field)
        layout.addSpacing(4)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        location_value = text_label(self.location, self)
        location_value.setTextInteractionFlags(SELECTABLE)
        location_value.setAccessibleName(_("Data location"))
        location_value.setAccessibleDescription(self.location)
        location_caption = QLabel(_("Data location") + ":", self)
        location_caption.setBuddy(location_value)
        form.addRow(location_caption, location_value)
        layout.addLayout(form)
        layout.addSpacing(4)

        layout.addWidget(text_label(keep, self))
        layout.addWidget(text_label(warning, self))
        layout.addWidget(
            text_label(
                _(
                    "If you save it as a file, store the file on a USB stick that is kept "
                    "locked away, and delete it from this computer."
                ),
                self,
            )
        )
        self.status = message_label(self)
        layout.addWidget(self.status)
        layout.addSpacing(6)
        layout.addWidget(self.confirm_check)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # -- the page and the file ------------------------------------------------------------

    def page_title(self) -> str:
        return _("Lotse – recovery key")

    def text(self) -> str:
        """The text file: title, key, data location, date and explanation."""
        lines = [
            self.page_title(),
            "",
            self.recovery_key,
            "",
            _("Data location: {path}").format(path=self.location),
            _("Created on: {date}").format(date=format_date(self.created)),
            "",
            *explanation_lines(),
            "",
        ]
        return "\n".join(lines)

    def paint_page(self, printer: QPagedPaintDevice) -> bool:
        """Paint the one page onto a printer or a QPdfWriter; False when painting cannot start."""
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            self._paint(painter, QRectF(0, 0, printer.width(), printer.height()))
        finally:
            painter.end()
        return True

    def _paint(self, painter: QPainter, page: QRectF) -> None:
        base = QFont(self.font())
        base.setPointSizeF(11)
        title_font = QFont(base)
        title_font.setPointSizeF(18)
        title_font.setBold(True)
        wrap = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        top = page.top()

        def block(text: str, font: QFont, gap: float = 0.6) -> None:
            nonlocal top
            painter.setFont(font)
            metrics = QFontMetricsF(font, painter.device())
            area = QRectF(page.left(), top, page.width(), page.bottom() - top)
            used = painter.boundingRect(area, wrap, text)
            painter.drawText(area, wrap, text)
            top += used.height() + metrics.height() * gap

        block(self.page_title(), title_font, 1.0)
        first, once, keep, warning = explanation_lines()
        block(f"{first} {once}", base, 1.0)

        size = 20.0  # the key on one line, as large as fits
        font = key_font(size)
        while (
            size > 8
            and QFontMetricsF(font, painter.device()).horizontalAdvance(self.recovery_key)
            > page.width() * 0.9
        ):
            size -= 1
            font = key_font(size)
        metrics = QFontMetricsF(font, painter.device())
        padding = metrics.height() * 0.6
        frame = QRectF(page.left(), top, page.width(), metrics.height() + 2 * padding)
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(max(1.0, metrics.height() / 20))
        painter.setPen(pen)
        painter.drawRect(frame)
        painter.setFont(font)
        painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, self.recovery_key)
        top = frame.bottom() + metrics.height()

        block(_("Data location: {path}").format(path=self.location), base, 0.2)
        block(_("Created on: {date}").format(date=format_date(self.created)), base, 1.0)
        block(keep, base)
        block(warning, base)

    # -- actions --------------------------------------------------------------------------

    def print_key(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.page_title())
        margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
        printer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
        if not print_with_dialog(self, printer, self.paint_page):
            return False
        announce(self.status, _("The recovery key was sent to the printer."))
        grow_to_fit(self)
        return True

    def save_text_file(self) -> bool:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggestion = str(Path(folder) / (_("Lotse recovery key") + ".txt"))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save recovery key"), suggestion, _("Text files (*.txt)")
        )
        if not path:
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_name(target.name + ".txt")
        try:
            target.write_text(self.text(), encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Saving failed"),
                _("The file could not be written:\n{error}").format(error=error.strerror or error),
            )
            return False
        announce(self.status, _("Saved as {file}.").format(file=str(target)))
        grow_to_fit(self)
        return True

    # -- closing --------------------------------------------------------------------------

    @property
    def confirmed(self) -> bool:
        """The user has ticked "I have stored the recovery key safely."."""
        return self.confirm_check.isChecked()

    def reject(self) -> None:
        """Esc or the window's close button: ask first unless stored safely."""
        if not self.confirmed and not self._close_anyway():
            return
        super().reject()

    def _close_anyway(self) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Close without storing the recovery key?"),
            _(
                "You have not confirmed that the recovery key is stored safely. It cannot be "
                "shown again. Close anyway?"
            ),
            buttons.Yes | buttons.No,
            buttons.No,
        )
        return answer == buttons.Yes

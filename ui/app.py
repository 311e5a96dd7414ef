"""Start the window form of Lotse: Qt application, translations, fonts, style, main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, Qt, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.bootstrap import Lotse, bootstrap
from app.errors import LotseError
from app.i18n import PROGRAM_LANGUAGE, _
from app.paths import APP_NAME, resource_dir
from app.services.settings import has_settings
from ui import error_report, warm_up
from ui.main_window import MainWindow

FONT_FAMILY = "DejaVu Sans"
FONT_POINT_SIZE = 10
_SET_UP = "lotseSetUp"  # QApplication property: translations, fonts and style are installed


def run_gui(*, smoke: bool = False) -> int:
    """Open the main window and run until it closes; returns the exit code (never exits).

    ``smoke``: show the window, let it paint once and return 0 (a start check without a user).
    Reuses a running QApplication (tests) instead of creating a second one.
    """
    app = application()
    try:
        lotse = bootstrap()
    except LotseError as error:  # AlreadyRunning, DatabaseProblem
        report_start_failure(str(error), smoke=smoke)
        return 1
    try:
        return _run(app, lotse, smoke=smoke)
    finally:
        lotse.close()


def _run(app: QApplication, lotse: Lotse, *, smoke: bool) -> int:
    if not smoke and not _first_start_done(lotse):
        return 0
    window = MainWindow(lotse)
    window.show()
    if not smoke:
        error_report.install(lotse.paths.root)
        workers = QThreadPool.globalInstance()
        # after the first paint, off the GUI thread: the modules of later screens, the daily copy
        QTimer.singleShot(0, lambda: warm_up.start(workers, lotse))
        workers.start(lotse.database.backup_if_due)
        try:
            return app.exec()
        finally:
            workers.waitForDone()
    app.processEvents()
    QTimer.singleShot(0, app.quit)  # one turn of the event loop lets the window paint
    app.exec()
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0


def _first_start_done(lotse: Lotse) -> bool:
    """Ask for the office settings when none are stored; False when the user cancels."""
    if has_settings(lotse.reads):
        return True
    from ui.operations import Operations
    from ui.settings_dialog import SettingsDialog  # only at the very first start

    dialog = SettingsDialog(lotse, Operations(lotse), first_start=True)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def report_start_failure(message: str, *, smoke: bool) -> None:
    title = _("Lotse cannot start")
    if smoke:
        print(f"{title}: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, title, message)


def application() -> QApplication:
    """The running QApplication, or a new one; set up once with translations, font, style."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    if not app.property(_SET_UP):
        app.setApplicationName(APP_NAME)
        app.setApplicationDisplayName(APP_NAME)
        app.setOrganizationName("")
        _install_qt_translations(app)
        _install_fonts(app)
        _install_style(app)
        app.setProperty(_SET_UP, True)
    return app


def _install_qt_translations(app: QApplication) -> None:
    """German for Qt's own dialogs and buttons (file dialog, OK/Abbrechen)."""
    translator = QTranslator(app)  # parented: lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{PROGRAM_LANGUAGE}", folder):
        app.installTranslator(translator)


def _install_fonts(app: QApplication) -> None:
    """Register the shipped DejaVu fonts and use DejaVu Sans for the whole program."""
    families: set[str] = set()
    for font_file in sorted((resource_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id != -1:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY in families:
        app.setFont(QFont(FONT_FAMILY, FONT_POINT_SIZE))


def _install_style(app: QApplication) -> None:
    """The stylesheet, unless the system asks for high contrast (then the system look wins)."""
    style_file = resource_dir() / "style.qss"
    if not style_file.is_file() or _high_contrast():
        return
    app.setStyleSheet(style_file.read_text(encoding="utf-8"))


def _high_contrast() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast

"""Start the window form of Lotse: Qt application, translations, fonts, style, main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.db.engine import DatabaseError
from app.errors import LotseError
from app.i18n import PROGRAM_LANGUAGE, _
from app.paths import APP_NAME, DATABASE_FILE, DataPaths, data_paths, resource_dir
from ui import keyboard
from ui.unlocking import data_key
from ui.widgets.busy import busy
from ui.widgets.colours import accessible_palette
from ui.widgets.first_paint import AfterFirstPaint
from ui.widgets.focus_style import FocusRingStyle

if TYPE_CHECKING:
    from app.bootstrap import Lotse
    from ui.security.session_lock import SessionLock

# What runs after the unlock is imported there (the database layer, the main window, the
# lock): the unlock dialog paints first (benchmarks: start to a painted unlock dialog).

FONT_FAMILY = "DejaVu Sans"
FONT_POINT_SIZE = 10
_SET_UP = "lotseSetUp"  # QApplication property: translations, fonts and style are installed
_PALETTE_FOLLOWS = "lotsePaletteFollows"  # QApplication property: follows the colour scheme


def run_gui(*, smoke: bool = False) -> int:
    """Open the main window and run until it closes; returns the exit code (never exits).

    ``smoke``: show the window, let it paint once and return 0 (a start check without a user).
    Reuses a running QApplication (tests) instead of creating a second one.
    """
    app = application()
    paths = data_paths()
    try:
        key = data_key(paths, smoke=smoke)  # first start, unlock or encryption dialogs
        if key is None:
            return 0  # the user quit
        from app.bootstrap import bootstrap

        lotse = bootstrap(paths, key=key)
    except (LotseError, DatabaseError) as error:  # AlreadyRunning, DatabaseProblem …
        report_start_failure(error, smoke=smoke, folder=paths.root)
        return 1
    except Exception as error:  # noqa: BLE001 - a German box, not the bundle's English traceback
        report_start_failure(error, smoke=smoke, folder=paths.root)
        return 1
    while True:
        try:
            code, restore_from = _run(app, lotse, smoke=smoke)
        except DatabaseError as error:  # e.g. a damaged page met while the first window reads
            report_start_failure(error, smoke=smoke, folder=paths.root)
            return 1
        finally:
            lotse.close()
        if restore_from is None:
            return code
        try:  # the window closed for a restore: put the backup back, open it again
            lotse = _restored(paths, restore_from, key)
        except (LotseError, DatabaseError) as error:
            report_start_failure(error, smoke=smoke, folder=paths.root)
            return 1


def _restored(paths: DataPaths, backup: Path, key: bytes) -> Lotse:
    from app.bootstrap import bootstrap
    from app.db.restore import restore

    busy(_("Restoring the backup…"), lambda: restore(paths, backup, key))
    return bootstrap(paths, key=key)


def _run(app: QApplication, lotse: Lotse, *, smoke: bool) -> tuple[int, Path | None]:
    """Run the window; the exit code, and the backup to restore when the user chose one."""
    from app.services.settings import load_settings
    from ui import error_report, warm_up
    from ui.main_window import MainWindow

    if not smoke and not _first_start_done(lotse):
        return 0, None
    window = MainWindow(lotse)
    window.show()
    if not smoke:
        error_report.install(lotse.paths.root, lotse.paths.database)
        workers = QThreadPool.globalInstance()
        # after the first paint, off the GUI thread: the modules of later screens, the daily copy
        window._after_paint = AfterFirstPaint(  # type: ignore[attr-defined]
            window,
            lambda: (warm_up.start(workers, lotse), workers.start(lambda: _daily_backup(lotse))),
        )
        session_lock = install_session_lock(app, lotse)
        window.ops.changed.connect(
            lambda changes, _initiator: (
                changes.settings
                and session_lock.set_idle_minutes(load_settings(lotse.reads).lock_minutes)
            )
        )
        try:
            code = app.exec()
        finally:
            session_lock.uninstall()
            workers.waitForDone()
            if window.restore_requested is None:
                _backup_on_close(lotse)  # (a restore keeps a copy of the current state itself)
        return code, window.restore_requested
    app.processEvents()
    QTimer.singleShot(0, app.quit)  # one turn of the event loop lets the window paint
    app.exec()
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0, None


def install_session_lock(app: QApplication, lotse: Lotse) -> SessionLock:
    """Ctrl+L and the idle timer hide every personal datum until the passphrase is entered."""
    from app.db import keys
    from app.services.settings import load_settings
    from ui.security.session_lock import SessionLock

    session_lock = SessionLock(
        lambda passphrase: keys.verify_passphrase(lotse.paths.key_file, passphrase),
        load_settings(lotse.reads).lock_minutes,
        parent=app,
    )
    session_lock.install()
    return session_lock


def _daily_backup(lotse: Lotse) -> None:
    """On a worker: a failure goes into the log; the backup on close tells the user."""
    from app.db.backup import BackupFailed
    from app.error_log import write_error_log

    try:
        lotse.database.backup_if_due()
    except BackupFailed as error:
        write_error_log(lotse.paths.root, error)


def _backup_on_close(lotse: Lotse) -> None:
    from app.db.backup import BackupFailed

    try:
        lotse.database.backup("close")
    except BackupFailed as error:
        QMessageBox.warning(None, _("Backup failed"), str(error))


def _first_start_done(lotse: Lotse) -> bool:
    """Ask for the office settings when none are stored; False when the user cancels."""
    from app.services.settings import has_settings

    if has_settings(lotse.reads):
        return True
    from ui.operations import Operations
    from ui.settings_dialog import SettingsDialog  # only at the very first start

    dialog = SettingsDialog(lotse, Operations(lotse), first_start=True)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def report_start_failure(error: BaseException, *, smoke: bool, folder: Path) -> None:
    """The German message in a dialog (on stderr for a smoke start); details into the log."""
    from app.db.faults import describe
    from app.error_log import unexpected_error_message, write_error_log

    if isinstance(error, LotseError):
        message = str(error)
        if getattr(error, "detail", None):
            write_error_log(folder, error, error.detail)  # type: ignore[attr-defined]
    elif isinstance(error, DatabaseError):
        message = describe(error, folder / DATABASE_FILE)
        write_error_log(folder, error)
    else:
        message = unexpected_error_message(error, write_error_log(folder, error))
    title = _("Lotse cannot start")
    if smoke:
        print(f"{title}: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, title, message)


def application() -> QApplication:
    """The running QApplication, or a new one; set up once with translations, font, style."""
    _use_german_locale()  # before any widget: each takes the default locale when it is made
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    if not app.property(_SET_UP):
        app.setApplicationName(APP_NAME)
        app.setApplicationDisplayName(APP_NAME)
        app.setOrganizationName("")
        app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "lotse.png")))
        _install_qt_translations(app)
        _install_fonts(app)
        _install_style(app)
        _install_palette(app)
        keyboard.install(app)
        app.setProperty(_SET_UP, True)
    return app


def _use_german_locale() -> None:
    """German for Qt's own widgets whatever the system says (LANG=C gave English month and day
    names in the calendar): month and day names, first day of the week, number formats."""
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    if QLocale() != german:
        QLocale.setDefault(german)


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
    """The focus rings (always), the stylesheet unless the system asks for high contrast
    (then the system look wins)."""
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle())  # on the platform's own style
    style_file = resource_dir() / "style.qss"
    if not style_file.is_file() or _high_contrast():
        return
    app.setStyleSheet(style_file.read_text(encoding="utf-8"))


def _install_palette(app: QApplication) -> None:
    """Placeholder, selection and text colours that meet WCAG 2.1 AA on the system palette
    (``colours.accessible_palette``), again when the system switches between light and dark;
    a system that asks for high contrast keeps its own palette."""
    if _high_contrast():
        return
    app.setPalette(accessible_palette(app.palette()))
    if not app.property(_PALETTE_FOLLOWS):
        app.setProperty(_PALETTE_FOLLOWS, True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda _scheme: _follow_system_palette(app)
        )


def _follow_system_palette(app: QApplication) -> None:
    app.setPalette(QPalette())  # back to the system's palette of the new scheme …
    _install_palette(app)  # … and from it the readable one
    # Under an application style sheet the labels shown keep the palette they were polished
    # with; setting the sheet again polishes every widget with the new palette.
    app.setStyleSheet(app.styleSheet())


def _high_contrast() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast

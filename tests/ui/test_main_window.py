"""The main window: German navigation, page switching, settings shown, start and second start."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QLabel

import app.bootstrap as bootstrap_module
from app.bootstrap import Lotse, bootstrap
from app.db.backup import list_backups
from app.db.database import Database
from app.errors import AlreadyRunning
from app.paths import DataPaths
from app.services.settings import save_settings
from tests.conftest import EXAMPLE_SETTINGS
from tests.locations import new_location
from tests.test_cli import run_lotse
from ui import app as ui_app
from ui import main_window as main_window_module
from ui import warm_up
from ui.app import run_gui
from ui.main_window import MainWindow
from ui.security.unlock_dialog import UnlockDialog
from ui.settings_dialog import SettingsDialog

GERMAN_PAGES = [
    "Übersicht",
    "Teilnehmende",
    "Organisationen",
    "Stellenangebote",
    "Kurse & Maßnahmen",
    "Wiedervorlagen",
    "Berichte",
    "Einstellungen",
]


@pytest.fixture
def window(qtbot, configured_lotse: Lotse) -> MainWindow:
    main_window = MainWindow(configured_lotse)
    qtbot.addWidget(main_window)
    return main_window


def test_sidebar_lists_the_eight_pages_in_german_in_order(window):
    assert window.windowTitle() == "Lotse"
    assert window.page_names() == GERMAN_PAGES
    assert window.sidebar.accessibleName() == "Navigation"
    assert window.stack.count() == len(GERMAN_PAGES)
    assert window.current_page() == 0


def test_menus_are_german_with_mnemonics(window):
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Datei", "&Ansicht", "&Hilfe"]
    view_menu = window.menuBar().actions()[1].menu()
    page_actions = [a for a in view_menu.actions() if not a.isSeparator()]
    assert [a.text().replace("&&", "&") for a in page_actions] == GERMAN_PAGES
    assert [a.shortcut().toString() for a in page_actions] == [f"Ctrl+{i}" for i in range(1, 9)]
    assert window.settings_action.shortcut().toString() == "Ctrl+,"


def test_later_pages_are_built_when_first_chosen(window):
    """Only the Übersicht is built for the first window; the list waits until it is chosen."""
    lazy = window.stack.widget(1)
    assert lazy.accessibleName() == "Teilnehmende"
    assert not lazy.built and lazy.findChildren(QLabel) == []
    window.show_page(1)
    assert lazy.built
    assert window.participants_page.accessibleName() == "Teilnehmende"
    assert window.participants_page.parent() is lazy


def test_find_builds_the_list_and_focuses_the_search(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.find_action.trigger()
    assert window.current_page() == 1
    assert window.focusWidget() is window.participants_page.search


def test_show_page_switches_the_stacked_widget(window):
    window.show_page(5)
    assert window.stack.currentIndex() == 5
    assert window.sidebar.currentRow() == 5
    assert window.page_actions.actions()[5].isChecked()
    texts = [label.text() for label in window.stack.currentWidget().findChildren(QLabel)]
    assert "Wiedervorlagen" in texts


def test_ctrl_3_switches_to_organisations(qtbot, window):
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == 2
    assert window.page_names()[window.current_page()] == "Organisationen"


def test_ctrl_k_on_the_organisations_page_records_a_contact_with_the_chosen_one(
    qtbot, monkeypatch, window, configured_lotse
):
    from app.services.organizations import OrganizationInput, create_organization
    from ui.participant.note_dialog import NoteDialog

    with configured_lotse.unit_of_work() as uow:
        organisation = create_organization(uow, OrganizationInput(name="Autohaus Schmidt")).created
    opened: list[tuple[int | None, int | None]] = []
    monkeypatch.setattr(
        NoteDialog,
        "exec",
        lambda dialog: opened.append((dialog.participant_id, dialog.organization_id)) or 0,
    )
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.show_page(main_window_module.ORGANIZATIONS)
    page = window.organizations_page
    qtbot.waitUntil(lambda: page.row_count() == 1)
    page.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert opened == [(None, organisation)]


def test_arrow_keys_in_the_sidebar_switch_pages(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.current_page() == 1
    qtbot.keyClick(window.sidebar, Qt.Key.Key_End)
    assert window.current_page() == 7


def test_overview_greets_the_coordinator_and_names_the_office(window):
    page = window.overview_page
    assert "Anna Beispiel" in page.greeting()
    assert page.greeting().startswith("Guten Tag")
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert EXAMPLE_SETTINGS.provider in texts
    assert EXAMPLE_SETTINGS.district in texts


def test_settings_page_shows_the_stored_settings(window):
    page = window.settings_page
    assert page.value_text("provider") == EXAMPLE_SETTINGS.provider
    assert page.value_text("funding_reference") == "ESF-RA-2024-0815"
    assert page.value_text("state") == "Sachsen-Anhalt"
    assert page.edit_button.text().replace("&", "") == "Einstellungen bearbeiten…"


def test_edited_settings_reach_the_pages(monkeypatch, window, configured_lotse):
    def save_new_name(dialog: SettingsDialog) -> int:
        dialog.edits["coordinator_name"].setText("Berta Muster")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", save_new_name)
    window.settings_page.edit_button.click()
    assert "Berta Muster" in window.overview_page.greeting()
    assert window.settings_page.value_text("coordinator_name") == "Berta Muster"


def test_status_bar_shows_the_data_location(window, data_dir: Path):
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert any(str(data_dir) in text for text in texts)


# The start path runs in a child process: a finished QApplication event loop in the test
# process would leave window activation in a state that later dialog tests trip over.


def test_smoke_start_returns_0(data_dir: Path):
    paths, key = new_location(data_dir)
    lotse = bootstrap(paths, key=key)
    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    lotse.close()
    assert run_lotse("--smoke", data_dir=data_dir).returncode == 0
    # the lock is released again: a later start on the same data works
    bootstrap(paths, key=key).close()


def test_smoke_start_with_a_wrong_passphrase_is_refused_in_german(data_dir: Path):
    paths, key = new_location(data_dir)
    bootstrap(paths, key=key).close()
    before = paths.database.read_bytes()
    result = run_lotse("--smoke", data_dir=data_dir, passphrase="falsche Passphrase 123")
    assert result.returncode == 1
    assert "Lotse kann nicht starten" in result.stderr
    assert "Traceback" not in result.stderr
    assert paths.database.read_bytes() == before


def test_smoke_start_needs_no_settings(data_dir: Path):
    assert run_lotse("--smoke", data_dir=data_dir).returncode == 0


def test_second_instance_gets_the_german_already_running_message(lotse, data_dir):
    with pytest.raises(AlreadyRunning) as expected:
        bootstrap(DataPaths(data_dir), key=lotse.database.key)
    result = run_lotse("--smoke", data_dir=data_dir)
    assert result.returncode == 1
    assert "Lotse kann nicht starten" in result.stderr
    assert str(expected.value) in result.stderr
    assert str(data_dir) in result.stderr


def test_first_start_cancelled_quits_without_window(qtbot, monkeypatch, data_dir: Path):
    shown: list[str] = []

    def cancel(dialog: SettingsDialog) -> int:
        shown.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    def no_window(*args, **kwargs):
        raise AssertionError("the main window must not open")

    paths, key = new_location(data_dir)
    monkeypatch.setattr(ui_app, "data_key", lambda paths, smoke: key)  # unlocked
    monkeypatch.setattr(SettingsDialog, "exec", cancel)
    monkeypatch.setattr(main_window_module, "MainWindow", no_window)
    assert run_gui() == 0
    assert shown == ["Willkommen bei Lotse – Ersteinrichtung"]
    bootstrap(paths, key=key).close()  # lock released


def test_quitting_the_unlock_dialog_opens_nothing(monkeypatch, data_dir: Path):
    paths, key = new_location(data_dir)
    bootstrap(paths, key=key).close()
    shown: list[str] = []

    def quit_dialog(dialog) -> int:
        shown.append(type(dialog).__name__)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(UnlockDialog, "exec", quit_dialog)
    monkeypatch.setattr(bootstrap_module, "bootstrap", lambda *a, **k: pytest.fail("opened"))
    assert run_gui() == 0
    assert shown == ["UnlockDialog"]


def test_window_start_loads_later_modules_on_a_worker_and_makes_the_daily_copy(
    qtbot, monkeypatch, configured_lotse: Lotse
):
    """After the first paint: the background loading runs off the GUI thread; a daily backup."""
    paths = configured_lotse.paths
    configured_lotse.close()
    on_worker: list[bool] = []
    monkeypatch.setattr(
        warm_up,
        "warm_up",
        lambda lotse: on_worker.append(threading.current_thread() is not threading.main_thread()),
    )

    def run_briefly(app: QApplication) -> int:
        qtbot.waitUntil(lambda: on_worker != [], timeout=5000)
        for window in app.topLevelWidgets():  # as the user does before exec() returns; else
            if isinstance(window, MainWindow):  # it stays open through the later tests
                window.close()
        return 0

    key = configured_lotse.database.key
    monkeypatch.setattr(ui_app, "data_key", lambda paths, smoke: key)  # unlocked
    monkeypatch.setattr(QApplication, "exec", run_briefly)
    made: list[str] = []
    real_backup = Database.backup

    def noted_backup(database, reason="manual", folder=None):
        made.append(reason)
        return real_backup(database, reason, folder)

    monkeypatch.setattr(Database, "backup", noted_backup)
    assert run_gui() == 0
    assert on_worker == [True]
    assert made == ["daily", "close"]  # a copy at start and one on close
    kept = [p.name.rsplit("-", 1)[1] for p in list_backups(paths.backups)]
    assert kept == ["close.sqlite"]  # the rotation keeps the newest of a day
    bootstrap(paths, key=key).close()  # lock released


def test_screens_that_load_modules_wait_for_the_background_loading(
    qtbot, monkeypatch, window: MainWindow
):
    """No two threads import the same modules at once: opening a page waits for the worker."""
    events: list[str] = []
    release = threading.Event()

    def slow_warm_up(lotse: Lotse) -> None:
        release.wait(timeout=10)
        events.append("loaded")

    monkeypatch.setattr(warm_up, "warm_up", slow_warm_up)
    warm_up.start(QThreadPool.globalInstance(), window._lotse)
    releaser = threading.Timer(0.2, release.set)
    releaser.start()
    window.show_page(5)  # the Wiedervorlagen page is built only after the loading
    events.append("page built")
    assert events == ["loaded", "page built"]
    warm_up.wait_until_loaded()
    releaser.join()


def test_a_damaged_page_ends_the_start_with_a_german_message(data_dir: Path):
    """A damaged page is met only when the first window reads it: a message, no traceback."""
    from tests.services.helpers import add_person

    paths, key = new_location(data_dir)
    lotse = bootstrap(paths, key=key)
    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    for number in range(300):
        add_person(lotse, f"Nachname{number}")
    lotse.close()
    data = bytearray(paths.database.read_bytes())
    page = 4096
    for start in range(page * 3, len(data) - page, page):  # every page after the schema's
        data[start + 100 : start + 200] = bytes(100)
    paths.database.write_bytes(bytes(data))
    result = run_lotse("--smoke", data_dir=data_dir)
    assert result.returncode == 1
    assert "Lotse kann nicht starten" in result.stderr
    assert "beschädigt" in result.stderr and "lotse check" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_restore_chosen_in_the_window_puts_the_backup_back_and_reopens(
    qtbot, monkeypatch, configured_lotse: Lotse
):
    from tests.services.helpers import add_person

    lotse = configured_lotse
    add_person(lotse, "Haddad")
    backup = lotse.database.backup("manual")
    add_person(lotse, "Später")
    paths, key = lotse.paths, lotse.database.key
    lotse.close()
    monkeypatch.setattr(ui_app, "data_key", lambda paths, smoke: key)
    monkeypatch.setattr(ui_app, "_backup_on_close", lambda lotse: None)
    seen: list[list[str]] = []

    def run_once(app: QApplication) -> int:
        for window in app.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                names = window._lotse.reads.rows("SELECT last_name FROM participant ORDER BY id")
                seen.append([name for (name,) in names])
                if len(seen) == 1:
                    window.restore_requested = backup  # as "Wiederherstellen…" does
                window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    assert run_gui() == 0
    assert seen == [["Haddad", "Später"], ["Haddad"]]  # before, and after the restore
    kept = [p for p in list_backups(paths.backups) if p.name.endswith("-before-restore.sqlite")]
    assert len(kept) == 1
    bootstrap(paths, key=key).close()  # lock released


def test_a_course_of_the_overview_opens_its_dialog(monkeypatch, window, configured_lotse):
    from app.services.courses import CourseInput, create_course
    from app.vocab import CourseKind
    from ui.pages.course_dialog import CourseDialog

    with configured_lotse.unit_of_work() as uow:
        course = create_course(
            uow, CourseInput(kind=CourseKind.JOB_BSK, title="Deutsch am Arbeitsplatz")
        ).created
    opened: list[int | None] = []
    monkeypatch.setattr(CourseDialog, "exec", lambda dialog: opened.append(dialog.course_id) or 0)
    window.overview_page.course_requested.emit(course)
    assert opened == [course]


def test_the_windows_carry_lotses_icon(qapp):
    from ui.app import application

    icon = application().windowIcon()
    assert not icon.isNull() and icon.pixmap(32, 32).width() == 32

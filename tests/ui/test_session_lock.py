"""The session lock covers every window (also a dialog with unsaved input) without hiding or
closing any, swallows input underneath, and unlocks with the passphrase; Ctrl+L and idle time
lock it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from tests.ui.helpers import show
from ui.security.session_lock import LockOverlay, SessionLock, in_overlay, locked_title

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

PASSPHRASE = "Sieben Zwerge hinter Bergen"
MAIN_TITLE = "Lotse – Teilnehmende"
DIALOG_TITLE = "Neue Kontaktnotiz – Yılmaz, Şükrü"
UNSAVED = "Termin beim Jobcenter"


class FakeVerify:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.cursors: list[Qt.CursorShape | None] = []

    def __call__(self, passphrase: str) -> bool:
        self.calls.append(passphrase)
        cursor = QApplication.overrideCursor()
        self.cursors.append(None if cursor is None else cursor.shape())
        return passphrase == PASSPHRASE


class Windows:
    """A main window with an application-wide shortcut, and a dialog with unsaved input."""

    def __init__(self, qtbot) -> None:
        self.main = QMainWindow()
        self.main.setWindowTitle(MAIN_TITLE)
        self.main.resize(900, 600)
        self.main.setCentralWidget(QLabel("Yılmaz, Şükrü – geboren 01.02.1990", self.main))
        self.triggered = 0
        self.action = QAction("Neue Person", self.main)
        self.action.setShortcut(QKeySequence("Ctrl+N"))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.triggered.connect(self._count)
        self.main.addAction(self.action)
        show(qtbot, self.main)

        self.dialog = QDialog(self.main)
        self.dialog.setWindowTitle(DIALOG_TITLE)
        self.dialog.resize(500, 300)
        layout = QVBoxLayout(self.dialog)
        self.edit = QLineEdit(self.dialog)
        self.combo = QComboBox(self.dialog)
        self.combo.addItems(["persönlich", "telefonisch", "per E-Mail"])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.dialog.accept)  # Enter would accept, Esc reject
        self.buttons.rejected.connect(self.dialog.reject)
        layout.addWidget(self.edit)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)
        show(qtbot, self.dialog)
        qtbot.keyClicks(self.edit, UNSAVED)  # typed, not saved
        assert self.edit.hasFocus()

    def _count(self) -> None:
        self.triggered += 1


@pytest.fixture
def verify() -> FakeVerify:
    return FakeVerify()


@pytest.fixture
def session_lock(qtbot, verify) -> Iterator[SessionLock]:
    lock = SessionLock(verify, idle_minutes=0)
    lock.install()
    yield lock
    lock.uninstall()


@pytest.fixture
def windows(qtbot) -> Windows:
    return Windows(qtbot)


def overlay_of(window: QWidget) -> LockOverlay:
    children = window.findChildren(LockOverlay, options=Qt.FindChildOption.FindDirectChildrenOnly)
    [overlay] = [o for o in children if o.isVisible()]
    return overlay


def covered(window: QWidget) -> bool:
    """Whatever lies on top at the corners and in the middle belongs to an overlay."""
    rect = window.rect()
    points = [
        rect.topLeft(),
        rect.topRight(),
        rect.bottomLeft(),
        rect.bottomRight(),
        rect.center(),
        QPoint(rect.center().x(), 5),
    ]
    for point in points:
        child = window.childAt(point)
        if child is None or not in_overlay(child):
            return False
    return True


def unlock_by_typing(qtbot, window: QWidget, passphrase: str) -> LockOverlay:
    overlay = overlay_of(window)
    qtbot.keyClicks(overlay.field, passphrase)
    qtbot.keyClick(overlay.field, Qt.Key.Key_Return)
    return overlay


# -- locking -------------------------------------------------------------------------------


def test_lock_covers_the_main_window_and_an_open_dialog(qtbot, session_lock, windows):
    assert not covered(windows.main) and not covered(windows.dialog)
    with qtbot.waitSignal(session_lock.locked_changed) as signal:
        session_lock.lock()

    assert signal.args == [True]
    assert session_lock.locked
    for window in (windows.main, windows.dialog):
        assert covered(window)
        overlay = overlay_of(window)
        assert overlay.geometry() == window.rect()
        assert overlay.autoFillBackground()
        assert overlay.accessibleName() == _("Lotse is locked")
        assert overlay.heading.text() == _("Lotse is locked. All data are hidden.")
        assert overlay.field.echoMode() == QLineEdit.EchoMode.Password
        assert overlay.caption.buddy() is overlay.field
        assert overlay.field.accessibleName() == _("Passphrase")
        assert window.windowTitle() == locked_title()
    assert windows.dialog.isVisible()  # not hidden, not closed
    assert windows.edit.text() == UNSAVED
    assert QApplication.focusWidget() is overlay_of(windows.dialog).field  # the active window


def test_keys_for_covered_widgets_are_swallowed(qtbot, session_lock, windows):
    session_lock.lock()
    qtbot.keyClicks(windows.edit, "XYZ")
    qtbot.keyClick(windows.edit, Qt.Key.Key_Backspace)
    assert windows.edit.text() == UNSAVED

    qtbot.keyClick(windows.edit, Qt.Key.Key_Escape)  # would reject the dialog
    qtbot.keyClick(overlay_of(windows.dialog).field, Qt.Key.Key_Escape)
    qtbot.mouseClick(windows.edit, Qt.MouseButton.LeftButton)
    assert windows.dialog.isVisible()
    assert windows.dialog.result() == 0
    assert windows.edit.text() == UNSAVED


def test_shortcuts_do_not_fire_while_locked(qtbot, session_lock, windows):
    qtbot.keyClick(windows.edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert windows.triggered == 1  # the shortcut works while unlocked

    session_lock.lock()
    qtbot.keyClick(
        overlay_of(windows.dialog).field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(windows.edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert windows.triggered == 1


def test_tab_stays_on_the_overlay(qtbot, session_lock, windows):
    session_lock.lock()
    overlay = overlay_of(windows.dialog)
    assert QApplication.focusWidget() is overlay.field
    seen = []
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        qtbot.keyClick(QApplication.focusWidget(), key)
        seen.append(QApplication.focusWidget())
    assert seen == [overlay.button, overlay.field, overlay.button, overlay.field]


def test_ctrl_l_locks_from_any_widget(qtbot, session_lock, windows):
    qtbot.keyClick(windows.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session_lock.locked
    assert covered(windows.dialog) and covered(windows.main)
    assert windows.edit.text() == UNSAVED


def test_plain_l_does_not_lock(qtbot, session_lock, windows):
    qtbot.keyClick(windows.edit, Qt.Key.Key_L)
    qtbot.keyClick(
        windows.edit,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,  # AltGr
    )
    assert not session_lock.locked
    assert windows.edit.text().startswith(UNSAVED + "l")


def test_open_popups_are_closed(qtbot, session_lock, windows):
    windows.combo.showPopup()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    session_lock.lock()
    assert QApplication.activePopupWidget() is None
    assert windows.combo.currentIndex() == 0


# -- unlocking -----------------------------------------------------------------------------


def test_wrong_passphrase_keeps_it_locked(qtbot, session_lock, windows, verify):
    session_lock.lock()
    assert not session_lock.unlock("falsch")
    overlay = unlock_by_typing(qtbot, windows.dialog, "auch falsch")

    assert verify.calls == ["falsch", "auch falsch"]
    assert session_lock.locked
    assert covered(windows.dialog) and covered(windows.main)
    assert overlay.message.isVisible()
    assert overlay.message.text() == _(
        "The passphrase is wrong. Please check the caps lock key and the keyboard layout."
    )
    assert overlay.field.text() == ""
    assert not overlay.field.isEnabled() and not overlay.button.isEnabled()
    overlay.button.click()  # nothing during the pause
    assert verify.calls == ["falsch", "auch falsch"]

    qtbot.waitUntil(overlay.field.isEnabled, timeout=3000)
    assert QApplication.focusWidget() is overlay.field
    assert windows.main.windowTitle() == locked_title()


def test_empty_passphrase_is_not_checked(qtbot, session_lock, windows, verify):
    session_lock.lock()
    overlay = unlock_by_typing(qtbot, windows.dialog, "")
    assert verify.calls == []
    assert overlay.message.text() == _("Please enter your passphrase.")
    assert overlay.field.isEnabled()


def test_right_passphrase_unlocks_and_everything_is_as_before(qtbot, session_lock, windows, verify):
    session_lock.lock()
    with qtbot.waitSignal(session_lock.locked_changed) as signal:
        unlock_by_typing(qtbot, windows.dialog, PASSPHRASE)

    assert signal.args == [False]
    assert verify.calls == [PASSPHRASE]
    assert verify.cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    assert not session_lock.locked
    assert not covered(windows.main) and not covered(windows.dialog)
    assert windows.main.windowTitle() == MAIN_TITLE
    assert windows.dialog.windowTitle() == DIALOG_TITLE
    assert windows.dialog.isVisible()  # the Enter that unlocked did not press OK
    assert windows.dialog.result() == 0
    assert windows.edit.text() == UNSAVED
    assert QApplication.focusWidget() is windows.edit
    qtbot.keyClicks(windows.edit, "!")  # input works again
    assert windows.edit.text() == UNSAVED + "!"


def test_unlock_through_the_main_window_overlay(qtbot, session_lock, windows):
    windows.main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.main)
    session_lock.lock()
    assert QApplication.focusWidget() is overlay_of(windows.main).field
    overlay = overlay_of(windows.main)
    qtbot.keyClicks(overlay.field, PASSPHRASE)
    overlay.button.click()
    assert not session_lock.locked
    assert windows.main.windowTitle() == MAIN_TITLE


def test_a_window_shown_while_locked_is_covered_too(qtbot, session_lock, windows):
    session_lock.lock()
    late = QDialog(windows.main)
    late.setWindowTitle("Wirklich verwerfen?")
    late.resize(360, 120)
    qtbot.addWidget(late)
    late.show()
    qtbot.waitExposed(late)
    assert covered(late)
    assert late.windowTitle() == locked_title()

    late.setWindowTitle("Geändert, während gesperrt")  # kept for later, not shown
    assert late.windowTitle() == locked_title()
    assert session_lock.unlock(PASSPHRASE)
    assert late.windowTitle() == "Geändert, während gesperrt"
    assert not covered(late)


def test_overlay_follows_the_window_size(qtbot, session_lock, windows):
    session_lock.lock()
    windows.main.resize(1100, 760)
    qtbot.waitUntil(lambda: windows.main.width() == 1100)
    assert overlay_of(windows.main).geometry() == windows.main.rect()
    late_child = QLabel("Geheim", windows.main)  # a child added later stays underneath
    late_child.setGeometry(windows.main.rect())
    late_child.show()
    assert covered(windows.main)
    windows.main.centralWidget().raise_()  # and one raised
    assert covered(windows.main)


def test_lock_inside_a_modal_exec(qtbot, verify):
    """exec() goes on under the lock: the dialog is neither hidden nor closed."""
    lock = SessionLock(verify, idle_minutes=0)
    lock.install()
    main = QMainWindow()
    main.setWindowTitle(MAIN_TITLE)
    show(qtbot, main)
    dialog = QDialog(main)
    dialog.setWindowTitle(DIALOG_TITLE)
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    seen: dict[str, object] = {}

    def inside_exec() -> None:
        try:
            qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            qtbot.keyClicks(edit, UNSAVED)
            qtbot.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
            seen["locked"] = lock.locked
            seen["visible while locked"] = dialog.isVisible()
            seen["covered"] = covered(dialog) and covered(main)
            overlay = overlay_of(dialog)
            seen["focus"] = QApplication.focusWidget() is overlay.field
            qtbot.keyClick(overlay.field, Qt.Key.Key_Escape)  # must not end exec()
            qtbot.keyClicks(overlay.field, PASSPHRASE)
            qtbot.keyClick(overlay.field, Qt.Key.Key_Return)  # must not accept the dialog
            seen["unlocked"] = not lock.locked
            seen["visible after"] = dialog.isVisible()
            seen["text"] = edit.text()
            seen["title"] = dialog.windowTitle()
        finally:
            dialog.done(7)

    QTimer.singleShot(0, inside_exec)
    try:
        result = dialog.exec()
    finally:
        lock.uninstall()
    assert result == 7  # ended by the test, not by the lock
    assert seen == {
        "locked": True,
        "visible while locked": True,
        "covered": True,
        "focus": True,
        "unlocked": True,
        "visible after": True,
        "text": UNSAVED,
        "title": DIALOG_TITLE,
    }


# -- idle time -----------------------------------------------------------------------------


def test_idle_time_locks(qtbot, verify, windows):
    lock = SessionLock(verify, idle_minutes=0.001)  # 60 ms
    lock.install()
    try:
        qtbot.waitUntil(lambda: lock.locked, timeout=3000)
        assert covered(windows.main)
        assert lock.idle_remaining_ms == -1  # no idle timer while locked
        assert lock.unlock(PASSPHRASE)
        assert lock.idle_remaining_ms >= 0  # counting again
    finally:
        lock.uninstall()


def test_activity_restarts_the_idle_timer(qtbot, verify, windows):
    lock = SessionLock(verify, idle_minutes=0.01)  # 600 ms
    lock.install()
    try:
        for _ in range(15):  # 1.5 s of typing: never 600 ms without input
            qtbot.wait(100)
            qtbot.keyClick(windows.edit, Qt.Key.Key_Shift)
            assert not lock.locked
        qtbot.waitUntil(lambda: lock.locked, timeout=3000)  # once the typing stops
    finally:
        lock.uninstall()


def test_idle_minutes_zero_means_no_idle_lock(qtbot, verify):
    lock = SessionLock(verify, idle_minutes=0)
    lock.install()
    try:
        assert lock.idle_remaining_ms == -1
        lock.set_idle_minutes(5)
        assert lock.idle_remaining_ms > 0
        lock.set_idle_minutes(0)
        assert lock.idle_remaining_ms == -1
    finally:
        lock.uninstall()


def test_uninstall_stops_timers_and_watching(qtbot, verify, windows):
    lock = SessionLock(verify, idle_minutes=10)
    lock.install()
    assert lock.idle_remaining_ms > 0
    lock.lock()
    unlock_by_typing(qtbot, windows.dialog, "falsch")
    assert lock.pausing
    assert lock.unlock(PASSPHRASE)
    lock.uninstall()

    assert lock.idle_remaining_ms == -1
    assert not lock.pausing
    assert all(not timer.isActive() for timer in lock.findChildren(QTimer))
    qtbot.keyClick(windows.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not lock.locked  # no longer watching


def test_popups_opened_while_locked_are_closed_but_not_the_overlays_own(
    qtbot, session_lock, windows
):
    session_lock.lock()
    windows.combo.showPopup()  # e.g. by a program, not by the user
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)

    field = overlay_of(windows.dialog).field
    menu_event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), field.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(field, menu_event)  # paste a passphrase from a password manager
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    qtbot.wait(20)
    assert QApplication.activePopupWidget() is menu
    menu.close()

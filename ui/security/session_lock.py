"""Locking the running program: Ctrl+L anywhere, or after some idle minutes.

While locked every visible top-level window (the main window and open dialogs, also a modal one
inside ``exec()``) is covered by an opaque overlay that asks for the passphrase, and its title
reads "Lotse – locked". Nothing is hidden or closed: a dialog hidden inside ``exec()`` would end
it and lose what was typed, so the windows and their unsaved edits stay as they are underneath.
One event filter on the QApplication does the rest: user input for anything but an overlay is
swallowed (keys, shortcuts, mouse, wheel, context menus, drag and drop), so Tab cannot reach the
covered controls and no shortcut fires; windows that appear while locked are covered too; and
input restarts the idle timer while unlocked. Ctrl+L is noticed by the same filter (as
ShortcutOverride or key press), so it works in every window and inside modal dialogs without a
QShortcut of its own.

The overlays have no mnemonics: they live inside windows whose own mnemonics they could clash
with. Enter unlocks, Tab moves between the field and the button.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QWheelEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.errors import LotseError
from app.i18n import _
from ui.security import (
    RETRY_DELAY_MS,
    RetryPause,
    announce,
    message_label,
    text_label,
    wait_cursor,
)

__all__ = ["RETRY_DELAY_MS", "LockOverlay", "SessionLock"]

MINUTE_MS = 60_000
E = QEvent.Type
# Input that counts as the user being there (restarts the idle timer).
ACTIVITY = frozenset({E.KeyPress, E.MouseButtonPress, E.MouseMove, E.Wheel, E.TouchBegin})
# Input that only an overlay receives while locked.
BLOCKED = frozenset(
    {
        E.KeyPress,
        E.KeyRelease,
        E.ShortcutOverride,
        E.Shortcut,
        E.InputMethod,
        E.MouseButtonPress,
        E.MouseButtonRelease,
        E.MouseButtonDblClick,
        E.MouseMove,
        E.Wheel,
        E.ContextMenu,
        E.DragEnter,
        E.DragMove,
        E.Drop,
        E.TouchBegin,
        E.TouchUpdate,
        E.TouchEnd,
        E.TabletPress,
        E.TabletMove,
        E.TabletRelease,
        E.NativeGesture,
        E.Gesture,
        E.ToolTip,
        E.WhatsThis,
        E.QueryWhatsThis,
    }
)
DRAGS = frozenset({E.DragEnter, E.DragMove, E.Drop})
LOCK_KEY_EVENTS = frozenset({E.KeyPress, E.ShortcutOverride})
# Windows that are closed when the lock starts instead of covered: combo lists, calendar
# popups, menus, tooltips.
NOT_COVERED = frozenset({Qt.WindowType.Popup, Qt.WindowType.ToolTip})


def is_lock_key(event: QEvent) -> bool:
    """Ctrl+L (on the keypad's modifier state too; not with Shift or Alt, so not AltGr+L)."""
    if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_L:
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers == Qt.KeyboardModifier.ControlModifier


def locked_title() -> str:
    return _("Lotse – locked")


def _alive(qobject: QObject | None) -> bool:
    return qobject is not None and shiboken6.isValid(qobject)


def in_overlay(widget: QWidget) -> bool:
    """``widget`` is an overlay or inside one (also the context menu of its field)."""
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, LockOverlay):
            return True
        current = current.parentWidget()
    return False


class LockOverlay(QWidget):
    """Covers one top-level window completely while locked: opaque, with the passphrase."""

    def __init__(self, window: QWidget, submit: Callable[[LockOverlay], None]) -> None:
        super().__init__(window)
        self._submit = submit
        self.setObjectName("lotseLockOverlay")
        self.setAccessibleName(_("Lotse is locked"))
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.heading = text_label(_("Lotse is locked. All data are hidden."), self, bold=True)
        self._normal_font = QFont(self.heading.font())
        self._large_font = QFont(self._normal_font)
        self._large_font.setPointSizeF(self._normal_font.pointSizeF() * 1.3)
        self.heading.setFont(self._large_font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit(self)
        self.field.setObjectName("lockPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Passphrase"))
        self.field.textEdited.connect(lambda _text: self.field.setAccessibleDescription(""))
        self.caption = QLabel(_("Passphrase") + ":", self)
        self.caption.setBuddy(self.field)
        self.button = QPushButton(_("Unlock"), self)
        self.button.setAutoDefault(False)  # in a dialog it must not become its default button
        self.button.clicked.connect(lambda: self._submit(self))
        self.message = message_label(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        panel = QWidget(self)
        panel.setMaximumWidth(460)
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(self.heading)
        panel_layout.addSpacing(6)
        row = QHBoxLayout()
        row.addWidget(self.caption)
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        panel_layout.addLayout(row)
        panel_layout.addWidget(self.message)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(panel, 100)
        centre.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(1)
        for widget in (self.heading, self.caption, panel):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.cover()
        self.show()

    def cover(self) -> None:
        """Fill the whole window again and lie on top of everything in it."""
        window = self.parentWidget()
        if window is not None and self.geometry() != window.rect():
            self.setGeometry(window.rect())
            self._fit()
        self.raise_()

    def _fit(self) -> None:
        """In a small window (a message box) a smaller heading, or none when a message needs
        the room; the title bar and the overlay's accessible name still say "locked"."""
        for font, shown in ((self._large_font, True), (self._normal_font, True), (None, False)):
            if font is not None:
                self.heading.setFont(font)
            self.heading.setVisible(shown)
            if self.layout().totalHeightForWidth(self.width()) <= self.height():
                return

    # -- input: the field and the button; nothing passes through to the window -----------

    def focus_field(self) -> None:
        target = self.field if self.field.isEnabled() else self.message
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_input_enabled(self, enabled: bool) -> None:
        if not enabled:
            self.message.setFocus(Qt.FocusReason.OtherFocusReason)  # no jump to the button
        self.field.setEnabled(enabled)
        self.button.setEnabled(enabled)

    def tell(self, text: str) -> None:
        announce(self.message, text)
        self.field.setAccessibleDescription(text)
        self._fit()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        """Tab and Shift+Tab stay on the overlay (field ↔ button)."""
        chain = [widget for widget in (self.field, self.button) if widget.isEnabled()]
        if not chain:
            return True
        current = QApplication.focusWidget()
        index = chain.index(current) if current in chain else (-1 if next else 0)
        target = chain[(index + (1 if next else -1)) % len(chain)]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit(self)
        event.accept()  # Esc or Enter must not reach a dialog underneath (reject, default)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        colour = self.palette().color(QPalette.ColorRole.Window)
        colour.setAlpha(255)  # opaque whatever the style says
        QPainter(self).fillRect(self.rect(), colour)


class SessionLock(QObject):
    """Locks and unlocks the whole program; ``install()`` once the main window exists.

    ``verify(passphrase)`` says whether the passphrase opens the key file (it may take half a
    second: the wait cursor shows meanwhile). ``idle_minutes`` 0: no lock for idle time.
    """

    locked_changed = Signal(bool)

    def __init__(
        self,
        verify: Callable[[str], bool],
        idle_minutes: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._verify = verify
        self._locked = False
        self._installed = False
        self._overlays: dict[QWidget, LockOverlay] = {}
        self._titles: dict[QWidget, str] = {}
        self._window_focus: dict[QWidget, QWidget] = {}
        self._focus_before: QWidget | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.lock)
        self._pause = RetryPause(self._set_input_enabled, self)
        self._pause.ended.connect(self._focus_overlays)
        self._tidy = QTimer(self)  # popups and tooltips that appear while locked
        self._tidy.setSingleShot(True)
        self._tidy.setInterval(0)
        self._tidy.timeout.connect(self._close_popups)
        self.idle_minutes = 0.0
        self.set_idle_minutes(idle_minutes)

    # -- setting up -----------------------------------------------------------------------

    def install(self) -> None:
        """Watch the whole application (idempotent)."""
        if self._installed:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication), "SessionLock needs a QApplication"
        app.installEventFilter(self)
        app.focusChanged.connect(self._focus_changed)
        self._installed = True
        self._restart_idle()

    def uninstall(self) -> None:
        """Stop watching and stop all timers (at the end; overlays that are up stay up)."""
        if not self._installed:
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            app.focusChanged.disconnect(self._focus_changed)
        self._installed = False
        self._idle.stop()
        self._pause.stop(enable_input=False)
        self._tidy.stop()

    @property
    def installed(self) -> bool:
        return self._installed

    def set_idle_minutes(self, minutes: float) -> None:
        """Lock after this many minutes without input; 0 switches the idle lock off.

        Fractions are allowed (tests use a few milliseconds' worth)."""
        self.idle_minutes = max(0.0, float(minutes))
        if self.idle_minutes:
            self._idle.setInterval(max(1, round(self.idle_minutes * MINUTE_MS)))
        self._restart_idle()

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def idle_remaining_ms(self) -> int:
        """Milliseconds until the idle lock, -1 while it is not counting."""
        return self._idle.remainingTime() if self._idle.isActive() else -1

    # -- locking --------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Cover every window and ask for the passphrase (nothing happens when locked)."""
        if self._locked:
            return
        self._locked = True
        self._idle.stop()
        self._close_popups()
        self._focus_before = QApplication.focusWidget()
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self._cover(window)
        self._focus_overlays()
        self.locked_changed.emit(True)

    def unlock(self, passphrase: str) -> bool:
        """Unlock when ``verify`` accepts ``passphrase``; True also when not locked at all."""
        if not self._locked:
            return True
        if self._check(passphrase) is not None:
            return False
        self._release()
        return True

    def _check(self, passphrase: str) -> str | None:
        """None when the passphrase is right, else the message to show."""
        wrong = _(
            "The passphrase is wrong. Please check the caps lock key and the keyboard layout."
        )
        try:
            with wait_cursor():
                right = self._verify(passphrase)
        except LotseError as error:  # e.g. the key file cannot be read
            return str(error) or wrong
        return None if right else wrong

    def _submit(self, overlay: LockOverlay) -> None:
        """Enter or "Unlock" on an overlay."""
        if not self._locked or self._pause.active:
            return
        passphrase = overlay.field.text()
        if not passphrase:
            overlay.tell(_("Please enter your passphrase."))
            overlay.focus_field()
            return
        overlay.field.clear()
        failure = self._check(passphrase)
        if failure is None:
            self._release()
            return
        for each in self._live_overlays():
            each.tell(failure)
        self._pause.start()

    def _set_input_enabled(self, enabled: bool) -> None:
        for overlay in self._live_overlays():
            overlay.set_input_enabled(enabled)

    @property
    def pausing(self) -> bool:
        """Input on the overlays is paused after a wrong passphrase."""
        return self._pause.active

    def _release(self) -> None:
        self._locked = False
        self._pause.stop(enable_input=False)  # the overlays go
        self._tidy.stop()
        overlays, titles = self._overlays, self._titles
        focus, before = self._window_focus, self._focus_before
        self._overlays, self._titles, self._window_focus = {}, {}, {}
        self._focus_before = None
        for overlay in overlays.values():
            if _alive(overlay):
                overlay.hide()
                overlay.deleteLater()
        for window, title in titles.items():
            if _alive(window):
                window.setWindowTitle(title)
        for widget in [*focus.values(), before]:
            if _alive(widget) and widget.isVisible() and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._restart_idle()
        self.locked_changed.emit(False)

    # -- covering -------------------------------------------------------------------------

    def _coverable(self, window: QWidget) -> bool:
        return window.windowType() not in NOT_COVERED and not in_overlay(window)

    def _cover(self, window: QWidget) -> None:
        if window in self._overlays and _alive(self._overlays[window]):
            self._overlays[window].cover()
            return
        if not self._coverable(window):
            return
        focus = window.focusWidget()
        if focus is not None:
            self._window_focus[window] = focus
        self._titles[window] = window.windowTitle()
        self._overlays[window] = LockOverlay(window, self._submit)
        window.setWindowTitle(locked_title())

    def _live_overlays(self) -> list[LockOverlay]:
        return [overlay for overlay in self._overlays.values() if _alive(overlay)]

    def _focus_overlays(self) -> None:
        """Each window's focus on its overlay; the active one (topmost modal) last."""
        target = QApplication.activeModalWidget() or QApplication.activeWindow()
        for window, overlay in self._overlays.items():
            if _alive(overlay) and window is not target:
                overlay.focus_field()
        if target is not None and target in self._overlays and _alive(self._overlays[target]):
            self._overlays[target].focus_field()

    def _close_popups(self) -> None:
        """Close combo lists, calendar popups, menus and tooltips (not an overlay's own)."""
        for _attempt in range(20):
            popup = QApplication.activePopupWidget()
            if popup is None or in_overlay(popup):
                break
            popup.close()
            if QApplication.activePopupWidget() is popup:
                popup.hide()
        QToolTip.hideText()

    # -- watching -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in LOCK_KEY_EVENTS and is_lock_key(event):
            self.lock()
            event.accept()
            return True
        if not self._locked:
            if kind in ACTIVITY:
                self._restart_idle()
            return False
        if kind in BLOCKED:
            return self._swallowed(watched, event)
        if not isinstance(watched, QWidget):
            return False
        if kind == E.Show and watched.isWindow():
            self._window_shown(watched)
        elif watched in self._overlays:
            return self._covered_window_event(watched, event)
        elif kind in (E.ZOrderChange, E.Show):  # a child raised or shown above an overlay
            parent = watched.parentWidget()
            if parent is not None and parent in self._overlays and not in_overlay(watched):
                self._overlays[parent].cover()
        return False

    def _swallowed(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget):
            if in_overlay(watched):
                return False
        elif isinstance(watched, QWindow):
            return False  # Qt passes it on to a widget, which is judged then
        if event.type() in DRAGS:
            event.ignore()  # refuse the drop
        else:
            # Accepted: not passed on to the parents; a ShortcutOverride accepted counts as
            # "taken by the widget", so no shortcut fires, and the key press is dropped then.
            event.accept()
        return True

    def _window_shown(self, window: QWidget) -> None:
        if in_overlay(window):
            return
        if window.windowType() in NOT_COVERED:
            self._tidy.start()  # closed right after showing (not from inside its show event)
            return
        self._cover(window)
        self._overlays[window].focus_field()

    def _covered_window_event(self, window: QWidget, event: QEvent) -> bool:
        kind = event.type()
        overlay = self._overlays[window]
        if not _alive(overlay):
            return False
        if kind in (E.Resize, E.ChildAdded, E.LayoutRequest):
            overlay.cover()
        elif kind == E.WindowTitleChange and window.windowTitle() != locked_title():
            self._titles[window] = window.windowTitle()  # restored on unlock
            window.setWindowTitle(locked_title())
        elif kind == E.WindowActivate:
            overlay.focus_field()
        elif kind == E.Close and event.spontaneous():
            event.ignore()  # the close button: not while locked (unsaved edits, questions)
            return True
        return False

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Should anything under an overlay get the focus, it goes back to the overlay."""
        if not self._locked or new is None or in_overlay(new):
            return
        overlay = self._overlays.get(new.window())
        if overlay is not None and _alive(overlay):
            overlay.focus_field()

    def _restart_idle(self) -> None:
        if self._installed and not self._locked and self.idle_minutes:
            self._idle.start()
        else:
            self._idle.stop()

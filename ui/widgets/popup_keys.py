"""The keys that open the popup of the focused input: F4 and Alt+Down, as in Qt's combo box.

They belong to the widget that has the focus, never to a window: a widget with a popup handles
them in its own ``keyPressEvent`` and claims them on ``ShortcutOverride`` (``claims_popup_key``),
so that no shortcut elsewhere in the window takes them. A ``QShortcut``/``QAction`` for F4 in each
date field made Qt report "Ambiguous shortcut overload" on a page with two of them, and opened the
first date field's calendar while a combo box had the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

_IGNORED = Qt.KeyboardModifier.KeypadModifier  # F4 and Down on the keypad are the same keys


def is_popup_key(event: QEvent) -> bool:
    """F4 without modifiers, or Alt+Down (also Alt+Down on the keypad)."""
    if not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~_IGNORED
    if event.key() == Qt.Key.Key_F4:
        return modifiers == Qt.KeyboardModifier.NoModifier
    if event.key() == Qt.Key.Key_Down:
        return modifiers == Qt.KeyboardModifier.AltModifier
    return False


def claims_popup_key(event: QEvent) -> bool:
    """For ``event()`` overrides: accept a ShortcutOverride for a popup key, so that the key
    comes to the focused widget as a key press instead of firing a window's shortcut."""
    if event.type() == QEvent.Type.ShortcutOverride and is_popup_key(event):
        event.accept()
        return True
    return False

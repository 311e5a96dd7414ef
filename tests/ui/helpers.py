"""Helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def show[W: QWidget](qtbot, widget: W) -> W:
    """Show and activate (as exec() would): window shortcuts need the active window."""
    qtbot.addWidget(widget, before_close_func=lambda w: w.hide())  # no discard question
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget

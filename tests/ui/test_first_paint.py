"""The warm-up and the daily copy start only after the first window has been painted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.widgets.first_paint import AfterFirstPaint


def test_runs_once_after_the_first_paint_and_not_before(qtbot):
    window = QWidget()
    QVBoxLayout(window).addWidget(QLabel("Übersicht", window))
    qtbot.addWidget(window)
    calls: list[str] = []
    AfterFirstPaint(window, lambda: calls.append("warm-up"))
    assert calls == []  # not shown, not painted
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: calls == ["warm-up"])
    window.update()
    qtbot.wait(50)
    assert calls == ["warm-up"]  # once

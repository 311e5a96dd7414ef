"""The audit's checks (tests/ui/accessibility_audit.py) find each fault they look for, on
small windows built with it, and pass the same windows built right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tests.ui import accessibility_audit as audit
from tests.ui.helpers import show


def row_of_fields(names: list[str]) -> tuple[QDialog, list[QLineEdit]]:
    window = QDialog()
    layout = QHBoxLayout(window)
    fields = []
    for name in names:
        field = QLineEdit(window)
        field.setAccessibleName(name)
        layout.addWidget(field)
        fields.append(field)
    return window, fields


def test_a_letter_used_twice_is_found(qtbot):
    window = QDialog()
    layout = QVBoxLayout(window)
    save, search = QPushButton("Speichern", window), QPushButton("Suchen", window)
    layout.addWidget(save)
    layout.addWidget(search)
    show(qtbot, window)
    assert audit.duplicate_mnemonics(window) == []  # assigned when shown
    search.setText("&Suchen")
    save.setText("&Speichern")
    assert audit.duplicate_mnemonics(window) == [
        "Alt+S: QPushButton('&Speichern'), QPushButton('&Suchen')"
    ]


def test_an_underlined_letter_without_a_buddy_is_found(qtbot):
    window = QDialog()
    QVBoxLayout(window).addWidget(QLabel("&Name:", window))
    show(qtbot, window)
    assert audit.dead_mnemonics(window) == ["QLabel('&Name:')"]


def test_tab_against_reading_order_is_found(qtbot):
    window, (left, middle, right) = row_of_fields(["links", "Mitte", "rechts"])
    show(qtbot, window)
    assert audit.reading_order_problems(window, audit.tab_chain(window)) == []
    QWidget.setTabOrder(left, right)
    QWidget.setTabOrder(right, middle)
    assert audit.reading_order_problems(window, audit.tab_chain(window)) == [
        "QLineEdit('rechts') → QLineEdit('Mitte')"
    ]


def test_the_column_move_of_a_two_column_form_is_allowed(qtbot):
    window = QDialog()
    grid = QGridLayout(window)
    fields = {}
    for column, side in enumerate(("links", "rechts")):
        for row in range(3):
            field = QLineEdit(window)
            field.setAccessibleName(f"{side} {row}")
            grid.addWidget(field, row, column)
            fields[side, row] = field
    order = [fields["links", r] for r in range(3)] + [fields["rechts", r] for r in range(3)]
    for first, second in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(first, second)
    show(qtbot, window)
    chain = audit.tab_chain(window)
    assert chain.widgets == order
    assert audit.reading_order_problems(window, chain) == []
    QWidget.setTabOrder(fields["rechts", 2], fields["links", 1])  # up and to the left
    assert audit.reading_order_problems(window, audit.tab_chain(window))


def test_a_silent_tab_stop_is_found(qtbot):
    window = QDialog()
    area = QScrollArea(window)
    area.setFrameShape(QScrollArea.Shape.NoFrame)  # as a form page: nothing to draw a mark on
    body = QWidget()
    QVBoxLayout(body).addWidget(field := QLineEdit(body))
    field.setAccessibleName("Name")
    area.setWidget(body)
    QVBoxLayout(window).addWidget(area)
    show(qtbot, window)
    chain = audit.tab_chain(window)
    assert area in chain.widgets
    assert audit.unnamed(chain.widgets) == ["QScrollArea('')"]
    assert chain.focus_marks_missing == [area]
    assert field not in chain.focus_marks_missing


def test_a_name_that_hides_the_shown_text_is_found(qtbot):
    window = QDialog()
    button = QPushButton("Durchsuchen…", window)
    QVBoxLayout(window).addWidget(button)
    show(qtbot, window)
    button.setAccessibleName("Logo-Datei auswählen")
    assert audit.names_not_matching_label([button]) == [
        "QPushButton('&Durchsuchen…') is called 'Logo-Datei auswählen'"
    ]
    button.setAccessibleName("")
    button.setAccessibleDescription("Logo-Datei auswählen")
    assert audit.names_not_matching_label([button]) == []


def test_a_text_field_that_keeps_tab_is_a_trap(qtbot):
    window = QDialog()
    layout = QVBoxLayout(window)
    text = QPlainTextEdit(window)
    text.setAccessibleName("Notiz")
    layout.addWidget(text)
    layout.addWidget(QPushButton("OK", window))
    show(qtbot, window)
    assert audit.tab_chain(window).trap is text
    text.setTabChangesFocus(True)
    assert audit.tab_chain(window).trap is None


def test_tab_into_what_an_overlay_covers_is_found(qtbot):
    window = QDialog()
    layout = QVBoxLayout(window)
    behind = QLineEdit(window)
    behind.setAccessibleName("dahinter")
    overlay = QWidget(window)
    QVBoxLayout(overlay).addWidget(field := QLineEdit(overlay))
    field.setAccessibleName("Passphrase")
    layout.addWidget(behind)
    layout.addWidget(overlay)
    show(qtbot, window)
    field.setFocus()
    chain = audit.tab_chain(window, area=overlay)
    assert audit.escapes(chain, overlay) == ["QLineEdit('dahinter')"]
    behind.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # as the lock keeps Tab on its overlay
    chain = audit.tab_chain(window, area=overlay)
    assert audit.escapes(chain, overlay) == []
    assert audit.unreachable(window, chain, overlay) == []

"""Alt letters are assigned per window in one place (ui.mnemonics): unique among the controls
shown together, the translation's own letter kept while free, none for destructive buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tests.ui.helpers import show
from ui.mnemonics import assign_mnemonics, mark_destructive, plain, used_mnemonic


def form_page(*captions: str) -> tuple[QWidget, list[QLabel], list[QLineEdit]]:
    page = QWidget()
    form = QFormLayout(page)
    labels, fields = [], []
    for caption in captions:
        field = QLineEdit(page)
        label = QLabel(caption, page)
        label.setBuddy(field)
        form.addRow(label, field)
        labels.append(label)
        fields.append(field)
    return page, labels, fields


class Window(QDialog):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.first, self.first_labels, self.first_fields = form_page("Status:", "Straße:")
        self.second, self.second_labels, _ = form_page("Anmerkung:", "Titel:")
        self.tabs.addTab(self.first, "Eins")
        self.tabs.addTab(self.second, "Zwei")
        layout.addWidget(self.tabs)
        self.delete = QPushButton("&Löschen…", self)
        mark_destructive(self.delete)
        self.sheet = QPushButton("S&tammblatt…", self)
        self.save = QPushButton("&Speichern", self)
        self.saved = 0
        self.save.clicked.connect(lambda: setattr(self, "saved", self.saved + 1))
        for button in (self.delete, self.sheet, self.save):
            layout.addWidget(button)


def letters(*widgets: QLabel | QPushButton) -> list[str | None]:
    return [used_mnemonic(w.text()) for w in widgets]


def test_window_buttons_choose_first_and_pages_take_what_is_left(qtbot):
    window = Window()
    assign_mnemonics(window)
    assert letters(window.sheet, window.save) == ["t", "s"]  # the translations' own letters
    first, second = letters(*window.first_labels), letters(*window.second_labels)
    for page in (first, second):
        assert None not in page
        assert not {"t", "s"} & set(page)
        assert len(set(page)) == len(page)
    # the texts shown are unchanged but for the '&'
    assert [plain(label.text()) for label in window.first_labels] == ["Status:", "Straße:"]


def test_pages_are_independent_of_each_other(qtbot):
    window = Window()
    assign_mnemonics(window)
    # both pages may use the same letter: only one of them is shown at a time
    assert letters(*window.first_labels)[0] == letters(*window.second_labels)[0] == "a"


def test_a_destructive_button_has_no_letter_and_a_literal_ampersand_stays(qtbot):
    window = Window()
    window.sheet.setText("Kurse && Maßnahmen")
    assign_mnemonics(window)
    assert used_mnemonic(window.delete.text()) is None
    assert window.delete.text() == "Löschen…"
    assert plain(window.sheet.text()) == "Kurse & Maßnahmen"
    assert used_mnemonic(window.sheet.text()) not in (None, "s")


def test_assigning_again_keeps_the_letters(qtbot):
    window = Window()
    assign_mnemonics(window)
    before = [w.text() for w in window.findChildren(QLabel)]
    assign_mnemonics(window)
    assert [w.text() for w in window.findChildren(QLabel)] == before


def test_alt_letter_fires_the_button_and_moves_to_the_field(qtbot):
    window = show(qtbot, Window())  # shown: the application assigns the letters (install)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.saved == 1)  # a mnemonic animates the click
    letter = used_mnemonic(window.first_labels[1].text())
    key = QKeySequence(letter.upper())[0].key()
    QTest.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
    assert window.first_fields[1].hasFocus()


def test_menu_titles_keep_their_letters(qtbot):
    window = QMainWindow()
    window.menuBar().addMenu("&Datei")
    body, labels, _ = form_page("Datum:", "Dauer:")
    window.setCentralWidget(body)
    assign_mnemonics(window)
    assert window.menuBar().actions()[0].text() == "&Datei"
    assert "d" not in letters(*labels)

"""The screens of the encryption: unlocking (passphrase or recovery key), choosing a passphrase
and the recovery key shown once. The key functions are fakes; the real ones are wired in ui.app."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.errors import LotseError
from app.i18n import _, format_date
from tests.ui.helpers import show
from ui.mnemonics import used_mnemonic
from ui.security.passphrase_dialog import NewPassphraseDialog
from ui.security.recovery_key_dialog import RecoveryKeyDialog
from ui.security.unlock_dialog import UnlockDialog

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

DATA_KEY = bytes(range(32))
LOCATION = "C:\\Users\\Jürgen Groß\\AppData\\Local\\Lotse"
RECOVERY_KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


class FakeKeys:
    """Answers each call with the next result: bytes are returned, exceptions raised."""

    def __init__(self, *results: bytes | Exception) -> None:
        self.results = list(results)
        self.calls: list[str] = []
        self.cursors: list[Qt.CursorShape | None] = []  # the override cursor during each call

    def __call__(self, secret: str) -> bytes:
        self.calls.append(secret)
        cursor = QApplication.overrideCursor()
        self.cursors.append(None if cursor is None else cursor.shape())
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result


def never(secret: str) -> bytes:
    raise AssertionError(f"not to be called: {secret!r}")


def check_mnemonics(window: QWidget) -> None:
    """Mnemonics are unique in the window, and every label with one has a buddy."""
    letters = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            letter = used_mnemonic(widget.text())
            if letter:
                letters.append(letter)
                if isinstance(widget, QLabel):
                    assert widget.buddy() is not None, widget.text()
    assert len(letters) == len(set(letters)), letters


def check_accessible_fields(window: QWidget) -> None:
    for field in window.findChildren(QLineEdit):
        if field.isVisibleTo(window):
            assert field.accessibleName(), field.objectName()


def press_enter(qtbot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


# -- UnlockDialog --------------------------------------------------------------------------


def test_wrong_then_right_passphrase(qtbot):
    unlock = FakeKeys(LotseError("Die Passphrase ist falsch."), DATA_KEY)
    dialog = show(qtbot, UnlockDialog(LOCATION, unlock))
    assert dialog.windowTitle() == _("Unlock Lotse")
    assert dialog.location_label.text() == LOCATION
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.focusWidget() is dialog.field
    assert dialog.unlock_button.isDefault()

    qtbot.keyClicks(dialog.field, "falsch")
    press_enter(qtbot, dialog.field)  # Enter = Unlock

    assert unlock.calls == ["falsch"]
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Die Passphrase ist falsch."
    assert dialog.message.accessibleName() == "Die Passphrase ist falsch."
    assert dialog.field.text() == ""
    assert not dialog.field.isEnabled()
    assert not dialog.unlock_button.isEnabled()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.data_key is None

    press_enter(qtbot, dialog)  # during the pause nothing is tried
    assert unlock.calls == ["falsch"]

    qtbot.waitUntil(dialog.field.isEnabled, timeout=3000)
    assert dialog.unlock_button.isEnabled()
    assert dialog.focusWidget() is dialog.field

    qtbot.keyClicks(dialog.field, " richtig ")
    press_enter(qtbot, dialog.field)

    assert unlock.calls == ["falsch", " richtig "]  # exactly as typed
    assert unlock.cursors == [Qt.CursorShape.WaitCursor] * 2
    assert QApplication.overrideCursor() is None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.data_key == DATA_KEY
    assert dialog.used_recovery_key is False
    assert dialog.field.text() == ""


def test_empty_passphrase_is_not_tried(qtbot):
    dialog = show(qtbot, UnlockDialog(LOCATION, never))
    dialog.unlock_button.click()
    assert dialog.message.text() == _("Please enter your passphrase.")
    assert dialog.field.isEnabled()  # no pause for an empty field
    assert dialog.isVisible()


def test_quit_and_escape_reject(qtbot):
    dialog = show(qtbot, UnlockDialog(LOCATION, never))
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.data_key is None

    other = show(qtbot, UnlockDialog(LOCATION, never))
    other.quit_button.click()
    assert other.result() == QDialog.DialogCode.Rejected


def test_closing_during_the_pause_stops_its_timer(qtbot):
    dialog = show(qtbot, UnlockDialog(LOCATION, FakeKeys(LotseError("falsch"))))
    qtbot.keyClicks(dialog.field, "x")
    dialog.unlock_button.click()
    assert dialog.pausing
    dialog.reject()
    assert not dialog.pausing
    assert dialog.field.isEnabled()


def test_recovery_key_mode(qtbot):
    recovery = FakeKeys(LotseError("Der Wiederherstellungsschlüssel ist falsch."), DATA_KEY)
    dialog = show(qtbot, UnlockDialog(LOCATION, never, recovery))
    assert dialog.mode_button is not None
    check_mnemonics(dialog)
    dialog.mode_button.click()

    assert dialog.recovery_mode
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.field.accessibleName() == _("Recovery key")
    assert _("Recovery key") in dialog.caption.text().replace("&", "")
    assert dialog.hint.isVisible()
    assert "XXXX-XXXX" in dialog.hint.text()
    assert dialog.focusWidget() is dialog.field
    check_mnemonics(dialog)

    qtbot.keyClicks(dialog.field, "abcd-efgh")
    press_enter(qtbot, dialog.field)
    assert dialog.message.text() == "Der Wiederherstellungsschlüssel ist falsch."
    assert not dialog.mode_button.isEnabled()  # no way around the pause
    qtbot.waitUntil(dialog.field.isEnabled, timeout=3000)

    qtbot.keyClicks(dialog.field, RECOVERY_KEY)
    press_enter(qtbot, dialog.field)
    assert recovery.calls == ["abcd-efgh", RECOVERY_KEY]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.data_key == DATA_KEY
    assert dialog.used_recovery_key is True


def test_back_from_recovery_mode_to_the_passphrase(qtbot):
    unlock = FakeKeys(DATA_KEY)
    dialog = show(qtbot, UnlockDialog(LOCATION, unlock, never))
    assert dialog.mode_button is not None
    dialog.mode_button.click()
    qtbot.keyClicks(dialog.field, "ABCD")
    dialog.mode_button.click()

    assert not dialog.recovery_mode
    assert dialog.field.text() == ""  # nothing typed for the key is sent as passphrase
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.hint.isVisible()
    qtbot.keyClicks(dialog.field, "geheim")
    press_enter(qtbot, dialog.field)
    assert unlock.calls == ["geheim"]
    assert dialog.used_recovery_key is False


def test_without_recovery_function_there_is_no_recovery_button(qtbot):
    dialog = show(qtbot, UnlockDialog(LOCATION, never))
    assert dialog.mode_button is None
    texts = [button.text().replace("&", "") for button in dialog.buttons.buttons()]
    assert _("Use recovery key…") not in texts
    check_mnemonics(dialog)
    check_accessible_fields(dialog)


# -- NewPassphraseDialog -------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    acceptable: bool
    score: int
    label: str
    hint: str


def rate(text: str) -> Rating:
    if len(text) < 12:
        return Rating(False, 1, "schwach", "Mindestens 12 Zeichen.")
    return Rating(True, 3, "gut", "")


class FakeVerify:
    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.calls: list[str] = []

    def __call__(self, passphrase: str) -> bool:
        self.calls.append(passphrase)
        return self.answers.pop(0)


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_weak_passphrase_keeps_ok_disabled_and_says_why(qtbot):
    dialog = show(qtbot, NewPassphraseDialog(rate, first_start=False))
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.new_field, "kurz")
    type_into(qtbot, dialog.repeat_field, "kurz")

    assert not dialog.ok_button.isEnabled()
    assert dialog.strength_label.text() == _("Strength: {label}").format(label="schwach")
    assert dialog.strength_bar.value() == 1
    assert dialog.strength_bar.accessibleName() == _("Passphrase strength")
    assert dialog.strength_bar.accessibleDescription() == dialog.strength_label.text()
    assert dialog.hint_label.text() == "Mindestens 12 Zeichen."
    press_enter(qtbot, dialog.repeat_field)
    assert dialog.isVisible() and dialog.passphrase == ""

    type_into(qtbot, dialog.new_field, "kurz und doch lang")
    assert dialog.strength_label.text() == _("Strength: {label}").format(label="gut")
    assert dialog.strength_bar.value() == 3
    assert dialog.hint_label.text() == ""


def test_mismatch_message_and_exact_result(qtbot):
    dialog = show(qtbot, NewPassphraseDialog(rate, first_start=False))
    typed = "  Rote Tomaten im Februar  "
    type_into(qtbot, dialog.new_field, typed)
    assert dialog.match_label.text() == ""  # nothing repeated yet: no complaint
    type_into(qtbot, dialog.repeat_field, typed.strip())

    assert dialog.match_label.text() == _("The passphrases differ.")
    assert dialog.repeat_field.accessibleDescription() == _("The passphrases differ.")
    assert not dialog.ok_button.isEnabled()

    type_into(qtbot, dialog.repeat_field, typed)
    assert dialog.match_label.text() == _("The passphrases match.")
    assert dialog.ok_button.isEnabled()
    press_enter(qtbot, dialog.repeat_field)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase == typed  # spaces kept
    assert dialog.wants_recovery_key is False
    assert dialog.recovery_check is None


def test_show_checkbox_reveals_only_the_new_passphrase(qtbot):
    dialog = show(qtbot, NewPassphraseDialog(rate, first_start=False, verify_current=never))
    assert dialog.current_field is not None
    fields = (dialog.current_field, dialog.new_field, dialog.repeat_field)
    assert all(f.echoMode() == QLineEdit.EchoMode.Password for f in fields)
    dialog.show_check.click()
    assert dialog.new_field.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.repeat_field.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.current_field.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_check.click()
    assert dialog.new_field.echoMode() == QLineEdit.EchoMode.Password
    check_mnemonics(dialog)
    check_accessible_fields(dialog)


def test_first_start_explains_and_offers_the_recovery_key(qtbot):
    dialog = show(qtbot, NewPassphraseDialog(rate, first_start=True))
    assert dialog.windowTitle() == _("Protect the data with a passphrase")
    warning = _(
        "Whoever forgets both the passphrase and the recovery key loses access to all data. "
        "Nobody — not even support — can recover them."
    )
    assert warning in dialog.warning_label.text()
    assert dialog.warning_label.isVisible()
    assert dialog.recovery_check is not None and dialog.recovery_check.isChecked()
    check_mnemonics(dialog)

    type_into(qtbot, dialog.new_field, "Sieben Zwerge hinter Bergen")
    type_into(qtbot, dialog.repeat_field, "Sieben Zwerge hinter Bergen")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase == "Sieben Zwerge hinter Bergen"
    assert dialog.wants_recovery_key is True


def test_first_start_without_recovery_key(qtbot):
    dialog = show(qtbot, NewPassphraseDialog(rate, first_start=True))
    assert dialog.recovery_check is not None
    dialog.recovery_check.click()
    type_into(qtbot, dialog.new_field, "Sieben Zwerge hinter Bergen")
    type_into(qtbot, dialog.repeat_field, "Sieben Zwerge hinter Bergen")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.wants_recovery_key is False


def test_wrong_current_passphrase_pauses_and_keeps_the_dialog(qtbot):
    verify = FakeVerify(False, True)
    dialog = show(qtbot, NewPassphraseDialog(rate, first_start=False, verify_current=verify))
    assert dialog.windowTitle() == _("Change passphrase")
    assert dialog.current_field is not None
    assert dialog.focusWidget() is dialog.current_field
    type_into(qtbot, dialog.new_field, "ganz neue Passphrase")
    type_into(qtbot, dialog.repeat_field, "ganz neue Passphrase")
    assert not dialog.ok_button.isEnabled()  # the current one is still missing
    type_into(qtbot, dialog.current_field, "alte falsch")
    assert dialog.ok_button.isEnabled()
    press_enter(qtbot, dialog.current_field)

    assert verify.calls == ["alte falsch"]
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == _("The current passphrase is wrong.")
    assert dialog.message.isVisible()
    assert dialog.current_field.text() == ""
    assert not dialog.current_field.isEnabled()
    assert not dialog.ok_button.isEnabled()
    assert dialog.new_field.text() == "ganz neue Passphrase"  # the new one stays

    qtbot.waitUntil(dialog.current_field.isEnabled, timeout=3000)
    assert dialog.focusWidget() is dialog.current_field
    type_into(qtbot, dialog.current_field, "alte richtig")
    press_enter(qtbot, dialog.current_field)
    assert verify.calls == ["alte falsch", "alte richtig"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase == "ganz neue Passphrase"


# -- RecoveryKeyDialog ---------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_done_only_after_confirming(qtbot):
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    assert dialog.key_field.text() == RECOVERY_KEY
    assert dialog.key_field.isReadOnly()
    assert dialog.key_field.accessibleName() == _("Recovery key")
    dialog.key_field.selectAll()
    assert dialog.key_field.selectedText() == RECOVERY_KEY  # selectable for copying
    assert dialog.done_button.isDefault()
    assert not dialog.done_button.isEnabled()
    check_mnemonics(dialog)

    press_enter(qtbot, dialog.key_field)
    assert dialog.isVisible()  # Enter does nothing yet
    dialog.confirm_check.click()
    assert dialog.done_button.isEnabled()
    press_enter(qtbot, dialog.key_field)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.confirmed


def test_escape_before_confirming_asks(qtbot, monkeypatch):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    qtbot.keyClick(dialog.key_field, Qt.Key.Key_Escape)
    assert asked == [_("Close without storing the recovery key?")]
    assert dialog.isVisible()

    dialog.close()  # the window's close button
    assert len(asked) == 2
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_escape_after_confirming_does_not_ask(qtbot):
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    dialog.confirm_check.setChecked(True)
    qtbot.keyClick(dialog.key_field, Qt.Key.Key_Escape)  # no_unexpected_boxes
    assert not dialog.isVisible()


def test_printed_page_holds_key_location_and_date(qtbot, tmp_path):
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    output = tmp_path / "key.pdf"
    writer = QPdfWriter(str(output))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    assert dialog.paint_page(writer)
    del writer  # finishes the file

    text = pdf_text(output)
    assert RECOVERY_KEY in squeezed(text)
    assert squeezed(LOCATION) in squeezed(text)
    assert format_date(date.today()) in text
    assert squeezed(_("It is shown only this once.")) in squeezed(text)


def test_print_goes_through_the_print_dialog(qtbot, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"

    def accept(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    assert dialog.print_key()
    assert RECOVERY_KEY in squeezed(pdf_text(output))
    assert dialog.status.text() == _("The recovery key was sent to the printer.")
    assert not dialog.done_button.isEnabled()  # printing is not confirming


def test_cancelled_print_prints_nothing(qtbot, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    assert not dialog.print_key()
    assert dialog.status.text() == ""


def test_save_as_text_file(qtbot, tmp_path, monkeypatch):
    chosen = tmp_path / "schluessel"  # without suffix: .txt is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    dialog.save_button.click()

    written = tmp_path / "schluessel.txt"
    text = written.read_text(encoding="utf-8")
    assert RECOVERY_KEY in text.splitlines()
    assert LOCATION in text  # "ü", "ß" in UTF-8
    assert format_date(date.today()) in text
    assert str(written) in dialog.status.text()


def test_saving_cancelled_writes_nothing(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    dialog = show(qtbot, RecoveryKeyDialog(RECOVERY_KEY, LOCATION))
    assert not dialog.save_text_file()
    assert list(tmp_path.iterdir()) == []


def test_dialogs_fit_the_screen(qtbot):
    dialogs = [
        UnlockDialog(LOCATION, never, never),
        NewPassphraseDialog(rate, first_start=True),
        NewPassphraseDialog(rate, first_start=False, verify_current=never),
        RecoveryKeyDialog(RECOVERY_KEY, LOCATION),
    ]
    for dialog in dialogs:
        show(qtbot, dialog)
        assert dialog.width() <= 640 and dialog.height() <= 760, type(dialog).__name__
        layout = dialog.layout()
        assert layout.totalHeightForWidth(dialog.width()) <= dialog.height()
    assert QApplication.overrideCursor() is None

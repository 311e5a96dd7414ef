"""Lotse entsperren: the passphrase (or the recovery key) that opens the encrypted data.

``unlock`` returns the 32-byte data key or raises a LotseError whose text is shown in the dialog
(no message box); after a wrong entry the input pauses for RETRY_DELAY_MS. With the recovery key
``used_recovery_key`` is set, and the caller then asks for a new passphrase.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import LotseError
from app.i18n import _
from ui.mnemonics import assign_mnemonics, escape
from ui.security import (
    RETRY_DELAY_MS,
    PausingDialog,
    RetryPause,
    announce,
    fit_height,
    grow_to_fit,
    message_label,
    text_label,
    wait_cursor,
)

__all__ = ["RETRY_DELAY_MS", "UnlockDialog"]

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | (
    Qt.TextInteractionFlag.TextSelectableByKeyboard
)


class UnlockDialog(PausingDialog):
    """Enter = Unlock, Esc = Quit. On success ``data_key`` holds the key and the dialog is
    accepted; "Use recovery key…" (only with ``unlock_with_recovery``) switches the field."""

    def __init__(
        self,
        location: str,
        unlock: Callable[[str], bytes],
        unlock_with_recovery: Callable[[str], bytes] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self._unlock_with_recovery = unlock_with_recovery
        self.location = location
        self.data_key: bytes | None = None
        self.used_recovery_key = False
        self.recovery_mode = False
        self.setWindowTitle(_("Unlock Lotse"))
        self.setMinimumWidth(520)

        self.pause = RetryPause(self._set_input_enabled, self)
        self.pause.ended.connect(self._end_pause)

        self._build()
        self._show_mode()
        fit_height(self)
        self.field.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.unlock_button = QPushButton(self)
        self.quit_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        self.mode_button: QPushButton | None = None
        if self._unlock_with_recovery is not None:
            self.mode_button = QPushButton(self)
            self.mode_button.clicked.connect(lambda: self.set_recovery_mode(not self.recovery_mode))
            self.buttons.addButton(self.mode_button, QDialogButtonBox.ButtonRole.ActionRole)

        self.unlock_button.setText(escape(_("Unlock")))
        self.quit_button.setText(escape(_("Quit")))
        self._captions = {
            False: escape(_("Passphrase")) + ":",
            True: escape(_("Recovery key")) + ":",
        }
        self._switch_texts = {
            False: escape(_("Use recovery key…")),
            True: escape(_("Use passphrase instead")),
        }
        for button in self.buttons.buttons():
            button.setAutoDefault(button is self.unlock_button)
        self.unlock_button.setDefault(True)

        layout = QVBoxLayout(self)
        self.intro = text_label("", self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.location_label = text_label(self.location, self)
        self.location_label.setTextInteractionFlags(SELECTABLE)
        self.location_label.setAccessibleName(_("Data location"))
        self.location_label.setAccessibleDescription(self.location)
        location_caption = QLabel(_("Data location") + ":", self)
        location_caption.setBuddy(self.location_label)
        form.addRow(location_caption, self.location_label)

        self.field = QLineEdit(self)
        self.field.setObjectName("secret")
        self.field.textEdited.connect(lambda _text: self.field.setAccessibleDescription(""))
        self.caption = QLabel(self)
        self.caption.setBuddy(self.field)
        form.addRow(self.caption, self.field)
        layout.addLayout(form)

        self.hint = text_label(
            _(
                "A recovery key looks like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX (letters and "
                "digits). Upper or lower case and the dashes do not matter."
            ),
            self,
        )
        layout.addWidget(self.hint)
        self.message = message_label(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    def _show_mode(self) -> None:
        recovery = self.recovery_mode
        if recovery:
            self.intro.setText(
                _(
                    "Enter the recovery key that you printed or saved when the encryption was "
                    "set up. Afterwards you choose a new passphrase."
                )
            )
        else:
            self.intro.setText(
                _("The data of Lotse are encrypted. Enter your passphrase to open them.")
            )
        self.caption.setText(self._captions[recovery])
        self.field.setAccessibleName(_("Recovery key") if recovery else _("Passphrase"))
        self.field.setEchoMode(
            QLineEdit.EchoMode.Normal if recovery else QLineEdit.EchoMode.Password
        )
        self.hint.setVisible(recovery)
        if self.mode_button is not None:
            self.mode_button.setText(self._switch_texts[recovery])
        assign_mnemonics(self)  # the caption and the switch button have new texts

    # -- modes ----------------------------------------------------------------------------

    def set_recovery_mode(self, recovery: bool) -> None:
        """Switch between passphrase and recovery key (the field is emptied)."""
        if recovery and self._unlock_with_recovery is None:
            raise ValueError("no recovery key function given")
        self.recovery_mode = recovery
        self.field.clear()
        self.field.setAccessibleDescription("")
        announce(self.message, "")
        self._show_mode()
        fit_height(self)
        self.field.setFocus()

    # -- unlocking ------------------------------------------------------------------------

    @property
    def pausing(self) -> bool:
        """Input is paused after a wrong entry."""
        return self.pause.active

    def try_unlock(self) -> bool:
        """Unlock with the text typed (exactly as typed); True when the data key came back."""
        if self.pausing:
            return False
        text = self.field.text()
        recovery = self.recovery_mode
        if not text:
            empty = (
                _("Please enter the recovery key.")
                if recovery
                else _("Please enter your passphrase.")
            )
            self._tell(empty)
            self.field.setFocus()
            return False
        unlock = self._unlock_with_recovery if recovery else self._unlock
        assert unlock is not None
        failure: str | None = None
        with wait_cursor():
            try:
                key = unlock(text)
            except LotseError as error:
                failure = str(error) or _("The data could not be unlocked.")
        if failure is not None:
            self._failed(failure)
            return False
        self.field.clear()
        self.data_key = key
        self.used_recovery_key = recovery
        self.accept()
        return True

    def _tell(self, text: str) -> None:
        announce(self.message, text)
        grow_to_fit(self)
        self.field.setAccessibleDescription(text)  # read again when the field has the focus

    def _failed(self, message: str) -> None:
        self.field.clear()
        self._tell(message)
        self.message.setFocus()  # so that the focus does not jump to a button while paused
        self.pause.start()

    def _end_pause(self) -> None:
        self.field.setFocus()

    def _set_input_enabled(self, enabled: bool) -> None:
        self.field.setEnabled(enabled)
        self.unlock_button.setEnabled(enabled)
        if self.mode_button is not None:
            self.mode_button.setEnabled(enabled)

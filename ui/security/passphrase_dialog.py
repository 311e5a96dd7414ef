"""Choosing a passphrase: at the first start (with the warning that nobody can recover forgotten
secrets) and when changing it, with live strength feedback.

``assess`` rates a passphrase (any object with ``acceptable``, ``score`` 0..4, ``label`` and
``hint``); OK stays disabled until it is acceptable and repeated exactly. What the user typed is
returned unchanged in ``passphrase`` (no stripping: spaces count).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.mnemonics import escape
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

__all__ = ["RETRY_DELAY_MS", "Assessment", "NewPassphraseDialog"]

MAX_SCORE = 4


class Assessment(Protocol):
    """How strong a passphrase is (``app.db.keys.PassphraseAssessment`` fits)."""

    @property
    def acceptable(self) -> bool: ...

    @property
    def score(self) -> int: ...  # 0 (too weak) .. 4 (very good)

    @property
    def label(self) -> str: ...  # e.g. "fair"

    @property
    def hint(self) -> str: ...  # what to improve, "" if nothing


class NewPassphraseDialog(PausingDialog):
    """New passphrase twice (and the current one with ``verify_current``); Enter = OK."""

    def __init__(
        self,
        assess: Callable[[str], Assessment],
        *,
        first_start: bool,
        verify_current: Callable[[str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._assess = assess
        self._verify_current = verify_current
        self.first_start = first_start
        self.passphrase = ""
        self.wants_recovery_key = False
        if first_start:
            self.setWindowTitle(_("Protect the data with a passphrase"))
        elif verify_current is not None:
            self.setWindowTitle(_("Change passphrase"))
        else:
            self.setWindowTitle(_("Choose a new passphrase"))
        self.setMinimumWidth(540)

        self.pause = RetryPause(self._set_current_enabled, self)
        self.pause.ended.connect(self._end_pause)

        self._build()
        self._update()
        fit_height(self)
        (self.current_field or self.new_field).setFocus()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(button is self.ok_button)
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        if self.first_start:
            layout.addWidget(self._first_start_explanation())
        else:
            layout.addWidget(
                text_label(
                    _("Choose a new passphrase. You will need it at every start of Lotse."),
                    self,
                )
            )
        layout.addSpacing(6)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.current_field: QLineEdit | None = None
        if self._verify_current is not None:
            self.current_field = self._field(form, _("Current passphrase"))
        self.new_field = self._field(form, _("New passphrase"))
        self.repeat_field = self._field(form, _("Repeat passphrase"))
        self.show_check = QCheckBox(escape(_("Show the new passphrase")), self)
        self.show_check.toggled.connect(self._show_typed)
        form.addRow("", self.show_check)
        layout.addLayout(form)

        self.strength_bar = QProgressBar(self)
        self.strength_bar.setRange(0, MAX_SCORE)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumWidth(180)
        self.strength_bar.setAccessibleName(_("Passphrase strength"))
        self.strength_label = text_label("", self, bold=True)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_label, 1)
        strength_row.addWidget(self.strength_bar)
        layout.addLayout(strength_row)
        # Room for a two-line hint and the match line, so that the dialog does not jump as one
        # types (it still grows when a translation needs more).
        line = self.fontMetrics().lineSpacing()
        self.hint_label = text_label("", self)
        self.hint_label.setMinimumHeight(2 * line)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.hint_label)
        self.match_label = text_label("", self, bold=True)
        self.match_label.setMinimumHeight(line)
        layout.addWidget(self.match_label)

        self.recovery_check: QCheckBox | None = None
        if self.first_start:
            layout.addSpacing(6)
            self.recovery_check = QCheckBox(escape(_("Create a recovery key (recommended)")), self)
            self.recovery_check.setChecked(True)
            explanation = _(
                "The recovery key opens the data if the passphrase is forgotten. It is shown "
                "once, to print or to write down."
            )
            self.recovery_check.setAccessibleDescription(explanation)
            layout.addWidget(self.recovery_check)
            recovery_note = text_label(explanation, self)
            recovery_note.setContentsMargins(24, 0, 0, 0)
            layout.addWidget(recovery_note)

        self.message = message_label(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for field in (self.current_field, self.new_field, self.repeat_field):
            if field is not None:
                field.textChanged.connect(lambda _text: self._update())

    def _first_start_explanation(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("encryptionExplanation")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(
            text_label(
                _(
                    "Lotse encrypts the data on this computer. You need the passphrase at every "
                    "start of Lotse."
                ),
                box,
            )
        )
        self.warning_label = text_label(
            _("Important:")
            + " "
            + _(
                "Whoever forgets both the passphrase and the recovery key loses access to all "
                "data. Nobody — not even support — can recover them."
            ),
            box,
            bold=True,
        )
        box_layout.addWidget(self.warning_label)
        box_layout.addWidget(
            text_label(
                _(
                    "Tip: several unrelated words make a passphrase that is strong and easy to "
                    "remember."
                ),
                box,
            )
        )
        return box

    def _field(self, form: QFormLayout, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        caption = QLabel(escape(name) + ":", self)
        caption.setBuddy(field)
        form.addRow(caption, field)
        return field

    # -- feedback -------------------------------------------------------------------------

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.new_field.setEchoMode(mode)
        self.repeat_field.setEchoMode(mode)

    def _update(self) -> None:
        new, repeat = self.new_field.text(), self.repeat_field.text()
        if new:
            assessment = self._assess(new)
            score = max(0, min(MAX_SCORE, assessment.score))
            strength = _("Strength: {label}").format(label=assessment.label)
            hint, acceptable = assessment.hint, assessment.acceptable
        else:
            score, strength, hint, acceptable = 0, _("Strength: –"), "", False
        self.strength_bar.setValue(score)
        self.strength_bar.setAccessibleDescription(strength)
        self.strength_label.setText(strength)
        self.hint_label.setText(hint)
        self.new_field.setAccessibleDescription(" ".join(t for t in (strength, hint) if t))

        if not repeat:
            match = ""
        elif repeat == new:
            match = _("The passphrases match.")
        else:
            match = _("The passphrases differ.")
        self.match_label.setText(match)
        self.repeat_field.setAccessibleDescription(match)
        self.ok_button.setEnabled(self.ready(acceptable))
        grow_to_fit(self)

    def ready(self, acceptable: bool | None = None) -> bool:
        """OK may be pressed: strong enough, repeated exactly, current one typed."""
        new = self.new_field.text()
        if acceptable is None:
            acceptable = bool(new) and self._assess(new).acceptable
        current_given = self.current_field is None or bool(self.current_field.text())
        return (
            acceptable
            and new == self.repeat_field.text()
            and current_given
            and not self.pause.active
        )

    # -- accepting ------------------------------------------------------------------------

    def accept(self) -> None:
        if not self.ready():
            return
        if self._verify_current is not None and self.current_field is not None:
            with wait_cursor():
                correct = self._verify_current(self.current_field.text())
            if not correct:
                self._current_wrong()
                return
        self.passphrase = self.new_field.text()
        self.wants_recovery_key = self.recovery_check is not None and (
            self.recovery_check.isChecked()
        )
        super().accept()

    def _current_wrong(self) -> None:
        assert self.current_field is not None
        self.current_field.clear()
        text = _("The current passphrase is wrong.")
        announce(self.message, text)
        grow_to_fit(self)
        self.current_field.setAccessibleDescription(text)
        self.message.setFocus()
        self.pause.start()
        self._update()

    def _end_pause(self) -> None:
        if self.current_field is not None:
            self.current_field.setFocus()
        self._update()

    def _set_current_enabled(self, enabled: bool) -> None:
        if self.current_field is not None:
            self.current_field.setEnabled(enabled)

    @property
    def pausing(self) -> bool:
        return self.pause.active

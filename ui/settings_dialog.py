"""The dialog that edits the office settings (also shown once at the first start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.i18n import _
from app.models.office_settings import (
    CALENDAR_DETAILS,
    MAX_LOCK_MINUTES,
    WEEK_SETTINGS,
    OfficeSettings,
    label,
)
from app.services.settings import load_settings, save_settings, trimmed
from app.vocab import Program
from ui.mnemonics import escape
from ui.operations import Operations

# Text fields above the Förderbereich checkboxes, in form order.
OFFICE_FIELDS = ("provider", "district", "state", "approving_body", "funding_reference")


class SettingsDialog(QDialog):
    """Edits OfficeSettings; OK saves through the settings service and keeps the dialog open
    with one message when the entries are not valid."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        *,
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.saved_settings: OfficeSettings | None = None
        if first_start:
            self.setWindowTitle(_("Welcome to Lotse – first setup"))
            intro_text = _(
                "Welcome! Please enter the details of your office once. They appear on "
                "support plans and reports, and you can change them later under Settings."
            )
        else:
            self.setWindowTitle(_("Settings"))
            intro_text = _("These details appear on support plans and reports.")
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        intro = QLabel(intro_text, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(8)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name in OFFICE_FIELDS:
            self._add_line_edit(name)
        self._add_programs()
        self._add_line_edit("coordinator_name")
        self._add_logo()
        self._add_lock_minutes()
        self._add_follow_up_horizon()
        self._add_aftercare_weeks()
        self._add_calendar_detail()
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.set_settings(load_settings(lotse.reads))

    # -- building -------------------------------------------------------------------------

    def _add_row(self, name: str, field: QWidget, buddy: QWidget) -> None:
        caption = QLabel(escape(label(name)) + ":", self)
        caption.setBuddy(buddy)
        self.labels[name] = caption
        self.form.addRow(caption, field)

    def _add_line_edit(self, name: str) -> None:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(label(name))
        self.edits[name] = edit
        self._add_row(name, edit, edit)

    def _add_lock_minutes(self) -> None:
        spin = QSpinBox(self)
        spin.setObjectName("lock_minutes")
        spin.setRange(0, MAX_LOCK_MINUTES)  # the box cannot take more (and shows its range)
        spin.setSpecialValueText(_("never"))
        spin.setAccessibleName(label("lock_minutes"))
        spin.setToolTip(_("Ctrl+L locks at once, wherever you are."))
        self.lock_minutes = spin
        self._add_row("lock_minutes", spin, spin)

    def _add_weeks(self, name: str, tooltip: str) -> QSpinBox:
        """A spin box for one of the week settings, limited to its range."""
        _default, least, most = WEEK_SETTINGS[name]
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(least, most)
        spin.setAccessibleName(label(name))
        spin.setToolTip(tooltip)
        self._add_row(name, spin, spin)
        return spin

    def _add_follow_up_horizon(self) -> None:
        self.follow_up_horizon_weeks = self._add_weeks(
            "follow_up_horizon_weeks",
            _(
                "How many weeks ahead the overview lists follow-ups under “Coming up”, and "
                "how far the follow-ups page looks when it opens."
            ),
        )

    def _add_aftercare_weeks(self) -> None:
        self.check_in_weeks = self._add_weeks(
            "check_in_weeks",
            _(
                "While an employment runs, a follow-up reminds you every so many weeks to "
                "check in with the employee and the employer (until the end of aftercare)."
            ),
        )
        self.risk_weeks = self._add_weeks(
            "risk_weeks",
            _(
                "An employment is listed as at risk when the person has had no contact note "
                "for so many weeks (or the probation ends within 4 weeks)."
            ),
        )
        self.approval_weeks = self._add_weeks(
            "approval_weeks",
            _(
                "A measure applied for gets a follow-up when it is still not approved so "
                "many weeks after the application."
            ),
        )

    def _add_calendar_detail(self) -> None:
        combo = QComboBox(self)
        combo.setObjectName("calendar_detail")
        for code, text in CALENDAR_DETAILS.items():
            combo.addItem(_(text), code)
        combo.setAccessibleName(label("calendar_detail"))
        combo.setToolTip(
            _(
                "What the appointments of “Export follow-ups to Outlook” name besides the "
                "follow-up's title: nothing, the person's initials, or the full name. Notes "
                "and other personal details are never exported."
            )
        )
        self.calendar_detail = combo
        self._add_row("calendar_detail", combo, combo)

    def _week_spins(self) -> dict[str, QSpinBox]:
        return {
            "follow_up_horizon_weeks": self.follow_up_horizon_weeks,
            "check_in_weeks": self.check_in_weeks,
            "risk_weeks": self.risk_weeks,
            "approval_weeks": self.approval_weeks,
        }

    def _add_programs(self) -> None:
        box = QWidget(self)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.program_boxes: dict[Program, QCheckBox] = {}
        for program in Program:
            check = QCheckBox(escape(program.label), box)
            check.setObjectName(f"program_{program.value}")
            check.setAccessibleName(program.label)
            check.setAccessibleDescription(label("programs"))
            box_layout.addWidget(check)
            self.program_boxes[program] = check
        self._add_row("programs", box, next(iter(self.program_boxes.values())))

    def _add_logo(self) -> None:
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(row)
        edit.setObjectName("logo_path")
        edit.setAccessibleName(label("logo_path"))
        edit.setPlaceholderText(_("optional: PNG or JPEG"))
        self.edits["logo_path"] = edit
        self.browse_button = QPushButton(_("&Browse…"), row)
        self.browse_button.setAccessibleDescription(_("Choose logo file"))  # name: as shown
        self.browse_button.clicked.connect(self._browse_logo)
        row_layout.addWidget(edit, 1)
        row_layout.addWidget(self.browse_button)
        self._add_row("logo_path", row, edit)

    # -- values ---------------------------------------------------------------------------

    def set_settings(self, settings: OfficeSettings) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(settings, name))
        for program, check in self.program_boxes.items():
            check.setChecked(program in settings.programs)
        self.lock_minutes.setValue(settings.lock_minutes)
        for name, spin in self._week_spins().items():
            spin.setValue(getattr(settings, name))
        index = self.calendar_detail.findData(settings.calendar_detail)
        self.calendar_detail.setCurrentIndex(max(index, 0))

    def settings(self) -> OfficeSettings:
        values = {name: edit.text() for name, edit in self.edits.items()}
        programs = frozenset(p for p, check in self.program_boxes.items() if check.isChecked())
        return OfficeSettings(
            programs=programs,
            lock_minutes=self.lock_minutes.value(),
            calendar_detail=str(self.calendar_detail.currentData()),
            **{name: spin.value() for name, spin in self._week_spins().items()},
            **values,
        )

    def field_widget(self, name: str) -> QWidget:
        if name == "programs":
            return next(iter(self.program_boxes.values()))
        if name == "lock_minutes":
            return self.lock_minutes
        if name in WEEK_SETTINGS:
            return self._week_spins()[name]
        if name == "calendar_detail":
            return self.calendar_detail
        return self.edits[name]

    # -- actions --------------------------------------------------------------------------

    def _browse_logo(self) -> None:
        current = self.edits["logo_path"].text().strip()
        start = str(Path(current).parent) if current else str(Path.home())
        path, _selected = QFileDialog.getOpenFileName(
            self, _("Choose logo file"), start, _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.edits["logo_path"].setText(path)

    def accept(self) -> None:
        settings = self.settings()
        changes = self._ops.run(
            lambda uow: save_settings(uow, settings),
            parent=self,
            failed=_("The settings were not saved:"),
            fields={
                name: self.field_widget(name)
                for name in (
                    *self.edits,
                    "programs",
                    "lock_minutes",
                    *WEEK_SETTINGS,
                    "calendar_detail",
                )
            },
        )
        if changes is None:
            return
        self.saved_settings = trimmed(settings)
        super().accept()

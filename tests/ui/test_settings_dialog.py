"""The settings dialog saves through the service and names every wrong field in one message."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from app.bootstrap import Lotse
from app.models.office_settings import (
    OfficeSettings,
    decode,
    encode,
    label,
    validation_errors,
)
from app.services.settings import has_settings, load_settings
from app.vocab import Program
from tests.conftest import EXAMPLE_SETTINGS
from ui.mnemonics import used_mnemonic
from ui.operations import Operations
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """Capture QMessageBox.warning texts instead of blocking on a modal box."""
    shown: list[str] = []

    def capture(parent, title, text, *args, **kwargs):
        shown.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", capture)
    return shown


def make_dialog(qtbot, lotse: Lotse, **kwargs) -> SettingsDialog:
    dialog = SettingsDialog(lotse, Operations(lotse), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_new_dialog_shows_the_defaults(qtbot, lotse):
    dialog = make_dialog(qtbot, lotse)
    assert dialog.windowTitle() == "Einstellungen"
    assert dialog.edits["state"].text() == "Sachsen-Anhalt"
    assert all(check.isChecked() for check in dialog.program_boxes.values())
    assert dialog.edits["provider"].text() == ""


def test_first_start_title(qtbot, lotse):
    dialog = make_dialog(qtbot, lotse, first_start=True)
    assert dialog.windowTitle() == "Willkommen bei Lotse – Ersteinrichtung"


def test_ok_saves_the_values_into_the_database(qtbot, lotse, tmp_path: Path, warnings):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    dialog = make_dialog(qtbot, lotse)
    dialog.edits["provider"].setText("  Stadt Magdeburg – Jobcenter  ")
    dialog.edits["district"].setText("Magdeburg")
    dialog.edits["funding_reference"].setText("ZS/2025/04711")
    dialog.edits["coordinator_name"].setText("Şükrü Yılmaz")
    dialog.edits["logo_path"].setText(str(logo))
    dialog.program_boxes[Program.TRAINING].setChecked(False)
    click_ok(dialog)

    assert warnings == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = OfficeSettings(
        provider="Stadt Magdeburg – Jobcenter",
        district="Magdeburg",
        funding_reference="ZS/2025/04711",
        programs=frozenset({Program.JOKO}),
        coordinator_name="Şükrü Yılmaz",
        logo_path=str(logo),
    )
    with lotse.unit_of_work() as uow:
        assert load_settings(uow) == expected
    assert dialog.saved_settings == expected


def test_dialog_shows_stored_settings(qtbot, configured_lotse):
    dialog = make_dialog(qtbot, configured_lotse)
    assert dialog.settings() == EXAMPLE_SETTINGS


def test_empty_provider_keeps_the_dialog_open_and_names_the_field(
    qtbot, configured_lotse, warnings
):
    dialog = make_dialog(qtbot, configured_lotse)
    dialog.edits["provider"].clear()
    click_ok(dialog)

    assert len(warnings) == 1
    assert "Träger" in warnings[0]
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.focusWidget() is dialog.edits["provider"]
    with configured_lotse.unit_of_work() as uow:
        assert load_settings(uow).provider == EXAMPLE_SETTINGS.provider


def test_all_errors_in_one_message_and_nothing_stored(qtbot, lotse, warnings):
    dialog = make_dialog(qtbot, lotse)
    dialog.edits["district"].setText("Saalekreis")
    for check in dialog.program_boxes.values():
        check.setChecked(False)
    click_ok(dialog)

    assert len(warnings) == 1
    for name in ("provider", "coordinator_name", "programs"):
        assert f"{label(name)}: " in warnings[0]
    assert dialog.focusWidget() is dialog.edits["provider"]
    with lotse.unit_of_work() as uow:
        assert not has_settings(uow)


def test_first_wrong_field_gets_the_focus(qtbot, configured_lotse, warnings):
    dialog = make_dialog(qtbot, configured_lotse)
    dialog.edits["coordinator_name"].setText(" ")
    click_ok(dialog)
    assert dialog.focusWidget() is dialog.edits["coordinator_name"]


def test_every_input_has_an_accessible_name_or_a_label(qtbot, lotse):
    dialog = make_dialog(qtbot, lotse)
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    edits = [e for e in dialog.findChildren(QLineEdit) if not isinstance(e.parent(), QSpinBox)]
    inputs = (
        edits
        + dialog.findChildren(QCheckBox)
        + dialog.findChildren(QSpinBox)
        + dialog.findChildren(QComboBox)
    )
    # with the aftercare weeks (check-in, at risk), approval and the calendar's detail
    assert len(inputs) == 15
    for widget in inputs:
        assert widget.accessibleName().strip() or widget in buddies, widget.objectName()
    for button in dialog.findChildren(QDialogButtonBox)[0].buttons() + [dialog.browse_button]:
        assert button.text().strip() and (button.accessibleName() or button.text())


def test_labels_have_distinct_mnemonics_and_are_not_clipped(qtbot, lotse):
    dialog = make_dialog(qtbot, lotse)
    mnemonics = [used_mnemonic(caption.text()) for caption in dialog.labels.values()]
    mnemonics.append(used_mnemonic(dialog.browse_button.text()))
    assert None not in mnemonics
    assert len(set(mnemonics)) == len(mnemonics)
    for caption in dialog.labels.values():
        assert caption.width() >= caption.minimumSizeHint().width(), caption.text()
    labels_text = [caption.text().replace("&", "") for caption in dialog.labels.values()]
    assert any("Träger" in text for text in labels_text)


def test_browse_puts_the_chosen_file_into_the_logo_field(qtbot, lotse, monkeypatch, tmp_path):
    chosen = str(tmp_path / "wappen.jpg")
    monkeypatch.setattr(
        "ui.settings_dialog.QFileDialog.getOpenFileName",
        lambda *args, **kwargs: (chosen, "Bilder (*.png *.jpg *.jpeg)"),
    )
    dialog = make_dialog(qtbot, lotse)
    dialog.browse_button.click()
    assert dialog.edits["logo_path"].text() == chosen


def test_the_lock_minutes_are_stored_and_shown_again(qtbot, lotse):
    dialog = make_dialog(qtbot, lotse)
    assert dialog.lock_minutes.value() == 10  # the default
    dialog.set_settings(EXAMPLE_SETTINGS)
    dialog.lock_minutes.setValue(3)
    dialog.accept()
    assert load_settings(lotse.reads).lock_minutes == 3
    again = make_dialog(qtbot, lotse)
    assert again.lock_minutes.value() == 3
    again.lock_minutes.setValue(999)  # the box cannot take more than its maximum
    assert again.lock_minutes.value() == 240


def test_the_follow_up_horizon_is_stored_and_shown_again(qtbot, configured_lotse):
    dialog = make_dialog(qtbot, configured_lotse)
    spin = dialog.follow_up_horizon_weeks
    assert spin.value() == 4  # the default
    assert (spin.minimum(), spin.maximum()) == (1, 26)
    assert spin.accessibleName() == label("follow_up_horizon_weeks")
    caption = dialog.labels["follow_up_horizon_weeks"]
    assert caption.buddy() is spin
    assert used_mnemonic(caption.text())
    spin.setValue(8)
    dialog.accept()
    assert load_settings(configured_lotse.reads).follow_up_horizon_weeks == 8
    again = make_dialog(qtbot, configured_lotse)
    assert again.follow_up_horizon_weeks.value() == 8
    again.follow_up_horizon_weeks.setValue(99)
    assert again.follow_up_horizon_weeks.value() == 26
    again.follow_up_horizon_weeks.setValue(0)
    assert again.follow_up_horizon_weeks.value() == 1


def test_the_follow_up_horizon_as_stored_text_and_its_range():
    assert encode(OfficeSettings())["follow_up_horizon_weeks"] == "4"
    assert decode({"follow_up_horizon_weeks": "12"}).follow_up_horizon_weeks == 12
    assert decode({"follow_up_horizon_weeks": "viele"}).follow_up_horizon_weeks == 4
    assert decode({}).follow_up_horizon_weeks == 4
    for weeks, valid in ((0, False), (1, True), (26, True), (27, False)):
        settings = replace(EXAMPLE_SETTINGS, follow_up_horizon_weeks=weeks)
        errors = validation_errors(settings)
        assert [e.field for e in errors] == ([] if valid else ["follow_up_horizon_weeks"])
        if not valid:
            assert errors[0].label == label("follow_up_horizon_weeks")
            assert "26" in errors[0].message


@pytest.mark.parametrize(
    ("name", "default", "chosen"), [("check_in_weeks", 4, 2), ("risk_weeks", 6, 9)]
)
def test_the_aftercare_weeks_are_stored_and_shown_again(
    qtbot, configured_lotse, name, default, chosen
):
    dialog = make_dialog(qtbot, configured_lotse)
    spin = getattr(dialog, name)
    assert spin.value() == default
    assert (spin.minimum(), spin.maximum()) == (1, 26)
    assert spin.accessibleName() == label(name)
    caption = dialog.labels[name]
    assert caption.buddy() is spin and used_mnemonic(caption.text())
    assert dialog.field_widget(name) is spin
    spin.setValue(chosen)
    dialog.accept()
    assert getattr(load_settings(configured_lotse.reads), name) == chosen
    reopened = make_dialog(qtbot, configured_lotse)
    again = getattr(reopened, name)
    assert again.value() == chosen
    again.setValue(99)
    assert again.value() == 26


def test_the_calendar_detail_is_chosen_and_stored(qtbot, configured_lotse):
    dialog = make_dialog(qtbot, configured_lotse)
    combo = dialog.calendar_detail
    assert combo.currentText() == "Initialen und Titel"  # the default
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "nur Titel",
        "Initialen und Titel",
        "Name und Titel",
    ]
    assert dialog.labels["calendar_detail"].buddy() is combo
    combo.setCurrentIndex(combo.findData("title"))
    click_ok(dialog)
    assert load_settings(configured_lotse.reads).calendar_detail == "title"


def test_an_unknown_calendar_detail_is_refused_and_decoded_as_the_default():
    settings = replace(EXAMPLE_SETTINGS, calendar_detail="everything")
    errors = validation_errors(settings)
    assert [e.field for e in errors] == ["calendar_detail"]
    assert "nur Titel" in errors[0].message
    assert decode({**encode(EXAMPLE_SETTINGS), "calendar_detail": "x"}).calendar_detail == (
        "initials"
    )

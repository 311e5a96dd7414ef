"""Einwilligungen: new consents, withdrawal with its date, withdrawn ones stay visible."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import Lotse
from app.services.consents import ConsentInput, add_consent, consents_of
from app.vocab import ConsentPurpose
from tests.services.helpers import add_person
from tests.ui.helpers import show
from ui.participant.consents_panel import (
    WITHDRAWN,
    ConsentDialog,
    ConsentModel,
    ConsentsPanel,
    WithdrawDialog,
)
from ui.widgets.colours import alert_colour

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

TODAY = date.today()


def add_example_consent(lotse: Lotse, pid: int, given_on: date, recipient: str) -> int:
    data = ConsentInput(ConsentPurpose.SHARE_JOB_CENTER, recipient, given_on, "v1")
    with lotse.unit_of_work() as uow:
        return add_consent(uow, pid, data)


def stored(lotse: Lotse, pid: int):
    with lotse.unit_of_work() as uow:
        return consents_of(uow, pid)


def row_texts(model: ConsentModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_new_consent_is_stored_and_listed(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    panel = show(qtbot, ConsentsPanel(lotse, ops, pid))
    assert panel.summary.text() == "Keine Einwilligungen erfasst."
    assert not panel.withdraw_button.isEnabled()

    def fill(dialog: ConsentDialog) -> int:
        assert dialog.given_on.date() == TODAY  # prefilled
        dialog.purpose.set_value(ConsentPurpose.SHARE_EMPLOYER)
        dialog.recipient.setText("Bäckerei Sonnenschein")
        dialog.text_version.setText("2026-01")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ConsentDialog, "exec", fill)
    with qtbot.waitSignal(ops.changed, timeout=1000):
        panel.new_button.click()
    [consent] = stored(lotse, pid)
    assert consent.purpose == ConsentPurpose.SHARE_EMPLOYER
    assert consent.given_on == TODAY
    assert row_texts(panel.model, 0) == [
        ConsentPurpose.SHARE_EMPLOYER.label,
        "Bäckerei Sonnenschein",
        TODAY.strftime("%d.%m.%Y"),
        "2026-01",
        "",
        "",
    ]
    assert panel.withdraw_button.isEnabled()


def test_headers_use_the_german_field_names(qtbot, lotse, ops):
    pid = add_person(lotse, "Haddad", "Amal")
    panel = show(qtbot, ConsentsPanel(lotse, ops, pid))
    headers = [
        panel.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(panel.model.columnCount())
    ]
    assert headers[0] == "Zweck"
    assert headers[2] == "Erteilt am"
    assert headers[WITHDRAWN] == "Widerrufen am"


def test_consent_dialog_names_every_missing_field(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    dialog = show(qtbot, ConsentDialog(lotse, ops, pid))
    dialog.given_on.setText("")
    dialog.accept()
    assert len(warnings) == 1
    for name in ("Zweck:", "Empfänger:", "Erteilt am:"):
        assert name in warnings[0]
    assert dialog.focusWidget() is dialog.purpose
    assert stored(lotse, pid) == []


def test_withdrawn_consent_stays_visible_with_its_date(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Haddad", "Amal")
    add_example_consent(lotse, pid, TODAY - timedelta(days=60), "Jobcenter Harz")
    add_example_consent(lotse, pid, TODAY - timedelta(days=30), "Jobcenter Magdeburg")
    panel = show(qtbot, ConsentsPanel(lotse, ops, pid))
    withdrawn_on = TODAY - timedelta(days=2)

    def withdraw(dialog: WithdrawDialog) -> int:
        assert dialog.withdrawn_on.date() == TODAY  # the default
        dialog.withdrawn_on.set_date(withdrawn_on)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(WithdrawDialog, "exec", withdraw)
    panel.view.selectRow(1)  # the older one, Jobcenter Harz
    assert panel.withdraw_selected()

    consents = {c.recipient: c for c in stored(lotse, pid)}
    assert consents["Jobcenter Harz"].withdrawn_on == withdrawn_on
    assert consents["Jobcenter Magdeburg"].withdrawn_on is None

    assert panel.model.rowCount() == 2  # nothing hidden
    row = 1
    assert panel.model.index(row, 1).data() == "Jobcenter Harz"
    cell = panel.model.index(row, WITHDRAWN)
    assert cell.data() == withdrawn_on.strftime("%d.%m.%Y")
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == alert_colour(QApplication.palette())
    assert "widerrufen am" in cell.data(Qt.ItemDataRole.AccessibleTextRole)
    assert panel.model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "Widerrufen am" in panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert panel.summary.text() == "1 gültig, 1 widerrufen."

    panel.view.selectRow(row)
    assert not panel.withdraw_button.isEnabled()
    assert panel.withdraw_selected() is False


def test_withdrawal_before_the_consent_is_refused(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Haddad", "Amal")
    add_example_consent(lotse, pid, TODAY - timedelta(days=10), "Jobcenter Harz")
    [consent] = stored(lotse, pid)
    dialog = show(qtbot, WithdrawDialog(lotse, ops, pid, consent))
    dialog.withdrawn_on.set_date(TODAY - timedelta(days=20))
    dialog.accept()
    assert "Widerrufen am:" in warnings[0]
    assert dialog.isVisible()
    assert stored(lotse, pid)[0].withdrawn_on is None


def test_consent_model_passes_the_model_tester(qtmodeltester, lotse):
    pid = add_person(lotse, "Haddad", "Amal")
    add_example_consent(lotse, pid, TODAY - timedelta(days=5), "A")
    add_example_consent(lotse, pid, TODAY - timedelta(days=4), "B")
    model = ConsentModel()
    model.set_rows(stored(lotse, pid))
    qtmodeltester.check(model)

"""Stellenangebote on screen: the list with its filter and the expired flag in words, the offer
dialog refusing a bad date, and the matches both ways with their verdicts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.job_offers import (
    OfferInput,
    StatusFilter,
    create_offer,
    offer_record,
    withdraw_offer,
)
from app.vocab import GermanLevel, JobOfferStatus, WorkingTimePreference
from tests.services.helpers import run
from tests.services.test_job_offers import add_employer
from tests.services.test_matching import job, joko
from ui.job_offer.dialog import MATCHES_TAB, PLACEMENTS_TAB, JobOfferDialog
from ui.job_offer.matches import MatchModel
from ui.pages.job_offers_page import JobOffersPage, OfferTableModel
from ui.participant.matching_panel import MatchingPanel

TODAY = date.today()
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def cell(model, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def column_of(model: MatchModel, header: str) -> int:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


@pytest.fixture
def offers(lotse) -> dict[str, int]:
    employer = add_employer(lotse, name="Autohaus Müller")
    past = TODAY - timedelta(days=3)

    def add(title: str, **values) -> int:
        created = run(lotse, create_offer, job(employer, title, **values)).created
        assert created is not None
        return created

    made = {
        "open": add("Lagerhelfer:in (m/w/d)"),
        "expired": add(
            "Kfz-Mechatroniker:in", start_on=past - timedelta(days=60), valid_until=past
        ),
        "filled": add("Berufskraftfahrer:in", status=JobOfferStatus.FILLED),
        "withdrawn": add("Bürokraft"),
    }
    run(lotse, withdraw_offer, made["withdrawn"])
    return made


def test_the_filter_lists_each_status_and_says_expired_in_words(
    qtbot, qtmodeltester, lotse, ops, offers
):
    page = JobOffersPage("Stellenangebote", lotse, ops)
    qtbot.addWidget(page)
    model = page.model
    qtmodeltester.check(model)

    def titles() -> list[str]:
        return [cell(model, row, OfferTableModel.TITLE) for row in range(model.rowCount())]

    assert page.current_filter() == StatusFilter.OPEN
    assert titles() == ["Lagerhelfer:in (m/w/d)"]
    assert page.count_label.text() == "1 Stellenangebot"
    boxes = [page.status_filter.itemText(i) for i in range(page.status_filter.count())]
    assert boxes == ["offen (1)", "besetzt (1)", "abgelaufen (1)", "zurückgezogen (1)", "alle (4)"]

    page.set_filter(StatusFilter.EXPIRED)
    assert titles() == ["Kfz-Mechatroniker:in"]
    day = (TODAY - timedelta(days=3)).strftime("%d.%m.%Y")
    assert cell(model, 0, OfferTableModel.VALID_UNTIL) == f"{day} · abgelaufen"
    assert cell(model, 0, OfferTableModel.VALID_UNTIL, ACCESSIBLE) == f"{day}, abgelaufen"
    assert cell(model, 0, OfferTableModel.STATUS) == "offen, abgelaufen"
    assert "Verlängern, als besetzt markieren oder zurückziehen" in cell(
        model, 0, OfferTableModel.TITLE, TOOLTIP
    )
    assert cell(model, 0, OfferTableModel.VALID_UNTIL, Qt.ItemDataRole.ForegroundRole) is not None

    page.set_filter(StatusFilter.FILLED)
    assert titles() == ["Berufskraftfahrer:in"]
    page.set_filter(StatusFilter.WITHDRAWN)
    assert titles() == ["Bürokraft"]
    assert cell(model, 0, OfferTableModel.STATUS) == "zurückgezogen"
    page.set_filter(StatusFilter.ALL)
    assert len(titles()) == 4
    assert cell(model, 0, OfferTableModel.EMPLOYER) == "Autohaus Müller"
    assert cell(model, 0, OfferTableModel.PLACE) == "06108 Halle (Saale)"

    qtbot.keyClicks(page.search, "mueller kfz")
    page.refresh()  # what the search timer does
    assert titles() == ["Kfz-Mechatroniker:in"]


def test_a_new_offer_with_a_bad_date_is_refused_then_stored(qtbot, lotse, ops, warnings):
    employer = add_employer(lotse, name="Pflegedienst Sonnenschein GmbH")
    dialog = JobOfferDialog(lotse, ops, None)
    qtbot.addWidget(dialog)
    dialog.show()  # the chooser lists its hits only while shown
    assert dialog.windowTitle() == "Neues Stellenangebot"
    assert not dialog.tabs.isTabEnabled(MATCHES_TAB)
    dialog.title_edit.setText("Pflegehelfer:in (m/w/d)")
    qtbot.keyClicks(dialog.employer.search, "sonnen")
    assert dialog.employer.hits.isVisibleTo(dialog)
    qtbot.keyClick(dialog.employer.search, Qt.Key.Key_Return)
    assert dialog.employer.organization_id == employer
    # the employer's place fills the empty place of work
    assert (dialog.location.text(), dialog.postal_code.text()) == ("Halle (Saale)", "06108")
    dialog.hours.setText("38,5")
    dialog.wage.setText("13,50")
    dialog.start_on.setText("01.06.2027")
    dialog.valid_until.setText("01.05.2027")
    dialog.min_german_level.set_value(GermanLevel.A2)

    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(warnings) == 1
    assert "Das Stellenangebot wurde nicht gespeichert:" in warnings[0]
    assert "• Gültig bis: Das Datum darf nicht vor Beginn (01.06.2027) liegen." in warnings[0]
    (count,) = lotse.reads.one("SELECT count(*) FROM job_offer")
    assert count == 0

    dialog.wage.setText("13 Euro")  # unreadable: named before the service is asked
    dialog.accept()
    assert "• Stundenlohn (€): Bitte geben Sie einen Betrag wie 13,50 ein." in warnings[1]

    dialog.wage.setText("13,50")
    dialog.valid_until.setText("31.08.2027")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(warnings) == 2
    assert dialog.saved_id is not None
    record = offer_record(lotse.reads, dialog.saved_id)
    assert record is not None
    assert record.data == OfferInput(
        title="Pflegehelfer:in (m/w/d)",
        employer_id=employer,
        location="Halle (Saale)",
        location_postal_code="06108",
        hours_per_week=38.5,
        start_on=date(2027, 6, 1),
        hourly_wage_cents=1350,
        min_german_level=GermanLevel.A2,
        acquired_on=TODAY,
        valid_until=date(2027, 8, 31),
    )


@pytest.mark.usefixtures("no_unexpected_boxes")
def test_matches_both_ways_with_their_verdicts(qtbot, qtmodeltester, lotse, ops):
    employer = add_employer(lotse)
    care = run(lotse, create_offer, job(employer, "Pflegehelfer:in (m/w/d)")).created
    run(
        lotse,
        create_offer,
        job(employer, "Pflegehelfer:in", location="Magdeburg", location_postal_code="39104"),
    )
    fits = joko(lotse, "Şahin")
    part_time = joko(
        lotse, "Nowak", working_time_preference=WorkingTimePreference.PART_TIME, german_level=None
    )
    joko(lotse, "Haddad", employment_permitted=False)  # excluded

    dialog = JobOfferDialog(lotse, ops, care)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Stellenangebot – Pflegehelfer:in (m/w/d)"
    dialog.tabs.setCurrentIndex(MATCHES_TAB)
    model = dialog.match_model
    qtmodeltester.check(model)
    names = [cell(model, row, MatchModel.SUBJECT) for row in range(model.rowCount())]
    assert names == ["Şahin, Test", "Nowak, Test"]
    assert dialog.matches_summary.text() == "2 Personen passen"
    german = column_of(model, "Deutsch")
    assert cell(model, 0, german) == "✓ B1, gefordert A2"
    assert cell(model, 0, german, ACCESSIBLE) == "erfüllt: B1, gefordert A2"
    assert cell(model, 0, german, TOOLTIP) == "Deutsch – erfüllt: B1, gefordert A2"
    assert cell(model, 1, german) == "? gefordert A2, Niveau nicht erfasst"
    assert cell(model, 1, german, ACCESSIBLE) == "unbekannt: gefordert A2, Niveau nicht erfasst"
    working_time = column_of(model, "Arbeitszeit")
    assert cell(model, 1, working_time) == "✗ 39 Std., Wunsch Teilzeit"
    assert cell(model, 0, MatchModel.MET) == "6 von 6"
    assert cell(model, 1, MatchModel.MET, ACCESSIBLE) == "4 von 6 Kriterien erfüllt, 1 unbekannt"

    dialog.match_view.selectRow(0)
    changes = dialog.propose_selected()
    assert changes is not None and changes.placements and fits in changes.cases
    assert dialog.proposed.text() == "Şahin, Test wurde für dieses Angebot vorgeschlagen."
    dialog.tabs.setCurrentIndex(PLACEMENTS_TAB)  # the offer's placements list the proposal
    placed = dialog.placement_model
    qtmodeltester.check(placed)
    assert [
        [cell(placed, row, column) for column in range(placed.columnCount())]
        for row in range(placed.rowCount())
    ] == [["Test Şahin", "vorgeschlagen", date.today().strftime("%d.%m.%Y")]]

    panel = MatchingPanel(lotse, ops, part_time)
    qtbot.addWidget(panel)
    panel.reload()
    offers_model = panel.model
    qtmodeltester.check(offers_model)
    subjects = [cell(offers_model, r, MatchModel.SUBJECT) for r in range(offers_model.rowCount())]
    assert subjects == [
        "Pflegehelfer:in (m/w/d) – Pflegedienst Sonnenschein GmbH, Halle (Saale)",
        "Pflegehelfer:in – Pflegedienst Sonnenschein GmbH, Magdeburg",
    ]
    distance = column_of(offers_model, "Entfernung")
    assert cell(offers_model, 0, distance) == "✓ gleiche PLZ (Radius 25 km)"
    assert cell(offers_model, 1, distance) == "✗ ca. 76 km (Radius 25 km)"
    assert cell(offers_model, 1, distance, ACCESSIBLE) == "nicht erfüllt: ca. 76 km (Radius 25 km)"
    assert panel.summary.text() == "2 offene Stellenangebote passen, die besten zuerst."
    panel.view.selectRow(1)
    assert panel.propose_selected() is not None
    assert panel.proposed.text() == "Für „Pflegehelfer:in“ vorgeschlagen."

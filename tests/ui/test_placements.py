"""The tab Vermittlung: a proposal driven step by step to the contract (with the question
whether the offer is filled), an Absage with its reason, refused steps, the employments'
dialogs, the Kontaktverlauf with the stage changes, the employments at risk."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.bootstrap import Lotse
from app.models.jobs import JobOffer
from app.services.contact_notes import NoteInput, add_note, notes_of
from app.services.employments import employments_at_risk, employments_of
from app.services.participants import get_participant
from app.services.placements import (
    advance_placement,
    next_stages,
    placement_events_for_participant,
    placements_of_participant,
    propose_placement,
)
from app.vocab import (
    ContactKind,
    EmploymentEndReason,
    EmploymentKind,
    JobOfferStatus,
    ParticipantStatus,
    PlacementStage,
)
from tests.services.helpers import add_person, run
from tests.services.test_placements import advance, make_offer, propose, walk
from tests.ui.helpers import show
from ui.pages.employments_at_risk import AtRiskModel, EmploymentsAtRisk
from ui.participant.notes_panel import NoteModel, NotesPanel, timeline
from ui.participant.placements_panel import (
    ContractDialog,
    EmploymentDialog,
    EmploymentModel,
    EndEmploymentDialog,
    PlacementModel,
    PlacementsPanel,
    ProposeDialog,
    RejectDialog,
    placement_rows,
)

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")
S = PlacementStage
TODAY = date.today()


class Answers:
    """Answers for QMessageBox.question, in order; the questions asked are kept."""

    def __init__(self) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []


@pytest.fixture
def answers(monkeypatch) -> Answers:
    recorded = Answers()

    def answer(parent, title, text, *args, **kwargs):
        recorded.asked.append(f"{title}\n{text}")
        return recorded.queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    return recorded


def proposed(lotse: Lotse, pid: int, offer_id: int, days_ago: int) -> int:
    """A proposal ``days_ago`` days before today (the service tests' helpers use fixed days)."""
    on = TODAY - timedelta(days=days_ago)
    changes = run(lotse, propose_placement, pid, offer_id, on)
    assert changes.created is not None
    return changes.created


def offer_status(lotse: Lotse, offer_id: int) -> JobOfferStatus:
    with lotse.reading() as uow:
        offer = uow.session.get(JobOffer, offer_id)
        assert offer is not None
        return offer.status


def enabled_stages(panel: PlacementsPanel) -> list[PlacementStage]:
    return [stage for stage, button in panel.stage_buttons.items() if button.isEnabled()]


def test_a_placement_step_by_step_to_the_contract_and_the_offer_filled(
    qtbot, lotse, ops, monkeypatch, answers
):
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    make_offer(lotse, "Verkäufer:in", "Bäckerei Müller")
    panel = show(qtbot, PlacementsPanel(lotse, ops, pid))
    assert panel.model.rowCount() == 0 and enabled_stages(panel) == []

    def choose_and_propose(dialog: ProposeDialog) -> int:
        assert dialog.model.rowCount() == 2
        qtbot.keyClicks(dialog.search, "pflege")
        assert dialog.model.rowCount() == 1
        assert "Pflegedienst Sonnenschein" in dialog.model.index(0).data()
        dialog.on.set_date(TODAY - timedelta(days=10))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(ProposeDialog, "exec", choose_and_propose)
    placement_id = panel.propose()
    assert placement_id is not None
    [row] = placement_rows(panel)
    assert (row.id, row.stage, row.last_date) == (placement_id, S.PROPOSED, TODAY - timedelta(10))
    assert panel.model.index(0, PlacementModel.STAGE).data() == "vorgeschlagen"

    for stage, caption, days in (
        (S.APPLIED, "Beworben", 8),
        (S.INTERVIEW, "Vorstellungsgespräch", 5),
        (S.TRIAL_WORK, "Probearbeit", 3),
        (S.OFFER, "Zusage", 2),
    ):
        current = placement_rows(panel)[0].stage
        assert enabled_stages(panel) == next_stages(current)
        button = panel.stage_buttons[stage]
        assert button.text().replace("&", "") == caption
        panel.on.set_date(TODAY - timedelta(days=days))
        with qtbot.waitSignal(ops.changed, timeout=1000):
            button.click()
        assert placement_rows(panel)[0].stage == stage
    disabled = panel.stage_buttons[S.APPLIED]
    assert not disabled.isEnabled()
    assert "„beworben“ liegt vor „Zusage“" in disabled.toolTip()

    def sign(dialog: ContractDialog) -> int:
        assert dialog.dates["on"].date() == TODAY - timedelta(days=2)  # the panel's day
        dialog.dates["start"].set_date(TODAY + timedelta(days=5))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(ContractDialog, "exec", sign)
    answers.queue.append(QMessageBox.StandardButton.Yes)
    assert panel.advance(S.CONTRACT)
    assert answers.asked == [
        "Stellenangebot besetzt?\n"
        "Letzte Stelle besetzt – Angebot „Pflegehelfer:in“ auf besetzt setzen?"
    ]
    assert offer_status(lotse, offer_id) == JobOfferStatus.FILLED
    assert placement_rows(panel)[0].stage == S.CONTRACT
    assert enabled_stages(panel) == []
    [job] = employments_of(lotse.reads, pid)
    assert (job.start, job.occupation, job.employer_name) == (
        TODAY + timedelta(days=5),
        "Pflegehelfer:in",
        "Pflegedienst Sonnenschein",
    )
    assert panel.employment_model.rowCount() == 1
    assert panel.employment_model.index(0, EmploymentModel.END).data() == "läuft"
    with lotse.reading() as uow:
        assert get_participant(uow, pid).status == ParticipantStatus.EMPLOYED_AFTERCARE
    events = placement_events_for_participant(lotse.reads, pid)
    assert [e.stage for e in reversed(events)] == [
        S.PROPOSED,
        S.APPLIED,
        S.INTERVIEW,
        S.TRIAL_WORK,
        S.OFFER,
        S.CONTRACT,
    ]


def test_no_question_while_places_are_left_and_no_change_on_no(
    qtbot, lotse, ops, monkeypatch, answers
):
    pid = add_person(lotse, "Şahin", "Ayşe")
    two_places, _employer = make_offer(lotse, vacancies=2)
    one_place, _other = make_offer(lotse, "Verkäufer:in", "Bäckerei Müller")
    for offer_id in (two_places, one_place):
        walk(lotse, propose(lotse, pid, offer_id), S.OFFER)
    panel = show(qtbot, PlacementsPanel(lotse, ops, pid))
    monkeypatch.setattr(
        ContractDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1]
    )
    for offer_id, answer in ((two_places, None), (one_place, QMessageBox.StandardButton.No)):
        row = next(r for r in placement_rows(panel) if r.job_offer_id == offer_id)
        panel.view.selectRow(panel.model.row_of(row.id))
        if answer is not None:
            answers.queue.append(answer)
        assert panel.advance(S.CONTRACT)
    assert len(answers.asked) == 1 and "Verkäufer:in" in answers.asked[0]
    assert offer_status(lotse, two_places) == offer_status(lotse, one_place) == JobOfferStatus.OPEN


def test_a_rejection_asks_for_its_reason(qtbot, lotse, ops, monkeypatch, warnings):
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    placement_id = proposed(lotse, pid, offer_id, 3)
    panel = show(qtbot, PlacementsPanel(lotse, ops, pid))
    seen = {}

    def refuse(dialog: RejectDialog) -> int:
        show(qtbot, dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # no reason yet
        seen["stays"] = dialog.isVisible()
        seen["focus"] = dialog.focusWidget() is dialog.reason
        dialog.reason.setPlainText("Führerschein Klasse B fehlt")  # keyClicks: ASCII only
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(RejectDialog, "exec", refuse)
    panel.stage_buttons[S.REJECTED].click()
    assert seen == {"stays": True, "focus": True}
    assert len(warnings) == 1 and "Grund der Absage: Bitte geben Sie den Grund" in warnings[0]
    [row] = placements_of_participant(lotse.reads, pid)
    assert (row.id, row.stage, row.rejection_reason) == (
        placement_id,
        S.REJECTED,
        "Führerschein Klasse B fehlt",
    )
    assert "Grund: Führerschein Klasse B fehlt" in panel.model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert enabled_stages(panel) == []


def test_a_refused_step_shows_the_services_message_and_stores_nothing(qtbot, lotse, ops, warnings):
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    proposed(lotse, pid, offer_id, 3)
    panel = show(qtbot, PlacementsPanel(lotse, ops, pid))
    assert not panel.stage_buttons[S.INTERVIEW].isEnabled()
    assert "erst nach „beworben“" in panel.stage_buttons[S.INTERVIEW].toolTip()
    assert not panel.advance(S.INTERVIEW)  # what a click would do, were it enabled
    assert "„Vorstellungsgespräch“ ist erst nach „beworben“ möglich" in warnings[0]
    panel.on.setText("31.02.2026")
    assert not panel.advance(S.APPLIED)
    assert "Nächste Stufe am:" in warnings[1]
    assert placements_of_participant(lotse.reads, pid)[0].stage == S.PROPOSED
    assert len(placement_events_for_participant(lotse.reads, pid)) == 1


def employed_person(lotse: Lotse) -> tuple[int, int]:
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    placement_id = propose(lotse, pid, offer_id, date(2026, 11, 2))
    walk(lotse, placement_id, S.OFFER)
    employment_id = advance(lotse, placement_id, S.CONTRACT, start=TODAY - timedelta(days=1))
    return pid, employment_id.created


def test_editing_and_ending_an_employment(qtbot, lotse, ops, monkeypatch, warnings):
    pid, employment_id = employed_person(lotse)
    panel = show(qtbot, PlacementsPanel(lotse, ops, pid))
    assert panel.edit_button.isEnabled() and panel.end_button.isEnabled()

    def edit(dialog: EmploymentDialog) -> int:
        assert dialog.bindings["hours_per_week"].value() == "30"
        dialog.bindings["kind"].set_value(EmploymentKind.AGENCY_WORK)
        dialog.bindings["hours_per_week"].set_value("19,5")
        dialog.bindings["subsidy"].set_value("Eingliederungszuschuss")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(EmploymentDialog, "exec", edit)
    panel.employment_view.activated.emit(panel.employment_model.index(0, 0))  # Enter
    [job] = employments_of(lotse.reads, pid)
    assert (job.kind, job.hours_per_week, job.subsidy) == (
        EmploymentKind.AGENCY_WORK,
        19.5,
        "Eingliederungszuschuss",
    )

    def end(dialog: EndEmploymentDialog) -> int:
        dialog.end.set_date(TODAY)
        dialog.accept()  # no reason chosen: refused
        dialog.reason.set_value(EmploymentEndReason.EMPLOYER_PROBATION)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EndEmploymentDialog, "exec", end)
    assert panel.end_employment()
    assert "Beendigungsgrund: Bitte geben Sie den Beendigungsgrund an." in warnings[0]
    [job] = employments_of(lotse.reads, pid)
    assert (job.end, job.end_reason) == (TODAY, EmploymentEndReason.EMPLOYER_PROBATION)
    assert "Kündigung" in panel.employment_model.index(0, EmploymentModel.END).data()
    assert not panel.end_button.isEnabled() and panel.edit_button.isEnabled()


def test_an_unreadable_number_of_hours_is_refused_naming_the_field(qtbot, lotse, ops, warnings):
    pid, _employment_id = employed_person(lotse)
    [job] = employments_of(lotse.reads, pid)
    dialog = show(qtbot, EmploymentDialog(lotse, ops, pid, job))
    dialog.bindings["hours_per_week"].set_value("zwanzig")
    dialog.accept()
    assert "Stunden pro Woche: Bitte geben Sie eine Zahl ein." in warnings[0]
    assert dialog.isVisible()
    assert employments_of(lotse.reads, pid)[0].hours_per_week == 30.0


def test_the_contact_history_shows_the_stage_changes_read_only(qtbot, lotse, ops, monkeypatch):
    pid = add_person(lotse, "Şahin", "Ayşe")
    offer_id, _employer = make_offer(lotse)
    placement_id = proposed(lotse, pid, offer_id, 6)
    moment = datetime.now(UTC) - timedelta(days=4)
    run(lotse, add_note, pid, NoteInput(moment, ContactKind.PHONE, "Bewerbung besprochen"))
    run(lotse, advance_placement, placement_id, S.APPLIED, TODAY - timedelta(days=2))
    panel = show(qtbot, NotesPanel(lotse, ops, pid))
    texts = [panel.model.index(row).data() for row in range(panel.model.rowCount())]
    day = (TODAY - timedelta(days=2)).strftime("%d.%m.%Y")
    assert texts[0] == (
        f"{day} · Vermittlung: beworben – Pflegehelfer:in bei Pflegedienst Sonnenschein"
    )
    assert "Bewerbung besprochen" in texts[1]
    assert "Vermittlung: vorgeschlagen" in texts[2]
    assert "<i>" in panel.model.index(0).data(Qt.ItemDataRole.UserRole + 1)  # in italics

    opened = []
    monkeypatch.setattr("ui.participant.notes_panel.NoteDialog.exec", lambda d: opened.append(d))
    panel.view.setCurrentIndex(panel.model.index(0))
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    panel.view.activated.emit(panel.model.index(0))
    assert opened == [] and panel.delete_selected() is False
    panel.view.setCurrentIndex(panel.model.index(1))
    assert panel.edit_button.isEnabled() and panel.selected_note() is not None

    with qtbot.waitSignal(ops.changed, timeout=1000):  # a new stage shows at once
        ops.run(
            lambda uow: advance_placement(
                uow, placement_id, S.REJECTED, TODAY, "Stelle anders besetzt"
            ),
            parent=None,
        )
    assert panel.model.rowCount() == 4
    assert "Grund: Stelle anders besetzt" in panel.model.index(0).data()
    assert panel.selected_note() is not None  # the chosen note stays chosen


def test_the_employments_at_risk_open_the_person(qtbot, lotse, ops):
    pid, _employment_id = employed_person(lotse)
    widget = show(qtbot, EmploymentsAtRisk(lotse, ops))
    assert widget.row_count() == 1
    assert widget.model.index(0, AtRiskModel.REASON).data() == "Noch keine Kontaktnotiz"
    assert widget.model.index(0, 1).data() == "Pflegedienst Sonnenschein (Pflegehelfer:in)"
    assert "1 gefährdete Beschäftigung (seit 6 Wochen" in widget.summary.text()
    with qtbot.waitSignal(widget.open_participant, timeout=1000) as opened:
        widget.view.setFocus()
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert opened.args == [pid]
    note = NoteInput(datetime.now(UTC) - timedelta(hours=1), ContactKind.PHONE, "Alles gut")
    ops.run(lambda uow: add_note(uow, pid, note), parent=None)
    assert widget.row_count() == 0
    assert widget.summary.text() == "Keine gefährdete Beschäftigung."


def test_the_models_pass_the_model_tester(qtmodeltester, lotse):
    pid, _employment_id = employed_person(lotse)
    offer_id, _employer = make_offer(lotse, "Verkäufer:in", "Bäckerei Müller")
    walk(lotse, propose(lotse, pid, offer_id), S.REJECTED)
    run(lotse, add_note, pid, NoteInput(datetime.now(UTC), ContactKind.PHONE, "Anruf"))
    placements = PlacementModel()
    placements.set_rows(placements_of_participant(lotse.reads, pid))
    jobs = EmploymentModel()
    jobs.set_rows(employments_of(lotse.reads, pid))
    notes = NoteModel()
    notes.set_rows(
        timeline(notes_of(lotse.reads, pid), placement_events_for_participant(lotse.reads, pid))
    )
    at_risk = AtRiskModel()
    at_risk.set_rows(employments_at_risk(lotse.reads, TODAY + timedelta(weeks=7), 6))
    assert at_risk.rowCount() == 1
    for model in (placements, jobs, notes, at_risk):
        assert model.rowCount() > 0
        qtmodeltester.check(model)

"""The students' tab of a school or training company (Schüler:innen / Auszubildende) and the
Übersicht's network lists: what they show, that Enter opens the person, that they follow
changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from app.bootstrap import Lotse
from app.models.courses import Course, Enrollment, Measure
from app.models.office_settings import OfficeSettings
from app.services.contact_notes import NoteInput, add_note
from app.services.organizations import OrganizationInput, create_organization
from app.vocab import (
    ContactKind,
    CourseKind,
    DropoutRisk,
    EnrollmentStatus,
    MeasureKind,
    MeasureStatus,
    OrganizationKind,
    Program,
)
from tests.services.helpers import add_person, run
from tests.ui.helpers import show
from ui.operations import Operations
from ui.organization.editor import OrganizationEditor
from ui.organization.students_panel import StudentsPanel
from ui.pages.overview import OverviewPage

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

TODAY = date.today()
OVERVIEW_DAY = date(2026, 11, 25)


def add_org(lotse: Lotse, name: str, kind: OrganizationKind) -> int:
    changes = run(lotse, create_organization, OrganizationInput(name=name, kind=kind))
    assert changes.created is not None
    return changes.created


def add_records(lotse: Lotse, *records: object) -> None:
    with lotse.unit_of_work() as uow:
        for record in records:
            uow.session.add(record)
        uow.commit()


def note(lotse: Lotse, pid: int, day: date) -> NoteInput:
    moment = datetime.combine(day, time(10, 0)).astimezone().astimezone(UTC)
    return NoteInput(moment, ContactKind.PHONE, "Gespräch mit der Klassenleitung")


def cells(panel: StudentsPanel) -> list[list[str]]:
    model = panel.model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def tab_texts(editor: OrganizationEditor) -> list[str]:
    tabs = editor.tabs
    return [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]


@pytest.fixture
def school(lotse: Lotse) -> dict[str, int]:
    """A school with three students: Nowak (high risk, two open measures, a contact 12 days
    ago), Şahin (medium, never contacted) and Haddad (no assessment, contact today)."""
    school = add_org(lotse, "BBS II Halle", OrganizationKind.SCHOOL)
    values = {"program": Program.TRAINING, "school_id": school}
    nowak = add_person(lotse, "Nowak", "Łukasz", school_class="BFS 10b",
                       apprenticeship_occupation="Bäcker", apprenticeship_year=1,
                       dropout_risk=DropoutRisk.HIGH,
                       dropout_risk_assessed_on=TODAY - timedelta(days=20), **values)  # fmt: skip
    sahin = add_person(lotse, "Şahin", "Ayşe", school_class="BFS 10a",
                       dropout_risk=DropoutRisk.MEDIUM, **values)  # fmt: skip
    haddad = add_person(lotse, "Haddad", "Amal", **values)
    run(lotse, add_note, nowak, note(lotse, nowak, TODAY - timedelta(days=12)))
    run(lotse, add_note, haddad, note(lotse, haddad, TODAY))
    add_records(
        lotse,
        Measure(participant_id=nowak, kind=MeasureKind.TUTORING, status=MeasureStatus.ONGOING),
        Measure(participant_id=nowak, kind=MeasureKind.ASA_FLEX, status=MeasureStatus.APPLIED),
        Measure(participant_id=nowak, kind=MeasureKind.BAB, status=MeasureStatus.COMPLETED),
    )
    return {"school": school, "nowak": nowak, "sahin": sahin, "haddad": haddad}


def test_a_school_shows_its_students_and_enter_opens_one(qtbot, lotse, ops, school):
    editor = show(qtbot, OrganizationEditor(lotse, ops, school["school"]))
    assert tab_texts(editor)[-1] == "Schüler:innen"
    editor.choose_tab("students")
    panel = editor.panel("students")
    assert isinstance(panel, StudentsPanel)
    qtbot.waitUntil(panel.view.isVisible)  # shown by the tab as soon as the events run
    header = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert header == [
        "Name", "Klasse / Beruf", "Jahr", "Risiko", "Offene Maßnahmen", "Letzter Kontakt",
    ]  # fmt: skip
    assessed = (TODAY - timedelta(days=20)).strftime("%d.%m.%Y")
    contact = (TODAY - timedelta(days=12)).strftime("%d.%m.%Y")
    assert cells(panel) == [
        ["Łukasz Nowak", "BFS 10b · Bäcker", "1", f"⚠ hoch, {assessed}", "2",
         f"{contact} (vor 12 Tagen)"],
        ["Ayşe Şahin", "BFS 10a", "", "mittel", "0", "noch keiner"],
        ["Amal Haddad", "", "", "—", "0", f"{TODAY:%d.%m.%Y} (heute)"],
    ]  # fmt: skip
    assert panel.summary.text() == (
        "3 Personen: 1 mit hohem Abbruchrisiko, 1 mit offenen Maßnahmen."
    )
    panel.view.selectRow(1)
    panel.view.setFocus()
    with qtbot.waitSignal(editor.open_participant, timeout=2000) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [school["sahin"]]


def test_the_tab_follows_notes_and_measures_made_elsewhere(qtbot, lotse, school):
    ops = Operations(lotse)
    panel = StudentsPanel(lotse, ops, school["school"])
    qtbot.addWidget(panel)
    assert cells(panel)[1][5] == "noch keiner"
    ops.run(lambda uow: add_note(uow, school["sahin"], note(lotse, school["sahin"], TODAY)),
            parent=None)  # fmt: skip
    assert cells(panel)[1][5] == f"{TODAY:%d.%m.%Y} (heute)"
    assert [row.id for row in panel.rows()][:2] == [school["nowak"], school["sahin"]]


def test_exited_students_show_only_when_asked_for(qtbot, lotse, ops, school):
    from app.services.participants import ExitData, exit_participant
    from app.vocab import ExitReason

    exit_data = ExitData(exit_date=TODAY, reason=ExitReason.GOAL_REACHED, outcome=None)
    ops.run(lambda uow: exit_participant(uow, school["haddad"], exit_data), parent=None)
    panel = StudentsPanel(lotse, ops, school["school"])
    qtbot.addWidget(panel)
    assert [row.id for row in panel.rows()] == [school["nowak"], school["sahin"]]
    panel.exited_box.setChecked(True)
    assert cells(panel)[-1][0] == "Amal Haddad (ausgetreten)"


def test_the_tab_is_named_by_kind_and_shown_only_where_it_belongs(qtbot, lotse, ops):
    company = add_org(lotse, "Bäckerei Müller", OrganizationKind.TRAINING_COMPANY)
    employer = add_org(lotse, "Pflegedienst Sonnenschein", OrganizationKind.EMPLOYER)
    jobcenter = add_org(lotse, "Jobcenter Halle", OrganizationKind.JOB_CENTER)
    editor = show(qtbot, OrganizationEditor(lotse, ops, company))
    assert tab_texts(editor)[-1] == "Auszubildende"
    empty = editor.panel("students")
    assert isinstance(empty, StudentsPanel)
    assert empty.stack.currentWidget() is empty.empty
    assert tab_texts(show(qtbot, OrganizationEditor(lotse, ops, employer)))[-1] == "Teilnehmende"
    assert "Auszubildende" not in tab_texts(show(qtbot, OrganizationEditor(lotse, ops, jobcenter)))
    add_person(lotse, "Nowak", program=Program.TRAINING, training_company_id=employer)
    assert tab_texts(show(qtbot, OrganizationEditor(lotse, ops, employer)))[-1] == "Auszubildende"
    new = show(qtbot, OrganizationEditor(lotse, ops, None))
    assert "Auszubildende" not in tab_texts(new) and "Schüler:innen" not in tab_texts(new)
    # saved as a school, the Jobcenter's record gets the tab at once
    renamed = show(qtbot, OrganizationEditor(lotse, ops, jobcenter))
    renamed.set_field("kind", OrganizationKind.SCHOOL)
    assert renamed.save()
    assert tab_texts(renamed)[-1] == "Schüler:innen"


def test_the_students_model_passes_the_model_tester(qtmodeltester, qtbot, lotse, ops, school):
    panel = StudentsPanel(lotse, ops, school["school"])
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model)


# -- the Übersicht --------------------------------------------------------------------------


@pytest.fixture
def network_data(lotse: Lotse) -> dict[str, int]:
    """A course starting in November 2026 with two enrolled, a measure applied for on
    1 October, a student at high risk whose last contact was on 1 October."""
    provider = add_org(lotse, "VHS Halle", OrganizationKind.EDUCATION_PROVIDER)
    nowak = add_person(lotse, "Nowak", "Łukasz", program=Program.TRAINING,
                       dropout_risk=DropoutRisk.HIGH, school_class="BFS 10b")  # fmt: skip
    sahin = add_person(lotse, "Şahin", "Ayşe")
    run(lotse, add_note, nowak, note(lotse, nowak, date(2026, 10, 1)))
    with lotse.unit_of_work() as uow:
        course = Course(kind=CourseKind.BSK_APPRENTICE, title="Azubi-BSK Halle",
                        provider_id=provider, start=date(2026, 11, 16), end=date(2027, 6, 30),
                        places=15)  # fmt: skip
        uow.session.add(course)
        uow.session.flush()
        assert course.id is not None
        course_id = course.id
        for pid in (nowak, sahin):
            uow.session.add(Enrollment(participant_id=pid, course_id=course_id,
                                       status=EnrollmentStatus.REGISTERED))  # fmt: skip
        uow.session.add(Measure(participant_id=sahin, kind=MeasureKind.INTEGRATION_SUBSIDY,
                                status=MeasureStatus.APPLIED,
                                applied_on=date(2026, 10, 1)))  # fmt: skip
        uow.commit()
    return {"nowak": nowak, "sahin": sahin, "course": course_id}


def overview_page(qtbot, lotse: Lotse, ops: Operations) -> OverviewPage:
    page = OverviewPage("Übersicht", lotse, ops)
    page.resize(1200, 760)
    show(qtbot, page)
    page.set_today(OVERVIEW_DAY)
    return page


def heading(page: OverviewPage, key: str) -> str:
    return page.sections[key].heading.text().replace("&", "")


def test_the_overview_shows_the_network_lists(qtbot, lotse, ops, network_data):
    page = overview_page(qtbot, lotse, ops)
    sections = page.sections
    assert heading(page, "courses") == "Kurse, die diesen Monat beginnen oder enden (1)"
    assert sections["courses"].texts() == [
        "Beginnt am 16.11.2026: Azubi-BSK Halle · VHS Halle · 2 angemeldet (15 Plätze)"
    ]
    assert heading(page, "awaiting_approval") == "Maßnahmen, die auf Bewilligung warten (1)"
    assert sections["awaiting_approval"].texts() == [
        "01.10.2026 · Ayşe Şahin: Eingliederungszuschuss (EGZ) · wartet seit 7 Wochen"
    ]
    students = sections["students_at_risk"]
    assert students.isVisible()
    assert heading(page, "students_at_risk") == (
        "Schüler:innen mit hohem Abbruchrisiko ohne Kontakt seit 4 Wochen (1)"
    )
    assert students.texts() == ["Łukasz Nowak · Klasse BFS 10b · letzter Kontakt 01.10.2026"]

    view = sections["awaiting_approval"].view
    view.setFocus()
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [network_data["sahin"]]
    students.view.setFocus()
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        qtbot.keyClick(students.view, Qt.Key.Key_Return)
    assert opened.args == [network_data["nowak"]]
    sections["courses"].view.setFocus()
    with qtbot.waitSignal(page.course_requested, timeout=1000) as asked:
        qtbot.keyClick(sections["courses"].view, Qt.Key.Key_Return)
    assert asked.args == [network_data["course"]]


def test_the_overview_follows_a_contact_and_the_funding_areas(qtbot, lotse, ops, network_data):
    page = overview_page(qtbot, lotse, ops)
    nowak = network_data["nowak"]
    ops.run(lambda uow: add_note(uow, nowak, note(lotse, nowak, date(2026, 11, 20))), parent=None)
    assert page.sections["students_at_risk"].texts() == []
    assert page.sections["students_at_risk"].empty.isVisible()

    page.set_settings(OfficeSettings(programs=frozenset({Program.JOKO})))
    assert not page.sections["students_at_risk"].isVisible()
    assert page.sections["awaiting_approval"].isVisible() and page.sections["courses"].isVisible()
    page.set_settings(OfficeSettings(programs=frozenset({Program.TRAINING})))
    assert page.sections["students_at_risk"].isVisible()

"""The course catalogue on screen: searching as you type, the filters with their counts, the
places in words, Enter to open; the course dialog storing an edit, refusing bad input in German
without storing anything, offering the usual UE, asking before losing changes; deleting; and
the course's Teilnehmende."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.services.courses import CourseInput, Timing, create_course, get_course
from app.vocab import CourseFormat, CourseKind, EnrollmentStatus, GermanLevel
from tests.services.helpers import add_person, run
from tests.services.test_courses import add_provider, enrol
from tests.ui.helpers import show
from ui.operations import Operations
from ui.pages.course_catalog import CourseCatalog, CourseTableModel
from ui.pages.course_dialog import (
    COURSE_TAB,
    PARTICIPANTS_TAB,
    CourseDialog,
    CourseEnrollmentModel,
)

TODAY = date.today()
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def add(lotse: Lotse, title: str, **values) -> int:
    values.setdefault("kind", CourseKind.BSK_BASIC_B2)
    created = run(lotse, create_course, CourseInput(title=title, **values)).created
    assert created is not None
    return created


@pytest.fixture
def courses(lotse) -> dict[str, int]:
    vhs = add_provider(lotse, "Volkshochschule Halle")
    tuev = add_provider(lotse, "TÜV Rheinland Akademie")
    return {
        "vhs": vhs,
        "tuev": tuev,
        "b2": add(
            lotse, "Berufssprachkurs B2 Pflege", provider_id=vhs, target_level=GermanLevel.B2,
            start=TODAY - timedelta(days=30), end=TODAY + timedelta(days=120),
            teaching_units=400, places=2, format=CourseFormat.IN_PERSON,
        ),
        "licence": add(
            lotse, "Führerschein Klasse B", kind=CourseKind.DRIVING_LICENCE, provider_id=tuev,
            start=TODAY + timedelta(days=10), location="Merseburg",
        ),
        "past": add(
            lotse, "Integrationskurs Abend", kind=CourseKind.INTEGRATION_GENERAL, provider_id=vhs,
            start=TODAY - timedelta(days=300), end=TODAY - timedelta(days=2), teaching_units=700,
        ),
    }  # fmt: skip


def open_catalog(qtbot, lotse: Lotse, ops: Operations) -> CourseCatalog:
    catalog = show(qtbot, CourseCatalog(lotse, ops))
    catalog.resize(1100, 600)
    return catalog


def open_dialog(qtbot, lotse: Lotse, ops: Operations, course_id: int | None) -> CourseDialog:
    return show(qtbot, CourseDialog(lotse, ops, course_id))


@pytest.fixture
def questions(monkeypatch) -> list[str]:
    """QMessageBox.question answered "Yes" (delete) or "Discard" (unsaved changes)."""
    asked: list[str] = []

    def answer(parent, title, text, buttons, *args, **kwargs):
        asked.append(f"{title}\n{text}")
        box = QMessageBox.StandardButton
        return box.Discard if buttons & box.Discard else box.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def test_the_catalogue_searches_as_you_type_and_filters(qtbot, qtmodeltester, lotse, ops, courses):
    catalog = open_catalog(qtbot, lotse, ops)
    qtmodeltester.check(catalog.model)
    assert catalog.model.titles() == [
        "Berufssprachkurs B2 Pflege",
        "Führerschein Klasse B",
        "Integrationskurs Abend",
    ]
    assert catalog.count_label.text() == "3 Kurse"
    timings = [catalog.timing_filter.itemText(i) for i in range(catalog.timing_filter.count())]
    assert timings == [
        "alle (3)",
        "laufend (1)",
        "beginnt bald (1)",
        "geplant (1)",
        "vorbei (1)",
    ]
    kinds = [catalog.kind_filter.itemText(i) for i in range(catalog.kind_filter.count())]
    assert kinds == ["alle", "Integrationskurs (allgemein)", "Berufssprachkurs Basis B2",
                     "Führerschein"]  # fmt: skip
    providers = [
        catalog.provider_filter.itemText(i) for i in range(catalog.provider_filter.count())
    ]
    assert providers == ["alle", "TÜV Rheinland Akademie", "Volkshochschule Halle"]

    def cell(column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return catalog.model.data(catalog.model.index(0, column), role)

    assert [cell(column) for column in range(catalog.model.columnCount())] == [
        "Berufssprachkurs B2 Pflege",
        "Berufssprachkurs Basis B2",
        "Volkshochschule Halle",
        "B2",
        (TODAY - timedelta(days=30)).strftime("%d.%m.%Y"),
        (TODAY + timedelta(days=120)).strftime("%d.%m.%Y"),
        "400",
        "0 / 2",
        "Präsenz",
    ]
    assert cell(CourseTableModel.PLACES, ACCESSIBLE) == "0 von 2 Plätzen belegt, 2 frei"

    catalog.focus_search()
    qtbot.keyClicks(catalog.search, "tuev")
    qtbot.waitUntil(lambda: catalog.model.titles() == ["Führerschein Klasse B"])  # the pause
    assert catalog.count_label.text() == "1 Kurs"
    catalog.search.clear()
    qtbot.keyClicks(catalog.search, "volkshochschule")
    qtbot.waitUntil(lambda: len(catalog.model.titles()) == 2)
    catalog.set_timing(Timing.PAST)
    assert catalog.model.titles() == ["Integrationskurs Abend"]
    catalog.search.clear()
    catalog.search_now()
    catalog.set_timing(Timing.ALL)
    catalog.provider_filter.set_value(courses["tuev"])
    assert catalog.model.titles() == ["Führerschein Klasse B"]
    catalog.provider_filter.set_value(None)
    catalog.kind_filter.set_value(CourseKind.INTEGRATION_GENERAL.value)
    assert catalog.model.titles() == ["Integrationskurs Abend"]


def test_enrolments_fill_the_places_and_an_overbooked_course_says_so(qtbot, lotse, ops, courses):
    catalog = open_catalog(qtbot, lotse, ops)
    made = [
        enrol(lotse, add_person(lotse, last), courses["b2"], EnrollmentStatus.REGISTERED)
        for last in ("Nowak", "Haddad", "Tesfay")
    ]
    assert catalog.model.data(catalog.model.index(0, CourseTableModel.PLACES)) == "0 / 2"
    ops.announce(Changes(enrollments=frozenset(made)), None)  # as the enrolments' operation
    places = catalog.model.index(0, CourseTableModel.PLACES)
    assert catalog.model.data(places) == "3 / 2 ⚠"
    assert catalog.model.data(places, ACCESSIBLE) == "3 angemeldet für 2 Plätze: 1 zu viel"
    assert catalog.model.data(places, Qt.ItemDataRole.ForegroundRole) is not None


def test_down_goes_into_the_list_and_enter_opens_the_course(qtbot, lotse, ops, courses):
    catalog = open_catalog(qtbot, lotse, ops)
    opened: list[int | None] = []
    catalog._run = opened.append  # type: ignore[method-assign]  # instead of the modal dialog
    catalog.focus_search()
    qtbot.keyClicks(catalog.search, "merseburg")
    qtbot.keyClick(catalog.search, Qt.Key.Key_Return)  # faster than the pause: searched first
    assert opened == [courses["licence"]]
    catalog.search.clear()
    catalog.search_now()
    qtbot.keyClick(catalog.search, Qt.Key.Key_Down)
    assert catalog.table.hasFocus()
    qtbot.keyClick(catalog.table, Qt.Key.Key_Up)
    assert catalog.selected_course_id() == courses["b2"]
    qtbot.keyClick(catalog.table, Qt.Key.Key_Return)
    assert opened == [courses["licence"], courses["b2"]]


@pytest.mark.usefixtures("no_unexpected_boxes")
def test_a_course_is_opened_edited_and_saved_and_the_catalogue_follows(qtbot, lotse, ops, courses):
    catalog = open_catalog(qtbot, lotse, ops)
    dialog = open_dialog(qtbot, lotse, ops, courses["licence"])
    assert dialog.windowTitle() == "Führerschein Klasse B – Kurs"
    assert dialog.field_widget("provider_id").search.text() == "TÜV Rheinland Akademie"
    assert not dialog.is_modified()
    dialog.field_widget("title").setText("Führerschein Klasse B (Intensiv)")
    dialog.field_widget("places").setText("12")
    assert dialog.is_modified()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.is_modified()
    assert dialog.saved_label.text().startswith("Gespeichert um")
    record = get_course(lotse.reads, courses["licence"])
    assert record is not None
    assert (record.data.title, record.data.places) == ("Führerschein Klasse B (Intensiv)", 12)
    assert "Führerschein Klasse B (Intensiv)" in catalog.model.titles()
    dialog.close_button.click()  # nothing left unsaved: no question
    assert not dialog.isVisible()


def test_a_new_course_with_bad_input_is_refused_in_german_and_nothing_stored(
    qtbot, lotse, ops, warnings
):
    dialog = open_dialog(qtbot, lotse, ops, None)
    assert dialog.windowTitle() == "Neuer Kurs"
    assert not dialog.tabs.isTabEnabled(PARTICIPANTS_TAB)
    dialog.field_widget("title").setText("Integrationskurs Vormittag")
    dialog.field_widget("start").setText("01.03.2027")
    dialog.field_widget("end").setText("28.02.2027")
    dialog.field_widget("teaching_units").setText("0")
    assert not dialog.save()
    (message,) = warnings
    assert "Der Kurs wurde nicht gespeichert:" in message
    assert "• Kursart: Bitte wählen Sie einen Eintrag." in message
    assert "• Ende: Das Datum darf nicht vor Beginn (01.03.2027) liegen." in message
    assert "• UE: Bitte geben Sie eine Zahl größer als 0 ein" in message
    assert dialog.focusWidget() is dialog.field_widget("kind")  # the first named field
    assert lotse.reads.one("SELECT count(*) FROM course")[0] == 0

    dialog.field_widget("teaching_units").setText("7OO")  # letters: named, nothing asked
    assert not dialog.save()
    assert "• UE: Bitte geben Sie eine ganze Zahl ein." in warnings[1]

    dialog.field_widget("teaching_units").clear()
    dialog.set_field("kind", CourseKind.INTEGRATION_GENERAL)
    assert dialog.field_widget("teaching_units").text() == "700"  # the usual UE, offered
    assert dialog.units_hint.text() == "üblich für diese Kursart: 700 UE"
    dialog.set_field("kind", CourseKind.INTEGRATION_INTENSIVE)
    assert dialog.field_widget("teaching_units").text() == "430"  # still the form's own
    dialog.field_widget("teaching_units").setText("650")
    dialog.set_field("kind", CourseKind.INTEGRATION_YOUTH)
    assert dialog.field_widget("teaching_units").text() == "650"  # typed: kept
    dialog.field_widget("end").setText("31.08.2027")
    assert dialog.save()
    assert len(warnings) == 2
    assert dialog.course_id is not None
    assert dialog.tabs.isTabEnabled(PARTICIPANTS_TAB)
    assert dialog.windowTitle() == "Integrationskurs Vormittag – Kurs"
    record = get_course(lotse.reads, dialog.course_id)
    assert record is not None
    assert (record.data.kind, record.data.teaching_units, record.data.end) == (
        CourseKind.INTEGRATION_YOUTH,
        650,
        date(2027, 8, 31),
    )


def test_a_provider_typed_but_not_chosen_is_named(qtbot, lotse, ops, courses, warnings):
    dialog = open_dialog(qtbot, lotse, ops, None)
    dialog.set_field("kind", CourseKind.JOB_BSK)
    dialog.field_widget("title").setText("Job-BSK Lager")
    qtbot.keyClicks(dialog.field_widget("provider_id").search, "Volks")
    assert not dialog.save()
    assert "• Träger: Bitte wählen Sie eine Organisation aus der Liste (Enter)." in warnings[0]
    qtbot.keyClick(dialog.field_widget("provider_id").search, Qt.Key.Key_Return)
    assert dialog.save()
    record = get_course(lotse.reads, dialog.course_id)  # type: ignore[arg-type]
    assert record is not None and record.data.provider_id == courses["vhs"]
    assert record.data.teaching_units == 150


def test_closing_with_unsaved_changes_asks(qtbot, lotse, ops, courses, questions):
    dialog = open_dialog(qtbot, lotse, ops, courses["past"])
    dialog.close_button.click()
    assert questions == [] and not dialog.isVisible()
    dialog = open_dialog(qtbot, lotse, ops, courses["past"])
    dialog.field_widget("location").setText("Dessau")
    dialog.close_button.click()
    assert questions == ["Ungespeicherte Änderungen\nÄnderungen speichern?"]
    assert get_course(lotse.reads, courses["past"]).data.location == ""  # type: ignore[union-attr]


def test_a_course_is_deleted_after_asking_but_not_while_it_has_enrolments(
    qtbot, lotse, ops, courses, questions, warnings
):
    catalog = open_catalog(qtbot, lotse, ops)
    enrol(lotse, add_person(lotse, "Nowak"), courses["b2"], EnrollmentStatus.COMPLETED)
    assert catalog.select_course(courses["b2"])
    assert not catalog.delete_selected()
    assert questions == []  # nothing to ask: refused at once, saying why
    assert "Der Kurs hat noch eine Teilnahme." in warnings[0]
    assert get_course(lotse.reads, courses["b2"]) is not None

    assert catalog.select_course(courses["past"])
    assert catalog.delete_selected()
    assert questions[0].startswith("Kurs löschen\nDen Kurs „Integrationskurs Abend“ aus dem")
    assert get_course(lotse.reads, courses["past"]) is None
    assert "Integrationskurs Abend" not in catalog.model.titles()
    assert catalog.count_label.text() == "2 Kurse"


def test_the_participants_tab_lists_the_enrolments_and_goes_to_a_person(
    qtbot, qtmodeltester, lotse, ops, courses
):
    nowak = add_person(lotse, "Nowak", "Łukasz")
    haddad = add_person(lotse, "Haddad", "Omar")
    enrol(lotse, nowak, courses["b2"], EnrollmentStatus.ONGOING)
    dropped = enrol(lotse, haddad, courses["b2"], EnrollmentStatus.DROPPED)
    with lotse.unit_of_work() as uow:
        uow.connection.execute(
            "UPDATE enrollment SET dropout_reason = 'Umzug nach Leipzig' WHERE id = ?", (dropped,)
        )
        uow.commit()
    dialog = open_dialog(qtbot, lotse, ops, courses["b2"])
    assert dialog.tabs.currentIndex() == COURSE_TAB
    assert dialog.places_hint.text() == "davon 1 angemeldet oder laufend"
    dialog.tabs.setCurrentIndex(PARTICIPANTS_TAB)
    model = dialog.enrollment_model
    qtmodeltester.check(model)
    rows = [
        [model.data(model.index(row, column)) for column in range(2)]
        for row in range(model.rowCount())
    ]
    assert rows == [["Łukasz Nowak", "laufend"], ["Omar Haddad", "abgebrochen"]]
    status = model.index(1, CourseEnrollmentModel.STATUS)
    assert model.data(status, ACCESSIBLE) == "abgebrochen, Grund: Umzug nach Leipzig"
    assert dialog.summary.text() == "1 von 2 Plätzen belegt, 1 frei."
    dialog.enrollment_view.selectRow(1)
    with qtbot.waitSignal(dialog.open_participant, timeout=2000) as opened:
        dialog.to_person_button.click()
    assert opened.args == [haddad]


def test_participants_are_enrolled_and_edited_from_the_course(
    qtbot, lotse, ops, courses, monkeypatch
):
    from ui.pages import course_dialog
    from ui.participant.enrollment_dialog import EnrollmentDialog

    kovalenko = add_person(lotse, "Kovalenko", "Olena")
    dialog = open_dialog(qtbot, lotse, ops, courses["b2"])
    dialog.tabs.setCurrentIndex(PARTICIPANTS_TAB)
    assert dialog.enrollment_model.rowCount() == 0
    assert not dialog.edit_enrollment_button.isEnabled()
    seen: list[EnrollmentDialog] = []

    def enrol_kovalenko(shown: EnrollmentDialog) -> bool:  # what the user does in it
        seen.append(shown)
        show(qtbot, shown)
        assert shown.person is not None  # the person is chosen, the course is fixed
        qtbot.keyClicks(shown.person.search, "kovalenko")
        qtbot.keyClick(shown.person.search, Qt.Key.Key_Return)
        shown.accept()
        return shown.saved_id is not None

    monkeypatch.setattr(course_dialog, "run_dialog", enrol_kovalenko)
    assert dialog.enrol()
    assert seen[0].course is None  # no course to choose: this one
    assert [row.participant_id for row in dialog.enrollment_model._rows] == [kovalenko]
    assert dialog.summary.text() == "1 von 2 Plätzen belegt, 1 frei."
    assert dialog.places_hint.text() == "davon 1 angemeldet oder laufend"

    def look(shown: EnrollmentDialog) -> bool:
        seen.append(shown)
        return False

    monkeypatch.setattr(course_dialog, "run_dialog", look)
    dialog.enrollment_view.selectRow(0)
    assert not dialog.edit_enrollment()
    assert seen[1].enrollment_id == dialog.enrollment_model.row_at(0).id


def test_a_hidden_catalogue_reads_the_changes_when_shown_again(qtbot, lotse, ops, courses):
    catalog = open_catalog(qtbot, lotse, ops)
    catalog.hide()  # e.g. the Maßnahmen tab is shown
    made = add(lotse, "Teilqualifizierung Lager", kind=CourseKind.PARTIAL_QUALIFICATION)
    ops.announce(Changes(courses=frozenset({made})), None)
    assert "Teilqualifizierung Lager" not in catalog.model.titles()
    catalog.show()
    assert "Teilqualifizierung Lager" in catalog.model.titles()
    assert catalog.count_label.text() == "4 Kurse"

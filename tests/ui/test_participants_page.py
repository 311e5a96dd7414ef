"""Teilnehmende page: German cells, search as you type, filters, SQL sorting, keyboard, refresh."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _
from app.models.completeness import missing_fields
from app.services import contact_notes, follow_ups, participants
from app.services.caseload import SortKey
from app.vocab import (
    ContactKind,
    EmploymentStatusAtEntry,
    Gender,
    GermanLevel,
    HousingSituation,
    ParticipantStatus,
    Program,
    SchoolForm,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)
from ui.operations import Operations
from ui.pages.participants_page import ParticipantsPage, count_text
from ui.participant_table_model import Column

TODAY = date.today()
COMPLETE_ENTRY_DATA: dict[str, Any] = {
    "birth_date": date(1994, 5, 17),
    "gender": Gender.FEMALE,
    "postal_code": "39104",
    "city": "Magdeburg",
    "nationalities": ["TR"],
    "employment_status_at_entry": EmploymentStatusAtEntry.UNEMPLOYED,
    "school_level": SchoolLevel.INTERMEDIATE,
    "vocational_level": VocationalLevel.NONE,
    "housing_situation": HousingSituation.OWN_FLAT,
    "disability": YesNoUnknown.NOT_STATED,
    "privacy_notice_given_on": date(2025, 3, 3),
}
PEOPLE: dict[str, dict[str, Any]] = {
    "sahin": {
        "program": Program.JOKO,
        "last_name": "Şahin",
        "first_name": "Ayşe",
        "entry_date": date(2025, 3, 3),
        "german_level": GermanLevel.B1,
        **COMPLETE_ENTRY_DATA,
    },
    "mueller": {
        "program": Program.TRAINING,
        "last_name": "Müller",
        "first_name": "Jonas",
        "entry_date": date(2026, 2, 10),
        "school_form": SchoolForm.BVJ,
        "school_class": "BVJ 1",
        "postal_code": "06110",
        "city": "Halle (Saale)",
    },
    "lukasz": {
        "program": Program.JOKO,
        "status": ParticipantStatus.SHORT_COUNSELLING,
        "last_name": "Żółć",
        "first_name": "Łukasz",
        "entry_date": date(2024, 9, 1),
        "german_level": GermanLevel.A2,
    },
    "olena": {
        "program": Program.JOKO,
        "status": ParticipantStatus.EMPLOYED_AFTERCARE,
        "last_name": "Коваленко",
        "first_name": "Олена",
        "entry_date": date(2025, 11, 20),
        "german_level": GermanLevel.A1,
    },
}


@pytest.fixture
def ids(lotse: Lotse) -> dict[str, int]:
    created = {}
    for key, values in PEOPLE.items():
        with lotse.unit_of_work() as uow:
            created[key] = participants.create_participant(uow, values).created
    with lotse.unit_of_work() as uow:
        contact_notes.add_note(
            uow,
            created["mueller"],
            contact_notes.NoteInput(
                occurred_at=datetime.now(UTC) - timedelta(days=2),
                kind=ContactKind.SCHOOL_VISIT,
                content="Werkstattpraktikum beim Tischler vereinbart.",
            ),
        )
    with lotse.unit_of_work() as uow:
        follow_ups.create_follow_up(
            uow,
            due_date=TODAY - timedelta(days=3),
            title="Zeugnis nachreichen",
            participant_id=created["sahin"],
        )
    with lotse.unit_of_work() as uow:
        follow_ups.create_follow_up(
            uow,
            due_date=TODAY + timedelta(days=10),
            title="Praktikumsbetrieb anrufen",
            participant_id=created["mueller"],
        )
    return created


@pytest.fixture
def page(qtbot, lotse: Lotse, ids: dict[str, int], ops: Operations) -> ParticipantsPage:
    widget = ParticipantsPage(lotse, ops)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    return widget


def cell(page: ParticipantsPage, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole):
    return page.model.data(page.model.index(row, column), role)


def names(page: ParticipantsPage) -> list[str]:
    return [cell(page, row, Column.NAME) for row in range(page.row_count())]


def row_of(page: ParticipantsPage, participant_id: int) -> int:
    row = page.model.row_for_id(participant_id)
    assert row is not None
    return row


def search(qtbot, page: ParticipantsPage, text: str, expected: list[str]) -> None:
    page.search.setText(text)
    qtbot.waitUntil(lambda: names(page) == expected, timeout=2000)


def show(qtbot, page: ParticipantsPage) -> None:
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()


def test_the_filled_model_passes_the_model_tester(qtmodeltester, page):
    assert page.row_count() == 4
    qtmodeltester.check(page.model)


def test_the_table_lists_everyone_sorted_by_name_in_german(page, ids):
    headers = [
        page.model.headerData(column, Qt.Orientation.Horizontal) for column in range(len(Column))
    ]
    assert headers == [
        "Name",
        "Förderbereich",
        "Status",
        "Eintritt",
        "Wiedervorlage",
        "Deutsch/Schule",
        "Vollständigkeit",
        _("Found in"),  # shown while searching (new msgid: the catalog follows)
    ]
    assert page.table.isColumnHidden(Column.FOUND_IN)
    assert names(page) == [
        "Müller, Jonas",
        "Şahin, Ayşe",
        "Żółć, Łukasz",
        "Коваленко, Олена",
    ]
    tip = page.model.headerData(
        Column.NEXT_FOLLOW_UP, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "Nächste offene Wiedervorlage"
    assert page.count_label.text() == "4 Teilnehmende"
    assert page.title == "Teilnehmende"
    assert page.table.accessibleName() == "Teilnehmende"

    sahin = row_of(page, ids["sahin"])
    assert cell(page, sahin, Column.PROGRAM) == "JOKO"
    assert cell(page, sahin, Column.STATUS) == "aktiv"
    assert cell(page, sahin, Column.ENTRY) == "03.03.2025"
    assert cell(page, sahin, Column.LANGUAGE_OR_SCHOOL) == "B1"
    assert cell(page, sahin, Column.NAME, Qt.ItemDataRole.UserRole) == ids["sahin"]
    mueller = row_of(page, ids["mueller"])
    assert cell(page, mueller, Column.PROGRAM) == "Ausbildung"
    assert cell(page, mueller, Column.LANGUAGE_OR_SCHOOL) == "BVJ 1 · Berufsvorbereitungsjahr (BVJ)"
    olena = row_of(page, ids["olena"])
    assert cell(page, olena, Column.STATUS) == "in Beschäftigung oder Ausbildung mit Nachbetreuung"
    assert cell(page, olena, Column.NEXT_FOLLOW_UP) == ""


def test_an_overdue_follow_up_is_marked_and_a_later_one_is_not(page, ids):
    sahin, mueller = row_of(page, ids["sahin"]), row_of(page, ids["mueller"])
    overdue = TODAY - timedelta(days=3)
    # not by colour alone: a mark and bold type in the cell, the word for screen readers
    assert cell(page, sahin, Column.NEXT_FOLLOW_UP) == overdue.strftime("%d.%m.%Y") + " ⚠"
    assert cell(page, sahin, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.FontRole).bold()
    assert cell(page, sahin, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.ToolTipRole) == "überfällig"
    assert cell(page, sahin, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.ForegroundRole) is not None
    spoken = cell(page, sahin, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == overdue.strftime("%d.%m.%Y") + ", überfällig"
    bold = QFontMetrics(cell(page, sahin, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.FontRole))
    shown = bold.horizontalAdvance(cell(page, sahin, Column.NEXT_FOLLOW_UP))
    assert page.table.horizontalHeader().sectionSize(Column.NEXT_FOLLOW_UP) >= shown + 16  # whole
    later = TODAY + timedelta(days=10)
    assert cell(page, mueller, Column.NEXT_FOLLOW_UP) == later.strftime("%d.%m.%Y")
    assert cell(page, mueller, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.ToolTipRole) is None
    assert cell(page, mueller, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(page, mueller, Column.NEXT_FOLLOW_UP, Qt.ItemDataRole.FontRole) is None


def test_the_completeness_badge_for_a_complete_and_an_incomplete_record(page, lotse, ids):
    sahin = row_of(page, ids["sahin"])
    assert cell(page, sahin, Column.COMPLETENESS) == "✓"
    assert cell(page, sahin, Column.COMPLETENESS, Qt.ItemDataRole.AccessibleTextRole) == (
        "vollständig"
    )
    assert "ausgefüllt" in cell(page, sahin, Column.COMPLETENESS, Qt.ItemDataRole.ToolTipRole)

    with lotse.unit_of_work() as uow:
        missing = len(missing_fields(participants.get_participant(uow, ids["mueller"])))
    assert missing > 1
    mueller = row_of(page, ids["mueller"])
    assert cell(page, mueller, Column.COMPLETENESS) == f"{missing} fehlen"
    assert cell(page, mueller, Column.COMPLETENESS, Qt.ItemDataRole.AccessibleTextRole) == (
        f"{missing} Pflichtangaben fehlen"
    )
    tip = cell(page, mueller, Column.COMPLETENESS, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{missing} ESF+-Pflichtangaben bei Eintritt fehlen."
    complete = cell(page, sahin, Column.COMPLETENESS, Qt.ItemDataRole.ForegroundRole)
    incomplete = cell(page, mueller, Column.COMPLETENESS, Qt.ItemDataRole.ForegroundRole)
    assert complete.color() != incomplete.color()


def test_typing_searches_after_a_short_pause(qtbot, page):
    qtbot.keyClicks(page.search, "sahin")
    assert page.row_count() == 4  # not yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: names(page) == ["Şahin, Ayşe"], timeout=2000)
    assert page.count_label.text() == "1 Teilnehmende:r"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MÜLLER", ["Müller, Jonas"]),
        ("mueller", ["Müller, Jonas"]),
        ("lukasz", ["Żółć, Łukasz"]),
        ("zolc", ["Żółć, Łukasz"]),
        ("олена", ["Коваленко, Олена"]),
        ("werkstattprak", ["Müller, Jonas"]),
        ("Halle", ["Müller, Jonas"]),
        ("nobody-here", []),
    ],
)
def test_search_ignores_case_accents_and_finds_note_text(qtbot, page, text, expected):
    search(qtbot, page, text, expected)


def test_filters_by_funding_area_and_status(qtbot, page):
    assert page.program_filter.itemText(0) == "alle"
    assert [page.program_filter.itemText(i) for i in (1, 2)] == ["JOKO", "Ausbildung"]
    assert page.status_filter.itemText(0) == "alle"
    assert page.status_filter.count() == len(ParticipantStatus) + 1

    page.program_filter.set_value(Program.TRAINING)
    assert names(page) == ["Müller, Jonas"]
    page.program_filter.set_value(Program.JOKO)
    assert len(names(page)) == 3
    page.status_filter.set_value(ParticipantStatus.SHORT_COUNSELLING)
    assert names(page) == ["Żółć, Łukasz"]
    page.program_filter.set_value(None)
    page.status_filter.set_value(ParticipantStatus.ACTIVE)
    assert names(page) == ["Müller, Jonas", "Şahin, Ayşe"]
    search(qtbot, page, "müller", ["Müller, Jonas"])


def test_clicking_a_header_sorts_in_sql(qtbot, page, ids):
    show(qtbot, page)
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == Column.NAME
    x = header.sectionViewportPosition(Column.ENTRY) + header.sectionSize(Column.ENTRY) // 2
    with qtbot.waitSignal(page.model.sort_requested, timeout=1000) as sorted_:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert sorted_.args == [SortKey.ENTRY, True]  # newest entries first on the first click
    assert names(page)[0] == "Müller, Jonas"
    assert [cell(page, row, Column.ENTRY) for row in range(4)] == [
        "10.02.2026",
        "20.11.2025",
        "03.03.2025",
        "01.09.2024",
    ]
    assert header.sortIndicatorSection() == Column.ENTRY
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert names(page)[0] == "Żółć, Łukasz"
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_enter_in_the_search_field_opens_the_only_hit(qtbot, page, ids):
    search(qtbot, page, "sahin", ["Şahin, Ayşe"])
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [ids["sahin"]]


def test_enter_right_after_typing_searches_first(qtbot, page, ids):
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        qtbot.keyClicks(page.search, "zolc")  # QTest types ASCII only
        qtbot.keyClick(page.search, Qt.Key.Key_Enter)
    assert opened.args == [ids["lukasz"]]


def test_down_arrow_enters_the_table_and_enter_opens_the_row(qtbot, page, ids):
    show(qtbot, page)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.selected_participant_id() == ids["mueller"]  # first row
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_participant_id() == ids["sahin"]
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [ids["sahin"]]


def test_double_click_and_the_open_button_open_the_row(qtbot, page, ids):
    show(qtbot, page)
    assert not page.open_button.isEnabled()
    row = row_of(page, ids["lukasz"])
    rect = page.table.visualRect(page.model.index(row, Column.NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        # Qt's item views need the press before the double click, as a real mouse sends it
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ids["lukasz"]]
    assert page.open_button.text() == "Ö&ffnen"
    with qtbot.waitSignal(page.open_requested, timeout=1000) as opened:
        page.open_button.click()
    assert opened.args == [ids["lukasz"]]


def test_new_button_asks_for_a_new_record(qtbot, page):
    assert page.new_button.text() == "&Neu…"
    with qtbot.waitSignal(page.new_requested, timeout=1000):
        page.new_button.click()


def test_controls_are_labelled_for_keyboard_and_screen_reader(page):
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy()}
    assert buddies[page.search] == "&Suchen:"
    assert buddies[page.program_filter] == "Förder&bereich:"
    assert buddies[page.status_filter] == "S&tatus:"
    assert page.search.accessibleName() == "Teilnehmende suchen"
    assert page.search.placeholderText().startswith("Name, PLZ/Ort, Kundennummer")
    assert page.search.isClearButtonEnabled()


def test_a_change_elsewhere_refreshes_and_keeps_the_selection(qtbot, page, lotse, ops, ids):
    page.table.selectRow(row_of(page, ids["olena"]))
    values = {"program": Program.JOKO, "last_name": "Abdi", "first_name": "Hodan"}
    with lotse.unit_of_work() as uow:  # stored, but no screen was told
        new_id = participants.create_participant(uow, values).created
    assert page.row_count() == 4
    ops.announce(Changes(participants=frozenset({new_id}), cases=frozenset({new_id})))
    assert names(page)[0] == "Abdi, Hodan"
    assert page.row_count() == 5
    assert page.count_label.text() == "5 Teilnehmende"
    assert page.selected_participant_id() == ids["olena"]
    ops.announce(Changes(settings=True))  # nothing of a person: no query
    assert page.row_count() == 5


def test_the_result_count_uses_german_digit_grouping():
    assert count_text(1234) == "1.234 Teilnehmende"
    assert count_text(20000) == "20.000 Teilnehmende"
    assert count_text(1) == "1 Teilnehmende:r"


@pytest.mark.parametrize("width", [1200, 1046, 900])  # 1046: the page in a 1280 px window
@pytest.mark.parametrize("searching", [False, True])
def test_every_header_fits_its_column(qtbot, page, searching, width):
    page.resize(width, 600)
    show(qtbot, page)
    if searching:
        search(qtbot, page, "werkstatt", ["Müller, Jonas"])
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in Column:
        if page.table.isColumnHidden(column):
            continue
        title = page.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) > metrics.horizontalAdvance(title), title
    assert header.length() <= page.table.viewport().width()  # no sideways scrolling
    assert page.table.isColumnHidden(Column.FOUND_IN) is not searching


def add_person_with_note(lotse: Lotse, last: str, first: str, note: str, **values: Any) -> int:
    with lotse.unit_of_work() as uow:
        values = {"program": Program.JOKO, "last_name": last, "first_name": first, **values}
        pid = participants.create_participant(uow, values).created
    with lotse.unit_of_work() as uow:
        contact_notes.add_note(
            uow,
            pid,
            contact_notes.NoteInput(
                occurred_at=datetime.now(UTC), kind=ContactKind.PHONE, content=note
            ),
        )
    return pid


def test_name_hits_come_first_and_rows_found_in_notes_say_so(qtbot, page, lotse, ops):
    aaron = add_person_with_note(lotse, "Aaron", "Eli", "Bewerbung bei der Müller OHG")
    with lotse.unit_of_work() as uow:  # found by their Bemerkungen
        values = {"program": Program.JOKO, "last_name": "Abt", "notes": "Müller OHG, Lager"}
        abt = participants.create_participant(uow, values).created
    ops.announce(Changes(participants=frozenset({aaron, abt}), cases=frozenset({aaron, abt})))
    assert names(page)[:2] == ["Aaron, Eli", "Abt"]  # without search: by name

    search(qtbot, page, "mueller", ["Müller, Jonas", "Aaron, Eli", "Abt"])
    assert not page.table.isColumnHidden(Column.FOUND_IN)
    assert page.count_label.text() == "3 Teilnehmende"
    assert [page.model.found_in_text_only(row) for row in range(3)] == [False, True, True]
    assert cell(page, 0, Column.FOUND_IN) == ""
    assert cell(page, 0, Column.FOUND_IN, Qt.ItemDataRole.AccessibleTextRole) is None
    for row in (1, 2):
        assert cell(page, row, Column.FOUND_IN) == _("in notes")  # words, not a colour
        spoken = cell(page, row, Column.FOUND_IN, Qt.ItemDataRole.AccessibleTextRole)
        assert spoken == _("found only in notes")
        tip = cell(page, row, Column.FOUND_IN, Qt.ItemDataRole.ToolTipRole)
        assert "Bemerkungen" in tip
        assert cell(page, row, Column.FOUND_IN, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(page, 1, Column.NAME, Qt.ItemDataRole.UserRole) == aaron

    page.search.clear()
    qtbot.waitUntil(lambda: page.row_count() == 6, timeout=2000)
    assert page.table.isColumnHidden(Column.FOUND_IN)
    assert not any(page.model.found_in_text_only(row) for row in range(6))


def test_sorting_by_a_column_keeps_name_hits_first(qtbot, page, lotse, ops):
    late = add_person_with_note(
        lotse, "Bauer", "Ida", "Termin bei Müller OHG", entry_date=date(2026, 6, 1)
    )
    ops.announce(Changes(participants=frozenset({late}), cases=frozenset({late})))
    show(qtbot, page)
    search(qtbot, page, "mueller", ["Müller, Jonas", "Bauer, Ida"])
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.ENTRY) + header.sectionSize(Column.ENTRY) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == Column.ENTRY
    # Bauer entered later (newest first), but a name hit stays above a note hit
    assert names(page) == ["Müller, Jonas", "Bauer, Ida"]
    assert cell(page, 1, Column.FOUND_IN) == _("in notes")

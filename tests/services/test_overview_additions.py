"""The Übersicht's network lists on constructed data: courses starting or ending this month,
measures awaiting approval, students at high risk without contact for 4 weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from app.bootstrap import Lotse
from app.models.courses import Course, Enrollment, Measure
from app.models.organization import Organization
from app.services.contact_notes import NoteInput, add_note
from app.services.network_views import high_risk_without_contact
from app.services.overview import (
    courses_this_month,
    measures_awaiting_approval,
    month_of,
    overview,
)
from app.services.participants import ExitData, exit_participant
from app.vocab import (
    ContactKind,
    CourseKind,
    DropoutRisk,
    EnrollmentStatus,
    ExitReason,
    MeasureKind,
    MeasureStatus,
    Program,
)
from tests.services.helpers import add_person, run

TODAY = date(2026, 11, 25)  # November: 1st to 30th


def add(lotse: Lotse, *records: object) -> list[int]:
    with lotse.unit_of_work() as uow:
        for record in records:
            uow.session.add(record)
        uow.session.flush()
        ids = [record.id for record in records]  # type: ignore[attr-defined]
        uow.commit()
    return ids


def note_on(lotse: Lotse, pid: int, day: date, hour: int = 10) -> None:
    moment = datetime.combine(day, time(hour, 0)).astimezone().astimezone(UTC)
    run(lotse, add_note, pid, NoteInput(moment, ContactKind.PHONE, "Nachgefragt"))


def test_month_of_knows_the_month_lengths():
    assert month_of(TODAY) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month_of(date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_of(date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_courses_starting_or_ending_this_month_with_their_enrolments(lotse):
    (provider,) = add(lotse, Organization(name="VHS Halle"))
    kind = CourseKind.BSK_BASIC_B2
    titles = {  # title: (start, end); listed by the day in November
        "starts first": (date(2026, 11, 1), date(2027, 3, 31)),
        "ends last": (date(2026, 6, 1), date(2026, 11, 30)),
        "both": (date(2026, 11, 10), date(2026, 11, 20)),
        "ended in October": (date(2026, 9, 1), date(2026, 10, 31)),
        "starts in December": (date(2026, 12, 1), date(2027, 2, 1)),
        "runs through": (date(2026, 10, 1), date(2026, 12, 15)),
        "no dates": (None, None),
        "start only": (date(2026, 11, 5), None),
    }
    ids = dict(
        zip(
            titles,
            add(
                lotse,
                *(
                    Course(kind=kind, title=title, start=start, end=end, provider_id=provider,
                           places=12 if title == "both" else None)
                    for title, (start, end) in titles.items()
                ),
            ),
            strict=True,
        )
    )  # fmt: skip
    people = [add_person(lotse, name) for name in ("Amini", "Bakr", "Celik", "Diallo")]
    add(
        lotse,
        *(
            Enrollment(participant_id=pid, course_id=ids["both"], status=status)
            for pid, status in zip(people, EnrollmentStatus, strict=True)
        ),
    )  # registered, ongoing, completed count; dropped does not

    rows = courses_this_month(lotse.reads, TODAY)
    assert [r.title for r in rows] == ["starts first", "start only", "both", "ends last"]
    both = rows[2]
    assert (both.enrolled, both.places, both.provider) == (3, 12, "VHS Halle")
    assert (both.start, both.end, both.kind) == (date(2026, 11, 10), date(2026, 11, 20), kind)
    assert rows[0].enrolled == 0 and rows[0].places is None
    december = [r.title for r in courses_this_month(lotse.reads, date(2026, 12, 1))]
    assert december == ["starts in December", "runs through"]
    assert overview(lotse.reads, TODAY).courses_this_month == rows


def test_measures_awaiting_approval_longest_first_with_the_weeks(lotse):
    amini, bakr = add_person(lotse, "Amini", "Sara"), add_person(lotse, "Bakr", "Omar")
    applied = [
        (amini, MeasureKind.ASA_FLEX, date(2026, 10, 1)),  # 55 days: 7 weeks
        (bakr, MeasureKind.BAB, date(2026, 11, 18)),  # 7 days: 1 week
        (bakr, MeasureKind.EQ, date(2026, 11, 19)),  # 6 days: 0 weeks
        (amini, MeasureKind.TUTORING, None),  # no date: first
    ]
    ids = add(
        lotse,
        *(
            Measure(participant_id=pid, kind=kind, applied_on=day, status=MeasureStatus.APPLIED)
            for pid, kind, day in applied
        ),
        *(
            Measure(participant_id=amini, kind=MeasureKind.MOBILITY, status=status,
                    applied_on=date(2026, 9, 1))
            for status in MeasureStatus
            if status != MeasureStatus.APPLIED
        ),
    )  # fmt: skip
    rows, count = measures_awaiting_approval(lotse.reads, TODAY)
    assert count == 4
    assert [(r.id, r.participant_name, r.kind, r.weeks_waiting) for r in rows] == [
        (ids[3], "Sara Amini", MeasureKind.TUTORING, None),
        (ids[0], "Sara Amini", MeasureKind.ASA_FLEX, 7),
        (ids[1], "Omar Bakr", MeasureKind.BAB, 1),
        (ids[2], "Omar Bakr", MeasureKind.EQ, 0),
    ]
    assert rows[1].applied_on == date(2026, 10, 1) and rows[1].participant_id == amini
    first_two, total = measures_awaiting_approval(lotse.reads, TODAY, limit=2)
    assert (first_two, total) == (rows[:2], 4)
    data = overview(lotse.reads, TODAY)
    assert (data.awaiting_approval, data.awaiting_approval_count) == (rows, 4)


def test_students_at_high_risk_without_contact_for_28_days(lotse):
    def person(last: str, risk: DropoutRisk | None, *days_ago: int) -> int:
        pid = add_person(lotse, last, "Test", program=Program.TRAINING, dropout_risk=risk,
                         school_class="10b", apprenticeship_occupation="Koch/Köchin",
                         dropout_risk_assessed_on=date(2026, 9, 1))  # fmt: skip
        for days in days_ago:
            note_on(lotse, pid, TODAY - timedelta(days=days))
        return pid

    people = {
        "Ahmadi": person("Ahmadi", DropoutRisk.HIGH, 60, 28),  # latest 28 days ago: listed
        "Bakr": person("Bakr", DropoutRisk.HIGH, 27),  # 27 days ago: not listed
        "Cheng": person("Cheng", DropoutRisk.HIGH),  # never: listed first
        "Diallo": person("Diallo", DropoutRisk.HIGH, 45),  # 45 days: before Ahmadi
        "Eze": person("Eze", DropoutRisk.MEDIUM, 90),  # not high
        "Faizi": person("Faizi", None),  # not assessed
        "Ghani": person("Ghani", DropoutRisk.HIGH, 100),  # exited below
        "Haidari": person("Haidari", DropoutRisk.HIGH, 2),
    }
    exit_data = ExitData(exit_date=TODAY, reason=ExitReason.GOAL_REACHED, outcome=None)
    run(lotse, exit_participant, people["Ghani"], exit_data)

    rows, count = high_risk_without_contact(lotse.reads, TODAY, 28)
    assert count == 3
    assert [r.participant_id for r in rows] == [
        people["Cheng"],
        people["Diallo"],
        people["Ahmadi"],
    ]
    cheng, diallo, ahmadi = rows
    assert cheng.last_contact is None
    assert diallo.last_contact == TODAY - timedelta(days=45)
    assert ahmadi.last_contact == TODAY - timedelta(days=28)
    assert (ahmadi.name, ahmadi.school_class, ahmadi.occupation, ahmadi.risk_assessed_on) == (
        "Test Ahmadi",
        "10b",
        "Koch/Köchin",
        date(2026, 9, 1),
    )
    # a day later Bakr's 27 days are 28; with the limit the count stays whole
    later, later_count = high_risk_without_contact(lotse.reads, TODAY + timedelta(days=1), 28, 2)
    assert later_count == 4 and [r.participant_id for r in later] == [
        people["Cheng"],
        people["Diallo"],
    ]
    data = overview(lotse.reads, TODAY)
    assert data.students_at_risk == rows and data.students_at_risk_count == 3
    joko_only = overview(lotse.reads, TODAY, programs=(Program.JOKO,))
    assert joko_only.students_at_risk is None and joko_only.students_at_risk_count == 0


def test_a_note_late_on_the_28th_day_back_still_counts_by_the_local_day(lotse):
    pid = add_person(lotse, "Idris", program=Program.TRAINING, dropout_risk=DropoutRisk.HIGH)
    note_on(lotse, pid, TODAY - timedelta(days=28), hour=23)
    assert [r.participant_id for r in high_risk_without_contact(lotse.reads, TODAY, 28)[0]] == [pid]
    note_on(lotse, pid, TODAY - timedelta(days=27), hour=0)
    assert high_risk_without_contact(lotse.reads, TODAY, 28) == ([], 0)

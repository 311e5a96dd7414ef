"""Prüfungen of a student (Ausbildungsmanagement): Zwischen-, Abschluss-, Wiederholungs- and
schulische Prüfungen with date, result and grade.

An exam names its kind or a title (or both). A planned exam is "ausstehend" (or has no result
yet) and may lie ahead; a result (bestanden, nicht bestanden, nicht erschienen) needs the day
of the exam, and that day has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.participant import Exam
from app.services import list_entries as entries
from app.vocab import ExamKind, ExamResult

ENTITY = "exam"
LABELS = {
    "kind": N_("Kind"),
    "title": N_("Designation"),
    "taken_on": N_("Date"),
    "result": N_("Result"),
    "grade": N_("Grade or points"),
    "notes": N_("Notes"),
}
# one-line texts with the columns' limits; the notes are multi-line
TEXTS: entries.TextRules = {
    "title": (False, 150),
    "grade": (False, 40),
    "notes": (True, None),
}


def label(field: str) -> str:
    return _(LABELS[field])


@dataclass(frozen=True)
class ExamInput:
    kind: ExamKind | None
    title: str = ""
    taken_on: date | None = None
    result: ExamResult | None = None
    grade: str = ""
    notes: str = ""


INPUT_FIELDS = tuple(f.name for f in fields(ExamInput))


def _validate(data: ExamInput, today: date) -> None:
    errors: list[FieldError] = []

    def add(field: str, message: str) -> None:
        errors.append(FieldError(field, label(field), message))

    if data.kind is not None and not isinstance(data.kind, ExamKind):
        add("kind", _("Please choose one."))
    elif data.kind is None and isinstance(data.title, str) and not data.title:
        add("kind", _("Please choose the kind or enter a designation."))
    if data.result is not None and not isinstance(data.result, ExamResult):
        add("result", _("Please choose one."))
    has_result = isinstance(data.result, ExamResult) and data.result != ExamResult.PENDING
    if message := validation.plausible_date(data.taken_on):
        add("taken_on", message)
    elif has_result and data.taken_on is None:
        add("taken_on", _("A result other than “pending” needs the date of the exam."))
    elif has_result and validation.not_future(data.taken_on, today):
        add("taken_on", _("The exam has a result: its date must not lie in the future."))
    for name, message in entries.text_problems(data, TEXTS):
        add(name, message)
    if errors:
        raise ValidationError(errors)


def get_exam(session: Session, exam_id: int) -> Exam:
    return entries.get_entry(session, Exam, exam_id, _("Exam"))


def add_exam(
    uow: UnitOfWork, participant_id: int, data: ExamInput, *, today: date | None = None
) -> Changes:
    """Erfassen (``created``: the exam's id)."""
    entries.participant_of(uow.session, participant_id)
    data = entries.cleaned_texts(data, TEXTS)
    _validate(data, today or date.today())
    exam = Exam(participant_id=participant_id, **entries.values_of(data, INPUT_FIELDS))
    exam_id = entries.insert_entry(
        uow.session, exam, ENTITY, entries.filled_fields(data, INPUT_FIELDS)
    )
    return uow.commit().with_created(exam_id)


def update_exam(
    uow: UnitOfWork, exam_id: int, data: ExamInput, *, today: date | None = None
) -> Changes:
    """Bearbeiten; unchanged: NOTHING."""
    exam = get_exam(uow.session, exam_id)
    data = entries.cleaned_texts(data, TEXTS)
    _validate(data, today or date.today())
    if not entries.update_entry(uow.session, exam, data, INPUT_FIELDS, ENTITY):
        return NOTHING
    return uow.commit()


def delete_exam(uow: UnitOfWork, exam_id: int) -> Changes:
    entries.delete_entry(uow.session, get_exam(uow.session, exam_id), ENTITY)
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


class ExamRow(NamedTuple):
    id: int
    participant_id: int
    kind: ExamKind | None
    title: str
    taken_on: date | None
    result: ExamResult | None
    grade: str
    notes: str

    @property
    def name(self) -> str:
        """What the exam is called: the title, else the kind."""
        return self.title or (self.kind.label if self.kind else "")

    def as_input(self) -> ExamInput:
        return ExamInput(**{name: getattr(self, name) for name in INPUT_FIELDS})


def exams_of(reads: Reads, participant_id: int) -> list[ExamRow]:
    """The person's exams: those without a date first (planned), then the latest first."""
    rows = reads.rows(
        "SELECT id, participant_id, kind, title, taken_on, result, grade, notes FROM exam "
        "WHERE participant_id = ? ORDER BY taken_on IS NOT NULL, taken_on DESC, id DESC",
        (participant_id,),
    )
    return [
        ExamRow(
            r[0],
            r[1],
            None if r[2] is None else ExamKind(r[2]),
            r[3],
            None if r[4] is None else date.fromisoformat(r[4]),
            None if r[5] is None else ExamResult(r[5]),
            r[6],
            r[7],
        )
        for r in rows
    ]

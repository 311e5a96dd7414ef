"""Prüfungen of a student (Ausbildungsmanagement): Zwischen-, Abschluss-, Wiederholungs- and
schulische Prüfungen with date, result and grade.

An exam names its kind or a title (or both). A planned exam is "ausstehend" (or has no result
yet) and may lie ahead; a result (bestanden, nicht bestanden, nicht erschienen) needs the day
of the exam, and that day has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models.participant import Exam, Participant
from app.services import audit
from app.text import canonical
from app.vocab import AuditAction, ExamKind, ExamResult

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
TEXTS: dict[str, tuple[bool, int | None]] = {
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


def _cleaned(data: ExamInput) -> ExamInput:
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(data, name), str)}
    return replace(data, **texts)  # type: ignore[arg-type]


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
    for name, (multiline, limit) in TEXTS.items():
        value = getattr(data, name)
        if message := validation.text_problem(value, multiline=multiline, max_length=limit):
            add(name, message)
    if errors:
        raise ValidationError(errors)


def _participant_problem(session: Session, participant_id: object) -> None:
    message = validation.row_id_problem(participant_id)
    if message is None and session.get(Participant, participant_id) is None:
        message = _("No participant with number {id}.").format(id=participant_id)
    if message:
        raise ValidationError([FieldError("participant_id", _("Participant"), message)])


def get_exam(session: Session, exam_id: int) -> Exam:
    found = None if validation.row_id_problem(exam_id) else session.get(Exam, exam_id)
    if found is None:
        raise ValidationError([FieldError("id", _("Exam"), _("It no longer exists."))])
    return found


def add_exam(
    uow: UnitOfWork, participant_id: int, data: ExamInput, *, today: date | None = None
) -> Changes:
    """Erfassen (``created``: the exam's id)."""
    _participant_problem(uow.session, participant_id)
    data = _cleaned(data)
    _validate(data, today or date.today())
    exam = Exam(participant_id=participant_id, **{n: getattr(data, n) for n in INPUT_FIELDS})
    uow.session.add(exam)
    uow.session.flush()
    filled = [name for name in INPUT_FIELDS if getattr(data, name) not in (None, "")]
    audit.record(uow.session, AuditAction.CREATE, ENTITY, exam.id, filled)
    return uow.commit().with_created(exam.id)


def update_exam(
    uow: UnitOfWork, exam_id: int, data: ExamInput, *, today: date | None = None
) -> Changes:
    """Bearbeiten; unchanged: NOTHING."""
    exam = get_exam(uow.session, exam_id)
    data = _cleaned(data)
    _validate(data, today or date.today())
    changed = [name for name in INPUT_FIELDS if getattr(exam, name) != getattr(data, name)]
    if not changed:
        return NOTHING
    for name in changed:
        setattr(exam, name, getattr(data, name))
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, exam_id, changed)
    return uow.commit()


def delete_exam(uow: UnitOfWork, exam_id: int) -> Changes:
    exam = get_exam(uow.session, exam_id)
    uow.session.delete(exam)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, exam_id)
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

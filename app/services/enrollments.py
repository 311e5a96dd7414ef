"""Kursteilnahmen: a person enrolled in a course, from the registration to its end, and the
German level the person reached there.

Statuses (``EnrollmentStatus``): angemeldet → laufend → abgeschlossen | abgebrochen, and
angemeldet → abgebrochen (the course never started for the person). Forward only: nothing
goes back, abgeschlossen and abgebrochen are final (the other fields stay editable: an exam
result often comes weeks later), and abgeschlossen follows laufend only — whoever completed a
course attended it. A new enrolment may start in any status: courses done before the person
came (or learned of afterwards) are recorded as they ended.

Abgebrochen needs the reason and the day; abgeschlossen needs the day ("beendet am"): not in
the future, not before the registration nor before the course's start. The level reached is
recorded for completed enrolments only. One open (angemeldet or laufend) enrolment per person
and course; new enrolments only for people who have not exited.

Completing a course never changes the person's German level by itself: ``level_update_offer``
says whether the level reached is higher than the person's, and ``adopt_level`` — run only
after the user confirmed — sets Deutschniveau, Nachweis and Nachweisdatum.

A course in a plan goal links to it (``Goal.course_id``): the enrolment's ``goal_id`` names
the goal of one of the person's open plans that stands for this course.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import NamedTuple

from sqlmodel import Session, col, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.derived_rows import LIST_TABLE
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.models import participant_fields as person_fields
from app.models.courses import Course, Enrollment
from app.models.participant import Participant
from app.models.support_plan import Goal, SupportPlan
from app.services import audit, participants
from app.services.support_plans.common import ENTITY as PLAN_ENTITY
from app.text import canonical
from app.vocab import (
    AuditAction,
    CourseKind,
    EnrollmentStatus,
    ExamResult,
    GermanLevel,
    GermanProofKind,
    ParticipantStatus,
    PlanStatus,
)

ENTITY = "enrollment"
LABELS = {
    "participant_id": N_("Participant"),
    "course_id": N_("Course"),
    "status": N_("Status"),
    "registered_on": N_("Registered on"),
    "left_on": N_("Ended on"),
    "dropout_reason": N_("Reason for dropping out"),
    "exam": N_("Exam"),
    "exam_on": N_("Exam date"),
    "exam_result": N_("Exam result"),
    "level_reached": N_("Level reached"),
    "goal_id": N_("Support plan goal"),
    "notes": N_("Notes"),
}
MAX_EXAM = 100  # the columns' limits
MAX_REASON = 500
RECENT_DAYS = 183  # course choices: courses that ended up to about six months ago

S = EnrollmentStatus
OPEN = frozenset({S.REGISTERED, S.ONGOING})
CLOSED = frozenset({S.COMPLETED, S.DROPPED})
ORDER = (S.REGISTERED, S.ONGOING, S.COMPLETED, S.DROPPED)
# the status each one may move to (besides staying)
NEXT: dict[EnrollmentStatus, tuple[EnrollmentStatus, ...]] = {
    S.REGISTERED: (S.ONGOING, S.DROPPED),
    S.ONGOING: (S.COMPLETED, S.DROPPED),
    S.COMPLETED: (),
    S.DROPPED: (),
}


def label(field: str) -> str:
    return _(LABELS[field])


def _quoted(status: EnrollmentStatus) -> str:
    return _("“{stage}”").format(stage=status.label)


def transition_problem(current: EnrollmentStatus, target: EnrollmentStatus) -> str | None:
    """Why an enrolment at ``current`` cannot move to ``target`` (German), or None."""
    if target == current or target in NEXT[current]:
        return None
    if current in CLOSED:
        return _(
            "The enrolment has ended ({current}); its status cannot change to {status} any more."
        ).format(current=_quoted(current), status=_quoted(target))
    if ORDER.index(target) < ORDER.index(current):
        return _("{status} comes before {current}: an enrolment does not go back.").format(
            status=_quoted(target), current=_quoted(current)
        )
    # angemeldet → abgeschlossen: the course has to run first
    return _("{stage} can only follow {needed} (now: {current}).").format(
        stage=_quoted(target), needed=_quoted(S.ONGOING), current=_quoted(current)
    )


def next_statuses(current: EnrollmentStatus | None) -> list[EnrollmentStatus]:
    """The statuses an enrolment at ``current`` may have after an edit (itself first); every
    status for a new one (None)."""
    if current is None:
        return list(ORDER)
    return [current, *NEXT[current]]


def is_open(status: EnrollmentStatus) -> bool:
    return status in OPEN


@dataclass(frozen=True)
class EnrollmentInput:
    """The fields of an enrolment as the dialog edits them."""

    course_id: int | None
    status: EnrollmentStatus = S.REGISTERED
    registered_on: date | None = None
    left_on: date | None = None  # beendet am: completed or dropped out
    dropout_reason: str = ""
    exam: str = ""  # e.g. DTZ, telc B2
    exam_on: date | None = None
    exam_result: ExamResult | None = None
    level_reached: GermanLevel | None = None
    notes: str = ""
    goal_id: int | None = None  # a goal of the person's open plan that stands for the course


# stored on the enrolment (goal_id is stored on the goal)
COLUMNS = tuple(f.name for f in fields(EnrollmentInput) if f.name != "goal_id")
TEXTS = {
    "dropout_reason": (True, MAX_REASON),
    "exam": (False, MAX_EXAM),
    "notes": (True, None),
}


def _cleaned(data: EnrollmentInput) -> EnrollmentInput:
    texts = {name: canonical(v) for name in TEXTS if isinstance(v := getattr(data, name), str)}
    return replace(data, **texts)  # type: ignore[arg-type]


def _error(name: str, message: str) -> FieldError:
    return FieldError(name, label(name), message)


def _not_found() -> ValidationError:
    return ValidationError([FieldError("id", _("Enrolment"), _("It no longer exists."))])


def get_enrollment(session: Session, enrollment_id: int) -> Enrollment:
    found = (
        None if validation.row_id_problem(enrollment_id) else session.get(Enrollment, enrollment_id)
    )
    if found is None:
        raise _not_found()
    return found


def _open_enrollment_of(
    session: Session, participant_id: int, course_id: int, other_than: int | None
) -> Enrollment | None:
    query = select(Enrollment).where(
        Enrollment.participant_id == participant_id,
        Enrollment.course_id == course_id,
        col(Enrollment.status).in_([status.value for status in OPEN]),
    )
    if other_than is not None:
        query = query.where(Enrollment.id != other_than)
    return session.exec(query).first()


def _goal_of_person(session: Session, participant_id: int, goal_id: object) -> str | None:
    """Why ``goal_id`` cannot be linked for this person, or None."""
    if message := validation.row_id_problem(goal_id):
        return message
    goal = session.get(Goal, goal_id)
    plan = session.get(SupportPlan, goal.plan_id) if goal is not None else None
    if goal is None or plan is None:
        return _("The chosen entry does not exist (any more).")
    if plan.participant_id != participant_id:
        return _("The goal belongs to another person's support plan.")
    if plan.status == PlanStatus.CLOSED:
        return _("Version {version} is closed and can no longer be changed.").format(
            version=plan.version
        )
    return None


def _date_errors(data: EnrollmentInput, course: Course | None, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    for name in ("registered_on", "left_on", "exam_on"):
        if message := validation.plausible_date(getattr(data, name)):
            errors.append(_error(name, message))
    wrong = {e.field for e in errors}
    for name in ("registered_on", "left_on"):  # facts: they have happened
        if name not in wrong and (message := validation.not_future(getattr(data, name), today)):
            errors.append(_error(name, message))
            wrong.add(name)
    if "left_on" not in wrong and data.left_on is not None:
        message = None
        if "registered_on" not in wrong:
            message = validation.not_before(
                data.left_on, data.registered_on, label("registered_on")
            )
        if message is None and course is not None:
            message = validation.not_before(data.left_on, course.start, _("the course start"))
        if message:
            errors.append(_error("left_on", message))
    if (
        "exam_on" not in wrong
        and data.exam_on is not None
        and data.exam_result not in (None, ExamResult.PENDING)
        and data.exam_on > today
    ):
        message = _("A result comes after the exam: the date must not lie in the future.")
        errors.append(_error("exam_on", message))
    return errors


def _validate(
    session: Session,
    participant_id: int,
    data: EnrollmentInput,
    *,
    current: Enrollment | None,
    today: date,
    errors: list[FieldError] | None = None,
) -> Course | None:
    """Every check of the input, all problems at once (after ``errors`` found before; the
    goal is checked only for a known person); the chosen course."""
    person_known = not errors
    errors = list(errors or ())
    course = None
    status_ok = isinstance(data.status, EnrollmentStatus)
    if message := validation.row_id_problem(data.course_id):
        errors.append(_error("course_id", _("Please choose one.")))
    elif (course := session.get(Course, data.course_id)) is None:
        errors.append(_error("course_id", _("The chosen entry does not exist (any more).")))
    elif person_known and status_ok and is_open(data.status):
        assert data.course_id is not None
        other_than = current.id if current is not None else None
        if existing := _open_enrollment_of(session, participant_id, data.course_id, other_than):
            message = _("The person is enrolled in this course already ({status}).").format(
                status=_quoted(existing.status)
            )
            errors.append(_error("course_id", message))
    if not status_ok:
        errors.append(_error("status", _("Please choose one.")))
    elif current is not None and (message := transition_problem(current.status, data.status)):
        errors.append(_error("status", message))
    errors += _date_errors(data, course, today)
    for name, (multiline, limit) in TEXTS.items():
        value = getattr(data, name)
        if message := validation.text_problem(value, multiline=multiline, max_length=limit):
            errors.append(_error(name, message))
    wrong = {e.field for e in errors}
    if data.exam_result is not None and not isinstance(data.exam_result, ExamResult):
        errors.append(_error("exam_result", _("Please choose one.")))
    if data.level_reached is not None and not isinstance(data.level_reached, GermanLevel):
        errors.append(_error("level_reached", _("Please choose one.")))
        wrong.add("level_reached")
    if status_ok:
        closed = data.status in CLOSED
        if data.status == S.DROPPED and "dropout_reason" not in wrong and not data.dropout_reason:
            errors.append(_error("dropout_reason", _("Please give the reason for dropping out.")))
        if data.status != S.DROPPED and data.dropout_reason and "dropout_reason" not in wrong:
            message = _("Only for an enrolment that was dropped out of.")
            errors.append(_error("dropout_reason", message))
        if closed and data.left_on is None and "left_on" not in wrong:
            message = _("Please enter the day the course ended for the person.")
            errors.append(_error("left_on", message))
        if not closed and data.left_on is not None and "left_on" not in wrong:
            message = _("Only for a completed or dropped enrolment.")
            errors.append(_error("left_on", message))
        reached = data.level_reached is not None and "level_reached" not in wrong
        if data.status != S.COMPLETED and reached:
            errors.append(_error("level_reached", _("Only for a completed course.")))
    if (
        person_known
        and data.goal_id is not None
        and (message := _goal_of_person(session, participant_id, data.goal_id))
    ):
        errors.append(_error("goal_id", message))
    if errors:
        raise ValidationError(errors)
    return course


def _link_goal(
    session: Session,
    participant_id: int,
    goal_id: int | None,
    course_id: int,
    *,
    previous_course_id: int | None = None,
) -> None:
    """Step: ``goal_id`` (a goal of the person's open plan) stands for ``course_id``; other
    goals of open plans that stood for the enrolment's previous course no longer do (an
    enrolment names one goal). Audited on each plan touched."""
    touched: dict[int, None] = {}
    if previous_course_id is not None:
        linked = session.exec(
            select(Goal)
            .join(SupportPlan, col(SupportPlan.id) == col(Goal.plan_id))
            .where(
                SupportPlan.participant_id == participant_id,
                SupportPlan.status != PlanStatus.CLOSED,
                Goal.course_id == previous_course_id,
            )
        ).all()
        for goal in linked:
            if goal.id != goal_id:
                goal.course_id = None
                touched[goal.plan_id] = None
    if goal_id is not None:
        goal = session.get(Goal, goal_id)
        assert goal is not None  # checked by _validate
        if goal.course_id != course_id:
            goal.course_id = course_id
            touched[goal.plan_id] = None
    for plan_id in touched:
        audit.record(session, AuditAction.UPDATE, PLAN_ENTITY, plan_id, ["goals"])


def linked_goal_id(reads: Reads, participant_id: int, course_id: int) -> int | None:
    """The goal of the person's open plans that stands for the course (the first), or None."""
    found = reads.rows(
        """
        SELECT g.id FROM goal g JOIN support_plan p ON p.id = g.plan_id
        WHERE p.participant_id = ? AND p.status != ? AND g.course_id = ?
        ORDER BY p.version DESC, g.position, g.id LIMIT 1
        """,
        (participant_id, PlanStatus.CLOSED.value, course_id),
    )
    return found[0][0] if found else None


# --- operations -----------------------------------------------------------------------------


def enroll(
    uow: UnitOfWork, participant_id: int, data: EnrollmentInput, *, today: date | None = None
) -> Changes:
    """Anmelden: the person in the course (``created``: the enrolment's id). With ``goal_id``
    the plan goal stands for the course."""
    session = uow.session
    data = _cleaned(data)
    errors: list[FieldError] = []
    if message := validation.row_id_problem(participant_id):
        errors.append(_error("participant_id", message))
    elif (person := session.get(Participant, participant_id)) is None:
        message = _("No participant with number {id}.").format(id=participant_id)
        errors.append(_error("participant_id", message))
    elif person.status == ParticipantStatus.EXITED:
        message = _("{name} has exited; no enrolment can be added any more.").format(
            name=person.full_name
        )
        errors.append(_error("participant_id", message))
    today = today or date.today()
    _validate(session, participant_id, data, current=None, today=today, errors=errors)
    assert data.course_id is not None
    enrollment = Enrollment(
        participant_id=participant_id, **{name: getattr(data, name) for name in COLUMNS}
    )
    session.add(enrollment)
    session.flush()
    audit.record(
        session,
        AuditAction.CREATE,
        ENTITY,
        enrollment.id,
        [name for name in COLUMNS if getattr(data, name) not in (None, "")],
    )
    _link_goal(session, participant_id, data.goal_id, data.course_id)
    return uow.commit().with_created(enrollment.id)


def update_enrollment(
    uow: UnitOfWork, enrollment_id: int, data: EnrollmentInput, *, today: date | None = None
) -> Changes:
    """Store the edited enrolment (status forward only); unchanged: NOTHING."""
    session = uow.session
    data = _cleaned(data)
    enrollment = get_enrollment(session, enrollment_id)
    pid = enrollment.participant_id
    _validate(session, pid, data, current=enrollment, today=today or date.today())
    assert data.course_id is not None
    previous_course = enrollment.course_id
    changed = [name for name in COLUMNS if getattr(enrollment, name) != getattr(data, name)]
    goal_changed = linked_goal_id(uow, pid, previous_course) != data.goal_id
    if not changed and not goal_changed:
        return NOTHING
    for name in changed:
        setattr(enrollment, name, getattr(data, name))
    if changed:
        audit.record(session, AuditAction.UPDATE, ENTITY, enrollment_id, changed)
    if goal_changed or "course_id" in changed:
        _link_goal(session, pid, data.goal_id, data.course_id, previous_course_id=previous_course)
    return uow.commit()


def delete_enrollment(uow: UnitOfWork, enrollment_id: int) -> Changes:
    """Löschen: the enrolment goes (a plan goal keeps its course)."""
    enrollment = get_enrollment(uow.session, enrollment_id)
    uow.session.delete(enrollment)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, enrollment_id)
    return uow.commit()


def _rank(level: GermanLevel | None) -> int:
    """Not recorded counts as no German: "keine Deutschkenntnisse" is nothing to adopt."""
    return 0 if level is None else level.rank


def adopt_level(
    uow: UnitOfWork,
    enrollment_id: int,
    proof: GermanProofKind | None,
    on: date | None,
    *,
    today: date | None = None,
) -> Changes:
    """Übernehmen, after the user confirmed: the person's Deutschniveau becomes the level the
    completed enrolment reached, with Nachweis ``proof`` and Nachweisdatum ``on``. Refused
    when that level is not higher than the person's."""
    session = uow.session
    enrollment = get_enrollment(session, enrollment_id)
    person = participants.get_participant(uow, enrollment.participant_id)
    reached = enrollment.level_reached
    level_label = person_fields.label("german_level")
    errors: list[FieldError] = []
    if enrollment.status != S.COMPLETED or reached is None:
        message = _("Only a completed course with the level reached can change the level.")
        errors.append(FieldError("german_level", level_label, message))
    elif reached.rank <= _rank(person.german_level):
        current = person.german_level.label if person.german_level else "—"
        message = _(
            "The level reached ({reached}) is not higher than the person's ({current})."
        ).format(reached=reached.label, current=current)
        errors.append(FieldError("german_level", level_label, message))
    if proof is not None and not isinstance(proof, GermanProofKind):
        errors.append(
            FieldError("german_proof", person_fields.label("german_proof"), _("Please choose one."))
        )
    proof_label = person_fields.label("german_proof_on")
    if on is None:
        errors.append(FieldError("german_proof_on", proof_label, _("Please enter a date.")))
    elif message := validation.plausible_date(on) or validation.not_future(
        on, today or date.today()
    ):
        errors.append(FieldError("german_proof_on", proof_label, message))
    if errors:
        raise ValidationError(errors)
    values = {"german_level": reached, "german_proof": proof, "german_proof_on": on}
    if not participants.apply_update(uow, person.id, values, today=today):
        return NOTHING
    return uow.commit()


# --- reads ----------------------------------------------------------------------------------


class EnrollmentRow(NamedTuple):
    id: int
    participant_id: int
    participant_name: str
    course_id: int
    course_title: str
    course_kind: CourseKind
    provider_name: str
    course_start: date | None
    course_end: date | None
    status: EnrollmentStatus
    registered_on: date | None
    left_on: date | None
    dropout_reason: str
    exam: str
    exam_on: date | None
    exam_result: ExamResult | None
    level_reached: GermanLevel | None
    notes: str

    def as_input(self, goal_id: int | None) -> EnrollmentInput:
        """The row as the dialog edits it; ``goal_id``: the goal standing for the course
        (``linked_goal_id``; None unlinks it on update)."""
        return EnrollmentInput(
            course_id=self.course_id,
            status=self.status,
            registered_on=self.registered_on,
            left_on=self.left_on,
            dropout_reason=self.dropout_reason,
            exam=self.exam,
            exam_on=self.exam_on,
            exam_result=self.exam_result,
            level_reached=self.level_reached,
            notes=self.notes,
            goal_id=goal_id,
        )


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


_ENROLLMENT_SQL = f"""
SELECT e.id, e.participant_id, trim(p.first_name || ' ' || p.last_name), e.course_id,
       c.title, c.kind, coalesce(o.name, ''), c.start, c."end", e.status, e.registered_on,
       e.left_on, e.dropout_reason, e.exam, e.exam_on, e.exam_result, e.level_reached, e.notes
FROM enrollment e
JOIN course c ON c.id = e.course_id
JOIN {LIST_TABLE} p ON p.id = e.participant_id
LEFT JOIN organization o ON o.id = c.provider_id
"""
_OPEN_FIRST = "CASE WHEN e.status IN ('registered', 'ongoing') THEN 0 ELSE 1 END"


def _enrollment_rows(reads: Reads, where: str, order: str, params: tuple) -> list[EnrollmentRow]:
    return [
        EnrollmentRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            CourseKind(r[5]),
            r[6],
            _day(r[7]),
            _day(r[8]),
            EnrollmentStatus(r[9]),
            _day(r[10]),
            _day(r[11]),
            r[12],
            r[13],
            _day(r[14]),
            None if r[15] is None else ExamResult(r[15]),
            None if r[16] is None else GermanLevel(r[16]),
            r[17],
        )
        for r in reads.rows(f"{_ENROLLMENT_SQL} WHERE {where} ORDER BY {order}", params)
    ]


def enrollments_of_participant(reads: Reads, participant_id: int) -> list[EnrollmentRow]:
    """The person's enrolments: open ones first, then the latest course first."""
    return _enrollment_rows(
        reads,
        "e.participant_id = ?",
        f"{_OPEN_FIRST}, coalesce(c.start, e.registered_on) DESC, e.id DESC",
        (participant_id,),
    )


def enrollments_of_course(reads: Reads, course_id: int) -> list[EnrollmentRow]:
    """Who is enrolled in the course: open ones first, then by name."""
    return _enrollment_rows(
        reads, "e.course_id = ?", f"{_OPEN_FIRST}, p.name_sort, e.id", (course_id,)
    )


def enrollment_row(reads: Reads, enrollment_id: int) -> EnrollmentRow | None:
    found = _enrollment_rows(reads, "e.id = ?", "e.id", (enrollment_id,))
    return found[0] if found else None


class CourseChoice(NamedTuple):
    """A course someone can be enrolled in (the dialog's list)."""

    id: int
    title: str
    kind: CourseKind
    provider_name: str
    start: date | None
    end: date | None


def course_choices(reads: Reads, today: date, include_id: int | None = None) -> list[CourseChoice]:
    """Courses not ended more than about six months before ``today`` (and ``include_id``,
    the enrolment's own course, however old): by title, then start."""
    since = (today - timedelta(days=RECENT_DAYS)).isoformat()
    result = reads.rows(
        """
        SELECT c.id, c.title, c.kind, coalesce(o.name, ''), c.start, c."end"
        FROM course c LEFT JOIN organization o ON o.id = c.provider_id
        WHERE c."end" IS NULL OR c."end" >= ? OR c.id = ?
        ORDER BY c.title COLLATE NOCASE, c.start, c.id
        """,
        (since, include_id if include_id is not None else -1),
    )
    return [
        CourseChoice(r[0], r[1], CourseKind(r[2]), r[3], _day(r[4]), _day(r[5])) for r in result
    ]


class GoalChoice(NamedTuple):
    """A goal of the person's open plan a course can stand for."""

    id: int
    title: str
    plan_version: int
    course_id: int | None  # the course it stands for now


def plan_goal_choices(reads: Reads, participant_id: int) -> list[GoalChoice]:
    """The goals of the person's open (draft or active) plans, newest version first."""
    result = reads.rows(
        """
        SELECT g.id, g.title, p.version, g.course_id
        FROM goal g JOIN support_plan p ON p.id = g.plan_id
        WHERE p.participant_id = ? AND p.status != ?
        ORDER BY p.version DESC, g.position, g.id
        """,
        (participant_id, PlanStatus.CLOSED.value),
    )
    return [GoalChoice(r[0], r[1], r[2], r[3]) for r in result]


class LevelOffer(NamedTuple):
    """What the face asks after a completion: take the level reached over?"""

    enrollment_id: int
    participant_id: int
    participant_name: str
    current: GermanLevel | None
    reached: GermanLevel
    exam: str
    exam_on: date | None
    exam_result: ExamResult | None
    suggested_proof: GermanProofKind | None
    suggested_on: date | None  # the exam's date, else the day the course ended


_PROOF_WORDS = (
    ("dtz", GermanProofKind.DTZ),
    ("telc", GermanProofKind.TELC),
    ("goethe", GermanProofKind.GOETHE),
    ("ösd", GermanProofKind.OSD),
    ("osd", GermanProofKind.OSD),
    ("einstufung", GermanProofKind.PLACEMENT_TEST),
)


def suggested_proof(exam: str, kind: CourseKind) -> GermanProofKind | None:
    """The proof an exam's name suggests ("telc B2" → telc), or the course kind's."""
    words = exam.casefold()
    for word, proof in _PROOF_WORDS:
        if word in words:
            return proof
    if kind.is_job_language_course:
        return GermanProofKind.BSK_CERTIFICATE
    if kind.is_integration_course and exam:
        return GermanProofKind.DTZ
    return None


def level_update_offer(reads: Reads, enrollment_id: int) -> LevelOffer | None:
    """For a completed enrolment whose level reached is higher than the person's level now;
    otherwise None."""
    row = enrollment_row(reads, enrollment_id)
    if row is None or row.status != S.COMPLETED or row.level_reached is None:
        return None
    found = reads.rows("SELECT german_level FROM participant WHERE id = ?", (row.participant_id,))
    if not found:
        return None
    current = None if found[0][0] is None else GermanLevel(found[0][0])
    if row.level_reached.rank <= _rank(current):
        return None
    return LevelOffer(
        row.id,
        row.participant_id,
        row.participant_name,
        current,
        row.level_reached,
        row.exam,
        row.exam_on,
        row.exam_result,
        suggested_proof(row.exam, row.course_kind),
        row.exam_on or row.left_on,
    )

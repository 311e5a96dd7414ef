"""Förderbedarfsermittlung: a student's structured needs assessment, kept as dated versions.

Each version rates the five areas (fachlich, sprachlich, persönlich / sozial, organisatorisch,
finanziell) with a level (kein Bedarf · niedrig · mittel · hoch) and a note, and names its
date and who took part. A new assessment is the next version (previous highest + 1); only
the newest version can be edited or deleted: the older ones are the history. The newest
version decides the participant's "Förderbedarf festgestellt am" (its date) and
"Förderbedarfe" (the areas it rates niedrig, mittel or hoch), which the Ausbildung tab shows
read-only, and it prefills the Förderbedarfe of a new support plan
(app.services.support_plans.editing.prefilled_needs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlmodel import Session, col, select

from app import validation
from app.db.changes import NOTHING, Changes
from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _, format_date
from app.models.participant import Participant
from app.models.training import NEED_AREAS, NeedsAssessment
from app.services import audit
from app.services.participants import get_participant
from app.text import canonical
from app.vocab import AuditAction, NeedLevel, SupportNeedArea

ENTITY = "needs_assessment"
PARTICIPANT_ENTITY = "participant"
MAX_TAKEN_PART = 300  # the column's limit
MAX_NOTE = 2000  # a note per area: a few paragraphs
# The levels that count as a need (the participant's Förderbedarfe, the plan's lines).
NEED = (NeedLevel.LOW, NeedLevel.MEDIUM, NeedLevel.HIGH)
LABELS = {
    "assessed_on": N_("Date of the assessment"),
    "taken_part": N_("Who took part"),
    "levels": N_("Support needs"),
}
LEVEL_LABEL = N_("{area} – need")
NOTE_LABEL = N_("{area} – note")
SYNCED_COLUMNS = ("support_need_assessed_on", "support_need_areas")


def area_of(code: str) -> SupportNeedArea:
    return SupportNeedArea(code)


def area_caption(code: str) -> str:
    """The area's label as a caption: "Sprachlich", "Persönlich / sozial"."""
    text = area_of(code).label
    return text[:1].upper() + text[1:]


def level_field(area: str) -> str:
    return f"{area}_level"


def note_field(area: str) -> str:
    return f"{area}_note"


def label(name: str) -> str:
    """The German label of a field: "assessed_on", "taken_part", "levels", "<area>_level",
    "<area>_note"."""
    for area in NEED_AREAS:
        if name == level_field(area):
            return _(LEVEL_LABEL).format(area=area_caption(area))
        if name == note_field(area):
            return _(NOTE_LABEL).format(area=area_caption(area))
    return _(LABELS[name])


def version_title(version: int, assessed_on: date | None) -> str:
    """ "Version 3 vom 12.11.2026"."""
    if assessed_on is None:
        return _("Version {version}").format(version=version)
    return _("Version {version} of {date}").format(version=version, date=format_date(assessed_on))


@dataclass(frozen=True)
class AssessmentInput:
    """One version as the form sends it: the date, who took part, and per area code
    (NEED_AREAS) its level (None: not rated) and note. Missing areas are not rated."""

    assessed_on: date | None
    taken_part: str = ""
    levels: Mapping[str, NeedLevel | None] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


def _cleaned(data: AssessmentInput) -> AssessmentInput:
    def clean(value: object) -> object:
        return canonical(value) if isinstance(value, str) else value

    return AssessmentInput(
        assessed_on=data.assessed_on,
        taken_part=clean(data.taken_part),  # type: ignore[arg-type]
        levels=dict(data.levels),
        notes={area: clean(note) for area, note in data.notes.items()},  # type: ignore[misc]
    )


# --- checks ----------------------------------------------------------------------------------


def _not_found() -> ValidationError:
    return ValidationError([FieldError("id", _("Needs assessment"), _("It no longer exists."))])


def _not_newest(version: int, what: str) -> ValidationError:
    return ValidationError([FieldError("id", _("Needs assessment"), what.format(version=version))])


def get_assessment(session: Session, assessment_id: int) -> NeedsAssessment:
    found = (
        None
        if validation.row_id_problem(assessment_id)
        else session.get(NeedsAssessment, assessment_id)
    )
    if found is None:
        raise _not_found()
    return found


def _versions(session: Session, participant_id: int) -> list[NeedsAssessment]:
    """The person's versions, newest first."""
    return list(
        session.exec(
            select(NeedsAssessment)
            .where(NeedsAssessment.participant_id == participant_id)
            .order_by(col(NeedsAssessment.version).desc())
        ).all()
    )


def newest_record(session: Session, participant_id: int) -> NeedsAssessment | None:
    """The newest version of the person's needs assessment (ORM), or None."""
    return session.exec(
        select(NeedsAssessment)
        .where(NeedsAssessment.participant_id == participant_id)
        .order_by(col(NeedsAssessment.version).desc())
        .limit(1)
    ).first()


def _validate(data: AssessmentInput, previous: NeedsAssessment | None, today: date) -> None:
    """Every problem at once. ``previous``: the version before the one being written (its date
    is the earliest allowed)."""
    errors: list[FieldError] = []
    day = data.assessed_on
    if day is None:
        errors.append(FieldError("assessed_on", label("assessed_on"), _("Please enter a date.")))
    elif message := validation.plausible_date(day) or validation.not_future(day, today):
        errors.append(FieldError("assessed_on", label("assessed_on"), message))
    elif previous is not None and day < previous.assessed_on:
        errors.append(
            FieldError(
                "assessed_on",
                label("assessed_on"),
                _("The date must not lie before that of version {version} ({date}).").format(
                    version=previous.version, date=format_date(previous.assessed_on)
                ),
            )
        )
    if message := validation.text_problem(
        data.taken_part, multiline=False, max_length=MAX_TAKEN_PART
    ):
        errors.append(FieldError("taken_part", label("taken_part"), message))
    unknown = sorted(map(str, (set(data.levels) | set(data.notes)) - set(NEED_AREAS)))
    if unknown:
        errors.append(
            FieldError(
                "levels",
                label("levels"),
                _("Unknown area: {areas}.").format(areas=", ".join(unknown)),
            )
        )
    rated = 0
    for area in NEED_AREAS:
        level = data.levels.get(area)
        note = data.notes.get(area, "")
        if level is not None and not isinstance(level, NeedLevel):
            errors.append(
                FieldError(level_field(area), label(level_field(area)), _("Please choose one."))
            )
            rated += 1  # rated, wrongly: the message above is the one to show
            continue
        if level is not None:
            rated += 1
        if message := validation.text_problem(note, multiline=True, max_length=MAX_NOTE):
            errors.append(FieldError(note_field(area), label(note_field(area)), message))
        elif note and level is None:
            errors.append(
                FieldError(
                    level_field(area),
                    label(level_field(area)),
                    _("Please choose a level for the note."),
                )
            )
    if not rated and not unknown:
        errors.append(FieldError("levels", label("levels"), _("Please rate at least one area.")))
    if errors:
        raise ValidationError(errors)


# --- steps and operations -------------------------------------------------------------------


def _write(record: NeedsAssessment, data: AssessmentInput) -> list[str]:
    """Put ``data`` into ``record``; the names of the columns that changed."""
    wanted: dict[str, object] = {"assessed_on": data.assessed_on, "taken_part": data.taken_part}
    for area in NEED_AREAS:
        wanted[level_field(area)] = data.levels.get(area)
        wanted[note_field(area)] = data.notes.get(area, "")
    changed = [name for name, value in wanted.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, wanted[name])
    return changed


def need_areas(levels: Mapping[str, NeedLevel | None]) -> list[str]:
    """The codes of the areas rated as a need, in SupportNeedArea order."""
    return [area.value for area in SupportNeedArea if levels.get(area.value) in NEED]


def levels_of(record: NeedsAssessment) -> dict[str, NeedLevel | None]:
    return {area: getattr(record, level_field(area)) for area in NEED_AREAS}


def notes_of(record: NeedsAssessment) -> dict[str, str]:
    return {area: getattr(record, note_field(area)) for area in NEED_AREAS}


def sync_participant_needs(uow: UnitOfWork, participant: Participant) -> list[str]:
    """Step: "Förderbedarf festgestellt am" and "Förderbedarfe" of the person follow their
    newest version (none left: emptied); the names of the columns that changed, audited as
    a change of the person. Does not commit."""
    uow.session.flush()
    assert participant.id is not None
    newest = newest_record(uow.session, participant.id)
    wanted: dict[str, object] = {
        "support_need_assessed_on": newest.assessed_on if newest else None,
        "support_need_areas": need_areas(levels_of(newest)) if newest else [],
    }
    changed = [name for name in SYNCED_COLUMNS if getattr(participant, name) != wanted[name]]
    for name in changed:
        setattr(participant, name, wanted[name])
    if changed:
        audit.record(uow.session, AuditAction.UPDATE, PARTICIPANT_ENTITY, participant.id, changed)
    return changed


def add_assessment(
    uow: UnitOfWork, participant_id: int, data: AssessmentInput, *, today: date | None = None
) -> Changes:
    """A new version (the previous highest + 1), dated not before the newest one; the
    person's Förderbedarfe follow it. ``created``: its id."""
    participant = get_participant(uow, participant_id)
    data = _cleaned(data)
    previous = newest_record(uow.session, participant_id)
    _validate(data, previous, today or date.today())
    assert data.assessed_on is not None
    record = NeedsAssessment(
        participant_id=participant_id,
        version=previous.version + 1 if previous else 1,
        assessed_on=data.assessed_on,
        author=audit.current_actor(),
    )
    changed = _write(record, data)
    uow.session.add(record)
    uow.session.flush()
    audit.record(uow.session, AuditAction.CREATE, ENTITY, record.id, ["version", *changed])
    sync_participant_needs(uow, participant)
    return uow.commit().with_created(record.id)


def update_assessment(
    uow: UnitOfWork, assessment_id: int, data: AssessmentInput, *, today: date | None = None
) -> Changes:
    """Change the newest version (older ones are history and refused); its date not before
    the version before it. Unchanged: NOTHING."""
    record = get_assessment(uow.session, assessment_id)
    versions = _versions(uow.session, record.participant_id)
    if versions[0].id != record.id:
        raise _not_newest(
            record.version,
            _(
                "Version {version} is not the newest; older versions are kept as history "
                "and cannot be changed."
            ),
        )
    data = _cleaned(data)
    _validate(data, versions[1] if len(versions) > 1 else None, today or date.today())
    changed = _write(record, data)
    if not changed:
        return NOTHING
    audit.record(uow.session, AuditAction.UPDATE, ENTITY, record.id, changed)
    sync_participant_needs(uow, get_participant(uow, record.participant_id))
    return uow.commit()


def delete_assessment(uow: UnitOfWork, assessment_id: int) -> Changes:
    """Delete the newest version (a mistake, a duplicate); the one before it becomes the
    newest and the person's Förderbedarfe follow it (none left: emptied). Older versions
    are history and refused."""
    record = get_assessment(uow.session, assessment_id)
    participant_id = record.participant_id
    newest = newest_record(uow.session, participant_id)
    if newest is None or newest.id != record.id:
        raise _not_newest(
            record.version,
            _("Version {version} is not the newest; only the newest version can be deleted."),
        )
    uow.session.delete(record)
    audit.record(uow.session, AuditAction.DELETE, ENTITY, assessment_id)
    sync_participant_needs(uow, get_participant(uow, participant_id))
    return uow.commit()


# --- the plan's lines ------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def need_lines(levels: Mapping[str, NeedLevel | None], notes: Mapping[str, str]) -> list[str]:
    """One line per area rated as a need, in SupportNeedArea order:
    "sprachlich (hoch): Fachsprache Elektro, Prüfungsvorbereitung" (a note's lines joined
    with "; "; no note: "sprachlich (hoch)")."""
    lines = []
    for area in SupportNeedArea:
        level = levels.get(area.value)
        if level not in NEED:
            continue
        assert level is not None
        note = _one_line(notes.get(area.value, ""))
        head = f"{area.label} ({level.label})"
        lines.append(f"{head}: {note}" if note else head)
    return lines


# --- reads -----------------------------------------------------------------------------------


class AssessmentRow(NamedTuple):
    id: int
    participant_id: int
    version: int
    assessed_on: date
    taken_part: str
    levels: dict[str, NeedLevel | None]  # by area code (NEED_AREAS)
    notes: dict[str, str]
    author: str

    @property
    def title(self) -> str:
        return version_title(self.version, self.assessed_on)

    def need_areas(self) -> list[str]:
        return need_areas(self.levels)

    def need_lines(self) -> list[str]:
        return need_lines(self.levels, self.notes)

    def as_input(self) -> AssessmentInput:
        return AssessmentInput(
            self.assessed_on, self.taken_part, dict(self.levels), dict(self.notes)
        )


_COLUMNS = ", ".join(
    ["id", "participant_id", "version", "assessed_on", "taken_part", "author"]
    + [f"{level_field(area)}, {note_field(area)}" for area in NEED_AREAS]
)


def _row(r: tuple) -> AssessmentRow:
    levels: dict[str, NeedLevel | None] = {}
    notes: dict[str, str] = {}
    for index, area in enumerate(NEED_AREAS):
        level, note = r[6 + 2 * index], r[7 + 2 * index]
        levels[area] = None if level is None else NeedLevel(level)
        notes[area] = note or ""
    return AssessmentRow(
        r[0], r[1], r[2], date.fromisoformat(r[3]), r[4] or "", levels, notes, r[5] or ""
    )


def assessments_of(reads: Reads, participant_id: int) -> list[AssessmentRow]:
    """The person's versions, newest first."""
    result = reads.rows(
        f"SELECT {_COLUMNS} FROM needs_assessment WHERE participant_id = ? ORDER BY version DESC",
        (participant_id,),
    )
    return [_row(r) for r in result]


def newest_assessment(reads: Reads, participant_id: int) -> AssessmentRow | None:
    """The newest version, or None."""
    result = reads.rows(
        f"SELECT {_COLUMNS} FROM needs_assessment WHERE participant_id = ? "
        "ORDER BY version DESC LIMIT 1",
        (participant_id,),
    )
    return _row(result[0]) if result else None

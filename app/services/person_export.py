"""Auskunft nach Art. 15 DSGVO: everything stored about one person, as JSON and PDF.

``COVERED`` names every table that holds a person's data — the tables with a
``participant_id`` and those reached through a plan, a placement or a note — and how each is
reached (a test fails when a table with a ``participant_id`` appears that is not named here).
Other records the person's rows point to (organisations, contact persons, courses, job
offers) are shown by name only. The audit events are those whose (entity, entity_id) is one of
the person's rows (entity = the table name, as every service records it).

The JSON file (UTF-8) has German keys at the top (``Auskunft``, ``Tabellen``, ``Dateien``);
under ``Tabellen`` one entry per table by its database name, each with ``Abschnitt`` (the
German heading), ``Erläuterung``, ``Felder`` (column → German label) and ``Einträge`` (every
column of every row; dates ISO 8601, times in UTC; a vocabulary value as
``{"Code": …, "Bezeichnung": …}``; a link to another record as ``{"id": …, "Name": …}``).
The printed copies of plans are written beside it as PDF files of their own, byte for byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from sqlmodel import SQLModel, col, select

from app.clock import to_local
from app.db.changes import Changes
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.files import atomic_file
from app.i18n import N_, _
from app.models.audit import AuditEvent
from app.models.consent import Consent
from app.models.contacts import ContactNote, FollowUp, NoteOrganization
from app.models.courses import Course, Enrollment, Measure
from app.models.jobs import Employment, JobOffer, Placement, PlacementEvent
from app.models.organization import ContactPerson, Organization
from app.models.participant import (
    Exam,
    ForeignQualification,
    Guardian,
    Participant,
    WorkExperience,
)
from app.models.participant_fields import LABELS as PARTICIPANT_LABELS
from app.models.support_plan import Goal, PlanPrint, PlanStep, SupportPlan
from app.models.training import Absence, NeedsAssessment
from app.progress import Progress
from app.reports.person_export import ExportSection, Ref
from app.services import (
    absences,
    audit,
    consents,
    contact_notes,
    employments,
    enrollments,
    exams,
    follow_ups,
    guardians,
    measures,
    needs_assessments,
    placements,
)
from app.services.participants import get_participant
from app.services.settings import load_settings
from app.services.support_plans import common as plans
from app.vocab import AuditAction, LabeledEnum

ENTITY = "participant"
# an audit event older than the row it names belongs to an earlier row with the same id
AUDIT_SLACK = timedelta(seconds=2)

GENERIC_LABELS = {
    "id": N_("No."),
    "created_at": N_("Created at"),
    "updated_at": N_("Last changed at"),
    "author": N_("Written by"),
    "notes": N_("Notes"),
    "participant_id": N_("Participant"),
    "organization_id": N_("Organisation"),
}
EXTRA_LABELS: dict[str, dict[str, str]] = {
    "participant": {"name_sort": N_("Name for sorting")},
    "guardian": {},
    "work_experience": {
        "activity": N_("Activity"),
        "country": N_("Country"),
        "started_on": N_("From"),
        "ended_on": N_("Until"),
    },
    "foreign_qualification": {
        "title": N_("Qualification"),
        "country": N_("Country"),
        "reference_occupation": N_("German reference occupation"),
        "regulated": N_("Regulated occupation"),
        "recognition_status": N_("Recognition status"),
        "competent_body": N_("Competent body"),
        "applied_on": N_("Applied for on"),
        "decision_on": N_("Decided on"),
    },
    "needs_assessment": {
        "version": N_("Version"),
        "assessed_on": N_("Date of the assessment"),
        "subject_level": N_("Subject-related need"),
        "subject_note": N_("Subject-related need, remark"),
        "language_level": N_("Language-related need"),
        "language_note": N_("Language-related need, remark"),
        "personal_social_level": N_("Personal and social need"),
        "personal_social_note": N_("Personal and social need, remark"),
        "organisational_level": N_("Organisational need"),
        "organisational_note": N_("Organisational need, remark"),
        "financial_level": N_("Financial need"),
        "financial_note": N_("Financial need, remark"),
    },
    "contact_note_organization": {
        "organization_id": N_("Organisation"),
        "contact_person_id": N_("Contact person"),
    },
    "follow_up": {
        "kind": N_("Kind"),
        "done_at": N_("Done at"),
        "generated_key": N_("Generated from"),
    },
    "support_plan": {
        "number": N_("Plan number"),
        "version": N_("Version"),
        "previous_version_id": N_("Previous version"),
        "review_result": N_("Review result"),
        "closed_at": N_("Closed at"),
    },
    "goal": {
        "position": N_("Position"),
        "title": N_("Goal"),
        "course_id": N_("Course"),
        "measure_id": N_("Measure"),
    },
    "plan_step": {"position": N_("Position")},
    "plan_print": {
        "printed_at": N_("Printed at"),
        "language": N_("Language"),
        "sha256": N_("SHA-256"),
        "file": N_("File"),
        "plan_id": N_("Plan no."),
    },
    "enrollment": {},
    "measure": {},
    "placement": {
        "job_offer_id": N_("Job offer"),
        "proposed_on": N_("Proposed on"),
        "applied_on": N_("Applied on"),
        "interview_on": N_("Interview on"),
        "trial_work_on": N_("Trial work on"),
        "decided_on": N_("Decided on"),
        "contract_on": N_("Contract on"),
        "rejection_reason": N_("Reason for the rejection"),
    },
    "placement_event": {
        "stage": N_("Stage"),
        "occurred_on": N_("Date"),
        "reason": N_("Reason"),
    },
    "employment": {"placement_id": N_("From the placement")},
    "audit_event": {
        "occurred_at": N_("Time"),
        "actor": N_("User"),
        "action": N_("Action"),
        "entity": N_("Record"),
        "entity_id": N_("Record no."),
        "fields": N_("Fields (names only)"),
    },
}


class Covered(NamedTuple):
    """A table of the person's data: how its rows are found and how the section is named."""

    model: type[SQLModel]
    title: str  # N_ German heading
    via: str  # the column linking it: "participant_id", "plan_id", "placement_id", "note_id"
    labels: Mapping[str, str]  # the service's field labels (N_)
    order: str = "id"


# Every table with a person's rows, in the order of the Auskunft.
COVERED: tuple[Covered, ...] = (
    Covered(Participant, N_("Personal record"), "id", PARTICIPANT_LABELS),
    Covered(Guardian, N_("Guardians"), "participant_id", guardians.LABELS),
    Covered(WorkExperience, N_("Work experience"), "participant_id", {}),
    Covered(ForeignQualification, N_("Qualifications gained abroad"), "participant_id", {}),
    Covered(Exam, N_("Exams"), "participant_id", exams.LABELS, "taken_on"),
    Covered(Absence, N_("Absences"), "participant_id", absences.LABELS, "absent_on"),
    Covered(
        NeedsAssessment,
        N_("Needs assessments"),
        "participant_id",
        needs_assessments.LABELS,
        "assessed_on",
    ),  # fmt: skip
    Covered(Consent, N_("Consents"), "participant_id", consents.LABELS, "given_on"),
    Covered(
        ContactNote,
        N_("Notes of contacts"),
        "participant_id",
        contact_notes.LABELS,
        "occurred_at",
    ),  # fmt: skip
    Covered(NoteOrganization, N_("Further organisations taking part"), "note_id", {}),
    Covered(FollowUp, N_("Follow-ups"), "participant_id", follow_ups.LABELS, "due_date"),
    Covered(SupportPlan, N_("Support plans"), "participant_id", plans.LABELS, "version"),
    Covered(Goal, N_("Goals"), "plan_id", plans.LABELS, "position"),
    Covered(PlanStep, N_("Steps"), "plan_id", plans.LABELS, "position"),
    Covered(PlanPrint, N_("Printed copies"), "plan_id", {}, "printed_at"),
    Covered(Enrollment, N_("Courses"), "participant_id", enrollments.LABELS, "registered_on"),
    Covered(Measure, N_("Measures"), "participant_id", measures.LABELS, "start"),
    Covered(Placement, N_("Placements"), "participant_id", placements.LABELS),
    Covered(PlacementEvent, N_("Stages of the placement"), "placement_id", {}, "occurred_on"),
    Covered(Employment, N_("Employments"), "participant_id", employments.LABELS, "start"),
)
AUDIT_FIELD_LABELS = {
    "organizations": N_("Further organisations taking part"),
    "special_categories": N_("Special categories printed"),
    "language": N_("Language"),
    "json": "JSON",
    "pdf": "PDF",
}
PARENTS = {"plan_id": "support_plan", "placement_id": "placement", "note_id": "contact_note"}
AUDIT_TITLE = N_("Log of changes (audit events)")
AUDIT_NOTE = N_(
    "Who created, changed, printed or exported one of the records above and when; the log "
    "names the changed fields, never their values."
)
EXPLANATION = N_(
    "Information under Art. 15 GDPR: every record stored about the person in Lotse. "
    "'Tabellen' holds one entry per database table; 'Abschnitt' is its German heading, "
    "'Felder' names each column in German, 'Einträge' holds every row with every column. "
    "Dates are ISO 8601 (times in UTC); a value from a list of choices is given as code "
    "and German label; a link to an organisation, contact person, course or job offer is "
    "given by its name only. The printed copies of support plans are the files listed "
    "under 'Dateien'."
)


def covered_tables() -> frozenset[str]:
    """The tables the Auskunft reads (besides audit_event)."""
    return frozenset(str(c.model.__tablename__) for c in COVERED)


def export_person(
    uow: UnitOfWork, progress: Progress, participant_id: int, out_dir: Path
) -> Changes:
    """Write ``Auskunft_<Nachname>_<Datum>.json`` and ``.pdf`` and every printed plan copy
    into ``out_dir`` (which must exist) — all files or none (a cancel leaves nothing)."""
    from app.reports.person_export import render_person_export  # reportlab: when first used

    person = get_participant(uow, participant_id)
    today = date.today()
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise _folder_error(out_dir, None)
    total = len(COVERED) + 5
    sections: dict[str, ExportSection] = {}
    ids: dict[str, set[int]] = {}
    created: dict[tuple[str, int], datetime] = {}
    names = _Names(uow)
    for number, covered in enumerate(COVERED):
        progress.step(number, total)
        table = str(covered.model.__tablename__)
        rows = _load(uow, covered, participant_id, ids)
        ids[table] = {row.id for row in rows}  # type: ignore[attr-defined]
        for row in rows:
            stamp = getattr(row, "created_at", None)
            if stamp is not None:
                created[(table, row.id)] = stamp  # type: ignore[attr-defined]
        sections[table] = ExportSection(
            table,
            _(covered.title),
            _labels(covered),
            [_columns(row, names) for row in rows],
        )
    progress.step(len(COVERED), total)
    sections["audit_event"] = _audit_section(uow, ids, created)
    prints = _print_files(uow, ids["plan_print"])
    for row in sections["plan_print"].rows:
        row["file"] = prints[row["id"]][0]  # type: ignore[index]
    stem = f"Auskunft_{file_name_part(person.last_name)}_{today.isoformat()}"
    document = _json_document(person, sections, prints, load_settings(uow).provider, today)
    progress.step(len(COVERED) + 1, total)
    pdf = render_person_export(
        person.full_name,
        person.program,
        _pdf_sections(sections),
        load_settings(uow),
        today=today,
    )
    progress.step(len(COVERED) + 2, total)
    files: list[tuple[str, bytes]] = [
        (f"{stem}.json", json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")),
        (f"{stem}.pdf", pdf),
        *((name, data) for name, data in prints.values()),
    ]
    audit.record(uow.session, AuditAction.EXPORT, ENTITY, participant_id, ["json", "pdf"])
    uow.session.flush()
    base = len(COVERED) + 3
    try:
        _write_all(out_dir, files, lambda n: progress.step(base + n, base + len(files)))
    except OSError as error:
        raise _folder_error(out_dir, error) from error
    return uow.commit()


def _folder_error(folder: Path, error: OSError | None) -> ValidationError:
    reason = error.strerror if error is not None and error.strerror else ""
    message = _("The folder {folder} cannot be written to.").format(folder=folder)
    return ValidationError([FieldError("out_dir", _("Folder"), f"{message} {reason}".strip())])


def _load(
    uow: UnitOfWork, covered: Covered, participant_id: int, ids: Mapping[str, set[int]]
) -> list[SQLModel]:
    model = covered.model
    if covered.via in PARENTS:
        parents = ids[PARENTS[covered.via]]
        if not parents:
            return []
        condition = col(getattr(model, covered.via)).in_(sorted(parents))
    else:
        condition = col(getattr(model, covered.via)) == participant_id
    order = col(getattr(model, covered.order))
    statement = select(model).where(condition).order_by(order, col(model.id))  # type: ignore[attr-defined]
    return list(uow.session.exec(statement))


def _labels(covered: Covered) -> dict[str, str]:
    table = str(covered.model.__tablename__)
    extra = EXTRA_LABELS.get(table, {})
    labels: dict[str, str] = {}
    for column in covered.model.__table__.columns:  # type: ignore[attr-defined]
        name = column.name
        if name == "pdf":
            continue
        msgid = extra.get(name) or covered.labels.get(name) or GENERIC_LABELS.get(name)
        labels[name] = _(msgid) if msgid else name
    if table == "plan_print":
        labels["file"] = _(extra["file"])
    return labels


class _Names:
    """Names of the records a person's rows point to (and nothing else of them)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def ref(self, target: str, key: int) -> Ref | None:
        session = self._uow.session
        if target == "organization":
            organization = session.get(Organization, key)
            return Ref(key, {"Name": organization.name}) if organization else None
        if target == "contact_person":
            person = session.get(ContactPerson, key)
            return Ref(key, {"Name": person.name}) if person else None
        if target == "course":
            course = session.get(Course, key)
            if course is None:
                return None
            provider = session.get(Organization, course.provider_id) if course.provider_id else None
            return Ref(key, {"Titel": course.title, "Träger": provider.name if provider else ""})
        if target == "job_offer":
            offer = session.get(JobOffer, key)
            if offer is None:
                return None
            employer = session.get(Organization, offer.employer_id) if offer.employer_id else None
            return Ref(
                key, {"Titel": offer.title, "Arbeitgeber": employer.name if employer else ""}
            )
        return None


NAMED_TARGETS = frozenset({"organization", "contact_person", "course", "job_offer"})


def _columns(row: SQLModel, names: _Names) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in row.__table__.columns:  # type: ignore[attr-defined]
        if column.name == "pdf":
            continue
        value = getattr(row, column.name)
        targets = {key.column.table.name for key in column.foreign_keys}
        target = next(iter(targets & NAMED_TARGETS), None)
        if target is not None and value is not None:
            value = names.ref(target, value) or value
        values[column.name] = value
    return values


def _audit_section(
    uow: UnitOfWork, ids: Mapping[str, set[int]], created: Mapping[tuple[str, int], datetime]
) -> ExportSection:
    events: list[AuditEvent] = []
    for table, keys in ids.items():
        if not keys:
            continue
        statement = select(AuditEvent).where(
            col(AuditEvent.entity) == table, col(AuditEvent.entity_id).in_(sorted(keys))
        )
        for event in uow.session.exec(statement):
            stamp = created.get((table, event.entity_id))  # type: ignore[arg-type]
            if stamp is not None and _aware(event.occurred_at) < _aware(stamp) - AUDIT_SLACK:
                continue  # about an earlier record that had this id
            events.append(event)
    events.sort(key=lambda e: (_aware(e.occurred_at), e.id or 0))
    labels = {c.name: _(EXTRA_LABELS["audit_event"].get(c.name, "")) or c.name
              for c in AuditEvent.__table__.columns}  # type: ignore[attr-defined]  # fmt: skip
    labels["id"] = _(GENERIC_LABELS["id"])
    rows = [
        {c.name: getattr(e, c.name) for c in AuditEvent.__table__.columns}  # type: ignore[attr-defined]
        for e in events
    ]
    return ExportSection("audit_event", _(AUDIT_TITLE), labels, rows, _(AUDIT_NOTE))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _print_files(uow: UnitOfWork, print_ids: set[int]) -> dict[int, tuple[str, bytes]]:
    """Each printed plan copy: its file name (``Förderplan_v2_2026-11-20.pdf``) and bytes."""
    files: dict[int, tuple[str, bytes]] = {}
    used: set[str] = set()
    for print_id in sorted(print_ids):
        copy = uow.session.get(PlanPrint, print_id)
        assert copy is not None
        plan = uow.session.get(SupportPlan, copy.plan_id)
        version = plan.version if plan else 0
        stem = f"Förderplan_v{version}_{to_local(copy.printed_at).date().isoformat()}"
        if copy.language and copy.language != "de":
            stem += f"_{file_name_part(copy.language)}"
        name, number = f"{stem}.pdf", 2
        while name in used:
            name, number = f"{stem}_{number}.pdf", number + 1
        used.add(name)
        files[print_id] = (name, bytes(copy.pdf))
    return files


def _json_value(value: Any) -> Any:
    if isinstance(value, Ref):
        return {"id": value.id, **value.parts}
    if isinstance(value, LabeledEnum):
        return {"Code": value.value, "Bezeichnung": value.label}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return _aware(value).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    return value


def _json_document(
    person: Participant,
    sections: Mapping[str, ExportSection],
    prints: Mapping[int, tuple[str, bytes]],
    provider: str,
    today: date,
) -> dict[str, Any]:
    tables = {
        table: {
            "Abschnitt": section.title,
            "Erläuterung": section.note,
            "Felder": dict(section.labels),
            "Einträge": [
                {key: _json_value(value) for key, value in row.items()} for row in section.rows
            ],
        }
        for table, section in sections.items()
    }
    return {
        "Auskunft": {
            "Art": "Auskunft nach Art. 15 DSGVO",
            "Person": person.full_name,
            "Teilnehmenden-ID": person.id,
            "Stand": today.isoformat(),
            "Stelle": provider,
            "Erläuterung": _(EXPLANATION),
        },
        "Tabellen": tables,
        "Dateien": [
            {"Datei": name, "SHA-256": hashlib.sha256(data).hexdigest(), "Ausdruck": print_id}
            for print_id, (name, data) in sorted(prints.items())
        ],
    }


def _field_label(table: str, name: str) -> str:
    """A field named in an audit event, in German (the tables' columns and the services'
    names for groups such as "goals")."""
    covered = next((c for c in COVERED if c.model.__tablename__ == table), None)
    labels = covered.labels if covered else {}
    msgid = EXTRA_LABELS.get(table, {}).get(name) or labels.get(name) or GENERIC_LABELS.get(name)
    return _(msgid or AUDIT_FIELD_LABELS.get(name, name))


def _pdf_sections(sections: Mapping[str, ExportSection]) -> list[ExportSection]:
    """The sections as the PDF shows them: goals, steps and copies under their plan, the
    organisations under their note, the stages under their placement."""
    nested = {
        "goal": "plan_id",
        "plan_step": "plan_id",
        "plan_print": "plan_id",
        "contact_note_organization": "note_id",
        "placement_event": "placement_id",
    }
    children: dict[str, dict[int, list[ExportSection]]] = {}
    for table, link in nested.items():
        section = sections[table]
        by_parent: dict[int, list[Mapping[str, Any]]] = {}
        for row in section.rows:
            by_parent.setdefault(row[link], []).append(row)
        for parent, rows in by_parent.items():
            children.setdefault(PARENTS[link], {}).setdefault(parent, []).append(
                ExportSection(table, section.title, section.labels, rows)
            )
    shown = [
        ExportSection(s.table, s.title, s.labels, s.rows, s.note, children.get(s.table, {}))
        for table, s in sections.items()
        if table not in nested and table != "audit_event"
    ]
    log = sections["audit_event"]
    events = [
        {
            **event,
            "entity": sections[event["entity"]].title,
            "fields": [_field_label(event["entity"], f) for f in event["fields"]],
        }
        for event in log.rows
    ]
    return [*shown, ExportSection(log.table, log.title, log.labels, events, log.note)]


def _write_all(
    out_dir: Path, files: Sequence[tuple[str, bytes]], step: Callable[[int], None]
) -> None:
    """Every file through a temporary one; renamed only when all are written (a cancel or
    an error in between removes the temporary files and leaves the folder as it was)."""
    with contextlib.ExitStack() as stack:
        for number, (name, data) in enumerate(files, start=1):
            temp = stack.enter_context(atomic_file(out_dir / name))
            temp.write_bytes(data)
            step(number)


def file_name_part(text: str) -> str:
    """A name as it may stand in a file name (letters, digits, - and _; blanks become -)."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(c if c.isalnum() or c in "-_+" else "-" if c.isspace() else "" for c in text)
    return kept.strip("-_") or "Teilnehmende"

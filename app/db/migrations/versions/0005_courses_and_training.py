"""Courses, measures and Ausbildungsmanagement: places, drop-out reason, dated absences,
needs assessments, further organisations of a contact note, date of the risk assessment

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen: the tables as this revision makes them.
ADD_COLUMNS = (
    "ALTER TABLE course ADD COLUMN places INTEGER",
    "ALTER TABLE enrollment ADD COLUMN dropout_reason VARCHAR(500) NOT NULL DEFAULT ''",
    "ALTER TABLE participant ADD COLUMN dropout_risk_assessed_on DATE",
)
CREATE_ABSENCE = """
CREATE TABLE absence (
    id INTEGER NOT NULL PRIMARY KEY,
    participant_id INTEGER NOT NULL,
    absent_on DATE NOT NULL,
    hours INTEGER NOT NULL,
    unexcused_hours INTEGER NOT NULL,
    note VARCHAR(200) NOT NULL,
    created_at DATETIME NOT NULL,
    FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
)"""
CREATE_ABSENCE_INDEX = (
    "CREATE INDEX ix_absence_participant_day ON absence (participant_id, absent_on)"
)
# The hours a student's record held until now ("Fehlzeiten, Stand am") become one dated
# absence; the record's totals are kept from the absences from now on (the same numbers).
BACKFILL_ABSENCES = """
INSERT INTO absence (participant_id, absent_on, hours, unexcused_hours, note, created_at)
SELECT id, coalesce(absence_as_of, date(updated_at)), absence_hours,
       min(coalesce(unexcused_absence_hours, 0), absence_hours),
       'Stand bis ' || coalesce(strftime('%d.%m.%Y', absence_as_of), 'heute'),
       updated_at
FROM participant
WHERE absence_hours IS NOT NULL AND absence_hours > 0
"""
CREATE_NEEDS_ASSESSMENT = """
CREATE TABLE needs_assessment (
    id INTEGER NOT NULL PRIMARY KEY,
    participant_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    assessed_on DATE NOT NULL,
    taken_part VARCHAR(300) NOT NULL,
    subject_level VARCHAR(40),
    subject_note VARCHAR NOT NULL,
    language_level VARCHAR(40),
    language_note VARCHAR NOT NULL,
    personal_social_level VARCHAR(40),
    personal_social_note VARCHAR NOT NULL,
    organisational_level VARCHAR(40),
    organisational_note VARCHAR NOT NULL,
    financial_level VARCHAR(40),
    financial_note VARCHAR NOT NULL,
    author VARCHAR(100) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
)"""
CREATE_NEEDS_ASSESSMENT_INDEX = (
    "CREATE INDEX ix_needs_assessment_participant_id ON needs_assessment (participant_id)"
)
CREATE_NOTE_ORGANIZATION = """
CREATE TABLE contact_note_organization (
    id INTEGER NOT NULL PRIMARY KEY,
    note_id INTEGER NOT NULL,
    organization_id INTEGER NOT NULL,
    contact_person_id INTEGER,
    UNIQUE (note_id, organization_id),
    FOREIGN KEY(note_id) REFERENCES contact_note (id) ON DELETE CASCADE,
    FOREIGN KEY(organization_id) REFERENCES organization (id) ON DELETE CASCADE,
    FOREIGN KEY(contact_person_id) REFERENCES contact_person (id) ON DELETE SET NULL
)"""
# The Übersicht's lists (students at high risk, measures awaiting approval) and the places
# taken of a course.
CREATE_LIST_INDEXES = (
    "CREATE INDEX ix_participant_dropout_risk_status ON participant (dropout_risk, status)",
    "CREATE INDEX ix_measure_status_applied ON measure (status, applied_on)",
    "CREATE INDEX ix_enrollment_course_status ON enrollment (course_id, status)",
)
CREATE_NOTE_ORGANIZATION_INDEXES = tuple(
    f"CREATE INDEX ix_contact_note_organization_{column} ON contact_note_organization ({column})"
    for column in ("note_id", "organization_id", "contact_person_id")
)


def upgrade() -> None:
    for statement in ADD_COLUMNS:
        op.execute(statement)
    op.execute(CREATE_ABSENCE)
    op.execute(CREATE_ABSENCE_INDEX)
    op.execute(BACKFILL_ABSENCES)
    op.execute(CREATE_NEEDS_ASSESSMENT)
    op.execute(CREATE_NEEDS_ASSESSMENT_INDEX)
    op.execute(CREATE_NOTE_ORGANIZATION)
    for statement in CREATE_NOTE_ORGANIZATION_INDEXES + CREATE_LIST_INDEXES:
        op.execute(statement)


def downgrade() -> None:
    for name in (
        "ix_participant_dropout_risk_status",
        "ix_measure_status_applied",
        "ix_enrollment_course_status",
    ):
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS contact_note_organization")
    op.execute("DROP TABLE IF EXISTS needs_assessment")
    op.execute("DROP TABLE IF EXISTS absence")
    op.execute("ALTER TABLE participant DROP COLUMN dropout_risk_assessed_on")
    op.execute("ALTER TABLE enrollment DROP COLUMN dropout_reason")
    op.execute("ALTER TABLE course DROP COLUMN places")

"""JOKO network: the job offer's PLZ, dated placement stages, the organisation search

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen: the tables as this revision makes them. The search rows are derived from the
# records and filled by today's code after every upgrade (app.db.derived_rows), not here.
ADD_OFFER_POSTAL_CODE = (
    "ALTER TABLE job_offer ADD COLUMN location_postal_code VARCHAR(5) NOT NULL DEFAULT ''"
)
CREATE_PLACEMENT_EVENT = """
CREATE TABLE placement_event (
    id INTEGER NOT NULL PRIMARY KEY,
    placement_id INTEGER NOT NULL,
    stage VARCHAR(40) NOT NULL,
    occurred_on DATE NOT NULL,
    reason VARCHAR NOT NULL,
    author VARCHAR(100) NOT NULL,
    created_at DATETIME NOT NULL,
    FOREIGN KEY(placement_id) REFERENCES placement (id) ON DELETE CASCADE
)"""
CREATE_PLACEMENT_EVENT_INDEX = (
    "CREATE INDEX ix_placement_event_placement_id ON placement_event (placement_id)"
)
# Every placement that has come past "vorgeschlagen" gets its known stage dates as events.
BACKFILL_EVENTS = """
INSERT INTO placement_event (placement_id, stage, occurred_on, reason, author, created_at)
SELECT id, stage_name, day, CASE WHEN stage_name = 'rejected' THEN rejection_reason ELSE '' END,
       '', created_at
FROM (
    SELECT id, 'proposed' AS stage_name, proposed_on AS day, rejection_reason, created_at
        FROM placement
    UNION ALL SELECT id, 'applied', applied_on, rejection_reason, created_at FROM placement
    UNION ALL SELECT id, 'interview', interview_on, rejection_reason, created_at FROM placement
    UNION ALL SELECT id, 'trial_work', trial_work_on, rejection_reason, created_at FROM placement
    UNION ALL SELECT id, stage, decided_on, rejection_reason, created_at FROM placement
        WHERE stage IN ('offer', 'rejected')
    UNION ALL SELECT id, 'contract', contract_on, rejection_reason, created_at FROM placement
)
WHERE day IS NOT NULL
"""
CREATE_ORGANIZATION_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS organization_search USING fts5("
    "names, place, numbers, persons, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)


def upgrade() -> None:
    op.execute(ADD_OFFER_POSTAL_CODE)
    op.execute(CREATE_PLACEMENT_EVENT)
    op.execute(CREATE_PLACEMENT_EVENT_INDEX)
    op.execute(BACKFILL_EVENTS)
    op.execute(CREATE_ORGANIZATION_SEARCH)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS organization_search")
    op.execute("DROP TABLE IF EXISTS placement_event")
    op.execute("ALTER TABLE job_offer DROP COLUMN location_postal_code")

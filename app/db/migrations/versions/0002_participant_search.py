"""participant search: FTS5 index and list rows (one per person), name sort key, follow-ups index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 08:33:11.269048
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen: the tables as this revision made them. Their rows are derived from the records and
# are filled by today's code after every upgrade (app.db.derived_rows), not here.
CREATE_SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS participant_search USING fts5("
    "names, place, numbers, notes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)
CREATE_LIST_TABLE = """
CREATE TABLE IF NOT EXISTS participant_list (
    id INTEGER NOT NULL PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
    name_sort VARCHAR(210) NOT NULL,
    last_name VARCHAR(100) NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    program VARCHAR(40) NOT NULL,
    status VARCHAR(40) NOT NULL,
    entry_date DATE,
    next_follow_up DATE,
    german_level VARCHAR(40),
    school_form VARCHAR(40),
    school_class VARCHAR(20) NOT NULL,
    missing INTEGER NOT NULL
)"""
CREATE_LIST_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_participant_list_name_sort ON participant_list (name_sort)",
    "CREATE INDEX IF NOT EXISTS ix_participant_list_entry ON participant_list (entry_date)",
)


def upgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(
            "ix_follow_up_participant_open",
            ["participant_id", "done_at", "due_date"],
            unique=False,
        )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "name_sort",
                sqlmodel.sql.sqltypes.AutoString(length=210),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_index(batch_op.f("ix_participant_name_sort"), ["name_sort"], unique=False)
    op.execute(CREATE_SEARCH_TABLE)
    op.execute(CREATE_LIST_TABLE)
    for statement in CREATE_LIST_INDEXES:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS participant_list")
    op.execute("DROP TABLE IF EXISTS participant_search")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_name_sort"))
        batch_op.drop_column("name_sort")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_participant_open")

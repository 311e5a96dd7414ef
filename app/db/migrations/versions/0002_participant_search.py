"""participant search: FTS5 index and list rows (one per person), name sort key, follow-ups index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 08:33:11.269048
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.services import search_index

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
    op.execute(search_index.CREATE_TABLE)
    op.execute(search_index.CREATE_LIST_TABLE)
    for statement in search_index.CREATE_LIST_INDEXES:
        op.execute(statement)
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    op.execute(f"DROP TABLE IF EXISTS {search_index.LIST_TABLE}")
    op.execute(f"DROP TABLE IF EXISTS {search_index.TABLE}")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_name_sort"))
        batch_op.drop_column("name_sort")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_participant_open")

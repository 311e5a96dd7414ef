"""Alembic environment: run in code at start (connection passed in) or from the alembic CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from app.db.migrations.env_filters import include_name
from app.db.types_render import render_item
from app.models import load_all

load_all()  # every table on SQLModel.metadata
config = context.config
target_metadata = SQLModel.metadata


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        include_name=include_name,
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        # One transaction per revision, DDL included (the engine emits its own BEGIN, see
        # app.db.engine): a revision is applied completely or not at all.
        transactional_ddl=True,
        transaction_per_migration=True,
        on_version_apply=_references_intact,
    )


def _references_intact(ctx, step, heads, run_args) -> None:  # type: ignore[no-untyped-def]
    """Inside each revision's transaction (foreign keys are off while migrating): a revision
    that leaves a dangling reference fails, and its transaction is rolled back."""
    broken = ctx.connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"revision {step.up_revision_id} broke references: {broken[:5]}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()

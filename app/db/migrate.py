"""Schema state and upgrades through Alembic, run in code.

Checking the state at every start must be cheap: the revisions are read from the files'
``revision``/``down_revision`` lines and the database's ``alembic_version`` row, and Alembic
itself (about 0.25 s to import) is loaded only when an upgrade is due.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.reads import Reads

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def revisions() -> dict[str, str | None]:
    """Every revision with the one it revises, read from the files in versions/."""
    found: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = {k: v.strip() for k, v in _ASSIGNMENT.findall(script.read_text("utf-8"))}
        revision = values["revision"].strip("'\"")
        down = values.get("down_revision", "None").strip("'\"")
        found[revision] = None if down == "None" else down
    return found


def head_revision() -> str | None:
    """The revision nothing revises (the chain is linear)."""
    known = revisions()
    heads = set(known) - {down for down in known.values() if down}
    if len(heads) > 1:
        raise RuntimeError(f"several Alembic heads: {sorted(heads)}")
    return next(iter(heads), None)


def current_revision(reads: Reads) -> str | None:
    """The database's revision (None: empty or not yet under Alembic)."""
    found = reads.rows(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    )
    if not found:
        return None
    versions = reads.rows("SELECT version_num FROM alembic_version")
    return versions[0][0] if versions else None


def is_known_revision(revision: str | None) -> bool:
    return revision is None or revision in revisions()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade revision by revision; a failed revision leaves the one before it."""
    from alembic import command

    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """For developers and fixtures only; the program never downgrades."""
    from alembic import command

    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step: Callable[[Config, str], None], revision: str) -> None:
    """Each revision in a transaction of its own (env.py: ``transaction_per_migration``).

    Foreign keys are switched off on the driver connection first: the pragma is a no-op
    inside a transaction, and every SQLAlchemy statement begins one (app.db.engine).
    """
    config = alembic_config()  # Alembic is imported only here, when the schema changes
    with engine.connect() as conn:
        driver_connection = conn.connection.dbapi_connection
        assert driver_connection is not None
        driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            config.attributes["connection"] = conn
            step(config, revision)
        finally:
            if conn.in_transaction():
                conn.rollback()
            driver_connection.execute("PRAGMA foreign_keys=ON")

"""The only place where Lotse opens its database (SQLCipher will plug in here).

``connect`` opens one DB-API connection with Lotse's pragmas; the SQLAlchemy engine, the
plain read connection of the start path and the backups all get their connections from it.
SQLAlchemy is imported only when an engine is made (it costs about half a second to import).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, autocommit: bool = False) -> sqlite3.Connection:
    """One connection with WAL, foreign keys on and synchronous commits.

    ``autocommit``: every statement on its own (the read connection: no snapshot kept open).
    """
    connection = sqlite3.connect(
        path,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None if autocommit else "",
    )
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA temp_store=MEMORY")  # change tracking (app.db.changes)
    return connection


def create_database_engine(path: Path) -> Engine:
    """SQLAlchemy engine whose connections come from ``connect``.

    The URL names the file so that SQLAlchemy pools as for a file database (``creator`` makes
    the connections; a bare ``sqlite://`` would mean an in-memory database and its pool).
    """
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///{path}", creator=lambda: connect(path))

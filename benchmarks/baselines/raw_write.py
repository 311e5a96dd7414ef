"""Raw sqlite3: insert one contact note and commit, with Lotse's pragmas (WAL, synchronous)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

INSERT_NOTE = (
    "INSERT INTO contact_note (participant_id, occurred_at, kind, participants, topics, content, "
    "agreements, interpreter, interpreter_language, author, created_at, updated_at) "
    "VALUES (?, '2026-11-25 09:30:00', 'phone', '', '', ?, '', 0, '', '', "
    "'2026-11-25 09:30:00', '2026-11-25 09:30:00')"
)


def connect(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def add_note(connection: sqlite3.Connection, participant_id: int, content: str) -> None:
    connection.execute(INSERT_NOTE, (participant_id, content))
    connection.commit()

"""Raw insert of one contact note and commit, with Lotse's pragmas (WAL, synchronous, secure
delete) on the same encrypted file."""

from __future__ import annotations

from pathlib import Path

from benchmarks.baselines import cipher

INSERT_NOTE = (
    "INSERT INTO contact_note (participant_id, occurred_at, kind, participants, topics, content, "
    "agreements, interpreter, interpreter_language, author, created_at, updated_at) "
    "VALUES (?, '2026-11-25 09:30:00', 'phone', '', '', ?, '', 0, '', '', "
    "'2026-11-25 09:30:00', '2026-11-25 09:30:00')"
)


def connect(database: Path, key: bytes | None) -> cipher.Connection:
    connection = cipher.connect(database, key, read_only=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA secure_delete=ON")
    return connection


def add_note(connection: cipher.Connection, participant_id: int, content: str) -> None:
    connection.execute(INSERT_NOTE, (participant_id, content))
    connection.commit()

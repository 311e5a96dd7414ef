"""Raw sqlite3 SELECTs of one participant's row, their contact notes and follow-ups."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def connect(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def record(connection: sqlite3.Connection, participant_id: int) -> tuple:
    person = connection.execute("SELECT * FROM participant WHERE id = ?", (participant_id,))
    notes = connection.execute(
        "SELECT * FROM contact_note WHERE participant_id = ? ORDER BY id", (participant_id,)
    )
    follow_ups = connection.execute(
        "SELECT * FROM follow_up WHERE participant_id = ? ORDER BY id", (participant_id,)
    )
    return person.fetchone(), notes.fetchall(), follow_ups.fetchall()


if __name__ == "__main__":
    with connect(Path(sys.argv[1])) as db:
        row, notes, follow_ups = record(db, int(sys.argv[2]))
        print(len(notes), "notes,", len(follow_ups), "follow-ups")

"""Raw SELECTs of one participant's row, their contact notes and follow-ups."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

from benchmarks.baselines import cipher


def connect(database: Path, key: bytes | None) -> cipher.Connection:
    return cipher.connect(database, key)


def record(connection: cipher.Connection, participant_id: int) -> tuple:
    person = connection.execute("SELECT * FROM participant WHERE id = ?", (participant_id,))
    notes = connection.execute(
        "SELECT * FROM contact_note WHERE participant_id = ? ORDER BY id", (participant_id,)
    )
    follow_ups = connection.execute(
        "SELECT * FROM follow_up WHERE participant_id = ? ORDER BY id", (participant_id,)
    )
    return person.fetchone(), notes.fetchall(), follow_ups.fetchall()


if __name__ == "__main__":  # python -m benchmarks.baselines.raw_record DATABASE ID
    database = Path(sys.argv[1])
    with closing(connect(database, cipher.key_beside(database))) as db:
        row, notes, follow_ups = record(db, int(sys.argv[2]))
        print(len(notes), "notes,", len(follow_ups), "follow-ups")

"""Raw sqlite3 SELECT of the Teilnehmende list's columns as tuples, sorted by name."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

QUERY = (
    "SELECT id, last_name, first_name, program, status, entry_date, next_follow_up, "
    "german_level, school_form, school_class, missing FROM participant_list "
    "ORDER BY name_sort, id"
)


def connect(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def rows(connection: sqlite3.Connection) -> list[tuple]:
    return connection.execute(QUERY).fetchall()


if __name__ == "__main__":
    with connect(Path(sys.argv[1])) as db:
        print(len(rows(db)), "rows")

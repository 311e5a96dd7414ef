"""Raw SELECT of the Teilnehmende list's columns as tuples, sorted by name."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

from benchmarks.baselines import cipher

QUERY = (
    "SELECT id, last_name, first_name, program, status, entry_date, next_follow_up, "
    "german_level, school_form, school_class, missing FROM participant_list "
    "ORDER BY name_sort, id"
)


def connect(database: Path, key: bytes | None) -> cipher.Connection:
    return cipher.connect(database, key)


def rows(connection: cipher.Connection) -> list[tuple]:
    return connection.execute(QUERY).fetchall()


if __name__ == "__main__":  # python -m benchmarks.baselines.raw_list DATABASE
    database = Path(sys.argv[1])
    with closing(connect(database, cipher.key_beside(database))) as db:
        print(len(rows(db)), "rows")

"""One raw sqlite3 FTS5 prefix query on the Lotse file: `SELECT rowid … MATCH '"m"*'`."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

QUERY = "SELECT rowid FROM participant_search WHERE participant_search MATCH ?"


def connect(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def search(connection: sqlite3.Connection, match: str = '"m"*') -> list[int]:
    return [row[0] for row in connection.execute(QUERY, (match,)).fetchall()]


if __name__ == "__main__":
    with connect(Path(sys.argv[1])) as db:
        print(len(search(db)), "hits")

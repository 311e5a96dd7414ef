"""One raw FTS5 prefix query on the Lotse file: `SELECT rowid … MATCH '"m"*'`."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

from benchmarks.baselines import cipher

QUERY = "SELECT rowid FROM participant_search WHERE participant_search MATCH ?"


def connect(database: Path, key: bytes | None) -> cipher.Connection:
    return cipher.connect(database, key)


def search(connection: cipher.Connection, match: str = '"m"*') -> list[int]:
    return [row[0] for row in connection.execute(QUERY, (match,)).fetchall()]


if __name__ == "__main__":  # python -m benchmarks.baselines.raw_fts DATABASE
    database = Path(sys.argv[1])
    with closing(connect(database, cipher.key_beside(database))) as db:
        print(len(search(db)), "hits")

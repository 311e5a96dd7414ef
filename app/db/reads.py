"""Read-only SQL for lists and pages: plain DB-API rows, no ORM.

``Reads`` is what list services take. A unit of work provides it (reads see that unit's own
changes), and so does ``ReadConnection``: an autocommit connection of its own, which the
start path uses so that the first window needs neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from app.db.engine import Connection

Params = Mapping[str, Any] | Sequence[Any]


class Reads(Protocol):
    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """All rows of one statement."""
        ...

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...]:
        """The single row of one statement (a count, an aggregate)."""
        ...


def fetch_all(connection: Connection, sql: str, params: Params) -> list[tuple[Any, ...]]:
    cursor = connection.execute(sql, params)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


class ReadConnection:
    """Reads on a connection of their own; every statement sees the latest commit.

    Meant for the GUI thread (workers open their own connections or units of work).
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return fetch_all(self._connection, sql, params)

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...]:
        return self.rows(sql, params)[0]

    def close(self) -> None:
        self._connection.close()

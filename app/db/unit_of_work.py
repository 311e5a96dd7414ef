"""A unit of work: one session and one transaction, rolled back unless ``commit()`` is called.

An operation (app.services) runs in one unit of work and ends with ``return uow.commit()``.
The commit refreshes the derived rows (search index, list rows) of every participant the
operation touched — the database reports them (app.db.changes) — and returns the
``Changes``. A unit commits once: a second ``commit()`` is a programming error, so that an
operation cannot be made of several transactions by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from app.db import changes as tracking
from app.db import derived_rows
from app.db.changes import Changes
from app.db.engine import Connection
from app.db.reads import Params, fetch_all

if TYPE_CHECKING:
    from sqlmodel import Session


class UnitOfWork:
    """``read_only``: for loading what a screen shows (``Lotse.reading()``); it cannot commit."""

    def __init__(self, session_factory: Callable[[], Session], *, read_only: bool = False) -> None:
        self._session_factory = session_factory
        self._read_only = read_only
        self._session: Session | None = None
        self._bulk = False
        self.changes: Changes | None = None  # set by commit()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its 'with' block")
        return self._session

    @property
    def connection(self) -> Connection:
        """The DB-API connection of this unit's transaction (plain SQL, derived rows)."""
        return self.session.connection().connection.dbapi_connection  # type: ignore[return-value]

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        if self._read_only:
            return self
        try:
            tracking.start_tracking(self.connection)
        except BaseException:
            self._close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._close()

    def _close(self) -> None:
        session, self._session = self.session, None
        try:
            # Detach first, so objects read in this unit stay readable after it ends;
            # the rollback still discards whatever was not committed.
            session.expunge_all()
            session.rollback()
        finally:
            session.close()

    def load_in_bulk(self) -> None:
        """For writing many rows (demo data, imports): nothing is noted row by row; the
        commit rebuilds every derived row and reports ``Changes(many=True)``."""
        self._bulk = True
        tracking.stop_tracking(self.connection)

    def commit(self) -> Changes:
        """Flush, refresh the derived rows of the people touched, commit; what changed."""
        if self._read_only:
            raise RuntimeError("a reading unit of work cannot commit; run an operation instead")
        if self.changes is not None:
            raise RuntimeError("a unit of work commits once (one operation, one transaction)")
        session = self.session
        session.flush()
        connection = self.connection
        if self._bulk:
            derived_rows.rebuild(connection)
            found = tracking.MANY
        else:
            people = tracking.touched_participants(connection)
            if people:
                derived_rows.refresh(connection, people)
            organizations = derived_rows.touched_organizations(connection)
            if organizations:
                derived_rows.refresh_organizations(connection, organizations)
            found = tracking.collect(connection)
        session.commit()
        self.changes = found
        return found

    # -- Reads: plain rows inside this unit's transaction (lists: no ORM layer) --------------

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return fetch_all(self.connection, sql, params)

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...]:
        return self.rows(sql, params)[0]

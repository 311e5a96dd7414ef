"""A unit of work: one session, rolled back unless ``commit()`` was called."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from app.db.reads import Params, fetch_all

if TYPE_CHECKING:
    from sqlmodel import Session


class UnitOfWork:
    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its 'with' block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self.session, None
        try:
            # Detach first, so objects read in this unit stay readable after it ends;
            # the rollback still discards whatever was not committed.
            session.expunge_all()
            session.rollback()
        finally:
            session.close()

    def commit(self) -> None:
        self.session.commit()

    # -- Reads: plain rows inside this unit's transaction (lists: no ORM layer) --------------

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        dbapi = self.session.connection().connection.dbapi_connection
        return fetch_all(dbapi, sql, params)  # type: ignore[arg-type]

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...]:
        return self.rows(sql, params)[0]

"""The only place where Lotse opens its database: SQLCipher 4, with Lotse's pragmas.

``connect`` opens one DB-API connection (``sqlcipher3``: SQLite with page encryption, FTS5
compiled in); the SQLAlchemy engine, the plain read connection of the start path, the
migrations, the backups and ``lotse check`` all get their connections from it. The key is the
raw 32-byte data key (app.db.keys), so SQLCipher's own key derivation is skipped: the slow
derivation happened once, when the passphrase unwrapped the data key. ``key=None`` opens a
plain SQLite file (only to encrypt an old unencrypted database, and for the benchmarks).

Every connection runs in driver autocommit: SQLAlchemy emits ``BEGIN`` itself (the recipe
from SQLAlchemy's pysqlite notes), so the driver never commits on its own around DDL and a
migration is one transaction. SQLAlchemy is imported only when an engine is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as driver

if TYPE_CHECKING:
    from sqlalchemy import Engine

Connection = driver.Connection
DatabaseError = driver.DatabaseError
OperationalError = driver.OperationalError

BUSY_TIMEOUT_MS = 5000


def _silence_sqlcipher_log() -> None:
    """SQLCipher writes its own lines to stderr (e.g. a failed page HMAC); faults reach us
    as exceptions with result codes, so its log (one setting for the process) is off."""
    connection = driver.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
    finally:
        connection.close()


_silence_sqlcipher_log()
# PRAGMA application_id of every file Lotse creates ("Lots"): a file without it is refused.
APPLICATION_ID = 0x4C6F7473
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of an unencrypted SQLite file


def key_pragma(key: bytes) -> str:
    """The statement that hands SQLCipher the raw data key (no key derivation)."""
    if len(key) != 32:
        raise ValueError("a data key has 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes | None, *, wal: bool = True) -> Connection:
    """One connection in driver autocommit with foreign keys on and synchronous commits.

    The caller says ``BEGIN`` (SQLAlchemy does, through ``create_database_engine``).
    ``wal=False``: the rollback journal (``DELETE``) — for backups, which must be one file.
    """
    connection = driver.connect(
        str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    try:
        if key is not None:
            connection.execute(key_pragma(key))  # must come first
        connection.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA secure_delete=ON")  # deleted records do not linger
        connection.execute("PRAGMA temp_store=MEMORY")  # change tracking (app.db.changes)
    except BaseException:
        connection.close()
        raise
    return connection


def connect_as_is(path: Path, key: bytes | None, *, mode: str | None = None) -> Connection:
    """A connection that changes nothing about the file by opening it (no journal-mode
    switch, no other pragma that writes): for checking a file, reading a backup's source,
    ``lotse check``. ``mode``: SQLite's URI mode — ``ro`` cannot write at all, ``rw`` will not
    create a missing file; None opens as usual."""
    target = f"{path.resolve().as_uri()}?mode={mode}" if mode else str(path)
    connection = driver.connect(
        target,
        uri=mode is not None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
    )
    try:
        if key is not None:
            connection.execute(key_pragma(key))  # must come first
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except BaseException:
        connection.close()
        raise
    return connection


def create_database_engine(path: Path, key: bytes | None, *, wal: bool = True) -> Engine:
    """SQLAlchemy engine whose connections come from ``connect`` and whose transactions
    begin with an explicit ``BEGIN`` (so DDL, too, is inside the transaction).

    The URL names the file so that SQLAlchemy pools as for a file database (``creator`` makes
    the connections; ``module`` gives the dialect sqlcipher3's exception classes).
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite:///{path}", creator=lambda: connect(path, key, wal=wal), module=driver
    )

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine

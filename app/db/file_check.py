"""Is this file a Lotse database? Decided before anything is written to it.

Lotse opens only files it created: encrypted with the data key and marked with
``PRAGMA application_id`` (app.db.engine.APPLICATION_ID). A zero-byte file, another
program's SQLite file, a file the key does not open and a file of a newer schema are refused
with a German message, and the file stays byte for byte as it was: the probe opens it
read-only and runs no pragma that writes (no journal mode, no key change); the ``-wal`` and
``-shm`` that SQLite makes beside a file in WAL mode are gone again afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from app.db import migrate
from app.db.engine import (
    APPLICATION_ID,
    SQLITE_HEADER,
    Connection,
    DatabaseError,
    connect_as_is,
)
from app.db.faults import describe, error_name
from app.errors import DatabaseProblem
from app.i18n import _


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # zero bytes: never a database of ours
    PLAIN = "plain"  # an unencrypted SQLite file (an old Lotse file, or another program's)
    SEALED = "sealed"  # anything else: encrypted (ours, if the key opens it) or not SQLite


def file_kind(path: Path) -> FileKind:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileKind.MISSING
    if not head:
        return FileKind.EMPTY
    return FileKind.PLAIN if head == SQLITE_HEADER else FileKind.SEALED


@dataclass(frozen=True)
class FileFacts:
    application_id: int
    revision: str | None
    tables: int

    @property
    def legacy_lotse(self) -> bool:
        """An unencrypted file of a Lotse before the mark: Alembic table, known revision."""
        return self.application_id == 0 and self.revision is not None


@contextmanager
def read_only(path: Path, key: bytes | None) -> Iterator[Connection]:
    """A connection that cannot write to the file (``lotse check``, the probe below).

    A read-only connection to a file in WAL mode makes ``-wal`` and ``-shm`` beside it and
    cannot remove them; when they were not there before, SQLite is let to remove them again.
    """
    wal_files = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    had_wal_files = any(file.exists() for file in wal_files)
    connection = connect_as_is(path, key, mode="ro")
    try:
        yield connection
    finally:
        connection.close()
        if not had_wal_files and any(file.exists() for file in wal_files):
            _remove_wal_files(path, key)


def _remove_wal_files(path: Path, key: bytes | None) -> None:
    """The last connection that closes a WAL database removes ``-wal`` and ``-shm``; the log
    is empty (a read-only connection wrote nothing), so the closing checkpoint writes nothing
    into the file. Nothing is removed while another connection has the file open."""
    try:
        connection = connect_as_is(path, key)
    except DatabaseError:
        return  # then they stay; harmless
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        pass  # then they stay; harmless
    finally:
        connection.close()


def probe(path: Path, key: bytes | None) -> FileFacts:
    """Read the mark, the revision and the number of tables, read-only (raises DatabaseError)."""
    with read_only(path, key) as connection:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
        has_versions = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        revision = None
        if has_versions:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return FileFacts(application_id, revision, tables)


def refuse_empty(path: Path) -> DatabaseProblem:
    return DatabaseProblem(
        _(
            "The file {path} is empty (0 bytes): it is not a Lotse database. Lotse leaves it "
            "untouched. If it should hold your data, restore a backup (“lotse restore”); "
            "otherwise move the file away and start again."
        ).format(path=path)
    )


def refuse_foreign(path: Path) -> DatabaseProblem:
    return DatabaseProblem(
        _(
            "The file {path} is not a Lotse database (it belongs to another program). Lotse "
            "leaves it untouched. Move it away, or set LOTSE_DATA_DIR to another folder."
        ).format(path=path)
    )


def refuse_undecryptable(path: Path) -> DatabaseProblem:
    return DatabaseProblem(
        _(
            "The file {path} cannot be opened with the key file beside it: it is not a Lotse "
            "database, it is damaged, or lotse.key belongs to another database. Lotse leaves "
            "it untouched. Restore a backup (the .sqlite file and its .key file together)."
        ).format(path=path)
    )


def refuse_newer(path: Path, revision: str | None) -> DatabaseProblem:
    return DatabaseProblem(
        _(
            "The database {path} was written by a newer Lotse (schema {revision}). "
            "Please install the current version."
        ).format(path=path, revision=revision)
    )


def verified_facts(path: Path, key: bytes | None) -> FileFacts:
    """The facts of a Lotse file, or DatabaseProblem saying why it is not one.

    ``key=None`` accepts an unencrypted file (an old Lotse file to be encrypted, benchmarks).
    """
    kind = file_kind(path)
    if kind is FileKind.MISSING:
        raise DatabaseProblem(_("There is no database at {path}.").format(path=path))
    if kind is FileKind.EMPTY:
        raise refuse_empty(path)
    if kind is FileKind.PLAIN and key is not None:
        # An old Lotse file still to be encrypted, or another program's SQLite file.
        plain = _probed(path, None)
        if plain.application_id != APPLICATION_ID and not _legacy_lotse(plain):
            raise refuse_foreign(path)
        raise DatabaseProblem(
            _(
                "The database {path} is not encrypted yet. Start Lotse with its window once: "
                "it offers to encrypt it."
            ).format(path=path)
        )
    if kind is FileKind.SEALED and key is None:
        raise refuse_undecryptable(path)
    facts = _probed(path, key)
    if facts.application_id != APPLICATION_ID and not (key is None and _legacy_lotse(facts)):
        raise refuse_foreign(path)
    if not migrate.is_known_revision(facts.revision):
        raise refuse_newer(path, facts.revision)
    return facts


def _legacy_lotse(facts: FileFacts) -> bool:
    return facts.legacy_lotse and facts.revision in migrate.revisions()


def _probed(path: Path, key: bytes | None) -> FileFacts:
    try:
        return probe(path, key)
    except DatabaseError as error:
        damaged = error_name(error).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))
        if damaged and not _first_page_readable(path, key):
            raise (refuse_undecryptable(path) if key else refuse_foreign(path)) from error
        raise DatabaseProblem(describe(error, path)) from error  # ours, but damaged


def _first_page_readable(path: Path, key: bytes | None) -> bool:
    """The key opens the file's first page (so a later failure is damage, not a wrong key
    or another program's file)."""
    try:
        with read_only(path, key) as connection:
            return connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except DatabaseError:
        return False

"""Encrypt an old unencrypted Lotse database in place, without loss.

``sqlcipher_export`` copies every table, index and trigger into a new encrypted file; the
copy counts only when its integrity check passes and every table holds as many rows as in
the original. Then the key file is written, the encrypted file takes the database's name,
and the unencrypted one is overwritten and removed (``lotse.sqlite.plain`` in between, so
that a start after a cut-short run finishes the wipe).
"""

from __future__ import annotations

from pathlib import Path

from app.db import keys
from app.db.backup import list_backups, sidecars, sync_file, sync_folder
from app.db.engine import APPLICATION_ID, Connection, connect
from app.db.file_check import FileKind, file_kind, verified_facts
from app.db.location import PLAIN_LEFTOVER, wipe_file
from app.errors import DatabaseProblem
from app.files import replace_file
from app.i18n import _
from app.paths import DataPaths

ENCRYPTING_SUFFIX = ".encrypting"


def table_counts(connection: Connection, schema: str = "main") -> dict[str, int]:
    names = [
        name
        for (name,) in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
        for name in names
    }


def encrypt_database(
    paths: DataPaths, passphrase: str, *, with_recovery_key: bool
) -> keys.CreatedKey:
    """Encrypt ``paths.database`` with a new data key wrapped by ``passphrase``."""
    verified_facts(paths.database, None)  # an old Lotse file, not another program's
    target = paths.database.with_name(paths.database.name + ENCRYPTING_SUFFIX)
    for leftover in (*sidecars(target), target):
        leftover.unlink(missing_ok=True)
    data_key = keys.generate_data_key()
    plain = connect(paths.database, None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = table_counts(plain)
        user_version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{data_key.hex()}'\"", (str(target),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        plain.execute(f"PRAGMA encrypted.application_id = {APPLICATION_ID}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    _check_copy(target, data_key, before)
    sync_file(target)
    keys.write_key_file(paths.key_file, data_key, passphrase)
    recovery = keys.replace_recovery_key(paths.key_file, data_key) if with_recovery_key else None
    old = paths.database.with_name(paths.database.name + PLAIN_LEFTOVER)
    replace_file(paths.database, old)
    replace_file(target, paths.database)
    sync_folder(paths.root)
    wipe_file(old)
    return keys.CreatedKey(data_key, recovery)


def _check_copy(target: Path, data_key: bytes, before: dict[str, int]) -> None:
    copy = connect(target, data_key, wal=False)
    try:
        verdict = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        after = table_counts(copy)
    finally:
        copy.close()
    if verdict != ["ok"] or after != before:
        target.unlink(missing_ok=True)
        raise DatabaseProblem(
            _(
                "Encrypting the database failed: the encrypted copy did not match the original. "
                "Nothing was changed; the unencrypted database is still in place."
            )
        )


def plain_backups(paths: DataPaths) -> list[Path]:
    """Backups still unencrypted (made before the database was encrypted)."""
    if not paths.backups.is_dir():
        return []
    return [b for b in list_backups(paths.backups) if file_kind(b) is FileKind.PLAIN]


def wipe_plain_backups(paths: DataPaths) -> int:
    """Overwrite and remove every unencrypted backup; how many there were."""
    found = plain_backups(paths)
    for backup in found:
        wipe_file(backup)
    return len(found)

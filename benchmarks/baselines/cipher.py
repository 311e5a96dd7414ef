"""The bare sqlcipher3 driver on Lotse's file: the raw data key first, then SQL, nothing else.

The same file and the same encryption as Lotse (SQLCipher 4 defaults, the raw 32-byte data
key, so no key derivation by SQLCipher), without anything of Lotse. ``key=None`` opens a
plain SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

Connection = sqlcipher.Connection


def connect(database: Path, key: bytes | None, *, read_only: bool = True) -> Connection:
    if read_only:
        connection = sqlcipher.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    else:
        connection = sqlcipher.connect(str(database))
    if key is not None:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # must come first
    return connection


def key_beside(database: Path) -> bytes | None:
    """For running a baseline by hand: the data key from the key file beside the database,
    unwrapped with LOTSE_PASSPHRASE (None when there is no key file: a plain file)."""
    key_file = database.with_name("lotse.key")
    if not key_file.is_file():
        return None
    from app.db.keys import unlock

    return unlock(key_file, os.environ["LOTSE_PASSPHRASE"])

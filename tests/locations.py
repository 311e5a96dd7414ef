"""Test data locations: a key file with the test passphrase, keyed connections to the file."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

from app.bootstrap import Lotse, bootstrap
from app.db import keys
from app.db.engine import Connection, connect
from app.paths import DataPaths

TEST_PASSPHRASE = "Kaffee Fahrrad Ostsee Tulpe"
CHEAP_COST = keys.KdfCost(time_cost=1, memory_kib=8, parallelism=1)  # a real run: ~0.5 s


def new_location(root: Path) -> tuple[DataPaths, bytes]:
    """An empty data location with a key file (no database yet) and its data key."""
    paths = DataPaths(root).ensure()
    created = keys.create_key_file(paths.key_file, TEST_PASSPHRASE, with_recovery_key=False)
    return paths, created.data_key


def open_new(root: Path) -> Lotse:
    """A new data location with a fresh database."""
    paths, key = new_location(root)
    return bootstrap(paths, key=key)


def copy_location(template: DataPaths, target: Path) -> DataPaths:
    """A data location like ``template`` (database and key file) at ``target``."""
    paths = DataPaths(target).ensure()
    shutil.copyfile(template.database, paths.database)
    shutil.copyfile(template.key_file, paths.key_file)
    return paths


def open_file(path: Path, key: bytes | None) -> Connection:
    """A connection to the database file itself (what another program would see)."""
    return connect(path, key)


def export_events(folder: Path, key: bytes, entity: str) -> int:
    """How many ``export`` audit events of ``entity`` the location's file holds."""
    with closing(open_file(folder / "lotse.sqlite", key)) as conn:
        return conn.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'export' AND entity = ?", (entity,)
        ).fetchone()[0]

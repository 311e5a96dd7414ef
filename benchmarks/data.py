"""Demo data locations for benchmarks, made once and reused (build/bench/<N>).

Each location is encrypted as Lotse's are (``lotse.key`` + SQLCipher database, made by
``lotse demo`` with ``LOTSE_PASSPHRASE``); ``plain_location`` holds an unencrypted copy of the
same database, for the encrypted/plain figures.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench"
PASSPHRASE_ENV = "LOTSE_PASSPHRASE"
PASSPHRASE = "Messlatte Rotkehlchen Fahrradklingel 42"  # only for these demo data
DATA_FORMAT = b"sqlcipher4 + lotse.key 1"  # a plain location of an older run is not reused
PLAIN_SUFFIX = "-plain"


def demo_version() -> str:
    """Changes whenever the demo generator or the schema changes: stale data are not reused."""
    sources = sorted((ROOT / "app" / "demo").glob("*.py")) + sorted(
        (ROOT / "app" / "vocab").glob("*.py")
    )
    sources += [ROOT / "app" / "db" / "derived_rows.py"]
    sources += [ROOT / "app" / "services" / "follow_ups.py"]  # generated follow-up titles
    sources += [ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "lotse.mo"]
    sources += sorted((ROOT / "app" / "db" / "migrations" / "versions").glob("*.py"))
    digest = hashlib.sha256(DATA_FORMAT)
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def location_env(location: Path) -> dict[str, str]:
    """The environment of a child process on ``location``: data folder and passphrase."""
    return {**os.environ, "LOTSE_DATA_DIR": str(location), PASSPHRASE_ENV: PASSPHRASE}


def demo_location(participants: int, seed: int = 1) -> Path:
    """A data location holding `lotse demo --participants N`; built on first use."""
    folder = CACHE / f"demo-{participants}-seed{seed}-{demo_version()}"
    marker = folder / ".complete"
    if not marker.exists() or not (folder / "lotse.key").is_file():
        shutil.rmtree(folder, ignore_errors=True)  # a run cut short: key file and data anew
        folder.mkdir(parents=True)
        subprocess.run(
            [sys.executable, "-m", "ui.main", "demo", "--participants", str(participants),
             "--seed", str(seed)],
            check=True, env=location_env(folder), cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        marker.touch()
    return folder


@functools.cache
def data_key(location: Path) -> bytes:
    """The raw 32-byte data key of a demo location (one Argon2id derivation per process)."""
    from app.bootstrap import unlock_key
    from app.paths import DataPaths

    return unlock_key(DataPaths(location), PASSPHRASE)


def plain_location(location: Path) -> Path:
    """An unencrypted copy of ``location``'s database in a location of its own (no key file).

    ``sqlcipher_export`` on a keyed connection into a database attached with an empty key
    writes the same schema and rows as plain SQLite; the application id (Lotse refuses a file
    without it) and the WAL mode are set as in the original.
    """
    plain = location.with_name(location.name + PLAIN_SUFFIX)
    marker = plain / ".complete"
    if marker.exists() and marker.stat().st_mtime >= (location / ".complete").stat().st_mtime:
        return plain  # (older than the demo data: those were made again, so copy again)
    shutil.rmtree(plain, ignore_errors=True)
    plain.mkdir(parents=True)
    from sqlcipher3 import dbapi2 as driver

    target = plain / "lotse.sqlite"
    connection = driver.connect(str(location / "lotse.sqlite"), isolation_level=None)
    try:
        connection.execute(f"PRAGMA key = \"x'{data_key(location).hex()}'\"")
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
        connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute(f"PRAGMA plain.application_id = {int(application_id)}")
        connection.execute("DETACH DATABASE plain")
    finally:
        connection.close()
    copy = driver.connect(str(target), isolation_level=None)
    try:
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()
    marker.touch()
    return plain

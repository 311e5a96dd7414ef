"""Copies of the database file made with SQLite's online backup API."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.db.engine import connect

BACKUP_PREFIX = "lotse-"
KEEP_BACKUPS = 20


def backup_database(source: Path, folder: Path, reason: str = "start") -> Path:
    """Write a consistent copy of ``source`` into ``folder``; returns the new file."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{BACKUP_PREFIX}{stamp}-{reason}.sqlite"
    partial = target.with_suffix(".partial")  # renamed only when complete
    src = connect(source)
    try:
        dst = connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    prune_backups(folder)
    return target


def list_backups(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{BACKUP_PREFIX}*.sqlite"))


def prune_backups(folder: Path, keep: int = KEEP_BACKUPS) -> None:
    """Keep the newest ``keep`` backups; pre-migration copies are never removed."""
    removable = [p for p in list_backups(folder) if not p.stem.endswith("-migration")]
    for old in removable[:-keep]:
        old.unlink(missing_ok=True)

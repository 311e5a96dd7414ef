"""One operation as the face runs it: a contact note saved (unit of work, change tracking,
the person's search and list rows, commit), on a copy of the encrypted demo data (it writes)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.baselines import raw_write
from benchmarks.data import data_key
from benchmarks.timing import Timing, measure

CONTENT = "Gespräch über die Bewerbung bei der Bäckerei, Unterlagen nachgereicht"


def note_operation(location: Path, participant_id: int) -> tuple[Timing, Timing]:
    """(Lotse's add_note operation, raw insert + commit) on a temporary copy of ``location``."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.services.contact_notes import NoteInput, add_note
    from app.vocab import ContactKind

    folder = Path(tempfile.mkdtemp(prefix="lotse-bench-op-"))
    try:
        for name in ("lotse.sqlite", "lotse.key"):
            shutil.copyfile(location / name, folder / name)
        key = data_key(location)
        lotse = bootstrap(DataPaths(folder), key=key)
        note = NoteInput(datetime.now(UTC), ContactKind.PHONE, CONTENT)
        try:

            def save_note() -> None:
                with lotse.unit_of_work() as uow:
                    add_note(uow, participant_id, note)

            lotse_timing = measure(save_note, runs=20)
        finally:
            lotse.close()
        connection = raw_write.connect(folder / "lotse.sqlite", key)
        try:
            raw_timing = measure(
                lambda: raw_write.add_note(connection, participant_id, CONTENT), runs=20
            )
        finally:
            connection.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return lotse_timing, raw_timing

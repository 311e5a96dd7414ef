"""One operation as the face runs it: a contact note saved (unit of work, change tracking,
the person's search and list rows, commit), on a copy of the demo data (it writes)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.baselines import raw_write
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
        shutil.copyfile(location / "lotse.sqlite", folder / "lotse.sqlite")
        lotse = bootstrap(DataPaths(folder))
        note = NoteInput(datetime.now(UTC), ContactKind.PHONE, CONTENT)
        try:

            def save_note() -> None:
                with lotse.unit_of_work() as uow:
                    add_note(uow, participant_id, note)

            lotse_timing = measure(save_note, runs=20)
        finally:
            lotse.close()
        connection = raw_write.connect(folder / "lotse.sqlite")
        try:
            raw_timing = measure(
                lambda: raw_write.add_note(connection, participant_id, CONTENT), runs=20
            )
        finally:
            connection.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return lotse_timing, raw_timing

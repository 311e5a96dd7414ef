"""Commands of `lotse` that run without a window: demo and check."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.db import migrate
from app.db.engine import connect
from app.db.reads import ReadConnection
from app.errors import LotseError
from app.i18n import _
from app.paths import data_paths


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "demo":
            return demo(args.participants, args.seed)
        if args.command == "check":
            return check()
        if args.command == "plan":
            return plan(args.participant_id, Path(args.out), args.lang)
    except LotseError as error:
        print(_("Error: {message}").format(message=error), file=sys.stderr)
        return 1
    raise AssertionError(f"unknown command {args.command}")


def demo(participants: int, seed: int) -> int:
    from app.bootstrap import bootstrap
    from app.demo import generate_demo_data

    lotse = bootstrap()
    try:
        started = time.perf_counter()
        counts = generate_demo_data(lotse, participants=participants, seed=seed)
        seconds = time.perf_counter() - started
    finally:
        lotse.close()
    print(
        _("Demo data written to {path} in {seconds:.1f} s:").format(
            path=lotse.paths.database, seconds=seconds
        )
    )
    for name, count in counts.items():
        print(f"  {name}: {count}")
    return 0


def plan(participant_id: int, out: Path, language: str | None) -> int:
    """Write the participant's current support plan; exit 2 for an unknown participant."""
    from app.bootstrap import bootstrap
    from app.models.participant import Participant
    from app.reports.bilingual import Labels
    from app.reports.support_plan import render_support_plan
    from app.services.settings import load_settings
    from app.services.support_plans.common import current_plan
    from app.services.support_plans.document import plan_document_data
    from app.services.support_plans.prints import archive_print

    lotse = bootstrap()
    try:
        with lotse.unit_of_work() as uow:
            if uow.session.get(Participant, participant_id) is None:
                print(
                    _("There is no participant with number {id}.").format(id=participant_id),
                    file=sys.stderr,
                )
                return 2
            current = current_plan(uow, participant_id)
            if current is None or current.id is None:
                print(
                    _("Participant {id} has no support plan yet.").format(id=participant_id),
                    file=sys.stderr,
                )
                return 1
            data = plan_document_data(uow, current.id)
            settings = load_settings(uow)
        pdf = render_support_plan(data, settings, language=language)
        try:
            out.write_bytes(pdf)
        except OSError as error:
            print(_("Cannot write {path}: {error}").format(path=out, error=error), file=sys.stderr)
            return 1
        with lotse.unit_of_work() as uow:
            archive_print(uow, current.id, pdf, Labels(language).code)
    finally:
        lotse.close()
    print(_("Support plan written to {path}.").format(path=out))
    return 0


def check() -> int:
    """Integrity and migration state of the database; exit 0 only when both are fine."""
    paths = data_paths()
    print(_("Database: {path}").format(path=paths.database))
    if not paths.database.is_file():
        print(_("Verdict: no database at this location."))
        return 1
    reads: ReadConnection | None = None
    try:
        reads = ReadConnection(connect(paths.database, autocommit=True))
        integrity = [row[0] for row in reads.rows("PRAGMA integrity_check")]
        foreign_key_problems = reads.rows("PRAGMA foreign_key_check")
        current = migrate.current_revision(reads)
    except Exception as error:  # noqa: BLE001 - any failure to read is the verdict
        print(_("Verdict: the database cannot be read ({error}).").format(error=error))
        return 1
    finally:
        if reads is not None:
            reads.close()
    head = migrate.head_revision()
    integrity_ok = integrity == ["ok"]
    print(_("Integrity: {result}").format(result="ok" if integrity_ok else "; ".join(integrity)))
    print(_("Foreign keys: {count} broken references").format(count=len(foreign_key_problems)))
    schema_ok = current == head
    if schema_ok:
        print(_("Schema: current (revision {revision})").format(revision=current))
    else:
        print(
            _("Schema: revision {current}, expected {head}").format(
                current=current or "–", head=head
            )
        )
    if integrity_ok and schema_ok and not foreign_key_problems:
        print(_("Verdict: ok"))
        return 0
    print(_("Verdict: NOT ok – please restore a backup or contact support."))
    return 1

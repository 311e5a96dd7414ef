"""Commands of `lotse` that run without a window: demo, plan, visit, calendar, export, check,
backup, restore; report, esf-list and import live in their own modules beside this one.

The passphrase comes from ``LOTSE_PASSPHRASE`` or is asked on the terminal (not echoed).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import migrate
from app.db.engine import DatabaseError
from app.db.faults import describe
from app.db.file_check import read_only
from app.db.location import LocationState, location_state, refusal
from app.error_log import unexpected_error_message, write_error_log
from app.errors import LotseError
from app.i18n import _, ngettext
from app.paths import PASSPHRASE_ENV, DataPaths, data_paths

if TYPE_CHECKING:
    from app.bootstrap import Lotse


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "demo":
            return demo(args.participants, args.seed)
        if args.command == "check":
            return check()
        if args.command == "plan":
            return plan(args.participant_id, Path(args.out), args.lang, args.version)
        if args.command == "visit":
            return visit(args.organization_id, Path(args.out))
        if args.command == "calendar":
            return calendar(Path(args.out))
        if args.command == "export" and args.export_kind == "person":
            return export_person(args.participant_id, Path(args.out))
        if args.command == "report":
            from app.commands.report import report

            return report(args.start, args.end, args.program, Path(args.out))
        if args.command == "esf-list":
            from app.commands.esf_list import esf_list

            return esf_list(Path(args.out), pseudonymised=args.pseudonymised)
        if args.command == "import":
            from app.commands.imports import import_file

            mapping = Path(args.mapping) if args.mapping else None
            return import_file(Path(args.file), args.kind, dry_run=args.dry_run, mapping=mapping)
        if args.command == "backup":
            return backup(Path(args.to) if args.to else None)
        if args.command == "restore":
            return restore(Path(args.file), assume_yes=args.yes)
    except LotseError as error:
        detail = getattr(error, "detail", None)
        if detail:
            write_error_log(data_paths().root, error, detail)
        print(_("Error: {message}").format(message=error), file=sys.stderr)
        return 1
    except DatabaseError as error:
        write_error_log(data_paths().root, error)
        message = describe(error, data_paths().database)
        print(_("Error: {message}").format(message=message), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Cancelled; nothing was stored."), file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - a German message instead of a traceback
        log = write_error_log(data_paths().root, error)
        print(unexpected_error_message(error, log), file=sys.stderr)
        return 1
    raise AssertionError(f"unknown command {args.command}")


def passphrase(prompt: str, *, repeat: bool = False) -> str:
    """``LOTSE_PASSPHRASE``, or asked on the terminal (twice for a new one)."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise LotseError(
            _("No passphrase: set {variable} or run the command in a terminal.").format(
                variable=PASSPHRASE_ENV
            )
        )
    first = getpass.getpass(prompt)
    if repeat and getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise LotseError(_("The passphrases differ."))
    return first


def data_key(paths: DataPaths, *, may_create: bool) -> bytes | None:
    """The data key of ``paths``; None when there is no database and ``may_create`` is off."""
    from app.bootstrap import new_key, unlock_key

    state = location_state(paths)
    problem = refusal(paths, state)
    if problem is not None:
        raise problem
    if state is LocationState.UNENCRYPTED:
        raise LotseError(
            _(
                "The database {path} is not encrypted yet. Start Lotse with its window once: "
                "it encrypts the database (asking for a passphrase first)."
            ).format(path=paths.database)
        )
    if state is LocationState.NEW:
        if not may_create:
            return None
        print(_("A new data location: choose a passphrase (at least 10 characters)."))
        return new_key(
            paths, passphrase(_("New passphrase: "), repeat=True), with_recovery_key=False
        ).data_key
    return unlock_key(paths, passphrase(_("Passphrase: ")))


def open_lotse(*, may_create: bool = False) -> Lotse:
    from app.bootstrap import bootstrap

    paths = data_paths()
    key = data_key(paths, may_create=may_create)
    if key is None:
        raise LotseError(_("There is no database at {path}.").format(path=paths.database))
    return bootstrap(paths, key=key)


def demo(participants: int, seed: int) -> int:
    from app.demo import generate_demo_data

    lotse = open_lotse(may_create=True)
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


def plan(participant_id: int, out: Path, language: str | None, version: int | None = None) -> int:
    """Write the participant's open support plan (or version ``version``); exit 2 for an
    unknown participant, 1 when there is no such plan."""
    from app.models.participant import Participant
    from app.reports.bilingual import Labels
    from app.reports.support_plan import render_support_plan
    from app.services.settings import load_settings
    from app.services.support_plans.common import current_plan, latest_plan, plan_version
    from app.services.support_plans.document import plan_document_data
    from app.services.support_plans.prints import archive_print

    lotse = open_lotse()
    try:
        with lotse.unit_of_work() as uow:
            if uow.session.get(Participant, participant_id) is None:
                print(
                    _("There is no participant with number {id}.").format(id=participant_id),
                    file=sys.stderr,
                )
                return 2
            if version is not None:
                current = plan_version(uow, participant_id, version)
            else:
                current = current_plan(uow, participant_id)
            if current is None or current.id is None:
                latest = latest_plan(uow.session, participant_id)
                last = latest.version if latest is not None else None
                print(_no_plan_message(participant_id, version, last), file=sys.stderr)
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


def _no_plan_message(participant_id: int, version: int | None, last: int | None) -> str:
    """Why there is nothing to print: no plan at all, no such version, or all closed."""
    if last is None:
        return _("Participant {id} has no support plan yet.").format(id=participant_id)
    if version is not None:
        return _(
            "Participant {id} has no version {version} of the support plan (versions 1 to {last})."
        ).format(id=participant_id, version=version, last=last)
    return _(
        "Every version of participant {id}'s support plan is closed; the last is version "
        "{last}. Print it with --version {last}."
    ).format(id=participant_id, last=last)


def visit(organization_id: int, out: Path, today: date | None = None) -> int:
    """Write the organisation's Besuchsblatt; exit 2 for an unknown organisation, 1 when the
    file cannot be written (e.g. its folder does not exist)."""
    from app.reports.visit_sheet import render_visit_sheet
    from app.services.settings import load_settings
    from app.services.visit_sheet import UnknownOrganization, visit_sheet_data

    if not out.parent.is_dir():
        print(_("The folder {path} does not exist.").format(path=out.parent), file=sys.stderr)
        return 1
    lotse = open_lotse()
    try:
        with lotse.reading() as uow:  # one snapshot for the whole sheet
            try:
                data = visit_sheet_data(uow, organization_id, today or date.today())
            except UnknownOrganization as error:
                print(error, file=sys.stderr)
                return 2
            settings = load_settings(uow)
    finally:
        lotse.close()
    pdf = render_visit_sheet(data, settings)
    try:
        out.write_bytes(pdf)
    except OSError as error:
        print(_("Cannot write {path}: {error}").format(path=out, error=error), file=sys.stderr)
        return 1
    print(_("Visit sheet written to {path}.").format(path=out))
    return 0


def calendar(out: Path) -> int:
    """Write the open follow-ups as an .ics file for Outlook (all or nothing)."""
    from app.progress import Progress
    from app.services.calendar_export import count_events, export_calendar

    lotse = open_lotse()
    try:
        with lotse.unit_of_work() as uow:
            export_calendar(uow, Progress(), out)
    finally:
        lotse.close()
    count = count_events(out)
    print(
        ngettext(
            "{count} appointment written to {path}.",
            "{count} appointments written to {path}.",
            count,
        ).format(count=count, path=out)
    )
    return 0


def export_person(participant_id: int, out_dir: Path) -> int:
    """Art. 15: everything stored about one person into ``out_dir``; exit 2 for an unknown
    participant."""
    from app.models.participant import Participant
    from app.progress import Progress
    from app.services import person_export

    lotse = open_lotse()
    try:
        with lotse.reading() as uow:
            known = uow.session.get(Participant, participant_id) is not None
        if not known:
            print(
                _("There is no participant with number {id}.").format(id=participant_id),
                file=sys.stderr,
            )
            return 2
        before = {path: path.stat().st_mtime_ns for path in out_dir.iterdir()}
        with lotse.unit_of_work() as uow:
            person_export.export_person(uow, Progress(), participant_id, out_dir)
    finally:
        lotse.close()
    written = sorted(  # new or written anew (the same person on the same day: same names)
        path for path in out_dir.iterdir() if before.get(path) != path.stat().st_mtime_ns
    )
    print(
        ngettext(
            "{count} file written to {path}:",
            "{count} files written to {path}:",
            len(written),
        ).format(count=len(written), path=out_dir)
    )
    for path in written:
        print(f"  {path.name}")
    return 0


def check() -> int:
    """Integrity and migration state of the database, read-only; exit 0 only when fine."""
    paths = data_paths()
    print(_("Database: {path}").format(path=paths.database))
    state = location_state(paths)
    problem = refusal(paths, state)  # a network drive or a cloud folder too
    if problem is not None:
        print(_("Verdict: NOT ok – {problem}").format(problem=problem))
        return 1
    if state is LocationState.NEW:
        print(_("Verdict: no database at this location."))
        return 1
    key = None if state is LocationState.UNENCRYPTED else data_key(paths, may_create=False)
    if key is None:
        print(_("Encryption: none – the database is not encrypted yet."))
    try:
        with read_only(paths.database, key) as connection:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign_key_problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
            ).fetchone()
            row = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if found
                else None
            )
            current = row[0] if row else None
    except DatabaseError as error:
        print(_("Verdict: NOT ok – {problem}").format(problem=describe(error, paths.database)))
        return 1
    if key is not None:
        print(_("Encryption: SQLCipher, key file {path}").format(path=paths.key_file))
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


def backup(folder: Path | None) -> int:
    """A verified copy (with its key file) into ``folder`` or the backups folder."""
    lotse = open_lotse()
    try:
        target = lotse.database.backup("manual", folder=folder.resolve() if folder else None)
    finally:
        lotse.close()
    print(_("Backup written: {path}").format(path=target))
    print(_("Key file beside it: {path}").format(path=target.with_suffix(".key")))
    return 0


def restore(file: Path, *, assume_yes: bool) -> int:
    """Show what the backup holds, ask, keep the current state, put the backup in place."""
    from app.bootstrap import bootstrap
    from app.db import keys
    from app.db.restore import backup_key_file, record_counts, summarize
    from app.db.restore import restore as put_back

    paths = data_paths()
    file = file.resolve()
    if not file.is_file():
        raise LotseError(_("There is no file {path}.").format(path=file))
    key = keys.unlock(backup_key_file(paths, file), passphrase(_("Passphrase of the backup: ")))
    summary = summarize(file, key)
    print(_("Backup: {path}").format(path=file))
    print(_("Made on: {when}").format(when=summary.taken.strftime("%d.%m.%Y %H:%M")))
    print(
        _(
            "Holds: {participants} participants, {notes} contact notes, {plans} support plans"
        ).format(**summary.counts)
    )
    if not assume_yes:
        if not sys.stdin.isatty():
            raise LotseError(_("Not restored: confirm with --yes when not in a terminal."))
        answer = input(_("Replace the current database by this backup? [y/N] "))
        if answer.strip().lower() not in {"j", "ja", "y", "yes"}:
            print(_("Not restored; nothing was changed."))
            return 1
    safety = put_back(paths, file, key)
    if safety is not None:
        print(_("The state before was kept as {path}.").format(path=safety))
    lotse = bootstrap(paths, key=key)  # checks the file and brings an older schema up to date
    try:
        counts = record_counts(lotse.reads)
    finally:
        lotse.close()
    if counts != summary.counts:
        print(_("Verdict: NOT ok – the restored database does not hold what the backup held."))
        return 1
    print(_("Restored. Verdict: ok"))
    return 0

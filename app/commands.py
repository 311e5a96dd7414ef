"""Commands of `lotse` that run without a window: demo and check."""

from __future__ import annotations

import argparse
import sys
import time

from app.db import migrate
from app.db.engine import create_database_engine
from app.errors import LotseError
from app.i18n import _
from app.paths import data_paths


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "demo":
            return demo(args.participants, args.seed)
        if args.command == "check":
            return check()
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


def check() -> int:
    """Integrity and migration state of the database; exit 0 only when both are fine."""
    paths = data_paths()
    print(_("Database: {path}").format(path=paths.database))
    if not paths.database.is_file():
        print(_("Verdict: no database at this location."))
        return 1
    engine = create_database_engine(paths.database)
    try:
        with engine.connect() as conn:
            integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
            foreign_key_problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        current = migrate.current_revision(engine)
    except Exception as error:  # noqa: BLE001 - any failure to read is the verdict
        print(_("Verdict: the database cannot be read ({error}).").format(error=error))
        return 1
    finally:
        engine.dispose()
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

"""Schema changes keep every row: upgrade a database holding demo data from each old revision."""

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from app.bootstrap import bootstrap
from app.db import derived_rows, migrate
from app.db.encryption import encrypt_database
from app.db.migrations.env_filters import DERIVED_TABLES, include_name
from app.models import load_all
from app.paths import DataPaths
from app.services.caseload import ListQuery, list_participants
from tests.locations import TEST_PASSPHRASE, open_file

FIXTURES = Path(__file__).parent / "fixtures"
OLD_DATABASES = sorted(FIXTURES.glob("demo-rev*.sqlite"))


def quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def snapshot(
    database: Path, tables: dict[str, list[str]], key: bytes | None = None
) -> dict[str, list[tuple]]:
    """Every row of the given tables (only the given columns), sorted by all of them
    (FTS shadow tables have no rowid)."""
    with closing(open_file(database, key)) as conn:
        return {
            name: conn.execute(
                f"SELECT {', '.join(map(quoted, columns))} FROM {quoted(name)} "
                f"ORDER BY {', '.join(str(n) for n in range(1, len(columns) + 1))}"
            ).fetchall()
            for name, columns in tables.items()
        }


def columns_of(database: Path) -> dict[str, list[str]]:
    with closing(open_file(database, None)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]  # fmt: skip
        return {n: [c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}


def test_there_is_a_fixture_for_the_first_revision():
    assert [p.name for p in OLD_DATABASES][:1] == ["demo-rev0001.sqlite"]


@pytest.mark.parametrize("old", OLD_DATABASES, ids=lambda p: p.stem)
def test_upgrade_keeps_every_row(old: Path, tmp_path: Path):
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copyfile(old, paths.database)
    old_columns = columns_of(paths.database)
    before = snapshot(paths.database, old_columns)
    assert sum(len(rows) for rows in before.values()) > 1000  # it really holds data

    key = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False).data_key
    assert snapshot(paths.database, old_columns, key) == before  # encrypted without loss
    lotse = bootstrap(paths, key=key)
    try:
        assert migrate.current_revision(lotse.database.reads) == migrate.head_revision()
        assert lotse.database.migration_backup is not None
        assert snapshot(lotse.database.migration_backup, old_columns, key) == before
        with lotse.unit_of_work() as uow:
            listed = list_participants(uow)
            found = list_participants(uow, ListQuery(text=before["participant"][0][
                old_columns["participant"].index("last_name")]))  # fmt: skip
        assert len(listed) == len(before["participant"])
        assert found, "the search index was built for the old rows"
    finally:
        lotse.close()
    records = {n: c for n, c in old_columns.items() if not n.startswith(DERIVED_TABLES)}
    assert snapshot(paths.database, records, key) == {n: before[n] for n in records}
    assert derived_rows_as_rebuilt(paths.database, key)


def derived_rows_as_rebuilt(database: Path, key: bytes) -> bool:
    """The search and list rows equal a full rebuild from the records (derived, not kept)."""
    with closing(open_file(database, key)) as conn:
        stored = derived_rows.contents(conn)
        assert stored[derived_rows.LIST_TABLE], "the list rows were built"
        conn.execute("BEGIN")
        derived_rows.rebuild(conn)
        rebuilt = derived_rows.contents(conn)
        conn.rollback()
    return stored == rebuilt


def test_models_and_migrations_agree(lotse):
    """A model change without a revision fails here (autogenerate finds no difference)."""
    load_all()
    with lotse.database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": include_name, "compare_type": True}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_quick_revision_reading_agrees_with_alembic():
    """The start reads revisions from the files without Alembic; both must agree."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.revisions() == {
        rev.revision: rev.down_revision for rev in script.walk_revisions()
    }


def test_revision_0004_dates_every_known_placement_stage(tmp_path: Path):
    """The placements of a 0003 database get one dated stage event per stage date they hold
    (the timeline shows them), the Absage with its reason."""
    old = FIXTURES / "demo-rev0003.sqlite"
    with closing(open_file(old, None)) as conn:
        dates = conn.execute(
            "SELECT id, proposed_on, applied_on, interview_on, trial_work_on, "
            "CASE WHEN stage IN ('offer', 'rejected') THEN decided_on END, contract_on, stage, "
            "rejection_reason FROM placement"
        ).fetchall()
    names = ("proposed", "applied", "interview", "trial_work", None, "contract")
    expected = sorted(
        (
            row[0],
            row[7] if name is None else name,
            str(day),
            row[8] if (name or row[7]) == "rejected" else "",
        )
        for row in dates
        for name, day in zip(names, row[1:7], strict=True)
        if day is not None
    )
    assert len(expected) > 30
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copyfile(old, paths.database)
    key = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False).data_key
    bootstrap(paths, key=key).close()
    with closing(open_file(paths.database, key)) as conn:
        events = conn.execute(
            "SELECT placement_id, stage, occurred_on, reason FROM placement_event"
        ).fetchall()
    assert sorted(events) == expected


def test_revision_0005_keeps_the_absence_hours_as_one_dated_absence(tmp_path: Path):
    """A student's "Fehlzeiten … Stand am" of a 0004 database becomes one absence of that day
    with the same hours, so the totals the record shows stay the same."""
    old = FIXTURES / "demo-rev0004.sqlite"
    with closing(open_file(old, None)) as conn:
        expected = sorted(
            conn.execute(
                "SELECT id, absence_as_of, absence_hours, min(coalesce(unexcused_absence_hours, "
                "0), absence_hours) FROM participant WHERE absence_hours > 0"
            ).fetchall()
        )
    assert len(expected) > 5
    assert all(day is not None for _pid, day, _h, _u in expected)  # the demo dates them
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copyfile(old, paths.database)
    key = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False).data_key
    bootstrap(paths, key=key).close()
    with closing(open_file(paths.database, key)) as conn:
        absences = conn.execute(
            "SELECT participant_id, absent_on, hours, unexcused_hours FROM absence"
        ).fetchall()
        notes = {row[0] for row in conn.execute("SELECT note FROM absence")}
    assert sorted(absences) == expected
    assert all(note.startswith("Stand bis ") for note in notes)

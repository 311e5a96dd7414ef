"""A SIGKILL at every statement of the creation and of every upgrade loses nothing.

For each start (an empty data location with a key file: the database is created; a database
with demo data at each old revision: it is upgraded) the statements of the migration are
counted, then the start is run again and killed by SIGKILL before statement k, for every k,
and at a few places between the statements (tests/db/fault_child.py, a fork server: one
interpreter, a fork per kill). After each kill:

- the file as the kill left it (looked at in a copy) is at the last revision that committed,
  with exactly that revision's schema: no revision is ever half applied;
- a normal start in a fresh process succeeds, reaches head, passes the integrity check, and
  holds what an uninterrupted start holds: every row of before (counts per table, a digest of
  the participants), and no left-over ``.new``/``.partial``/journal file.

The old bug is reproduced as well: without the engine's BEGIN (``legacy``), each DDL statement
committed on its own, and a kill between two of them left "index … already exists" on every
later start. These checks catch it.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.db import keys, migrate
from app.db.encryption import encrypt_database
from app.paths import DataPaths
from tests.db.fault_child import CREATION_POINTS, UPGRADE_POINTS, run_child
from tests.locations import CHEAP_COST, TEST_PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_REVISIONS = ("0001", "0002")
CREATE = "create"
HEAD = migrate.head_revision()
_VERSION = re.compile(
    r"alembic_version (?:SET version_num='(\w+)'|\(version_num\) VALUES \('(\w+)'\))"
)
LEFTOVERS = (".new", ".partial", "-journal", "-wal", "-shm")


@pytest.fixture(scope="module")
def starts(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: DataPaths, template_key: bytes
) -> dict[str, tuple[Path, bytes]]:
    """Data locations as a start finds them: ``create`` (a key file only) and each old
    revision (the demo fixture, encrypted: a database with data); with their data keys."""
    found: dict[str, tuple[Path, bytes]] = {}
    empty = DataPaths(tmp_path_factory.mktemp("start-create")).ensure()
    shutil.copyfile(migrated_template.key_file, empty.key_file)
    found[CREATE] = (empty.root, template_key)
    for revision in OLD_REVISIONS:
        paths = DataPaths(tmp_path_factory.mktemp(f"start-{revision}")).ensure()
        shutil.copyfile(FIXTURES / f"demo-rev{revision}.sqlite", paths.database)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
            created = encrypt_database(paths, TEST_PASSPHRASE, with_recovery_key=False)
        found[revision] = (paths.root, created.data_key)
    return found


@pytest.fixture(scope="module")
def killed(
    starts: dict[str, tuple[Path, bytes]], tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., dict[str, Any]]:
    """The kill rounds of a start (run once per start and mode, then shared)."""
    done: dict[tuple[str, bool], dict[str, Any]] = {}

    def run(start: str, *, legacy: bool = False) -> dict[str, Any]:
        if (start, legacy) not in done:
            template, key = starts[start]
            work = tmp_path_factory.mktemp(f"kills-{start}{'-legacy' if legacy else ''}")
            lines = run_child(
                "migration",
                template=str(template),
                work=str(work),
                key=key.hex(),
                legacy=legacy,
                jobs=2,
            )
            done[start, legacy] = {
                "start": None if start == CREATE else start,
                "before": lines[0]["before"],
                "statements": lines[1]["statements"],
                "rounds": {str(line["at"]): line for line in lines[2:]},
            }
        return done[start, legacy]

    return run


def committed_before(statements: list[str], k: int, start: str | None) -> str | None:
    """The revision committed when statement k is about to run (k = len: all ran).

    A revision's transaction commits right before the next BEGIN (the commit itself is no
    statement) and after the last statement."""
    committed = pending = start
    for index, statement in enumerate(statements[: k + 1]):
        if statement.strip() == "BEGIN":
            committed = pending
        if index == k:
            break
        if found := _VERSION.search(statement):
            pending = found.group(1) or found.group(2)
    else:
        committed = pending
    return committed


def problems_of(result: dict[str, Any]) -> list[str]:
    """Everything wrong with one start's kill rounds (empty: all is well)."""
    statements, rounds, before = result["statements"], result["rounds"], result["before"]
    start, count = result["start"], len(result["statements"])
    named = UPGRADE_POINTS if start else CREATION_POINTS
    problems: list[str] = []
    if count < 3:
        problems.append(f"only {count} statements were counted")
    if sorted(rounds) != sorted([*map(str, range(count + 1)), *named]):
        problems.append(f"rounds missing: {sorted(rounds)}")
        return problems
    clean = rounds[str(count)]["reopened"]
    if clean.get("error"):
        return [f"even the start without a kill failed: {clean['error']}"]
    if before is not None:
        kept = {table: clean["counts"].get(table) for table in before["counts"]}
        if kept != before["counts"]:
            problems.append(f"the upgrade changed the row counts: {before['counts']} → {kept}")
        if clean["participant_digest"] != before["participant_digest"]:
            problems.append("the upgrade changed the participants' rows")
    schemas: dict[str | None, set[tuple[str, ...]]] = {}
    if before is not None:
        schemas[start] = {tuple(before["schema"])}
    for at, one in rounds.items():
        where = f"kill at {at!r} ({(one['died_at'] or {}).get('statement', '')[:60]!r})"
        if at == str(count):
            if one["end"] != {"signal": None, "exit": 0} or one["finished_after"] != count:
                problems.append(f"the start without a kill did not finish: {one['end']}")
            expected = HEAD
        elif at.isdigit():
            k = int(at)
            if one["end"]["signal"] != signal.SIGKILL:
                problems.append(f"{where}: the process did not die by SIGKILL: {one['end']}")
            if one["died_at"] != {"index": k, "statement": statements[k]}:
                problems.append(f"{where}: died elsewhere than at statement {k}")
            expected = committed_before(statements, k, start)
        else:
            if one["end"]["signal"] != signal.SIGKILL or one["died_at"] is None:
                problems.append(f"{where}: the named point was not reached: {one['end']}")
            expected = start if at.startswith("backup_") else HEAD
        raw = one["raw"]
        if raw is None:
            problems.append(f"{where}: no database file at all: {one['left']}")
        else:
            if raw["revision"] != expected:
                problems.append(f"{where}: {raw['file']} is at {raw['revision']}, not {expected}")
            if raw["integrity"] != ["ok"]:
                problems.append(f"{where}: {raw['file']} fails the integrity check")
            schemas.setdefault(raw["revision"], set()).add(tuple(raw["schema"]))
        reopened = one["reopened"]
        if one["reopen_end"] != {"signal": None, "exit": 0} or reopened is None:
            problems.append(f"{where}: the next start crashed: {one['reopen_end']}")
            continue
        if reopened["error"]:
            problems.append(
                f"{where}: the next start failed: {reopened['error']} {reopened['detail']}"
            )
            continue
        for fact in ("revision", "integrity", "schema", "counts", "participant_digest"):
            if reopened[fact] != clean[fact]:
                problems.append(f"{where}: after the next start, {fact} differs: {reopened[fact]}")
        files = reopened["files"]
        left = [name for name in files if name.endswith(LEFTOVERS) or name.endswith(".tmp")]
        left += [
            name
            for name in files
            if name.startswith("backups/")
            and name.endswith(".key")
            and name.removesuffix(".key") + ".sqlite" not in files
        ]
        if left:
            problems.append(f"{where}: left over after the next start: {left}")
    for revision, seen in schemas.items():
        if len(seen) > 1:
            sizes = sorted(len(schema) for schema in seen)
            problems.append(f"revision {revision} was found with {len(seen)} schemas ({sizes})")
    return problems


def test_the_revision_reading_of_the_statements_is_right():
    statements = [
        "BEGIN",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
        "CREATE TABLE a (id INTEGER)",
        "INSERT INTO alembic_version (version_num) VALUES ('0001') RETURNING version_num",
        "PRAGMA foreign_key_check",
        "BEGIN",
        "CREATE INDEX ix ON a (id)",
        "UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001'",
    ]
    seen = [committed_before(statements, k, None) for k in range(len(statements) + 1)]
    assert seen == [None, None, None, None, None, "0001", "0001", "0001", "0002"]
    assert committed_before(statements[5:], 0, "0001") == "0001"
    assert committed_before(statements[5:], 3, "0001") == "0002"


def test_kill_at_every_statement_of_the_creation(killed):
    result = killed(CREATE)
    assert len(result["statements"]) > 50  # every CREATE of 0001, 0002, 0003
    assert not problems_of(result), "\n".join(problems_of(result)[:30])


@pytest.mark.parametrize("revision", OLD_REVISIONS)
def test_kill_at_every_statement_of_each_upgrade(killed, revision):
    result = killed(revision)
    assert result["before"]["revision"] == revision
    assert sum(result["before"]["counts"].values()) > 1000  # it really holds data
    assert not problems_of(result), "\n".join(problems_of(result)[:30])


def _after_the_index(result: dict[str, Any]) -> dict[str, Any]:
    """The round killed right after revision 0003 created its index (before the version
    row says 0003)."""
    statements = result["statements"]
    made = next(i for i, s in enumerate(statements) if "CREATE INDEX ix_follow_up_open_due" in s)
    return result["rounds"][str(made + 1)]


def test_a_kill_between_ddl_statements_is_undone(killed):
    """The kill really interrupts the DDL: revision 0003's index was created in the killed
    process, and the file it left has no such index and says 0002; the next start makes it."""
    one = _after_the_index(killed("0002"))
    assert one["end"]["signal"] == signal.SIGKILL
    assert one["died_at"]["statement"].startswith("UPDATE alembic_version SET version_num='0003'")
    assert one["raw"]["revision"] == "0002"
    assert "index:ix_follow_up_open_due" not in one["raw"]["schema"]
    assert one["reopened"]["error"] is None
    assert one["reopened"]["revision"] == HEAD
    assert "index:ix_follow_up_open_due" in one["reopened"]["schema"]


def test_without_the_revision_transaction_the_old_bug_comes_back(killed):
    """As before the fix (no BEGIN: every DDL statement commits by itself), the same kill
    leaves the index of 0003 in a database that says 0002, and every later start fails with
    "already exists". The checks of the tests above find that."""
    legacy = killed("0002", legacy=True)
    assert "BEGIN" not in legacy["statements"]
    one = _after_the_index(legacy)
    assert one["end"]["signal"] == signal.SIGKILL
    assert one["raw"]["revision"] == "0002"
    assert "index:ix_follow_up_open_due" in one["raw"]["schema"]
    assert "already exists" in (one["reopened"]["detail"] or "")
    problems = problems_of(legacy)
    assert any("already exists" in problem for problem in problems)
    assert any("revision 0002 was found with 2 schemas" in problem for problem in problems)

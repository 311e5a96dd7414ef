"""The child process of the fault tests: a fork server that kills Lotse where it hurts.

pytest must not fork (Python 3.12 warns when a process with threads forks, and warnings are
errors), and a fresh interpreter per kill would take minutes. So a test starts this script once
per scenario (``run_child``, pytest side); it imports Lotse once, warms it up, and then forks a
process per round, which forks again for each step that has to run in a process of its own:

- ``migration``: open a data location (only a key file: the database is created; or a
  database at an old revision: it is upgraded) and die by SIGKILL before statement k of the
  migration, for every k, and at a few named points in between (``CREATION_POINTS``,
  ``UPGRADE_POINTS``). Then look at the files as the kill left them (a copy, so the evidence
  stays as it was) and open them normally in a fresh process. ``legacy``: as before the fix,
  without the engine's BEGIN, so that every DDL statement commits on its own.
- ``writes``: a process writes through the services and acknowledges each commit that
  returned; it is killed after a random short time; then the database is opened normally.
- ``backup_limits``: a backup made with RLIMIT_FSIZE set (writes beyond the limit fail with
  EFBIG, as on a full disk), for each limit.
- ``open_limited``: ``open_database`` with RLIMIT_FSIZE set (an upgrade whose backup fails).

Arguments: one JSON object on the command line. Results: one JSON object per line on stdout,
the last ``{"done": true}``. Forked processes hand their results back through a pipe or a file
and end with ``os._exit`` (no atexit handlers, no second flush of inherited buffers).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).resolve()
DONE = {"done": True}

# Named kill points besides the statements (see ``_install_named_point``), in the order in
# which a start reaches them.
CREATION_POINTS = ("before_rename", "after_rename", "derived_rows")
UPGRADE_POINTS = ("backup_written", "backup_key_written", "derived_rows")


# --- pytest side ------------------------------------------------------------------------------


def run_child(mode: str, *, timeout: float = 300, **args: Any) -> list[dict[str, Any]]:
    """Run one scenario in a child process; its result lines (without the final ``done``)."""
    completed = subprocess.run(
        [sys.executable, "-W", "error", str(SCRIPT), json.dumps({"mode": mode, **args})],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    lines = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines or lines[-1] != DONE:
        raise AssertionError(
            f"fault child ({mode}) ended with {completed.returncode}:\n"
            f"{completed.stdout[-3000:]}\n{completed.stderr[-6000:]}"
        )
    return lines[:-1]


# --- forking --------------------------------------------------------------------------------


def status_of(status: int) -> dict[str, int | None]:
    return {
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
    }


def _end_forked(work: Callable[[], Any], write_fd: int | None = None) -> NoReturn:
    code = 1
    try:
        value = work()
        if write_fd is not None:
            data = json.dumps(value).encode()
            while data:
                data = data[os.write(write_fd, data) :]
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)


def in_fork(work: Callable[[], Any]) -> tuple[dict[str, int | None], Any]:
    """Run ``work`` in a forked process: its end (signal or exit code) and its JSON result."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _end_forked(work, write_fd)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 1 << 16):
        chunks.append(chunk)
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    return status_of(status), json.loads(data) if data else None


def run_rounds(rounds: list[Any], one_round: Callable[[Any], Any], work: Path, jobs: int) -> None:
    """Each round in a forked process of its own, ``jobs`` at a time; print each result.

    A round hands its result over in a file (a pipe could fill up while we wait for another
    round to end)."""
    pending = list(enumerate(rounds))
    running: dict[int, tuple[int, Any]] = {}
    while pending or running:
        while pending and len(running) < jobs:
            number, item = pending.pop(0)
            result = work / f"result-{number}.json"
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _end_forked(lambda item=item, result=result: _write_json(result, one_round(item)))
            running[pid] = (number, item)
        pid, status = os.wait()
        number, item = running.pop(pid)
        result = work / f"result-{number}.json"
        if status != 0 or not result.exists():
            raise RuntimeError(f"round {item!r} failed: {status_of(status)}")
        print(result.read_text(), flush=True)
        result.unlink()


def _write_json(path: Path, value: Any) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value))
    os.replace(partial, path)


# --- what a database holds ------------------------------------------------------------------


def facts(connection: Any, participant_columns: list[str] | None = None) -> dict[str, Any]:
    """Schema, revision, integrity, row counts of the records, digest of the participants."""
    from app.db.migrations.env_filters import DERIVED_TABLES

    entries = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
    schema = sorted(f"{kind}:{name}" for kind, name in entries)
    revision = None
    if "table:alembic_version" in schema:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    records = [
        name
        for kind, name in entries
        if kind == "table"
        and not name.startswith(("sqlite_", *DERIVED_TABLES))
        and name != "alembic_version"
    ]
    counts = {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in sorted(records)
    }
    digest = columns = None
    if "participant" in records:
        found = [row[1] for row in connection.execute('PRAGMA table_info("participant")')]
        columns = participant_columns or found
        selected = ", ".join(f'"{column}"' for column in columns)
        rows = connection.execute(f"SELECT {selected} FROM participant ORDER BY id").fetchall()
        digest = hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()
    return {
        "schema": schema,
        "revision": revision,
        "application_id": connection.execute("PRAGMA application_id").fetchone()[0],
        "integrity": [row[0] for row in connection.execute("PRAGMA integrity_check")],
        "counts": counts,
        "participant_columns": columns,
        "participant_digest": digest,
    }


def facts_of_copy(
    database: Path, key: bytes, scratch: Path, participant_columns: list[str] | None = None
) -> dict[str, Any]:
    """``facts`` of a copy of ``database`` with its journal files (the original stays as it is:
    opening it would roll back a hot journal or checkpoint the WAL)."""
    import shutil

    from app.db.engine import connect

    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    copy = scratch / database.name
    for suffix in ("", "-wal", "-journal"):
        source = database.with_name(database.name + suffix)
        if source.exists():
            shutil.copyfile(source, copy.with_name(copy.name + suffix))
    connection = connect(copy, key, wal=database.suffix == ".sqlite")
    try:
        return facts(connection, participant_columns)
    finally:
        connection.close()
        shutil.rmtree(scratch, ignore_errors=True)


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def opened_normally(
    location: Path, key: bytes, participant_columns: list[str] | None
) -> dict[str, Any]:
    """Open the location as a start does (a fresh process); what it holds afterwards."""
    from app.db.database import open_database
    from app.db.engine import connect
    from app.errors import LotseError
    from app.paths import DataPaths

    paths = DataPaths(location)
    try:
        database = open_database(paths, key)
    except LotseError as error:
        return {
            "error": str(error),
            "error_type": type(error).__name__,
            "detail": getattr(error, "detail", None),
            "files": files_in(location),
        }
    database.close()
    connection = connect(paths.database, key)
    try:
        found = facts(connection, participant_columns)
    finally:
        connection.close()
    return {**found, "error": None, "files": files_in(location)}


# --- migration kills --------------------------------------------------------------------------


class KillPoint:
    """``before_cursor_execute`` listener: note every statement; die before statement ``at``."""

    def __init__(self, at: int | None, note: Path | None) -> None:
        self.at = at
        self.note = note
        self.seen: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if len(self.seen) == self.at:
            self.die(statement)
        self.seen.append(statement)

    def die(self, where: str) -> NoReturn:
        import signal

        assert self.note is not None
        self.note.write_text(json.dumps({"index": len(self.seen), "statement": where}))
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("SIGKILL did not kill")  # pragma: no cover


def _without_begin(path: Path, key: bytes | None, *, wal: bool = True) -> Any:
    """The engine as before the fix: no BEGIN, so the driver (autocommit) commits each DDL."""
    from sqlalchemy import create_engine

    from app.db.engine import connect, driver

    return create_engine(
        f"sqlite:///{path}", creator=lambda: connect(path, key, wal=wal), module=driver
    )


def _install_named_point(name: str, point: KillPoint) -> None:
    """Die at a named place of the start (this process only: it is a forked one)."""
    from app.db import backup, database, derived_rows, keys

    if name == "before_rename":  # the new database is complete, not yet lotse.sqlite
        database.sync_file = lambda path: point.die(f"<{name}>")  # type: ignore[assignment]
    elif name == "after_rename":  # lotse.sqlite is in place, the folder not yet synced
        database.sync_folder = lambda folder: point.die(f"<{name}>")  # type: ignore[assignment]
    elif name == "backup_written":  # the backup is copied and checked, not yet renamed
        backup.sync_file = lambda path: point.die(f"<{name}>")  # type: ignore[assignment]
    elif name == "backup_key_written":  # the backup's key file is written, the copy not renamed
        copy_key_file = keys.copy_key_file

        def copy_then_die(source: Path, target: Path) -> None:
            copy_key_file(source, target)
            point.die(f"<{name}>")

        keys.copy_key_file = copy_then_die  # type: ignore[assignment]
    elif name == "derived_rows":  # the rows are rebuilt, their transaction not yet committed
        rebuild = derived_rows.rebuild

        def rebuild_then_die(connection: Any) -> None:
            rebuild(connection)
            point.die(f"<{name}>")

        derived_rows.rebuild = rebuild_then_die  # type: ignore[assignment]
    else:
        raise ValueError(name)


def _start(location: Path, key: bytes, at: int | str | None, note: Path, legacy: bool) -> Any:
    """One start of Lotse, killed at ``at`` (None: count the statements, return them)."""
    from sqlalchemy import Engine, event

    from app.db import database
    from app.paths import DataPaths

    point = KillPoint(at if isinstance(at, int) else None, note)
    event.listen(Engine, "before_cursor_execute", point)
    engine_factory = database.create_database_engine
    if legacy:
        database.create_database_engine = _without_begin  # type: ignore[assignment]
    if isinstance(at, str):
        _install_named_point(at, point)  # (only ever in a forked process)
    try:
        database.open_database(DataPaths(location), key).close()
    finally:
        event.remove(Engine, "before_cursor_execute", point)
        database.create_database_engine = engine_factory  # type: ignore[assignment]
    return point.seen


def _fresh_location(template: Path, location: Path) -> None:
    import shutil

    shutil.rmtree(location, ignore_errors=True)
    shutil.copytree(template, location)


def migration(args: dict[str, Any]) -> None:
    import shutil

    from app.paths import DATABASE_FILE

    template, work = Path(args["template"]), Path(args["work"])
    key, legacy = bytes.fromhex(args["key"]), bool(args.get("legacy"))
    database = template / DATABASE_FILE
    before = facts_of_copy(database, key, work / "scratch") if database.exists() else None
    columns = before["participant_columns"] if before else None
    print(json.dumps({"before": before}), flush=True)

    # The counting start runs in this process: it also warms everything up (Alembic, the
    # models, the dialect) for the forked rounds.
    counting = work / "counting"
    _fresh_location(template, counting)
    statements = _start(counting, key, None, work / "counting.note", legacy)
    shutil.rmtree(counting)
    print(json.dumps({"statements": statements}), flush=True)

    points: list[int | str] = list(range(len(statements) + 1))
    named = CREATION_POINTS if before is None else UPGRADE_POINTS
    points += [name for name in named if name in args.get("named", named)]
    if args.get("only") is not None:
        points = [p for p in points if p in args["only"]]

    def one_round(at: int | str) -> dict[str, Any]:
        location = work / f"at-{at}"
        note = work / f"at-{at}.note"
        _fresh_location(template, location)
        end, finished = in_fork(lambda: len(_start(location, key, at, note, legacy)))
        died_at = json.loads(note.read_text()) if note.exists() else None
        left = files_in(location)
        raw = None
        for name in (DATABASE_FILE, DATABASE_FILE + ".new"):
            if (location / name).exists():
                raw = {"file": name, **facts_of_copy(location / name, key, work / f"raw-{at}")}
                break
        reopen_end, reopened = in_fork(lambda: opened_normally(location, key, columns))
        if not args.get("keep"):
            shutil.rmtree(location, ignore_errors=True)
        return {
            "at": at,
            "end": end,
            "finished_after": finished,
            "died_at": died_at,
            "left": left,
            "raw": raw,
            "reopen_end": reopen_end,
            "reopened": reopened,
        }

    run_rounds(points, one_round, work, int(args.get("jobs", 2)))


# --- writes killed ------------------------------------------------------------------------------


def _writer(location: Path, key: bytes, fd: int) -> None:
    """Write through the services until killed; after each commit that returned, its id."""
    from datetime import UTC, datetime, timedelta

    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from app.services.contact_notes import NoteInput, add_note
    from app.services.participants import create_participant
    from app.vocab import ContactKind, Program

    lotse = bootstrap(DataPaths(location), key=key)

    def acknowledge(kind: str, record_id: int | None) -> None:
        os.write(fd, f"{kind}:{record_id}\n".encode())

    def new_person(number: int) -> int:
        with lotse.unit_of_work() as uow:
            values = {"last_name": f"Brenner{number}", "first_name": "Ida"}
            changes = create_participant(uow, {**values, "program": Program.JOKO})
        assert changes.created is not None
        acknowledge("p", changes.created)
        return changes.created

    person = new_person(0)
    when = datetime.now(UTC) - timedelta(hours=1)
    for number in range(1, 20_000):  # a safety cap: the parent kills long before
        if number % 5 == 0:
            person = new_person(number)
            continue
        note = NoteInput(when, ContactKind.PHONE, f"Anruf Nummer {number}", duration_minutes=5)
        with lotse.unit_of_work() as uow:
            changes = add_note(uow, person, note)
        acknowledge("n", changes.created)
    raise SystemExit(3)


def _read_for(fd: int, seconds: float | None, buffer: bytearray) -> None:
    """Collect what arrives for ``seconds`` (None: until the first line)."""
    import select
    import time

    deadline = time.monotonic() + (seconds if seconds is not None else 60)
    while time.monotonic() < deadline:
        if seconds is None and b"\n" in buffer:
            return
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return
            buffer += chunk


def writes(args: dict[str, Any]) -> None:
    import random
    import shutil
    import signal

    from app.bootstrap import bootstrap
    from app.paths import DataPaths

    template, work = Path(args["template"]), Path(args["work"])
    key = bytes.fromhex(args["key"])
    rng = random.Random(args["seed"])
    delays = [rng.uniform(args["min_delay"], args["max_delay"]) for _ in range(args["rounds"])]
    warm = work / "warm-up"  # import the services and the ORM before forking
    _fresh_location(template, warm)
    bootstrap(DataPaths(warm), key=key).close()
    shutil.rmtree(warm)

    def one_round(item: tuple[int, float]) -> dict[str, Any]:
        number, delay = item
        location = work / f"round-{number}"
        _fresh_location(template, location)
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _end_forked(lambda: _writer(location, key, write_fd))
        os.close(write_fd)
        buffer = bytearray()
        _read_for(read_fd, None, buffer)  # the first acknowledgement: the writer is writing
        _read_for(read_fd, delay, buffer)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        _read_for(read_fd, 5, buffer)  # what it wrote before it died (until end of file)
        os.close(read_fd)
        complete = bytes(buffer).rsplit(b"\n", 1)[0].decode().split()
        acknowledged = {"p": [], "n": []}
        for line in complete:
            kind, record_id = line.split(":")
            acknowledged[kind].append(int(record_id))

        def stored() -> dict[str, Any]:
            lotse = bootstrap(DataPaths(location), key=key)
            try:
                reads = lotse.reads
                return {
                    "p": [r[0] for r in reads.rows("SELECT id FROM participant ORDER BY id")],
                    "n": [r[0] for r in reads.rows("SELECT id FROM contact_note ORDER BY id")],
                    "integrity": [r[0] for r in reads.rows("PRAGMA integrity_check")],
                    "foreign_keys": len(reads.rows("PRAGMA foreign_key_check")),
                    "listed": reads.one("SELECT count(*) FROM participant_list")[0],
                }
            finally:
                lotse.close()

        reopen_end, found = in_fork(stored)
        shutil.rmtree(location, ignore_errors=True)
        return {
            "round": number,
            "delay": delay,
            "end": status_of(status),
            "acknowledged": acknowledged,
            "reopen_end": reopen_end,
            "stored": found,
        }

    run_rounds(list(enumerate(delays)), one_round, work, 1)


# --- full disk ------------------------------------------------------------------------------


def _limit_file_size(limit: int) -> None:
    """Writes beyond ``limit`` bytes fail with EFBIG (errno 27) instead of killing us."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _failure_facts(error: BaseException) -> dict[str, Any]:
    cause = error.__cause__
    return {
        "failed": str(error),
        "error_type": type(error).__name__,
        "cause": repr(cause),
        "errno": getattr(cause, "errno", None),
        "sqlite": getattr(cause, "sqlite_errorname", None),
    }


def backup_limits(args: dict[str, Any]) -> None:
    from app.db.backup import BackupFailed
    from app.db.database import open_database
    from app.paths import DataPaths

    source, work = DataPaths(Path(args["source"])), Path(args["work"])
    key = bytes.fromhex(args["key"])
    open_database(source, key).close()  # warm up

    def one_round(limit: int) -> dict[str, Any]:
        folder = work / f"limit-{limit}"

        def attempt() -> dict[str, Any]:
            database = open_database(source, key)  # Lotse is running; the disk fills up
            try:
                _limit_file_size(limit)
                try:
                    return {"backup": str(database.backup("manual", folder=folder))}
                except BackupFailed as error:
                    return _failure_facts(error)
            finally:
                database.close()

        end, outcome = in_fork(attempt)
        files = files_in(folder) if folder.exists() else []
        return {"limit": limit, "end": end, "outcome": outcome, "files": files}

    run_rounds(list(args["limits"]), one_round, work, 1)


def open_limited(args: dict[str, Any]) -> None:
    from app.db.database import open_database
    from app.errors import LotseError
    from app.paths import DataPaths

    location, key, limit = Path(args["location"]), bytes.fromhex(args["key"]), args["limit"]

    def attempt() -> dict[str, Any]:
        _limit_file_size(limit)
        try:
            open_database(DataPaths(location), key).close()
        except LotseError as error:
            return _failure_facts(error)
        return {"opened": True}

    end, outcome = in_fork(attempt)
    print(json.dumps({"end": end, "outcome": outcome}), flush=True)


MODES = {
    "migration": migration,
    "writes": writes,
    "backup_limits": backup_limits,
    "open_limited": open_limited,
}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    args = json.loads(sys.argv[1])
    from app.db import keys

    keys.DEFAULT_COST = keys.KdfCost(time_cost=1, memory_kib=8, parallelism=1)
    MODES[args["mode"]](args)
    print(json.dumps(DONE), flush=True)


if __name__ == "__main__":
    main()

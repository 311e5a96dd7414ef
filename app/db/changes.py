"""What an operation changed, collected by the database itself.

Every connection that writes gets temporary triggers (``CREATE TEMP TRIGGER``: they belong to
the connection, not to the file, so no migration knows of them) on the tables below. Each
inserted, updated or deleted row notes its kind, its id and the participant it belongs to in
``lotse_touched`` (TEMP); the unit of work reads that before it commits, refreshes the derived
rows of those participants and returns a ``Changes``. Raw SQL, bulk statements and
``ON DELETE CASCADE`` are seen as well as ORM writes: no write path can forget to report.

Adding a kind of record (organisations, courses, …): a field on ``Changes``, an entry in
``KINDS`` and one in ``TRACKED`` per table (docs/architecture.md, "A new kind of record").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields, replace
from typing import NamedTuple

from app.db.engine import Connection

TOUCHED = "lotse_touched"  # a TEMP table; triggers may not name its schema
TRIGGER_PREFIX = "lotse_track_"


@dataclass(frozen=True, slots=True)
class Changes:
    """The records one operation changed (created, updated or deleted), by kind.

    ``cases``: every participant any of them belongs to (a note's person, a goal's plan's
    person …), so a screen about one person asks ``concerns(participant_id)``. ``many``: too
    many to name (demo data, a rebuild): every screen refreshes. ``created``: the id of the
    record the operation made, where it made one.
    """

    participants: frozenset[int] = frozenset()
    follow_ups: frozenset[int] = frozenset()
    notes: frozenset[int] = frozenset()
    consents: frozenset[int] = frozenset()
    plans: frozenset[int] = frozenset()
    organizations: frozenset[int] = frozenset()  # with their contact persons
    job_offers: frozenset[int] = frozenset()
    placements: frozenset[int] = frozenset()  # with their stage events
    employments: frozenset[int] = frozenset()
    courses: frozenset[int] = frozenset()
    enrollments: frozenset[int] = frozenset()
    measures: frozenset[int] = frozenset()
    settings: bool = False
    cases: frozenset[int] = frozenset()
    many: bool = False
    created: int | None = None

    def __bool__(self) -> bool:
        return self.many or any(
            getattr(self, f.name) for f in fields(self) if f.name not in ("created",)
        )

    def concerns(self, participant_id: int) -> bool:
        """Whether anything of this person (record, notes, follow-ups, …) changed."""
        return self.many or participant_id in self.cases

    def with_created(self, record_id: int | None) -> Changes:
        return replace(self, created=record_id)


NOTHING = Changes()
MANY = Changes(many=True)


class Tracked(NamedTuple):
    """How rows of one table are reported: kind, the row's id, the participant it belongs to
    (SQL over the trigger's row, written ``{row}``)."""

    kind: str
    record_id: str
    participant: str


def _of_plan(column: str = "plan_id") -> str:
    return f"(SELECT participant_id FROM support_plan WHERE id = {{row}}.{column})"


# Kinds with their Changes field; "participant" children (guardians …) count as the record.
KINDS = {
    "participant": "participants",
    "follow_up": "follow_ups",
    "note": "notes",
    "consent": "consents",
    "plan": "plans",
    "organization": "organizations",
    "job_offer": "job_offers",
    "placement": "placements",
    "employment": "employments",
    "course": "courses",
    "enrollment": "enrollments",
    "measure": "measures",
    "settings": "settings",
}
TRACKED: dict[str, Tracked] = {
    "participant": Tracked("participant", "{row}.id", "{row}.id"),
    "guardian": Tracked("participant", "{row}.participant_id", "{row}.participant_id"),
    "exam": Tracked("participant", "{row}.participant_id", "{row}.participant_id"),
    "work_experience": Tracked("participant", "{row}.participant_id", "{row}.participant_id"),
    "foreign_qualification": Tracked("participant", "{row}.participant_id", "{row}.participant_id"),
    "absence": Tracked("participant", "{row}.participant_id", "{row}.participant_id"),
    "needs_assessment": Tracked("participant", "{row}.participant_id", "{row}.participant_id"),
    "contact_note": Tracked("note", "{row}.id", "{row}.participant_id"),
    "contact_note_organization": Tracked(
        "note",
        "{row}.note_id",
        "(SELECT participant_id FROM contact_note WHERE id = {row}.note_id)",
    ),
    "follow_up": Tracked("follow_up", "{row}.id", "{row}.participant_id"),
    "consent": Tracked("consent", "{row}.id", "{row}.participant_id"),
    "support_plan": Tracked("plan", "{row}.id", "{row}.participant_id"),
    "goal": Tracked("plan", "{row}.plan_id", _of_plan()),
    "plan_step": Tracked("plan", "{row}.plan_id", _of_plan()),
    "plan_print": Tracked("plan", "{row}.plan_id", _of_plan()),
    "organization": Tracked("organization", "{row}.id", "NULL"),
    "contact_person": Tracked("organization", "{row}.organization_id", "NULL"),
    "job_offer": Tracked("job_offer", "{row}.id", "NULL"),
    "placement": Tracked("placement", "{row}.id", "{row}.participant_id"),
    "placement_event": Tracked(
        "placement",
        "{row}.placement_id",
        "(SELECT participant_id FROM placement WHERE id = {row}.placement_id)",
    ),
    "employment": Tracked("employment", "{row}.id", "{row}.participant_id"),
    "course": Tracked("course", "{row}.id", "NULL"),
    "enrollment": Tracked("enrollment", "{row}.id", "{row}.participant_id"),
    "measure": Tracked("measure", "{row}.id", "{row}.participant_id"),
    "setting": Tracked("settings", "0", "NULL"),
}


def _note(table: str, row: str) -> str:
    tracked = TRACKED[table]
    values = ", ".join(
        (
            f"'{tracked.kind}'",
            tracked.record_id.format(row=row),
            tracked.participant.format(row=row),
        )
    )
    return f"INSERT INTO {TOUCHED} VALUES ({values});"


def _triggers(table: str) -> list[str]:
    head = f"CREATE TEMP TRIGGER IF NOT EXISTS {TRIGGER_PREFIX}{table}"
    target = f"main.{table}"
    return [
        f"{head}_insert AFTER INSERT ON {target} BEGIN {_note(table, 'NEW')} END",
        f"{head}_update AFTER UPDATE ON {target} BEGIN {_note(table, 'NEW')} "
        f"{_note(table, 'OLD')} END",
        f"{head}_delete AFTER DELETE ON {target} BEGIN {_note(table, 'OLD')} END",
    ]


def start_tracking(connection: Connection) -> None:
    """Make sure this connection reports its writes (cheap when it does already); forget
    anything noted before."""
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'"
        )
        if name in TRACKED
    ]
    installed = connection.execute(
        "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"{TRIGGER_PREFIX}%",),
    ).fetchone()[0]
    if installed != 3 * len(tables):
        connection.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} "
            "(kind TEXT NOT NULL, id INTEGER, participant_id INTEGER)"
        )
        for table in tables:
            for statement in _triggers(table):
                connection.execute(statement)
    connection.execute(f"DELETE FROM {TOUCHED}")


def stop_tracking(connection: Connection) -> None:
    """Bulk loading: drop the triggers of this connection (the next unit makes them anew)."""
    names = connection.execute(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"{TRIGGER_PREFIX}%",),
    ).fetchall()
    for (name,) in names:
        connection.execute(f"DROP TRIGGER temp.{name}")


def collect(connection: Connection) -> Changes:
    """What was noted since ``start_tracking`` (or the last ``collect``), then forget it."""
    ids: dict[str, set[int]] = defaultdict(set)
    cases: set[int] = set()
    for kind, record_id, participant_id in connection.execute(
        f"SELECT DISTINCT kind, id, participant_id FROM {TOUCHED}"
    ):
        if record_id is not None:
            ids[kind].add(record_id)
        if participant_id is not None:
            cases.add(participant_id)
    connection.execute(f"DELETE FROM {TOUCHED}")
    values: dict[str, object] = {
        KINDS[kind]: frozenset(found) for kind, found in ids.items() if kind != "settings"
    }
    return Changes(**values, settings="settings" in ids, cases=frozenset(cases))  # type: ignore[arg-type]


def touched_participants(connection: Connection) -> set[int]:
    """The people whose rows were noted so far (without forgetting them)."""
    return {
        pid
        for (pid,) in connection.execute(
            f"SELECT DISTINCT participant_id FROM {TOUCHED} WHERE participant_id IS NOT NULL"
        )
    }

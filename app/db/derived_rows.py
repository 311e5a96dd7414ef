"""Per-person rows derived from the records: the search index and the list row.

- ``participant_search``: one FTS5 row per person (rowid = participant id) with two groups
  of columns: what names the person (``names``, ``place``, ``numbers``: ``NAME_COLUMNS``) and
  the free text about them (``notes``: the text of all their contact notes and the free-text
  fields of their record, ``FREE_TEXT_FIELDS``, Bemerkungen first). The list puts the hits of
  the first group first (app.services.caseload). One row per person answers every keystroke
  in a few ms at 20,000 people with 200,000 notes (docs/architecture.md, "Search"). Text is
  folded in Python (app.text) before it is indexed and before it is queried, so that ł, ß and
  "ue" spellings match.
- ``participant_list``: the list's columns in a narrow table, with the completeness count and
  the next open follow-up precomputed, so that 20,000 rows read fast (the participant table
  has ~90 columns).
- ``participant.name_sort``: the folded sort key of the name.
- ``organization_search``: one FTS5 row per organisation (rowid = organisation id): its name
  and Branche (``names``), address (``place``), Betriebsnummer (``numbers``) and the names of
  its contact persons (``persons``), folded the same way.

Nobody writes these by hand. The unit of work refreshes them for the people an operation
touched, just before it commits (app.db.unit_of_work); after a schema upgrade, or when
``VERSION`` differs from the one stamped in the file, the whole set is rebuilt
(app.db.database). Migrations create the tables but never fill them: what is derived is the
business of today's code, not of an old revision.

All functions take a DB-API connection (sqlite3) and run inside the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from app.db.changes import TOUCHED
from app.db.engine import Connection
from app.db.reads import Reads
from app.models.completeness import missing_count_sql
from app.text import fold, index_text

# Bump when what is derived changes (columns read, folding, completeness rule): every file
# is rebuilt once at its next start. Stamped as SQLite's user_version.
VERSION = 3  # 3: organisations are searched (organization_search)

SEARCH_TABLE = "participant_search"
LIST_TABLE = "participant_list"
ORGANIZATION_SEARCH_TABLE = "organization_search"
TABLES = (SEARCH_TABLE, LIST_TABLE)  # made by revision 0002; organization_search by 0004
# The search columns that name a person; a hit there comes before a hit in free text alone.
NAME_COLUMNS = ("names", "place", "numbers")
# The record's own free text, searched with the notes (participant columns; lists are JSON).
FREE_TEXT_FIELDS = (
    "notes",  # Bemerkungen
    "placement_barriers",
    "performance",
    "other_support_services",
    "apprenticeship_occupation",
    "interpreter_language",
    "residence_requirement_place",
)
FREE_TEXT_LISTS = ("target_occupations",)
# Above this many people, one rebuild of everything is cheaper than row-by-row refreshes.
REBUILD_ABOVE = 2000

_FILL_LIST = f"""
INSERT OR REPLACE INTO {LIST_TABLE}
SELECT p.id, p.name_sort, p.last_name, p.first_name, p.program, p.status, p.entry_date,
       (SELECT min(f.due_date) FROM follow_up f
         WHERE f.participant_id = p.id AND f.done_at IS NULL),
       p.german_level, p.school_form, p.school_class, {missing_count_sql("p")}
FROM participant p
"""
_PERSON_SQL = (
    "SELECT id, first_name, last_name, postal_code, city, street, esf_number, "
    "job_center_customer_number, benefit_community_number, "
    + ", ".join(FREE_TEXT_FIELDS)
    + ", "
    + ", ".join(
        f"(SELECT group_concat(value, ' ') FROM "
        f"json_each(CASE WHEN json_valid({column}) THEN {column} END))"
        for column in FREE_TEXT_LISTS
    )
    + " FROM participant"
)
_NOTES_SQL = (
    "SELECT participant_id, topics, content, agreements FROM contact_note "
    "WHERE participant_id IS NOT NULL"
)
_WRITE_SEARCH = (
    f"INSERT OR REPLACE INTO {SEARCH_TABLE}(rowid, names, place, numbers, notes) "
    "VALUES (?, ?, ?, ?, ?)"
)
_SET_SORT_KEY = "UPDATE participant SET name_sort = ? WHERE id = ? AND name_sort IS NOT ?"
_ORGANIZATION_SQL = (
    "SELECT id, name, branch, postal_code, city, street, coalesce(betriebsnummer, '') "
    "FROM organization"
)
_PERSONS_SQL = "SELECT organization_id, name FROM contact_person"
_WRITE_ORGANIZATION_SEARCH = (
    f"INSERT OR REPLACE INTO {ORGANIZATION_SEARCH_TABLE}(rowid, names, place, numbers, persons) "
    "VALUES (?, ?, ?, ?, ?)"
)
# The tracking table of app.db.changes: kind "organization" notes organisations and (by their
# organisation) contact persons.
_TOUCHED_ORGANIZATIONS = (
    f"SELECT DISTINCT id FROM temp.{TOUCHED} WHERE kind = 'organization' AND id IS NOT NULL"
)


def sort_key(first_name: str, last_name: str) -> str:
    """How names sort in lists: folded, last name first ("Öztürk" beside "Oz…")."""
    return fold(f"{last_name} {first_name}").strip()


def _document(person: tuple, notes: Iterable[tuple[str, str, str]]) -> tuple[str, ...]:
    _id, first, last, plz, city, street, esf, customer, bg, *free_text = person
    note_text = " ".join([*filter(None, free_text), *(" ".join(parts) for parts in notes)])
    return (
        index_text(f"{first} {last}"),
        index_text(f"{plz} {city} {street}"),
        fold(" ".join(filter(None, (esf, customer, bg)))),
        index_text(note_text),
    )


def refresh(connection: Connection, participant_ids: Collection[int]) -> None:
    """Bring the derived rows of these people in line with their records (gone: rows gone)."""
    if len(participant_ids) > REBUILD_ABOVE:
        rebuild(connection)
        return
    for participant_id in participant_ids:
        _refresh_one(connection, participant_id)


def _refresh_one(connection: Connection, participant_id: int) -> None:
    connection.execute(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = ?", (participant_id,))
    person = connection.execute(f"{_PERSON_SQL} WHERE id = ?", (participant_id,)).fetchone()
    if person is None:
        connection.execute(f"DELETE FROM {LIST_TABLE} WHERE id = ?", (participant_id,))
        return
    key = sort_key(person[1], person[2])
    connection.execute(_SET_SORT_KEY, (key, participant_id, key))
    notes = connection.execute(
        f"{_NOTES_SQL} AND participant_id = ? ORDER BY id", (participant_id,)
    ).fetchall()
    connection.execute(_WRITE_SEARCH, (participant_id, *_document(person, [n[1:] for n in notes])))
    connection.execute(f"{_FILL_LIST} WHERE p.id = ?", (participant_id,))


def _organization_document(
    organization: tuple, persons: Iterable[str]
) -> tuple[str, str, str, str]:
    _id, name, branch, plz, city, street, betriebsnummer = organization
    return (
        index_text(f"{name} {branch}"),
        index_text(f"{plz} {city} {street}"),
        fold(betriebsnummer),
        index_text(" ".join(persons)),
    )


def touched_organizations(connection: Connection) -> set[int]:
    """The organisations whose rows (or contact persons) the unit of work noted so far."""
    exists = connection.execute(
        "SELECT count(*) FROM temp.sqlite_master WHERE name = ?", (TOUCHED,)
    ).fetchone()[0]
    if not exists:
        return set()
    return {oid for (oid,) in connection.execute(_TOUCHED_ORGANIZATIONS)}


def refresh_organizations(connection: Connection, organization_ids: Collection[int]) -> None:
    """Bring the search rows of these organisations in line with them (gone: row gone)."""
    if len(organization_ids) > REBUILD_ABOVE:
        rebuild_organizations(connection)
        return
    for organization_id in organization_ids:
        connection.execute(
            f"DELETE FROM {ORGANIZATION_SEARCH_TABLE} WHERE rowid = ?", (organization_id,)
        )
        organization = connection.execute(
            f"{_ORGANIZATION_SQL} WHERE id = ?", (organization_id,)
        ).fetchone()
        if organization is None:
            continue
        persons = connection.execute(
            f"{_PERSONS_SQL} WHERE organization_id = ? ORDER BY id", (organization_id,)
        ).fetchall()
        connection.execute(
            _WRITE_ORGANIZATION_SEARCH,
            (organization_id, *_organization_document(organization, [p[1] for p in persons])),
        )


def rebuild_organizations(connection: Connection) -> int:
    """Every organisation's search row anew; returns the number of organisations."""
    persons: dict[int, list[str]] = defaultdict(list)
    for organization_id, name in connection.execute(f"{_PERSONS_SQL} ORDER BY id"):
        persons[organization_id].append(name)
    organizations = connection.execute(_ORGANIZATION_SQL).fetchall()
    connection.execute(f"DELETE FROM {ORGANIZATION_SEARCH_TABLE}")
    connection.executemany(
        _WRITE_ORGANIZATION_SEARCH,
        [(o[0], *_organization_document(o, persons.get(o[0], ()))) for o in organizations],
    )
    return len(organizations)


def rebuild(connection: Connection) -> int:
    """Rebuild every derived row and stamp ``VERSION``; returns the number of people."""
    notes: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for pid, topics, content, agreements in connection.execute(f"{_NOTES_SQL} ORDER BY id"):
        notes[pid].append((topics, content, agreements))
    people = connection.execute(_PERSON_SQL).fetchall()
    connection.execute(f"DELETE FROM {SEARCH_TABLE}")
    connection.execute(f"DELETE FROM {LIST_TABLE}")
    connection.executemany(
        _WRITE_SEARCH, [(p[0], *_document(p, notes.get(p[0], ()))) for p in people]
    )
    keys = ((sort_key(p[1], p[2]), p[0]) for p in people)
    connection.executemany(_SET_SORT_KEY, ((key, pid, key) for key, pid in keys))
    connection.execute(_FILL_LIST)
    rebuild_organizations(connection)
    connection.execute(f"PRAGMA user_version = {VERSION}")
    return len(people)


def stamped_version(reads: Reads) -> int:
    """The VERSION the derived rows of this file were made by (0: none yet)."""
    return reads.one("PRAGMA user_version")[0]


def contents(connection: Connection) -> dict[str, list[tuple]]:
    """Every derived row, sorted (tests compare refreshed rows with a rebuild)."""
    return {
        SEARCH_TABLE: connection.execute(
            f"SELECT rowid, names, place, numbers, notes FROM {SEARCH_TABLE} ORDER BY rowid"
        ).fetchall(),
        LIST_TABLE: connection.execute(f"SELECT * FROM {LIST_TABLE} ORDER BY id").fetchall(),
        ORGANIZATION_SEARCH_TABLE: connection.execute(
            f"SELECT rowid, names, place, numbers, persons FROM {ORGANIZATION_SEARCH_TABLE} "
            "ORDER BY rowid"
        ).fetchall(),
        "name_sort": connection.execute(
            "SELECT id, name_sort FROM participant ORDER BY id"
        ).fetchall(),
    }

"""Per-person rows derived for the Teilnehmende list: the search index and the list row.

- ``participant_search``: one FTS5 row per person (rowid = participant id). Measured here
  (DESIGN.md): one row per person answers every keystroke in a few ms at 20,000 people with
  200,000 notes. Text is folded in Python (app.text) before it is indexed and before it is
  queried, so that ł, ß and "ue" spellings match.
- ``participant_list``: the list's columns in a narrow table, with the completeness count and
  the next open follow-up precomputed, so that 20,000 rows read fast (the participant table
  has ~90 columns; reading its rows costs several times more).

Both are kept current in the same transaction as the change that affects them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.services.completeness import missing_count_sql
from app.text import fold, index_text, words

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

TABLE = "participant_search"
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "names, place, numbers, notes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)
LIST_TABLE = "participant_list"
CREATE_LIST_TABLE = f"""
CREATE TABLE IF NOT EXISTS {LIST_TABLE} (
    id INTEGER NOT NULL PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
    name_sort VARCHAR(210) NOT NULL,
    last_name VARCHAR(100) NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    program VARCHAR(40) NOT NULL,
    status VARCHAR(40) NOT NULL,
    entry_date DATE,
    next_follow_up DATE,
    german_level VARCHAR(40),
    school_form VARCHAR(40),
    school_class VARCHAR(20) NOT NULL,
    missing INTEGER NOT NULL
)"""
CREATE_LIST_INDEXES = (
    f"CREATE INDEX IF NOT EXISTS ix_{LIST_TABLE}_name_sort ON {LIST_TABLE} (name_sort)",
    f"CREATE INDEX IF NOT EXISTS ix_{LIST_TABLE}_entry ON {LIST_TABLE} (entry_date)",
)
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
    "job_center_customer_number, benefit_community_number FROM participant"
)
_NOTES_SQL = (
    "SELECT participant_id, topics, content, agreements FROM contact_note "
    "WHERE participant_id IS NOT NULL"
)


def sort_key(first_name: str, last_name: str) -> str:
    """How names sort in lists: folded, last name first ("Öztürk" beside "Oz…")."""
    return fold(f"{last_name} {first_name}").strip()


def _document(person: tuple, notes: Iterable[tuple[str, str, str]]) -> tuple:
    _id, first, last, plz, city, street, esf, customer, bg = person
    note_text = " ".join(" ".join(parts) for parts in notes)
    return (
        index_text(f"{first} {last}"),
        index_text(f"{plz} {city} {street}"),
        fold(" ".join(filter(None, (esf, customer, bg)))),
        index_text(note_text),
    )


def _write(connection: Connection, rows: list[tuple]) -> None:
    if not rows:
        return
    connection.exec_driver_sql(
        f"INSERT OR REPLACE INTO {TABLE}(rowid, names, place, numbers, notes) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def reindex_participant(session: Session, participant_id: int) -> None:
    """Rewrite one person's index row and sort key (or drop the row when the person is gone)."""
    connection = session.connection()
    connection.exec_driver_sql(f"DELETE FROM {TABLE} WHERE rowid = ?", (participant_id,))
    person = connection.exec_driver_sql(f"{_PERSON_SQL} WHERE id = ?", (participant_id,)).fetchone()
    if person is None:
        return
    connection.exec_driver_sql(
        "UPDATE participant SET name_sort = ? WHERE id = ?",
        (sort_key(person[1], person[2]), participant_id),
    )
    notes = connection.exec_driver_sql(
        f"{_NOTES_SQL} AND participant_id = ?", (participant_id,)
    ).fetchall()
    _write(connection, [(participant_id, *_document(tuple(person), [n[1:] for n in notes]))])
    refresh_list_row(session, participant_id)


def refresh_list_row(session: Session, participant_id: int | None) -> None:
    """Recompute one person's list row (after a change to the record or its follow-ups)."""
    if participant_id is not None:
        session.connection().exec_driver_sql(f"{_FILL_LIST} WHERE p.id = ?", (participant_id,))


def rebuild(connection: Connection) -> int:
    """Rebuild the whole index and the name sort keys; returns the number of people."""
    notes: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for pid, topics, content, agreements in connection.exec_driver_sql(_NOTES_SQL):
        notes[pid].append((topics, content, agreements))
    people = connection.exec_driver_sql(_PERSON_SQL).fetchall()
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    if not people:
        connection.exec_driver_sql(f"DELETE FROM {LIST_TABLE}")
        return 0
    _write(connection, [(p[0], *_document(tuple(p), notes.get(p[0], ()))) for p in people])
    connection.exec_driver_sql(
        "UPDATE participant SET name_sort = ? WHERE id = ?",
        [(sort_key(p[1], p[2]), p[0]) for p in people],
    )
    connection.exec_driver_sql(f"DELETE FROM {LIST_TABLE}")
    connection.exec_driver_sql(_FILL_LIST)
    return len(people)


def match_expression(query: str) -> str | None:
    """FTS5 query for what the user typed: every word as a prefix, all must match."""
    tokens = words(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def matching_ids_sql() -> str:
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :match"

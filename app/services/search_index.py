"""The participant search index: one FTS5 row per person (rowid = participant id).

Measured here (DESIGN.md): one row per person answers every keystroke in a few ms at 20,000
people with 200,000 notes. Text is folded in Python (app.text) before it is indexed and before
it is queried, so that ł, ß and "ue" spellings match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection
from sqlmodel import Session

from app.text import fold, index_text, words

TABLE = "participant_search"
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "names, place, numbers, notes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)
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


def rebuild(connection: Connection) -> int:
    """Rebuild the whole index and the name sort keys; returns the number of people."""
    notes: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for pid, topics, content, agreements in connection.exec_driver_sql(_NOTES_SQL):
        notes[pid].append((topics, content, agreements))
    people = connection.exec_driver_sql(_PERSON_SQL).fetchall()
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    if not people:
        return 0
    _write(connection, [(p[0], *_document(tuple(p), notes.get(p[0], ()))) for p in people])
    connection.exec_driver_sql(
        "UPDATE participant SET name_sort = ? WHERE id = ?",
        [(sort_key(p[1], p[2]), p[0]) for p in people],
    )
    return len(people)


def match_expression(query: str) -> str | None:
    """FTS5 query for what the user typed: every word as a prefix, all must match."""
    tokens = words(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def matching_ids_sql() -> str:
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :match"

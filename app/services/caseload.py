"""The Teilnehmende list: rows as tuples, filtered, searched and sorted in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple

from app.db.derived_rows import LIST_TABLE, SEARCH_TABLE
from app.db.reads import Reads
from app.text import words
from app.vocab import ParticipantStatus, Program


class ParticipantRow(NamedTuple):
    """One list row, as SQLite returns it: codes and ISO dates stay text.

    The list shows a few dozen rows at a time, so labels and dates are formatted when a cell
    is painted, not for all 20,000 rows per keystroke. ISO dates compare correctly as text;
    Program and ParticipantStatus are StrEnums, so ``row.program == Program.JOKO`` holds.
    """

    id: int
    last_name: str
    first_name: str
    program: str  # Program code
    status: str  # ParticipantStatus code
    entry_date: str | None  # ISO date
    next_follow_up: str | None  # ISO date of the earliest open follow-up
    german_level: str | None  # GermanLevel code
    school_form: str | None  # SchoolForm code
    school_class: str
    missing: int  # ESF+ core entry fields missing


_MAX_PARAMS = 500  # SQLite's limit on bound parameters is far higher; keeps statements small


class SortKey(StrEnum):
    NAME = "name"
    PROGRAM = "program"
    STATUS = "status"
    ENTRY = "entry"
    NEXT_FOLLOW_UP = "next_follow_up"
    LANGUAGE_OR_SCHOOL = "language_or_school"
    MISSING = "missing"


_ORDER = {
    SortKey.NAME: "l.name_sort",
    SortKey.PROGRAM: "l.program",
    SortKey.STATUS: "l.status",
    SortKey.ENTRY: "l.entry_date",
    SortKey.NEXT_FOLLOW_UP: "l.next_follow_up IS NULL, l.next_follow_up",
    SortKey.LANGUAGE_OR_SCHOOL: "coalesce(l.german_level, l.school_class)",
    SortKey.MISSING: "l.missing",
}


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    program: Program | None = None
    status: ParticipantStatus | None = None
    sort: SortKey = SortKey.NAME
    descending: bool = False


_COLUMNS = (
    "l.id, l.last_name, l.first_name, l.program, l.status, l.entry_date, l.next_follow_up, "
    "l.german_level, l.school_form, l.school_class, l.missing"
)
_TABLE = f"{LIST_TABLE} l"
_MATCHING_IDS = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match"


def match_expression(query: str) -> str | None:
    """FTS5 query for what the user typed: every word as a prefix, all must match."""
    tokens = words(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def _where_and_order(query: ListQuery) -> tuple[str, dict[str, object]]:
    conditions: list[str] = []
    params: dict[str, object] = {}
    match = match_expression(query.text)
    if match:
        conditions.append(f"l.id IN ({_MATCHING_IDS})")
        params["match"] = match
    if query.program is not None:
        conditions.append("l.program = :program")
        params["program"] = query.program.value
    if query.status is not None:
        conditions.append("l.status = :status")
        params["status"] = query.status.value
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    direction = "DESC" if query.descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in _ORDER[query.sort].split(", "))
    return f"{where} ORDER BY {order}, l.name_sort, l.id", params


def participant_ids(reads: Reads, query: ListQuery = ListQuery()) -> list[int]:
    """The ids the list shows, filtered and sorted: what a keystroke costs."""
    clauses, params = _where_and_order(query)
    return [row[0] for row in reads.rows(f"SELECT l.id FROM {_TABLE} {clauses}", params)]


class CaseloadList:
    """The list's ids while the user types: what ``participant_ids`` returns, found faster.

    The ids of the current filter and order (without search text) are read once and kept
    while the data stay the same (SQLite's ``data_version`` tells when another connection
    committed). A keystroke then costs the search-index query alone: the hits are put into
    the kept order in Python instead of being joined and sorted again in SQL.
    """

    def __init__(self, reads: Reads) -> None:
        self._reads = reads
        self._base: ListQuery | None = None
        self._version: int | None = None
        self._position: dict[int, int] = {}
        self._ordered: list[int] = []

    def ids(self, query: ListQuery) -> list[int]:
        match = match_expression(query.text)
        self._keep_current(replace(query, text=""))
        if match is None:
            return list(self._ordered)
        hits = self._reads.rows(_MATCHING_IDS, {"match": match})
        position = self._position
        if len(hits) * 8 < len(position):  # few hits: sort them by their place in the list
            found = [row[0] for row in hits if row[0] in position]
            return sorted(found, key=position.__getitem__)
        wanted = {row[0] for row in hits}
        return [pid for pid in self._ordered if pid in wanted]

    def _keep_current(self, base: ListQuery) -> None:
        (version,) = self._reads.one("PRAGMA data_version")
        if base == self._base and version == self._version:
            return
        self._ordered = participant_ids(self._reads, base)
        self._position = {pid: index for index, pid in enumerate(self._ordered)}
        self._base, self._version = base, version


def participant_rows(reads: Reads, ids: Sequence[int]) -> list[ParticipantRow]:
    """The rows of ``ids`` in that order (the visible part of the list); missing ids skipped."""
    found: dict[int, ParticipantRow] = {}
    for start in range(0, len(ids), _MAX_PARAMS):
        chunk = list(ids[start : start + _MAX_PARAMS])
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT {_COLUMNS} FROM {_TABLE} WHERE l.id IN ({marks})"
        found.update((raw[0], ParticipantRow._make(raw)) for raw in reads.rows(sql, chunk))
    return [found[pid] for pid in ids if pid in found]


def list_participants(reads: Reads, query: ListQuery = ListQuery()) -> list[ParticipantRow]:
    """All matching rows at once (small lists, tests, exports)."""
    clauses, params = _where_and_order(query)
    rows = reads.rows(f"SELECT {_COLUMNS} FROM {_TABLE} {clauses}", params)
    return list(map(ParticipantRow._make, rows))


def participant_name(reads: Reads, participant_id: int) -> str:
    """ "Vorname Nachname" of one person from the list rows ("" when there is none)."""
    rows = reads.rows(
        f"SELECT trim(first_name || ' ' || last_name) FROM {LIST_TABLE} WHERE id = ?",
        (participant_id,),
    )
    return rows[0][0] if rows else ""

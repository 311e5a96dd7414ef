"""The Teilnehmende list: rows as tuples, filtered, searched and sorted in SQL.

A search lists two groups (docs/domain.md, section 12): first the people found by name,
place or number (the search index's ``NAME_COLUMNS``), then those found only in free text
(their notes, Bemerkungen and the other free-text fields). Each group keeps the list's order
(the column the user sorted by, then the name).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple

from app.db.derived_rows import LIST_TABLE, NAME_COLUMNS, SEARCH_TABLE
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
_HIT_ID_ARRAY = f"SELECT json_group_array(rowid) FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?"
_NAME_FILTER = "{" + " ".join(NAME_COLUMNS) + "}"
_NAME_MATCHING_IDS = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :by_name"


class ListHits(NamedTuple):
    """The list's ids, and how many of the first ones were found by name, place or number.

    ``ids[:by_name]`` matched in the person's name, place or numbers; ``ids[by_name:]`` only
    in free text (notes, Bemerkungen, …). Without search text every row counts as ``by_name``.
    """

    ids: list[int]
    by_name: int

    def found_in_text_only(self, row: int) -> bool:
        return row >= self.by_name


def match_expression(query: str) -> str | None:
    """FTS5 query for what the user typed: every word as a prefix, all must match."""
    tokens = words(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def name_match_expression(match: str) -> str:
    """``match`` restricted to the columns that name a person: every word must match there."""
    return f"{_NAME_FILTER} : ({match})"


def _where_and_order(query: ListQuery) -> tuple[str, dict[str, object]]:
    conditions: list[str] = []
    params: dict[str, object] = {}
    groups = ""
    match = match_expression(query.text)
    if match:
        conditions.append(f"l.id IN ({_MATCHING_IDS})")
        params["match"] = match
        # found by name first, in free text only after: whatever the order asked for
        groups = f"l.id NOT IN ({_NAME_MATCHING_IDS}), "
        params["by_name"] = name_match_expression(match)
    if query.program is not None:
        conditions.append("l.program = :program")
        params["program"] = query.program.value
    if query.status is not None:
        conditions.append("l.status = :status")
        params["status"] = query.status.value
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    direction = "DESC" if query.descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in _ORDER[query.sort].split(", "))
    return f"{where} ORDER BY {groups}{order}, l.name_sort, l.id", params


def participant_ids(reads: Reads, query: ListQuery = ListQuery()) -> list[int]:
    """The ids the list shows, filtered and sorted: what a keystroke costs."""
    clauses, params = _where_and_order(query)
    return [row[0] for row in reads.rows(f"SELECT l.id FROM {_TABLE} {clauses}", params)]


class CaseloadList:
    """The list's ids while the user types: what ``participant_ids`` returns, found faster.

    The ids of the current filter and order (without search text) are read once and kept
    while the data stay the same (SQLite's ``data_version`` tells when another connection
    committed). A keystroke then costs two search-index queries (all hits, and the hits by
    name, place or number) alone: the hits are put into the kept order in Python, name hits
    first, instead of being joined and sorted again in SQL.
    """

    def __init__(self, reads: Reads) -> None:
        self._reads = reads
        self._base: ListQuery | None = None
        self._version: int | None = None
        self._position: dict[int, int] = {}
        self._ordered: list[int] = []

    def ids(self, query: ListQuery) -> list[int]:
        return self.hits(query).ids

    def hits(self, query: ListQuery) -> ListHits:
        """The ids in the list's order, name hits first, and where the name hits end."""
        match = match_expression(query.text)
        self._keep_current(replace(query, text=""))
        if match is None:
            return ListHits(list(self._ordered), len(self._ordered))
        found = self._hit_ids(match)
        if not found:
            return ListHits([], 0)
        named = self._hit_ids(name_match_expression(match))
        by_name = self._in_order(named)
        found -= named  # found only in free text (every name hit is a hit)
        return ListHits(by_name + self._in_order(found) if found else by_name, len(by_name))

    def _hit_ids(self, match: str) -> set[int]:
        # One JSON array instead of a row per hit: 20,000 rows cost the driver ~16 ms (a
        # Python tuple each), the array ~4 ms and its parsing ~3 ms (measured on the demo).
        (array,) = self._reads.one(_HIT_ID_ARRAY, (match,))
        return set(json.loads(array))

    def _in_order(self, found: set[int]) -> list[int]:
        """These ids in the kept order; those the filter leaves out are dropped."""
        position = self._position
        if len(found) * 8 < len(position):  # few: sort them by their place in the list
            return sorted(filter(position.__contains__, found), key=position.__getitem__)
        return list(filter(found.__contains__, self._ordered))

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

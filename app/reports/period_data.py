"""The figures of one reporting period, as the services compute them and every face shows them.

A plain value, no database: the Berichte page, the Sachbericht PDF, its XLSX and the command
line all read the same ``PeriodReport``, so a figure cannot differ between them. Texts are
already translated (German); numbers are numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.vocab import Program


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str  # e.g. "März 2026", "2. Quartal 2026", "01.02.2026 – 15.03.2026"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Count:
    """One cell: a number and, when it counts people, which participants (their ids)."""

    value: int | float
    participant_ids: tuple[int, ...] | None = None  # None: not a count of people (minutes …)

    @classmethod
    def of(cls, ids: set[int] | list[int] | tuple[int, ...]) -> Count:
        unique = tuple(sorted(set(ids)))
        return cls(len(unique), unique)


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Count, ...]
    code: str = ""  # a stable key: an ESF+ indicator code ("EECO02") or a figure's name
    level: int = 0  # 1: an indented "davon" row


@dataclass(frozen=True)
class Table:
    key: str  # stable, e.g. "overview", "characteristics", "joko" (sheet order = tuple order)
    title: str
    columns: tuple[str, ...]  # header texts of the value columns (the label column is extra)
    rows: tuple[Row, ...]
    label_header: str = ""  # header of the label column ("Merkmal", "Indikator", …)
    note: str = ""  # one explanatory sentence printed under the table

    def row(self, code: str) -> Row:
        """The row with ``code`` (KeyError when there is none)."""
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)


@dataclass(frozen=True)
class MonthFigures:
    """One calendar month of the period (for the charts)."""

    month: date  # the first day of the month
    entries: int
    exits: int
    caseload: int  # at the month's end (or the period's end, if earlier)


@dataclass(frozen=True)
class IncompleteRecord:
    """A participant left out of the figures because ESF+ entry data are missing."""

    participant_id: int
    name: str
    program: Program
    missing: tuple[str, ...]  # German field labels, in screen order


@dataclass(frozen=True)
class PeriodReport:
    period: Period
    program: Program | None  # None: both Förderbereiche
    program_label: str  # "Beide Förderbereiche" or the Förderbereich's label
    made_on: date
    tables: tuple[Table, ...]
    months: tuple[MonthFigures, ...] = ()
    outcomes: tuple[tuple[str, int], ...] = ()  # exits by Verbleib: (label, count), most first
    incomplete: tuple[IncompleteRecord, ...] = ()
    notes: tuple[str, ...] = field(default=())  # how the figures are counted (printed at the end)

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

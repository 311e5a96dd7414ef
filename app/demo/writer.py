"""The demo generator's bulk writer: rows as dicts with explicit ids, written in chunks.

Parts of the builder queue rows with ``RowWriter.new`` (every column present, ids counted up
from the largest stored id, so children reference parents without round-trips); ``flush``
writes the queue table by table in foreign-key order, one DBAPI executemany per table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Connection, Date, Dialect, func, insert, select, update
from sqlmodel import Session, SQLModel

from app.models import (
    Consent,
    ContactNote,
    ContactPerson,
    Course,
    Employment,
    Enrollment,
    Exam,
    FollowUp,
    ForeignQualification,
    Goal,
    Guardian,
    JobOffer,
    Measure,
    Organization,
    Participant,
    Placement,
    PlanStep,
    SupportPlan,
    WorkExperience,
)
from app.models.base import EnumText, UTCDateTime
from app.vocab import LabeledEnum

Row = dict[str, Any]

# Parents before children, so that every foreign key points at a row already written.
INSERT_ORDER: tuple[type[SQLModel], ...] = (
    Organization,
    ContactPerson,
    Course,
    JobOffer,
    Participant,
    Guardian,
    WorkExperience,
    ForeignQualification,
    Exam,
    Consent,
    ContactNote,
    FollowUp,
    Placement,
    Employment,
    Enrollment,
    Measure,
    SupportPlan,
    Goal,
    PlanStep,
)


class RowWriter:
    """Queues rows per table with the next free id and writes them on ``flush``.

    ``now`` fills created_at and updated_at where a row gives none; ``counts`` holds the rows
    queued per table over the whole run.
    """

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.rows: dict[type[SQLModel], list[Row]] = {model: [] for model in INSERT_ORDER}
        self.counts: Counter[type[SQLModel]] = Counter()
        self.next_id = {model: self._max_id(model) + 1 for model in INSERT_ORDER}
        self.updates: dict[type[SQLModel], list[Row]] = {}  # by primary key, after the inserts

    def _max_id(self, model: type[SQLModel]) -> int:
        table = model.__table__  # type: ignore[attr-defined]
        return self.session.execute(select(func.max(table.c.id))).scalar_one() or 0

    def new(self, model: type[SQLModel], **values: Any) -> int:
        """Queue one row with the next free id; returns the id."""
        template = _template(model)
        row = dict(template)
        row.update(values)
        if len(row) != len(template):
            raise KeyError(f"{model.__name__}: unknown columns {row.keys() - template.keys()}")
        row["id"] = row_id = self.next_id[model]
        self.next_id[model] = row_id + 1
        if "created_at" in row and row["created_at"] is None:
            row["created_at"] = self.now
        if "updated_at" in row and row["updated_at"] is None:
            row["updated_at"] = row.get("created_at") or self.now
        self.rows[model].append(row)
        self.counts[model] += 1
        return row_id

    def last(self, model: type[SQLModel]) -> Row:
        """The row queued last for ``model`` (until the next flush)."""
        return self.rows[model][-1]

    def update_later(self, model: type[SQLModel], values: Row) -> None:
        """Set columns of a queued or written row (``values`` holds its id) after the inserts,
        e.g. a measure's goal_id once the goal exists."""
        self.updates.setdefault(model, []).append(values)

    def flush(self) -> None:
        connection = self.session.connection()
        for model in INSERT_ORDER:
            rows = self.rows[model]
            if rows:
                _bulk_insert(connection, model, rows)
                rows.clear()
        for model, changes in self.updates.items():
            if changes:
                self.session.execute(update(model), changes)
                changes.clear()


_TEMPLATES: dict[type[SQLModel], Row] = {}


def _template(model: type[SQLModel]) -> Row:
    """One row with every column at its default, so all rows of a table share their keys."""
    if model not in _TEMPLATES:
        row: Row = {}
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            default = column.default
            if isinstance(column.type, JSON):
                row[column.name] = []
            elif default is not None and default.is_scalar:
                row[column.name] = default.arg
            else:
                row[column.name] = None
        _TEMPLATES[model] = row
    return _TEMPLATES[model]


def _bulk_insert(connection: Connection, model: type[SQLModel], rows: list[Row]) -> None:
    """``insert(model)`` for many rows of identical keys, as one DBAPI executemany.

    Values are converted column by column with SQLAlchemy's own bind processors (enums are
    validated), except dates and UTC timestamps, which are formatted here exactly as SQLAlchemy
    stores them in SQLite (a test compares both). Skipping the per-row statement machinery
    makes 200,000 notes several times faster than ``session.execute(insert(model), rows)``.
    """
    table = model.__table__  # type: ignore[attr-defined]
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    stamps: dict[int, str | None] = {}  # created_at, updated_at, occurred_at often share one
    columns = []
    for key in compiled.positiontup or []:
        values = list(map(itemgetter(key), rows))
        if isinstance(table.c[key].type, UTCDateTime):
            columns.append(_utc_texts(values, stamps))
            continue
        convert = _converter(table.c[key], dialect)
        columns.append(values if convert is None else list(map(convert, values)))
    connection.exec_driver_sql(str(compiled), list(zip(*columns, strict=True)))


def _utc_texts(values: list[datetime | None], known: dict[int, str | None]) -> list[str | None]:
    """_utc_text for a column; the same datetime object is formatted once (keyed by id while
    the rows keep it alive)."""
    texts = []
    for value in values:
        text = known.get(id(value))
        if text is None:
            text = known[id(value)] = _utc_text(value)
        texts.append(text)
    return texts


def _converter(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    column_type = column.type
    if isinstance(column_type, UTCDateTime):
        return _utc_text
    if isinstance(column_type, Date):
        return _date_text
    if isinstance(column_type, EnumText):
        return _enum_code(column_type.enum_class)
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _utc_text(value: datetime | None) -> str | None:
    """UTCDateTime as SQLite text: naive UTC with microseconds."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError("naive datetime; use timezone-aware UTC")
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _enum_code(enum_class: type[LabeledEnum]) -> Callable[[Any], str | None]:
    """The stored code of a member; codes given as text are checked against the vocabulary."""

    def convert(value: Any) -> str | None:
        if value is None:
            return None
        if type(value) is enum_class:
            return value._value_
        return enum_class(value).value

    return convert

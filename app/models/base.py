"""Conventions shared by every table: ids, UTC timestamps, vocabularies stored as text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator

from app.vocab import LabeledEnum


def utc_now() -> datetime:
    return datetime.now(UTC)


class EnumText(TypeDecorator[LabeledEnum]):
    """Stores a LabeledEnum as its code in a VARCHAR column (no CHECK, migration friendly)."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_class: type[LabeledEnum], length: int = 40) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Any) -> LabeledEnum | None:
        if value is None:
            return None
        return self.enum_class(value)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps; SQLite stores them naive, we give the zone back."""

    impl = DateTime()
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use timezone-aware UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)

"""Conventions shared by every table: ids, UTC timestamps, vocabularies stored as text."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Self

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator

from app.i18n import _


def utc_now() -> datetime:
    return datetime.now(UTC)


class LabeledEnum(StrEnum):
    """A vocabulary: stable English code as value, German label through the catalog.

    Members are declared as ``CODE = "code", N_("English label")``.
    """

    _label_msgid: str

    def __new__(cls, value: str, label: str | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_msgid = label or value
        return member

    @property
    def label(self) -> str:
        return _(self._label_msgid)

    @classmethod
    def choices(cls) -> list[tuple[Self, str]]:
        return [(member, member.label) for member in cls]


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

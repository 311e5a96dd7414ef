"""The base of every vocabulary (docs/domain.md): English codes stored, German labels from
the catalog.

Codes are stable (they are what the database holds); labels are English msgids that the
German catalog translates. Docstrings name the German UI word.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from app.i18n import _


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

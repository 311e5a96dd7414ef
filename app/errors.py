"""Errors the user sees: German text that names the field, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str  # attribute name, for the UI to focus the widget
    label: str  # German field label as shown on screen
    message: str  # German message

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class LotseError(Exception):
    """An error with a message fit for the user."""


class ValidationError(LotseError):
    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


class AlreadyRunning(LotseError):
    """Another Lotse instance holds this data location."""


class DatabaseProblem(LotseError):
    """The database cannot be opened or upgraded. ``detail``: the technical cause, for the
    error log only (it may quote SQL)."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail

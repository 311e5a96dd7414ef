"""Progress of a long operation, and how the user cancels it (no Qt: the core reports)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.errors import LotseError


class Cancelled(LotseError):
    """The user cancelled: the operation's unit of work rolls back, nothing is stored."""


class Progress:
    """Handed to a long operation; ``step`` reports and raises ``Cancelled`` once cancelled.

    ``cancel`` may be called from any thread (the GUI's "Abbrechen").
    """

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._listeners: list[Callable[[int, int], None]] = []

    def listen(self, listener: Callable[[int, int], None]) -> None:
        self._listeners.append(listener)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def step(self, done: int, total: int) -> None:
        """``done`` of ``total`` units are through; raises Cancelled when asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled
        for listener in self._listeners:
            listener(done, total)

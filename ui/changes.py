"""One signal that tells every screen that data changed; each screen decides to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataChanges(QObject):
    """Emit ``changed(entity, id)`` after a service call committed (id -1: many or unknown)."""

    changed = Signal(str, int)

    def participant(self, participant_id: int = -1) -> None:
        self.changed.emit("participant", participant_id)

    def follow_ups(self, participant_id: int = -1) -> None:
        self.changed.emit("follow_up", participant_id)

    def notes(self, participant_id: int = -1) -> None:
        self.changed.emit("contact_note", participant_id)

    def consents(self, participant_id: int = -1) -> None:
        self.changed.emit("consent", participant_id)

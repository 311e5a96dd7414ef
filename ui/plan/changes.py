"""What the plan screens announce after a commit (ui.changes.DataChanges carries it)."""

from __future__ import annotations

from ui.changes import DataChanges

PLAN_ENTITY = "support_plan"


def plan_changed(changes: DataChanges, participant_id: int, *, follow_ups: bool = False) -> None:
    """A plan of this person changed; ``follow_ups``: its review follow-up may have too."""
    changes.changed.emit(PLAN_ENTITY, participant_id)
    if follow_ups:
        changes.follow_ups(participant_id)

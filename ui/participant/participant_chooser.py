"""Pick a participant by typing part of a name: a search line over a short list of hits
(ui.widgets.typed_chooser, as the organisation chooser)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.bootstrap import Lotse
from app.i18n import _
from app.services.caseload import ListQuery, ParticipantRow, participant_ids, participant_rows
from app.vocab import ParticipantStatus
from ui.widgets.formatting import date_text
from ui.widgets.typed_chooser import MAX_HITS, TypedChooser, TypedHitModel


def hit_text(row: ParticipantRow) -> str:
    name = ", ".join(part for part in (row.last_name, row.first_name) if part)
    parts = [name, ParticipantStatus(row.status).label]
    if row.entry_date:
        entry = date_text(date.fromisoformat(row.entry_date))
        parts.append(_("entry {date}").format(date=entry))
    return " · ".join(parts)


class HitModel(TypedHitModel[ParticipantRow]):
    """At most MAX_HITS participants found for the search text."""

    def hit_text(self, row: ParticipantRow) -> str:
        return hit_text(row)


class ParticipantChooser(TypedChooser[ParticipantRow]):
    """Type, then Down or Enter: Enter picks the highlighted (or first) hit."""

    def __init__(self, lotse: Lotse, parent: QWidget | None = None) -> None:
        super().__init__(
            HitModel,
            parent,
            description=_("Search participant"),
            placeholder=_("Type a name, then Enter or Down"),
            hits_name=_("Participants found"),
            nothing_chosen=_("Nobody chosen yet."),
            not_found=_("No participant found."),
        )
        self._lotse = lotse

    @property
    def participant_id(self) -> int | None:
        return self.chosen_id

    @property
    def participant_name(self) -> str:
        return self.chosen_name

    def _search(self, text: str) -> tuple[list[ParticipantRow], int]:
        ids = participant_ids(self._lotse.reads, ListQuery(text=text))
        return participant_rows(self._lotse.reads, ids[:MAX_HITS]), len(ids)

    def _shown_for(self, hit: ParticipantRow) -> tuple[str, str]:
        name = " ".join(part for part in (hit.first_name, hit.last_name) if part)
        return name, _("Note for: {name}").format(name=hit_text(hit))

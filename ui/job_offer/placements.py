"""Placements (Vermittlungsvorschläge) as tables: a person's (offer, employer, stage, since)
and an offer's (person, stage, since) — the record's Vermittlung tab and the job offer's."""

from __future__ import annotations

from app.i18n import N_, _
from app.services import placements
from app.services.placements import PlacementRow
from app.vocab import PlacementStage
from ui.row_models import RowTableModel  # (its home; still importable from here)
from ui.widgets.formatting import date_text

S = PlacementStage


class PlacementModel(RowTableModel):
    """PlacementRow tuples: open ones first; closed ones (Absage, Arbeitsvertrag) grey."""

    OFFER, EMPLOYER, STAGE, SINCE = range(4)
    HEADERS = (N_("Job offer"), N_("Employer"), N_("Stage"), N_("Since"))

    def _text(self, row: PlacementRow, column: int) -> str:
        if column == self.OFFER:
            return row.job_title or _("(job offer deleted)")
        if column == self.EMPLOYER:
            return row.employer_name
        if column == self.STAGE:
            return row.stage.label
        return date_text(row.last_date)

    def _tooltip(self, row: PlacementRow) -> str:
        if row.stage == S.REJECTED and row.rejection_reason:
            return _("Reason: {reason}").format(reason=row.rejection_reason)
        return ""

    def _muted(self, row: PlacementRow) -> bool:
        return not placements.is_open(row.stage)


class OfferPlacementModel(PlacementModel):
    """The placements of one offer: who, at which stage, since when."""

    HEADERS = (N_("Participant"), N_("Stage"), N_("Since"))

    def _text(self, row: PlacementRow, column: int) -> str:
        if column == 0:
            return row.participant_name
        if column == 1:
            return row.stage.label
        return date_text(row.last_date)

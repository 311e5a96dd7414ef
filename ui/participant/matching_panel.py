"""Stellenangebote of one participant: the open offers that fit, best first, one column per
criterion (app.services.matching), with "Vorschlagen" and the offer's dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import _, format_number, ngettext
from app.services.matching import Match, offers_for_participant
from ui.job_offer.dialog import JobOfferDialog
from ui.job_offer.matches import MatchModel, legend, match_table
from ui.mnemonics import assign_mnemonics
from ui.operations import Operations
from ui.widgets.colours import make_hint
from ui.widgets.panels import ParticipantPanel, run_dialog


def offers_summary(count: int) -> str:
    text = ngettext(
        "{count} open job offer fits.", "{count} open job offers fit, best first.", count
    )
    return text.format(count=format_number(count))


class MatchingPanel(ParticipantPanel):
    """Read when first shown and again when offers, or the person's record, change."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self._today: date | None = None  # tests fix the day; None: the real today
        self._stale = True
        self.propose_button = QPushButton(_("Propose"), self)
        self.propose_button.setToolTip(
            _("Propose this participant for the chosen offer (Vermittlungsvorschlag)")
        )
        self.propose_button.clicked.connect(self.propose_selected)
        self.open_button = QPushButton(_("Open offer…"), self)
        self.open_button.clicked.connect(self.open_selected)
        self._add_button_row(self.propose_button, self.open_button)

        self.model = MatchModel(by_person=False, parent=self)
        self.view = match_table(self.model, self, _("Matching job offers"))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.panel_layout.addWidget(self.view, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.panel_layout.addWidget(self.summary)
        self.proposed = make_hint(QLabel(self))
        self.proposed.setWordWrap(True)
        self.proposed.hide()
        self.panel_layout.addWidget(self.proposed)
        self.panel_layout.addWidget(legend(self))
        ops.changed.connect(self._on_changed)
        self._update_buttons()

    # -- data -----------------------------------------------------------------------------

    def set_today(self, today: date | None) -> None:
        self._today = today
        self.reload()

    def reload(self) -> None:
        current = self.selected()
        rows = offers_for_participant(
            self._lotse.reads, self.participant_id, self._today or date.today()
        )
        self.model.set_rows(rows)
        self._stale = False
        if rows:
            position = next(
                (
                    i
                    for i, m in enumerate(rows)
                    if current is not None and m.offer_id == current.offer_id
                ),
                0,
            )
            self.view.selectRow(position)
        self.summary.setText(
            offers_summary(len(rows)) if rows else _("No open job offer fits at the moment.")
        )
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        concerns = (
            changes.many or bool(changes.job_offers) or self.participant_id in changes.participants
        )
        if not concerns:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def selected(self) -> Match | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.propose_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    # -- actions --------------------------------------------------------------------------

    def propose_selected(self) -> Changes | None:
        """Vorschlagen: this person for the chosen offer, today."""
        from app.services.placements import propose_placement

        match = self.selected()
        if match is None:
            return None
        person, offer_id = self.participant_id, match.offer_id
        changes = self._ops.run(
            lambda uow: propose_placement(uow, person, offer_id, on=date.today()),
            parent=self,
            failed=_("The proposal was not saved:"),
        )
        if changes is not None:
            self.proposed.setText(_("Proposed for “{title}”.").format(title=match.offer_title))
            self.proposed.show()
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return changes

    def open_selected(self) -> None:
        match = self.selected()
        if match is None:
            return
        run_dialog(JobOfferDialog(self._lotse, self._ops, match.offer_id, self))
        self.view.setFocus()
        assign_mnemonics(self.window())

"""Wiedervorlagen: all open follow-ups by due date; Enter opens the participant.

It opens on the office's horizon ("in the next N weeks", ``follow_up_horizon_weeks``), which
it reads itself and again when the settings change."""

from __future__ import annotations

from datetime import date, timedelta
from enum import IntEnum

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _, format_number, ngettext
from app.models.office_settings import OfficeSettings
from app.services.follow_up_lists import FollowUpRow, open_follow_up_counts, open_follow_ups
from app.services.follow_ups import set_done
from app.services.overview import end_of_week, horizon_end
from app.services.settings import load_settings
from ui.operations import Operations
from ui.pages.employments_at_risk import EmploymentsAtRisk
from ui.participant.follow_ups_panel import FollowUpModel, follow_up_table
from ui.widgets.heading import page_heading


class Scope(IntEnum):
    """The filter's choices, in the order of the box (the value is the row)."""

    OVERDUE = 0
    THIS_WEEK = 1
    HORIZON = 2  # the next N weeks, N from the office settings; the default
    ALL = 3


SCOPE_TEXTS = {
    Scope.OVERDUE: N_("only overdue"),
    Scope.THIS_WEEK: N_("due by the end of the week"),
    Scope.ALL: N_("all open"),
}


def scope_text(scope: Scope, weeks: int) -> str:
    if scope == Scope.HORIZON:
        text = ngettext("due in the next week", "due in the next {count} weeks", weeks)
        return text.format(count=format_number(weeks))
    return _(SCOPE_TEXTS[scope])


def scope_limit(scope: Scope, today: date, weeks: int) -> date | None:
    """The last due date the scope shows (None: no limit); ``weeks``: the horizon."""
    if scope == Scope.OVERDUE:
        return today - timedelta(days=1)
    if scope == Scope.THIS_WEEK:
        return end_of_week(today)
    if scope == Scope.HORIZON:
        return horizon_end(today, weeks)
    return None


SHOWN = 500  # rows listed at most; the summary gives the full numbers


class FollowUpsPage(QWidget):
    """Open follow-ups of everyone; ``open_requested(participant_id)`` on Enter/double-click."""

    open_requested = Signal(int)
    organization_requested = Signal(int)

    def __init__(
        self, title: str, lotse: Lotse, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._lotse = lotse
        self._ops = ops
        self._stale = True
        self._today: date | None = None  # tests fix the day; None: the real today
        self._horizon_weeks = load_settings(lotse.reads).follow_up_horizon_weeks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(page_heading(title, self))

        bar = QHBoxLayout()
        self.scope = QComboBox(self)
        for scope in Scope:
            self.scope.addItem(scope_text(scope, self._horizon_weeks), int(scope))
        self.scope.setCurrentIndex(Scope.HORIZON)
        self.scope.setAccessibleName(_("Show"))
        self.scope.currentIndexChanged.connect(lambda _index: self.reload())
        caption = QLabel(_("&Show:"), self)
        caption.setBuddy(self.scope)
        self.done_button = QPushButton(_("D&one"), self)
        self.done_button.setToolTip(_("Mark the chosen follow-up as done"))
        self.done_button.clicked.connect(self.mark_done)
        self.open_button = QPushButton(_("&Open participant"), self)
        self.open_button.clicked.connect(self._open_current)
        bar.addWidget(caption)
        bar.addWidget(self.scope)
        bar.addSpacing(16)
        bar.addWidget(self.done_button)
        bar.addWidget(self.open_button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.model = FollowUpModel(with_person=True, parent=self)
        self.view = follow_up_table(self.model, self)
        self.view.setAccessibleName(_("Open follow-ups"))
        self.view.activated.connect(self._open_index)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.view, 3)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # aftercare: employments without a contact for weeks or with probation ending soon
        self.at_risk = EmploymentsAtRisk(lotse, ops, self)
        self.at_risk.open_participant.connect(self.open_requested)
        layout.addWidget(self.at_risk, 1)

        ops.changed.connect(self._on_changed)
        # loaded when first shown (showEvent): the start of the program does not wait for it

    # -- data -----------------------------------------------------------------------------

    def set_today(self, today: date | None) -> None:
        self._today = today
        self.reload()

    def current_scope(self) -> Scope:
        return Scope(self.scope.currentData())

    def horizon_weeks(self) -> int:
        return self._horizon_weeks

    def set_settings(self, settings: OfficeSettings) -> None:
        """Take a new horizon: the choice's text changes, and the list when it is chosen."""
        weeks = settings.follow_up_horizon_weeks
        if weeks == self._horizon_weeks:
            return
        self._horizon_weeks = weeks
        self.scope.setItemText(Scope.HORIZON, scope_text(Scope.HORIZON, weeks))
        if self.current_scope() != Scope.HORIZON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        today = self._today or date.today()
        current = self.selected()
        until = scope_limit(self.current_scope(), today, self._horizon_weeks)
        rows = open_follow_ups(self._lotse.reads, until=until, limit=SHOWN)
        total, overdue = open_follow_up_counts(self._lotse.reads, until, today)
        self.model.set_rows(rows, today)
        self._stale = False
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.view.selectRow(max(row, 0))
        self.summary.setText(self._summary(total, overdue, len(rows)))
        self._update_buttons()

    def _summary(self, total: int, overdue: int, shown: int) -> str:
        if not total:
            weeks = self._horizon_weeks
            return {
                Scope.OVERDUE: _("Nothing overdue."),
                Scope.THIS_WEEK: _("Nothing due this week."),
                Scope.HORIZON: ngettext(
                    "Nothing due in the next week.", "Nothing due in the next {count} weeks.", weeks
                ).format(count=format_number(weeks)),
                Scope.ALL: _("No open follow-ups."),
            }[self.current_scope()]
        text = ngettext("{count} follow-up", "{count} follow-ups", total)
        text = text.format(count=format_number(total))
        if overdue:
            text += ", " + _("{count} of them overdue").format(count=format_number(overdue))
        text += "."
        if shown < total:
            text += " " + _("The {shown} due first are listed.").format(shown=format_number(shown))
        return text

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.settings or changes.many:  # the horizon may be another one now
            self.set_settings(load_settings(self._lotse.reads))
        # follow-ups, and the names of the people they belong to
        if not (changes.many or changes.follow_ups or changes.participants):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale or self._today is None:
            self.reload()  # also catches a new day
        super().showEvent(event)

    def selected(self) -> FollowUpRow | None:
        return self.model.current_row(self.view)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.done_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None and row.participant_id is not None)

    # -- actions --------------------------------------------------------------------------

    def mark_done(self) -> None:
        row = self.selected()
        if row is None:
            return
        position = self.view.currentIndex().row()
        self._ops.run(
            lambda uow: set_done(uow, row.id, True),
            parent=self,
            on_invalid=lambda _errors: self.reload(),  # deleted meanwhile: the reload shows it
        )
        if self._stale:  # hidden pages only mark themselves stale
            self.reload()
        if self.model.rowCount():  # stay in place for the next one
            self.view.selectRow(min(position, self.model.rowCount() - 1))
        self.view.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.row_at(index.row())
            if row.participant_id is not None:
                self.open_requested.emit(row.participant_id)
            elif row.organization_id is not None:
                self.organization_requested.emit(row.organization_id)

    def _open_current(self) -> None:
        self._open_index(self.view.currentIndex())

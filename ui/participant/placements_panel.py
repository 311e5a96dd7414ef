"""Vermittlung: the person's placements (Vermittlungsvorschläge), moved on stage by stage, and
their employments (edit, end). The rules are the services' (app.services.placements,
app.services.employments): a step they do not allow is disabled here, its reason the tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import N_, _, ngettext
from app.services import employments, placements
from app.services.employments import EmploymentInput, EmploymentRow
from app.services.placements import OfferChoice, PlacementRow
from app.text import fold
from app.vocab import EmploymentEndReason, EmploymentKind, JobOfferStatus, PlacementStage
from ui.job_offer.placements import PlacementModel
from ui.mnemonics import escape
from ui.operations import Operations
from ui.participant.form_fields import (
    Binding,
    BoolBinding,
    DateBinding,
    EnumBinding,
    FixedBinding,
    LongTextBinding,
    TextBinding,
    UnreadableValue,
)
from ui.row_models import RowsById, RowTableModel
from ui.widgets.colours import make_hint
from ui.widgets.date_field import DateField, read_date
from ui.widgets.formatting import EMPTY, date_text
from ui.widgets.panels import ParticipantDialog, ParticipantPanel, fit_date_width, run_dialog
from ui.widgets.read_only_table import read_only_table

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
S = PlacementStage
TAB_TITLE = N_("Job placement")  # the record editor's tab: "Vermittlung"

# The buttons for the next stage, in order; "…": it asks for more.
STAGE_BUTTONS = (
    (S.APPLIED, N_("Applied")),
    (S.INTERVIEW, N_("Interview")),
    (S.TRIAL_WORK, N_("Trial work")),
    (S.OFFER, N_("Job offered")),
    (S.REJECTED, N_("Rejection…")),
    (S.CONTRACT, N_("Employment contract…")),
)
MAX_OFFERS_SHOWN = 200


def _hours_text(hours: float | None) -> str:
    if hours is None:
        return ""
    return f"{hours:g}".replace(".", ",")


class EmploymentModel(RowTableModel):
    """EmploymentRow tuples: running ones first; ended ones grey, with end and reason."""

    EMPLOYER, OCCUPATION, KIND, START, PROBATION, AFTERCARE, END = range(7)
    HEADERS = (
        N_("Employer"),
        N_("Occupation"),
        N_("Kind"),
        N_("Start"),
        N_("Probation until"),
        N_("Aftercare until"),
        N_("End"),
    )

    def _text(self, row: EmploymentRow, column: int) -> str:
        if column == self.EMPLOYER:
            return row.employer_name
        if column == self.OCCUPATION:
            return row.occupation
        if column == self.KIND:
            return row.kind.label
        if column == self.START:
            return date_text(row.start)
        if column == self.PROBATION:
            return date_text(row.probation_end)
        if column == self.AFTERCARE:
            return date_text(row.aftercare_until)
        if row.end is None:
            return _("running")
        reason = row.end_reason.label if row.end_reason else ""
        return f"{date_text(row.end)} ({reason})" if reason else date_text(row.end)

    def _muted(self, row: EmploymentRow) -> bool:
        return not row.running


# -- dialogs ---------------------------------------------------------------------------------


class _OfferModel(RowsById, QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OfferChoice] = []

    @staticmethod
    def text(offer: OfferChoice) -> str:
        where = ", ".join(part for part in (offer.employer_name, offer.location) if part)
        places = _("{count} free").format(count=offer.places_left)
        return " – ".join(part for part in (offer.title, where, places) if part)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole text where the list cuts it
        ):
            return self.text(self._rows[index.row()])
        return None


class ProposeDialog(ParticipantDialog):
    """Vorschlagen: an open job offer, found by typing, and the day (``saved_id``: the
    placement)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
        *,
        on: date | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.saved_id: int | None = None
        self.setWindowTitle(_("Propose for a job offer"))
        self.setMinimumWidth(680)
        self._make_buttons(QDialogButtonBox.StandardButton.Save, _("Propose"))
        self._offers = placements.offers_to_propose(lotse.reads, participant_id)

        self.search = QLineEdit(self)
        self.search.setAccessibleName(_("Search"))
        self.search.setPlaceholderText(_("title, employer or place"))
        self.search.textChanged.connect(self._filter)
        self.model = _OfferModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Open job offers"))
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.activated.connect(lambda _index: self.accept())
        self.on = DateField(self)
        self.on.setAccessibleName(_("Proposed on"))
        self.on.set_date(on or date.today())
        fit_date_width(self.on)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        make_hint(self.hint)

        form = self._growing_form()
        self._add_row(form, _("Search"), self.search)
        self._add_row(form, _("Open job offers"), self.list)
        form.addRow("", self.hint)
        self._add_row(form, _("Proposed on"), self.on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {"job_offer_id": self.list, "on": self.on}
        self._filter("")
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        found = [
            offer
            for offer in self._offers
            if all(word in fold(_OfferModel.text(offer)) for word in words)
        ]
        self.model.set_rows(found[:MAX_OFFERS_SHOWN])
        if found:
            self.list.setCurrentIndex(self.model.index(0))
        if not self._offers:
            self.hint.setText(_("There is no open job offer to propose for."))
        elif not found:
            self.hint.setText(_("No open job offer matches."))
        elif len(found) > MAX_OFFERS_SHOWN:
            self.hint.setText(
                _("The first {shown} of {count}; type more to narrow them down.").format(
                    shown=MAX_OFFERS_SHOWN, count=len(found)
                )
            )
        else:
            self.hint.setText(
                ngettext("{count} open job offer.", "{count} open job offers.", len(found)).format(
                    count=len(found)
                )
            )

    def chosen(self) -> OfferChoice | None:
        return self.model.current_row(self.list)

    def choose(self, offer_id: int) -> None:
        self.list.setCurrentIndex(self.model.index(max(self.model.row_of(offer_id), 0)))

    def accept(self) -> None:
        errors: list[FieldError] = []
        on = read_date(self.on, "on", _("Proposed on"), errors)
        offer = self.chosen()
        if offer is None and not errors:
            errors.append(
                FieldError(
                    "job_offer_id", placements.label("job_offer_id"), _("Please choose one.")
                )
            )
        pid = self.participant_id
        offer_id = offer.id if offer is not None else 0
        changes = self._store(
            lambda uow: placements.propose_placement(uow, pid, offer_id, on),
            _("The proposal was not saved:"),
            self.field_widgets,
            errors,
        )
        if changes is not None:
            self.saved_id = changes.created


class RejectDialog(ParticipantDialog):
    """Absage: the day and the reason (required)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        placement: PlacementRow,
        parent: QWidget | None = None,
        *,
        on: date | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.placement = placement
        self.setWindowTitle(_("Rejection – {offer}").format(offer=placement.job_title or EMPTY))
        self.setMinimumWidth(480)
        self._make_buttons(QDialogButtonBox.StandardButton.Save, _("Record rejection"))
        self.on = DateField(self)
        self.on.setAccessibleName(_("Date"))
        self.on.set_date(on or date.today())
        fit_date_width(self.on)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(placements.label("reason"))
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = self._growing_form()
        self._add_row(form, _("Date"), self.on)
        self._add_row(form, placements.label("reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {"on": self.on, "reason": self.reason}
        self.reason.setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        on = read_date(self.on, "on", _("Date"), errors)
        reason = self.reason.toPlainText().strip()
        placement_id = self.placement.id
        self._store(
            lambda uow: placements.advance_placement(uow, placement_id, S.REJECTED, on, reason),
            _("The rejection was not saved:"),
            self.field_widgets,
            errors,
        )


class ContractDialog(ParticipantDialog):
    """Arbeitsvertrag: the day of the contract, the first working day, the end of probation
    (``employment_id``: the employment it made)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        placement: PlacementRow,
        parent: QWidget | None = None,
        *,
        on: date | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.placement = placement
        self.employment_id: int | None = None
        self.setWindowTitle(
            _("Employment contract – {offer}").format(offer=placement.job_title or EMPTY)
        )
        self.setMinimumWidth(480)
        self._make_buttons(QDialogButtonBox.StandardButton.Save, _("Record contract"))
        self.dates: dict[str, DateField] = {}
        form = self._growing_form()
        for name, text in (
            ("on", _("Contract of")),
            ("start", employments.label("start")),
            ("probation_end", employments.label("probation_end")),
        ):
            field = DateField(self)
            field.setAccessibleName(text)
            fit_date_width(field)
            self.dates[name] = field
            self._add_row(form, text, field)
        self.dates["on"].set_date(on or date.today())
        hint = make_hint(
            QLabel(
                _(
                    "Empty: the employment starts on the day of the contract, the probation "
                    "lasts 6 months. Lotse records the employment with the offer's employer, "
                    "occupation and hours, and sets the person to aftercare."
                ),
                self,
            )
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = dict(self.dates)
        self.dates["start"].setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        captions = {"on": _("Contract of"), "start": employments.label("start")}
        captions["probation_end"] = employments.label("probation_end")
        on, start, probation_end = (
            read_date(self.dates[name], name, captions[name], errors) for name in captions
        )
        placement_id = self.placement.id
        changes = self._store(
            lambda uow: placements.advance_placement(
                uow, placement_id, S.CONTRACT, on, start=start, probation_end=probation_end
            ),
            _("The contract was not saved:"),
            self.field_widgets,
            errors,
        )
        if changes is not None:
            self.employment_id = changes.created


class EmploymentDialog(ParticipantDialog):
    """Edits an employment (the end has its own dialog)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        employment: EmploymentRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.employment = employment
        self.setWindowTitle(
            _("Employment – {employer}").format(employer=employment.employer_name or EMPTY)
        )
        self.setMinimumWidth(520)
        self._make_buttons(QDialogButtonBox.StandardButton.Save)
        self.bindings: dict[str, Binding] = {
            "kind": EnumBinding(self, EmploymentKind),
            "occupation": TextBinding(self),
            "start": DateBinding(self),
            "probation_end": DateBinding(self),
            "fixed_term_until": DateBinding(self),
            "hours_per_week": TextBinding(self),
            "social_insurance": BoolBinding(self),
            "subsidy": TextBinding(self),
            "aftercare_until": DateBinding(self),
            "notes": LongTextBinding(self),
        }
        form = self._growing_form()
        employer = FixedBinding(self, employment.employer_id, employment.employer_name or EMPTY)
        # a caption without buddy: the name is shown, not edited here
        form.addRow(QLabel(escape(employments.label("employer_id")) + ":", self), employer.widget)
        for name, binding in self.bindings.items():
            binding.widget.setObjectName(name)
            binding.widget.setAccessibleName(employments.label(name))
            self._add_row(form, employments.label(name), binding.widget)
        hours = self.bindings["hours_per_week"].widget
        hours.setMaximumWidth(hours.fontMetrics().horizontalAdvance("0" * 8) + 16)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        values = employment.as_input()
        for name, binding in self.bindings.items():
            value = getattr(values, name)
            binding.set_value(_hours_text(value) if name == "hours_per_week" else value)
        self.bindings["kind"].widget.setFocus()

    def field_widget(self, name: str) -> QWidget:
        return self.bindings[name].widget

    def employment_input(self, errors: list[FieldError]) -> EmploymentInput:
        values: dict[str, Any] = {}
        for name, binding in self.bindings.items():
            try:
                values[name] = binding.value()
            except UnreadableValue as error:
                errors.append(FieldError(name, employments.label(name), str(error)))
                values[name] = None
        text = values["hours_per_week"] or ""
        values["hours_per_week"] = None
        if text:
            try:
                values["hours_per_week"] = float(text.replace(",", "."))
            except ValueError:
                label = employments.label("hours_per_week")
                errors.append(FieldError("hours_per_week", label, _("Please enter a number.")))
        return EmploymentInput(**values)

    def accept(self) -> None:
        errors: list[FieldError] = []
        data = self.employment_input(errors)
        employment_id = self.employment.id
        self._store(
            lambda uow: employments.update_employment(uow, employment_id, data),
            _("The employment was not saved:"),
            {name: binding.widget for name, binding in self.bindings.items()},
            errors,
        )


class EndEmploymentDialog(ParticipantDialog):
    """Beenden: the last day and the reason (both required)."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        employment: EmploymentRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.employment = employment
        self.setWindowTitle(
            _("End employment – {employer}").format(employer=employment.employer_name or EMPTY)
        )
        self.setMinimumWidth(460)
        self._make_buttons(QDialogButtonBox.StandardButton.Save, _("End employment"))
        self.end = DateField(self)
        self.end.setAccessibleName(employments.label("end"))
        self.end.set_date(employment.end or date.today())
        fit_date_width(self.end)
        self.reason = EnumBinding(self, EmploymentEndReason).combo
        self.reason.setAccessibleName(employments.label("end_reason"))
        self.reason.set_value(employment.end_reason)
        form = self._growing_form()
        self._add_row(form, employments.label("end"), self.end)
        self._add_row(form, employments.label("end_reason"), self.reason)
        hint = make_hint(
            QLabel(_("The open reminders of this employment (probation, aftercare) go."), self)
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {"end": self.end, "end_reason": self.reason}
        self.end.setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        end = read_date(self.end, "end", employments.label("end"), errors)
        reason = self.reason.value()
        employment_id = self.employment.id
        self._store(
            lambda uow: employments.end_employment(uow, employment_id, end, reason),  # type: ignore[arg-type]
            _("The end was not saved:"),
            self.field_widgets,
            errors,
        )


# -- the panel -------------------------------------------------------------------------------


class PlacementsPanel(ParticipantPanel):
    """The tab "Vermittlung": placements with the buttons for their next stage, employments
    below them with Bearbeiten… and Beenden…"""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.propose_button = self._button(
            _("Propose…"), self.propose, _("Propose the person for an open job offer")
        )

        self.model = PlacementModel(self)
        self.view = read_only_table(self.model, self, stretch_column=PlacementModel.OFFER)
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)

        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        side = QVBoxLayout()
        self.on = DateField(self)
        self.on.setAccessibleName(_("Next stage on"))
        self.on.set_date(date.today())
        fit_date_width(self.on)
        on_caption = QLabel(escape(_("Next stage on")) + ":", self)
        on_caption.setBuddy(self.on)
        side.addWidget(on_caption)
        side.addWidget(self.on)
        self.stage_buttons: dict[PlacementStage, QPushButton] = {}
        for stage, text in STAGE_BUTTONS:
            button = QPushButton(_(text), self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=stage: self.advance(s))
            self.stage_buttons[stage] = button
            side.addWidget(button)
        side.addStretch(1)
        row.addLayout(side)
        self._add_list(
            self.view, _("Placements"), (self.propose_button,), heading=True, body=row, stretch=3
        )

        # the buttons first: Tab follows creation order, the row stands above the table
        self.edit_button = self._button(_("Edit…"), self.edit_employment)
        self.end_button = self._button(
            _("End…"), self.end_employment, _("Record the end of the employment with its reason")
        )
        self.employment_model = EmploymentModel(self)
        self.employment_view = read_only_table(
            self.employment_model, self, stretch_column=EmploymentModel.OCCUPATION
        )
        self.panel_layout.addSpacing(8)
        self._add_list(
            self.employment_view,
            _("Employments"),
            (self.edit_button, self.end_button),
            heading=True,
            stretch=2,
            activated=self.edit_employment,
        )

        self.summary = self._add_summary()

        ops.changed.connect(self._on_changed)
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        current, employment = self.selected(), self.selected_employment()
        reads = self._lotse.reads
        rows = placements.placements_of_participant(reads, self.participant_id)
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(max(self.model.row_of(current.id) if current else 0, 0))
        jobs = employments.employments_of(reads, self.participant_id)
        self.employment_model.set_rows(jobs)
        if jobs:
            row = self.employment_model.row_of(employment.id) if employment else 0
            self.employment_view.selectRow(max(row, 0))
        open_count = sum(1 for r in rows if placements.is_open(r.stage))
        running = sum(1 for job in jobs if job.running)
        self.summary.setText(
            _("Open placements: {open} · running employments: {running}").format(
                open=open_count, running=running
            )
        )
        self._update_buttons()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.many or changes.job_offers or changes.organizations:
            self.reload()  # an offer's title or status, an employer's name
        elif self._concerns(changes, changes.placements | changes.employments):
            self.reload()

    def selected(self) -> PlacementRow | None:
        return self.model.current_row(self.view)

    def selected_employment(self) -> EmploymentRow | None:
        return self.employment_model.current_row(self.employment_view)

    def _update_buttons(self) -> None:
        row = self.selected()
        for stage, button in self.stage_buttons.items():
            problem = (
                _("Choose a placement first.")
                if row is None
                else placements.transition_problem(row.stage, stage)
            )
            button.setEnabled(problem is None)
            button.setToolTip(problem or "")
        job = self.selected_employment()
        self.edit_button.setEnabled(job is not None)
        self.end_button.setEnabled(job is not None and job.running)

    # -- actions --------------------------------------------------------------------------

    def propose(self) -> int | None:
        dialog = ProposeDialog(self._lotse, self._ops, self.participant_id, self, on=self._on())
        saved = dialog.saved_id if run_dialog(dialog) else None
        if saved is not None:
            self.view.selectRow(max(self.model.row_of(saved), 0))
        self.view.setFocus()
        return saved

    def _on(self) -> date | None:
        try:
            return self.on.date()
        except ValueError:
            return None

    def advance(self, stage: PlacementStage) -> bool:
        """Move the chosen placement to ``stage`` (Absage and Arbeitsvertrag ask first)."""
        row = self.selected()
        if row is None:
            return False
        if stage == S.REJECTED:
            dialog = RejectDialog(
                self._lotse, self._ops, self.participant_id, row, self, on=self._on()
            )
            done = run_dialog(dialog)
        elif stage == S.CONTRACT:
            contract = ContractDialog(
                self._lotse, self._ops, self.participant_id, row, self, on=self._on()
            )
            done = run_dialog(contract)
            if done:
                self._offer_filled(row)
        else:
            errors: list[FieldError] = []
            on = read_date(self.on, "on", _("Next stage on"), errors)
            done = (
                self._ops.run(
                    lambda uow: placements.advance_placement(uow, row.id, stage, on),
                    parent=self,
                    failed=_("The stage was not changed:"),
                    fields={"on": self.on},
                    unreadable=errors,
                )
                is not None
            )
        self.view.setFocus()
        return done

    def _offer_filled(self, row: PlacementRow) -> None:
        """After a contract: when no place of the offer is left, ask to set it to besetzt."""
        offer_id = row.job_offer_id
        if offer_id is None or row.offer_status != JobOfferStatus.OPEN:
            return
        if placements.offer_places_left(self._lotse.reads, offer_id) > 0:
            return
        box = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Job offer filled?"),
            _("Last place filled – set the offer “{title}” to filled?").format(title=row.job_title),
            box.Yes | box.No,
            box.Yes,
        )
        if answer == box.Yes:
            self._ops.run(lambda uow: placements.mark_offer_filled(uow, offer_id), parent=self)

    def edit_employment(self) -> bool:
        job = self.selected_employment()
        if job is None:
            return False
        dialog = EmploymentDialog(self._lotse, self._ops, self.participant_id, job, self)
        done = run_dialog(dialog)
        self.employment_view.setFocus()
        return done

    def end_employment(self) -> bool:
        job = self.selected_employment()
        if job is None or not job.running:
            return False
        dialog = EndEmploymentDialog(self._lotse, self._ops, self.participant_id, job, self)
        done = run_dialog(dialog)
        self.employment_view.setFocus()
        return done


def placement_rows(panel: PlacementsPanel) -> Sequence[PlacementRow]:
    """What the panel lists (tests)."""
    return [panel.model.row_at(index) for index in range(panel.model.rowCount())]

"""The Stellenangebot dialog: the offer's fields, and for a saved offer the tab "Passende
Teilnehmende" (app.services.matching) with "Vorschlagen".

Values go to app.services.job_offers; the dialog only reads and writes widgets. Money is typed
as "13,50", hours as "38,5"; what cannot be read is named in the one message with the service's
own checks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import _, format_number, ngettext
from app.services.job_offers import (
    EMPLOYER_KINDS,
    OfferInput,
    OfferRecord,
    create_offer,
    employer_postal_code,
    format_euros,
    format_hours,
    label,
    offer_record,
    parse_euros,
    parse_hours,
    update_offer,
    withdraw_offer,
)
from app.services.matching import participants_for_offer
from app.vocab import (
    DrivingLicenceClass,
    GermanLevel,
    JobOfferSource,
    JobOfferStatus,
    LabeledEnum,
    SkillLevel,
    YesNoUnknown,
)
from ui.job_offer.matches import MatchModel, legend, match_table
from ui.job_offer.placements import OfferPlacementModel
from ui.mnemonics import assign_mnemonics, escape
from ui.operations import Operations
from ui.widgets.colours import alert_colour, make_hint, tint
from ui.widgets.date_field import DateField, read_date
from ui.widgets.enum_combo import EMPTY_TEXT, EnumCombo
from ui.widgets.formatting import date_text
from ui.widgets.messages import confirm
from ui.widgets.organization_chooser import OrganizationChooser
from ui.widgets.panels import fit_date_width
from ui.widgets.read_only_table import read_only_table
from ui.widgets.window_layout import fitting

DEFAULT_SIZE = QSize(1080, 620)  # fits 1280×800 with the frame and a taskbar
OFFER_TAB, MATCHES_TAB, PLACEMENTS_TAB = 0, 1, 2
# the form's two columns, in reading (and Tab) order
LEFT = (
    "title",
    "employer_id",
    "occupation",
    "skill_level",
    "location",
    "location_postal_code",
    "hours_per_week",
    "shifts",
    "start_on",
    "fixed_term_until",
)
RIGHT = (
    "hourly_wage_cents",
    "social_insurance",
    "min_german_level",
    "required_driving_licence",
    "vacancies",
    "source",
    "status",
    "acquired_on",
    "valid_until",
)


def expired_text(valid_until: date | None) -> str:
    return "⚠ " + _(
        "Expired: valid until {date}. Extend it, mark it filled or withdraw it."
    ).format(date=date_text(valid_until))


def matches_summary(count: int) -> str:
    text = ngettext("{count} participant fits", "{count} participants fit", count)
    return text.format(count=format_number(count))


class JobOfferDialog(QDialog):
    """New (``offer_id`` None) or saved offer; ``saved_id`` once stored."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        offer_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.offer_id = offer_id
        self.saved_id: int | None = None
        self._record: OfferRecord | None = (
            None if offer_id is None else offer_record(lotse.reads, offer_id)
        )
        self._matches_loaded = False
        self.setWindowTitle(
            _("New job offer")
            if self._record is None
            else _("Job offer – {title}").format(title=self._record.data.title)
        )
        self.setMinimumSize(760, 520)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_form(), _("Offer"))
        self.tabs.addTab(self._build_matches(), _("Matching participants"))
        self.tabs.addTab(self._build_placements(), _("Placements"))
        if self._record is None:
            for tab in (MATCHES_TAB, PLACEMENTS_TAB):
                self.tabs.setTabEnabled(tab, False)
                self.tabs.setTabToolTip(tab, _("Save the offer first."))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.withdraw_button = QPushButton(_("Withdraw…"), self)
        self.withdraw_button.setToolTip(
            _("The offer is no longer open; the proposals made for it stay.")
        )
        self.withdraw_button.clicked.connect(self.withdraw)
        self.buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.withdraw_button.setVisible(  # after addButton, which shows it
            self._record is not None and self._record.data.status == JobOfferStatus.OPEN
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        if self._record is not None:
            self._show(self._record)
        else:
            self.acquired_on.set_date(date.today())
        self.resize(fitting(DEFAULT_SIZE, self))
        self.title_edit.setFocus()

    # -- building ---------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        self.title_edit = QLineEdit(page)
        self.employer = OrganizationChooser(self._lotse, EMPLOYER_KINDS, page, with_status=False)
        self.employer.chosen.connect(self._on_employer_chosen)
        self.occupation = QLineEdit(page)
        self.skill_level = EnumCombo(SkillLevel, parent=page)
        self.location = QLineEdit(page)
        self.postal_code = QLineEdit(page)
        self.hours = QLineEdit(page)
        self.hours.setPlaceholderText(_("e.g. 38,5"))
        self.shifts = QLineEdit(page)
        self.shifts.setPlaceholderText(_("e.g. 2-Schicht"))
        self.start_on = DateField(page)
        self.fixed_term_until = DateField(page)
        self.wage = QLineEdit(page)
        self.wage.setPlaceholderText(_("e.g. 13,50"))
        self.social_insurance = QComboBox(page)
        for value, text in ((None, EMPTY_TEXT), (True, YesNoUnknown.YES.label),
                            (False, YesNoUnknown.NO.label)):  # fmt: skip
            self.social_insurance.addItem(text, value)
        self.min_german_level = EnumCombo(GermanLevel, parent=page)
        self.driving_licence = EnumCombo(DrivingLicenceClass, parent=page)
        self.driving_licence.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.driving_licence.setMinimumContentsLength(14)
        self.vacancies = QLineEdit("1", page)
        self.source = EnumCombo(JobOfferSource, parent=page)
        self.status = EnumCombo(JobOfferStatus, optional=False, parent=page)
        self.acquired_on = DateField(page)
        self.valid_until = DateField(page)
        self.notes = QPlainTextEdit(page)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        self.field_widgets: dict[str, QWidget] = {
            "title": self.title_edit,
            "employer_id": self.employer,
            "occupation": self.occupation,
            "skill_level": self.skill_level,
            "location": self.location,
            "location_postal_code": self.postal_code,
            "hours_per_week": self.hours,
            "shifts": self.shifts,
            "start_on": self.start_on,
            "fixed_term_until": self.fixed_term_until,
            "hourly_wage_cents": self.wage,
            "social_insurance": self.social_insurance,
            "min_german_level": self.min_german_level,
            "required_driving_licence": self.driving_licence,
            "vacancies": self.vacancies,
            "source": self.source,
            "status": self.status,
            "acquired_on": self.acquired_on,
            "valid_until": self.valid_until,
            "notes": self.notes,
        }
        for name, widget in self.field_widgets.items():
            widget.setAccessibleName(label(name))
        for field in (self.start_on, self.fixed_term_until, self.acquired_on, self.valid_until):
            fit_date_width(field)
        chars = self.fontMetrics().horizontalAdvance("0")
        for narrow in (self.postal_code, self.hours, self.wage, self.vacancies):
            narrow.setMaximumWidth(chars * 12)

        columns = QHBoxLayout()  # (a spacing set here would be the forms' row spacing too)
        for names in (LEFT, RIGHT):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                self._add_row(page, form, name)
            if names is RIGHT:
                columns.addSpacing(24)
            columns.addLayout(form, 1)
        below = QFormLayout()
        below.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(page, below, "notes")
        self.expired_hint = tint(QLabel(page), alert_colour)
        self.expired_hint.setWordWrap(True)
        self.expired_hint.hide()

        layout = QVBoxLayout(page)
        layout.addLayout(columns)
        layout.addLayout(below)
        layout.addWidget(self.expired_hint)
        layout.addStretch(1)
        return page

    def _add_row(self, page: QWidget, form: QFormLayout, name: str) -> None:
        widget = self.field_widgets[name]
        caption = QLabel(escape(label(name)) + ":", page)
        caption.setBuddy(widget)
        form.addRow(caption, widget)

    def _build_matches(self) -> QWidget:
        page = QWidget(self)
        self.propose_button = QPushButton(_("Propose"), page)
        self.propose_button.setToolTip(
            _("Propose the chosen participant for this offer (Vermittlungsvorschlag)")
        )
        self.propose_button.clicked.connect(self.propose_selected)
        self.matches_summary = QLabel(page)
        self.matches_summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.propose_button)
        row.addWidget(self.matches_summary, 1)
        self.match_model = MatchModel(by_person=True, parent=page)
        self.match_view = match_table(self.match_model, page, _("Matching participants"))
        self.match_view.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_propose()
        )
        self.match_view.activated.connect(lambda _index: self.propose_selected())
        self.proposed = make_hint(QLabel(page))
        self.proposed.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.match_view, 1)
        layout.addWidget(self.proposed)
        layout.addWidget(legend(page))
        self._update_propose()
        return page

    # -- the fields -------------------------------------------------------------------------

    def _show(self, record: OfferRecord) -> None:
        data = record.data
        self.title_edit.setText(data.title)
        self.employer.set_organization(data.employer_id)
        self.occupation.setText(data.occupation)
        self.skill_level.set_value(data.skill_level)
        self.location.setText(data.location)
        self.postal_code.setText(data.location_postal_code)
        self.hours.setText(format_hours(data.hours_per_week))
        self.shifts.setText(data.shifts)
        self.start_on.set_date(data.start_on)
        self.fixed_term_until.set_date(data.fixed_term_until)
        self.wage.setText(format_euros(data.hourly_wage_cents))
        self.social_insurance.setCurrentIndex(
            max(0, self.social_insurance.findData(data.social_insurance))
            if data.social_insurance is not None
            else 0
        )
        self.min_german_level.set_value(data.min_german_level)
        self.driving_licence.set_value(data.required_driving_licence)
        self.vacancies.setText(str(data.vacancies))
        self.source.set_value(data.source)
        self.status.set_value(data.status)
        self.acquired_on.set_date(data.acquired_on)
        self.valid_until.set_date(data.valid_until)
        self.notes.setPlainText(data.notes)
        self.expired_hint.setVisible(record.expired)
        if record.expired:
            self.expired_hint.setText(expired_text(data.valid_until))

    def _on_employer_chosen(self, organization_id: int) -> None:
        """A first choice of employer fills an empty place of work with the employer's."""
        if self.location.text().strip() or self.postal_code.text().strip():
            return
        postal_code, city = employer_postal_code(self._lotse.reads, organization_id)
        self.postal_code.setText(postal_code)
        self.location.setText(city)

    def read(self, errors: list[FieldError]) -> OfferInput:
        """The form as an OfferInput; what cannot be read goes to ``errors`` (and None)."""

        def number(name: str, widget: QLineEdit, parse, message: str):  # noqa: ANN001, ANN202
            try:
                return parse(widget.text())
            except ValueError:
                errors.append(FieldError(name, label(name), message))
                return None

        def date_of(name: str, field: DateField) -> date | None:
            return read_date(field, name, label(name), errors)

        employer_id = self.employer.organization_id
        if self.employer.typed_without_choice():
            errors.append(
                FieldError(
                    "employer_id",
                    label("employer_id"),
                    _("Please choose the employer from the list (type, then Enter)."),
                )
            )
        vacancies = number(
            "vacancies", self.vacancies, lambda text: int(text.strip()),
            _("Please enter a whole number."),
        )  # fmt: skip
        status = self.status.value()
        return OfferInput(
            title=self.title_edit.text(),
            employer_id=employer_id,
            occupation=self.occupation.text(),
            skill_level=self._enum(self.skill_level),  # type: ignore[arg-type]
            location=self.location.text(),
            location_postal_code=self.postal_code.text().strip(),
            hours_per_week=number(
                "hours_per_week", self.hours, parse_hours, _("Please enter a number like 38,5.")
            ),
            shifts=self.shifts.text(),
            start_on=date_of("start_on", self.start_on),
            fixed_term_until=date_of("fixed_term_until", self.fixed_term_until),
            hourly_wage_cents=number(
                "hourly_wage_cents", self.wage, parse_euros, _("Please enter an amount like 13,50.")
            ),
            social_insurance=self.social_insurance.currentData(),
            min_german_level=self._enum(self.min_german_level),  # type: ignore[arg-type]
            required_driving_licence=self._enum(self.driving_licence),  # type: ignore[arg-type]
            vacancies=1 if vacancies is None else vacancies,
            source=self._enum(self.source),  # type: ignore[arg-type]
            status=status if status is not None else JobOfferStatus.OPEN,  # type: ignore[arg-type]
            acquired_on=date_of("acquired_on", self.acquired_on),
            valid_until=date_of("valid_until", self.valid_until),
            notes=self.notes.toPlainText(),
        )

    @staticmethod
    def _enum(combo: EnumCombo) -> LabeledEnum | None:
        return combo.value()

    # -- actions ----------------------------------------------------------------------------

    def accept(self) -> None:
        errors: list[FieldError] = []
        data = self.read(errors)
        offer_id = self.offer_id
        changes = self._ops.run(
            (lambda uow: create_offer(uow, data))
            if offer_id is None
            else (lambda uow: update_offer(uow, offer_id, data)),
            parent=self,
            failed=_("The job offer was not saved:"),
            fields=self.field_widgets,
            unreadable=errors,
        )
        if changes is None:
            return
        self.saved_id = changes.created if offer_id is None else offer_id
        super().accept()

    def withdraw(self) -> bool:
        if self.offer_id is None or self._record is None:
            return False
        question = _("Withdraw the job offer “{title}”? It is no longer open then.").format(
            title=self._record.data.title
        )
        if not confirm(self, _("Withdraw job offer"), question):
            return False
        offer_id = self.offer_id
        changes = self._ops.run(lambda uow: withdraw_offer(uow, offer_id), parent=self)
        if changes is None:
            return False
        self.saved_id = offer_id
        super().accept()
        return True

    # -- matching participants ----------------------------------------------------------------

    def _on_tab_changed(self, index: int) -> None:
        if index == MATCHES_TAB and not self._matches_loaded:
            self.reload_matches()
        if index == PLACEMENTS_TAB:
            self.reload_placements()

    def _build_placements(self) -> QWidget:
        """Who was proposed for this offer, at which stage (the steps: in the person's
        record, tab Vermittlung)."""
        page = QWidget(self)
        self.placement_model = OfferPlacementModel(page)
        self.placement_view = read_only_table(self.placement_model, page, stretch_column=0)
        self.placement_view.setAccessibleName(_("Placements"))
        layout = QVBoxLayout(page)
        layout.addWidget(self.placement_view, 1)
        hint = make_hint(
            QLabel(
                _("The next steps are recorded in the person's record, tab “Job placement”."),
                page,
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return page

    def reload_placements(self) -> None:
        from app.services.placements import placements_of_offer

        if self.offer_id is not None:
            self.placement_model.set_rows(placements_of_offer(self._lotse.reads, self.offer_id))

    def reload_matches(self) -> None:
        if self.offer_id is None:
            return
        current = self.selected_match()
        rows = participants_for_offer(self._lotse.reads, self.offer_id, date.today())
        self.match_model.set_rows(rows)
        self._matches_loaded = True
        if rows:
            position = next(
                (
                    i
                    for i, m in enumerate(rows)
                    if current is not None and m.participant_id == current.participant_id
                ),
                0,
            )
            self.match_view.selectRow(position)
        text = matches_summary(len(rows))
        if self._record is not None and self._record.data.status != JobOfferStatus.OPEN:
            text += " " + _("The offer is not open: nobody can be proposed for it.")
        self.matches_summary.setText(text)
        self._update_propose()
        assign_mnemonics(self.window())

    def selected_match(self):  # noqa: ANN201 - Match | None
        index = self.match_view.currentIndex()
        return self.match_model.row_at(index.row()) if index.isValid() else None

    def _update_propose(self) -> None:
        open_offer = self._record is not None and self._record.data.status == JobOfferStatus.OPEN
        self.propose_button.setEnabled(open_offer and self.selected_match() is not None)

    def propose_selected(self) -> Changes | None:
        """Vorschlagen: the chosen person for this offer, today (a Vermittlungsvorschlag)."""
        from app.services.placements import propose_placement

        match = self.selected_match()
        if match is None or self.offer_id is None or not self.propose_button.isEnabled():
            return None
        offer_id, person = self.offer_id, match.participant_id
        changes = self._ops.run(
            lambda uow: propose_placement(uow, person, offer_id, on=date.today()),
            parent=self,
            failed=_("The proposal was not saved:"),
        )
        if changes is not None:
            self.reload_placements()
            self.proposed.setText(
                _("{name} was proposed for this offer.").format(name=match.participant_name)
            )
            self.match_view.setFocus(Qt.FocusReason.OtherFocusReason)
        return changes

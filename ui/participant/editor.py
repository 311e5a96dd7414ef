"""The participant record editor: master data, ESF+ entry, programme data, support plan, exit,
and the panels for contact notes, follow-ups and consents.

Values go to app.services.participants; the editor only reads and writes widgets. Saving a
new record keeps the dialog open in edit mode, so that notes can be added right away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import _
from app.models.participant import Participant
from app.models.participant_fields import EDITABLE_FIELDS, label
from app.services import validation_rules
from app.services.participant_record import PLAN_FIELD_PREFIX, save_record
from app.services.participants import (
    create_participant,
    delete_participant,
    find_duplicates,
    get_participant,
)
from app.services.settings import load_settings
from app.vocab import (
    ExitOutcome,
    ParticipantStatus,
    Program,
    exit_outcomes_for,
)
from ui.mnemonics import assign_mnemonics, escape, plain
from ui.operations import Operations
from ui.participant import field_layout as layout_spec
from ui.participant import record_documents
from ui.participant.checklist import CompletenessChecklist
from ui.participant.code_names import country_names, language_names
from ui.participant.consents_panel import ConsentsPanel
from ui.participant.courses_panel import CoursesPanel
from ui.participant.exit_dialog import EXIT_FIELDS, ExitDialog
from ui.participant.field_layout import Column, Group, align_captions, shown_value
from ui.participant.follow_ups_panel import FollowUpsPanel
from ui.participant.form_fields import (
    Binding,
    EnumBinding,
    FixedBinding,
    UnreadableValue,
    WheelGuard,
    fill_enum_combo,
    make_binding,
)
from ui.participant.matching_panel import MatchingPanel
from ui.participant.needs_panel import NeedsAssessmentPanel
from ui.participant.notes_panel import NotesPanel
from ui.participant.placements_panel import TAB_TITLE as PLACEMENTS_TAB_TITLE
from ui.participant.placements_panel import PlacementsPanel
from ui.participant.training_panel import TrainingProgressPanel
from ui.plan.plan_panel import PlanPanel
from ui.widgets.colours import make_hint
from ui.widgets.date_field import format_german_date
from ui.widgets.formatting import EMPTY
from ui.widgets.messages import closing_keeps_nothing_unsaved, show_errors
from ui.widgets.record_buttons import RecordButtons
from ui.widgets.window_layout import first_tab_stop, fitting, row_after_content

EDITABLE_STATUSES = (
    ParticipantStatus.ACTIVE,
    ParticipantStatus.EMPLOYED_AFTERCARE,
    ParticipantStatus.SHORT_COUNSELLING,
)
CODE_HINTS = {
    "nationalities": country_names,
    "birth_country": lambda code: country_names([code] if code else []),
    "first_languages": language_names,
}
# Tabs shown for one Förderbereich only.
PROGRAM_TABS = {
    Program.JOKO: ("joko", "matching"),
    Program.TRAINING: ("training", "training_progress", "needs"),
}
# Tabs of a saved record whose panels are built when the tab is first chosen.
PANELS: dict[str, Callable[[Lotse, Operations, int, QWidget], QWidget]] = {
    "training_progress": TrainingProgressPanel,
    "needs": NeedsAssessmentPanel,
    "plan": PlanPanel,
    "matching": MatchingPanel,
    "courses": CoursesPanel,
    "placements": PlacementsPanel,
    "notes": NotesPanel,
    "follow_ups": FollowUpsPanel,
    "consents": ConsentsPanel,
}
_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


# Fits a 1280×800 screen with the window frame and a taskbar; wide enough that the two form
# columns show long vocabulary labels whole (a cut one still has its whole text as tooltip).
DEFAULT_SIZE = QSize(1200, 720)


class ParticipantEditor(QDialog):
    """Create or edit one participant. For tests: ``field_widget``, ``set_field``, ``save``,
    ``participant_id``, ``is_modified``, ``tab_names``."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int | None = None,
        program: Program | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.participant_id = participant_id
        self.deleted = False
        record = self._read_record() if participant_id is not None else {}
        self._program: Program | None = record.get("program", program)
        self._choose_program = participant_id is None and program is None
        self._bindings: dict[str, Binding] = {}
        self._page_of: dict[str, QScrollArea] = {}
        self._pages: dict[str, QWidget] = {}
        self._derived: dict[str, QLabel] = {}
        self._hints: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        self._exit_labels: dict[str, QLabel] = {}
        self._panels: dict[str, QWidget] = {}  # built when their tab is first chosen
        self._baseline: dict[str, object] = {}
        self._record: dict[str, Any] = {}
        self._loading = False
        self._wheel_guard = WheelGuard(self)

        self.setMinimumSize(760, 520)
        self.resize(fitting(DEFAULT_SIZE, self))

        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setAccessibleName(_("Parts of the record"))
        outer.addWidget(self.tabs, 1)
        self._build_tabs()
        self.tabs.currentChanged.connect(self._attach_current_panel)
        outer.addLayout(self._build_buttons())

        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, lambda: self.save())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._print_plan)
        self._load(record)
        self._order_focus_chain()
        self._focus_first_field()
        ops.changed.connect(self._on_changed)

    # -- building -------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        self._add_form_tab("master", _("Master data"), layout_spec.MASTER_DATA)
        self.checklist = CompletenessChecklist()
        self._add_form_tab("esf", _("ESF+ entry"), layout_spec.ESF_ENTRY, side=self.checklist)
        if self._choose_program or self._program == Program.JOKO:
            self._add_form_tab("joko", _("JOKO"), layout_spec.JOKO)
        if self._choose_program or self._program == Program.TRAINING:
            self._add_form_tab("training", _("Training"), layout_spec.TRAINING)
            self._add_panel_page("training_progress", _("Training progress"))
            self._add_panel_page("needs", _("Support need"))
        self._add_panel_page("plan", _("Support plan"))
        if self._choose_program or self._program == Program.JOKO:
            self._add_panel_page("matching", _("Matching job offers"))
        self._add_panel_page("courses", _("Courses & measures"))
        self._add_panel_page("placements", _(PLACEMENTS_TAB_TITLE))
        self._add_exit_tab()
        for key, title in (
            ("notes", _("Contact history")),
            ("follow_ups", _("Follow-ups")),
            ("consents", _("Consents")),
        ):
            self._add_panel_page(key, title)

    def _add_panel_page(self, key: str, title: str) -> None:
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(6, 6, 6, 6)
        self._pages[key] = page
        self.tabs.addTab(page, escape(title))

    def _scroll_page(self, key: str, title: str) -> tuple[QScrollArea, QWidget]:
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QScrollArea.Shape.NoFrame)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no silent Tab stop: Tab goes to the fields
        body = QWidget()
        self._pages[key] = page
        self.tabs.addTab(page, escape(title))
        return page, body

    def _add_form_tab(
        self, key: str, title: str, columns: tuple[Column, ...], side: QWidget | None = None
    ) -> None:
        """A scrollable page with the groups side by side; ``side`` goes under the last column."""
        page, body = self._scroll_page(key, title)
        row = QHBoxLayout(body)
        for index, column in enumerate(columns):
            column_layout = QVBoxLayout()
            captions: list[QLabel] = []
            for group in column:
                column_layout.addWidget(self._build_group(group, body, page, captions))
            if side is not None and index == len(columns) - 1:
                side.setParent(body)
                column_layout.addWidget(side)
            column_layout.addStretch(1)
            row.addLayout(column_layout, 1)
            align_captions(captions)
        page.setWidget(body)

    def _build_group(
        self,
        group: Group,
        parent: QWidget,
        page: QScrollArea,
        captions: list[QLabel],
    ) -> QWidget:
        box: QWidget = QGroupBox(_(group.title), parent) if group.title else QWidget(parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if group.title is None:
            form.setContentsMargins(0, 0, 0, 0)
        for name in group.fields:
            text = layout_spec.caption(name)
            if name.startswith("*"):
                shown = QLabel(EMPTY, box)
                shown.setTextInteractionFlags(_SELECTABLE)
                shown.setAccessibleName(text)
                self._derived[name] = shown
                caption = QLabel(escape(text) + ":", box)
                captions.append(caption)
                self._captions[name] = caption
                form.addRow(caption, shown)
                continue
            binding = self._make_binding(name, box)
            widget = binding.widget
            widget.setObjectName(name)
            widget.setAccessibleName(text)
            placeholder = layout_spec.PLACEHOLDERS.get(name)
            if placeholder and hasattr(widget, "setPlaceholderText"):
                widget.setPlaceholderText(_(placeholder))
            if isinstance(widget, QComboBox):
                widget.installEventFilter(self._wheel_guard)
            caption = QLabel(escape(text) + ":", box)
            caption.setBuddy(widget)
            captions.append(caption)
            self._captions[name] = caption
            form.addRow(caption, self._with_hint(name, widget, box))
            self._bindings[name] = binding
            self._page_of[name] = page
            binding.connect(self._on_edited)
        return box

    def _with_hint(self, name: str, widget: QWidget, parent: QWidget) -> QWidget:
        """The input, with a line below naming the ISO codes in German where it has codes."""
        if name not in CODE_HINTS:
            return widget
        holder = QWidget(parent)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(1)
        widget.setParent(holder)
        holder_layout.addWidget(widget)
        hint = make_hint(QLabel(holder))  # the muted grey of a caption, at 4.5:1
        hint.setWordWrap(True)
        holder_layout.addWidget(hint)
        self._hints[name] = hint
        return holder

    def _make_binding(self, name: str, parent: QWidget) -> Binding:
        if name == "program":
            if self._choose_program:
                binding = EnumBinding(parent, Program, optional=False, members=self._programs())
                binding.combo.currentIndexChanged.connect(self._on_program_changed)
                return binding
            assert self._program is not None
            return FixedBinding(parent, self._program, self._program.label)
        if name == "status":
            return EnumBinding(parent, ParticipantStatus, optional=False, members=EDITABLE_STATUSES)
        if name == "outcome_6_months":
            return EnumBinding(parent, ExitOutcome, members=self._outcomes())
        return make_binding(
            layout_spec.annotation(name), parent, layout_spec.options(name), lotse=self._lotse
        )

    def _add_exit_tab(self) -> None:
        page, body = self._scroll_page("exit", _("Exit"))
        row = QHBoxLayout(body)
        summary = QGroupBox(_("Exit and outcome"), body)
        form = QFormLayout(summary)
        for name in ("status", *EXIT_FIELDS):
            shown = QLabel(EMPTY, summary)
            shown.setTextInteractionFlags(_SELECTABLE)
            shown.setAccessibleName(label(name))
            shown.setWordWrap(True)
            self._exit_labels[name] = shown
            form.addRow(escape(label(name)) + ":", shown)
        self.exit_button = QPushButton(_("&Record exit…"), summary)
        self.exit_button.setAutoDefault(False)
        self.exit_button.clicked.connect(self._record_exit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exit_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        captions: list[QLabel] = []
        self.six_months = self._build_group(layout_spec.SIX_MONTHS, body, page, captions)
        for widget in (summary, self.six_months):
            column = QVBoxLayout()
            column.addWidget(widget)
            column.addStretch(1)
            row.addLayout(column, 1)
        page.setWidget(body)

    def _build_buttons(self) -> QHBoxLayout:
        self.master_sheet_button = QPushButton(_("S&tammblatt…"), self)
        self.master_sheet_button.setToolTip(_("ESF+ entry data as a sheet to print or save"))
        self.master_sheet_button.clicked.connect(self.show_master_sheet)
        self.privacy_button = QPushButton(_("Privacy &information…"), self)
        self.privacy_button.setToolTip(_("The Art. 13 GDPR information sheet for this person"))
        self.privacy_button.clicked.connect(self.show_privacy_notice)
        self.export_button = record_documents.export_button(self)
        documents = (self.master_sheet_button, self.privacy_button, self.export_button)
        self._buttons = RecordButtons(
            self, delete=self._delete, save=self.save, documents=documents
        )
        self.delete_button = self._buttons.delete_button
        self.save_button = self._buttons.save_button
        self.close_button = self._buttons.close_button
        self.saved_label = self._buttons.saved_label
        self._button_row = self._buttons.row
        return self._button_row

    def _order_focus_chain(self) -> None:
        """Tab: the tab's content, then the bottom row from left to right."""
        row_after_content(self, self.tabs, self._button_row)

    # -- choices that depend on the record ------------------------------------------------

    def _programs(self) -> list[Program]:
        in_use = load_settings(self._lotse.reads).programs
        return [p for p in Program if p in in_use] or list(Program)

    def _current_program(self) -> Program | None:
        binding = self._bindings.get("program")
        return binding.value() if binding is not None else self._program

    def _outcomes(self) -> tuple[ExitOutcome, ...]:
        return exit_outcomes_for(self._current_program() or self._programs()[0])

    def _fill_status(self, status: ParticipantStatus) -> None:
        combo = self._bindings["status"].widget
        assert isinstance(combo, QComboBox)
        if self.participant_id is None:
            items = [
                (_("Participation"), ParticipantStatus.ACTIVE),
                (_("Short counselling"), ParticipantStatus.SHORT_COUNSELLING),
            ]
        elif status == ParticipantStatus.EXITED:
            items = [(status.label, status)]
        else:
            items = [(member.label, member) for member in EDITABLE_STATUSES]
        combo.blockSignals(True)
        combo.clear()
        for text, member in items:
            combo.addItem(text, member.value)
        combo.setCurrentIndex(max(combo.findData(status.value), 0))
        combo.blockSignals(False)
        combo.setEnabled(status != ParticipantStatus.EXITED)

    def _on_program_changed(self) -> None:
        program = self._current_program()
        for member, keys in PROGRAM_TABS.items():
            for key in keys:
                self.tabs.setTabVisible(self.tabs.indexOf(self._pages[key]), member == program)
        outcome = self._bindings["outcome_6_months"]
        assert isinstance(outcome, EnumBinding)
        fill_enum_combo(outcome.combo, self._outcomes(), optional=True)

    # -- values ---------------------------------------------------------------------------

    def _read_record(self) -> dict[str, Any]:
        assert self.participant_id is not None
        with self._lotse.reading() as uow:
            person = get_participant(uow, self.participant_id)
            return {name: getattr(person, name) for name in EDITABLE_FIELDS}

    def _active_fields(self) -> list[str]:
        """The fields on screen: the other programme's tab is left out."""
        program = self._current_program()
        hidden: set[str] = set()
        if program != Program.JOKO:
            hidden |= set(layout_spec.fields_of(layout_spec.JOKO))
        if program != Program.TRAINING:
            hidden |= set(layout_spec.fields_of(layout_spec.TRAINING))
        return [name for name in self._bindings if name not in hidden]

    def _collect(self) -> tuple[dict[str, Any], list[FieldError]]:
        """The values to store, and an error for each input that cannot be read."""
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for name in self._active_fields():
            try:
                values[name] = self._bindings[name].value()
            except UnreadableValue as error:
                values[name] = None
                errors.append(FieldError(name, label(name), str(error)))
        return values, errors

    def _snapshot(self) -> dict[str, object]:
        return {name: self._bindings[name].snapshot() for name in self._active_fields()}

    def _load(self, record: dict[str, Any]) -> None:
        self._record = record
        self._loading = True
        for name, binding in self._bindings.items():
            if name in record:
                binding.set_value(record[name])
        self._fill_status(record.get("status", ParticipantStatus.ACTIVE))
        self._loading = False
        if self._choose_program:
            self._on_program_changed()
        self._show_exit(record)
        self._update_mode(record)
        self._refresh()
        self._baseline = self._snapshot()

    def _reload(self) -> None:
        self._load(self._read_record())

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        """Another screen stored something of this person (a German level taken over from a
        course, absences, a placement's status): the read-only rows and every input the user
        has not touched follow the stored record, so that saving cannot write the old values
        back; an input the user edited keeps the edit."""
        pid = self.participant_id
        if pid is None or initiator is self or not (changes.many or pid in changes.participants):
            return
        with self._lotse.reading() as uow:
            person = uow.session.get(Participant, pid)
            if person is None:
                return  # deleted: the editor closes by itself
            stored = {name: getattr(person, name) for name in EDITABLE_FIELDS}
        untouched = [
            name
            for name in self._active_fields()
            if self._bindings[name].snapshot() == self._baseline.get(name)
        ]
        if len(untouched) == len(self._active_fields()):
            self._load(stored)
            return
        self._record.update({name[1:]: stored[name[1:]] for name in layout_spec.RECORD_DERIVED})
        self._loading = True
        for name in untouched:
            if name == "status":
                self._fill_status(stored[name])
            else:
                self._bindings[name].set_value(stored[name])
            self._baseline[name] = self._bindings[name].snapshot()
        self._loading = False
        self._show_exit(stored)
        self._refresh()

    def _on_edited(self) -> None:
        if not self._loading:
            self._refresh()

    def _refresh(self) -> None:
        """Recompute the checklist, the derived values and the code hints from the form."""
        values, _errors = self._collect()
        person = Participant(**values)
        self.checklist.update_from(person)
        age = person.age
        if age is None:
            age_text = EMPTY
        elif person.is_minor:
            age_text = _("{age} (minor)").format(age=age)
        else:
            age_text = str(age)
        derived = {
            "*age": age_text,
            "*isced_group": person.isced_group.label if person.isced_group else EMPTY,
            "*s104c_expires_on": format_german_date(person.s104c_expires_on) or EMPTY,
        }
        for name in layout_spec.RECORD_DERIVED & self._derived.keys():
            derived[name] = shown_value(self._record.get(name[1:]))
        for name, text in derived.items():
            if name in self._derived:
                self._derived[name].setText(text)
        for name, hint in self._hints.items():
            hint.setText(CODE_HINTS[name](values.get(name)))  # type: ignore[operator]
            hint.setVisible(bool(hint.text()))
        self._fit_residence_rows(values)

    def _fit_residence_rows(self, values: dict[str, Any]) -> None:
        """Enable the residence dates that fit the chosen status; the others stay, greyed, with
        a tooltip naming the status they belong to (their values are kept)."""
        if "residence_status" not in values:
            return  # the JOKO tab is not in use
        states = layout_spec.residence_row_states(values["residence_status"], values)
        for name, state in states.items():
            shown = self._derived[name] if name.startswith("*") else self.field_widget(name)
            for widget in (shown, self._captions[name]):
                widget.setEnabled(state.enabled)
                widget.setToolTip(state.tooltip)

    def _show_exit(self, record: dict[str, Any]) -> None:
        for name, shown in self._exit_labels.items():
            shown.setText(shown_value(record.get(name)))
        self.six_months.setEnabled(record.get("exit_date") is not None)

    def _update_mode(self, record: dict[str, Any]) -> None:
        saved = self.participant_id is not None
        if saved:
            name = f"{record.get('first_name', '')} {record.get('last_name', '')}".strip()
            self.setWindowTitle(_("{name} – participant").format(name=name))
        else:
            self.setWindowTitle(_("New participant"))
        self.delete_button.setEnabled(saved)
        self.exit_button.setEnabled(saved)
        self.exit_button.setToolTip("" if saved else _("Save first"))
        for key in PANELS.keys() & self._pages.keys():
            index = self.tabs.indexOf(self._pages[key])
            self.tabs.setTabEnabled(index, saved)
            self.tabs.setTabToolTip(index, "" if saved else _("Save first"))
        if saved:
            self._attach_current_panel()

    def _attach_current_panel(self) -> None:
        current = self.tabs.currentWidget()
        for key in PANELS:
            if self._pages.get(key) is current:
                self.panel(key)

    def panel(self, key: str) -> QWidget | None:
        """The panel of a saved record's tab (plan, notes, …), built when first needed."""
        if self.participant_id is None:
            return None
        if key not in self._panels:
            page = self._pages[key]
            panel = PANELS[key](self._lotse, self._ops, self.participant_id, page)
            layout = page.layout()
            assert layout is not None
            layout.addWidget(panel)
            self._panels[key] = panel
            self._order_focus_chain()  # the panel's widgets came behind the bottom row
            assign_mnemonics(self)
            if self.focusWidget() is page:  # the tab was chosen by keyboard (Ctrl+Tab):
                target = first_tab_stop(panel)  # the page took the focus, give it onwards
                if target is not None:
                    target.setFocus(Qt.FocusReason.TabFocusReason)
        return self._panels[key]

    # -- public, also for tests -----------------------------------------------------------

    def field_widget(self, name: str) -> QWidget:
        return self._bindings[name].widget

    def set_field(self, name: str, value: Any) -> None:
        self._bindings[name].set_value(value)

    def is_modified(self) -> bool:
        return self._snapshot() != self._baseline or self._plan_modified()

    def _plan_panel(self) -> PlanPanel | None:
        """The plan panel if it was built (an unbuilt one holds no edits)."""
        panel = self._panels.get("plan")
        return panel if isinstance(panel, PlanPanel) else None

    def _plan_modified(self) -> bool:
        panel = self._plan_panel()
        return panel is not None and panel.is_modified()

    # -- documents ------------------------------------------------------------------------

    def show_master_sheet(self) -> None:
        """The Stammblatt (ESF+ entry data) of the saved record: preview, print, save."""
        if self.participant_id is not None or self.save():
            assert self.participant_id is not None
            record_documents.show_master_sheet(self._lotse, self.participant_id, self)

    def show_privacy_notice(self) -> None:
        """The Art. 13 information sheet for this person."""
        if self.participant_id is not None or self.save():
            assert self.participant_id is not None
            record_documents.show_privacy_notice(self._lotse, self.participant_id, self)

    def _print_plan(self) -> None:
        """Ctrl+P anywhere in the record: the support plan's print dialog."""
        panel = self.panel("plan")
        if isinstance(panel, PlanPanel):
            self.tabs.setCurrentWidget(self._pages["plan"])
            panel.print_preview()

    def tab_names(self) -> list[str]:
        return [
            plain(self.tabs.tabText(index))
            for index in range(self.tabs.count())
            if self.tabs.isTabVisible(index)
        ]

    def focus_field(self, name: str) -> None:
        """Show the tab holding ``name`` and put the cursor there."""
        widget = self._bindings[name].widget
        page = self._page_of[name]
        self.tabs.setCurrentWidget(page)
        page.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Store the form and the plan tab's edits in one transaction; on a problem show one
        message and keep the dialog as it is."""
        values, errors = self._collect()
        plan = self._plan_panel()
        plan_errors: list[FieldError] = []
        pending = plan.pending_edit(plan_errors) if plan is not None else None
        errors += [replace(e, field=PLAN_FIELD_PREFIX + e.field) for e in plan_errors]
        if errors:
            # name the other problems too, in one message
            known = {error.field for error in errors}
            errors += [
                error
                for error in validation_rules.participant_errors(
                    Participant(**values), date.today()
                )
                if error.field not in known
            ]
            self._show_errors(errors)
            return False
        if self.participant_id is None:
            if not self._confirm_not_duplicate(values):
                return False
            changes = self._ops.run(
                lambda uow: create_participant(uow, values),
                parent=self,
                on_invalid=self._show_errors,
                initiator=self,
            )
            if changes is None:
                return False
            self.participant_id = changes.created
        else:
            participant_id = self.participant_id
            changes = self._ops.run(
                lambda uow: save_record(uow, participant_id, values, pending),
                parent=self,
                on_invalid=self._show_errors,
                initiator=self,
            )
            if changes is None:
                return False
        self._reload()
        if plan is not None and pending is not None:
            plan.saved()
        self._buttons.show_saved()
        return True

    # -- actions --------------------------------------------------------------------------

    def _show_errors(self, errors: list[FieldError]) -> None:
        """One message for the record and its plan tab; the first wrong field gets the focus."""
        show_errors(self, _("The record was not saved:"), errors, {})
        first = errors[0].field if errors else ""
        plan = self._plan_panel()
        if first.startswith(PLAN_FIELD_PREFIX) and plan is not None:
            self.tabs.setCurrentWidget(self._pages["plan"])
            plan.focus_error(first.removeprefix(PLAN_FIELD_PREFIX))
            return
        field = next((error.field for error in errors if error.field in self._page_of), None)
        if field is not None:
            self.focus_field(field)

    def _confirm_not_duplicate(self, values: dict[str, Any]) -> bool:
        with self._lotse.reading() as uow:
            twins = find_duplicates(
                uow, values["first_name"], values["last_name"], values["postal_code"]
            )
        if not twins:
            return True
        people = []
        for twin in twins:
            line = f"• {twin.last_name}, {twin.first_name}, {twin.postal_code}"
            if twin.birth_date:
                line += ", " + _("born {date}").format(date=format_german_date(twin.birth_date))
            people.append(f"{line} ({twin.program.label})")
        text = "\n\n".join(
            (
                _("There are already participants with the same name and postal code:"),
                "\n".join(people),
                _("Create the record anyway?"),
            )
        )
        answer = QMessageBox.question(
            self,
            _("Possible duplicate"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _record_exit(self) -> None:
        if self.participant_id is None:
            return
        if self.is_modified() and not self.save():
            return
        dialog = ExitDialog(self._lotse, self._ops, self.participant_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload()

    def _person_name(self) -> str:
        first = self._bindings["first_name"].lenient_value() or ""
        last = self._bindings["last_name"].lenient_value() or ""
        return f"{first} {last}".strip()

    def _delete(self) -> None:
        if self.participant_id is None:
            return
        text = _(
            "Delete {name} for good?\n\nTheir contact notes, follow-ups, consents and support "
            "plans are deleted too. This cannot be undone."
        ).format(name=self._person_name())
        answer = QMessageBox.question(
            self,
            _("Delete participant"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        participant_id = self.participant_id
        if (
            self._ops.run(lambda uow: delete_participant(uow, participant_id), parent=self)
            is not None
        ):
            self.deleted = True
            self.accept()

    def reject(self) -> None:
        """Esc, "Schließen" and the window's close button: never lose changes silently."""
        if self.deleted or not self.is_modified() or closing_keeps_nothing_unsaved(self, self.save):
            super().reject()

    def _focus_first_field(self) -> None:
        first = "program" if self._choose_program else "last_name"
        self.tabs.setCurrentIndex(0)
        self._bindings[first].widget.setFocus(Qt.FocusReason.OtherFocusReason)

"""Förderplan tab of the record editor: the open version's texts, goals and steps, its
signatures, review and printing, and the list of versions with their printouts.

Values go to app.services.support_plans; the panel only reads and writes widgets. The editor
asks ``is_modified()`` / ``save()`` so that closing the record never loses plan edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import FieldError
from app.i18n import _
from app.services.needs_assessments import newest_assessment
from app.services.participants import get_participant
from app.services.support_plans.common import current_plan, goals_of, label, steps_of
from app.services.support_plans.editing import (
    PlanEdit,
    PlanInput,
    create_plan,
    prefilled_needs,
    save_plan_edit,
)
from app.vocab import PlanStatus
from ui.mnemonics import escape, with_mnemonic
from ui.operations import Operations
from ui.plan.plan_tables import (
    GoalModel,
    GoalRow,
    RowTableModel,
    StepModel,
    StepRow,
    finish_editing,
    row_table,
)
from ui.plan.review_dialog import ReviewDialog
from ui.plan.signatures_dialog import SignaturesDialog
from ui.plan.versions import VersionsBox
from ui.widgets.colours import make_hint
from ui.widgets.date_field import DateField, read_date
from ui.widgets.formatting import date_text, saved_at_text
from ui.widgets.messages import show_errors
from ui.widgets.panels import ParticipantPanel, fit_date_width, run_dialog

TEXT_FIELDS = ("situation", "strengths", "needs", "overall_aim", "agreements", "involved")
TEXT_LINES = 4


@dataclass(frozen=True)
class _Header:
    number: str
    version: int
    status: PlanStatus


def reveal(widget: QWidget) -> None:
    """Bring ``widget`` on screen: select the tabs holding it, scroll scroll areas to it."""
    child: QWidget = widget
    parent = child.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        child, parent = parent, parent.parentWidget()


def size_columns(view: QTableView, widths: dict[str, int]) -> None:
    """Fixed starting widths (still adjustable); columns given 0 share the rest of the width."""
    model = view.model()
    assert isinstance(model, RowTableModel)
    header = view.horizontalHeader()
    for name, width in widths.items():
        column = model.column_of(name)
        if width:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


class PlanPanel(ParticipantPanel):
    """Without a plan: an explanation and "Förderplan anlegen"; else the open version."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lotse, ops, participant_id, parent)
        self.plan_id: int | None = None
        self._baseline: list[object] = [None, None, None]
        self.goals = GoalModel(self)
        self.steps = StepModel(self.goals, self)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_empty_page())
        self.stack.addWidget(self._build_plan_page())
        self.panel_layout.addWidget(self.stack)

        ops.changed.connect(self._on_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)
        self.reload()

    # -- building -------------------------------------------------------------------------

    def _build_empty_page(self) -> QWidget:
        page = QWidget(self)
        self.empty_text = QLabel(
            _(
                "There is no support plan for this person yet. A new plan starts as a draft; "
                "the support needs from the needs assessment are filled in. It becomes active "
                "once it has been signed."
            ),
            page,
        )
        self.empty_text.setWordWrap(True)
        self.create_button = QPushButton(_("&Create support plan"), page)
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.empty_text)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _button(self, text: str, slot: Callable[[], object], parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build_plan_page(self) -> QWidget:
        page = QWidget(self)
        self.save_button = self._button(_("Save &plan"), self.save, page)
        self.save_button.setToolTip(_("Save the texts, goals and steps"))
        self.signatures_button = self._button(_("Sig&natures…"), self.edit_signatures, page)
        self.review_button = self._button(_("Re&view…"), self.review, page)
        self.review_button.setToolTip(
            _("Rate the goals, close this version and start the next one")
        )
        self.print_button = self._button(_("Pr&int / preview…"), self.print_preview, page)
        self.print_button.setToolTip(_("Print or save as PDF (Ctrl+P)"))
        # made with their tables (so that Tab reaches them after the table)
        self._add_texts = {"goals": _("Add &goal"), "steps": _("Add s&tep")}

        self.header = QLabel(page)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_hint = make_hint(QLabel(page))  # the muted grey of a caption, at 4.5:1
        self.status_hint.setWordWrap(True)
        self.saved_label = QLabel(page)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.saved_label)
        for button in (
            self.save_button,
            self.signatures_button,
            self.review_button,
            self.print_button,
        ):
            top.addWidget(button)

        self.scroll = QScrollArea(page)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.addLayout(self._build_texts(body))
        body_layout.addWidget(self._build_goals(body))
        body_layout.addWidget(self._build_steps(body))
        self.versions = VersionsBox(self._lotse, self.participant_id, body)
        self.versions.open_requested.connect(self.open_printout)
        versions_box = QGroupBox(with_mnemonic(_("Versions and printouts"), set()), body)
        box_layout = QVBoxLayout(versions_box)
        box_layout.addWidget(self.versions)
        versions_box.setMinimumHeight(self.fontMetrics().height() * 12)
        body_layout.addWidget(versions_box)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status_hint)
        layout.addWidget(self.scroll, 1)
        return page

    def _build_texts(self, body: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.texts: dict[str, QPlainTextEdit] = {}
        height = self.fontMetrics().lineSpacing() * TEXT_LINES + 12
        for number, name in enumerate(TEXT_FIELDS):
            edit = QPlainTextEdit(body)
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(label(name))
            edit.setFixedHeight(height)
            caption = QLabel(escape(label(name)) + ":", body)
            caption.setBuddy(edit)
            row, column = divmod(number, 2)
            if name == "needs":
                grid.addLayout(self._needs_caption(caption, body), row * 2, column)
            else:
                grid.addWidget(caption, row * 2, column)
            grid.addWidget(edit, row * 2 + 1, column)
            self.texts[name] = edit

        self.next_review = DateField(body)
        self.next_review.setAccessibleName(label("next_review_on"))
        fit_date_width(self.next_review)
        self.place = QLineEdit(body)
        self.place.setAccessibleName(label("place"))
        line = QHBoxLayout()
        for name, widget in (("next_review_on", self.next_review), ("place", self.place)):
            caption = QLabel(escape(label(name)) + ":", body)
            caption.setBuddy(widget)
            line.addWidget(caption)
            line.addWidget(widget, 1 if widget is self.place else 0)
            line.addSpacing(12)
        grid.addLayout(line, len(TEXT_FIELDS), 0, 1, 2)
        return grid

    def _needs_caption(self, caption: QLabel, body: QWidget) -> QHBoxLayout:
        """The Förderbedarfe caption with "Aus der Förderbedarfsermittlung" beside it (shown
        when the person has a needs assessment)."""
        self.take_needs_button = QPushButton(_("From the needs assessment"), body)
        self.take_needs_button.setToolTip(
            _("Fill in the support needs from the newest needs assessment (not yet saved).")
        )
        self.take_needs_button.setAutoDefault(False)
        self.take_needs_button.clicked.connect(self.take_needs)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addStretch(1)
        row.addWidget(self.take_needs_button)
        return row

    def _show_take_needs(self) -> None:
        has_assessment = newest_assessment(self._lotse.reads, self.participant_id) is not None
        self.take_needs_button.setVisible(has_assessment)

    def take_needs(self) -> None:
        """The needs text as a new plan would start it from the newest needs assessment, as
        an edit of the form (saved with the plan); asks before replacing written text."""
        with self._lotse.reading() as uow:
            text = prefilled_needs(get_participant(uow, self.participant_id))
        edit = self.texts["needs"]
        if text == edit.toPlainText():
            return
        if edit.toPlainText().strip():
            answer = QMessageBox.question(
                self,
                _("Support needs"),
                _("Replace the support needs written so far with those of the needs assessment?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        edit.setPlainText(text)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _list_box(
        self,
        title: str,
        view: QTableView,
        add: Callable[[], None],
        noun: tuple[str, str],
        body: QWidget,
    ) -> tuple[QGroupBox, QPushButton]:
        """A group with the table and its buttons: add (Ins), remove (Del), up / down
        (Ctrl+arrows); returns the group and its add button."""
        remove_text, model_name = noun
        box = QGroupBox(with_mnemonic(title, set()), body)  # a letter to jump to the table
        view.setParent(box)
        add_button = QPushButton(self._add_texts[model_name], box)
        add_button.clicked.connect(add)
        remove = QPushButton(remove_text, box)
        up = QPushButton(_("Move up"), box)
        down = QPushButton(_("Move down"), box)
        remove.setToolTip(_("Remove the chosen row (Del)"))
        up.setToolTip(_("Move the chosen row up (Ctrl+Up)"))
        down.setToolTip(_("Move the chosen row down (Ctrl+Down)"))
        add_button.setToolTip(_("Add a row at the end (Ins)"))
        for button, text in ((up, "Move up"), (down, "Move down")):
            button.setAccessibleName(f"{_(text)}: {title}")
        buttons = QVBoxLayout()
        for button in (add_button, remove, up, down):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        view.setMinimumHeight(self.fontMetrics().height() * 9)
        row = QHBoxLayout(box)
        row.addWidget(view, 1)
        row.addLayout(buttons)

        remove.clicked.connect(lambda: self.remove_row(model_name))
        up.clicked.connect(lambda: self.move_row(model_name, -1))
        down.clicked.connect(lambda: self.move_row(model_name, 1))
        keys = (
            (QKeySequence(QKeySequence.StandardKey.Delete), lambda: self.remove_row(model_name)),
            (QKeySequence(Qt.Key.Key_Insert), add_button.click),
            (QKeySequence("Ctrl+Up"), lambda: self.move_row(model_name, -1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_row(model_name, 1)),
        )
        for sequence, slot in keys:
            shortcut = QShortcut(sequence, view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        return box, add_button

    def _build_goals(self, body: QWidget) -> QGroupBox:
        self.goals_view = row_table(self.goals, label("goals"), body)
        self.goals_view.setToolTip(_("F2 or typing edits a cell; Enter confirms"))
        box, self.add_goal_button = self._list_box(
            label("goals"),
            self.goals_view,
            self.add_goal,
            (_("Remove goal"), "goals"),
            body,
        )
        size_columns(
            self.goals_view, {"goal_title": 0, "indicator": 0, "deadline": 95, "status": 120}
        )
        return box

    def _build_steps(self, body: QWidget) -> QGroupBox:
        self.steps_view = row_table(self.steps, label("steps"), body)
        self.steps_view.setToolTip(_("F2 or typing edits a cell; Enter confirms"))
        box, self.add_step_button = self._list_box(
            label("steps"),
            self.steps_view,
            self.add_step,
            (_("Remove step"), "steps"),
            body,
        )
        size_columns(
            self.steps_view,
            {"description": 0, "goal_id": 190, "responsible": 130, "due_on": 95, "status": 120},
        )
        return box

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A mnemonic may jump to a field scrolled out of sight: bring it into view."""
        body = self.scroll.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new)

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the open version as stored (edits not saved are dropped: ask first)."""
        with self._lotse.reading() as uow:
            plan = current_plan(uow, self.participant_id)
            if plan is not None:
                assert plan.id is not None
                header = _Header(plan.number, plan.version, plan.status)
                values = {name: getattr(plan, name) for name in TEXT_FIELDS}
                review_on, place = plan.next_review_on, plan.place
                goals = goals_of(uow, plan.id)
                steps = steps_of(uow, plan.id)
        if plan is None:
            self.plan_id = None
            self.stack.setCurrentIndex(0)
            self._baseline = [None, None, None]
            return
        self.plan_id = plan.id
        self.stack.setCurrentIndex(1)
        self._show_header(header)
        for name, edit in self.texts.items():
            edit.setPlainText(values[name])
        self.next_review.set_date(review_on)
        self.place.setText(place)
        goal_rows = {
            goal.id: GoalRow(
                goal.title, goal.indicator, date_text(goal.deadline), goal.status, goal.id
            )
            for goal in goals
        }
        self._keep_current(self.goals_view, lambda: self.goals.set_rows(list(goal_rows.values())))
        step_rows = [
            StepRow(
                step.description,
                step.responsible,
                date_text(step.due_on),
                step.status,
                goal_rows.get(step.goal_id) if step.goal_id is not None else None,
                step.id,
            )
            for step in steps
        ]
        self._keep_current(self.steps_view, lambda: self.steps.set_rows(step_rows))
        self.versions.reload()
        self._show_take_needs()
        self._baseline = list(self._snapshot())

    def _keep_current(self, view: QTableView, refill: Callable[[], None]) -> None:
        current = view.currentIndex()
        refill()
        model = view.model()
        if current.isValid() and model.rowCount():
            row = min(current.row(), model.rowCount() - 1)
            view.setCurrentIndex(model.index(row, current.column()))

    def _show_header(self, header: _Header) -> None:
        self.header.setText(
            f"<b>{escape(_('Support plan'))} {escape(header.number)}</b> · "
            f"{escape(_('Version'))} {header.version} · "
            f"{escape(_('Status'))}: {escape(header.status.label)}"
        )
        self.header.setAccessibleName(self.header.text())
        if header.status == PlanStatus.DRAFT:
            self.status_hint.setText(
                _(
                    "Draft: print the plan, have it signed and record the signatures; then it "
                    "becomes active."
                )
            )
        else:
            self.status_hint.setText("")
        self.status_hint.setVisible(bool(self.status_hint.text()))

    def _texts_snapshot(self) -> tuple[object, ...]:
        texts = tuple(edit.toPlainText() for edit in self.texts.values())
        return (*texts, self.next_review.text().strip(), self.place.text())

    def _snapshot(self) -> tuple[object, object, object]:
        return self._texts_snapshot(), self.goals.snapshot(), self.steps.snapshot()

    def _differs(self) -> bool:
        return self.plan_id is not None and list(self._snapshot()) != self._baseline

    def is_modified(self) -> bool:
        """True when texts, goals or steps differ from what is stored."""
        if self.plan_id is None:
            return False
        for view in (self.goals_view, self.steps_view):
            finish_editing(view)
        return self._differs()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not self._concerns(changes, changes.plans):
            return
        if self._differs():
            self.versions.reload()  # keep the edits; refresh what is read-only
            self._show_take_needs()
        else:
            self.reload()

    # -- saving ---------------------------------------------------------------------------

    def edit(self, errors: list[FieldError]) -> PlanEdit:
        """The tab as the plan edit to store; inputs that cannot be read go to ``errors``."""
        review_on = read_date(self.next_review, "next_review_on", label("next_review_on"), errors)
        texts = PlanInput(
            **{name: edit.toPlainText() for name, edit in self.texts.items()},
            next_review_on=review_on,
            place=self.place.text(),
        )
        return PlanEdit(texts, tuple(self.goals.inputs(errors)), tuple(self.steps.inputs(errors)))

    def pending_edit(self, errors: list[FieldError]) -> tuple[int, PlanEdit] | None:
        """The plan id and its edit when the tab holds unsaved edits, else None."""
        if self.plan_id is None or not self.is_modified():
            return None
        return self.plan_id, self.edit(errors)

    def save(self) -> bool:
        """Store texts, goals and steps in one go; on problems show one message, keep edits."""
        errors: list[FieldError] = []
        pending = self.pending_edit(errors)
        if pending is None:
            return True
        plan_id, edit = pending
        changes = self._ops.run(
            lambda uow: save_plan_edit(uow, plan_id, edit),
            parent=self,
            on_invalid=self.show_errors,
            initiator=self,
            unreadable=errors,
        )
        if changes is None:
            return False
        self.saved()
        return True

    def saved(self) -> None:
        """What is on the tab was stored (by this tab or with the record): show it as stored."""
        self.reload()
        self.saved_label.setText(saved_at_text())

    def _field_widgets(self) -> dict[str, QWidget]:
        return {**self.texts, "next_review_on": self.next_review, "place": self.place}

    def show_errors(self, errors: list[FieldError]) -> None:
        """One message "Feld: Meldung" for all; then the first wrong field or cell has focus."""
        reveal(self)
        show_errors(self, _("The support plan was not saved:"), errors, {})
        self.focus_error(errors[0].field)

    def focus_error(self, field: str) -> None:
        """Bring the field or cell an error names into view and give it the focus."""
        widgets = self._field_widgets()
        if field in widgets:
            reveal(widgets[field])
            widgets[field].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_cell(field)

    def focus_cell(self, field: str) -> None:
        """Focus the cell an error names, e.g. "goals.1.indicator"."""
        list_name, _dot, rest = field.partition(".")
        row_text, _dot, name = rest.partition(".")
        model, view = self._list(list_name)
        if model is None or view is None or not row_text.isdigit():
            return
        row = int(row_text)
        if row >= model.rowCount():
            return
        index = model.index(row, model.column_of(name))
        view.setCurrentIndex(index)
        view.scrollTo(index)
        reveal(view)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _list(self, name: str) -> tuple[RowTableModel | None, QTableView | None]:
        if name == "goals":
            return self.goals, self.goals_view
        if name == "steps":
            return self.steps, self.steps_view
        return None, None

    # -- rows -----------------------------------------------------------------------------

    def _add(self, model: RowTableModel, view: QTableView, row: object) -> None:
        finish_editing(view)
        position = model.insert(model.rowCount(), row)
        index = model.index(position, 0)
        reveal(view)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.edit(index)

    def add_goal(self) -> None:
        self._add(self.goals, self.goals_view, GoalRow())

    def add_step(self) -> None:
        goal = None
        current = self.goals_view.currentIndex()
        if current.isValid():
            goal = self.goals.rows()[current.row()]  # the goal in view is the likely one
        self._add(self.steps, self.steps_view, StepRow(goal=goal))

    def remove_row(self, list_name: str) -> None:
        model, view = self._list(list_name)
        if model is None or view is None:
            return
        finish_editing(view)
        current = view.currentIndex()
        if not current.isValid():
            return
        removed = model.remove(current.row())
        if isinstance(removed, GoalRow):
            self.steps.unlink(removed)
        if model.rowCount():
            row = min(current.row(), model.rowCount() - 1)
            view.setCurrentIndex(model.index(row, current.column()))
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_row(self, list_name: str, delta: int) -> None:
        model, view = self._list(list_name)
        if model is None or view is None:
            return
        finish_editing(view)
        current = view.currentIndex()
        if not current.isValid():
            return
        row = model.move(current.row(), delta)
        view.setCurrentIndex(model.index(row, current.column()))
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions --------------------------------------------------------------------------

    def create(self) -> int | None:
        participant_id = self.participant_id
        changes = self._ops.run(
            lambda uow: create_plan(uow, participant_id),
            parent=self,
            failed=_("The support plan was not created:"),
            initiator=self,
        )
        self.reload()
        if changes is None:
            return None
        self.texts["situation"].setFocus(Qt.FocusReason.OtherFocusReason)
        return changes.created

    def _saved_first(self) -> bool:
        """Dialogs work on the stored plan: save edits first."""
        return self.plan_id is not None and (not self.is_modified() or self.save())

    def edit_signatures(self) -> bool:
        if not self._saved_first():
            return False
        assert self.plan_id is not None
        accepted = run_dialog(SignaturesDialog(self._lotse, self._ops, self.plan_id, self))
        self.reload()
        return accepted

    def review(self) -> int | None:
        if not self._saved_first():
            return None
        assert self.plan_id is not None
        dialog = ReviewDialog(self._lotse, self._ops, self.plan_id, self)
        new_plan_id = dialog.new_plan_id if run_dialog(dialog) else None
        self.reload()
        if new_plan_id is not None:
            self.saved_label.setText(
                _("Reviewed; version {version} started.").format(version=dialog.version + 1)
            )
        return new_plan_id

    def print_preview(self) -> None:
        """Ctrl+P: the print dialog for the open version (saved first)."""
        if not self._saved_first():
            return
        assert self.plan_id is not None
        from ui.plan.print_dialog import PlanPrintDialog  # PDF and QtPdf: loaded when first used

        run_dialog(PlanPrintDialog(self._lotse, self._ops, self.plan_id, self))
        self.versions.reload()

    def open_printout(self, plan_id: int, print_id: int) -> None:
        from ui.plan.print_dialog import PlanPrintDialog

        run_dialog(PlanPrintDialog(self._lotse, self._ops, plan_id, self, print_id=print_id))

"""Überprüfung: rate each goal, note the review; the service closes the version and starts
the next one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.i18n import _
from app.models.support_plan import Goal
from app.services.support_plans.common import get_plan, goals_of, label
from app.services.support_plans.review import review_plan
from app.vocab import GoalResult, GoalStatus
from ui.mnemonics import escape
from ui.operations import Operations
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.formatting import date_text


class ReviewDialog(QDialog):
    """One row per goal: result (combo) and reason; below, notes on the review."""

    def __init__(
        self, lotse: Lotse, ops: Operations, plan_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.plan_id = plan_id
        self.new_plan_id: int | None = None
        with lotse.reading() as uow:
            plan = get_plan(uow, plan_id)
            self.participant_id = plan.participant_id
            self.version = plan.version
            goals = goals_of(uow, plan_id)
        self.setWindowTitle(
            _("Review support plan, version {version}").format(version=self.version)
        )
        self.setMinimumSize(760, 420)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.finish_button = self.buttons.addButton(
            _("&Finish review"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.finish_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        intro = QLabel(
            _(
                "Rate every goal. Version {version} is then closed; version {next} starts with "
                "the goals not achieved and their open steps."
            ).format(version=self.version, next=self.version + 1),
            self,
        )
        intro.setWordWrap(True)

        self.goal_ids: list[int] = []
        self.results: list[EnumCombo] = []
        self.reasons: list[QLineEdit] = []
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 5)
        grid.setColumnStretch(3, 3)
        for column, text in enumerate(
            (_("No."), label("goal_title"), label("result"), label("result_reason"))
        ):
            heading = QLabel(f"<b>{escape(text)}</b>", body)
            grid.addWidget(heading, 0, column)
        for index, goal in enumerate(goals):
            self._add_goal_row(grid, body, index, goal)
        if not goals:
            grid.addWidget(QLabel(_("This version has no goals."), body), 1, 0, 1, 4)
        grid.setRowStretch(len(goals) + 1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no silent Tab stop: Tab goes to the goals
        scroll.setWidget(body)

        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(label("review_notes"))
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        notes_caption = QLabel(escape(label("review_notes")) + ":", self)
        notes_caption.setBuddy(self.notes)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(notes_caption)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {"review_notes": self.notes}
        for index, (combo, reason) in enumerate(zip(self.results, self.reasons, strict=True)):
            self.field_widgets[f"goals.{index}.result"] = combo
            self.field_widgets[f"goals.{index}.result_reason"] = reason
        first = next((combo for combo in self.results if combo.isEnabled()), self.notes)
        first.setFocus()

    def _add_goal_row(self, grid: QGridLayout, body: QWidget, index: int, goal: Goal) -> None:
        row = index + 1
        number = QLabel(f"{index + 1}.", body)
        title = QLabel(escape(goal.title), body)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        details = [f"{label('deadline')}: {date_text(goal.deadline)}"] if goal.deadline else []
        if goal.indicator:
            details.append(f"{label('indicator')}: {goal.indicator}")
        if goal.status == GoalStatus.CANCELLED:
            details.append(f"{label('status')}: {goal.status.label}")
        detail = QLabel(" · ".join(details), body)
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setWordWrap(True)
        cell = QVBoxLayout()
        cell.setSpacing(0)
        cell.addWidget(title)
        cell.addWidget(detail)
        combo = EnumCombo(GoalResult, parent=body)
        # named after the goal's title shown beside it (its buddy label, WCAG 2.5.3)
        combo.setAccessibleName(_("{goal}: {field}").format(goal=goal.title, field=label("result")))
        combo.setAccessibleDescription(detail.text())
        title.setBuddy(combo)
        reason = QLineEdit(goal.result_reason, body)
        reason.setAccessibleName(
            _("{goal}: {field}").format(goal=goal.title, field=label("result_reason"))
        )
        if goal.result is not None:
            combo.set_value(goal.result)
        if goal.status == GoalStatus.CANCELLED:
            combo.setEnabled(False)
            reason.setEnabled(False)
        top = Qt.AlignmentFlag.AlignTop
        offset = max(0, (combo.sizeHint().height() - title.fontMetrics().height()) // 2)
        number.setContentsMargins(0, offset, 0, 0)
        cell.setContentsMargins(0, offset, 0, 0)
        grid.addWidget(number, row, 0, top)
        grid.addLayout(cell, row, 1, top)
        grid.addWidget(combo, row, 2, top)
        grid.addWidget(reason, row, 3, top)
        grid.setRowMinimumHeight(row, combo.sizeHint().height() + 6)
        self.goal_ids.append(goal.id or 0)
        self.results.append(combo)
        self.reasons.append(reason)

    def chosen_results(self) -> dict[int, tuple[GoalResult, str]]:
        chosen: dict[int, tuple[GoalResult, str]] = {}
        for goal_id, combo, reason in zip(self.goal_ids, self.results, self.reasons, strict=True):
            result = combo.value()
            if isinstance(result, GoalResult) and combo.isEnabled():
                chosen[goal_id] = (result, reason.text())
        return chosen

    def accept(self) -> None:
        plan_id, results, notes = self.plan_id, self.chosen_results(), self.notes.toPlainText()
        changes = self._ops.run(
            lambda uow: review_plan(uow, plan_id, results, notes),
            parent=self,
            failed=_("The review was not saved:"),
            fields=self.field_widgets,
        )
        if changes is not None:
            self.new_plan_id = changes.created
            super().accept()

"""Kursteilnahme: enrol a person in a course or edit the enrolment, from the person's tab
"Kurse & Maßnahmen" or from a course (then the person is chosen by typing). After a completion
with a level higher than the person's it asks whether to take the level over
(``LevelUpdateDialog``); only "Übernehmen" changes it (app.services.enrollments)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.services import enrollments
from app.services.caseload import participant_rows
from app.services.enrollments import (
    CourseChoice,
    EnrollmentInput,
    EnrollmentRow,
    GoalChoice,
    LevelOffer,
)
from app.text import fold
from app.vocab import EnrollmentStatus, ExamResult, GermanLevel, GermanProofKind
from ui.mnemonics import escape
from ui.operations import Operations
from ui.participant.form_fields import compact_combo
from ui.participant.participant_chooser import ParticipantChooser
from ui.widgets.colours import make_hint
from ui.widgets.date_field import DateField, read_date
from ui.widgets.enum_combo import EMPTY_TEXT, EnumCombo
from ui.widgets.formatting import EMPTY, date_text
from ui.widgets.panels import ParticipantDialog, fit_date_width, run_dialog
from ui.widgets.typed_chooser import MAX_HITS, TypedChooser, TypedHitModel

S = EnrollmentStatus


def period_text(start: date | None, end: date | None) -> str:
    """ "01.06.2026 – 18.12.2026", "ab 01.06.2026", "bis …" or ""."""
    if start and end:
        return f"{date_text(start)} – {date_text(end)}"
    if start:
        return _("from {date}").format(date=date_text(start))
    if end:
        return _("until {date}").format(date=date_text(end))
    return ""


def course_text(choice: CourseChoice) -> str:
    """ "Pflege B2 · 01.06.2026 – 18.12.2026 · Sprachschule · Berufssprachkurs Basis B2": the
    dates early (courses of one title differ by them), the kind unless the title says it."""
    kind = choice.kind.label
    parts = [
        choice.title or kind,
        period_text(choice.start, choice.end),
        choice.provider_name,
        kind if choice.title and fold(kind) not in fold(choice.title) else "",
    ]
    return " · ".join(part for part in parts if part)


def _search_texts(choices: list[CourseChoice]) -> list[str]:
    """Title, kind and provider of each course, folded for matching (kinds and providers
    repeat: folded once each; 2,000 courses take a few milliseconds)."""
    folded: dict[str, str] = {}

    def once(text: str) -> str:
        if text not in folded:
            folded[text] = fold(text)
        return folded[text]

    return [
        f"{fold(choice.title)} {once(choice.kind.label)} {once(choice.provider_name)}"
        for choice in choices
    ]


class CourseHitModel(TypedHitModel[CourseChoice]):
    """At most MAX_HITS courses found for the search text."""

    def hit_text(self, row: CourseChoice) -> str:
        return course_text(row)


class CourseChooser(TypedChooser[CourseChoice]):
    """Choose a course by typing part of its title, kind or provider; Down or Enter
    picks from the hits (ui.widgets.typed_chooser, as the organisation chooser). The choices
    are read once and filtered in memory: a keystroke over 2,000 courses costs about a
    millisecond."""

    def __init__(self, choices: list[CourseChoice], parent: QWidget | None = None) -> None:
        super().__init__(
            CourseHitModel,
            parent,
            description=_("Search course"),
            placeholder=_("Type a title, kind or provider, then Enter or Down"),
            hits_name=_("Courses found"),
            nothing_chosen=_("No course chosen yet."),
            not_found=_("No course found."),
        )
        self._choices = choices
        self._folded = _search_texts(choices)

    @property
    def course_id(self) -> int | None:
        return self.chosen_id

    def choice(self, course_id: int | None) -> CourseChoice | None:
        return next((c for c in self._choices if c.id == course_id), None)

    def set_course(self, course_id: int | None) -> None:
        """Show ``course_id`` as chosen (None: nothing), without ``chosen``."""
        found = self.choice(course_id)
        if found is None:
            self.set_chosen(course_id)
        else:
            self.set_chosen(course_id, *self._shown_for(found))

    def matches(self, text: str) -> list[CourseChoice]:
        words = fold(text).split()
        if not words:
            return []
        return [
            choice
            for choice, folded in zip(self._choices, self._folded, strict=True)
            if all(word in folded for word in words)
        ]

    def _search(self, text: str) -> tuple[list[CourseChoice], int]:
        """The courses matching every word of ``text``."""
        found = self.matches(text)
        return found[:MAX_HITS], len(found)

    def _shown_for(self, hit: CourseChoice) -> tuple[str, str]:
        return course_text(hit), _("Chosen: {name}").format(name=hit.title or hit.kind.label)


def goal_text(goal: GoalChoice) -> str:
    return _("{title} (support plan, version {version})").format(
        title=goal.title, version=goal.plan_version
    )


def _fixed(text: str, parent: QWidget) -> QLabel:
    shown = QLabel(text, parent)
    shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    shown.setWordWrap(True)
    return shown


class EnrollmentDialog(ParticipantDialog):
    """Anmelden (``enrollment_id`` None) or edit an enrolment. Without ``participant_id`` the
    person is chosen by typing; with ``course_id`` the course is fixed (the course's side).
    ``saved_id``: the enrolment once stored."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        participant_id: int | None,
        enrollment_id: int | None = None,
        course_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.row: EnrollmentRow | None = None
        if enrollment_id is not None:
            self.row = enrollments.enrollment_row(lotse.reads, enrollment_id)
            if self.row is not None:
                participant_id = self.row.participant_id
                if course_id is not None:
                    course_id = self.row.course_id
        super().__init__(lotse, ops, participant_id, parent)  # type: ignore[arg-type]
        self.enrollment_id = enrollment_id  # gone meanwhile: saving says so
        self.saved_id: int | None = None
        self.level_offer: LevelOffer | None = None
        self._today = today or date.today()
        self._fixed_course = course_id
        current_course = self.row.course_id if self.row is not None else course_id
        choices = enrollments.course_choices(lotse.reads, self._today, current_course)
        fixed_choice = next((c for c in choices if c.id == course_id), None)
        self.setMinimumWidth(760)
        if self.row is not None:
            self.setWindowTitle(
                _("Enrolment – {course}").format(course=self.row.course_title or EMPTY)
            )
            self._make_buttons(QDialogButtonBox.StandardButton.Save)
        else:
            title = _("Enrol in a course")
            if fixed_choice is not None:
                title = _("Enrol in {course}").format(course=fixed_choice.title or EMPTY)
            self.setWindowTitle(title)
            self._make_buttons(QDialogButtonBox.StandardButton.Save, _("Enrol"))

        top = self._growing_form()
        self.person: ParticipantChooser | None = None
        self.person_label: QLabel | None = None
        person_caption = enrollments.label("participant_id")
        if participant_id is None:
            self.person = ParticipantChooser(lotse, self)
            self.person.search.setAccessibleName(person_caption)  # see QuickNoteDialog
            self.person.chosen.connect(self._on_person_chosen)
            caption = QLabel(escape(person_caption) + ":", self)
            caption.setBuddy(self.person.search)
            top.addRow(caption, self.person)
        else:
            self.person_label = _fixed(self._person_name(participant_id), self)
            top.addRow(QLabel(escape(person_caption) + ":", self), self.person_label)

        self.course: CourseChooser | None = None
        course_caption = enrollments.label("course_id")
        if fixed_choice is not None:
            top.addRow(
                QLabel(escape(course_caption) + ":", self),
                _fixed(course_text(fixed_choice), self),
            )
        else:
            self.course = CourseChooser(choices, self)
            self.course.setAccessibleName(course_caption)
            caption = QLabel(escape(course_caption) + ":", self)
            caption.setBuddy(self.course.search)
            top.addRow(caption, self.course)
            if current_course is not None:
                self.course.set_course(current_course)

        # two columns: the enrolment's course through time, and the exam
        left, right = self._growing_form(), self._growing_form()
        statuses = enrollments.next_statuses(self.row.status if self.row else None)
        self.status = EnumCombo(EnrollmentStatus, optional=False, members=statuses, parent=self)
        self.registered_on = DateField(self)
        self.left_on = DateField(self)
        self.dropout_reason = QPlainTextEdit(self)
        self.dropout_reason.setTabChangesFocus(True)
        self.dropout_reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        for name, widget in (
            ("status", self.status),
            ("registered_on", self.registered_on),
            ("left_on", self.left_on),
            ("dropout_reason", self.dropout_reason),
        ):
            self._add_row(left, enrollments.label(name), widget)
        self.exam = QLineEdit(self)
        self.exam.setPlaceholderText(_("e.g. DTZ, telc Deutsch B1"))
        self.exam_on = DateField(self)
        self.exam_result = EnumCombo(ExamResult, parent=self)
        reachable = [level for level in GermanLevel if level != GermanLevel.NONE]
        self.level_reached = EnumCombo(GermanLevel, members=reachable, parent=self)
        for name, widget in (
            ("exam", self.exam),
            ("exam_on", self.exam_on),
            ("exam_result", self.exam_result),
            ("level_reached", self.level_reached),
        ):
            self._add_row(right, enrollments.label(name), widget)
        for field in (self.registered_on, self.left_on, self.exam_on):
            fit_date_width(field)
        compact_combo(self.exam_result, 10)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)

        bottom = self._growing_form()
        self.goal = QComboBox(self)
        compact_combo(self.goal, 30)
        self._add_row(bottom, enrollments.label("goal_id"), self.goal)
        self.goal_hint = make_hint(QLabel(self))
        self.goal_hint.setWordWrap(True)
        bottom.addRow("", self.goal_hint)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self._add_row(bottom, enrollments.label("notes"), self.notes)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns)
        layout.addLayout(bottom)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {
            "participant_id": self.person.search if self.person else self.status,
            "course_id": self.course.search if self.course else self.status,
            "status": self.status,
            "registered_on": self.registered_on,
            "left_on": self.left_on,
            "dropout_reason": self.dropout_reason,
            "exam": self.exam,
            "exam_on": self.exam_on,
            "exam_result": self.exam_result,
            "level_reached": self.level_reached,
            "goal_id": self.goal,
            "notes": self.notes,
        }
        self._fill_goals()
        self._show_values()
        self.status.currentIndexChanged.connect(lambda _index: self._on_status_changed())
        self._update_enabled()
        if self.person is not None:
            self.person.search.setFocus()
        elif self.course is not None and self.row is None:
            self.course.search.setFocus()
        else:
            self.status.setFocus()

    # -- the values -------------------------------------------------------------------------

    def _person_name(self, participant_id: int) -> str:
        rows = participant_rows(self._lotse.reads, [participant_id])
        if not rows:
            return EMPTY
        return " ".join(part for part in (rows[0].first_name, rows[0].last_name) if part)

    def _show_values(self) -> None:
        row = self.row
        if row is None:
            self.status.set_value(S.REGISTERED)
            self.registered_on.set_date(self._today)
            return
        self.status.set_value(row.status)
        self.registered_on.set_date(row.registered_on)
        self.left_on.set_date(row.left_on)
        self.dropout_reason.setPlainText(row.dropout_reason)
        self.exam.setText(row.exam)
        self.exam_on.set_date(row.exam_on)
        self.exam_result.set_value(row.exam_result)
        self.level_reached.set_value(row.level_reached)
        self.notes.setPlainText(row.notes)

    def _fill_goals(self) -> None:
        """The goals of the person's open plans; the one standing for the course chosen."""
        current = self.goal.currentData()
        self.goal.clear()
        self.goal.addItem(EMPTY_TEXT, None)
        goals = (
            enrollments.plan_goal_choices(self._lotse.reads, self.participant_id)
            if self.participant_id is not None
            else []
        )
        for goal in goals:
            self.goal.addItem(goal_text(goal), goal.id)
        if self.row is not None and current is None:
            current = enrollments.linked_goal_id(
                self._lotse.reads, self.row.participant_id, self.row.course_id
            )
        self.goal.setCurrentIndex(max(self.goal.findData(current), 0))
        self.goal.view().setMinimumWidth(self.goal.view().sizeHintForColumn(0) + 24)
        if self.participant_id is None:
            self.goal_hint.setText(_("Choose the person first."))
        elif not goals:
            self.goal_hint.setText(_("The person has no open support plan with goals."))
        else:
            self.goal_hint.setText(_("The goal links to the course in the support plan."))

    def _on_person_chosen(self, participant_id: int) -> None:
        self.participant_id = participant_id
        if self.person is not None:
            self.person.status.setText(
                _("Chosen: {name}").format(name=self.person.participant_name)
            )
        self._fill_goals()
        if self.course is not None:
            self.course.search.setFocus()
        else:
            self.status.setFocus()

    def _on_status_changed(self) -> None:
        status = self.status.value()
        if status in enrollments.CLOSED and not self.left_on.text().strip():
            self.left_on.set_date(self._today)
        self._update_enabled()

    def _update_enabled(self) -> None:
        status = self.status.value()
        self.left_on.setEnabled(status in enrollments.CLOSED)
        self.dropout_reason.setEnabled(status == S.DROPPED)
        self.level_reached.setEnabled(status == S.COMPLETED)

    def course_id(self) -> int | None:
        if self.course is None:
            return self._fixed_course
        return self.course.course_id

    def enrollment_input(self, errors: list[FieldError]) -> EnrollmentInput:
        """What the dialog shows; a field disabled for the status counts as empty."""
        status = self.status.value()
        assert isinstance(status, EnrollmentStatus)
        registered_on = read_date(
            self.registered_on, "registered_on", enrollments.label("registered_on"), errors
        )
        left_on = None
        if self.left_on.isEnabled():
            left_on = read_date(self.left_on, "left_on", enrollments.label("left_on"), errors)
        exam_on = read_date(self.exam_on, "exam_on", enrollments.label("exam_on"), errors)
        course_id = self.course_id()
        if course_id is None and self.course is not None and self.course.typed_without_choice():
            message = _("Please choose one of the courses found.")
            errors.append(FieldError("course_id", enrollments.label("course_id"), message))
        return EnrollmentInput(
            course_id=course_id,
            status=status,
            registered_on=registered_on,
            left_on=left_on,
            dropout_reason=(
                self.dropout_reason.toPlainText().strip() if status == S.DROPPED else ""
            ),
            exam=self.exam.text().strip(),
            exam_on=exam_on,
            exam_result=self.exam_result.value(),  # type: ignore[arg-type]
            level_reached=(
                self.level_reached.value() if status == S.COMPLETED else None  # type: ignore[arg-type]
            ),
            notes=self.notes.toPlainText().strip(),
            goal_id=self.goal.currentData(),
        )

    # -- storing ----------------------------------------------------------------------------

    def accept(self) -> None:
        errors: list[FieldError] = []
        data = self.enrollment_input(errors)
        if self.person is not None:
            self.participant_id = self.person.participant_id
        pid = self.participant_id or 0  # nobody chosen: the operation names the field
        today = self._today
        enrollment_id = self.enrollment_id
        if enrollment_id is None:
            changes = self._store(
                lambda uow: enrollments.enroll(uow, pid, data, today=today),
                _("The enrolment was not saved:"),
                self.field_widgets,
                errors,
            )
            if changes is None:
                return
            self.saved_id = changes.created
        else:
            changes = self._store(
                lambda uow: enrollments.update_enrollment(uow, enrollment_id, data, today=today),
                _("The enrolment was not saved:"),
                self.field_widgets,
                errors,
            )
            if changes is None:
                return
            self.saved_id = enrollment_id
        if self.saved_id is not None and data.status == S.COMPLETED:
            self.offer_level(self.saved_id)

    def offer_level(self, enrollment_id: int) -> bool:
        """Ask whether the person's German level becomes the one reached (only when higher);
        True when it was taken over."""
        offer = enrollments.level_update_offer(self._lotse.reads, enrollment_id)
        self.level_offer = offer
        if offer is None:
            return False
        dialog = LevelUpdateDialog(
            self._lotse, self._ops, offer, self.parentWidget(), today=self._today
        )
        return run_dialog(dialog)


class LevelUpdateDialog(ParticipantDialog):
    """The question after a completion: "Deutschniveau übernehmen?" — from the current level
    to the level reached, with the proof and its date to store. "Übernehmen" runs
    ``adopt_level``; "Nein" leaves the level as it is."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        offer: LevelOffer,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(lotse, ops, offer.participant_id, parent)
        self.offer = offer
        self._today = today or date.today()
        self.setWindowTitle(_("Adopt the German level?"))
        self.setMinimumWidth(500)
        self.buttons = QDialogButtonBox(self)
        self.adopt_button = self.buttons.addButton(
            _("Adopt"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button = self.buttons.addButton(_("No"), QDialogButtonBox.ButtonRole.RejectRole)
        self.adopt_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        if offer.current is None:
            question = _("Adopt {reached} as the German level of {name} (none recorded yet)?")
        else:
            question = _("Change the German level of {name} from {current} to {reached}?")
        self.question = QLabel(
            question.format(
                name=offer.participant_name,
                current=offer.current.label if offer.current else "",
                reached=offer.reached.label,
            ),
            self,
        )
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        exam_parts = [offer.exam or _("Exam")]
        if offer.exam_on:
            exam_parts.append(_("on {date}").format(date=date_text(offer.exam_on)))
        if offer.exam_result:
            exam_parts.append(f"({offer.exam_result.label})")
        self.exam = make_hint(QLabel(" ".join(exam_parts), self))
        self.exam.setWordWrap(True)
        self.exam.setVisible(bool(offer.exam or offer.exam_on or offer.exam_result))

        self.proof = EnumCombo(GermanProofKind, parent=self)
        self.proof.set_value(offer.suggested_proof)
        compact_combo(self.proof, 20)
        self.proof_on = DateField(self)
        self.proof_on.set_date(offer.suggested_on or self._today)
        fit_date_width(self.proof_on)
        form = self._growing_form()
        self._add_row(form, _("Proof of German"), self.proof)
        self._add_row(form, _("Proof dated"), self.proof_on)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.exam)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {
            "german_proof": self.proof,
            "german_proof_on": self.proof_on,
        }
        self.adopt_button.setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        on = read_date(self.proof_on, "german_proof_on", _("Proof dated"), errors)
        proof = self.proof.value()
        enrollment_id, today = self.offer.enrollment_id, self._today
        self._store(
            lambda uow: enrollments.adopt_level(uow, enrollment_id, proof, on, today=today),  # type: ignore[arg-type]
            _("The German level was not changed:"),
            self.field_widgets,
            errors,
        )

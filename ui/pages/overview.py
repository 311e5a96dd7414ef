"""Übersicht: greeting, active cases, what is overdue or due soon, recently edited cases, and
the network's column: courses starting or ending this month, measures awaiting approval, and
(with Ausbildungsmanagement in use) the students at high risk without a contact for 4 weeks.

The follow-up lists: overdue, due today, the rest of this week, and "Demnächst" (after this week,
up to the office's horizon, ``OfficeSettings.follow_up_horizon_weeks``)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.i18n import N_, _, format_number, ngettext
from app.models.office_settings import DEFAULT_FOLLOW_UP_HORIZON_WEEKS, OfficeSettings
from app.services.follow_up_lists import FollowUpRow
from app.services.network_views import StudentAtRisk
from app.services.overview import (
    NO_CONTACT_DAYS,
    AwaitingApproval,
    CourseThisMonth,
    Overview,
    RecentCase,
    month_of,
    overview,
)
from app.vocab import Program
from ui.mnemonics import assign_mnemonics, escape
from ui.operations import Operations
from ui.widgets.colours import alert_colour
from ui.widgets.formatting import EMPTY, date_text, local_text
from ui.widgets.heading import page_heading

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 1
BATCH_ROWS = 20
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class Entry(NamedTuple):
    """A line; Enter or a click opens ``participant_id`` or ``organization_id``, asks for
    ``course_id`` (``course_requested``), or shows ``info`` when there is no record to open."""

    text: str
    participant_id: int | None
    tooltip: str = ""
    info: str = ""
    organization_id: int | None = None
    course_id: int | None = None


class EntryModel(QAbstractListModel):
    """Lines of one overview list; ``alert`` paints them red (4.5:1 on both row colours, light
    or dark). Not by colour alone: the list's heading and accessible name say "Überfällig"."""

    def __init__(self, *, alert: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._alert = alert

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.StatusTipRole):
            return entry.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole and self._alert:
            return alert_colour(QApplication.palette())
        if role == ID_ROLE:
            return entry.participant_id
        return None

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> Entry:
        return self._entries[row]


def follow_up_entry(row: FollowUpRow, *, with_date: bool = True) -> Entry:
    who = row.participant_name or EMPTY
    text = f"{who}: {row.title}"
    if with_date:
        text = f"{date_text(row.due_date)} · {text}"
    if row.participant_id is not None:
        tooltip = _("Due on {date}. Enter or click opens the participant.").format(
            date=date_text(row.due_date)
        )
        return Entry(text, row.participant_id, tooltip)
    if row.organization_id is not None:
        tooltip = _("Due on {date}. Enter or click opens the organisation.").format(
            date=date_text(row.due_date)
        )
        return Entry(text, None, tooltip, organization_id=row.organization_id)
    info = _("This follow-up belongs to no participant.")
    return Entry(text, None, info, info)


def recent_entry(case: RecentCase) -> Entry:
    text = f"{case.name or EMPTY} · {case.status.label}"
    tooltip = f"{case.program.label}\n" + _("Last changed {when}").format(
        when=local_text(case.updated_at)
    )
    return Entry(text, case.id, tooltip)


def _month_day(day: date | None, first: date, last: date) -> bool:
    return day is not None and first <= day <= last


def course_entry(row: CourseThisMonth, today: date) -> Entry:
    """ "Beginnt am 07.12.2026: Azubi-BSK Halle · VHS Halle · 12 angemeldet (15 Plätze)"."""
    first, last = month_of(today)
    if _month_day(row.start, first, last):
        when = _("Starts on {date}").format(date=date_text(row.start))
    else:
        when = _("Ends on {date}").format(date=date_text(row.end))
    parts = [f"{when}: {row.title or row.kind.label}"]
    if row.provider:
        parts.append(row.provider)
    enrolled = ngettext("{count} enrolled", "{count} enrolled", row.enrolled).format(
        count=format_number(row.enrolled)
    )
    if row.places is not None:
        enrolled += " " + ngettext("({count} place)", "({count} places)", row.places).format(
            count=format_number(row.places)
        )
    parts.append(enrolled)
    span = f"{date_text(row.start) or EMPTY} – {date_text(row.end) or EMPTY}"
    tooltip = f"{row.kind.label}\n{span}"
    return Entry(" · ".join(parts), None, tooltip, course_id=row.id)


def awaiting_entry(row: AwaitingApproval) -> Entry:
    """ "01.10.2026 · Ayşe Şahin: AsA flex · wartet seit 9 Wochen"."""
    who = row.participant_name or EMPTY
    if row.applied_on is None:
        return Entry(
            f"{who}: {row.kind.label} · " + _("no application date"),
            row.participant_id,
            _("Applied for, the date is not recorded. Enter or click opens the participant."),
        )
    waiting = ngettext(
        "waiting for {count} week", "waiting for {count} weeks", row.weeks_waiting or 0
    ).format(count=format_number(row.weeks_waiting or 0))
    text = f"{date_text(row.applied_on)} · {who}: {row.kind.label} · {waiting}"
    tooltip = _("Applied for on {date}. Enter or click opens the participant.").format(
        date=date_text(row.applied_on)
    )
    return Entry(text, row.participant_id, tooltip)


def student_entry(row: StudentAtRisk) -> Entry:
    """ "Łukasz Nowak · Klasse 10b · Bäcker · letzter Kontakt 01.10.2026"."""
    parts = [row.name or EMPTY]
    if row.school_class:
        parts.append(_("class {name}").format(name=row.school_class))
    if row.occupation:
        parts.append(row.occupation)
    if row.last_contact is None:
        parts.append(_("no contact yet"))
    else:
        parts.append(_("last contact {date}").format(date=date_text(row.last_contact)))
    tooltip = _("Dropout risk high")
    if row.risk_assessed_on is not None:
        tooltip = _("Dropout risk high, assessed on {date}").format(
            date=date_text(row.risk_assessed_on)
        )
    tooltip += "\n" + _("Enter or click opens the participant.")
    return Entry(" · ".join(parts), row.participant_id, tooltip)


class Section(QWidget):
    """A heading with a count, and a list, or a friendly line when the list is empty."""

    open_requested = Signal(int)
    organization_requested = Signal(int)
    course_requested = Signal(int)

    def __init__(
        self, heading: str, empty: str, *, alert: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._heading_text = heading  # msgid
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # the long headings of a narrow column
        layout.addWidget(self.heading)

        self.model = EntryModel(alert=alert, parent=self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)  # long subjects wrap instead of scrolling sideways
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        # Wrapped rows need their own heights; lay them out a screenful at a time, so that
        # the first window does not wait for all rows of a long list.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(BATCH_ROWS)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.clicked.connect(self._open_index)
        self.view.installEventFilter(self)
        self.empty = QLabel(_(empty) if empty else "", self)  # _(""): the catalog header
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(2, 4, 2, 4)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.heading.setBuddy(self.view)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """The wrapped heading's lines at this width are its minimum height: in a low window
        the lists scroll (OverviewPage.lists) rather than the heading being cut off."""
        super().resizeEvent(event)
        needed = self.heading.heightForWidth(event.size().width())
        if needed > 0 and needed != self.heading.minimumHeight():
            self.heading.setMinimumHeight(needed)

    def set_entries(self, entries: list[Entry], total: int | None = None) -> None:
        """``total``: how many there are in all, when ``entries`` shows only the first ones."""
        count = format_number(len(entries) if total is None else total)
        title = _("{title} ({count})").format(title=_(self._heading_text), count=count)
        self.heading.setText(escape(title))
        self.view.setAccessibleName(title)
        self.model.set_entries(entries)
        self.stack.setCurrentWidget(self.view if entries else self.empty)
        if entries:  # Enter works at once; the highlight waits for the keyboard
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def set_empty_text(self, text: str) -> None:
        self.empty.setText(text)

    def texts(self) -> list[str]:
        return [self.model.entry_at(row).text for row in range(self.model.rowCount())]

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        entry = self.model.entry_at(index.row())
        if entry.participant_id is not None:
            self.open_requested.emit(entry.participant_id)
        elif entry.organization_id is not None:
            self.organization_requested.emit(entry.organization_id)
        elif entry.course_id is not None:
            self.course_requested.emit(entry.course_id)
        elif entry.info:  # nothing to open: say what it is rather than do nothing
            QMessageBox.information(self, _("Follow-up"), f"{entry.text}\n\n{entry.info}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
        ):
            self._open_index(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)


SECTIONS = {
    "overdue": (N_("Overdue"), N_("Nothing overdue.")),
    "today": (N_("Due today"), N_("Nothing due today.")),
    "this_week": (N_("This week"), N_("Nothing else due this week.")),
    "coming_up": (N_("Coming up"), ""),  # the empty line names the horizon (show_overview)
    "recent": (N_("Recently edited"), N_("No cases yet.")),
    "courses": (
        N_("Courses starting or ending this month"),
        N_("No course starts or ends this month."),
    ),
    "awaiting_approval": (
        N_("Measures awaiting approval"),
        N_("No measure is waiting for approval."),
    ),
    "students_at_risk": (
        N_("Students at high dropout risk without contact for 4 weeks"),
        N_("No student at high dropout risk has gone 4 weeks without contact."),
    ),
}
# Where each list sits in the page's grid: row, column, rows, columns. The follow-ups take
# the first two columns, the network's lists the third.
GRID = {
    "overdue": (0, 0, 1, 1),
    "today": (0, 1, 1, 1),
    "this_week": (1, 0, 1, 1),
    "coming_up": (1, 1, 1, 1),
    "recent": (2, 0, 1, 2),
    "courses": (0, 2, 1, 1),
    "awaiting_approval": (1, 2, 1, 1),
    "students_at_risk": (2, 2, 1, 1),
}
# Shown only with Ausbildungsmanagement among the Förderbereiche in use.
TRAINING_SECTIONS = ("students_at_risk",)


def coming_up_empty_text(weeks: int) -> str:
    return ngettext(
        "Nothing else due in the next week.", "Nothing else due in the next {count} weeks.", weeks
    ).format(count=format_number(weeks))


class _FillingGrid(QGridLayout):
    """Without height-for-width the scroll area fits the lists into its height (down to their
    minimum) instead of growing them to their preferred heights (wrapped text asks that)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False


class OverviewPage(QWidget):
    """``open_requested(participant_id)``, ``organization_requested(organization_id)``,
    ``course_requested(course_id)``: a click or Enter on an entry."""

    open_requested = Signal(int)
    organization_requested = Signal(int)
    course_requested = Signal(int)

    def __init__(
        self, title: str, lotse: Lotse, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._lotse = lotse
        self._today: date | None = None  # tests fix the day; None: the real today
        self._stale = True
        self._horizon_weeks = DEFAULT_FOLLOW_UP_HORIZON_WEEKS
        self._programs: frozenset[Program] = OfficeSettings().programs
        self._shown_for: frozenset[Program] | None = None  # the programmes of the lists read
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self._greeting = page_heading("", self)
        layout.addWidget(self._greeting)

        office = QHBoxLayout()
        self._provider = self._value_label(wrap=False)
        self._district = self._value_label(wrap=False)
        office.addWidget(self._provider)
        office.addWidget(QLabel("·", self))
        office.addWidget(self._district)
        office.addStretch(1)
        layout.addLayout(office)
        self.active_cases = self._value_label()
        font = QFont(self.active_cases.font())
        font.setBold(True)
        self.active_cases.setFont(font)
        layout.addWidget(self.active_cases)

        # The lists scroll up and down together when the window is too low for them (the
        # wrapped headings of the third column); never sideways.
        self.lists = QScrollArea(self)
        self.lists.setWidgetResizable(True)
        self.lists.setFrameShape(QScrollArea.Shape.NoFrame)
        self.lists.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no silent Tab stop
        self.lists.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self.lists)
        grid = _FillingGrid(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        self.sections: dict[str, Section] = {}
        for key, (heading, empty) in SECTIONS.items():
            section = Section(heading, empty, alert=key == "overdue", parent=body)
            section.setObjectName(f"section_{key}")
            section.open_requested.connect(self.open_requested)
            section.organization_requested.connect(self.organization_requested)
            section.course_requested.connect(self.course_requested)
            grid.addWidget(section, *GRID[key])
            self.sections[key] = section
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(3):
            grid.setRowStretch(row, 1)
        self._grid = grid
        self.lists.setWidget(body)
        layout.addWidget(self.lists, 1)

        ops.changed.connect(self._on_changed)
        self.set_settings(OfficeSettings())
        # the figures are read when the page is shown (showEvent), once

    def _value_label(self, *, wrap: bool = True) -> QLabel:
        value = QLabel(self)
        value.setWordWrap(wrap)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return value

    # -- settings -------------------------------------------------------------------------

    def set_settings(self, settings: OfficeSettings) -> None:
        name = settings.coordinator_name.strip()
        if name:
            self._greeting.setText(_("Good day, {name}").format(name=name))
        else:
            self._greeting.setText(_("Welcome to Lotse"))
        self._provider.setText(settings.provider or EMPTY)
        self._district.setText(settings.district or EMPTY)
        programs = frozenset(settings.programs)
        if programs != self._programs:
            self._programs = programs
            self._place_sections()
        if settings.follow_up_horizon_weeks != self._horizon_weeks or programs != self._shown_for:
            self._horizon_weeks = settings.follow_up_horizon_weeks
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def _place_sections(self) -> None:
        """The lists of the Förderbereiche in use; without the students' list the recently
        edited cases take the whole last row."""
        training = Program.TRAINING in self._programs
        for key in TRAINING_SECTIONS:
            self.sections[key].setVisible(training)
        recent = self.sections["recent"]
        self._grid.removeWidget(recent)
        row, column, rows, columns = GRID["recent"]
        self._grid.addWidget(recent, row, column, rows, columns if training else columns + 1)

    def horizon_weeks(self) -> int:
        return self._horizon_weeks

    def greeting(self) -> str:
        return self._greeting.text()

    # -- caseload -------------------------------------------------------------------------

    def set_today(self, today: date | None) -> None:
        self._today = today
        self.reload()

    def reload(self) -> None:
        programs = self._programs
        data = overview(self._lotse.reads, self._today, self._horizon_weeks, programs)
        self._shown_for = programs
        self.show_overview(data)
        self._stale = False

    def show_overview(self, data: Overview) -> None:
        self.active_cases.setText(
            _("Active cases: {count}").format(count=format_number(data.active_cases))
        )
        self.sections["overdue"].set_entries(
            [follow_up_entry(r) for r in data.overdue], data.overdue_count
        )
        self.sections["today"].set_entries(
            [follow_up_entry(r, with_date=False) for r in data.today], data.today_count
        )
        self.sections["this_week"].set_entries(
            [follow_up_entry(r) for r in data.this_week], data.this_week_count
        )
        coming_up = self.sections["coming_up"]
        coming_up.set_empty_text(coming_up_empty_text(self._horizon_weeks))
        until = _("Due after this week, up to {date}.").format(date=date_text(data.horizon_end))
        coming_up.heading.setToolTip(until)
        coming_up.view.setAccessibleDescription(until)
        coming_up.set_entries([follow_up_entry(r) for r in data.coming_up], data.coming_up_count)
        self.sections["recent"].set_entries([recent_entry(c) for c in data.recent])
        today = self._today or date.today()
        self.sections["courses"].set_entries(
            [course_entry(r, today) for r in data.courses_this_month]
        )
        self.sections["awaiting_approval"].set_entries(
            [awaiting_entry(r) for r in data.awaiting_approval], data.awaiting_approval_count
        )
        if data.students_at_risk is not None:
            students = self.sections["students_at_risk"]
            students.set_entries(
                [student_entry(r) for r in data.students_at_risk], data.students_at_risk_count
            )
            since = _(
                "High dropout risk, not exited, and the last contact note {days} days "
                "ago or longer (or none)."
            ).format(days=NO_CONTACT_DAYS)
            students.heading.setToolTip(since)
            students.view.setAccessibleDescription(since)
        assign_mnemonics(self.window())  # the headings' counts changed their texts

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        # cases: a person's record, notes, measures; courses and enrolments: the month's list
        if not (
            changes.many
            or changes.cases
            or changes.follow_ups
            or changes.courses
            or changes.enrollments
            or changes.measures
        ):
            return  # e.g. the office settings: the main window hands them over (set_settings)
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale or self._today is None:
            self.reload()  # also catches a new day
        super().showEvent(event)

"""The organisation editor: Stammdaten, Ansprechpersonen (saved with the record), and for a
saved organisation its Kontaktverlauf, Wiedervorlagen, Stellenangebote and Teilnehmende; a
school, a training company and whoever has students or apprentices also Schüler:innen or
Auszubildende (ui.organization.students_panel).

Values go to app.services.organizations; the editor only reads and writes widgets. Saving a
new organisation keeps the dialog open, so that a first contact can be recorded at once.
While a new organisation's name and PLZ are typed, a line under the fields names
organisations that may be the same (``possible_duplicates``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import N_, _
from app.services.network_views import has_students
from app.services.organizations import (
    ContactInput,
    OrganizationInput,
    OrganizationRecord,
    chambers,
    create_organization,
    delete_organization,
    get_organization,
    label,
    possible_duplicates,
    update_organization,
)
from app.vocab import AcquisitionChannel, CooperationStatus, OrganizationKind, SizeClass
from ui.mnemonics import assign_mnemonics, escape, mark_destructive
from ui.operations import Operations
from ui.organization.dialogs import ContactPersonDialog
from ui.organization.panels import (
    LinkedParticipantsPanel,
    OffersPanel,
    OrganizationFollowUpsPanel,
    OrganizationNotesPanel,
    OrganizationPanel,
)
from ui.organization.students_panel import StudentsPanel
from ui.organization.tables import ContactPersonModel, place_text
from ui.participant.form_fields import (
    Binding,
    DateBinding,
    EnumBinding,
    IntBinding,
    LongTextBinding,
    TextBinding,
    UnreadableValue,
    WheelGuard,
    compact_combo,
)
from ui.widgets.colours import alert_colour, make_hint, tint
from ui.widgets.enum_combo import EMPTY_TEXT
from ui.widgets.messages import closing_keeps_nothing_unsaved, confirm, show_errors
from ui.widgets.panels import run_dialog
from ui.widgets.read_only_table import read_only_table
from ui.widgets.record_buttons import RecordButtons
from ui.widgets.window_layout import first_tab_stop, fitting, row_after_content

# Fits 1280×800 with the window frame and a taskbar (ui.widgets.window_layout.fitting).
DEFAULT_SIZE = QSize(1100, 700)
DUPLICATE_DELAY_MS = 250
CONTACT_COLUMN_CHARS = (26, 24, 18)  # Name, Funktion, Telefon; the E-Mail takes the rest
EMPTY = "—"

# The form: columns of (group title msgid, fields); "*size_class" is derived, read-only.
COLUMNS: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = (
    (
        (N_("Organisation"), ("kind", "name", "branch", "street", "postal_code", "city")),
        (N_("Contact"), ("phone", "email")),
    ),
    (
        (N_("Company"), ("employees", "*size_class", "betriebsnummer", "chamber_id")),
        (
            N_("Cooperation"),
            (
                "first_contact_on",
                "acquisition_channel",
                "cooperation_status",
                "support_needs",
                "notes",
            ),
        ),
    ),
)
PANELS: dict[str, type[OrganizationPanel]] = {
    "notes": OrganizationNotesPanel,
    "follow_ups": OrganizationFollowUpsPanel,
    "offers": OffersPanel,
    "participants": LinkedParticipantsPanel,
    "students": StudentsPanel,
}
# Kinds that have the students' tab even before anyone names them.
STUDENT_KINDS = (OrganizationKind.SCHOOL, OrganizationKind.TRAINING_COMPANY)


def students_tab_title(kind: OrganizationKind | None) -> str:
    """Schüler:innen for a school, Auszubildende for everyone else."""
    return _("Students") if kind == OrganizationKind.SCHOOL else _("Apprentices")


def duplicates_text(rows: list[Any]) -> str:
    """The line under a new organisation's fields: who may be the same."""
    names = "; ".join(f"{row.name} ({place_text(row.postal_code, row.city)})" for row in rows[:3])
    more = len(rows) - 3
    if more > 0:
        names += " " + _("and {count} more").format(count=more)
    return "⚠ " + _("Possibly already recorded: {names}").format(names=names)


class ChamberBinding(Binding):
    """Kammer: "—" or one of the organisations of kind chamber."""

    def __init__(self, parent: QWidget, options: list[tuple[int, str]]) -> None:
        combo = QComboBox(parent)
        combo.addItem(EMPTY_TEXT, None)
        for chamber_id, name in options:
            combo.addItem(name, chamber_id)
        compact_combo(combo)
        super().__init__(combo)
        self.combo = combo

    def value(self) -> int | None:
        return self.combo.currentData()

    def set_value(self, value: int | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def connect(self, slot: Any) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: slot())


class OrganizationEditor(QDialog):
    """Create or edit one organisation. ``open_participant(id)``: a linked participant was
    chosen (Teilnehmende tab); the main window opens the record. For tests:
    ``field_widget``, ``set_field``, ``save``, ``organization_id``, ``is_modified``."""

    open_participant = Signal(int)

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        organization_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.organization_id = organization_id
        self.deleted = False
        self._bindings: dict[str, Binding] = {}
        self._captions: dict[str, QLabel] = {}
        self._pages: dict[str, QWidget] = {}
        self._panels: dict[str, OrganizationPanel] = {}
        self._wheel_guard = WheelGuard(self)
        self._baseline: object = None
        self.setMinimumSize(760, 520)
        self.resize(fitting(DEFAULT_SIZE, self))

        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setAccessibleName(_("Parts of the organisation"))
        outer.addWidget(self.tabs, 1)
        self._build_master_tab()
        self._build_contacts_tab()
        for key, title in (
            ("notes", _("Contact history")),
            ("follow_ups", _("Follow-ups")),
            ("offers", _("Job offers")),
            ("participants", _("Participants")),
            ("students", ""),  # a tab only where it belongs (_update_students_tab)
        ):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[key] = page
            if title:
                self.tabs.addTab(page, title)
            else:  # kept by the editor, hidden, until it becomes a tab
                page.setParent(self)
                page.hide()
        self.tabs.currentChanged.connect(self._attach_current_panel)
        outer.addLayout(self._build_buttons())

        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_DELAY_MS)
        self._duplicate_timer.timeout.connect(self.check_duplicates)
        self._loading = False
        for name in ("name", "postal_code"):
            self._bindings[name].connect(self._name_or_plz_edited)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, lambda: self.save())
        self._load(self._read_record())
        self._order_focus_chain()
        self.tabs.setCurrentIndex(0)
        self._bindings["kind" if organization_id is None else "name"].widget.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_master_tab(self) -> None:
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QScrollArea.Shape.NoFrame)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no silent Tab stop
        body = QWidget()
        self._pages["master"] = page
        self.tabs.addTab(page, _("Master data"))
        outer = QVBoxLayout(body)
        row = QHBoxLayout()
        outer.addLayout(row)
        self.duplicates = tint(QLabel(body), alert_colour)
        self.duplicates.setWordWrap(True)
        self.duplicates.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.duplicates.hide()
        for index, column in enumerate(COLUMNS):
            column_layout = QVBoxLayout()
            captions: list[QLabel] = []
            for title, names in column:
                column_layout.addWidget(self._build_group(title, names, body, captions))
                if index == 0 and title == "Organisation":
                    column_layout.addWidget(self.duplicates)  # right under name and PLZ
            column_layout.addStretch(1)
            row.addLayout(column_layout, 1)
            width = max((caption.sizeHint().width() for caption in captions), default=0)
            for caption in captions:
                caption.setMinimumWidth(width)
        page.setWidget(body)
        self._master_page = page

    def _build_group(
        self, title: str, names: tuple[str, ...], parent: QWidget, captions: list[QLabel]
    ) -> QGroupBox:
        box = QGroupBox(_(title), parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            if name == "*size_class":
                text = _("Size class")
                self.size_class = QLabel(EMPTY, box)
                self.size_class.setAccessibleName(text)
                self.size_class.setToolTip(_("From the number of employees"))
                caption = QLabel(escape(text) + ":", box)
                captions.append(caption)
                form.addRow(caption, self.size_class)
                continue
            text = label(name)
            binding = self._make_binding(name, box)
            widget = binding.widget
            widget.setObjectName(name)
            widget.setAccessibleName(text)
            if isinstance(widget, QComboBox):
                widget.installEventFilter(self._wheel_guard)
            caption = QLabel(escape(text) + ":", box)
            caption.setBuddy(widget)
            captions.append(caption)
            self._captions[name] = caption
            form.addRow(caption, widget)
            self._bindings[name] = binding
            binding.connect(self._on_edited)
        return box

    def _make_binding(self, name: str, parent: QWidget) -> Binding:
        if name == "kind":
            return EnumBinding(parent, OrganizationKind, optional=False)
        if name == "acquisition_channel":
            return EnumBinding(parent, AcquisitionChannel)
        if name == "cooperation_status":
            return EnumBinding(parent, CooperationStatus)
        if name == "chamber_id":
            own = self.organization_id
            return ChamberBinding(
                parent, [(cid, n) for cid, n in chambers(self._lotse.reads) if cid != own]
            )
        if name == "employees":
            return IntBinding(parent, digits=7)
        if name == "first_contact_on":
            return DateBinding(parent)
        if name in ("support_needs", "notes"):
            return LongTextBinding(parent)
        binding = TextBinding(parent)
        if name in ("postal_code", "betriebsnummer"):
            chars = 9 if name == "postal_code" else 12
            width = binding.edit.fontMetrics().horizontalAdvance("0" * chars) + 16
            binding.edit.setMaximumWidth(width)
        if name == "betriebsnummer":
            binding.edit.setPlaceholderText(_("8 digits"))
        return binding

    def _build_contacts_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self._pages["contacts"] = page
        self.tabs.addTab(page, _("Contact persons"))
        self.add_contact_button = QPushButton(_("&New contact person…"), page)
        self.add_contact_button.clicked.connect(self.add_contact)
        self.edit_contact_button = QPushButton(_("&Edit…"), page)
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.remove_contact_button = QPushButton(_("Remove"), page)
        self.remove_contact_button.setToolTip(_("Removed when the organisation is saved"))
        self.remove_contact_button.clicked.connect(self.remove_contact)
        mark_destructive(self.remove_contact_button)
        buttons = QHBoxLayout()
        for button in (
            self.add_contact_button,
            self.edit_contact_button,
            self.remove_contact_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.contacts = ContactPersonModel(self)
        self.contacts_view = read_only_table(self.contacts, page)
        self.contacts_view.setAccessibleName(_("Contact persons"))
        # widths from typical texts: measuring 50 rows' contents made opening slow
        header = self.contacts_view.horizontalHeader()
        chars = self.contacts_view.fontMetrics().averageCharWidth()
        for column, width in enumerate(CONTACT_COLUMN_CHARS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, chars * width + 16)
        header.setStretchLastSection(True)
        self.contacts_view.activated.connect(lambda _index: self.edit_contact())
        self.contacts_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_contact_buttons()
        )
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.contacts_view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.remove_contact)
        layout.addWidget(self.contacts_view, 1)
        self.contacts_hint = make_hint(
            QLabel(_("Changes to the contact persons are stored with “Save”."), page)
        )
        self.contacts_hint.setWordWrap(True)
        layout.addWidget(self.contacts_hint)

    def _build_buttons(self) -> QHBoxLayout:
        self.visit_sheet_button = QPushButton(_("&Visit sheet…"), self)
        self.visit_sheet_button.setToolTip(_("A sheet for the next company visit, to print"))
        self.visit_sheet_button.clicked.connect(self.show_visit_sheet)
        self._buttons = RecordButtons(
            self, delete=self._delete, save=self.save, documents=(self.visit_sheet_button,)
        )
        self.delete_button = self._buttons.delete_button
        self.save_button = self._buttons.save_button
        self.close_button = self._buttons.close_button
        self.saved_label = self._buttons.saved_label
        self._button_row = self._buttons.row
        return self._button_row

    def _order_focus_chain(self) -> None:
        row_after_content(self, self.tabs, self._button_row)

    # -- values ---------------------------------------------------------------------------

    def _read_record(self) -> OrganizationRecord | None:
        if self.organization_id is None:
            return None
        return get_organization(self._lotse.reads, self.organization_id)

    def _load(self, record: OrganizationRecord | None) -> None:
        data = record.as_input() if record is not None else OrganizationInput(name="")
        self._loading = True
        for name, binding in self._bindings.items():
            binding.set_value(getattr(data, name))
        self._loading = False
        self.contacts.set_rows(list(data.contacts))
        if self.contacts.rowCount():
            self.contacts_view.selectRow(0)
        self._update_contact_buttons()
        self._update_mode(record)
        self._refresh()
        self.duplicates.hide()
        self._baseline = self._snapshot()

    def _collect(self) -> tuple[OrganizationInput, list[FieldError]]:
        """The form as the service takes it, and an error for each input that cannot be read."""
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for name, binding in self._bindings.items():
            try:
                values[name] = binding.value()
            except UnreadableValue as error:
                values[name] = None
                errors.append(FieldError(name, label(name), str(error)))
        for name in ("name", "street", "postal_code", "city", "branch", "betriebsnummer",
                     "phone", "email", "support_needs", "notes"):  # fmt: skip
            values[name] = values[name] or ""
        return OrganizationInput(**values, contacts=self.contacts.contacts()), errors

    def _snapshot(self) -> object:
        fields = {name: binding.snapshot() for name, binding in self._bindings.items()}
        return fields, self.contacts.contacts()

    def is_modified(self) -> bool:
        return self._snapshot() != self._baseline

    def _on_edited(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        employees = self._bindings["employees"].lenient_value()
        size = SizeClass.from_employees(employees)
        self.size_class.setText(size.label if size is not None else EMPTY)

    def _update_mode(self, record: OrganizationRecord | None) -> None:
        saved = self.organization_id is not None
        if record is not None:
            self.setWindowTitle(_("{name} – organisation").format(name=record.name))
        else:
            self.setWindowTitle(_("New organisation"))
        self.delete_button.setEnabled(saved)
        self._update_students_tab(record)
        for key in PANELS:
            index = self.tabs.indexOf(self._pages[key])
            if index >= 0:
                self.tabs.setTabEnabled(index, saved)
                self.tabs.setTabToolTip(index, "" if saved else _("Save first"))
        if saved:
            self._attach_current_panel()

    def _update_students_tab(self, record: OrganizationRecord | None) -> None:
        """The last tab, Schüler:innen or Auszubildende, for a saved school or training
        company and for any organisation that someone names as school, training company or
        competent body; other organisations have no such tab."""
        page = self._pages["students"]
        index = self.tabs.indexOf(page)
        shown = (
            record is not None
            and self.organization_id is not None
            and (
                record.kind in STUDENT_KINDS
                or has_students(self._lotse.reads, self.organization_id)
            )
        )
        if not shown:
            if index >= 0:
                self.tabs.removeTab(index)
            return
        title = students_tab_title(record.kind if record is not None else None)
        if index < 0:
            self.tabs.addTab(page, title)
        else:
            self.tabs.setTabText(index, title)

    def _attach_current_panel(self) -> None:
        current = self.tabs.currentWidget()
        for key in PANELS:
            if self._pages[key] is current:
                self.panel(key)

    def panel(self, key: str) -> OrganizationPanel | None:
        """The panel of a saved organisation's tab, built when first chosen."""
        if self.organization_id is None:
            return None
        if key not in self._panels:
            page = self._pages[key]
            panel = PANELS[key](self._lotse, self._ops, self.organization_id, page)
            if isinstance(panel, LinkedParticipantsPanel | StudentsPanel):
                panel.open_participant.connect(self.open_participant)
            layout = page.layout()
            assert layout is not None
            layout.addWidget(panel)
            self._panels[key] = panel
            self._order_focus_chain()
            assign_mnemonics(self)
            if self.focusWidget() is page:  # chosen by keyboard: give the focus onwards
                target = first_tab_stop(panel)
                if target is not None:
                    target.setFocus(Qt.FocusReason.TabFocusReason)
        return self._panels[key]

    # -- public, also for tests -----------------------------------------------------------

    def field_widget(self, name: str) -> QWidget:
        return self._bindings[name].widget

    def set_field(self, name: str, value: Any) -> None:
        self._bindings[name].set_value(value)

    def choose_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self._pages[key])

    def focus_field(self, name: str) -> None:
        if name.startswith("contacts"):
            self.choose_tab("contacts")
            parts = name.split(".")
            if len(parts) > 1 and parts[1].isdigit():
                self.contacts_view.selectRow(int(parts[1]))
            self.contacts_view.setFocus()
            return
        if name not in self._bindings:
            return
        widget = self._bindings[name].widget
        self.choose_tab("master")
        self._master_page.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- duplicates -----------------------------------------------------------------------

    def _name_or_plz_edited(self) -> None:
        if self.organization_id is None and not self._loading:
            self._duplicate_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt API
        self._duplicate_timer.stop()  # closed while typing: nothing left to check
        super().hideEvent(event)

    def check_duplicates(self) -> None:
        """For a new organisation: name organisations with the same name (and PLZ)."""
        self._duplicate_timer.stop()
        if self.organization_id is not None:
            self.duplicates.hide()
            return
        name = self._bindings["name"].lenient_value() or ""
        postal_code = self._bindings["postal_code"].lenient_value() or ""
        rows = possible_duplicates(self._lotse.reads, name, postal_code)
        self.duplicates.setText(duplicates_text(rows) if rows else "")
        self.duplicates.setAccessibleName(self.duplicates.text())
        self.duplicates.setVisible(bool(rows))

    # -- contact persons ------------------------------------------------------------------

    def selected_contact(self) -> ContactInput | None:
        return self.contacts.current_row(self.contacts_view)

    def _update_contact_buttons(self) -> None:
        chosen = self.selected_contact() is not None
        self.edit_contact_button.setEnabled(chosen)
        self.remove_contact_button.setEnabled(chosen)

    def _contact_dialog(self, person: ContactInput | None) -> ContactPersonDialog:
        return ContactPersonDialog(person, self)

    def _replace_contacts(self, rows: list[ContactInput], current: int) -> None:
        self.contacts.set_rows(rows)
        if rows:
            self.contacts_view.selectRow(min(max(current, 0), len(rows) - 1))
        self._update_contact_buttons()
        self.contacts_view.setFocus()

    def add_contact(self) -> ContactInput | None:
        dialog = self._contact_dialog(None)
        person = dialog.person if run_dialog(dialog) else None
        if person is not None:
            rows = self.contacts.rows() + [person]
            self._replace_contacts(rows, len(rows) - 1)
        return person

    def edit_contact(self) -> ContactInput | None:
        index = self.contacts_view.currentIndex()
        current = self.selected_contact()
        if current is None:
            return None
        dialog = self._contact_dialog(current)
        person = dialog.person if run_dialog(dialog) else None
        if person is not None:
            rows = self.contacts.rows()
            rows[index.row()] = person
            self._replace_contacts(rows, index.row())
        return person

    def remove_contact(self) -> bool:
        index = self.contacts_view.currentIndex()
        person = self.selected_contact()
        if person is None:
            return False
        rows = self.contacts.rows()
        del rows[index.row()]
        self._replace_contacts(rows, index.row())
        return True

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the form with its contact persons; on a problem show one message naming
        every field and keep the dialog as it is."""
        data, errors = self._collect()
        organization_id = self.organization_id
        changes = self._ops.run(
            lambda uow: (
                create_organization(uow, data)
                if organization_id is None
                else update_organization(uow, organization_id, data)
            ),
            parent=self,
            on_invalid=self._show_errors,
            initiator=self,
            unreadable=errors,
        )
        if changes is None:
            return False
        if organization_id is None:
            self.organization_id = changes.created
            chamber = self._bindings["chamber_id"]
            if isinstance(chamber, ChamberBinding):  # not itself
                chamber.combo.removeItem(chamber.combo.findData(self.organization_id))
        self._load(self._read_record())
        self._buttons.show_saved()
        return True

    def _show_errors(self, errors: list[FieldError]) -> None:
        show_errors(self, _("The organisation was not saved:"), errors, {})
        if errors:
            self.focus_field(errors[0].field)

    def _delete(self) -> None:
        if self.organization_id is None:
            return
        name = self._bindings["name"].lenient_value() or ""
        text = _(
            "Delete {name} for good?\n\nIts contact persons, follow-ups and the contact notes "
            "about it alone are deleted too. Job offers and participants keep their entries, "
            "without this organisation. This cannot be undone."
        ).format(name=name)
        if not confirm(self, _("Delete organisation"), text):
            return
        organization_id = self.organization_id
        if self._ops.run(lambda uow: delete_organization(uow, organization_id), parent=self):
            self.deleted = True
            self.accept()

    def show_visit_sheet(self) -> None:
        """The Besuchsblatt (ui.organization.visit_sheet); a new organisation is saved first."""
        if (self.organization_id is None or self.is_modified()) and not self.save():
            return
        assert self.organization_id is not None
        from ui.organization.visit_sheet import show_visit_sheet  # reportlab: when first used

        show_visit_sheet(self._lotse, self.organization_id, self)

    def reject(self) -> None:
        """Esc, "Schließen" and the window's close button: never lose changes silently."""
        if self.deleted or not self.is_modified() or closing_keeps_nothing_unsaved(self, self.save):
            super().reject()


def open_organization(
    lotse: Lotse,
    ops: Operations,
    organization_id: int | None,
    parent: QWidget | None,
    open_participant: Any = None,
) -> OrganizationEditor:
    """Run the editor modally, as the main window does (``open_participant``: a callable for
    the Teilnehmende tab's Enter); returns the closed editor (deleted later)."""
    editor = OrganizationEditor(lotse, ops, organization_id, parent)
    if open_participant is not None:
        editor.open_participant.connect(open_participant)
    editor.exec()
    editor.deleteLater()
    return editor

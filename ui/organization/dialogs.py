"""The small dialogs of an organisation: an Ansprechperson (kept in the editor until it saves)
and a new Wiedervorlage for the organisation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.errors import FieldError
from app.i18n import _
from app.services.follow_ups import create_follow_up
from app.services.follow_ups import label as follow_up_label
from app.services.organizations import (
    ContactInput,
    contact_label,
    contact_person_errors,
    organization_name,
)
from ui.mnemonics import escape
from ui.operations import Operations
from ui.widgets.date_field import DateField, read_date
from ui.widgets.messages import show_errors
from ui.widgets.panels import fit_date_width


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _row(dialog: QWidget, form: QFormLayout, text: str, widget: QWidget) -> None:
    caption = QLabel(escape(text) + ":", dialog)
    caption.setBuddy(widget)
    widget.setAccessibleName(text)
    form.addRow(caption, widget)


class ContactPersonDialog(QDialog):
    """Name, Funktion, Telefon, E-Mail, Bemerkungen of one Ansprechperson. OK checks the entry
    (as the save will) and hands it back in ``person``; it is stored with the organisation."""

    def __init__(self, person: ContactInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._given = person
        self.person: ContactInput | None = None
        self.setWindowTitle(_("Edit contact person") if person else _("New contact person"))
        self.setMinimumWidth(460)
        self.name = QLineEdit(self)
        self.function = QLineEdit(self)
        self.function.setPlaceholderText(_("e.g. head of training, HR"))
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.field_widgets: dict[str, QWidget] = {
            "name": self.name,
            "function": self.function,
            "phone": self.phone,
            "email": self.email,
            "notes": self.notes,
        }
        form = _form()
        for name, widget in self.field_widgets.items():
            _row(self, form, contact_label(name), widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if person is not None:
            self.name.setText(person.name)
            self.function.setText(person.function)
            self.phone.setText(person.phone)
            self.email.setText(person.email)
            self.notes.setPlainText(person.notes)
        self.name.setFocus()

    def entered(self) -> ContactInput:
        return ContactInput(
            name=self.name.text().strip(),
            function=self.function.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            notes=self.notes.toPlainText().strip(),
            id=self._given.id if self._given is not None else None,
        )

    def accept(self) -> None:
        person = self.entered()
        errors = contact_person_errors(person)
        if errors:
            show_errors(
                self, _("The contact person was not taken over:"), errors, self.field_widgets
            )
            return
        self.person = person
        super().accept()


class OrganizationFollowUpDialog(QDialog):
    """A new manual Wiedervorlage for an organisation: due date, subject, note."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        organization_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self.organization_id = organization_id
        self.saved_id: int | None = None
        name = organization_name(lotse.reads, organization_id)
        self.setWindowTitle(_("New follow-up – {name}").format(name=name))
        self.setMinimumWidth(460)
        self.due_date = DateField(self)
        fit_date_width(self.due_date)
        self.title_edit = QLineEdit(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = _form()
        for name_, widget in (
            ("due_date", self.due_date),
            ("title", self.title_edit),
            ("note", self.note),
        ):
            _row(self, form, follow_up_label(name_), widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {
            "due_date": self.due_date,
            "title": self.title_edit,
            "note": self.note,
        }
        self.due_date.setFocus()

    def accept(self) -> None:
        errors: list[FieldError] = []
        due = read_date(self.due_date, "due_date", follow_up_label("due_date"), errors)
        title, note = self.title_edit.text(), self.note.toPlainText().strip()
        organization_id = self.organization_id
        changes = self._ops.run(
            lambda uow: create_follow_up(
                uow, due_date=due, title=title, organization_id=organization_id, note=note
            ),
            parent=self,
            failed=_("The follow-up was not saved:"),
            fields=self.field_widgets,
            unreadable=errors,
        )
        if changes is not None:
            self.saved_id = changes.created
            super().accept()

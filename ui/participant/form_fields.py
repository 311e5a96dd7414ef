"""Field bindings: the one place that reads and writes a form value by its type.

A binding owns one input widget and converts between the widget and a Python value:
str → QLineEdit, long str → QPlainTextEdit, date → DateField, vocabulary → EnumCombo,
bool → combo "—/ja/nein", int → digits-only line edit, list[str] → comma-separated line edit
or a checkable list for vocabularies; a link to an organisation → OrganizationChooser, a link
to one of its contact persons → a combo of that organisation's persons. ``make_binding`` picks
the binding from a type annotation and the field's options.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Union, get_args, get_origin

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from app.bootstrap import Lotse
from app.i18n import _
from app.services.organizations import contact_persons_of, organization_name
from app.vocab import LabeledEnum, OrganizationKind
from ui.widgets.date_field import DateField, DateOutOfRange
from ui.widgets.enum_combo import EMPTY_TEXT, EnumCombo
from ui.widgets.organization_chooser import OrganizationChooser

Slot = Callable[[], None]


class UnreadableValue(ValueError):
    """The widget holds text that is not a value of its type (e.g. "31.02.2026")."""


class Binding:
    """One input widget and its value; ``widget`` takes the focus and is the label's buddy."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def value(self) -> Any:
        """The value; raises UnreadableValue when the input cannot be read."""
        raise NotImplementedError

    def lenient_value(self) -> Any:
        """The value, or None where the input cannot be read (for live previews)."""
        try:
            return self.value()
        except UnreadableValue:
            return None

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def snapshot(self) -> object:
        """What the user sees, to tell whether the field was changed."""
        return self.lenient_value()

    def connect(self, slot: Slot) -> None:
        """Call ``slot`` whenever the user (or code) changes the input."""
        raise NotImplementedError


class FixedBinding(Binding):
    """A value shown but not editable here (e.g. the Förderbereich of a saved record)."""

    def __init__(self, parent: QWidget, value: Any, text: str) -> None:
        shown = QLabel(text, parent)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setWordWrap(True)
        super().__init__(shown)
        self._value = value

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value

    def connect(self, slot: Slot) -> None:
        pass


class TextBinding(Binding):
    def __init__(
        self,
        parent: QWidget,
        *,
        max_length: int | None = None,
        none_if_empty: bool = False,
        upper: bool = False,
        pattern: str | None = None,
    ) -> None:
        edit = QLineEdit(parent)
        # ``max_length`` is the service's to check, with a message naming the field: a
        # QLineEdit limit would cut a pasted text without a word.
        self.max_length = max_length
        if pattern:
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
        super().__init__(edit)
        self.edit = edit
        self._none_if_empty = none_if_empty
        self._upper = upper

    def value(self) -> str | None:
        text = self.edit.text().strip()
        if self._upper:
            text = text.upper()
        return None if self._none_if_empty and not text else text

    def set_value(self, value: str | None) -> None:
        self.edit.setText(value or "")

    def connect(self, slot: Slot) -> None:
        self.edit.textChanged.connect(lambda _text: slot())


class LongTextBinding(Binding):
    def __init__(self, parent: QWidget, *, lines: int = 3) -> None:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        height = edit.fontMetrics().lineSpacing() * lines + 14
        edit.setFixedHeight(height)
        super().__init__(edit)
        self.edit = edit

    def value(self) -> str:
        return self.edit.toPlainText().strip()

    def set_value(self, value: str | None) -> None:
        self.edit.setPlainText(value or "")

    def connect(self, slot: Slot) -> None:
        self.edit.textChanged.connect(slot)


class DateBinding(Binding):
    def __init__(self, parent: QWidget) -> None:
        field = DateField(parent)
        field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00.00.00000") + 24)
        super().__init__(field)
        self.field = field

    def value(self) -> date | None:
        try:
            return self.field.date()
        except DateOutOfRange as error:
            raise UnreadableValue(str(error)) from error
        except ValueError as error:
            raise UnreadableValue(_("Please enter a date as DD.MM.YYYY.")) from error

    def set_value(self, value: date | None) -> None:
        self.field.set_date(value)

    def snapshot(self) -> object:
        return self.field.text().strip()

    def connect(self, slot: Slot) -> None:
        self.field.dateChanged.connect(slot)


def compact_combo(combo: QComboBox, min_chars: int = 14) -> None:
    """Let a combo with long texts shrink in the form, open a popup wide enough to read, and
    show the whole chosen text as its tooltip (a shrunk combo cuts it off)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    combo.currentTextChanged.connect(lambda text: _whole_text_as_tooltip(combo, text))
    _whole_text_as_tooltip(combo, combo.currentText())


_AUTO_TOOLTIP = "lotseWholeText"  # the tooltip this module set (another one is left alone)


def _whole_text_as_tooltip(combo: QComboBox, text: str) -> None:
    if combo.toolTip() not in ("", combo.property(_AUTO_TOOLTIP)):
        return  # an explanation set by the form (e.g. the exit dialog's Verbleib hint)
    combo.setToolTip(text)
    combo.setProperty(_AUTO_TOOLTIP, text)


def fill_enum_combo(combo: EnumCombo, members: Iterable[LabeledEnum], *, optional: bool) -> None:
    """Replace the choices of ``combo`` and keep the current one if it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if optional:
        combo.addItem(EMPTY_TEXT, None)
    for member in members:
        combo.addItem(member.label, member.value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)


class EnumBinding(Binding):
    def __init__(
        self,
        parent: QWidget,
        enum_class: type[LabeledEnum],
        *,
        optional: bool = True,
        members: Iterable[LabeledEnum] | None = None,
    ) -> None:
        combo = EnumCombo(enum_class, optional=optional, members=members, parent=parent)
        compact_combo(combo)
        super().__init__(combo)
        self.combo = combo

    def value(self) -> LabeledEnum | None:
        return self.combo.value()

    def set_value(self, value: LabeledEnum | None) -> None:
        self.combo.set_value(value)

    def connect(self, slot: Slot) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: slot())


class BoolBinding(Binding):
    """ "—" (not known), "ja", "nein"."""

    def __init__(self, parent: QWidget) -> None:
        combo = QComboBox(parent)
        combo.addItem(EMPTY_TEXT, None)
        combo.addItem(_("yes"), True)
        combo.addItem(_("no"), False)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        super().__init__(combo)
        self.combo = combo

    def value(self) -> bool | None:
        return self.combo.currentData()

    def set_value(self, value: bool | None) -> None:
        self.combo.setCurrentIndex({None: 0, True: 1, False: 2}[value])

    def connect(self, slot: Slot) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: slot())


class IntBinding(Binding):
    """Whole number or empty; the range is the service's to check, so nothing typed is
    dropped or cut here (a minus, a sixth digit): what cannot be read is reported."""

    def __init__(self, parent: QWidget, *, digits: int = 4) -> None:
        edit = QLineEdit(parent)
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0" * (digits + 3)) + 16)
        super().__init__(edit)
        self.edit = edit

    def value(self) -> int | None:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError as error:
            raise UnreadableValue(_("Please enter a whole number.")) from error

    def set_value(self, value: int | None) -> None:
        self.edit.setText("" if value is None else str(value))

    def connect(self, slot: Slot) -> None:
        self.edit.textChanged.connect(lambda _text: slot())


_CODE_SEPARATORS = re.compile(r"[,;\s]+")
_NAME_SEPARATORS = re.compile(r"[,;]+")


class ListBinding(Binding):
    """A list of strings as comma-separated text; ``codes``: short codes, any separator."""

    def __init__(self, parent: QWidget, *, codes: bool = False, case: str | None = None) -> None:
        edit = QLineEdit(parent)
        if codes:
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[A-Za-z,;\s]*")))
        super().__init__(edit)
        self.edit = edit
        self._separators = _CODE_SEPARATORS if codes else _NAME_SEPARATORS
        self._case = case

    def value(self) -> list[str]:
        items: list[str] = []
        for part in self._separators.split(self.edit.text()):
            item = part.strip()
            if self._case == "upper":
                item = item.upper()
            elif self._case == "lower":
                item = item.lower()
            if item and item not in items:
                items.append(item)
        return items

    def set_value(self, value: list[str] | None) -> None:
        self.edit.setText(", ".join(value or []))

    def connect(self, slot: Slot) -> None:
        self.edit.textChanged.connect(lambda _text: slot())


class EnumListBinding(Binding):
    """A list of vocabulary codes as a checkable list (Space toggles the current item)."""

    def __init__(
        self, parent: QWidget, enum_class: type[LabeledEnum], *, grid: bool = False, rows: int = 5
    ) -> None:
        view = QListWidget(parent)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for member in enum_class:
            item = QListWidgetItem(member.label, view)
            item.setData(Qt.ItemDataRole.UserRole, member.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if grid:
            view.setFlow(QListView.Flow.LeftToRight)
            view.setWrapping(True)
            view.setResizeMode(QListView.ResizeMode.Adjust)
            view.setSpacing(2)
        row_height = view.sizeHintForRow(0) + (2 * view.spacing() if grid else 0)
        view.setFixedHeight(row_height * rows + 2 * view.frameWidth() + 6)
        super().__init__(view)
        self.view = view

    def _items(self) -> list[QListWidgetItem]:
        return [self.view.item(row) for row in range(self.view.count())]

    def value(self) -> list[str]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value: list[str] | None) -> None:
        wanted = set(value or [])
        for item in self._items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def connect(self, slot: Slot) -> None:
        self.view.itemChanged.connect(lambda _item: slot())


class OrganizationBinding(Binding):
    """A link to an organisation (id or None): typed and chosen in an OrganizationChooser.

    Text typed without choosing a hit cannot be read (it names no organisation); an empty
    line is "none"."""

    def __init__(
        self, parent: QWidget, lotse: Lotse, name: str, kinds: tuple[OrganizationKind, ...]
    ) -> None:
        chooser = OrganizationChooser(lotse, kinds, parent, with_status=False)
        chooser.setObjectName(name)  # its contact person field finds it by this name
        super().__init__(chooser)
        self.chooser = chooser

    def value(self) -> int | None:
        if self.chooser.typed_without_choice():
            raise UnreadableValue(_("Please choose an organisation from the list (Enter)."))
        return self.chooser.organization_id

    def set_value(self, value: int | None) -> None:
        self.chooser.set_organization(value)

    def snapshot(self) -> object:
        return (self.chooser.organization_id, self.chooser.search.text().strip())

    def connect(self, slot: Slot) -> None:
        self.chooser.changed.connect(slot)


class ContactPersonBinding(Binding):
    """A link to a contact person of the organisation chosen in ``organization``: a combo of
    that organisation's persons, "—" first; without an organisation it is disabled. A stored
    person of another organisation is kept as a choice, so that saving names the problem."""

    def __init__(self, parent: QWidget, lotse: Lotse, organization: OrganizationChooser) -> None:
        combo = QComboBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        super().__init__(combo)
        self.combo = combo
        self._lotse = lotse
        self._organization = organization
        self._shown_for: int | None | bool = False  # the organisation listed (False: none yet)
        organization.changed.connect(self._follow_organization)
        self._follow_organization()

    def _follow_organization(self) -> None:
        organization_id = self._organization.organization_id
        if organization_id == self._shown_for:
            return
        self._fill(organization_id, keep=self.combo.currentData())

    def _fill(self, organization_id: int | None, keep: int | None) -> None:
        self._shown_for = organization_id
        persons = (
            []
            if organization_id is None
            else contact_persons_of(self._lotse.reads, organization_id)
        )
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(EMPTY_TEXT, None)
        for person in persons:
            text = f"{person.name} ({person.function})" if person.function else person.name
            self.combo.addItem(text, person.id)
        self.combo.setCurrentIndex(max(self.combo.findData(keep), 0))
        self.combo.blockSignals(False)
        self.combo.view().setMinimumWidth(self.combo.view().sizeHintForColumn(0) + 24)
        self.combo.setEnabled(organization_id is not None)
        self.combo.setToolTip(
            "" if organization_id is not None else _("Choose the organisation first.")
        )
        self.combo.currentIndexChanged.emit(self.combo.currentIndex())

    def value(self) -> int | None:
        return self.combo.currentData()

    def set_value(self, value: int | None) -> None:
        self._fill(self._organization.organization_id, keep=value)
        if value is not None and self.combo.findData(value) < 0:  # of another organisation
            rows = self._lotse.reads.rows(
                "SELECT name, organization_id FROM contact_person WHERE id = ?", (value,)
            )
            if rows:
                name, owner = rows[0]
                text = f"{name} – {organization_name(self._lotse.reads, owner)}"
                self.combo.addItem(text, value)
                self.combo.setCurrentIndex(self.combo.count() - 1)

    def connect(self, slot: Slot) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: slot())


@dataclass(frozen=True)
class LinkOptions:
    """A field holding the id of an organisation (``kinds`` offered, none: all) or, with
    ``organization_field``, of a contact person of the organisation in that field."""

    field: str
    kinds: tuple[OrganizationKind, ...] = ()
    organization_field: str | None = None


@dataclass(frozen=True)
class FieldOptions:
    """How a field is edited beyond what its type says."""

    max_length: int | None = None
    long_text: bool = False
    enum_list: type[LabeledEnum] | None = None
    enum_grid: bool = False
    enum_members: tuple[LabeledEnum, ...] | None = None
    codes: bool = False  # list of short codes (ISO), any separator
    case: str | None = None  # "upper" / "lower" for codes
    pattern: str | None = None  # validator for a line edit
    link: LinkOptions | None = None  # an organisation or a contact person


def _link_binding(parent: QWidget, link: LinkOptions, lotse: Lotse | None) -> Binding:
    if lotse is None:  # a form that cannot read organisations shows the link, unchanged
        return FixedBinding(parent, None, EMPTY_TEXT)
    if link.organization_field is None:
        return OrganizationBinding(parent, lotse, link.field, link.kinds)
    organization = parent.findChild(OrganizationChooser, link.organization_field)
    if organization is None:
        raise LookupError(f"{link.field}: no field {link.organization_field} before it")
    return ContactPersonBinding(parent, lotse, organization)


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def make_binding(
    annotation: Any, parent: QWidget, options: FieldOptions, *, lotse: Lotse | None = None
) -> Binding:
    """The binding for a field of type ``annotation`` (e.g. ``date | None``, ``list[str]``).

    Link fields (``options.link``) read organisations through ``lotse``; without it they show
    their value and keep it. A contact person's field comes after its organisation's, in the
    same ``parent``."""
    if options.link is not None:
        return _link_binding(parent, options.link, lotse)
    kind, optional = _unwrap_optional(annotation)
    if get_origin(kind) is list:
        if options.enum_list is not None:
            rows = 4 if options.enum_grid else min(5, len(options.enum_list))
            return EnumListBinding(parent, options.enum_list, grid=options.enum_grid, rows=rows)
        return ListBinding(parent, codes=options.codes, case=options.case)
    if isinstance(kind, type) and issubclass(kind, LabeledEnum):
        return EnumBinding(parent, kind, members=options.enum_members)
    if kind is bool:
        return BoolBinding(parent)
    if kind is int:
        return IntBinding(parent)
    if kind is date:
        return DateBinding(parent)
    if kind is str:
        if options.long_text:
            return LongTextBinding(parent)
        return TextBinding(
            parent,
            max_length=options.max_length,
            none_if_empty=optional,
            upper=options.case == "upper",
            pattern=options.pattern,
        )
    raise TypeError(f"no form binding for {annotation!r}")


class WheelGuard(QObject):
    """Scroll the page instead of changing a combo the pointer passes over.

    Install on combos inside a scroll area: a wheel turn changes the choice only when the
    combo has the keyboard focus.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QComboBox):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True

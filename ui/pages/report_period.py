"""The Berichte page's choice of period (Monat, Quartal, Jahr, frei) and Förderbereich."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.i18n import N_, _
from app.reports import periods
from app.reports.period_data import Period
from app.vocab import Program
from ui.widgets.date_field import DateField, DateOutOfRange
from ui.widgets.enum_combo import EnumCombo

KINDS = (N_("Month"), N_("Quarter"), N_("Year"), N_("Free period"))
MONTH, QUARTER, YEAR, FREE = range(4)


class PeriodChooser(QWidget):
    """``changed``: the period or the Förderbereich was changed (a free period: once both
    dates are dates)."""

    changed = Signal()

    def __init__(self, programs: frozenset[Program], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = date.today()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(self)
        self.kind.addItems([_(kind) for kind in KINDS])
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox(self)
        self.month.addItems(list(periods.MONTH_NAMES))
        self.month.setCurrentIndex(today.month - 1)
        self.quarter = QComboBox(self)
        self.quarter.addItems([_("Q{number}").format(number=n) for n in range(1, 5)])
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.start, self.end = DateField(self), DateField(self)
        self.start.set_date(date(today.year, 1, 1))
        self.end.set_date(today)
        self.program = EnumCombo(
            Program, members=[p for p in Program if p in programs], parent=self
        )
        self.program.setItemText(0, _("Both funding areas"))  # the empty choice: both
        if self.program.count() == 2:  # one area in use: no choice to make
            self.program.removeItem(0)

        self._labels: dict[QWidget, QLabel] = {}
        for text, field in (
            (_("&Period:"), self.kind),
            (_("&Year:"), self.year),
            (_("&Month:"), self.month),
            (_("&Quarter:"), self.quarter),
            (_("F&rom:"), self.start),
            (_("&To:"), self.end),
            (_("&Funding area:"), self.program),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            self._labels[field] = label
            layout.addWidget(label)
            layout.addWidget(field)
        layout.addStretch(1)
        self.kind.setCurrentIndex(YEAR)
        self._show_fields()
        self.kind.currentIndexChanged.connect(self._show_fields)
        for signal in (
            self.kind.currentIndexChanged,
            self.year.valueChanged,
            self.month.currentIndexChanged,
            self.quarter.currentIndexChanged,
            self.program.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self.start.editingFinished.connect(self._free_dates_done)
        self.end.editingFinished.connect(self._free_dates_done)

    def _show_fields(self) -> None:
        kind = self.kind.currentIndex()
        shown = {
            self.year: kind != FREE,
            self.month: kind == MONTH,
            self.quarter: kind == QUARTER,
            self.start: kind == FREE,
            self.end: kind == FREE,
        }
        for field, visible in shown.items():
            field.setVisible(visible)
            self._labels[field].setVisible(visible)

    def _free_dates_done(self) -> None:
        if self.start.is_valid() and self.end.is_valid():
            self.changed.emit()

    def period(self) -> Period:
        """The chosen period; ValueError with a German message for a free period whose dates
        are missing, no dates or in the wrong order."""
        kind, year = self.kind.currentIndex(), self.year.value()
        if kind == MONTH:
            return periods.month(year, self.month.currentIndex() + 1)
        if kind == QUARTER:
            return periods.quarter(year, self.quarter.currentIndex() + 1)
        if kind == YEAR:
            return periods.year(year)
        try:
            start, end = self.start.date(), self.end.date()
        except DateOutOfRange as error:
            raise ValueError(str(error)) from None
        except ValueError:
            raise ValueError(_("Please enter both dates as DD.MM.YYYY.")) from None
        if start is None or end is None:
            raise ValueError(_("Please enter both dates as DD.MM.YYYY."))
        if end < start:
            raise ValueError(_("The end of the period lies before its start."))
        return periods.between(start, end)

    def chosen_program(self) -> Program | None:
        return self.program.value()  # type: ignore[return-value]

    def set_period(self, kind: int, year: int, number: int = 1) -> None:
        """Choose a month (``number`` 1–12), a quarter (1–4) or a year (for tests, scripts)."""
        self.year.setValue(year)
        if kind == MONTH:
            self.month.setCurrentIndex(number - 1)
        elif kind == QUARTER:
            self.quarter.setCurrentIndex(number - 1)
        self.kind.setCurrentIndex(kind)

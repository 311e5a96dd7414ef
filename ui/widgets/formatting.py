"""How the screens write dates, times and warnings: shared by every page and panel."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QColor, QPalette

from app.i18n import format_date
from ui.widgets.colours import alert_colour

EMPTY = "—"
LOCAL_FORMAT = "%d.%m.%Y %H:%M"


def date_text(value: date | None) -> str:
    """A date as "24.11.2026", or an empty string."""
    return format_date(value)


def local_text(moment: datetime) -> str:
    """A UTC timestamp in the computer's local time, "24.11.2026 14:30"."""
    return moment.astimezone().strftime(LOCAL_FORMAT)


def alert_color(palette: QPalette) -> QColor:
    """A red that meets 4.5:1 on the palette's lists and window (overdue, withdrawn)."""
    return alert_colour(palette)

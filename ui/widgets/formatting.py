"""How the screens write dates and times: shared by every page and panel."""

from __future__ import annotations

from datetime import date, datetime

from app.clock import to_local
from app.i18n import _, format_date

EMPTY = "—"
LOCAL_FORMAT = "%d.%m.%Y %H:%M"


def date_text(value: date | None) -> str:
    """A date as "24.11.2026", or an empty string."""
    return format_date(value)


def local_text(moment: datetime) -> str:
    """A UTC timestamp in the computer's local time, "24.11.2026 14:30"."""
    return to_local(moment).strftime(LOCAL_FORMAT)


def saved_at_text() -> str:
    """The line beside "Speichern" after a save: "Gespeichert um 14:30."."""
    return _("Saved at {time}.").format(time=datetime.now().strftime("%H:%M"))

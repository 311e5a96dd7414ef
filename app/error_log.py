"""The error log of a data location: technical details of unexpected errors, for support.

Tracebacks go here (they may quote personal data from a record), never into a message.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from app.i18n import _

LOG_NAME = "lotse-errors.log"


def write_error_log(folder: Path, error: BaseException, detail: str | None = None) -> Path | None:
    """Append the error to the log; the log's path, or None when it could not be written
    (a full disk, no permission)."""
    log = folder / LOG_NAME
    try:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            if detail:
                handle.write(f"{detail}\n")
            handle.writelines(traceback.format_exception(error))
    except OSError:
        return None
    return log


def unexpected_error_message(error: BaseException, log: Path | None) -> str:
    """German text for an error nobody foresaw: no personal data, where the details are."""
    where = (
        _("Details for support are in {log}.").format(log=log)
        if log is not None
        else _("The details could not be saved (is the disk full?).")
    )
    return _(
        "Lotse ran into an unexpected error ({kind}). An action that fails stores nothing, "
        "so your data stay consistent; please check whether your last change is there. {where}"
    ).format(kind=type(error).__name__, where=where)

"""Qt's own widgets speak German whatever the system says (Lotse #16): under LANG=C the
calendar popup showed English month and day names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QToolButton

if sys.argv[1] == "lotse":
    from ui.app import application
    app = application()
else:
    app = QApplication(sys.argv[:1])
from ui.widgets.date_field import DateField

def header(calendar):
    button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    return button.text()

calendar = QCalendarWidget()
calendar.setCurrentPage(2026, 3)
field = DateField()
field.set_date(__import__("datetime").date(2026, 3, 15))
field.show()
field.open_calendar()
popup = field.calendar_popup().findChild(QCalendarWidget)
print(json.dumps({
    "month": QLocale().monthName(3),
    "calendar_month": calendar.locale().monthName(3),
    "calendar_header": header(calendar),
    "first_day": calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday,
    "popup_header": header(popup),
    "popup_day": popup.locale().dayName(1, QLocale.FormatType.ShortFormat),
}))
field.calendar_popup().close()
"""


def run_under_c_locale(mode: str) -> dict[str, object]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LC_", "LANG")) and key != "PYTHONPATH"
    }
    env |= {
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_application_is_german_under_lang_c():
    shown = run_under_c_locale("lotse")
    assert shown == {
        "month": "März",
        "calendar_month": "März",
        "calendar_header": "März",
        "first_day": True,
        "popup_header": "März",
        "popup_day": "Mo.",
    }


def test_without_it_qt_would_follow_the_system():
    """The check above can fail: a bare QApplication under LANG=C is English."""
    shown = run_under_c_locale("bare")
    assert shown["month"] == "March"
    assert shown["popup_header"] == "March"

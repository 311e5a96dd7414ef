"""Reporting periods: a month, a quarter, a year or any span, each with its German name."""

from __future__ import annotations

import calendar
from datetime import date

from app.i18n import _, format_date
from app.reports.period_data import Period

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month(year: int, number: int) -> Period:
    return Period(
        date(year, number, 1), month_end(year, number), f"{MONTH_NAMES[number - 1]} {year}"
    )


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    label = _("Q{number} {year}").format(number=number, year=year)
    return Period(date(year, first, 1), month_end(year, first + 2), label)


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31), str(number))


def between(start: date, end: date) -> Period:
    """Any span; named as a month, quarter or year when it is exactly one."""
    if start.day == 1 and end == month_end(end.year, end.month) and start.year == end.year:
        if start.month == end.month:
            return month(start.year, start.month)
        if start.month % 3 == 1 and end.month == start.month + 2:
            return quarter(start.year, start.month // 3 + 1)
        if start.month == 1 and end.month == 12:
            return year(start.year)
    return Period(start, end, f"{format_date(start)} – {format_date(end)}")


def months_of(period: Period) -> list[date]:
    """The first day of every calendar month the period touches."""
    firsts: list[date] = []
    day = period.start.replace(day=1)
    while day <= period.end:
        firsts.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return firsts

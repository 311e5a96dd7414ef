"""Local time and UTC for any stored moment, on every platform.

Stored moments are UTC; the screens and documents speak local time. Python's conversions ask
the platform (``mktime`` for a naive local time, ``localtime`` for an instant), and Windows
refuses moments before 1970 and after 3000 (``OSError: [Errno 22]``, cpython#80940). So the
platform is asked only about years in ``SAFE_YEARS``. For a moment of another year (or one the
platform refuses all the same) it is asked about the same month, day and time in the nearest
safe year with the same calendar (leap year or not, the same weekday on 1 January: a rule such
as "the last Sunday of March" falls on the same day), and that UTC offset is used. Years before
1971 thus keep the time zone's rules of the 1970s, years after 2999 those of 2999 (today's, as
the time-zone data projects them).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, tzinfo
from functools import cache

SAFE_YEARS = range(1971, 3000)  # every platform converts these (1971–2999)


def _platform_zone(moment: datetime) -> tzinfo:
    """The local zone (a fixed UTC offset) at ``moment``, from the platform: a naive moment
    is local wall time (``mktime``), an aware one an instant (``localtime``). The only call
    of the platform's conversion; it may raise OSError or OverflowError outside its range."""
    zone = moment.astimezone().tzinfo
    assert zone is not None
    return zone


def _calendar(year: int) -> tuple[bool, int]:
    return calendar.isleap(year), date(year, 1, 1).weekday()


@cache
def _stand_in(year: int) -> int:
    """The safe year nearest ``year`` (not itself) with the same calendar; the earlier of two
    as near."""
    same = (y for y in SAFE_YEARS if y != year and _calendar(y) == _calendar(year))
    return min(same, key=lambda y: (abs(y - year), y))


def _zone(moment: datetime) -> tzinfo:
    """The local zone at ``moment`` (naive: local wall time; aware: in UTC), never asking the
    platform about a year outside ``SAFE_YEARS``."""
    if moment.year in SAFE_YEARS:
        try:
            return _platform_zone(moment)
        except (OSError, OverflowError):
            pass
    return _platform_zone(moment.replace(year=_stand_in(moment.year)))


def to_local(moment: datetime) -> datetime:
    """A moment in local time (aware, with its UTC offset); a naive one counts as UTC, as
    stored moments are."""
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.astimezone(_zone(utc))


def local_to_utc(wall: datetime) -> datetime:
    """A naive local wall time (as typed) as an aware UTC moment; an aware one is converted."""
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    return wall.replace(tzinfo=_zone(wall)).astimezone(UTC)


def local_midnight_utc(day: date) -> datetime:
    """The start of the local ``day`` as an aware UTC moment."""
    return local_to_utc(datetime.combine(day, time()))

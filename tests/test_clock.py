"""Local time and UTC (app.clock) where Windows refuses the platform's conversion: before 1970
and after 3000 (cpython#80940). Linux converts those years, so the refusal is emulated, and
Linux's own conversion (and the time-zone data) gives the offsets to expect."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import clock, validation
from app.services import network_views
from tests.windows_clock import refuse_like_windows

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = timedelta(hours=1)

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")


@pytest.fixture
def berlin_time(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def windows(monkeypatch, berlin_time) -> list[datetime]:
    """In Berlin, with the platform refusing as Windows does; the moments it was asked about."""
    return refuse_like_windows(monkeypatch)


def hours(start: datetime, end: datetime) -> Iterator[datetime]:
    while start < end:
        yield start
        start += HOUR


def test_the_emulated_platform_refuses_as_windows_does(windows):
    with pytest.raises(OSError, match="Invalid argument"):
        clock._platform_zone(datetime(1965, 3, 1, 10))
    assert clock._platform_zone(datetime(2026, 3, 1, 10)).utcoffset(None) == HOUR


def test_local_time_of_1965_to_utc_and_back(windows):
    wall = datetime(1965, 3, 1, 10, 0)
    utc = clock.local_to_utc(wall)
    assert utc == datetime(1965, 3, 1, 9, 0, tzinfo=UTC)
    assert utc == wall.astimezone(UTC)  # Linux's own conversion of the same wall time
    local = clock.to_local(utc)
    assert (local.replace(tzinfo=None), local.utcoffset()) == (wall, HOUR)
    assert local.utcoffset() == utc.astimezone().utcoffset()
    # never about 1965: the stand-in 1971 (Friday, 1 January, no leap year, as 1965)
    assert {moment.year for moment in windows} == {1971}
    assert windows[0] == datetime(1971, 3, 1, 10, 0)


def test_the_year_3010_to_utc_and_back(windows):
    assert clock.local_to_utc(datetime(3010, 1, 1)) == datetime(3009, 12, 31, 23, tzinfo=UTC)
    assert clock.local_midnight_utc(date(3010, 1, 1)) == datetime(3009, 12, 31, 23, tzinfo=UTC)
    summer = clock.to_local(datetime(3010, 7, 1, 10, tzinfo=UTC))
    assert (summer.hour, summer.utcoffset()) == (12, 2 * HOUR)
    assert summer == datetime(3010, 7, 1, 10, tzinfo=UTC).astimezone()
    assert all(moment.year in clock.SAFE_YEARS for moment in windows)


@pytest.mark.parametrize("year", [1900, 1965, 3010])
def test_every_hour_of_a_year_has_the_offset_linux_gives(windows, year):
    """The stand-in year has the same calendar: DST changes on the same days and hours."""
    for moment in hours(datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)):
        expected = moment.astimezone().utcoffset()
        assert clock.to_local(moment).utcoffset() == expected, moment
        assert moment.astimezone(BERLIN).utcoffset() == expected, moment


def test_every_noon_of_3010_as_typed_has_the_utc_time_linux_gives(windows):
    day = datetime(3010, 1, 1, 12)
    while day.year == 3010:
        assert clock.local_to_utc(day) == day.astimezone(UTC), day
        day += timedelta(days=1)


def test_berlin_summer_time_of_3010_begins_on_its_last_sunday_of_march(windows):
    before = clock.to_local(datetime(3010, 3, 25, 0, 59, tzinfo=UTC))
    after = clock.to_local(datetime(3010, 3, 25, 1, 0, tzinfo=UTC))
    assert date(3010, 3, 25).weekday() == 6 and date(3010, 4, 1).weekday() == 6
    assert (before.hour, before.minute, before.utcoffset()) == (1, 59, HOUR)
    assert (after.hour, after.utcoffset()) == (3, 2 * HOUR)


def test_a_refusal_within_the_safe_years_asks_about_a_stand_in(monkeypatch, berlin_time):
    real = clock._platform_zone

    def refusing_1980(moment: datetime):
        if moment.year == 1980:
            raise OverflowError("timestamp out of range for platform time_t")
        return real(moment)

    monkeypatch.setattr(clock, "_platform_zone", refusing_1980)
    local = clock.to_local(datetime(1980, 7, 1, 10, tzinfo=UTC))  # summer time since 1980
    assert (local.hour, local.utcoffset()) == (12, 2 * HOUR)  # 2008: the same calendar
    assert clock.local_to_utc(datetime(1980, 1, 15, 8)) == datetime(1980, 1, 15, 7, tzinfo=UTC)


def test_the_stand_in_is_the_nearest_safe_year_with_the_same_calendar():
    assert clock._stand_in(1965) == 1971
    assert clock._stand_in(1900) == 1973  # Monday, no leap year (1900 was none)
    assert clock._stand_in(1964) == 1992  # a leap year from a Wednesday
    assert clock._stand_in(3010) == 2998
    assert clock._stand_in(1980) == 2008
    for year in (1, 1900, 1964, 1970, 3000, 3010, 9999):
        stand_in = clock._stand_in(year)
        assert stand_in in clock.SAFE_YEARS
        assert date(stand_in, 1, 1).weekday() == date(year, 1, 1).weekday()
        assert (date(stand_in, 3, 1) - date(stand_in, 2, 1)) == (
            date(year, 3, 1) - date(year, 2, 1)
        )


def test_naive_moments_count_as_utc_and_aware_ones_keep_their_instant(berlin_time):
    assert clock.to_local(datetime(2026, 11, 24, 8, 5)).hour == 9
    in_kyiv = datetime(2026, 11, 24, 10, 5, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert clock.to_local(in_kyiv) == in_kyiv
    assert clock.to_local(in_kyiv).hour == 9
    assert clock.local_to_utc(in_kyiv) == datetime(2026, 11, 24, 8, 5, tzinfo=UTC)


def test_the_services_convert_1965_where_windows_refuses_it(windows):
    assert validation.plausible_moment(datetime(1965, 3, 1, 10)) is None
    assert validation.as_utc(datetime(1965, 3, 1, 10)) == datetime(1965, 3, 1, 9, tzinfo=UTC)
    assert network_views.utc_text(date(1965, 3, 1)) == "1965-02-28 23:00:00"
    assert network_views.local_day("1965-02-28 23:30:00") == date(1965, 3, 1)
    assert network_views.local_day("1965-02-28 22:30:00") == date(1965, 2, 28)
    assert all(moment.year in clock.SAFE_YEARS for moment in windows)


def test_no_local_conversion_outside_the_clock():
    """The emulation covers app.clock only: no other module converts to local time itself
    (``.astimezone(UTC)`` stays allowed: of an aware moment it is arithmetic)."""
    root = Path(__file__).resolve().parent.parent
    found = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("app", "ui")
        for path in sorted((root / folder).rglob("*.py"))
        if path.name != "clock.py" or path.parent.name != "app"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ".astimezone()" in line
    ]
    assert found == []

"""The shared field checks give German messages or None."""

from datetime import date

import pytest

from app import validation

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("value", ["", "06108", "39104"])
def test_postal_code_ok(value):
    assert validation.postal_code(value) is None


@pytest.mark.parametrize("value", ["6108", "061088", "0610a", "06 108"])
def test_postal_code_wrong(value):
    assert "5" in validation.postal_code(value)


@pytest.mark.parametrize("value", ["", "12345678"])
def test_betriebsnummer_ok(value):
    assert validation.betriebsnummer(value) is None


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567a"])
def test_betriebsnummer_wrong(value):
    assert "8" in validation.betriebsnummer(value)


@pytest.mark.parametrize("value", ["", "a.b@example.de", "jana.mueller@landkreis-harz.de"])
def test_email_ok(value):
    assert validation.email(value) is None


@pytest.mark.parametrize("value", ["x@", "@example.de", "name example.de", "a@b"])
def test_email_wrong(value):
    assert "E-Mail" in validation.email(value)


@pytest.mark.parametrize("value", ["", "0345 123456", "+49 (345) 123-456", "0176/12345678"])
def test_phone_ok(value):
    assert validation.phone(value) is None


@pytest.mark.parametrize("value", ["abc", "12", "0345 12 34 56 ext"])
def test_phone_wrong(value):
    assert validation.phone(value) is not None


def test_dates():
    assert validation.past_date(date(2026, 11, 24), TODAY) is None
    assert "Vergangenheit" in validation.past_date(TODAY, TODAY)
    assert validation.not_future(TODAY, TODAY) is None
    assert "Zukunft" in validation.not_future(date(2026, 11, 26), TODAY)
    assert "1900" in validation.plausible_date(date(1899, 12, 31))
    message = validation.not_before(date(2026, 1, 1), date(2026, 2, 1), "Eintritt")
    assert "Eintritt" in message and "01.02.2026" in message
    assert validation.number_range(5, 0, 4) is not None
    assert validation.number_range(None, 0, 4) is None

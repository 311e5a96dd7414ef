import pytest
from sqlalchemy import text

from app.errors import ValidationError
from app.models.office_settings import DEFAULT_STATE, OfficeSettings
from app.services.settings import has_settings, load_settings, save_settings
from app.vocab import Program
from tests.conftest import EXAMPLE_SETTINGS


def test_defaults_before_first_start(lotse):
    with lotse.unit_of_work() as uow:
        assert not has_settings(uow)
        settings = load_settings(uow)
    assert settings.state == DEFAULT_STATE == "Sachsen-Anhalt"
    assert settings.programs == {Program.JOKO, Program.TRAINING}
    assert not settings.complete


def test_saved_settings_round_trip(lotse):
    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    with lotse.unit_of_work() as uow:
        assert has_settings(uow)
        assert load_settings(uow) == EXAMPLE_SETTINGS


def test_one_program_only(lotse):
    joko_only = OfficeSettings(
        **{**EXAMPLE_SETTINGS.__dict__, "programs": frozenset({Program.JOKO})}
    )
    with lotse.unit_of_work() as uow:
        save_settings(uow, joko_only)
    with lotse.unit_of_work() as uow:
        assert load_settings(uow).programs == {Program.JOKO}


def test_missing_fields_are_named_in_german_and_nothing_is_stored(lotse, tmp_path):
    bad = OfficeSettings(
        provider=" ",
        district="Saalekreis",
        coordinator_name="",
        programs=frozenset(),
        logo_path=str(tmp_path / "logo.gif"),
    )
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_settings(uow, bad)
    fields = [error.field for error in raised.value.errors]
    assert fields == ["provider", "coordinator_name", "programs", "logo_path"]
    text = str(raised.value)
    assert "Träger" in text and "Bitte" in text
    with lotse.unit_of_work() as uow:
        assert not has_settings(uow)


def test_logo_must_exist(lotse, tmp_path):
    logo = tmp_path / "logo.png"
    settings = OfficeSettings(**{**EXAMPLE_SETTINGS.__dict__, "logo_path": str(logo)})
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError):
        save_settings(uow, settings)
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    with lotse.unit_of_work() as uow:
        assert save_settings(uow, settings).settings
    assert load_settings(lotse.reads).logo_path == str(logo)


def test_changes_are_audited_by_field_name(lotse):
    from sqlmodel import select

    from app.models.audit import AuditEvent

    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    changed = OfficeSettings(**{**EXAMPLE_SETTINGS.__dict__, "district": "Saalekreis"})
    with lotse.unit_of_work() as uow:
        assert save_settings(uow, changed).settings
    with lotse.unit_of_work() as uow:
        assert not save_settings(uow, changed)  # nothing changed: no event
    with lotse.unit_of_work() as uow:
        events = uow.session.exec(select(AuditEvent).where(AuditEvent.entity == "setting")).all()
    assert len(events) == 2
    assert events[1].fields == ["district"]


def test_the_aftercare_weeks_are_stored_and_checked(lotse):
    from dataclasses import replace

    chosen = replace(EXAMPLE_SETTINGS, check_in_weeks=2, risk_weeks=10)
    with lotse.unit_of_work() as uow:
        save_settings(uow, chosen)
    assert (load_settings(lotse.reads).check_in_weeks, load_settings(lotse.reads).risk_weeks) == (
        2,
        10,
    )
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        save_settings(uow, replace(chosen, check_in_weeks=0, risk_weeks=27))
    assert [(e.field, e.label) for e in raised.value.errors] == [
        ("check_in_weeks", "Nachbetreuung: Kontakt alle (Wochen)"),
        ("risk_weeks", "Beschäftigung gefährdet nach Wochen ohne Kontakt"),
    ]
    assert load_settings(lotse.reads) == chosen


def test_a_calendar_id_alone_is_no_settings(lotse):
    """The calendar export stores its id in the settings table; the first start must still
    ask for the office settings."""
    with lotse.unit_of_work() as uow:
        uow.session.execute(text("INSERT INTO setting (key, value) VALUES ('calendar_uid', 'x')"))
        uow.commit()
    assert not has_settings(lotse.reads)

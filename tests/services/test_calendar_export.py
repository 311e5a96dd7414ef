"""Termine nach Outlook: the .ics read back with a second parser (vobject), stable UIDs, the
personal-data setting, all or nothing on cancel."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
import vobject
from sqlmodel import select

from app.bootstrap import Lotse
from app.errors import ValidationError
from app.models.audit import AuditEvent
from app.models.contacts import FollowUp
from app.progress import Cancelled, Progress
from app.services.calendar_export import (
    CALENDAR_ID_KEY,
    count_events,
    export_calendar,
    initials,
)
from app.services.follow_ups import create_follow_up, delete_follow_up, set_done
from app.services.organizations import OrganizationInput, create_organization
from app.services.settings import load_settings, save_settings
from app.vocab import AuditAction
from tests.conftest import EXAMPLE_SETTINGS
from tests.services.helpers import CancelAt, add_person, run

DAY = date(2026, 5, 4)


def follow_up(lotse: Lotse, title: str, due: date, **links: int) -> int:
    changes = run(lotse, create_follow_up, due_date=due, title=title, **links)
    assert changes.created is not None
    return changes.created


def export(lotse: Lotse, out: Path, progress: Progress | None = None) -> None:
    run(lotse, export_calendar, progress or Progress(), out)


def events(path: Path) -> list:
    """The VEVENTs as the independent parser reads them."""
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return list(calendar.contents.get("vevent", []))


def by_summary(path: Path) -> dict[str, object]:
    return {e.summary.value: e for e in events(path)}


def set_detail(lotse: Lotse, detail: str) -> None:
    run(lotse, save_settings, replace(EXAMPLE_SETTINGS, calendar_detail=detail))


@pytest.fixture
def caseload(configured_lotse: Lotse) -> dict[str, int]:
    lotse = configured_lotse
    ayse = add_person(lotse, "Şahin", "Ayşe")
    jan = add_person(lotse, "Müller-Lüdenscheidt", "Jan Peter")
    employer = run(lotse, create_organization, OrganizationInput(name="Bäckerei Sonne")).created
    assert employer is not None
    ids = {
        "call": follow_up(lotse, "Rückruf Jobcenter", DAY, participant_id=ayse),
        "papers": follow_up(
            lotse, "Unterlagen prüfen", DAY + timedelta(days=9), participant_id=jan
        ),
        "visit": follow_up(
            lotse, "Betriebsbesuch", DAY + timedelta(days=2), organization_id=employer
        ),
        "done": follow_up(lotse, "Erledigte Sache", DAY + timedelta(days=1), participant_id=ayse),
    }
    run(lotse, set_done, ids["done"])
    return ids


def test_initials():
    assert initials("Ayşe", "Şahin") == "A. Ş."
    assert initials("Jan Peter", "Müller-Lüdenscheidt") == "J. M.-L."
    assert initials("Lena", "von der Heide") == "L. H."
    assert initials("", "Öztürk") == "Ö."
    assert initials("", "") == ""


def test_every_open_follow_up_is_one_all_day_event(configured_lotse, caseload, tmp_path):
    out = tmp_path / "termine.ics"
    export(configured_lotse, out)
    found = by_summary(out)
    assert set(found) == {
        "A. Ş. – Rückruf Jobcenter",
        "J. M.-L. – Unterlagen prüfen",
        "Bäckerei Sonne – Betriebsbesuch",
    }  # the done one is left out
    call = found["A. Ş. – Rückruf Jobcenter"]
    assert call.dtstart.value == DAY and type(call.dtstart.value) is date
    assert call.dtend.value == DAY + timedelta(days=1)
    assert found["J. M.-L. – Unterlagen prüfen"].dtstart.value == date(2026, 5, 13)
    assert found["Bäckerei Sonne – Betriebsbesuch"].dtstart.value == date(2026, 5, 6)
    assert call.categories.value == ["Lotse"]
    assert call.uid.value.startswith(f"followup-{caseload['call']}@")
    assert len({e.uid.value for e in events(out)}) == 3
    assert count_events(out) == 3
    text = out.read_text(encoding="utf-8")
    assert "Ayşe" not in text and "Şahin" not in text and "Müller" not in text


def test_a_re_export_keeps_the_uids_and_drops_what_is_gone(configured_lotse, caseload, tmp_path):
    first, second = tmp_path / "1.ics", tmp_path / "2.ics"
    export(configured_lotse, first)
    before = {e.uid.value: e for e in events(first)}
    with configured_lotse.unit_of_work() as uow:
        changed = uow.session.get(FollowUp, caseload["call"])
        assert changed is not None
        changed.title = "Rückruf Jobcenter (verschoben)"
        changed.due_date = DAY + timedelta(days=3)
        changed.updated_at += timedelta(minutes=5)  # changed later than it was exported
        uow.commit()
    run(configured_lotse, delete_follow_up, caseload["visit"])
    export(configured_lotse, second)
    after = {e.uid.value: e for e in events(second)}
    assert set(after) == set(before) - {
        uid for uid in before if uid.startswith(f"followup-{caseload['visit']}@")
    }
    (uid,) = [uid for uid in after if uid.startswith(f"followup-{caseload['call']}@")]
    assert after[uid].summary.value == "A. Ş. – Rückruf Jobcenter (verschoben)"
    assert after[uid].dtstart.value == DAY + timedelta(days=3)
    assert int(after[uid].sequence.value) > int(before[uid].sequence.value)
    (papers,) = [uid for uid in after if uid.startswith(f"followup-{caseload['papers']}@")]
    assert after[papers].sequence.value == before[papers].sequence.value


def test_the_calendar_id_is_made_once_and_kept(configured_lotse, caseload, tmp_path):
    export(configured_lotse, tmp_path / "1.ics")
    export(configured_lotse, tmp_path / "2.ics")
    stored = configured_lotse.reads.rows(
        "SELECT value FROM setting WHERE key = ?", (CALENDAR_ID_KEY,)
    )
    assert len(stored) == 1
    domain = stored[0][0]
    for name in ("1.ics", "2.ics"):
        assert {e.uid.value.split("@")[1] for e in events(tmp_path / name)} == {domain}
    assert load_settings(configured_lotse.reads) == EXAMPLE_SETTINGS  # no office setting


def test_title_only_names_nobody(configured_lotse, caseload, tmp_path):
    set_detail(configured_lotse, "title")
    out = tmp_path / "t.ics"
    export(configured_lotse, out)
    assert set(by_summary(out)) == {"Rückruf Jobcenter", "Unterlagen prüfen", "Betriebsbesuch"}
    text = out.read_text(encoding="utf-8")
    assert "A. Ş." not in text and "Bäckerei" not in text


def test_name_and_title(configured_lotse, caseload, tmp_path):
    set_detail(configured_lotse, "name")
    out = tmp_path / "n.ics"
    export(configured_lotse, out)
    assert "Ayşe Şahin – Rückruf Jobcenter" in by_summary(out)
    assert "Jan Peter Müller-Lüdenscheidt – Unterlagen prüfen" in by_summary(out)


def test_notes_and_other_fields_never_leave(configured_lotse, tmp_path):
    pid = add_person(
        configured_lotse, "Şahin", "Ayşe", birth_date=date(1990, 5, 17), city="Halberstadt"
    )
    run(
        configured_lotse,
        create_follow_up,
        due_date=DAY,
        title="Gespräch",
        participant_id=pid,
        note="Geheime Notiz zur Gesundheit",
    )
    set_detail(configured_lotse, "name")
    out = tmp_path / "x.ics"
    export(configured_lotse, out)
    text = out.read_text(encoding="utf-8")
    assert "Geheime" not in text and "1990" not in text and "Halberstadt" not in text


def test_the_export_is_audited_with_the_number_of_events(configured_lotse, caseload, tmp_path):
    export(configured_lotse, tmp_path / "a.ics")
    with configured_lotse.unit_of_work() as uow:
        (entry,) = uow.session.exec(
            select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
        ).all()
    assert (entry.entity, entry.entity_id) == ("calendar", 3)
    assert "initials" in entry.fields and "first_name" not in entry.fields


@pytest.mark.parametrize("at", [0, None])
def test_a_cancelled_export_leaves_no_file_and_no_audit_event(
    configured_lotse, caseload, tmp_path, at
):
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(Cancelled):
        export(configured_lotse, folder / "termine.ics", CancelAt(at))
    assert list(folder.iterdir()) == []  # no file, no temporary file either
    assert not configured_lotse.reads.rows("SELECT 1 FROM audit_event WHERE action = 'export'")
    assert not configured_lotse.reads.rows(
        "SELECT 1 FROM setting WHERE key = ?", (CALENDAR_ID_KEY,)
    )


def test_a_cancel_keeps_an_earlier_file_as_it_was(configured_lotse, caseload, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "termine.ics"
    out.write_bytes(b"earlier")
    with pytest.raises(Cancelled):
        export(configured_lotse, out, CancelAt(None))
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in folder.iterdir()] == ["termine.ics"]


def test_no_open_follow_up_gives_an_empty_calendar(configured_lotse, tmp_path):
    out = tmp_path / "leer.ics"
    export(configured_lotse, out)
    assert events(out) == []
    assert count_events(out) == 0


def test_a_file_that_cannot_be_written_is_named_and_nothing_is_stored(
    configured_lotse, caseload, tmp_path
):
    with pytest.raises(ValidationError) as raised:
        export(configured_lotse, tmp_path / "fehlt" / "termine.ics")
    assert [e.label for e in raised.value.errors] == ["Datei"]
    assert "konnte nicht geschrieben werden" in raised.value.errors[0].message
    assert not configured_lotse.reads.rows("SELECT 1 FROM audit_event WHERE action = 'export'")

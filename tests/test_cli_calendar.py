"""`lotse calendar --out FILE.ics` and `lotse export person ID --out DIR` as real processes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import vobject

from app.bootstrap import bootstrap
from app.db import keys
from app.services.follow_ups import create_follow_up, set_done
from app.services.settings import save_settings
from tests.conftest import EXAMPLE_SETTINGS
from tests.locations import CHEAP_COST, export_events, new_location
from tests.services.helpers import add_person, run
from tests.test_cli import assert_refused, run_lotse


@pytest.fixture(scope="module")
def location(tmp_path_factory) -> tuple[Path, bytes, int]:
    """A data location with two open follow-ups and a done one; the person's id."""
    folder = tmp_path_factory.mktemp("calendar-cli")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        paths, key = new_location(folder)
    lotse = bootstrap(paths, key=key)
    try:
        run(lotse, save_settings, EXAMPLE_SETTINGS)
        pid = add_person(lotse, "Şahin", "Ayşe")
        for title, day in (("Rückruf", date(2026, 6, 1)), ("Termin Kammer", date(2026, 6, 8))):
            run(lotse, create_follow_up, due_date=day, title=title, participant_id=pid)
        done = run(
            lotse, create_follow_up, due_date=date(2026, 6, 2), title="Alt", participant_id=pid
        )
        run(lotse, set_done, done.created)
    finally:
        lotse.close()
    return folder, key, pid


def test_writes_the_open_follow_ups(location, tmp_path):
    out = tmp_path / "Termine.ics"
    before = export_events(*location[:2], "calendar")
    result = run_lotse("calendar", "--out", str(out), data_dir=location[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"2 Termine in {out} geschrieben."
    calendar = vobject.readOne(out.read_text(encoding="utf-8"))
    summaries = sorted(e.summary.value for e in calendar.contents["vevent"])
    assert summaries == ["A. Ş. – Rückruf", "A. Ş. – Termin Kammer"]
    assert export_events(*location[:2], "calendar") == before + 1


def test_a_second_export_has_the_same_uids(location, tmp_path):
    uids = []
    for name in ("a.ics", "b.ics"):
        out = tmp_path / name
        assert run_lotse("calendar", "--out", str(out), data_dir=location[0]).returncode == 0
        calendar = vobject.readOne(out.read_text(encoding="utf-8"))
        uids.append(sorted(e.uid.value for e in calendar.contents["vevent"]))
    assert uids[0] == uids[1] and len(uids[0]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("calendar",), "fehlen"),
        (("calendar", "--out", "termine.pdf"), "keine .ics-Datei"),
        (("calendar", "--out", "{missing}/termine.ics"), "gibt es nicht"),
        (("export",), "fehlen"),
        (("export", "person", "abc", "--out", "."), "keine ganze Zahl"),
        (("export", "person", "1"), "fehlen"),
        (("export", "person", "1", "--out", "{missing}"), "gibt es nicht"),
    ],
)
def test_bad_arguments_exit_2_with_a_german_message(location, tmp_path, args, message):
    missing = tmp_path / "fehlt"
    args = tuple(a.format(missing=missing) for a in args)
    result = run_lotse(*args, data_dir=location[0])
    assert_refused(result, message)
    assert list(tmp_path.iterdir()) == []


def test_export_person_of_an_unknown_number_exits_2(location, tmp_path):
    result = run_lotse("export", "person", "9999", "--out", str(tmp_path), data_dir=location[0])
    assert result.returncode == 2
    assert "keine teilnehmende Person mit der Nummer 9999" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_person_writes_json_and_pdf(location, tmp_path):
    pid = location[2]
    result = run_lotse("export", "person", str(pid), "--out", str(tmp_path), data_dir=location[0])
    assert result.returncode == 0, result.stderr
    suffixes = sorted(p.suffix for p in tmp_path.iterdir())
    assert suffixes == [".json", ".pdf"]
    assert f"2 Dateien in {tmp_path} geschrieben" in result.stdout
    for path in tmp_path.iterdir():
        assert path.name in result.stdout

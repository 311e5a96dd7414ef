"""Exports are written all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.files import atomic_file, write_atomically


def test_the_target_appears_whole_and_no_temporary_file_stays(tmp_path: Path):
    target = tmp_path / "Termine.ics"
    write_atomically(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["Termine.ics"]


def test_a_failure_midway_leaves_the_old_file_and_no_half_file(tmp_path: Path):
    target = tmp_path / "Bericht.xlsx"
    target.write_bytes(b"the old report")
    with pytest.raises(RuntimeError), atomic_file(target) as temp:
        temp.write_bytes(b"half a new rep")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["Bericht.xlsx"]

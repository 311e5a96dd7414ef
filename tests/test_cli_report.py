"""`lotse report --from DATE --to DATE [--program …] --out FILE.pdf|FILE.xlsx` as a real
process: German output, the file written, exit 2 for bad arguments with nothing written."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.bootstrap import bootstrap
from app.db import keys
from app.services.settings import save_settings
from tests.conftest import EXAMPLE_SETTINGS
from tests.locations import CHEAP_COST, export_events, new_location
from tests.services.helpers import COMPLETE_CORE, add_person, run
from tests.test_cli import assert_refused, run_lotse


@pytest.fixture(scope="module")
def location(tmp_path_factory) -> tuple[Path, bytes]:
    """A data location with one complete JOKO entry (March 2026) and one record left out."""
    folder = tmp_path_factory.mktemp("report-cli")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        paths, key = new_location(folder)
    lotse = bootstrap(paths, key=key)
    try:
        run(lotse, save_settings, EXAMPLE_SETTINGS)
        add_person(lotse, "Şahin", "Ayşe", **COMPLETE_CORE)
        add_person(lotse, "Doğan", "Emre", entry_date=date(2026, 2, 2))
    finally:
        lotse.close()
    return folder, key


def test_writes_the_pdf(location, tmp_path):
    out = tmp_path / "Sachbericht.pdf"
    before = export_events(*location, "period_report")
    result = run_lotse(
        "report", "--from", "01.01.2026", "--to", "31.03.2026", "--out", str(out),
        data_dir=location[0],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Sachbericht für 1. Quartal 2026 geschrieben nach {out}."
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Sachbericht" in " ".join(text.split())
    assert "Emre Doğan" in text or "Doğan" in text  # left out, named for completing
    assert export_events(*location, "period_report") == before + 1


def test_writes_the_xlsx_of_one_funding_area(location, tmp_path):
    out = tmp_path / "Sachbericht.xlsx"
    result = run_lotse(
        "report", "--from", "2026-03-01", "--to", "2026-03-31", "--program", "joko",
        "--out", str(out), data_dir=location[0],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Sachbericht für März 2026 geschrieben nach {out}."
    book = load_workbook(out)
    overview = {row[0]: row[1] for row in book["Übersicht"].iter_rows(values_only=True)}
    assert overview["Zeitraum"] == "März 2026"
    assert overview["Förderbereich"].startswith("JOKO")
    months = list(book["Monate"].iter_rows(min_row=2, values_only=True))
    assert [(m[0].date(), m[1]) for m in months] == [(date(2026, 3, 1), 1)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "01.04.2026", "--to", "31.03.2026", "--out", "{out}.pdf"),
         "--to 31.03.2026 liegt vor --from 01.04.2026."),
        (("--from", "01.01.2026", "--to", "31.03.2026", "--out", "{out}.docx"), "keine"),
        (("--from", "1.13.2026", "--to", "31.03.2026", "--out", "{out}.pdf"), "kein Datum"),
        (("--from", "01.01.2026", "--to", "31.03.2026", "--program", "x", "--out", "{out}.pdf"),
         "ungültige Auswahl"),
        (("--from", "01.01.2026", "--to", "31.03.2026", "--out", "{missing}/a.pdf"),
         "gibt es nicht"),
        (("--from", "01.01.2026", "--out", "{out}.pdf"), "--to"),
    ],
)  # fmt: skip
def test_bad_arguments_exit_2_with_a_german_message(location, tmp_path, args, message):
    before = export_events(*location, "period_report")
    folder = tmp_path / "out"
    folder.mkdir()
    args = tuple(a.format(out=folder / "Sachbericht", missing=tmp_path / "fehlt") for a in args)
    result = run_lotse("report", *args, data_dir=location[0])
    assert_refused(result, message)
    assert list(folder.iterdir()) == []
    assert export_events(*location, "period_report") == before

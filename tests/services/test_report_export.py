"""Sachbericht export: PDF or XLSX by suffix from the real figures, all or nothing on cancel
and on errors, audited."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from app.bootstrap import Lotse
from app.errors import ValidationError
from app.models.audit import AuditEvent
from app.progress import Cancelled, Progress
from app.reports.periods import quarter
from app.services.period_report import build_report
from app.services.report_export import ENTITY, export_report
from app.vocab import AuditAction, Program
from tests.services.helpers import COMPLETE_CORE, CancelAt, add_person, run

PERIOD = quarter(2026, 1)
TODAY = date(2026, 4, 7)


@pytest.fixture
def caseload(configured_lotse: Lotse) -> dict[str, int]:
    """Two complete entries in March (one JOKO, one training) and one JOKO record left out."""
    lotse = configured_lotse
    return {
        "joko": add_person(lotse, "Şahin", "Ayşe", **COMPLETE_CORE),
        "training": add_person(
            lotse, "Nowak", "Jan", **{**COMPLETE_CORE, "program": Program.TRAINING}
        ),
        "left_out": add_person(
            lotse, "Żółkiewski", "Łukasz", entry_date=date(2026, 2, 2), postal_code="06108"
        ),
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for the files (the data location is beside it)."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def export(lotse: Lotse, out: Path, program: Program | None = None,
           progress: Progress | None = None) -> None:  # fmt: skip
    run(lotse, export_report, progress or Progress(), PERIOD, program, out, today=TODAY)


def exports(lotse: Lotse) -> list[AuditEvent]:
    with lotse.unit_of_work() as uow:
        return list(
            uow.session.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT))
        )


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_pdf_of_the_figures_with_letterhead_and_the_left_out(configured_lotse, caseload,
                                                                tmp_path):  # fmt: skip
    out = tmp_path / "Sachbericht.pdf"
    export(configured_lotse, out)
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Sachbericht" in text and "1. Quartal 2026 (01.01.2026 – 31.03.2026)" in text
    assert "Landkreis Harz – Fachdienst Arbeit" in text and "ESF-RA-2024-0815" in text
    assert "Erstellt am 07.04.2026" in text
    assert "Łukasz Żółkiewski" in text or "Żółkiewski" in text
    assert "Ayşe" not in text  # a counted person is never named


def test_an_xlsx_with_the_same_figures_as_the_engine(configured_lotse, caseload, tmp_path):
    out = tmp_path / "Sachbericht.xlsx"
    export(configured_lotse, out, Program.JOKO)
    with configured_lotse.reading() as uow:
        report = build_report(uow, PERIOD, Program.JOKO, today=TODAY)
    book = load_workbook(out)
    assert book.sheetnames[0] == "Übersicht" and book.sheetnames[-2:] == [
        "Monate", "Nicht gezählt",
    ]  # fmt: skip
    overview = report.tables[0]
    sheet = book.worksheets[1]
    read = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    for row in overview.rows:
        assert read[row.label] == tuple(cell.value for cell in row.cells)
    months = list(book["Monate"].iter_rows(min_row=2, values_only=True))
    assert [m[1] for m in months] == [m.entries for m in report.months]
    assert sum(m[1] for m in months) == 1  # Ayşe's entry in March; Jan is training
    left_out = list(book["Nicht gezählt"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert left_out[0][0] == report.incomplete[0].name and "Żółkiewski" in left_out[0][0]


def test_the_export_is_audited(configured_lotse, caseload, tmp_path):
    export(configured_lotse, tmp_path / "a.pdf")
    export(configured_lotse, tmp_path / "b.xlsx")
    first, second = exports(configured_lotse)
    assert (first.entity, first.entity_id) == (ENTITY, 1)  # one person named
    assert first.fields == ["figures", "incomplete_names", "pdf"]
    assert second.fields == ["figures", "incomplete_names", "xlsx"]


def test_nobody_left_out_names_nobody(configured_lotse, tmp_path):
    add_person(configured_lotse, "Şahin", "Ayşe", **COMPLETE_CORE)
    export(configured_lotse, tmp_path / "a.pdf")
    (entry,) = exports(configured_lotse)
    assert entry.entity_id == 0 and entry.fields == ["figures", "pdf"]
    assert "Intern" not in pdf_text(tmp_path / "a.pdf")


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
@pytest.mark.parametrize("at", [0, 1, 2, None])
def test_a_cancel_leaves_no_file_and_no_audit_event(configured_lotse, caseload, folder,
                                                     suffix, at):  # fmt: skip
    with pytest.raises(Cancelled):
        export(configured_lotse, folder / f"Sachbericht{suffix}", progress=CancelAt(at))
    assert list(folder.iterdir()) == []  # no file, no temporary file either
    assert exports(configured_lotse) == []


def test_a_cancel_keeps_an_earlier_file(configured_lotse, caseload, folder):
    out = folder / "Sachbericht.xlsx"
    out.write_bytes(b"earlier")
    with pytest.raises(Cancelled):
        export(configured_lotse, out, progress=CancelAt(None))
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in folder.iterdir()] == ["Sachbericht.xlsx"]


def test_a_file_that_cannot_be_written_is_named(configured_lotse, caseload, tmp_path):
    out = tmp_path / "fehlt" / "Sachbericht.pdf"
    with pytest.raises(ValidationError) as raised:
        export(configured_lotse, out)
    (error,) = raised.value.errors
    assert error.label == "Datei"
    assert f"Die Datei {out} konnte nicht geschrieben werden." in error.message
    assert f"Den Ordner {out.parent} gibt es nicht." in error.message
    assert exports(configured_lotse) == []


def test_a_failing_writer_leaves_nothing(configured_lotse, caseload, folder, monkeypatch):
    import app.reports.period_xlsx as period_xlsx

    def broken(report, path):
        Path(path).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(period_xlsx, "write_period_xlsx", broken)
    with pytest.raises(ValidationError) as raised:
        export(configured_lotse, folder / "Sachbericht.xlsx")
    assert "Der Datenträger ist voll." in raised.value.errors[0].message
    assert list(folder.iterdir()) == []
    assert exports(configured_lotse) == []


def test_another_suffix_is_refused(configured_lotse, folder):
    with pytest.raises(ValidationError) as raised:
        export(configured_lotse, folder / "Sachbericht.docx")
    assert raised.value.errors[0].message == (
        "Sachbericht.docx ist weder eine PDF- noch eine XLSX-Datei."
    )
    assert list(folder.iterdir()) == []

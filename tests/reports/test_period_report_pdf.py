"""The Sachbericht PDF: period, letterhead, every table's figures in German numbers, the
charts as vector text, the records left out by name on a last page of their own, DejaVu only,
nothing outside the text width."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from app.reports.document import MARGIN_LEFT, MARGIN_RIGHT, PAGE_WIDTH
from app.reports.period_report import number_text, render_period_report
from app.vocab import Program
from tests.conftest import EXAMPLE_SETTINGS
from tests.reports.sample_report import long_report, sample_report


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def both() -> bytes:
    return render_period_report(sample_report(), EXAMPLE_SETTINGS)


def test_title_period_funding_area_made_on_and_letterhead(both):
    first = flat(pages(both)[0])
    assert "Sachbericht" in first
    assert "1. Quartal 2026 (01.01.2026 – 31.03.2026)" in first
    assert "Beide Förderbereiche" in first
    assert "Erstellt am 07.04.2026" in first
    assert "Landkreis Harz – Fachdienst Arbeit" in first
    assert "ESF-RA-2024-0815" in first
    for text in pages(both):
        assert "Sachbericht 1. Quartal 2026" in text  # the footer
        assert "Landkreis Harz – Fachdienst Arbeit" in text  # the letterhead on every page
    metadata = PdfReader(io.BytesIO(both)).metadata
    assert metadata is not None and metadata.title == "Sachbericht 1. Quartal 2026"


def test_every_table_with_its_figures(both):
    report = sample_report()
    text = flat(" ".join(pages(both)))
    for table in report.tables:
        assert table.title in text
        for row in table.rows:
            assert row.label in text, row.label
    assert "weiblich männlich divers keine Angabe gesamt" in text
    assert "Eintritte 5 6 1 0 12" in text  # the characteristics by gender
    assert "18 bis 29 Jahre 3 3 1 0 7" in text
    assert "EECO17 Indikator 17 1 2 0 1 4" in text  # the code in a column of its own
    assert "Code Indikator weiblich" in text and "EECR06 Ergebnis 6" in text
    assert "Berufsschule (Teilzeit) 3 4 2 1 0 10" in text
    assert "Kontakte je Fall 2,4" in text and "Minuten je Fall 1.234,5" in text
    assert "Gezählt werden Personen mit vollständigen ESF+-Eintrittsdaten." in text


def test_german_numbers():
    assert [number_text(v) for v in (0, 7, 1234, 20000, 2.4, 2.0, 1234.56)] == [
        "0", "7", "1.234", "20.000", "2,4", "2,0", "1.234,6",
    ]  # fmt: skip


def test_the_charts_are_in_the_pdf_as_text(both):
    text = flat(" ".join(pages(both)))
    assert "Diagramme" in text
    for title in (
        "Eintritte und Austritte je Monat",
        "Austritte nach Verbleib",
        "Fallbestand zum Monatsende",
    ):
        assert title in text
    assert "Jan" in text and "Mär" in text


def test_the_records_left_out_are_named_on_a_last_page_of_their_own(both):
    texts = pages(both)
    last = flat(texts[-1])
    assert last.startswith("Landkreis Harz") and "Intern: nicht gezählte Datensätze" in last
    assert "personenbezogene Daten" in last and "Bewilligungsstelle" in last
    assert "Ayşe Yılmaz-Doğan" in last and "Geburtsdatum, Erwerbsstatus" in last
    assert "Łukasz Żółkiewski" in last and "Wohnsituation" in last
    for page in texts[:-1]:  # the report itself names nobody
        assert "Yılmaz" not in page and "Żółkiewski" not in page
    first = flat(texts[0])
    assert (
        "2 Datensätze werden nicht gezählt, weil ESF+-Eintrittsdaten fehlen; "
        "sie stehen am Ende auf eigenen Seiten" in first
    )
    assert "So wird gezählt" in flat(" ".join(texts))
    assert "innerhalb von vier Wochen nach dem Austritt" in flat(" ".join(texts))


def test_without_records_left_out_there_is_no_internal_page():
    text = flat(" ".join(pages(render_period_report(sample_report(incomplete=False),
                                                     EXAMPLE_SETTINGS))))  # fmt: skip
    assert "Intern" not in text and "nicht gezählt, weil" not in text


def test_one_funding_area_in_the_letterhead_and_only_its_tables():
    text = flat(" ".join(pages(render_period_report(sample_report(Program.JOKO),
                                                     EXAMPLE_SETTINGS))))  # fmt: skip
    assert "Förderbereich L:" in text
    assert "JOKO: Vermittlung und Netzwerk" in text
    assert "Schulform" not in text and "Ausbildungsmanagement" not in text.split("Intern")[0]


def test_every_text_is_set_in_dejavu(both):
    """Helvetica cannot print ğ or Ł: no text block shows its glyphs in another font
    (reportlab sets Helvetica as the canvas' starting state, in blocks without text)."""
    reader = PdfReader(io.BytesIO(both))
    shown = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object()["/Font"]
        names = {key: str(font.get_object()["/BaseFont"]) for key, font in fonts.items()}
        content = page.get_contents().get_data().decode("latin-1")
        for block in re.findall(r"BT(.*?)ET", content, re.S):
            if "Tj" in block or "TJ" in block:
                shown |= {names[key] for key in re.findall(r"(/F[\w+]+) [\d.]+ Tf", block)}
    assert shown and all("DejaVu" in name for name in shown), shown


@pytest.mark.parametrize("report", [sample_report(), long_report()], ids=["quarter", "long"])
def test_nothing_runs_past_the_margins(report):
    """Every piece of text starts inside the text width and A4 stays portrait."""
    pdf = render_period_report(replace(report), EXAMPLE_SETTINGS)
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert float(page.mediabox.width) < float(page.mediabox.height)
        starts: list[float] = []

        def visit(text, cm, tm, _font, _size, starts=starts):
            if text.strip():
                starts.append(cm[4] + tm[4] * cm[0])

        page.extract_text(visitor_text=visit)
        assert starts
        assert min(starts) >= MARGIN_LEFT - 2
        assert max(starts) <= PAGE_WIDTH - MARGIN_RIGHT

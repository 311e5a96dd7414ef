"""A PeriodReport as the engine (app/services/period_report.py) produces it, built by hand:
every table it makes, with German labels, a float figure, long Verbleib labels and names
with letters Helvetica lacks (ğ, Ł, ş)."""

from __future__ import annotations

from datetime import date

from app.reports.period_data import (
    Count,
    IncompleteRecord,
    MonthFigures,
    Period,
    PeriodReport,
    Row,
    Table,
)
from app.reports.periods import between, months_of, quarter
from app.vocab import Program

GENDERS = ("weiblich", "männlich", "divers", "keine Angabe", "gesamt")
YEARS = ("1.", "2.", "3.", "4.", "ohne Angabe", "gesamt")


def people(*values: int) -> tuple[Count, ...]:
    return tuple(Count(v, tuple(range(v))) for v in values)


def gendered(label: str, f: int, m: int, d: int = 0, n: int = 0, **row: object) -> Row:
    return Row(label, people(f, m, d, n, f + m + d + n), **row)  # type: ignore[arg-type]


def single(label: str, value: int | float, code: str = "", level: int = 0) -> Row:
    count = Count(value, None if isinstance(value, float) else tuple(range(int(value))))
    return Row(label, (count,), code=code, level=level)


def tables(program: Program | None) -> tuple[Table, ...]:
    made = [
        Table(
            "overview",
            "Überblick",
            ("Anzahl",),
            (
                single("Fallbestand zu Beginn", 38, "caseload_start"),
                single("Eintritte", 12, "entries"),
                single("Austritte", 7, "exits"),
                single("Fallbestand am Ende", 43, "caseload_end"),
                single("nicht gezählt (ESF+-Eintrittsdaten fehlen)", 2, "incomplete"),
            ),
            label_header="Kennzahl",
        ),
        Table(
            "characteristics",
            "Merkmale bei Eintritt nach Geschlecht",
            GENDERS,
            (
                gendered("Eintritte", 5, 6, 1, 0, code="entries"),
                gendered("unter 18 Jahre", 1, 2, level=1, code="under_18"),
                gendered("18 bis 29 Jahre", 3, 3, 1, level=1, code="18_29"),
                gendered("55 Jahre und älter", 0, 1, level=1, code="55_plus"),
                gendered("langzeitarbeitslos", 2, 2, code="long_term"),
                gendered("Drittstaatsangehörige", 4, 5, 1, code="third_country"),
            ),
            label_header="Merkmal",
            note="Gezählt werden Personen mit vollständigen ESF+-Eintrittsdaten.",
        ),
        Table(
            "outcomes",
            "Austritte nach Verbleib",
            GENDERS,
            (
                gendered("sozialversicherungspflichtige Beschäftigung", 2, 1, code="esi"),
                gendered("Ausbildung", 1, 1, code="apprenticeship"),
                gendered("weiter arbeitsuchend", 0, 1, 0, 1, code="job_seeking"),
            ),
            label_header="Verbleib",
        ),
        Table(
            "esf_output",
            "ESF+-Outputindikatoren",
            GENDERS,
            tuple(
                gendered(f"Indikator {n}", n % 4, n % 3, 0, n % 2, code=f"EECO{n:02d}")
                for n in range(1, 18)
            ),
            label_header="Indikator",
        ),
        Table(
            "esf_results",
            "ESF+-Ergebnisindikatoren",
            GENDERS,
            tuple(gendered(f"Ergebnis {n}", n % 3, 1, code=f"EECR{n:02d}") for n in range(1, 7)),
            label_header="Indikator",
        ),
    ]
    if program in (None, Program.JOKO):
        made.append(
            Table(
                "joko",
                "JOKO: Vermittlung und Netzwerk",
                ("Anzahl",),
                (
                    single("Vermittlungen in svpfl. Beschäftigung", 4, "placements"),
                    single("davon über die Probezeit hinaus", 3, "past_probation", level=1),
                    single("neue Arbeitgeberkontakte", 9, "employer_contacts"),
                ),
            )
        )
    if program in (None, Program.TRAINING):
        made.append(
            Table(
                "training",
                "Ausbildungsmanagement",
                ("Anzahl",),
                (
                    single("vermittelte Maßnahmen", 6, "measures"),
                    single("vermiedene Abbrüche", 2, "dropouts_avoided"),
                ),
            )
        )
        made.append(
            Table(
                "training_students",
                "Schüler:innen nach Schulform und Ausbildungsjahr",
                YEARS,
                (
                    Row("Berufsschule (Teilzeit)", people(3, 4, 2, 1, 0, 10), code="pt"),
                    Row("Berufsvorbereitungsjahr (BVJ)", people(2, 0, 0, 0, 1, 3), code="bvj"),
                ),
                label_header="Schulform",
            )
        )
    made.append(
        Table(
            "effort",
            "Aufwand",
            ("Wert",),
            (
                single("Kontakte", 103, "contacts"),
                single("Kontakte je Fall", 2.4, "contacts_per_case"),
                single("Minuten je Fall", 1234.5, "minutes_per_case"),
            ),
        )
    )
    return tuple(made)


def sample_report(
    program: Program | None = None,
    period: Period | None = None,
    incomplete: bool = True,
) -> PeriodReport:
    period = period or quarter(2026, 1)
    months = tuple(
        MonthFigures(first, entries=3 + i % 4, exits=1 + i % 3, caseload=38 + i)
        for i, first in enumerate(months_of(period))
    )
    label = {
        None: "Beide Förderbereiche",
        Program.JOKO: "JOKO – Jobkoordination für Geflüchtete",
        Program.TRAINING: "Ausbildungsmanagement an berufsbildenden Schulen",
    }[program]
    return PeriodReport(
        period=period,
        program=program,
        program_label=label,
        made_on=date(2026, 4, 7),
        tables=tables(program),
        months=months,
        outcomes=(
            ("sozialversicherungspflichtige Beschäftigung", 3),
            ("Ausbildung", 2),
            ("weiter arbeitsuchend", 2),
            ("Beendigung des Ausbildungsvertrags ohne Anschluss", 1),
        ),
        incomplete=(
            IncompleteRecord(
                11, "Ayşe Yılmaz-Doğan", Program.JOKO, ("Geburtsdatum", "Erwerbsstatus")
            ),
            IncompleteRecord(12, "Łukasz Żółkiewski", Program.TRAINING, ("Wohnsituation",)),
        )
        if incomplete
        else (),
        notes=(
            "Gezählt wird jede Person einmal, auch bei mehreren Eintritten im Zeitraum.",
            "„Bei Austritt“ heißt: innerhalb von vier Wochen nach dem Austritt.",
        ),
    )


def long_report() -> PeriodReport:
    """Two years and a half: month labels turned, years under January."""
    return sample_report(period=between(date(2024, 11, 1), date(2027, 3, 31)))

"""Auskunft nach Art. 15 DSGVO: everything stored about one person, as a readable PDF.

The data comes from app.services.person_export as ``ExportSection``s (one per table); this
module only lays them out: the record as label/value tables in the Stammblatt's groups, short
tables (absences, printed copies, audit events) as grids, every other entry as a label/value
table of its own under a small heading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from app.clock import to_local
from app.i18n import N_, _, format_date
from app.models.office_settings import OfficeSettings
from app.reports.bilingual import Labels
from app.reports.document import (
    CONTENT_WIDTH,
    DocumentInfo,
    build_pdf,
    grid_table,
    key_value_table,
    styles,
    text_markup,
)
from app.reports.master_sheet import country_name, display_value, language_name
from app.vocab import Program

TITLE = N_("Information under Art. 15 GDPR")
# shown as grids: table → the columns in order (the rest of these tables is not printed)
GRID_COLUMNS: dict[str, tuple[str, ...]] = {
    "absence": ("absent_on", "hours", "unexcused_hours", "note"),
    "plan_print": ("plan_id", "printed_at", "language", "sha256", "file"),
    "audit_event": ("occurred_at", "action", "entity", "entity_id", "fields", "actor"),
}
GRID_WIDTHS: dict[str, tuple[float, ...]] = {
    "absence": (28 * mm, 24 * mm, 28 * mm, CONTENT_WIDTH - 80 * mm),
    "plan_print": (16 * mm, 28 * mm, 16 * mm, 62 * mm, CONTENT_WIDTH - 122 * mm),
    "audit_event": (
        28 * mm, 20 * mm, 30 * mm, 18 * mm, CONTENT_WIDTH - 120 * mm, 24 * mm,
    ),
}  # fmt: skip
# the columns that only link an entry to its person or plan: not printed
LINK_COLUMNS = frozenset({"participant_id", "plan_id", "placement_id", "note_id"})


@dataclass(frozen=True)
class Ref:
    """A link to another record, shown by its name (never the other record's own data)."""

    id: int
    parts: Mapping[str, str]  # German key → text, e.g. {"Titel": …, "Träger": …}

    @property
    def text(self) -> str:
        return " – ".join(part for part in self.parts.values() if part) or f"#{self.id}"


@dataclass(frozen=True)
class ExportSection:
    """One table's entries about the person: ``rows`` map column → value (typed)."""

    table: str
    title: str  # German heading
    labels: Mapping[str, str]  # column → German label
    rows: Sequence[Mapping[str, Any]]
    note: str = ""  # a German explanation printed under the heading
    children: Mapping[int, Sequence[ExportSection]] = field(default_factory=dict)


def value_text(column: str, value: Any) -> str:
    """A value as the PDF prints it: as the Stammblatt does (German labels, dd.mm.yyyy, country
    and language names), plus linked records by name, moments and the lists' codes."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, Ref):
        return value.text
    if isinstance(value, datetime):
        local = to_local(value) if value.tzinfo else value  # naive: shown as it is
        return f"{format_date(local.date())} {local:%H:%M}"
    if column == "country":
        return country_name(str(value))
    if column == "language" and isinstance(value, str):
        return " + ".join(language_name(code) for code in value.split("+"))
    if isinstance(value, list | tuple) and column not in ("nationalities", "first_languages"):
        return ", ".join(str(item) for item in value)
    return display_value(column, value)


ROWS_PER_TABLE = 12  # a long entry is laid out as several tables, so that it can break


def _entry_tables(section: ExportSection, row: Mapping[str, Any]) -> list[Flowable]:
    rows = [
        (text_markup(section.labels.get(column, column)), text_markup(value_text(column, value)))
        for column, value in row.items()
        if column not in LINK_COLUMNS
    ]
    return [
        key_value_table(rows[start : start + ROWS_PER_TABLE])
        for start in range(0, len(rows), ROWS_PER_TABLE)
    ]


def _grid(section: ExportSection) -> Flowable:
    columns = GRID_COLUMNS[section.table]
    header = [text_markup(section.labels.get(c, c)) for c in columns]
    body = [[text_markup(value_text(c, row.get(c))) for c in columns] for row in section.rows]
    return grid_table(header, body, list(GRID_WIDTHS[section.table]))


def _entry_heading(section: ExportSection, number: int) -> str:
    return _("{section}, entry {number}").format(section=section.title, number=number)


def _section_story(section: ExportSection, level: int = 0) -> list[Flowable]:
    st = styles()
    head: list[Flowable] = []  # kept on the page of the first entry (no heading at a page end)
    if not level:
        head.append(Paragraph(text_markup(section.title), st.heading))
    elif section.table in GRID_COLUMNS:  # entries below name themselves; a grid does not
        head.append(Paragraph(text_markup(section.title), st.label))
    if section.note:
        head.append(Paragraph(text_markup(section.note), st.small))
        head.append(Spacer(0, 1.5 * mm))
    if not section.rows:
        return [*head, Paragraph(text_markup(_("No entries.")), st.body)]
    if section.table in GRID_COLUMNS:
        return [*head, _grid(section)]
    story: list[Flowable] = []
    for number, row in enumerate(section.rows, start=1):
        tables = _entry_tables(section, row)
        if section.table == "participant":
            story.extend([*head, *tables])
        else:
            title = Paragraph(text_markup(_entry_heading(section, number)), st.label)
            story.append(KeepTogether([*head, title, tables[0]]))
            story.extend(tables[1:])
        head = []
        for child in section.children.get(row.get("id", -1), ()):
            story.extend(_section_story(child, level + 1))
        story.append(Spacer(0, 2.5 * mm))
    return story


def render_person_export(
    person_name: str,
    program: Program | None,
    sections: Sequence[ExportSection],
    settings: OfficeSettings,
    *,
    today: date,
) -> bytes:
    """The Auskunft as PDF bytes: a title, an explanation and one part per section."""
    st = styles()
    story: list[Flowable] = [
        Paragraph(text_markup(_(TITLE)), st.title),
        Paragraph(
            text_markup(
                _("{name} · as of {date}").format(name=person_name, date=format_date(today))
            ),
            st.subtitle,
        ),
        Paragraph(
            text_markup(
                _(
                    "This information lists every record stored about you in Lotse at the "
                    "office named above: your record, the notes of contacts, follow-ups, "
                    "consents, support plans with their printed copies, courses, measures, "
                    "placements, employments and the log of who changed your data. Other "
                    "people's data is not part of it; organisations are named only."
                )
            ),
            st.body,
        ),
    ]
    for section in sections:
        story.extend(_section_story(section))
    info = DocumentInfo(
        _("{title} – {name}").format(title=_(TITLE), name=person_name), Labels(), program
    )
    return build_pdf(story, settings, info)

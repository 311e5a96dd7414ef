"""Besuchsblatt: one A4 page to take along to an employer visit.

What the sheet prints, and what it leaves out (data minimisation; the sheet may lie on the
employer's desk or in the car):

- the organisation's own data, its contact persons, its open job offers (an offer whose
  "gültig bis" has passed is marked "abgelaufen"), the last contacts **with the organisation
  itself** (date, kind, topics and agreements — never the content of a note, which may hold
  sensitive details) and its open follow-ups;
- of participants **only the name, the job at this employer, the stage or the kind of
  employment and their dates** (stage date, start, end of probation) — nothing else: no birth
  date, address, residence status, notes or reasons for a rejection. Only people whose case is
  open (aktiv or in Nachbetreuung) are listed; rejected placements are not. Notes and
  follow-ups that belong to a participant's case stay in that case and are not printed;
- a blank area "Notizen zum Besuch" for writing during the visit.

Long lists are cut with "… und N weitere" so that the sheet fits one page for typical data;
when it does not, the lists are cut shorter and the texts clipped, step by step
(``LIMITS``). The data come as plain values (``VisitSheetData``, read by
``app.services.visit_sheet``), so rendering needs no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.i18n import N_, _, format_date
from app.models.office_settings import OfficeSettings
from app.reports.bilingual import Labels
from app.reports.document import (
    CELL_PADDING,
    CONTENT_WIDTH,
    EMPTY,
    GRID,
    DocumentInfo,
    build_pdf,
    styles,
    table_style,
    text_markup,
)
from app.vocab import (
    AcquisitionChannel,
    ContactKind,
    CooperationStatus,
    EmploymentKind,
    OrganizationKind,
    PlacementStage,
    SizeClass,
)

TITLE = N_("Visit sheet")
EMPLOYERS = frozenset({OrganizationKind.EMPLOYER, OrganizationKind.TRAINING_COMPANY})
TITLE_WITH_NAME = N_("Visit sheet – {name}")
LAST_NOTES = 5  # the last contacts printed (the service reads no more)


@dataclass(frozen=True)
class ContactPersonLine:
    name: str
    function: str
    phone: str
    email: str


@dataclass(frozen=True)
class OfferLine:
    title: str
    occupation: str
    hours_per_week: float | None
    vacancies: int
    valid_until: date | None
    expired: bool  # "gültig bis" has passed, the offer is still open


@dataclass(frozen=True)
class PlacementLine:
    """A participant proposed for one of the employer's offers, not yet decided or contracted."""

    name: str
    offer_title: str
    stage: PlacementStage
    on: date | None  # the date of that stage


@dataclass(frozen=True)
class EmploymentLine:
    """A participant working (or in training) at the employer, the employment running."""

    name: str
    occupation: str
    kind: EmploymentKind
    start: date | None
    probation_end: date | None


@dataclass(frozen=True)
class NoteLine:
    """A contact with the organisation itself: no content (it may hold sensitive details)."""

    occurred_on: date
    kind: ContactKind
    topics: str
    agreements: str


@dataclass(frozen=True)
class FollowUpLine:
    due_date: date
    title: str
    overdue: bool


@dataclass(frozen=True)
class VisitSheetData:
    """Everything the sheet prints, as plain values (the lists in the order printed)."""

    organization_id: int
    name: str
    kind: OrganizationKind
    today: date
    street: str = ""
    postal_code: str = ""
    city: str = ""
    branch: str = ""
    employees: int | None = None
    betriebsnummer: str = ""
    chamber: str = ""
    first_contact_on: date | None = None
    acquisition_channel: AcquisitionChannel | None = None
    cooperation_status: CooperationStatus | None = None
    support_needs: str = ""
    phone: str = ""
    email: str = ""
    contacts: list[ContactPersonLine] = field(default_factory=list)
    offers: list[OfferLine] = field(default_factory=list)
    placements: list[PlacementLine] = field(default_factory=list)
    employments: list[EmploymentLine] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)  # newest first, at most LAST_NOTES
    follow_ups: list[FollowUpLine] = field(default_factory=list)  # due first

    @property
    def size_class(self) -> SizeClass | None:
        return SizeClass.from_employees(self.employees)

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)


@dataclass(frozen=True)
class Limits:
    """How many rows of each list, and how many characters of a free text, are printed."""

    contacts: int
    offers: int
    people: int
    notes: int
    follow_ups: int
    text: int  # topics, agreements, follow-up subjects
    long_text: int  # Unterstützungsbedarf


# Tried in order until the sheet fits one page (typical data fit the first).
LIMITS = (
    Limits(contacts=4, offers=5, people=6, notes=5, follow_ups=4, text=150, long_text=300),
    Limits(contacts=3, offers=4, people=5, notes=4, follow_ups=3, text=110, long_text=200),
    Limits(contacts=3, offers=3, people=4, notes=3, follow_ups=2, text=80, long_text=140),
    Limits(contacts=2, offers=2, people=2, notes=2, follow_ups=1, text=45, long_text=80),
    Limits(contacts=1, offers=1, people=1, notes=1, follow_ups=1, text=30, long_text=50),
)

# Labels (msgids). Field captions are those of the organisation's form where there is one.
ADDRESS = N_("Address")
BRANCH = N_("Branch")
EMPLOYEES = N_("Employees")
BETRIEBSNUMMER = N_("Betriebsnummer")
CHAMBER = N_("Chamber")
FIRST_CONTACT = N_("First contact on")
ACQUISITION = N_("Acquisition channel")
COOPERATION = N_("Cooperation status")
SUPPORT_NEEDS = N_("Support the organisation needs")
PHONE = N_("Phone")
EMAIL = N_("E-mail")

CONTACTS_HEADING = N_("Contact persons")
CONTACT_COLUMNS = (
    (N_("Name"), 45 * mm),
    (N_("Function"), 38 * mm),
    (PHONE, 35 * mm),
    (EMAIL, 52 * mm),
)
OFFERS_HEADING = N_("Open job offers")
OFFER_COLUMNS = (
    (N_("Job offer"), 60 * mm),
    (N_("Occupation"), 44 * mm),
    (N_("Hours/week"), 22 * mm),
    (N_("Places"), 14 * mm),
    (N_("valid until"), 30 * mm),
)
PEOPLE_HEADING = N_("Participants at this employer")
PEOPLE_COLUMNS = (
    (N_("Name"), 43 * mm),
    (N_("Job"), 46 * mm),
    (N_("Stage"), 37 * mm),
    (N_("since / on"), 21 * mm),
    (N_("Probation until"), 23 * mm),
)
NOTES_HEADING = N_("Last contacts with the organisation")
NOTE_COLUMNS = (
    (N_("Date"), 21 * mm),
    (N_("Kind of contact"), 29 * mm),
    (N_("Topics"), 45 * mm),
    (N_("Agreements"), 75 * mm),
)
NOTES_HINT = N_(
    "Contacts about a single participant are not printed; they stay in that person's file."
)
FOLLOW_UPS_HEADING = N_("Open follow-ups")
FOLLOW_UP_COLUMNS = ((N_("Due on"), 36 * mm), (N_("Subject"), 134 * mm))
VISIT_NOTES = N_("Notes on the visit")
VISIT_ON = N_("Visit on:")
TALKED_WITH = N_("Talked with:")
MORE = N_("… and {count} more")
NONE = N_("no entries")
EXPIRED = N_("expired")
OVERDUE = N_("overdue")
EMPLOYED = N_("in employment")
IN_TRAINING = N_("in training")

MIN_NOTES_HEIGHT = 32 * mm
NOTE_LINE_GAP = 8 * mm


def render_visit_sheet(data: VisitSheetData, settings: OfficeSettings) -> bytes:
    """The Besuchsblatt as PDF bytes: one A4 page unless even the shortest lists do not fit."""
    info = DocumentInfo(_(TITLE_WITH_NAME).format(name=data.name), Labels())
    pdf = b""
    for limits in LIMITS:
        area = NotesArea()
        pdf = build_pdf([*_story(data, limits), area], settings, info)
        if area.page == 1:
            break
    return pdf


def _story(data: VisitSheetData, limits: Limits) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        Paragraph(text_markup(_(TITLE_WITH_NAME).format(name=data.name)), st.title),
        Paragraph(
            text_markup(
                _("{name} · as of {date}").format(
                    name=data.kind.label, date=format_date(data.today)
                )
            ),
            st.subtitle,
        ),
        _organization_table(data, limits),
    ]
    story += _section(
        CONTACTS_HEADING,
        CONTACT_COLUMNS,
        [[c.name, c.function, c.phone, c.email] for c in data.contacts],
        limits.contacts,
    )
    people = [_employment_row(e) for e in data.employments]
    people += [_placement_row(p) for p in data.placements]
    if data.kind in EMPLOYERS or data.offers or people:  # a Jobcenter, a school: left out
        story += _section(
            OFFERS_HEADING,
            OFFER_COLUMNS,
            [_offer_row(offer) for offer in data.offers],
            limits.offers,
        )
        story += _section(PEOPLE_HEADING, PEOPLE_COLUMNS, people, limits.people)
    notes = [
        [
            format_date(n.occurred_on),
            n.kind.label,
            _clipped(n.topics, limits.text),
            _clipped(n.agreements, limits.text),
        ]
        for n in data.notes
    ]
    story += _section(NOTES_HEADING, NOTE_COLUMNS, notes, limits.notes)
    story.append(Paragraph(text_markup(_(NOTES_HINT)), _hint_style()))
    follow_ups = [
        [
            format_date(f.due_date) + (f" · {_(OVERDUE)}" if f.overdue else ""),
            _clipped(f.title, limits.text),
        ]
        for f in data.follow_ups
    ]
    story += _section(FOLLOW_UPS_HEADING, FOLLOW_UP_COLUMNS, follow_ups, limits.follow_ups)
    story.append(Spacer(0, 3 * mm))
    return story


def _organization_table(data: VisitSheetData, limits: Limits) -> Table:
    """The organisation's data in two label/value column pairs; Unterstützungsbedarf across."""
    st = styles()
    employees = ""
    if data.employees is not None:
        size = data.size_class
        employees = f"{data.employees} · {size.label}" if size else str(data.employees)
    channel = data.acquisition_channel.label if data.acquisition_channel else ""
    cooperation = data.cooperation_status.label if data.cooperation_status else ""
    pairs = [
        ((ADDRESS, data.address), (PHONE, data.phone)),
        ((BRANCH, data.branch), (EMAIL, data.email)),
        ((EMPLOYEES, employees), (BETRIEBSNUMMER, data.betriebsnummer)),
        ((COOPERATION, cooperation), (CHAMBER, data.chamber)),
        ((FIRST_CONTACT, format_date(data.first_contact_on)), (ACQUISITION, channel)),
    ]
    support = (SUPPORT_NEEDS, _clipped(data.support_needs, limits.long_text))

    def cells(label: str, value: str) -> list[Any]:
        return [
            Paragraph(text_markup(_(label)), st.label),
            Paragraph(text_markup(value) or EMPTY, st.cell),
        ]

    rows = [[*cells(*left), *cells(*right)] for left, right in pairs]
    rows.append([*cells(*support), "", ""])
    left_label = _label_width([left[0] for left, _right in pairs] + [support[0]])
    right_label = _label_width([right[0] for _left, right in pairs])
    half = CONTENT_WIDTH / 2
    widths = [left_label, half - left_label, right_label, half - right_label]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = table_style(header_rows=0)
    style.add("SPAN", (1, len(rows) - 1), (3, len(rows) - 1))
    _compact(style)
    table.setStyle(style)
    return table


def _label_width(labels: list[str]) -> float:
    """Wide enough for the longest caption on one line (within 26–42 mm)."""
    label = styles().label
    widest = max(stringWidth(_(text), label.fontName, label.fontSize) for text in labels)
    return min(42 * mm, max(26 * mm, widest + CELL_PADDING + 2))


def _offer_row(offer: OfferLine) -> list[str]:
    valid = format_date(offer.valid_until)
    if offer.expired:
        valid = f"{valid} · {_(EXPIRED)}"
    hours = "" if offer.hours_per_week is None else f"{offer.hours_per_week:g}".replace(".", ",")
    return [offer.title, offer.occupation, hours, str(offer.vacancies), valid]


def _employment_row(employment: EmploymentLine) -> list[str]:
    training = employment.kind is EmploymentKind.APPRENTICESHIP
    return [
        employment.name,
        employment.occupation,
        _(IN_TRAINING) if training else _(EMPLOYED),
        format_date(employment.start),
        format_date(employment.probation_end),
    ]


def _placement_row(placement: PlacementLine) -> list[str]:
    return [
        placement.name,
        placement.offer_title,
        placement.stage.label,
        format_date(placement.on),
        "",
    ]


def _section(
    heading: str,
    columns: tuple[tuple[str, float], ...],
    rows: list[list[str]],
    limit: int,
) -> list[Flowable]:
    """A heading and a table of at most ``limit`` rows; the rest counted in a last row."""
    st = styles()
    title = Paragraph(text_markup(_(heading)), _heading_style())
    if not rows:
        return [title, Paragraph(text_markup(_(NONE)), st.cell)]
    shown = [[text_markup(cell) for cell in row] for row in rows[:limit]]
    table_rows: list[list[Any]] = [
        [Paragraph(text_markup(_(name)), st.cell_header) for name, _width in columns],
        *[[Paragraph(cell or "", st.cell) for cell in row] for row in shown],
    ]
    left = len(rows) - len(shown)
    if left:
        more = Paragraph(text_markup(_(MORE).format(count=left)), _hint_style())
        table_rows.append([more, *[""] * (len(columns) - 1)])
    table = Table(table_rows, colWidths=[width for _name, width in columns], hAlign="LEFT")
    style = table_style()
    if left:
        last = len(table_rows) - 1
        style.add("SPAN", (0, last), (-1, last))
    _compact(style)
    table.setStyle(style)
    return [title, table]


def _compact(style: TableStyle) -> None:
    style.add("TOPPADDING", (0, 0), (-1, -1), 1.5)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 2)


def _clipped(text: str, length: int) -> str:
    """One line of user text, cut with "…" after ``length`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


@cache
def _heading_style() -> ParagraphStyle:
    return ParagraphStyle(
        "visit_heading",
        parent=styles().heading,
        fontSize=10,
        leading=12.5,
        spaceBefore=6,
        spaceAfter=2,
    )


@cache
def _hint_style() -> ParagraphStyle:
    return ParagraphStyle("visit_hint", parent=styles().header, spaceBefore=1)


class NotesArea(Flowable):
    """ "Notizen zum Besuch": a framed, ruled area filling the rest of the page (at least
    MIN_NOTES_HEIGHT); ``page`` tells on which page it was drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.height = MIN_NOTES_HEIGHT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = max(MIN_NOTES_HEIGHT, availHeight - 1)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # never split: on the next page when there is not room enough

    def draw(self) -> None:
        st = styles()
        canvas = self.canv
        self.page = canvas.getPageNumber()
        heading = Paragraph(text_markup(_(VISIT_NOTES)), _heading_style())
        _w, heading_height = heading.wrap(self.width, self.height)
        top = self.height
        heading.drawOn(canvas, 0, top - heading_height)
        box_top = top - heading_height - 2
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, box_top)
        line_font, line_size = st.cell.fontName, st.cell.fontSize
        canvas.setFont(line_font, line_size)
        canvas.setFillColor(GRID)
        first = box_top - NOTE_LINE_GAP
        canvas.drawString(3, first + 2, _(VISIT_ON))
        canvas.drawString(self.width / 2, first + 2, _(TALKED_WITH))
        canvas.setLineWidth(0.3)
        y = first
        while y > NOTE_LINE_GAP / 2:
            canvas.line(3, y, self.width - 3, y)
            y -= NOTE_LINE_GAP
        canvas.restoreState()

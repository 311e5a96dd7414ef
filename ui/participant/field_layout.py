"""Where each participant field sits in the editor: tabs, columns, groups, input options.

Links to organisations (Jobcenter, Schule, Ausbildungsbetrieb, zuständige Stelle) are chosen
by typing (ui.widgets.organization_chooser); a contact person (Integrationsfachkraft,
Klassenleitung, Ausbilder:in) from the organisation in the row above it. Names starting with
"*" are derived read-only values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel

from app.i18n import N_, _
from app.models.participant import Participant
from app.models.participant_fields import label
from app.services.follow_ups import residence_fields_for
from app.vocab import (
    DrivingLicenceClass,
    LabeledEnum,
    OrganizationKind,
    ResidenceStatus,
    RiskFactor,
    SupportNeedArea,
)
from ui.participant.form_fields import FieldOptions, LinkOptions
from ui.widgets.date_field import format_german_date
from ui.widgets.formatting import EMPTY


@dataclass(frozen=True)
class Group:
    title: str | None  # English msgid of the group box title; None: no box
    fields: tuple[str, ...]


Column = tuple[Group, ...]

MASTER_DATA: tuple[Column, ...] = (
    (
        Group(N_("Case"), ("program", "status", "esf_number")),
        Group(N_("Person"), ("last_name", "first_name", "birth_date", "*age", "gender")),
        Group(
            N_("Origin and language"),
            (
                "nationalities",
                "birth_country",
                "first_languages",
                "interpreter_needed",
                "interpreter_language",
            ),
        ),
    ),
    (
        Group(N_("Address and contact"), ("street", "postal_code", "city", "phone", "email")),
        Group(N_("Other"), ("notes",)),
    ),
)

ESF_ENTRY: tuple[Column, ...] = (  # the checklist goes under the last column
    (
        Group(N_("Entry"), ("entry_date", "privacy_notice_given_on", "receives_sgb2")),
        Group(
            N_("Employment and education"),
            (
                "employment_status_at_entry",
                "unemployed_since",
                "school_level",
                "vocational_level",
                "*isced_group",
                "qualification_abroad",
            ),
        ),
    ),
    (
        Group(
            N_("Living situation"),
            ("housing_situation", "rural_area", "disability", "foreign_background", "minority"),
        ),
    ),
)

JOKO: tuple[Column, ...] = (
    (
        Group(
            N_("Residence"),
            (
                "residence_status",
                "residence_title_valid_until",
                "employment_permitted",
                "residence_requirement",
                "residence_requirement_place",
                "arrived_in_germany_on",
                "s104c_granted_on",
                "*s104c_expires_on",
                "s25_application_on",
            ),
        ),
        Group(
            N_("Jobcenter"),
            (
                "jobcenter_id",
                "job_center_advisor_id",
                "job_center_customer_number",
                "benefit_community_number",
                "sgb2_proven_on",
                "cooperation_plan_on",
                "cooperation_plan_next_update_on",
            ),
        ),
    ),
    (
        Group(
            N_("German"),
            (
                "german_level",
                "german_proof",
                "german_proof_on",
                "literacy_need",
                "integration_course_status",
            ),
        ),
        Group(
            N_("Profile"),
            (
                "target_occupations",
                "working_time_preference",
                "mobility_radius_km",
                "driving_licences",
                "care_responsibility",
                "placement_barriers",
            ),
        ),
    ),
)

TRAINING: tuple[Column, ...] = (
    (
        Group(
            N_("School"),
            ("school_id", "class_teacher_id", "school_form", "school_class", "school_year"),
        ),
        Group(
            N_("Apprenticeship"),
            (
                "apprenticeship_occupation",
                "apprenticeship_year",
                "apprenticeship_start",
                "apprenticeship_end",
                "training_company_id",
                "trainer_id",
                "chamber_id",
                "contract_registered",
            ),
        ),
        Group(
            N_("Risk of dropping out"),
            ("dropout_risk", "risk_factors", "dropout_risk_assessed_on"),
        ),
    ),
    (
        Group(
            N_("Attendance and performance"),
            ("*absence_hours", "*unexcused_absence_hours", "*absence_as_of", "performance"),
        ),
        Group(
            N_("Support need"),
            (
                "*support_need_assessed_on",
                "*support_need_areas",
                "access_route",
                "other_support_services",
            ),
        ),
    ),
)

SIX_MONTHS = Group(
    N_("Six months after exit"),
    ("outcome_6_months", "outcome_6_months_on", "situation_improved_6_months"),
)

DERIVED_LABELS = {
    "*age": N_("Age"),
    "*isced_group": N_("ISCED group"),
    "*s104c_expires_on": N_("§ 104c expires on"),
}
# Rows showing a stored value that other screens keep: the absence totals from the dated
# absences (tab "Ausbildungsverlauf"), the support need from the newest needs assessment
# (tab "Förderbedarf"). Their caption is the field's label.
RECORD_DERIVED = frozenset(
    {
        "*absence_hours",
        "*unexcused_absence_hours",
        "*absence_as_of",
        "*support_need_assessed_on",
        "*support_need_areas",
    }
)

PLACEHOLDERS = {
    "nationalities": N_("ISO codes, e.g. SY, AF, UA"),
    "birth_country": N_("ISO code, e.g. SY"),
    "first_languages": N_("ISO codes, e.g. ar, fa, uk"),
    "target_occupations": N_("separate with commas"),
    "school_year": N_("e.g. 2026/27"),
    "school_class": N_("e.g. BVJ-1"),
}

# Links: the organisation field first, its contact person in the row after it (same group).
_TRAINING_COMPANIES = (OrganizationKind.TRAINING_COMPANY, OrganizationKind.EMPLOYER)
LINKS = {
    "jobcenter_id": LinkOptions("jobcenter_id", (OrganizationKind.JOB_CENTER,)),
    "job_center_advisor_id": LinkOptions(
        "job_center_advisor_id", organization_field="jobcenter_id"
    ),
    "school_id": LinkOptions("school_id", (OrganizationKind.SCHOOL,)),
    "class_teacher_id": LinkOptions("class_teacher_id", organization_field="school_id"),
    "training_company_id": LinkOptions("training_company_id", _TRAINING_COMPANIES),
    "trainer_id": LinkOptions("trainer_id", organization_field="training_company_id"),
    "chamber_id": LinkOptions("chamber_id", (OrganizationKind.CHAMBER,)),
}

_OPTIONS = {
    **{name: FieldOptions(link=link) for name, link in LINKS.items()},
    "nationalities": FieldOptions(codes=True, case="upper"),
    "first_languages": FieldOptions(codes=True, case="lower"),
    "birth_country": FieldOptions(case="upper", pattern="[A-Za-z]{0,2}"),
    "driving_licences": FieldOptions(enum_list=DrivingLicenceClass, enum_grid=True),
    "risk_factors": FieldOptions(enum_list=RiskFactor),
    "placement_barriers": FieldOptions(long_text=True),
    "performance": FieldOptions(long_text=True),
    "other_support_services": FieldOptions(long_text=True),
    "notes": FieldOptions(long_text=True),
}


# The residence rows that fit only some Aufenthaltsstatus; the derived § 104c expiry goes with
# its grant date. Which status each fits: app.services.follow_ups.residence_fields_for.
RESIDENCE_ROWS = {
    "residence_title_valid_until": "residence_title_valid_until",
    "s104c_granted_on": "s104c_granted_on",
    "*s104c_expires_on": "s104c_granted_on",
    "s25_application_on": "s25_application_on",
}
_GENERATING = {"residence_title_valid_until", "s104c_granted_on"}


@dataclass(frozen=True)
class RowState:
    enabled: bool
    tooltip: str


def _belongs_to(field: str) -> str:
    if field == "residence_title_valid_until":
        return _(
            "Belongs to a residence status whose title expires: every residence permit except "
            "§ 104c, permission to reside, toleration, other. Not for a settlement permit."
        )
    return _("Belongs to the residence status “{status}”.").format(
        status=ResidenceStatus.S104C.label
    )


def residence_row_states(
    status: ResidenceStatus | None, values: dict[str, Any]
) -> dict[str, RowState]:
    """Enabled or not, and the tooltip saying which status it belongs to, for each residence
    row. A stored value in a row that does not fit is kept; the tooltip says so."""
    fitting = residence_fields_for(status)
    states: dict[str, RowState] = {}
    for row, field in RESIDENCE_ROWS.items():
        enabled = field in fitting
        tooltip = _belongs_to(field)
        if not enabled and row in _GENERATING and values.get(row) is not None:
            tooltip += " " + _("The stored date is kept but creates no follow-up.")
        states[row] = RowState(enabled, tooltip)
    return states


def fields_of(columns: tuple[Column, ...]) -> list[str]:
    """The editable fields of a tab, in screen order (derived rows left out)."""
    return [
        name
        for column in columns
        for group in column
        for name in group.fields
        if not name.startswith("*")
    ]


def caption(name: str) -> str:
    """The German label of a field or derived row."""
    if name in RECORD_DERIVED:
        return label(name[1:])
    if name.startswith("*"):
        return _(DERIVED_LABELS[name])
    return label(name)


def annotation(name: str) -> Any:
    return Participant.model_fields[name].annotation


def options(name: str) -> FieldOptions:
    """Input options: the explicit ones above plus the column's maximum length."""
    base = _OPTIONS.get(name, FieldOptions())
    metadata = Participant.model_fields[name].metadata
    max_length = next((m.max_length for m in metadata if hasattr(m, "max_length")), None)
    if max_length is None or base.max_length is not None:
        return base
    return replace(base, max_length=max_length)


def align_captions(captions: list[QLabel]) -> None:
    """Give the labels of one column the same width, so that the fields line up."""
    width = max((caption.sizeHint().width() for caption in captions), default=0)
    for caption in captions:
        caption.setMinimumWidth(width)


def shown_value(value: object) -> str:
    """A stored value as a read-only row shows it."""
    if isinstance(value, date):
        return format_german_date(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == [] or value == "":
        return EMPTY
    if isinstance(value, list):  # the one list among the read-only rows: support need areas
        return ", ".join(SupportNeedArea(code).label for code in value)
    if isinstance(value, LabeledEnum):
        return value.label
    return str(value)

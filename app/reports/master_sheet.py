"""Stammblatt: one participant's ESF+ data at entry, in the order of the entry questionnaire."""

from __future__ import annotations

from datetime import date
from enum import Enum
from functools import cache

from babel import Locale
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.i18n import N_, PROGRAM_LANGUAGE, _, format_date
from app.models.office_settings import OfficeSettings
from app.models.participant import Participant
from app.models.participant_fields import label
from app.reports.bilingual import Labels
from app.reports.document import (
    DocumentInfo,
    build_pdf,
    key_value_table,
    styles,
    text_markup,
)
from app.vocab import LabeledEnum, YesNoUnknown

TITLE = N_("Master sheet: ESF+ data at entry")
# Special categories (Art. 9 GDPR and the ESF+ "sensitive" items): printed only when chosen.
SPECIAL_FIELDS = ("disability", "foreign_background", "minority")
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        N_("Person"),
        ("esf_number", "last_name", "first_name", "birth_date", "gender", "program"),
    ),
    (
        N_("Address and contact"),
        ("street", "postal_code", "city", "rural_area", "phone", "email"),
    ),
    (
        N_("Origin, language and housing"),
        (
            "nationalities",
            "birth_country",
            "first_languages",
            "interpreter_needed",
            "interpreter_language",
            "housing_situation",
            *SPECIAL_FIELDS,
        ),
    ),
    (
        N_("Employment and education at entry"),
        (
            "employment_status_at_entry",
            "unemployed_since",
            "receives_sgb2",
            "school_level",
            "vocational_level",
            "qualification_abroad",
            "isced_group",
        ),
    ),
    (N_("Participation"), ("entry_date", "privacy_notice_given_on")),
)
DERIVED_LABELS = {"isced_group": N_("ISCED group (derived)")}


@cache
def _german() -> Locale:
    return Locale.parse(PROGRAM_LANGUAGE)


def country_name(code: str) -> str:
    return _german().territories.get(code.upper(), code)


def language_name(code: str) -> str:
    return _german().languages.get(code.lower(), code)


def _yes_no(value: bool) -> str:
    return (YesNoUnknown.YES if value else YesNoUnknown.NO).label


def display_value(name: str, value: object) -> str:
    """A field's value as the sheet prints it (German labels, dd.mm.yyyy, country names)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, LabeledEnum):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, date):
        return format_date(value)
    if name == "nationalities":
        return ", ".join(country_name(code) for code in value)  # type: ignore[attr-defined]
    if name == "birth_country":
        return country_name(str(value))
    if name == "first_languages":
        return ", ".join(language_name(code) for code in value)  # type: ignore[attr-defined]
    return str(value)


def _field_label(name: str) -> str:
    return _(DERIVED_LABELS[name]) if name in DERIVED_LABELS else label(name)


def render_master_sheet(
    participant: Participant,
    settings: OfficeSettings,
    *,
    include_special_categories: bool = False,
    today: date | None = None,
) -> bytes:
    """The Stammblatt as PDF bytes; special categories only when ``include_special_categories``."""
    st = styles()
    story: list[Flowable] = [
        Paragraph(text_markup(_(TITLE)), st.title),
        Paragraph(
            text_markup(
                _("{name} · as of {date}").format(
                    name=participant.full_name, date=format_date(today or date.today())
                )
            ),
            st.subtitle,
        ),
    ]
    for heading, names in GROUPS:
        shown = [n for n in names if include_special_categories or n not in SPECIAL_FIELDS]
        rows = [
            (text_markup(_field_label(n)), text_markup(display_value(n, getattr(participant, n))))
            for n in shown
        ]
        story += [Paragraph(text_markup(_(heading)), st.heading), key_value_table(rows)]
    if not include_special_categories:
        story.append(Spacer(0, 2 * mm))
        story.append(
            Paragraph(
                text_markup(
                    _(
                        "Special categories of personal data (disability, foreign background, "
                        "minority) are not printed."
                    )
                ),
                st.small,
            )
        )
    info = DocumentInfo(_(TITLE), Labels(), participant.program)
    return build_pdf(story, settings, info)

"""Which column holds which field: the fields of each kind of import with their German labels
and the headers coordinators write for them, the suggestion by header, the mapping Lotse
remembers per kind (``setting`` row ``import_mapping_<kind>``, JSON: normalised header →
field) and a mapping given as a JSON file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from app.db.reads import Reads
from app.i18n import N_, _
from app.models.participant_fields import label as participant_label
from app.services import job_offers, organizations, participants, validation_rules
from app.services.imports import values
from app.services.imports.reader import ImportFileError
from app.text import fold
from app.vocab import (
    AcquisitionChannel,
    CooperationStatus,
    DrivingLicenceClass,
    GermanLevel,
    JobOfferSource,
    JobOfferStatus,
    OrganizationKind,
    RiskFactor,
    SkillLevel,
)

SETTING_PREFIX = "import_mapping_"
ColumnMapping = tuple[str | None, ...]  # per column of the table: the field, or None (left out)


class ImportKind(StrEnum):
    PARTICIPANTS = "participants"
    ORGANISATIONS = "organisations"
    OFFERS = "offers"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {
    ImportKind.PARTICIPANTS: N_("Participants"),
    ImportKind.ORGANISATIONS: N_("Organisations"),
    ImportKind.OFFERS: N_("Job offers"),
}


@dataclass(frozen=True)
class ImportField:
    name: str  # the service's field name, or the import's own (employer, contact_name …)
    label: str  # German
    read: Callable[[values.Cell], object]
    synonyms: tuple[str, ...] = ()
    required: bool = False


_SPELLING = re.compile(r"(?<=[aou])e")


def normalise(header: str) -> str:
    """A header as the suggestion compares it: "  Geb.-Datum " = "geb datum" = "Gebdatum";
    "Straße" = "Strasse"; "Nationalität" = "Nationalitaet"."""
    return _SPELLING.sub("", "".join(re.findall(r"[^\W_]+", fold(header))))


# -- the fields of each kind -------------------------------------------------------------------

PARTICIPANT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "last_name": ("Nachname", "Name", "Familienname", "Zuname"),
    "first_name": ("Vorname", "Vornamen", "Rufname"),
    "birth_date": ("Geburtsdatum", "Geb.-Datum", "Geb. am", "Geboren am", "Geburtstag", "Geb."),
    "gender": ("Geschlecht",),
    "street": ("Straße", "Anschrift", "Adresse", "Straße und Hausnummer", "Straße, Hausnr."),
    "postal_code": ("PLZ", "Postleitzahl"),
    "city": ("Ort", "Wohnort", "Stadt"),
    "phone": ("Telefon", "Tel.", "Telefonnummer", "Handy", "Mobil", "Mobilnummer"),
    "email": ("E-Mail", "Mail", "E-Mail-Adresse"),
    "nationalities": ("Staatsangehörigkeit", "Nationalität", "Staatsangehörigkeiten"),
    "birth_country": ("Geburtsland", "Herkunftsland"),
    "first_languages": ("Erstsprache", "Muttersprache", "Erstsprachen"),
    "esf_number": ("TN-Nr.", "TN-Nummer", "Teilnehmernummer", "TN Nr"),
    "program": ("Förderbereich", "Programm"),
    "status": ("Status",),
    "entry_date": ("Eintritt", "Eintrittsdatum", "Eintritt am", "Aufnahme"),
    "exit_date": ("Austritt", "Austrittsdatum", "Austritt am"),
    "privacy_notice_given_on": ("Datenschutzhinweise", "Datenschutzhinweise ausgehändigt"),
    "employment_status_at_entry": ("Erwerbsstatus", "Erwerbsstatus bei Eintritt"),
    "school_level": ("Schulabschluss", "Höchster Schulabschluss"),
    "vocational_level": ("Berufsabschluss", "Höchster Berufsabschluss"),
    "housing_situation": ("Wohnsituation",),
    "disability": ("Behinderung",),
    "receives_sgb2": ("SGB II", "SGB-II-Bezug", "SGB II Bezug"),
    "job_center_customer_number": ("Kundennummer", "Kd.-Nr.", "Kundennr."),
    "benefit_community_number": ("BG-Nummer", "BG-Nr.", "Bedarfsgemeinschaft"),
    "residence_status": ("Aufenthaltsstatus", "Aufenthalt"),
    "residence_title_valid_until": ("Aufenthaltstitel gültig bis", "Aufenthalt bis"),
    "german_level": ("Deutschniveau", "Sprachniveau", "Deutsch", "GER-Niveau"),
    "target_occupations": ("Zielberuf", "Zielberufe", "Berufswunsch"),
    "mobility_radius_km": ("Mobilitätsradius", "Mobilität (km)"),
    "driving_licences": ("Führerschein", "Führerscheinklassen"),
    "school_class": ("Klasse",),
    "school_year": ("Schuljahr",),
    "apprenticeship_occupation": ("Ausbildungsberuf",),
    "apprenticeship_year": ("Ausbildungsjahr", "Lehrjahr"),
    "apprenticeship_start": ("Ausbildungsbeginn",),
    "apprenticeship_end": ("Ausbildungsende",),
    "notes": ("Bemerkungen", "Bemerkung", "Notizen", "Anmerkungen", "Notiz"),
}
# derived (read-only in the editor) or links to records chosen by typing: not imported
PARTICIPANT_LEFT_OUT = frozenset(
    {"absence_hours", "unexcused_absence_hours", "absence_as_of", "support_need_assessed_on",
     "support_need_areas", "name_sort"} | set(participants.REFERENCES)
)  # fmt: skip
_PARTICIPANT_LISTS: dict[str, Callable[[values.Cell], object]] = {
    "nationalities": values.countries,
    "first_languages": values.languages,
    "driving_licences": lambda cell: values.codes_of(DrivingLicenceClass, cell),
    "risk_factors": lambda cell: values.codes_of(RiskFactor, cell),
    "target_occupations": values.items,
}


def _enum_reader(enum_class: type) -> Callable[[values.Cell], object]:
    return lambda cell: values.vocabulary(enum_class, cell)


def _participant_reader(name: str) -> Callable[[values.Cell], object]:
    if name == "postal_code":
        return values.postal_code
    if name == "birth_country":
        return values.country
    if name in validation_rules.ENUM_FIELDS:
        return _enum_reader(validation_rules.ENUM_FIELDS[name])
    if name in validation_rules.ALL_DATE_FIELDS:
        return values.date_value
    if name in validation_rules.BOOL_FIELDS:
        return values.yes_no
    if name in validation_rules.NUMBER_FIELDS:
        return values.whole_number
    if name in _PARTICIPANT_LISTS:
        return _PARTICIPANT_LISTS[name]
    if validation_rules.TEXT_FIELDS.get(name, 0) is None:
        return values.long_text
    return values.text


def _participant_fields() -> tuple[ImportField, ...]:
    from app.models.participant_fields import LABELS

    return tuple(
        ImportField(
            name,
            participant_label(name),
            _participant_reader(name),
            PARTICIPANT_SYNONYMS.get(name, ()),
            required=name == "last_name",
        )
        for name in LABELS
        if name not in PARTICIPANT_LEFT_OUT
    )


ORGANIZATION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Firma", "Firmenname", "Organisation", "Unternehmen", "Betrieb",
             "Arbeitgeber", "Einrichtung"),
    "kind": ("Art", "Art der Organisation", "Typ"),
    "street": ("Straße", "Anschrift", "Adresse"),
    "postal_code": ("PLZ", "Postleitzahl"),
    "city": ("Ort", "Stadt"),
    "branch": ("Branche", "Wirtschaftszweig"),
    "employees": ("Beschäftigte", "Mitarbeiter", "Mitarbeitende", "Anzahl Mitarbeiter",
                  "Anzahl Beschäftigte", "MA"),
    "betriebsnummer": ("Betriebsnummer", "BNR", "Betriebsnr."),
    "first_contact_on": ("Erstkontakt", "Erstkontakt am"),
    "acquisition_channel": ("Akquiseweg", "Akquise"),
    "cooperation_status": ("Kooperationsstatus", "Kooperation", "Status"),
    "support_needs": ("Unterstützungsbedarf",),
    "phone": ("Telefon", "Tel.", "Telefonnummer"),
    "email": ("E-Mail", "Mail"),
    "notes": ("Bemerkungen", "Bemerkung", "Notizen", "Anmerkungen"),
    "contact_name": ("Ansprechperson", "Ansprechpartner", "Ansprechpartnerin",
                     "Kontaktperson"),
    "contact_function": ("Funktion", "Position"),
    "contact_phone": ("Telefon Ansprechperson", "Tel. Ansprechpartner"),
    "contact_email": ("E-Mail Ansprechperson", "Mail Ansprechpartner"),
}  # fmt: skip
ORGANIZATION_READERS: dict[str, Callable[[values.Cell], object]] = {
    "kind": _enum_reader(OrganizationKind),
    "postal_code": values.postal_code,
    "employees": values.whole_number,
    "betriebsnummer": values.betriebsnummer,
    "first_contact_on": values.date_value,
    "acquisition_channel": _enum_reader(AcquisitionChannel),
    "cooperation_status": _enum_reader(CooperationStatus),
    "support_needs": values.long_text,
    "notes": values.long_text,
}
CONTACT_LABELS = {
    "contact_name": N_("Contact person"),
    "contact_function": N_("Contact person: function"),
    "contact_phone": N_("Contact person: phone"),
    "contact_email": N_("Contact person: e-mail"),
}


def _organization_fields() -> tuple[ImportField, ...]:
    own = [
        ImportField(
            name,
            organizations.label(name),
            ORGANIZATION_READERS.get(name, values.text),
            ORGANIZATION_SYNONYMS.get(name, ()),
            required=name == "name",
        )
        for name in organizations.LABELS
        if name != "chamber_id"
    ]
    contact = [
        ImportField(name, _(msgid), values.text, ORGANIZATION_SYNONYMS[name])
        for name, msgid in CONTACT_LABELS.items()
    ]
    return (*own, *contact)


OFFER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("Titel", "Stelle", "Stellenbezeichnung", "Stellentitel", "Bezeichnung"),
    "employer": ("Arbeitgeber", "Firma", "Betrieb", "Unternehmen"),
    "occupation": ("Beruf",),
    "skill_level": ("Anforderungsniveau", "Niveau", "Anforderung"),
    "location": ("Arbeitsort", "Ort", "Einsatzort"),
    "location_postal_code": ("PLZ", "PLZ Arbeitsort", "Postleitzahl"),
    "hours_per_week": ("Stunden", "Wochenstunden", "Std./Woche", "Stunden pro Woche",
                       "Arbeitszeit"),
    "shifts": ("Schicht", "Schichten", "Schichtarbeit"),
    "start_on": ("Beginn", "ab", "Eintritt", "Start"),
    "fixed_term_until": ("befristet bis", "Befristung"),
    "hourly_wage_cents": ("Stundenlohn", "Lohn", "Lohn/Std.", "Stundenlohn (€)"),
    "social_insurance": ("svpfl.", "sozialversicherungspflichtig", "SV-pflichtig"),
    "min_german_level": ("Deutschniveau", "Deutsch", "Mindest-Deutschniveau", "Sprachniveau"),
    "required_driving_licence": ("Führerschein", "Führerscheinklasse"),
    "vacancies": ("Anzahl Stellen", "Anzahl", "Stellen", "Plätze"),
    "source": ("Quelle",),
    "status": ("Status",),
    "acquired_on": ("akquiriert am", "Akquise am", "Eingang"),
    "valid_until": ("gültig bis", "Ablauf", "läuft ab"),
    "notes": ("Bemerkungen", "Bemerkung", "Notizen", "Anmerkungen"),
}  # fmt: skip
OFFER_READERS: dict[str, Callable[[values.Cell], object]] = {
    "skill_level": _enum_reader(SkillLevel),
    "location_postal_code": values.postal_code,
    "hours_per_week": values.decimal,
    "hourly_wage_cents": values.euros,
    "social_insurance": values.yes_no,
    "min_german_level": _enum_reader(GermanLevel),
    "required_driving_licence": _enum_reader(DrivingLicenceClass),
    "vacancies": values.whole_number,
    "source": _enum_reader(JobOfferSource),
    "status": _enum_reader(JobOfferStatus),
    "notes": values.long_text,
    **{name: values.date_value for name in job_offers.DATES},
}


def _offer_fields() -> tuple[ImportField, ...]:
    return tuple(
        ImportField(
            "employer" if name == "employer_id" else name,
            job_offers.label(name),
            OFFER_READERS.get(name, values.text),
            OFFER_SYNONYMS["employer" if name == "employer_id" else name],
            required=name in ("title", "employer_id"),
        )
        for name in job_offers.LABELS
    )


@cache
def fields_of(kind: ImportKind) -> tuple[ImportField, ...]:
    """The fields an import of ``kind`` can fill, in the order of the editor."""
    if kind == ImportKind.PARTICIPANTS:  # == : "participants" (a str) is the same key
        return _participant_fields()
    if kind == ImportKind.ORGANISATIONS:
        return _organization_fields()
    return _offer_fields()


def field_named(kind: ImportKind, name: str) -> ImportField:
    return next(f for f in fields_of(kind) if f.name == name)


@cache
def _spellings(kind: ImportKind) -> dict[str, str]:
    """Normalised header → field: labels first, then the synonyms (the first claim wins)."""
    found: dict[str, str] = {}
    for field in fields_of(kind):
        found.setdefault(normalise(field.label), field.name)
        found.setdefault(normalise(field.name), field.name)
    for field in fields_of(kind):
        for synonym in field.synonyms:
            found.setdefault(normalise(synonym), field.name)
    return found


def known_header(kind: ImportKind) -> Callable[[str], bool]:
    spellings = _spellings(kind)
    return lambda text: normalise(text) in spellings


# -- suggestion and remembered mappings --------------------------------------------------------


def suggest(
    kind: ImportKind, headers: Sequence[str], remembered: Mapping[str, str] | None = None
) -> ColumnMapping:
    """A field per column: what was remembered for the header, else the field whose label or
    usual header it is; each field for one column only (the first)."""
    remembered = remembered or {}
    names = {f.name for f in fields_of(kind)}
    spellings = _spellings(kind)
    taken: set[str] = set()
    chosen: list[str | None] = []
    for header in headers:
        key = normalise(header)
        if key in remembered:
            field = remembered[key] or None
            field = field if field in names else None
        else:
            field = spellings.get(key)
        if field in taken:
            field = None
        if field is not None:
            taken.add(field)
        chosen.append(field)
    return tuple(chosen)


def setting_key(kind: ImportKind | str) -> str:
    return f"{SETTING_PREFIX}{ImportKind(kind).value}"


def remembered_mapping(reads: Reads, kind: ImportKind) -> dict[str, str]:
    """The mapping the last import of ``kind`` used (normalised header → field, "" for a
    column left out); empty when none was stored or it cannot be read."""
    found = reads.rows("SELECT value FROM setting WHERE key = ?", (setting_key(kind),))
    if not found:
        return {}
    try:
        stored = json.loads(found[0][0])
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {str(k): str(v) for k, v in stored.items() if isinstance(v, str)}


def to_remember(
    previous: Mapping[str, str], headers: Sequence[str], mapping: ColumnMapping
) -> dict[str, str]:
    """The stored mapping with this import's columns added (later imports take them over)."""
    merged = dict(previous)
    for header, field in zip(headers, mapping, strict=True):
        merged[normalise(header)] = field or ""
    return merged


def mapping_errors(kind: ImportKind, headers: Sequence[str], mapping: ColumnMapping) -> list[str]:
    """What makes a mapping unusable: a field twice, a required field on no column."""
    problems = []
    if len(mapping) != len(headers):
        return [_("The mapping does not fit the columns of the file.")]
    names = {f.name for f in fields_of(kind)}
    for field in sorted({f for f in mapping if f is not None and f not in names}):
        problems.append(_("Unknown field “{field}” in the mapping.").format(field=field))
    for field in fields_of(kind):
        columns = [headers[i] for i, chosen in enumerate(mapping) if chosen == field.name]
        if len(columns) > 1:
            problems.append(
                _("The field “{field}” is chosen for several columns: {columns}.").format(
                    field=field.label, columns=", ".join(f"„{c}“" for c in columns)
                )
            )
        if field.required and not columns:
            problems.append(
                _("No column is chosen for the field “{field}”, which is needed.").format(
                    field=field.label
                )
            )
    return problems


def mapping_from_file(path: Path, kind: ImportKind, headers: Sequence[str]) -> ColumnMapping:
    """``--mapping FILE``: JSON ``{"column header": "field"}`` (the field's name, e.g.
    ``birth_date``, or its German label; null or "" leaves the column out). Columns the file
    does not name are left out. ImportFileError naming what does not fit."""
    try:
        given = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise ImportFileError(
            _("The mapping file {path} cannot be read: {error}").format(path=path, error=error)
        ) from error
    if not isinstance(given, dict):
        raise ImportFileError(
            _("The mapping file {path} must hold one JSON object: column header → field.").format(
                path=path
            )
        )
    by_label = {normalise(f.label): f.name for f in fields_of(kind)}
    names = {f.name for f in fields_of(kind)}
    columns = {normalise(header): index for index, header in enumerate(headers)}
    chosen: list[str | None] = [None] * len(headers)
    problems = []
    for header, target in given.items():
        index = columns.get(normalise(str(header)))
        if index is None:
            problems.append(_("The file has no column “{header}”.").format(header=header))
            continue
        if target in (None, ""):
            continue
        field = target if target in names else by_label.get(normalise(str(target)))
        if field is None:
            problems.append(_("Unknown field “{field}” in the mapping.").format(field=target))
            continue
        chosen[index] = field
    if problems:
        raise ImportFileError(" ".join(problems))
    return tuple(chosen)

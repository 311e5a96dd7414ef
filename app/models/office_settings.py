"""The office settings that print on documents (Träger, Landkreis, Förderkennzeichen, …).

A plain value with its field labels and checks; stored as key/value rows (``Setting``) by
app.services.settings. Read by the reports and the services alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from app.errors import FieldError
from app.i18n import N_, _
from app.vocab import Program

DEFAULT_STATE = "Sachsen-Anhalt"
DEFAULT_APPROVING_BODY = "Landesverwaltungsamt Sachsen-Anhalt"

# Field labels as the settings dialog shows them (msgids; translated when used).
LABELS = {
    "provider": N_("Provider (Träger)"),
    "district": N_("District (Landkreis)"),
    "state": N_("Federal state"),
    "approving_body": N_("Approving body"),
    "funding_reference": N_("Funding reference (Förderkennzeichen)"),
    "programs": N_("Funding areas in use"),
    "coordinator_name": N_("Coordinator"),
    "logo_path": N_("Logo file"),
    "lock_minutes": N_("Lock after minutes without input (0: never)"),
    "follow_up_horizon_weeks": N_("Look ahead for follow-ups (weeks)"),
    "check_in_weeks": N_("Aftercare check-in every (weeks)"),
    "risk_weeks": N_("Employment at risk after weeks without contact"),
    "approval_weeks": N_("Remind of a measure not approved after weeks"),
    "calendar_detail": N_("Calendar export shows"),
}
REQUIRED = ("provider", "district", "state", "coordinator_name")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


DEFAULT_LOCK_MINUTES = 10
MAX_LOCK_MINUTES = 240
# How far the Übersicht's "Demnächst" and the Wiedervorlagen page's default filter look ahead.
DEFAULT_FOLLOW_UP_HORIZON_WEEKS = 4
MIN_FOLLOW_UP_HORIZON_WEEKS = 1
MAX_FOLLOW_UP_HORIZON_WEEKS = 26
# Aftercare of an employment (app.services.employments): a check-in follow-up every N weeks,
# and an employment counts as at risk after N weeks without a contact note.
DEFAULT_CHECK_IN_WEEKS = 4
DEFAULT_RISK_WEEKS = 6
# A measure applied for and not approved after N weeks gets a follow-up (app.services.measures).
DEFAULT_APPROVAL_WEEKS = 6
MIN_AFTERCARE_WEEKS = 1
MAX_AFTERCARE_WEEKS = 26
# the week settings: their default and range
WEEK_SETTINGS = {
    "follow_up_horizon_weeks": (
        DEFAULT_FOLLOW_UP_HORIZON_WEEKS,
        MIN_FOLLOW_UP_HORIZON_WEEKS,
        MAX_FOLLOW_UP_HORIZON_WEEKS,
    ),
    "check_in_weeks": (DEFAULT_CHECK_IN_WEEKS, MIN_AFTERCARE_WEEKS, MAX_AFTERCARE_WEEKS),
    "risk_weeks": (DEFAULT_RISK_WEEKS, MIN_AFTERCARE_WEEKS, MAX_AFTERCARE_WEEKS),
    "approval_weeks": (DEFAULT_APPROVAL_WEEKS, MIN_AFTERCARE_WEEKS, MAX_AFTERCARE_WEEKS),
}
# How much of the person an appointment in the calendar export (app.services.calendar_export)
# names besides the follow-up's title: the code as stored and its label.
CALENDAR_TITLE_ONLY, CALENDAR_INITIALS, CALENDAR_NAME = "title", "initials", "name"
CALENDAR_DETAILS = {
    CALENDAR_TITLE_ONLY: N_("Title only"),
    CALENDAR_INITIALS: N_("Initials and title"),
    CALENDAR_NAME: N_("Name and title"),
}
DEFAULT_CALENDAR_DETAIL = CALENDAR_INITIALS


@dataclass(frozen=True)
class OfficeSettings:
    provider: str = ""
    district: str = ""
    state: str = DEFAULT_STATE
    approving_body: str = DEFAULT_APPROVING_BODY
    funding_reference: str = ""
    programs: frozenset[Program] = field(
        default_factory=lambda: frozenset({Program.JOKO, Program.TRAINING})
    )
    coordinator_name: str = ""
    logo_path: str = ""
    lock_minutes: int = DEFAULT_LOCK_MINUTES
    follow_up_horizon_weeks: int = DEFAULT_FOLLOW_UP_HORIZON_WEEKS
    check_in_weeks: int = DEFAULT_CHECK_IN_WEEKS
    risk_weeks: int = DEFAULT_RISK_WEEKS
    approval_weeks: int = DEFAULT_APPROVAL_WEEKS
    calendar_detail: str = DEFAULT_CALENDAR_DETAIL  # a key of CALENDAR_DETAILS

    @property
    def complete(self) -> bool:
        return not validation_errors(self)


def label(name: str) -> str:
    return _(LABELS[name])


def encode(settings: OfficeSettings) -> dict[str, str]:
    """The settings as stored: one text per field."""
    values: dict[str, str] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if f.name == "programs":
            value = ",".join(sorted(p.value for p in value))
        values[f.name] = str(value)
    return values


def decode(values: dict[str, str]) -> OfficeSettings:
    """Settings from stored texts; unknown keys and codes are left out."""
    known = {f.name for f in fields(OfficeSettings)}
    kwargs: dict[str, object] = {k: v for k, v in values.items() if k in known}
    if "programs" in kwargs:
        codes = [c for c in str(kwargs["programs"]).split(",") if c]
        kwargs["programs"] = frozenset(Program(c) for c in codes if c in Program._value2member_map_)
    if "lock_minutes" in kwargs:
        text = str(kwargs["lock_minutes"])
        kwargs["lock_minutes"] = int(text) if text.isdigit() else DEFAULT_LOCK_MINUTES
    for name, (default, _least, _most) in WEEK_SETTINGS.items():
        if name in kwargs:
            text = str(kwargs[name])
            kwargs[name] = int(text) if text.isdigit() else default
    if kwargs.get("calendar_detail", DEFAULT_CALENDAR_DETAIL) not in CALENDAR_DETAILS:
        kwargs["calendar_detail"] = DEFAULT_CALENDAR_DETAIL
    return OfficeSettings(**kwargs)  # type: ignore[arg-type]


def validation_errors(settings: OfficeSettings) -> list[FieldError]:
    errors: list[FieldError] = []
    for name in REQUIRED:
        if not str(getattr(settings, name)).strip():
            errors.append(FieldError(name, label(name), _("Please fill in this field.")))
    if not settings.programs:
        errors.append(FieldError("programs", label("programs"), _("Please choose at least one.")))
    if not 0 <= settings.lock_minutes <= MAX_LOCK_MINUTES:
        errors.append(
            FieldError(
                "lock_minutes",
                label("lock_minutes"),
                _("Please enter 0 to {most} minutes.").format(most=MAX_LOCK_MINUTES),
            )
        )
    for name, (_default, least, most) in WEEK_SETTINGS.items():
        weeks = getattr(settings, name)
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not least <= weeks <= most:
            errors.append(
                FieldError(
                    name,
                    label(name),
                    _("Please enter {least} to {most} weeks.").format(least=least, most=most),
                )
            )
    if settings.calendar_detail not in CALENDAR_DETAILS:
        errors.append(
            FieldError(
                "calendar_detail",
                label("calendar_detail"),
                _("Please choose one of: {choices}.").format(
                    choices=", ".join(_(text) for text in CALENDAR_DETAILS.values())
                ),
            )
        )
    if settings.logo_path:
        logo = Path(settings.logo_path)
        if logo.suffix.lower() not in LOGO_SUFFIXES:
            errors.append(
                FieldError("logo_path", label("logo_path"), _("Please choose a PNG or JPEG file."))
            )
        elif not logo.is_file():
            errors.append(
                FieldError("logo_path", label("logo_path"), _("The file does not exist."))
            )
    return errors

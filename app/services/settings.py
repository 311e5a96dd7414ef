"""Office settings that print on documents (Träger, Landkreis, Förderkennzeichen, …)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from app.db.reads import Reads
from app.db.unit_of_work import UnitOfWork
from app.errors import FieldError, ValidationError
from app.i18n import N_, _
from app.vocab import AuditAction, Program

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
}
REQUIRED = ("provider", "district", "state", "coordinator_name")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


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

    @property
    def complete(self) -> bool:
        return not validation_errors(self)


def label(name: str) -> str:
    return _(LABELS[name])


def _encode(settings: OfficeSettings) -> dict[str, str]:
    values: dict[str, str] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if f.name == "programs":
            value = ",".join(sorted(p.value for p in value))
        values[f.name] = value
    return values


def _decode(values: dict[str, str]) -> OfficeSettings:
    known = {f.name for f in fields(OfficeSettings)}
    kwargs: dict[str, object] = {k: v for k, v in values.items() if k in known}
    if "programs" in kwargs:
        codes = [c for c in str(kwargs["programs"]).split(",") if c]
        kwargs["programs"] = frozenset(Program(c) for c in codes if c in Program._value2member_map_)
    return OfficeSettings(**kwargs)  # type: ignore[arg-type]


def _stored(reads: Reads) -> dict[str, str]:
    """All stored values; plain SQL, read at every start (no ORM needed for the first window)."""
    return dict(reads.rows("SELECT key, value FROM setting"))


def has_settings(reads: Reads) -> bool:
    return bool(_stored(reads))


def load_settings(reads: Reads) -> OfficeSettings:
    return _decode(_stored(reads))


def validation_errors(settings: OfficeSettings) -> list[FieldError]:
    errors: list[FieldError] = []
    for name in REQUIRED:
        if not str(getattr(settings, name)).strip():
            errors.append(FieldError(name, label(name), _("Please fill in this field.")))
    if not settings.programs:
        errors.append(FieldError("programs", label("programs"), _("Please choose at least one.")))
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


def save_settings(uow: UnitOfWork, settings: OfficeSettings) -> OfficeSettings:
    """Validate, trim and store all settings in one transaction."""
    settings = replace(
        settings,
        **{
            f.name: getattr(settings, f.name).strip()
            for f in fields(settings)
            if isinstance(getattr(settings, f.name), str)
        },
    )
    errors = validation_errors(settings)
    if errors:
        raise ValidationError(errors)
    from app.models.setting import Setting  # the ORM loads after the first window
    from app.services import audit

    stored, wanted = _stored(uow), _encode(settings)
    changed = [key for key, value in wanted.items() if stored.get(key) != value]
    for key in changed:
        uow.session.merge(Setting(key=key, value=wanted[key]))
    if changed:
        audit.record(uow.session, AuditAction.UPDATE, "setting", None, changed)
    uow.commit()
    return settings

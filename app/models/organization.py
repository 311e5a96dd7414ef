"""Organisationen (the network) and their Ansprechpersonen."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.models.base import EnumText, UTCDateTime, utc_now
from app.vocab import AcquisitionChannel, CooperationStatus, OrganizationKind, SizeClass


class Organization(SQLModel, table=True):
    """Organisation: Arbeitgeber, Ausbildungsbetrieb, Schule, Kammer, Jobcenter, …"""

    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    kind: OrganizationKind = Field(
        default=OrganizationKind.EMPLOYER, sa_type=EnumText(OrganizationKind), index=True
    )
    name: str = Field(max_length=200, index=True)
    street: str = Field(default="", max_length=150)
    postal_code: str = Field(default="", max_length=5)
    city: str = Field(default="", max_length=100)
    branch: str = Field(default="", max_length=150)  # Branche
    employees: int | None = None
    betriebsnummer: str | None = Field(default=None, max_length=8)  # 8 digits, as text
    chamber_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    first_contact_on: date | None = None
    acquisition_channel: AcquisitionChannel | None = Field(
        default=None, sa_type=EnumText(AcquisitionChannel)
    )
    cooperation_status: CooperationStatus | None = Field(
        default=None, sa_type=EnumText(CooperationStatus)
    )
    support_needs: str = ""  # Unterstützungsbedarf
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )

    @property
    def size_class(self) -> SizeClass | None:
        return SizeClass.from_employees(self.employees)


class ContactPerson(SQLModel, table=True):
    """Ansprechperson of an organisation."""

    __tablename__ = "contact_person"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    function: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    notes: str = ""

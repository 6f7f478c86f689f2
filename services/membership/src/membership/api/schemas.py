"""Request and response bodies of the membership API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from clusterkit.codes import HsCode, Stir
from membership.domain import ApplicationStatus, MemberStatus, Region, Sector, Unit

Tonnes = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=3)]
Sectors = Annotated[list[Sector], Field(min_length=1, max_length=len(Sector))]
Reason = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quantity(Strict):
    quantity: Decimal = Field(ge=0, max_digits=18, decimal_places=3)
    unit: Unit


class PlannedProduct(Strict):
    hs_code: HsCode
    description: str = Field(min_length=1, max_length=500)
    annual_capacity: Quantity


class Contact(Strict):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    phone: str = Field(pattern=r"^\+?[0-9 ()-]{7,20}$")


class ApplicationSubmission(Strict):
    """What a company sends to apply for membership."""

    legal_name: str = Field(min_length=2, max_length=300)
    stir: Stir
    region: Region
    sectors: Sectors
    planned_products: list[PlannedProduct] = Field(default_factory=list, max_length=100)
    requested_cathode_tpy: Tonnes
    contact: Contact
    proposal: str = Field(min_length=1, max_length=20_000)


class Application(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    planned_products: list[PlannedProduct]
    requested_cathode_tpy: Decimal
    contact: Contact
    proposal: str
    status: ApplicationStatus
    member_id: UUID | None = None
    submitted_at: datetime
    updated_at: datetime
    version: int


class SubmittedApplication(Application):
    access_token: str = Field(
        description="Shown once. Send it as X-Application-Token to read the application, "
        "answer an information request or withdraw it."
    )


class ApplicationSummary(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    status: ApplicationStatus
    submitted_at: datetime
    updated_at: datetime


class Transition(BaseModel):
    action: str
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    actor: str
    reason: str | None
    at: datetime


class OptionalReason(Strict):
    reason: Reason | None = None


class RequiredReason(Strict):
    reason: Reason


class Approval(Strict):
    reason: Reason | None = None
    cathode_quota_tpy: Tonnes | None = Field(
        None, description="Defaults to the quota the applicant requested."
    )


class Suspension(Strict):
    reason: Reason
    until: datetime | None = Field(None, description="The suspension ends by itself then.")


class Member(BaseModel):
    """A registry entry. ``contact``, ``planned_products``, ``cathode_quota_tpy`` and the
    suspension details are only shown to admins and to the member itself."""

    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    status: MemberStatus
    admitted_at: datetime
    contact: Contact | None = None
    planned_products: list[PlannedProduct] | None = None
    cathode_quota_tpy: Decimal | None = None
    suspended_until: datetime | None = None
    suspension_reason: str | None = None
    version: int | None = None


class MemberPatch(Strict):
    """Admins may change any field; a member only its own contact and planned products."""

    legal_name: str | None = Field(None, min_length=2, max_length=300)
    region: Region | None = None
    sectors: Sectors | None = None
    contact: Contact | None = None
    planned_products: list[PlannedProduct] | None = Field(None, max_length=100)
    cathode_quota_tpy: Tonnes | None = None

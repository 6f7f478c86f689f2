"""Request and answer bodies of applications and their review, and the list's filters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from clusterkit.codes import Stir
from membership.applications.rules import ApplicationStatus
from membership.domain import Region, Sector
from membership.schemas import Contact, PlannedProduct, Reason, Sectors, Strict, Tonnes


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


class ApplicationFilters(BaseModel):
    """The query of the reviewers' list: each filter given narrows it."""

    status: ApplicationStatus | None = None
    region: Region | None = None
    sector: Sector | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None

    def for_query(self) -> dict[str, Any]:
        """The filters as ``queries.APPLICATIONS`` takes them: a sector, as the sectors
        that contain it."""
        filters = self.model_dump(include=set(ApplicationFilters.model_fields))
        return {**filters, "sector": [self.sector] if self.sector else None}


class Transition(BaseModel):
    action: str
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    actor: str
    reason: str | None
    at: datetime


class OptionalReason(Strict):
    reason: Reason | None = None


class Approval(Strict):
    reason: Reason | None = None
    cathode_quota_tpy: Tonnes | None = Field(
        None, description="Defaults to the quota the applicant requested."
    )
